import Foundation
import LikenessRules

/// The studio's loop: a `needs-approval` check becomes a request to the production's contact, who
/// approves it in writing (recording an approval) or declines it; the requester may withdraw it.
/// Every step is audited; a request moves only from `open`. The rights are the API's and the
/// CLI's alike, so they are checked here, against the caller.
public enum ApprovalRequests {
    /// Files a request for a stored `needs-approval` check. A production account files only for the
    /// checks it made (others are not found, as when reading them).
    public static func create(check: String, note: String, caller: Identity, now: Date, codec: ReceiptCodec,
                              _ db: any SQLConnection) throws -> ApprovalRequest {
        let summary = try Receipts.summary(id: check, codec: codec, db)
        if caller.role == .production && summary.actor != caller.actor { throw LikenessError.notFound("check", check, field: "check") }
        guard summary.decision == .needsApproval else {
            throw LikenessError.state("check \(check) was \(summary.decision.rawValue), not needs-approval: there is nothing to approve")
        }
        if try db.row("SELECT 1 FROM approval_request WHERE check_id = ? AND state = ?", [check, RequestState.open.rawValue]) != nil {
            throw LikenessError.state("an open request for check \(check) exists already")
        }
        let production = try Registry.require(Production.self, summary.production, "production", db)
        let request = ApprovalRequest(
            id: IDs.make("req", now: now), check: check, production: summary.production, performer: summary.performer,
            use: summary.use, destination: summary.destination, requirements: summary.uncovered, note: note, state: .open,
            requestedBy: caller.actor, requestedAt: now, contact: production.contact)
        try request.insert(db)
        try Audit.append(db, actor: caller.actor, action: "approval-request.create", subject: request.id, detail: "check \(check)", at: now)
        try Events.append(.approvalRequestCreated, request, at: now, db)
        return request
    }

    /// The requests `caller` may see, oldest first: a studio account those of the productions that
    /// name it, admins and auditors all, production and casting accounts the ones they made;
    /// optionally only those of one check, and one page of them (`limit` from `offset`).
    public static func list(state: RequestState?, production: String?, check: String? = nil, caller: Identity,
                            limit: Int? = nil, offset: Int = 0, _ db: any SQLConnection) throws -> [ApprovalRequest] {
        var conditions: [String] = [], arguments: [any SQLValueConvertible] = []
        func filter(_ condition: String, _ argument: String) {
            conditions.append(condition)
            arguments.append(argument)
        }
        switch caller.role {
        case .admin, .auditor: break
        case .studio: filter("production IN (SELECT id FROM production WHERE contact = ?)", caller.actor)
        default: filter("requested_by = ?", caller.actor)
        }
        if let state { filter("state = ?", state.rawValue) }
        if let production { filter("production = ?", production) }
        if let check { filter("check_id = ?", check) }
        var tail = (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") + " ") + "ORDER BY requested_at, id"
        if let limit {
            tail += " LIMIT ? OFFSET ?"
            arguments += [limit, offset]
        }
        return try ApprovalRequest.fetch(tail, arguments, db)
    }

    /// One request `caller` may see; 404 otherwise.
    public static func get(_ id: String, caller: Identity, _ db: any SQLConnection) throws -> ApprovalRequest {
        let request = try Registry.require(ApprovalRequest.self, id, "approval request", db)
        switch caller.role {
        case .admin, .auditor: return request
        case .studio:
            guard try Production.find(request.production, db)?.contact == caller.actor else { break }
            return request
        default:
            guard request.requestedBy == caller.actor else { break }
            return request
        }
        throw LikenessError.notFound("approval request", id)
    }

    /// Approves an open request in writing: records an approval of exactly its requirements, by
    /// the deciding contact, for the check's performer, use and destination (`scope: use`) or for the
    /// whole production.
    public static func approve(_ id: String, reference: String, validUntil: Day?, scope: ApprovalScope,
                               caller: Identity, now: Date, _ db: any SQLConnection) throws -> ApprovalRequest {
        var request = try decidable(id, caller: caller, db)
        let approval = Approval(
            id: IDs.make("ap", now: now), production: request.production,
            performer: scope == .use ? request.performer : nil,
            uses: scope == .use ? [request.use] : nil, destinations: scope == .use ? [request.destination] : nil,
            covers: request.requirements, validUntil: validUntil, approvedBy: caller.actor, reference: reference,
            status: .active, revokedAt: nil, revokedBy: nil, revokeReason: nil, recordedAt: now, recordedBy: caller.actor)
        try Registry.insert(approval, db)
        request.state = .approved
        request.approval = approval.id
        request.decidedBy = caller.actor
        request.decidedAt = now
        try request.update(db)
        try Audit.append(db, actor: caller.actor, action: "approval-request.approve", subject: id, detail: "approval \(approval.id)", at: now)
        try Events.append(.approvalRequestDecided, request, at: now, db)
        return request
    }

    /// Declines an open request, with the contact's reason.
    public static func decline(_ id: String, reason: String, caller: Identity, now: Date, _ db: any SQLConnection) throws -> ApprovalRequest {
        try close(try decidable(id, caller: caller, db), as: .declined, reason: reason, caller: caller, now: now, db)
    }

    /// Withdraws an open request: only who made it (or an admin) may.
    public static func withdraw(_ id: String, reason: String, caller: Identity, now: Date, _ db: any SQLConnection) throws -> ApprovalRequest {
        let request = try get(id, caller: caller, db)
        guard caller.role == .admin || request.requestedBy == caller.actor else {
            throw LikenessError(.forbidden, "forbidden", "only \(request.requestedBy), who made request \(id), may withdraw it")
        }
        try claimOpen(request, db)
        return try close(request, as: .withdrawn, reason: reason, caller: caller, now: now, db)
    }

    /// An open request that `caller` may decide: the production's contact or an admin. A request
    /// the caller may not read is not found, as it is for `get`: a studio that is not the contact
    /// learns nothing of another production's requests, not even that one exists.
    static func decidable(_ id: String, caller: Identity, _ db: any SQLConnection) throws -> ApprovalRequest {
        let request = try get(id, caller: caller, db)
        guard caller.role == .admin || caller.role == .studio else {
            throw LikenessError(.forbidden, "forbidden", "only the contact of production \(request.production) decides its approval requests")
        }
        try claimOpen(request, db)
        return request
    }

    /// Refuses a request that is not open, then claims it for this transaction: a compare-and-set
    /// of its state with itself, which holds the row until the transaction ends, so that of two
    /// decisions or withdrawals at once one goes on and the other is a 409. It comes before the
    /// change writes anything else (an approval, its audit entry), or two of them could each wait
    /// for what the other holds.
    static func claimOpen(_ request: ApprovalRequest, _ db: any SQLConnection) throws {
        guard request.state == .open else {
            throw LikenessError.state("approval request \(request.id) is \(request.state.rawValue); only an open request can change")
        }
        guard try db.row("UPDATE approval_request SET state = state WHERE id = ? AND state = ? RETURNING 1",
                         [request.id, RequestState.open.rawValue]) != nil else {
            throw LikenessError.state("approval request \(request.id) was decided or withdrawn meanwhile; only an open request can change")
        }
    }

    static func close(_ request: ApprovalRequest, as state: RequestState, reason: String, caller: Identity, now: Date,
                      _ db: any SQLConnection) throws -> ApprovalRequest {
        var request = request
        request.state = state
        request.reason = reason
        request.decidedBy = caller.actor
        request.decidedAt = now
        try request.update(db)
        let action = state == .declined ? "decline" : "withdraw"
        try Audit.append(db, actor: caller.actor, action: "approval-request.\(action)", subject: request.id, detail: reason, at: now)
        try Events.append(.approvalRequestDecided, request, at: now, db)
        return request
    }
}
