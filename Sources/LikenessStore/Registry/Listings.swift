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
    public static func performers(matching text: String?, limit: Int, offset: Int, _ db: any SQLConnection) throws -> Page<Performer> {
        var filter = "", arguments: [any SQLValueConvertible] = []
        if let text {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let like = db.dialect.likeIgnoringCase
            filter = "WHERE name \(like) ? ESCAPE '\\' OR id \(like) ? ESCAPE '\\' "
            arguments = [pattern, pattern]
        }
        return page(try Performer.fetch(filter + "ORDER BY name, id LIMIT ? OFFSET ?", arguments + [limit + 1, offset], db), limit)
    }

    /// Productions by title.
    public static func productions(limit: Int, offset: Int, _ db: any SQLConnection) throws -> Page<Production> {
        page(try Production.fetch("ORDER BY title, id LIMIT ? OFFSET ?", [limit + 1, offset], db), limit)
    }

    /// A performer's roles, in every production.
    public static func roles(performer id: String, _ db: any SQLConnection) throws -> [Role] {
        try Role.fetch("WHERE performer = ? ORDER BY production, id", [id], db)
    }

    public static func tools(_ db: any SQLConnection) throws -> [Tool] {
        try Tool.fetch("ORDER BY name, id", [], db)
    }

    public static func unions(_ db: any SQLConnection) throws -> [UnionState] {
        try UnionState.fetch("ORDER BY name", [], db)
    }

    public static func accounts(_ db: any SQLConnection) throws -> [Account] {
        try Account.fetch("ORDER BY username", [], db)
    }

    public static func apiKeys(_ db: any SQLConnection) throws -> [APIKey] {
        try APIKey.fetch("ORDER BY created_at DESC, id", [], db)
    }

    static func page<Item>(_ rows: [Item], _ limit: Int) -> Page<Item> {
        Page(items: Array(rows.prefix(limit)), more: rows.count > limit)
    }
}
