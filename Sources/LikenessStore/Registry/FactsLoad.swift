import Foundation
import LikenessRules
import Synchronization

/// The full load: every fact, read at start (and when too many changes are pending to apply).
extension FactsIndex {
    /// Above this many grants a full load reads the later half or so of the table on a second
    /// connection, on another core, while the first reads everything else.
    static let splitLoadAbove = 50_000

    /// Every fact, read on `db`; a large table's later grants are read alongside, on a second
    /// connection of `database`, where the backend reads alongside (SQLite).
    static func loadAll(_ db: any SQLConnection, from database: any StoreDatabase, splitAbove: Int = splitLoadAbove) throws -> State {
        var s = State()
        s.confirmedAt = .now
        s.lastSeq = try ChangeLog.newest(db).seq
        s.seenSeq = s.lastSeq
        let counts = try db.row("""
            SELECT (SELECT count(*) FROM performer) AS performers, (SELECT count(*) FROM role) AS roles,
                   (SELECT count(*) FROM consent_grant) AS grants, (SELECT min(rowid) FROM consent_grant) AS first,
                   (SELECT max(rowid) FROM consent_grant) AS last
            """)
        let performers: Int = try counts?["performers"] ?? 0, roles: Int = try counts?["roles"] ?? 0
        let grants: Int = try counts?["grants"] ?? 0
        let first: Int64? = try counts?["first"], last: Int64? = try counts?["last"]
        // Grants are read in the table's order (their rowids), not in id order: a sequential scan
        // rather than a walk through the id index with a lookup per row. This connection also
        // reads performers and roles (each about half a grant's work, measured), so the other
        // takes a little more than half of the grants.
        var split: Int64?, laterPart: (@Sendable () throws -> (runs: [(performer: String, run: GrantRun)], newest: Int64))?
        if grants > splitAbove, let first, let last {
            let share = Double(max(0, grants / 2 - (performers + roles) / 4)) / Double(grants)
            let from = first + Int64(Double(last - first) * share)
            laterPart = database.readAlongside { db in
                var runs: [(performer: String, run: GrantRun)] = []
                try db.forEachGrantRun(from: from, below: nil) { runs.append(($0, $1)) }
                return (runs, try ChangeLog.newest(db).seq)
            }
            if laterPart != nil { split = from }
        }
        s.performers.reserveCapacity(performers)
        s.grantsByPerformer.reserveCapacity(performers)
        s.rolesByPerformer.reserveCapacity(min(performers, roles))
        s.roles.reserveCapacity(roles)
        try db.forEachPerformerFacts(after: nil) { s.performers[$0.id] = $0 }
        for p in try Production.fetch("", [], db) {
            s.productions[p.id] = p.title
            if p.nonFiction { s.nonFiction.insert(p.id) }
        }
        try db.forEachRoleFacts(after: nil) { performer, role in add(role: role, performer: performer, to: &s) }
        for t in try Tool.fetch("", [], db) { s.tools[t.id] = ToolFacts(t) }
        s.strikes = Set(try db.rows("SELECT name FROM union_state WHERE strike = 1", []).map { try $0["name"] as String })
        for a in try Approval.fetch("ORDER BY id", [], db) {
            s.approvalOwner[a.id] = a.production
            s.approvalsByProduction[a.production, default: []].append(ApprovalFacts(a))
        }
        // A performer's grants are kept in id order. The table's order mostly is that order (ids
        // are usually given in the order grants are written): only the performers whose grants
        // came out of order are sorted at the end.
        var unsorted = Set<String>()
        func file(_ performer: String, _ run: GrantRun) {
            s.grantsByPerformer[performer, default: []].append(run: run) { unsorted.insert(performer) }
            s.grantCount += run.grants.count
        }
        try db.forEachGrantRun(from: nil, below: split, file)
        if let laterPart {
            let (runs, newest) = try laterPart()
            for (performer, run) in runs { file(performer, run) }
            // The second connection may have seen later changes: until they are applied, the index
            // is behind and checks read the database.
            s.seenSeq = max(s.seenSeq, newest)
        }
        for performer in unsorted { s.grantsByPerformer[performer]?.sort { $0.id < $1.id } }
        return s
    }
}
