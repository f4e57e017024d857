import LikenessRules

/// One performer's grants that come one after another in the table's order, as the facts index's
/// full reads deliver them: its array is allocated once, at the size it holds, on the reading
/// thread, and the index keeps it as it is.
public struct GrantRun: Sendable {
    public var grants: [GrantFacts]
    /// Whether the run's grants are in id order.
    public var inIDOrder = true

    public init(grants: [GrantFacts], inIDOrder: Bool = true) {
        self.grants = grants
        self.inIDOrder = inIDOrder
    }
}

/// The facts index's full reads through the records, a page at a time: what a backend without a
/// faster reader of its own (PostgreSQL) runs. SQLite's is in `SQLite/SQLiteFactsReading.swift`.
extension SQLConnection {
    public func forEachPerformerFacts(after: Int64?, _ add: (PerformerFacts) -> Void) throws {
        try Performer.forEachInRowidOrder(after: after, self) { add(PerformerFacts($0)) }
    }

    public func forEachRoleFacts(after: Int64?, _ add: (String, RoleFacts) -> Void) throws {
        try Role.forEachInRowidOrder(after: after, self) { add($0.performer, RoleFacts($0)) }
    }

    public func forEachGrantRun(from: Int64?, below: Int64?, _ add: (String, GrantRun) -> Void) throws {
        var run: (performer: String, run: GrantRun)?
        try Grant.forEachInRowidOrder(after: from.map { $0 - 1 }, below: below, self) { grant in
            let facts = GrantFacts(grant)
            if run?.performer == grant.performer {
                if let last = run?.run.grants.last, last.id >= facts.id { run?.run.inIDOrder = false }
                run?.run.grants.append(facts)
            } else {
                if let run { add(run.performer, run.run) }
                run = (grant.performer, GrantRun(grants: [facts]))
            }
        }
        if let run { add(run.performer, run.run) }
    }
}

/// A row the full reads found malformed.
func corruptFact(_ what: String, _ id: String, _ column: String) -> LikenessError {
    LikenessError(.internal, "corrupt-row", "\(what) \(id) has a malformed \(column)")
}
