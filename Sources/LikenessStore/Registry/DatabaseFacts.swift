import LikenessRules

/// The facts of checks read straight from the database, one transaction per check: the path of
/// `likeness check`, which runs once and would spend far longer loading the whole `FactsIndex`.
public struct DatabaseFacts: FactsSource {
    public let database: any StoreDatabase

    public init(database: any StoreDatabase) { self.database = database }

    /// 404 for an unknown production, performer or tool.
    public func facts(for use: ProposedUse) async throws -> CheckFacts {
        try await database.snapshot { try Self.facts(for: use, $0) }
    }

    /// Each check reads the database as it is: only a token the database has not reached fails.
    public func reach(_ token: ChangeToken) async throws {
        _ = try await ChangeLog.require(token, in: database)
    }

    static func facts(for use: ProposedUse, _ db: any SQLConnection) throws -> CheckFacts {
        let production = try Registry.require(Production.self, use.production, "production", field: "production", db)
        var facts = CheckFacts(
            productionTitle: production.title, productionNonFiction: production.nonFiction,
            productionHasUnionRole: try db.row("""
                SELECT 1 FROM role WHERE production = ? AND "union" IS NOT NULL LIMIT 1
                """, [production.id]) != nil,
            strikingUnions: Set(try db.rows("SELECT name FROM union_state WHERE strike = 1", []).map { try $0["name"] }))
        if let id = use.tool {
            facts.tool = ToolFacts(try Registry.require(Tool.self, id, "tool", field: "tool", db))
        }
        if let id = use.performer {
            let performer = try Registry.require(Performer.self, id, "performer", field: "performer", db)
            facts.performer = PerformerFacts(performer)
            facts.roles = try Role.fetch("WHERE performer = ? ORDER BY id", [id], db).map(RoleFacts.init)
            facts.grants = try Grant.fetch("WHERE performer = ? ORDER BY id", [id], db).map(GrantFacts.init)
            let named = Set(facts.grants.compactMap(\.production) + facts.roles.map(\.production))
            for id in named {
                if let p = try Production.find(id, db) { facts.productionTitles[p.id] = p.title }
            }
        }
        facts.approvals = try Approval.fetch("WHERE production = ? ORDER BY id", [production.id], db).map(ApprovalFacts.init)
        return facts
    }
}
