import Foundation
import LikenessRules
import Synchronization

/// Following the change log: refreshes, the follower's polls and notifications, and applying
/// what changed.
extension FactsIndex {
    /// Applies every registry change committed since the last refresh. Refreshes run one at a
    /// time, in order, each after the one before it, reading the newest committed state.
    public func refresh() async throws {
        let refresh = lastRefresh.withLock { last in
            let previous = last
            last = Task { [self] in
                _ = await previous?.result
                let since = state.withLock { $0.lastSeq }
                apply(try await database.readLatest { [self] in try readUpdate(since: since, $0) })
            }
            return last!
        }
        try await refresh.value
    }

    /// What changed after change `since`, read on `db`.
    func readUpdate(since: Int64, _ db: any SQLConnection) throws -> Update {
        // The newest change first (one index probe), so that checks stop trusting the index
        // before the changes are read.
        let began = ContinuousClock.now
        let newest = try ChangeLog.newest(db).seq
        saw(newest, readFrom: began)
        guard newest > since else { return .none }
        let changes = try db.rows("""
            SELECT seq, entity, entity_id FROM registry_change WHERE seq > ? ORDER BY seq LIMIT ?
            """, [since, Self.incrementalLimit + 1])
        guard let last: Int64 = try changes.last?["seq"] else { return .none }
        if changes.count > Self.incrementalLimit { return .reload(try Self.loadAll(db, from: database)) }
        var seen = Set<String>()
        var bulk: BulkInsert?
        var rows: [Change] = []
        for change in changes {
            let entity: String = try change["entity"], id: String = try change["entity_id"]
            if entity == Self.everything {
                guard let marks = BulkInsert(logged: id) else { return .reload(try Self.loadAll(db, from: database)) }
                bulk = bulk?.merged(with: marks) ?? marks
                continue
            }
            guard seen.insert(entity + "\u{0}" + id).inserted else { continue }
            rows.append(try Self.fetchChange(entity: entity, id: id, db))
        }
        return .apply(try bulk.map { try Self.fetchInserted($0, db) }, rows, last)
    }

    /// Applies what `readUpdate` read.
    func apply(_ update: Update) {
        switch update {
        case .none: break
        case .reload(let fresh):
            state.withLock { s in
                let seen = s.seenSeq, confirmed = s.confirmedAt
                s = fresh
                s.seenSeq = max(seen, fresh.seenSeq)
                s.confirmedAt = max(confirmed, fresh.confirmedAt)
            }
        case .apply(let inserted, let changes, let last):
            // A bulk import's rows go in a slice at a time: checks, which read the database until
            // the index has caught up, only wait for the lock that long.
            if let inserted {
                applyInSlices(inserted.changes) { change, s in Self.apply(change, to: &s) }
                applyInSlices(inserted.grantRuns) { entry, s in Self.add(inserted: entry.run, of: entry.performer, to: &s) }
            }
            // Changes logged row by row come after: each one applies its row as it is now, so it
            // does not matter whether the import's rows were already held.
            state.withLock { s in
                for change in changes { Self.apply(change, to: &s) }
                s.lastSeq = last
            }
        }
    }

    /// How many of a bulk import's rows (or runs of grants) are applied per hold of the lock.
    static let applySlice = 4_096

    /// Applies `items` to the state `applySlice` at a time, taking the lock once per slice.
    func applyInSlices<Item>(_ items: [Item], _ apply: (Item, inout State) -> Void) {
        for start in stride(from: 0, to: items.count, by: Self.applySlice) {
            state.withLock { s in
                for item in items[start..<min(start + Self.applySlice, items.count)] { apply(item, &s) }
            }
        }
    }

    /// Follows changes made by other processes (another server, the CLI, an import) until
    /// cancelled: polls the log every `interval` and also refreshes as soon as the backend
    /// notifies a commit that logged a change (PostgreSQL). The polls keep the index correct
    /// whatever notifications are missed (a lost connection); notifications make it current at once.
    public func follow(every interval: Duration = .milliseconds(5)) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.database.followCommittedChanges { try? await self.refresh() } }
            await poll(every: interval)
        }
    }

    /// Polls for changes every `interval`, until cancelled: a change is honoured by every check
    /// that starts `interval` plus one poll's read after its commit. Each poll is one read of the
    /// newest change (the backend's probe, if it has one); only a change found leads to a refresh.
    func poll(every interval: Duration) async {
        let probe = database.newestChangeProbe()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let began = ContinuousClock.now
            if let probe, let newest = try? probe() {
                saw(newest, readFrom: began)
                guard isBehind else { continue }
            }
            try? await refresh()
        }
    }

    enum Update: Sendable {
        case none
        case reload(State)
        /// The rows of bulk imports, if any, then the changes logged row by row, up to a change.
        case apply(Inserted?, [Change], Int64)
    }

    /// The rows bulk imports inserted (with any inserted since), read from their marks: grants as
    /// runs of one performer's, everything else as changes.
    struct Inserted: Sendable {
        var changes: [Change] = []
        var grantRuns: [(performer: String, run: GrantRun)] = []
    }

    static func fetchInserted(_ bulk: BulkInsert, _ db: any SQLConnection) throws -> Inserted {
        var inserted = Inserted()
        func rows<R: TableRow>(_ type: R.Type, after table: String) throws -> [R] {
            try R.fetch("WHERE rowid > ? ORDER BY rowid", [bulk.after[table] ?? 0], db)
        }
        for t in try rows(Tool.self, after: "tool") { inserted.changes.append(.tool(t.id, ToolFacts(t))) }
        for p in try rows(Production.self, after: "production") { inserted.changes.append(.production(p.id, (p.title, p.nonFiction))) }
        try db.forEachPerformerFacts(after: bulk.after["performer"]) { inserted.changes.append(.performer($0.id, $0)) }
        try db.forEachRoleFacts(after: bulk.after["role"]) { inserted.changes.append(.role($1.id, ($0, $1))) }
        for a in try rows(Approval.self, after: "approval") { inserted.changes.append(.approval(a.id, (a.production, ApprovalFacts(a)))) }
        try db.forEachGrantRun(from: (bulk.after["consent_grant"] ?? 0) + 1, below: nil) { inserted.grantRuns.append(($0, $1)) }
        return inserted
    }

    static func fetchChange(entity: String, id: String, _ db: any SQLConnection) throws -> Change {
        switch entity {
        case "performer": return .performer(id, try Performer.find(id, db).map(PerformerFacts.init))
        case "production": return .production(id, try Production.find(id, db).map { ($0.title, $0.nonFiction) })
        case "role": return .role(id, try Role.find(id, db).map { ($0.performer, RoleFacts($0)) })
        case "tool": return .tool(id, try Tool.find(id, db).map(ToolFacts.init))
        case "union_state": return .union(id, try UnionState.find(id, db)?.strike ?? false)
        case "consent_grant":
            guard let grant = try Grant.find(id, db) else {
                throw LikenessError(.internal, "internal", "grant \(id) changed but is gone")
            }
            return .grant(performer: grant.performer, facts: GrantFacts(grant))
        case "approval": return .approval(id, try Approval.find(id, db).map { ($0.production, ApprovalFacts($0)) })
        default: throw LikenessError(.internal, "internal", "unknown registry entity \(entity)")
        }
    }
}
