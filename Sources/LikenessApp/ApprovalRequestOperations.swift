import Foundation
import LikenessRules
import LikenessStore

/// The studio's loop: approval requests, decided by the production's contact, and the use
/// register of a production. Which requests a caller sees is narrowed by `ApprovalRequests`'
/// queries (a production account its own, a studio its productions').
extension Operations {
    /// Asks the production's contact to approve a check that needs approval.
    public func requestApproval(_ input: ApprovalRequestInput, by caller: Identity) async throws -> ApprovalRequest {
        try caller.require(.requestApproval)
        let (check, note) = try input.validated()
        let (now, codec) = (clock.now(), database.receiptCodec)
        return try await database.transaction { db in
            let request = try ApprovalRequests.create(check: check, note: note, caller: caller, now: now, codec: codec, db)
            try Notifications.requestWaiting(request, db)
            return request
        }
    }

    /// The requests `caller` may see (of one production, of one check), oldest first, `limit` from `offset`.
    public func approvalRequests(state: RequestState?, production: String? = nil, check: String? = nil, limit: Int? = nil,
                                 offset: Int = 0, by caller: Identity) async throws -> [ApprovalRequest] {
        try await read(.readApprovalRequests, by: caller) {
            try ApprovalRequests.list(state: state, production: production, check: check, caller: caller, limit: limit, offset: offset, $0)
        }
    }

    public func approvalRequest(_ id: String, by caller: Identity) async throws -> ApprovalRequest {
        try await read(.readApprovalRequests, by: caller) { try ApprovalRequests.get(id, caller: caller, $0) }
    }

    /// Approves an open request: records the approval it asks for, so the facts index catches up.
    public func approve(_ id: String, _ input: ApprovalDecisionInput, by caller: Identity) async throws -> ApprovalRequest {
        try caller.require(.decideApprovalRequest)
        let (reference, validUntil, scope) = try input.validated()
        let now = clock.now()
        return try await change { db in
            let request = try ApprovalRequests.approve(id, reference: reference, validUntil: validUntil, scope: scope, caller: caller,
                                                       now: now, db)
            try Notifications.requestDecided(request, by: caller.actor, now: now, db)
            return request
        }
    }

    public func decline(_ id: String, reason: ReasonInput, by caller: Identity) async throws -> ApprovalRequest {
        try caller.require(.decideApprovalRequest)
        let reason = try reason.validated()
        let now = clock.now()
        return try await database.transaction { db in
            let request = try ApprovalRequests.decline(id, reason: reason, caller: caller, now: now, db)
            try Notifications.requestDecided(request, by: caller.actor, now: now, db)
            return request
        }
    }

    /// Withdraws an open request, by its requester (or an admin).
    public func withdraw(_ id: String, reason: ReasonInput, by caller: Identity) async throws -> ApprovalRequest {
        try caller.require(.withdrawApprovalRequest)
        let reason = try reason.validated()
        let now = clock.now()
        return try await database.transaction { try ApprovalRequests.withdraw(id, reason: reason, caller: caller, now: now, $0) }
    }

    /// The use register of a production between two days (default: the 30 days up to today).
    public func useRegister(ofProduction id: String, since: Day?, until: Day?, by caller: Identity) async throws -> UseRegister {
        let (since, until) = UseRegister.window(since: since, until: until, today: clock.today())
        return try await read(.readUseRegister, by: caller) { db in
            try AccessRules.requireContact(of: id, caller, db)
            return try UseRegister.read(production: id, since: since, until: until, db)
        }
    }
}
