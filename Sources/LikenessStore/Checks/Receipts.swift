import Foundation
import LikenessRules

/// Reading stored receipts.
public enum Receipts {
    /// The stored JSON body of a check; 404 when unknown or not `caller`'s to read: a production
    /// account reads the checks it made, a studio account those of the productions that name it.
    public static func body(id: String, visibleTo caller: Identity? = nil, codec: ReceiptCodec, _ db: any SQLConnection) throws -> String {
        let row = try db.row("""
            SELECT r.dictionary, r.body, r.actor, p.contact FROM check_receipt r LEFT JOIN production p ON p.id = r.production WHERE r.id = ?
            """, [id])
        guard let row else { throw LikenessError.notFound("check", id) }
        switch caller?.role {
        case .production?: guard try row["actor"] == caller?.actor else { throw LikenessError.notFound("check", id) }
        case .studio?: guard try row["contact"] == caller?.actor else { throw LikenessError.notFound("check", id) }
        default: break
        }
        return try codec.body(of: row, db)
    }

    /// Bodies of the earlier `allowed`/`notify` checks that relied on a grant, oldest first.
    public static func impact(grant id: String, codec: ReceiptCodec, _ db: any SQLConnection) throws -> [String] {
        guard try Grant.exists(id, db) else { throw LikenessError.notFound("grant", id) }
        return try db.rows("""
            SELECT r.dictionary, r.body FROM check_reliance c JOIN check_receipt r ON r.id = c.check_id
            WHERE c.grant_id = ? ORDER BY c.decided_at, c.check_id
            """, [id]).map { try codec.body(of: $0, db) }
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
    /// What a summary reads of a receipt's body.
    struct SummaryBody: Decodable {
        struct Request: Decodable {
            let use: Use
            let destination: Destination
        }
        struct Reason: Decodable {
            let code: String
            let requirement: String?
        }
        let request: Request
        let reasons: [Reason]
    }

    /// The summary of a stored check; 404 when there is none.
    public static func summary(id: String, codec: ReceiptCodec, _ db: any SQLConnection) throws -> CheckSummary {
        guard let row = try db.row("""
            SELECT actor, production, performer, decision, dictionary, body FROM check_receipt WHERE id = ?
            """, [id]) else { throw LikenessError.notFound("check", id, field: "check") }
        guard let decision = Decision(rawValue: try row["decision"]),
              let body = try? JSONDecoder().decode(SummaryBody.self, from: Data(try codec.body(of: row, db).utf8))
        else { throw LikenessError(.internal, "corrupt-row", "check \(id) cannot be read back") }
        let uncovered = body.reasons.filter { $0.code.hasPrefix("approval.") }.compactMap { $0.requirement.flatMap(Requirement.init(rawValue:)) }
        return CheckSummary(id: id, actor: try row["actor"], production: try row["production"], performer: try row["performer"],
                            use: body.request.use, destination: body.request.destination, decision: decision, uncovered: uncovered)
    }
}
