import GRDB
import LikenessRules

/// Reading stored receipts.
public enum Receipts {
    /// The stored JSON body of a check; 404 when unknown or not `caller`'s to read: a production
    /// account reads the checks it made, a studio account those of the productions that name it.
    public static func body(id: String, visibleTo caller: Identity? = nil, _ db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: """
            SELECT r.body, r.actor, p.contact FROM check_receipt r LEFT JOIN production p ON p.id = r.production WHERE r.id = ?
            """, arguments: [id])
        guard let row else { throw LikenessError.notFound("check", id) }
        switch caller?.role {
        case .production?: guard row["actor"] == caller?.actor else { throw LikenessError.notFound("check", id) }
        case .studio?: guard row["contact"] == caller?.actor else { throw LikenessError.notFound("check", id) }
        default: break
        }
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

/// What the studio's loop needs of a stored check, read from its row and body by SQLite.
public struct CheckSummary: Sendable, Equatable {
    public var id: String
    public var actor: String
    public var production: String
    public var performer: String?
    public var use: Use
    public var destination: Destination
    public var decision: Decision
    /// The requirements no approval covered (its `approval.*` reasons).
    public var uncovered: [Requirement]
}

extension Receipts {
    /// The summary of a stored check; 404 when there is none.
    public static func summary(id: String, _ db: Database) throws -> CheckSummary {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT actor, production, performer, decision,
                   json_extract(body, '$.request.use') AS use, json_extract(body, '$.request.destination') AS destination,
                   (SELECT json_group_array(json_extract(r.value, '$.requirement')) FROM json_each(body, '$.reasons') r
                    WHERE json_extract(r.value, '$.code') LIKE 'approval.%') AS uncovered
            FROM check_receipt WHERE id = ?
            """, arguments: [id]) else { throw LikenessError.notFound("check", id, field: "check") }
        guard let use = Use(rawValue: row["use"] ?? ""), let destination = Destination(rawValue: row["destination"] ?? ""),
              let decision = Decision(rawValue: row["decision"]),
              let uncovered = JSONStringArray.parse(row["uncovered"] ?? "[]")?.compactMap(Requirement.init(rawValue:))
        else { throw LikenessError(.internal, "corrupt-row", "check \(id) cannot be read back") }
        return CheckSummary(id: id, actor: row["actor"], production: row["production"], performer: row["performer"],
                            use: use, destination: destination, decision: decision, uncovered: uncovered)
    }
}
