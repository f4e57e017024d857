import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// `GET /v1/audit`: the hash-chained audit trail, newest first.
struct AuditController {
    let services: Services

    var endpoints: [Endpoint] {
        [Endpoint(.get, "/v1/audit", .readAudit, audit)]
    }

    struct AuditPage: ResponseEncodable {
        struct Entry: Encodable { let seq: Int64; let at: String; let actor: String; let action: String; let subject: String; let detail: String?; let hash: String }
        let entries: [Entry]
        /// Pass as `before` for the next (older) page.
        let next: Int64?
    }

    /// `limit` (1–1000, default 100) and `before` (a seq) page through it.
    func audit(_ request: Request, context: AppContext) async throws -> AuditPage {
        let limit = try request.integer("limit", range: 1...1000) ?? 100
        let before = try request.integer("before", range: 1...Int.max).map(Int64.init)
        let entries = try await services.operations.audit(limit: limit, before: before, by: context.caller)
        return AuditPage(
            entries: entries.map { .init(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject, detail: $0.detail, hash: $0.hash) },
            next: entries.count == limit ? entries.last?.seq : nil)
    }
}
