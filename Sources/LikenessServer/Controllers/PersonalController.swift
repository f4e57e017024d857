import Foundation
import Hummingbird
import LikenessCore

extension PersonalData: ResponseEncodable {}
extension AuditEntry: ResponseEncodable {}

/// `PUT/GET /v1/performers/{id}/personal` and `GET /v1/audit`.
struct PersonalController {
    let services: Services

    var routes: RouteCollection<AppContext> {
        let r = RouteCollection(context: AppContext.self)
        r.put("performers/:id/personal", use: write)
        r.get("performers/:id/personal", use: read)
        r.get("audit", use: audit)
        return r
    }

    /// Casting and privacy write (sealed to the vault's public key; no key needed).
    func write(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let caller = try context.require(.casting, .privacy)
        let id = try context.parameters.id("id", "performer")
        let data = try await request.decode(as: PersonalDataInput.self, context: context).validated()
        try await services.vault.write(data, performer: id, actor: caller.actor)
        return .noContent
    }

    /// Privacy officers only (never admins); every read is audited.
    func read(_ request: Request, context: AppContext) async throws -> PersonalData {
        let caller = try context.require(.privacy, adminToo: false)
        let id = try context.parameters.id("id", "performer")
        return try await services.vault.read(performer: id, keyring: context.keyring, actor: caller.actor)
    }

    struct AuditPage: ResponseEncodable {
        struct Entry: Encodable { let seq: Int64; let at: String; let actor: String; let action: String; let subject: String; let detail: String?; let hash: String }
        let entries: [Entry]
        /// Pass as `before` for the next (older) page.
        let next: Int64?
    }

    /// Newest first; `limit` (1–1000, default 100) and `before` (a seq) page through it.
    func audit(_ request: Request, context: AppContext) async throws -> AuditPage {
        try context.require(.auditor)
        let limit = try Self.integer(request, "limit", range: 1...1000) ?? 100
        let before = try Self.integer(request, "before", range: 1...Int.max).map(Int64.init)
        let entries = try await services.database.read { try Audit.page(limit: limit, before: before, $0) }
        return AuditPage(
            entries: entries.map { .init(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject, detail: $0.detail, hash: $0.hash) },
            next: entries.count == limit ? entries.last?.seq : nil)
    }

    /// A whole-number query parameter within `range`, nil when absent; 422 otherwise.
    static func integer(_ request: Request, _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let n = Int(String(text)), range.contains(n) else {
            throw LikenessError.invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", code: "invalid-parameter")
        }
        return n
    }
}
