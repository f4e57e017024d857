import GRDB
import LikenessRules

/// Pages of the registry and of the accounts, for people to browse (the web app): never all rows
/// of a large table at once.
public enum Listings {
    /// One page of a listing; `more` when another page follows.
    public struct Page<Item: Sendable>: Sendable {
        public let items: [Item]
        public let more: Bool
    }

    /// Performers whose name or id contains `text` (case-insensitive; all when nil), by name.
    public static func performers(matching text: String?, limit: Int, offset: Int, _ db: Database) throws -> Page<Performer> {
        var request = Performer.all()
        if let text {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            request = request.filter(sql: "name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\'", arguments: [pattern, pattern])
        }
        return page(try request.order(Column("name"), Column("id")).limit(limit + 1, offset: offset).fetchAll(db), limit)
    }

    /// Productions by title.
    public static func productions(limit: Int, offset: Int, _ db: Database) throws -> Page<Production> {
        page(try Production.order(Column("title"), Column("id")).limit(limit + 1, offset: offset).fetchAll(db), limit)
    }

    /// A performer's roles, in every production.
    public static func roles(performer id: String, _ db: Database) throws -> [Role] {
        try Role.filter(Column("performer") == id).order(Column("production"), Column("id")).fetchAll(db)
    }

    public static func tools(_ db: Database) throws -> [Tool] {
        try Tool.order(Column("name"), Column("id")).fetchAll(db)
    }

    public static func unions(_ db: Database) throws -> [UnionState] {
        try UnionState.order(Column("name")).fetchAll(db)
    }

    public static func accounts(_ db: Database) throws -> [Account] {
        try Account.order(Column("username")).fetchAll(db)
    }

    public static func apiKeys(_ db: Database) throws -> [APIKey] {
        try APIKey.order(Column("created_at").desc, Column("id")).fetchAll(db)
    }

    static func page<Item>(_ rows: [Item], _ limit: Int) -> Page<Item> {
        Page(items: Array(rows.prefix(limit)), more: rows.count > limit)
    }
}
