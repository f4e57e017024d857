import GRDB
import LikenessRules

/// The facts of checks read straight from the database, one transaction per check: the path of
/// `likeness check`, which runs once and would spend far longer loading the whole `FactsIndex`.
public struct DatabaseFacts: FactsSource {
    public let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// 404 for an unknown production, performer or tool.
    public func facts(for use: ProposedUse) throws -> CheckFacts {
        try database.readNow { try Self.facts(for: use, $0) }
    }

    static func facts(for use: ProposedUse, _ db: Database) throws -> CheckFacts {
        let production = try Registry.require(Production.self, use.production, "production", field: "production", db)
        var facts = CheckFacts(
            productionTitle: production.title, productionNonFiction: production.nonFiction,
            productionHasUnionRole: try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM role WHERE production = ? AND "union" IS NOT NULL)
                """, arguments: [production.id]) ?? false,
            strikingUnions: Set(try String.fetchAll(db, sql: "SELECT name FROM union_state WHERE strike = 1")))
        if let id = use.tool {
            facts.tool = ToolFacts(try Registry.require(Tool.self, id, "tool", field: "tool", db))
        }
        if let id = use.performer {
            let performer = try Registry.require(Performer.self, id, "performer", field: "performer", db)
            facts.performer = PerformerFacts(performer)
            facts.roles = try Role.filter(Column("performer") == id).order(Column("id")).fetchAll(db).map(RoleFacts.init)
            facts.grants = try Grant.filter(Column("performer") == id).order(Column("id")).fetchAll(db).map(GrantFacts.init)
            let named = Set(facts.grants.compactMap(\.production) + facts.roles.map(\.production))
            for p in try Production.fetchAll(db, keys: Array(named)) { facts.productionTitles[p.id] = p.title }
        }
        facts.approvals = try Approval.filter(Column("production") == production.id).order(Column("id"))
            .fetchAll(db).map(ApprovalFacts.init)
        return facts
    }
}
