import Foundation
import LikenessRules
import LikenessStore

/// Performers, productions with their roles, tools and unions.
extension Operations {
    /// A new row made of its input as of now, inserted (with its audit entry) by `insert`.
    private func record<Row: Sendable>(_ permission: Permission, by caller: Identity, _ make: (Date) throws -> Row,
                                       _ insert: @Sendable @escaping (Row, String, any SQLConnection) throws -> Void) async throws -> Row {
        try caller.require(permission)
        let row = try make(clock.now())
        try await change { try insert(row, caller.actor, $0) }
        return row
    }

    /// A row changed as of now by `update`, which writes its audit entry.
    private func edit<Row: Sendable>(_ permission: Permission, by caller: Identity,
                                     _ update: @Sendable @escaping (Date, any SQLConnection) throws -> Row) async throws -> Row {
        try caller.require(permission)
        let now = clock.now()
        return try await change { try update(now, $0) }
    }

    public func recordPerformer(_ input: PerformerInput, by caller: Identity) async throws -> Performer {
        try await record(.recordPerformer, by: caller, { try input.record(now: $0) }) { try Registry.insert($0, actor: $1, $2) }
    }

    public func editPerformer(_ id: String, _ patch: PerformerPatch, by caller: Identity) async throws -> Performer {
        try await edit(.editPerformer, by: caller) { try Registry.update(performer: id, with: patch, actor: caller.actor, now: $0, $1) }
    }

    /// A performer: the performer's side reads only those it acts for.
    public func performer(_ id: String, by caller: Identity) async throws -> Performer {
        let today = self.today
        return try await read(.readRegistryRecord, by: caller) { db in
            _ = try PerformerSideRules.acting(caller, for: id, needs: .see, today: today, db)
            return try Registry.require(Performer.self, id, "performer", db)
        }
    }

    public func grants(ofPerformer id: String, by caller: Identity) async throws -> [Grant] {
        let today = self.today
        return try await read(.readRegistryRecord, by: caller) { db in
            _ = try PerformerSideRules.acting(caller, for: id, needs: .see, today: today, db)
            return try Registry.grants(performer: id, db)
        }
    }

    public func recordProduction(_ input: ProductionInput, by caller: Identity) async throws -> Production {
        try await record(.recordProduction, by: caller, { try input.record(now: $0) }) { try Registry.insert($0, actor: $1, $2) }
    }

    public func editProduction(_ id: String, _ patch: ProductionPatch, by caller: Identity) async throws -> Production {
        try await edit(.editProduction, by: caller) { try Registry.update(production: id, with: patch, actor: caller.actor, now: $0, $1) }
    }

    /// A production: the performer's side reads those its performers' grants, offers or uses name.
    public func production(_ id: String, by caller: Identity) async throws -> Production {
        let today = self.today
        return try await read(.readRegistryRecord, by: caller) { db in
            try PerformerSideRules.requireNamed(production: id, caller, today: today, db)
            return try Registry.require(Production.self, id, "production", db)
        }
    }

    /// A production with its roles, read at once.
    public func productionWithRoles(_ id: String, by caller: Identity) async throws -> (Production, [Role]) {
        try await read(.readRegistry, by: caller) { db in
            (try Registry.require(Production.self, id, "production", db), try Registry.roles(production: id, db))
        }
    }

    /// A role of `production`; the body may name the production only as the same one.
    public func recordRole(_ input: RoleInput, in production: String, by caller: Identity) async throws -> Role {
        try caller.require(.recordRole)
        if input.production != nil && input.production != production {
            throw LikenessError.invalid("production", "the production is the one in the path", code: "conflicting-value")
        }
        return try await record(.recordRole, by: caller, { try input.record(production: production, now: $0) }) {
            try Registry.insert($0, actor: $1, $2)
        }
    }

    public func roles(ofProduction id: String, by caller: Identity) async throws -> [Role] {
        try await read(.readRegistry, by: caller) { try Registry.roles(production: id, $0) }
    }

    public func recordTool(_ input: ToolInput, by caller: Identity) async throws -> Tool {
        try await record(.recordTool, by: caller, { try input.record(now: $0) }) { try Registry.insert($0, actor: $1, $2) }
    }

    /// A tool: the performer's side reads those its performers' uses name.
    public func tool(_ id: String, by caller: Identity) async throws -> Tool {
        let today = self.today
        return try await read(.readRegistryRecord, by: caller) { db in
            try PerformerSideRules.requireNamed(tool: id, caller, today: today, db)
            return try Registry.require(Tool.self, id, "tool", db)
        }
    }

    /// Sets whether a union is on strike (its grants are suspended while it is).
    public func setUnion(_ name: String, strike: Bool?, by caller: Identity) async throws -> UnionState {
        try caller.require(.setUnionStrike)
        guard Validate.isID(name) else {
            throw LikenessError.invalid("name", "'\(name.prefix(64))' is not a valid union name", code: "invalid-id")
        }
        guard let strike else { throw LikenessError.missing("strike") }
        return try await edit(.setUnionStrike, by: caller) { try Registry.setUnion(name, strike: strike, actor: caller.actor, now: $0, $1) }
    }

    public func union(_ name: String, by caller: Identity) async throws -> UnionState {
        try await read(.readRegistry, by: caller) { try Registry.require(UnionState.self, name, "union", $0) }
    }
}
