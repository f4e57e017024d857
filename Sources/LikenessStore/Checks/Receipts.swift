import GRDB
import LikenessRules

/// Reading stored receipts.
public enum Receipts {
    /// The stored JSON body of a check; 404 when unknown or, with `actor`, not made by that caller.
    public static func body(id: String, actor: String?, _ db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: "SELECT body, actor FROM check_receipt WHERE id = ?", arguments: [id])
        guard let row, actor == nil || row["actor"] == actor else { throw LikenessError.notFound("check", id) }
        return row["body"]
    }

    /// Bodies of the earlier `allowed`/`notify` checks that relied on a grant, oldest first.
    public static func impact(grant id: String, _ db: Database) throws -> [String] {
        guard try Grant.exists(db, key: id) else { throw LikenessError.notFound("grant", id) }
        return try String.fetchAll(db, sql: """
            SELECT r.body FROM check_reliance c JOIN check_receipt r ON r.id = c.check_id
            WHERE c.grant_id = ? ORDER BY c.decided_at, c.check_id
            """, arguments: [id])
    }
}
