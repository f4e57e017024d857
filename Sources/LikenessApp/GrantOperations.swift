import Foundation
import LikenessRules
import LikenessStore

/// A grant with its status history (who changed it, in which role and capacity, when and why):
/// `history` (performers.md), and the same entries as `statusHistory`, its name before.
public struct GrantDetail: Encodable, Sendable {
    public let grant: Grant
    public let statusHistory: [GrantStatusChange]

    public init(grant: Grant, statusHistory: [GrantStatusChange]) {
        self.grant = grant
        self.statusHistory = statusHistory
    }

    enum CodingKeys: String, CodingKey { case history, statusHistory }

    public func encode(to encoder: any Encoder) throws {
        try grant.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statusHistory, forKey: .history)
        try c.encode(statusHistory, forKey: .statusHistory)
    }
}

/// Consent grants, their status changes, and the studio's approvals.
extension Operations {
    public func recordGrant(_ input: GrantInput, by caller: Identity) async throws -> GrantDetail {
        try caller.require(.recordGrant)
        let grant = try input.record(actor: caller.actor, now: clock.now())
        return try await change { db in
            try Registry.insert(grant, by: ActedBy(account: caller.actor, role: caller.role), db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: grant.id, db))
        }
    }

    /// A grant: the performer's side reads only its performers'.
    public func grant(_ id: String, by caller: Identity) async throws -> GrantDetail {
        let today = self.today
        return try await read(.readRegistryRecord, by: caller) { db in
            let grant = try PerformerSideRules.require(Grant.self, id, "grant", caller, db)
            _ = try PerformerSideRules.acting(caller, for: grant.performer, needs: .see, today: today, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    /// Revokes, suspends or resumes a grant, with why (required); 409 for a transition that is not
    /// allowed. The performer's side acts on its performers' grants when its capacity allows today.
    public func changeGrant(_ id: String, _ action: Registry.GrantAction, reason: ReasonInput, by caller: Identity) async throws -> GrantDetail {
        try caller.require(.changeGrant)
        let reason = try reason.validated()
        let now = clock.now()
        return try await change { db in
            let performer = try PerformerSideRules.require(Grant.self, id, "grant", caller, db).performer
            let by = try PerformerSideRules.acting(caller, for: performer, needs: .change, today: Day(now), db)
            let grant = try Registry.change(grant: id, action, reason: reason, by: by, now: now, db)
            try Notifications.grantChanged(grant, action: action.done, reason: reason, by: by, now: now, db)
            return GrantDetail(grant: grant, statusHistory: try Registry.statusHistory(grant: id, db))
        }
    }

    /// The status changes `caller` may make to `grant` now, in the order a page offers them (the
    /// performer's side: `authority` is what it holds for the grant's performer today).
    public func grantActions(_ grant: GrantDetail, by caller: Identity, authority: Authority = []) -> [Registry.GrantAction] {
        guard caller.may(.changeGrant), !caller.role.isPerformerSide || authority.contains(.change) else { return [] }
        let suspendedBySide = grant.grant.status == .suspended && grant.statusHistory.last?.by.isPerformerSide == true
        return [.resume, .suspend, .revoke].filter {
            $0.allowed(from: grant.grant.status) && !($0 == .resume && suspendedBySide && !caller.role.isPerformerSide)
        }
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
