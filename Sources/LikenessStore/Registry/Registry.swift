import Foundation
import LikenessRules

/// Registry writes and reads as functions of a database connection, shared by the HTTP API,
/// the CLI and the importer (which runs many of them in one transaction).
public enum Registry {
    // MARK: Existence

    public static func require<R: TableRow>(
        _ type: R.Type, _ id: String, _ what: String, field: String? = nil, _ db: any SQLConnection
    ) throws -> R {
        guard let record = try R.find(id, db) else { throw LikenessError.notFound(what, id, field: field) }
        return record
    }

    public static func requireExists<R: TableRow>(_ type: R.Type, _ id: String, _ what: String, field: String,
                                                 _ db: any SQLConnection) throws {
        guard try R.exists(id, db) else { throw LikenessError.notFound(what, id, field: field) }
    }

    static func requireAbsent<R: TableRow>(_ type: R.Type, _ id: String, _ what: String, _ db: any SQLConnection) throws {
        if try R.exists(id, db) { throw LikenessError.duplicate(what, id) }
    }

    // MARK: Performers, productions, roles, tools, unions

    public static func insert(_ performer: Performer, actor: String, _ db: any SQLConnection) throws {
        try requireAbsent(Performer.self, performer.id, "performer", db)
        try performer.insert(db)
        try Audit.append(db, actor: actor, action: "performer.create", subject: performer.id, at: performer.createdAt)
    }

    public static func update(performer id: String, with patch: PerformerPatch, actor: String, now: Date, _ db: any SQLConnection) throws -> Performer {
        let current = try require(Performer.self, id, "performer", db)
        let updated = try patch.apply(to: current)
        try updated.update(db)
        try Audit.append(db, actor: actor, action: "performer.update", subject: id, at: now)
        return updated
    }

    public static func insert(_ production: Production, actor: String, _ db: any SQLConnection) throws {
        try requireAbsent(Production.self, production.id, "production", db)
        if let contact = production.contact { try requireStudioContact(contact, db) }
        try production.insert(db)
        try Audit.append(db, actor: actor, action: "production.create", subject: production.id, at: production.createdAt)
    }

    public static func update(production id: String, with patch: ProductionPatch, actor: String, now: Date,
                              _ db: any SQLConnection) throws -> Production {
        let updated = try patch.apply(to: try require(Production.self, id, "production", db))
        if case .value = patch.contact, let contact = updated.contact { try requireStudioContact(contact, db) }
        try updated.update(db)
        try Audit.append(db, actor: actor, action: "production.update", subject: id, at: now)
        return updated
    }

    /// A production's contact is the username of a `studio` account.
    static func requireStudioContact(_ username: String, _ db: any SQLConnection) throws {
        let account = try require(Account.self, username, "account", field: "contact", db)
        guard account.role == .studio else {
            // The body is valid; the account named is in the wrong state for it.
            throw LikenessError(.conflict, "not-a-studio-account",
                                "'\(username)' is a \(account.role.rawValue) account; a production's contact is a studio account",
                                field: "contact")
        }
    }

    public static func insert(_ role: Role, actor: String, _ db: any SQLConnection) throws {
        try requireExists(Production.self, role.production, "production", field: "production", db)
        try requireExists(Performer.self, role.performer, "performer", field: "performer", db)
        try requireAbsent(Role.self, role.id, "role", db)
        try role.insert(db)
        try Audit.append(db, actor: actor, action: "role.create", subject: role.id, at: role.createdAt)
    }

    public static func insert(_ tool: Tool, actor: String, _ db: any SQLConnection) throws {
        try requireAbsent(Tool.self, tool.id, "tool", db)
        try tool.insert(db)
        try Audit.append(db, actor: actor, action: "tool.create", subject: tool.id, at: tool.createdAt)
    }

    public static func setUnion(_ name: String, strike: Bool, actor: String, now: Date, _ db: any SQLConnection) throws -> UnionState {
        let before = try UnionState.find(name, db)?.strike ?? false
        let state = UnionState(name: name, strike: strike, updatedAt: now, updatedBy: actor)
        try state.upsert(db)
        try Audit.append(db, actor: actor, action: strike ? "union.strike" : "union.no-strike", subject: name, at: now)
        if before != strike { try Events.strike(name, strike: strike, at: now, db) }
        return state
    }

    // MARK: Grants

    /// Records a grant `by` an account (its `recordedBy`).
    public static func insert(_ grant: Grant, by: ActedBy, _ db: any SQLConnection) throws {
        try requireExists(Performer.self, grant.performer, "performer", field: "performer", db)
        if let production = grant.production {
            try requireExists(Production.self, production, "production", field: "production", db)
        }
        try requireAbsent(Grant.self, grant.id, "grant", db)
        try RowInsert(grant).execute(db)
        let imported = try recorded(grant, by: by, db)
        try Audit.append(db, actor: grant.recordedBy, action: "grant.create", subject: grant.id, detail: imported, by: by,
                         at: grant.recordedAt)
    }

    /// What follows a new grant's row, made without a connection: its status history (recorded,
    /// then its imported status when not active), its `grant.created` event, and the
    /// "imported as …" note, if any. The event's id is `eventID` or a new one.
    static func recording(_ grant: Grant, by: ActedBy, eventID: String? = nil)
        -> (history: [RowInsert], event: Events.PreparedEvent, imported: String?) {
        let imported = grant.status == .active ? nil : "imported as \(grant.status.rawValue)"
        var history = [statusRow(grant.id, .active, reason: "recorded", at: grant.recordedAt, by: by)]
        if let imported { history.append(statusRow(grant.id, grant.status, reason: imported, at: grant.recordedAt, by: by)) }
        let event = Events.preparedGrant(.grantCreated, grant, reason: imported ?? "recorded", at: grant.recordedAt,
                                         impactedChecks: [], by: by, id: eventID)
        return (history, event, imported)
    }

    /// Writes what follows a new grant's row (see `recording`); returns the "imported as …" note, if any.
    static func recorded(_ grant: Grant, by: ActedBy, _ db: any SQLConnection) throws -> String? {
        let recording = recording(grant, by: by)
        for row in recording.history { try row.execute(db) }
        try Events.insert(recording.event, db)
        return recording.imported
    }

    /// The status transitions of a grant. Revocation is final.
    public enum GrantAction: String, CaseIterable, Sendable {
        case revoke, suspend, resume

        var event: EventType {
            switch self {
            case .revoke: .grantRevoked
            case .suspend: .grantSuspended
            case .resume: .grantResumed
            }
        }

        var target: GrantStatus {
            switch self {
            case .revoke: .revoked
            case .suspend: .suspended
            case .resume: .active
            }
        }

        public func allowed(from status: GrantStatus) -> Bool {
            switch (self, status) {
            case (.revoke, .active), (.revoke, .suspended), (.suspend, .active), (.resume, .suspended): true
            default: false
            }
        }
    }

    /// Changes a grant's status, keeping who (`by`), when and why; 409 for a transition that is
    /// not allowed. A grant the performer's side suspended is resumed only by the performer's side
    /// (403 for anyone else).
    public static func change(
        grant id: String, _ action: GrantAction, reason: String, by: ActedBy, now: Date, _ db: any SQLConnection
    ) throws -> Grant {
        var grant = try require(Grant.self, id, "grant", db)
        guard action.allowed(from: grant.status) else {
            throw LikenessError.state("grant \(id) is \(grant.status.rawValue); it cannot be \(action == .resume ? "resumed" : action.target.rawValue)")
        }
        if action == .resume, !by.isPerformerSide, try lastStatusChange(grant: id, db)?.by.isPerformerSide == true {
            throw LikenessError(.forbidden, "forbidden",
                                "grant \(id) was suspended by the performer's side; only the performer's side may resume it")
        }
        let actor = by.account
        let before = grant.status
        grant.status = action.target
        guard try grant.update(db, whileStill: "status", is: before.rawValue) else {
            throw LikenessError.state("grant \(id) changed meanwhile; read it again")
        }
        // Material attested under the grant shows the withdrawal as soon as the revocation commits.
        if action == .revoke { try StatusLists.revoke(grant: id, db) }
        try statusRow(id, action.target, reason: reason, at: now, by: by).execute(db)
        try Audit.append(db, actor: actor, action: "grant.\(action.rawValue)", subject: id, detail: reason, by: by, at: now)
        try Events.grant(action.event, grant, reason: reason, at: now, by: by, db)
        return grant
    }

    /// A row of a grant's status history: who set which status (in which role and capacity), when and why.
    static func statusRow(_ grant: String, _ status: GrantStatus, reason: String, at: Date, by: ActedBy) -> RowInsert {
        RowInsert(statusShape, [grant, status.rawValue, reason, StoredTime.text(at), by.account, by.role.rawValue, by.capacity?.rawValue])
    }

    static let statusShape = RowInsert.Shape(table: GrantStatusChange.table,
                                             columns: ["grant_id", "status", "reason", "at", "actor", "by_role", "by_capacity"])

    /// The latest change of a grant's status, if any.
    public static func lastStatusChange(grant id: String, _ db: any SQLConnection) throws -> GrantStatusChange? {
        try GrantStatusChange.fetch("WHERE grant_id = ? ORDER BY id DESC LIMIT 1", [id], db).first
    }

    public static func statusHistory(grant id: String, _ db: any SQLConnection) throws -> [GrantStatusChange] {
        try GrantStatusChange.fetch("WHERE grant_id = ? ORDER BY id", [id], db)
    }

    public static func grants(performer id: String, _ db: any SQLConnection) throws -> [Grant] {
        _ = try require(Performer.self, id, "performer", db)
        return try Grant.fetch("WHERE performer = ? ORDER BY id", [id], db)
    }

    // MARK: Approvals

    public static func insert(_ approval: Approval, _ db: any SQLConnection) throws {
        try requireExists(Production.self, approval.production, "production", field: "production", db)
        if let performer = approval.performer {
            try requireExists(Performer.self, performer, "performer", field: "performer", db)
        }
        try requireAbsent(Approval.self, approval.id, "approval", db)
        try approval.insert(db)
        try Audit.append(db, actor: approval.recordedBy, action: "approval.create", subject: approval.id, at: approval.recordedAt)
        try Events.append(.approvalCreated, approval, at: approval.recordedAt, db)
    }

    public static func revoke(approval id: String, reason: String, actor: String, now: Date, _ db: any SQLConnection) throws -> Approval {
        var approval = try require(Approval.self, id, "approval", db)
        guard approval.status == .active else { throw LikenessError.state("approval \(id) is already revoked") }
        approval.status = .revoked
        approval.revokedAt = now
        approval.revokedBy = actor
        approval.revokeReason = reason
        guard try approval.update(db, whileStill: "status", is: ApprovalStatus.active.rawValue) else {
            throw LikenessError.state("approval \(id) is already revoked")
        }
        try Audit.append(db, actor: actor, action: "approval.revoke", subject: id, detail: reason, at: now)
        try Events.append(.approvalRevoked, approval, at: now, db)
        return approval
    }

    public static func roles(production id: String, _ db: any SQLConnection) throws -> [Role] {
        _ = try require(Production.self, id, "production", db)
        return try Role.fetch("WHERE production = ? ORDER BY id", [id], db)
    }
}
