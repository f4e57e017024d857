import Foundation
import LikenessRules
import LikenessStore

/// A grant with its status history (who changed it, when and why).
public struct GrantDetail: Encodable, Sendable {
    public let grant: Grant
    public let statusHistory: [GrantStatusChange]

    enum CodingKeys: String, CodingKey { case statusHistory }

    public func encode(to encoder: any Encoder) throws {
        try grant.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statusHistory, forKey: .statusHistory)
    }
}

/// Consent grants, their status changes, and the studio's approvals.
extension Operations {
    public func recordGrant(_ input: GrantInput, by caller: Identity) async throws -> GrantDetail {
        try caller.require(.recordGrant)
        let grant = try input.record(actor: caller.actor, now: clock.now())
        return try await change { db in
            try Registry.insert(grant, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: grant.id, db))
        }
    }

    public func grant(_ id: String, by caller: Identity) async throws -> GrantDetail {
        try await read(.readRegistry, by: caller) { db in
            GrantDetail(grant: try Registry.require(Grant.self, id, "grant", db), statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    /// Revokes, suspends or resumes a grant, with why (required); 409 for a transition that is not allowed.
    public func changeGrant(_ id: String, _ action: Registry.GrantAction, reason: ReasonInput, by caller: Identity) async throws -> GrantDetail {
        try caller.require(.changeGrant)
        let reason = try reason.validated()
        let now = clock.now()
        return try await change { db in
            let grant = try Registry.change(grant: id, action, reason: reason, actor: caller.actor, now: now, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    /// The status changes `caller` may make to `grant` now, in the order a page offers them.
    public func grantActions(_ grant: Grant, by caller: Identity) -> [Registry.GrantAction] {
        guard caller.may(.changeGrant) else { return [] }
        return [.resume, .suspend, .revoke].filter { $0.allowed(from: grant.status) }
    }

    /// The earlier allowed or notify checks that relied on the grant (receipt bodies, newest first).
    public func impact(ofGrant id: String, by caller: Identity) async throws -> [String] {
        let codec = database.receiptCodec
        return try await read(.readImpact, by: caller) { db in
            _ = try Registry.require(Grant.self, id, "grant", db)
            return try Receipts.impact(grant: id, codec: codec, db)
        }
    }

    /// The studio's written approval, by the contact of its production (or an admin).
    public func recordApproval(_ input: ApprovalInput, by caller: Identity) async throws -> Approval {
        try caller.require(.recordApproval)
        let approval = try input.record(actor: caller.actor, now: clock.now())
        try await change { db in
            try AccessRules.requireContact(of: approval.production, caller, db)
            try Registry.insert(approval, db)
        }
        return approval
    }

    public func approval(_ id: String, by caller: Identity) async throws -> Approval {
        try await read(.readApproval, by: caller) { try Registry.require(Approval.self, id, "approval", $0) }
    }

    public func revokeApproval(_ id: String, reason: ReasonInput, by caller: Identity) async throws -> Approval {
        try caller.require(.revokeApproval)
        let reason = try reason.validated()
        let now = clock.now()
        return try await change { db in
            try AccessRules.requireContact(of: try Registry.require(Approval.self, id, "approval", db).production, caller, db)
            return try Registry.revoke(approval: id, reason: reason, actor: caller.actor, now: now, db)
        }
    }
}
