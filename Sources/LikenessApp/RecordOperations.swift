import Foundation
import LikenessRules
import LikenessStore

/// What the records say: stored checks, alerts, the audit trail and the feed of events.
extension Operations {
    /// A stored check's receipt as stored, if `caller` may read it (a production account its own
    /// checks, a studio its productions'; 404 otherwise, as for a check that does not exist).
    public func receipt(_ id: String, by caller: Identity) async throws -> String {
        let codec = database.receiptCodec
        return try await read(.readCheck, by: caller) { try Receipts.body(id: id, visibleTo: caller, codec: codec, $0) }
    }

    /// Grants expiring within `within` days and impacted grants, as of `day` (default today).
    public func alerts(at day: Day?, within: Int, by caller: Identity) async throws -> AlertReport {
        let day = day ?? clock.today()
        return try await read(.readAlerts, by: caller) { try Alerts.current(at: day, within: within, $0) }
    }

    /// The audit trail, newest first, `limit` entries before `before` (a seq).
    public func audit(limit: Int, before: Int64?, by caller: Identity) async throws -> [AuditEntry] {
        try await read(.readAudit, by: caller) { try Audit.page(limit: limit, before: before, $0) }
    }

    /// Whether the audit trail's hash chain holds.
    public func verifyAudit(by caller: Identity) async throws -> Audit.Verification {
        try await read(.readAudit, by: caller) { try Audit.verify($0) }
    }

    /// Events after `after` (an event id), oldest first, as stored JSON.
    public func events(after: String?, limit: Int, by caller: Identity) async throws -> [String] {
        try await read(.readEvents, by: caller) { try Events.feed(after: after, limit: limit, $0) }
    }
}
