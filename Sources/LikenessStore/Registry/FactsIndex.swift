import Dispatch
import Foundation
import GRDB
import LikenessRules
import Synchronization

/// The facts of every check, held in memory so that a check decides without touching SQLite.
///
/// Loaded whole at start; afterwards it follows `registry_change` (filled by triggers on every
/// registry table, whoever writes: this server, the CLI, an import): `refresh()` applies the changes
/// since the last one it saw. Refreshes run one at a time, in order, on a serial queue.
///
/// A large import logs one change instead of one per row (`BulkInsert`): the index then reads the
/// rows it inserted.
///
/// From the moment a poll or a refresh sees a change until it is applied (a large import's rows
/// take seconds to read), the index is behind (`seenSeq > lastSeq`): checks then read their facts from
/// the database, so that a change is honoured as soon as it has been seen, and nothing that both
/// the old and the new state hold is ever answered 404.
///
/// Staleness is bounded whatever the load: a check trusts the index only if a read of the change
/// log began at most `trustedFor` before the check did (the follower's polls make one every few
/// milliseconds); otherwise the check reads the log first (one read shared by the checks waiting
/// for it). A change committed `trustedFor` before a check starts is therefore always honoured.
public final class FactsIndex: FactsSource {
    struct State {
        /// The last change applied.
        var lastSeq: Int64 = 0
        /// The newest change known to be committed.
        var seenSeq: Int64 = 0
        /// When the latest read of the newest change began: every change committed before then is seen.
        var confirmedAt = ContinuousClock.now
        var isBehind: Bool { seenSeq > lastSeq }
        var performers: [String: PerformerFacts] = [:]
        /// Titles by id.
        var productions: [String: String] = [:]
        var nonFiction: Set<String> = []
        var roles: [String: (performer: String, facts: RoleFacts)] = [:]
        var rolesByPerformer: [String: [RoleFacts]] = [:]
        var unionRolesByProduction: [String: Set<String>] = [:]
        /// A grant never changes performer and is never deleted (the schema says so): filed under
        /// its performer, it needs no index of owners.
        var grantsByPerformer: [String: [GrantFacts]] = [:]
        var approvalOwner: [String: String] = [:]
        var approvalsByProduction: [String: [ApprovalFacts]] = [:]
        var tools: [String: ToolFacts] = [:]
        var strikes: Set<String> = []
        var grantCount = 0
    }

    private let state: Mutex<State>
    private let database: any StoreDatabase
    private let queue = DispatchQueue(label: "likeness.facts-refresh")
    /// On PostgreSQL, the refresh running or run last: each waits for the one before it, so that
    /// refreshes apply in order, as SQLite's do on `queue`.
    private let lastRefresh = Mutex<Task<Void, any Error>?>(nil)
    /// How long after a read of the change log began checks trust what it saw.
    let trustedFor: Duration
    /// The read of the change log that checks finding the index stale wait for, and when it began.
    private let confirming = Mutex<(began: ContinuousClock.Instant, read: Task<Void, any Error>)?>(nil)
    /// The default `trustedFor`: half the 50 ms in which a change is promised to be honoured on every server (docs/operations.md).
    public static let trustedForDefault: Duration = .milliseconds(25)
    /// The entity of the one change a large import logs for all its rows (`BulkInsert`).
    static let everything = "*"
    /// Above this many pending changes a full reload is cheaper than applying them one by one.
    static let incrementalLimit = 20_000

    private init(database: any StoreDatabase, state: State, trustedFor: Duration) {
        self.database = database
        self.state = Mutex(state)
        self.trustedFor = trustedFor
    }

    /// Loads every fact from the database; checks trust the index for `trustedFor` after each read
    /// of the change log.
    public static func load(from database: any StoreDatabase, trustedFor: Duration = trustedForDefault) async throws -> FactsIndex {
        try await load(from: database, splitAbove: splitLoadAbove, trustedFor: trustedFor)
    }

    static func load(from database: any StoreDatabase, splitAbove: Int, trustedFor: Duration = trustedForDefault) async throws -> FactsIndex {
        let state = if let sqlite = database as? SQLiteDatabase {
            try await Offload.run { try sqlite.readNow { try Self.loadAll($0, from: sqlite, splitAbove: splitAbove) } }
        } else {
            try await database.snapshot { try Self.loadAll($0, from: database, splitAbove: splitAbove) }
        }
        return FactsIndex(database: database, state: state, trustedFor: trustedFor)
    }

    /// Number of grants held, for diagnostics.
    public var grantCount: Int { state.withLock { $0.grantCount } }

    /// Whether a committed change is not applied yet (checks then read the database).
    var isBehind: Bool { state.withLock { $0.isBehind } }

    // MARK: Reading

    /// The facts of one proposed use; 404 for an unknown production, performer or tool.
    public func facts(for use: ProposedUse) async throws -> CheckFacts {
        let trustedSince = ContinuousClock.now - trustedFor
        var held = try state.withLock { try Self.held(use, in: $0, trustedSince: trustedSince) }
        if case .stale = held {
            try await confirm(trustedSince: trustedSince)
            held = try state.withLock { try Self.held(use, in: $0, trustedSince: trustedSince) }
        }
        if case .facts(let facts) = held { return facts }
        return try await DatabaseFacts(database: database).facts(for: use)
    }

    /// What the index holds for a use: its facts, or why it cannot answer.
    enum Held {
        case facts(CheckFacts)
        /// No read of the change log began since the check's `trustedSince`.
        case stale
        /// A change has been seen and not applied yet: the database answers.
        case behind
    }

    /// The facts of `use` in `s`; 404 for an unknown production, performer or tool.
    private static func held(_ use: ProposedUse, in s: State, trustedSince: ContinuousClock.Instant) throws -> Held {
        if s.confirmedAt < trustedSince { return .stale }
        if s.isBehind { return .behind }
        guard let title = s.productions[use.production] else {
            throw LikenessError.notFound("production", use.production, field: "production")
        }
        var facts = CheckFacts(productionTitle: title, productionNonFiction: s.nonFiction.contains(use.production),
                               productionHasUnionRole: !(s.unionRolesByProduction[use.production]?.isEmpty ?? true),
                               strikingUnions: s.strikes, productionTitles: s.productions)
        if let id = use.tool {
            guard let tool = s.tools[id] else { throw LikenessError.notFound("tool", id, field: "tool") }
            facts.tool = tool
        }
        if let id = use.performer {
            guard let performer = s.performers[id] else { throw LikenessError.notFound("performer", id, field: "performer") }
            facts.performer = performer
            facts.roles = s.rolesByPerformer[id] ?? []
            facts.grants = s.grantsByPerformer[id] ?? []
        }
        facts.approvals = s.approvalsByProduction[use.production] ?? []
        return .facts(facts)
    }

    /// Reads the newest change for a check that found the index stale, or waits for a read that
    /// began since `trustedSince`.
    private func confirm(trustedSince: ContinuousClock.Instant) async throws {
        let read = confirming.withLock { current in
            if let current, current.began >= trustedSince { return current.read }
            let began = ContinuousClock.now
            let read = Task { [self] in
                let newest = try await database.snapshot { try ChangeLog.newest($0) }
                saw(newest.seq, readFrom: began)
            }
            current = (began, read)
            return read
        }
        try await read.value
    }

    /// Notes the newest change a read of the log that began at `began` found.
    private func saw(_ newest: Int64, readFrom began: ContinuousClock.Instant) {
        state.withLock { s in
            s.seenSeq = max(s.seenSeq, newest)
            s.confirmedAt = max(s.confirmedAt, began)
        }
    }

    /// Once the change of `token` is seen, checks read the database until the index has applied
    /// it (as for any change seen before it is applied): a check that sends a token waits for one
    /// read of the log at most, never for the index to catch up.
    public func reach(_ token: ChangeToken) async throws {
        if state.withLock({ $0.seenSeq >= token.seq }) { return }
        let began = ContinuousClock.now
        let newest = try await ChangeLog.require(token, in: database)
        saw(newest.seq, readFrom: began)
    }

    // MARK: Following changes

    /// Applies every registry change committed since the last refresh. Refreshes run one at a
    /// time, in order: on SQLite on a serial queue, on PostgreSQL each after the one before it,
    /// reading on a snapshot of its own.
    public func refresh() async throws {
        guard let sqlite = database as? SQLiteDatabase else {
            let refresh = lastRefresh.withLock { last in
                let previous = last
                last = Task { [self] in
                    _ = await previous?.result
                    let since = state.withLock { $0.lastSeq }
                    apply(try await database.snapshot { [self] in try readUpdate(since: since, $0) })
                }
                return last!
            }
            return try await refresh.value
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                continuation.resume(with: Result {
                    let since = self.state.withLock { $0.lastSeq }
                    self.apply(try sqlite.readNow { try self.readUpdate(since: since, $0) })
                })
            }
        }
    }

    /// What changed after change `since`, read on `db`.
    private func readUpdate(since: Int64, _ db: any SQLConnection) throws -> Update {
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
    private func apply(_ update: Update) {
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
    private func applyInSlices<Item>(_ items: [Item], _ apply: (Item, inout State) -> Void) {
        for start in stride(from: 0, to: items.count, by: Self.applySlice) {
            state.withLock { s in
                for item in items[start..<min(start + Self.applySlice, items.count)] { apply(item, &s) }
            }
        }
    }

    /// Follows changes made by other processes (another server, the CLI, an import) until
    /// cancelled: polls the log every `interval` and, on PostgreSQL, also refreshes as soon as a
    /// commit that logged a change is notified. The polls keep the index correct whatever
    /// notifications are missed (a lost connection); notifications make it current at once.
    public func follow(every interval: Duration = .milliseconds(5)) async {
        await withDiscardingTaskGroup { group in
            if let postgres = database as? PostgreSQLDatabase {
                group.addTask { await self.refreshOnNotification(from: postgres) }
            }
            await poll(every: interval)
        }
    }

    /// How long the listener waits before listening again after its connection failed.
    static let relistenAfter: Duration = .seconds(1)

    /// Refreshes on each notification of a change, listening again after a failed connection;
    /// each time it starts listening it refreshes once, for what committed while it was not.
    private func refreshOnNotification(from postgres: PostgreSQLDatabase) async {
        while !Task.isCancelled {
            try? await postgres.listenForRegistryChanges(listening: { try? await self.refresh() }, changed: { try? await self.refresh() })
            try? await Task.sleep(for: Self.relistenAfter)
        }
    }

    /// Polls for changes every `interval`, until cancelled: a change is honoured by every check
    /// that starts `interval` plus one poll's read after its commit. Each poll is one query of the
    /// newest change (on SQLite on a connection of its own); only a change found leads to a refresh.
    private func poll(every interval: Duration) async {
        var configuration = Configuration()
        configuration.readonly = true
        let probe = (database as? SQLiteDatabase).flatMap { try? DatabaseQueue(path: $0.pool.path, configuration: configuration) }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let began = ContinuousClock.now
            if let probe, let newest = try? probe.inDatabase({ try Int64.fetchOne($0, sql: ChangeLog.newestQuery) }) {
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
        var grantRuns: [(performer: String, run: FactsLoader.Run)] = []
    }

    static func fetchInserted(_ bulk: BulkInsert, _ db: any SQLConnection) throws -> Inserted {
        var inserted = Inserted()
        func rows<R: TableRow>(_ type: R.Type, after table: String) throws -> [R] {
            try R.fetch("WHERE rowid > ? ORDER BY rowid", [bulk.after[table] ?? 0], db)
        }
        for t in try rows(Tool.self, after: "tool") { inserted.changes.append(.tool(t.id, ToolFacts(t))) }
        for p in try rows(Production.self, after: "production") { inserted.changes.append(.production(p.id, (p.title, p.nonFiction))) }
        try FactsLoader.performers(db, after: bulk.after["performer"]) { inserted.changes.append(.performer($0.id, $0)) }
        try FactsLoader.roles(db, after: bulk.after["role"]) { inserted.changes.append(.role($1.id, ($0, $1))) }
        for a in try rows(Approval.self, after: "approval") { inserted.changes.append(.approval(a.id, (a.production, ApprovalFacts(a)))) }
        try FactsLoader.grantRuns(db, from: (bulk.after["consent_grant"] ?? 0) + 1) { inserted.grantRuns.append(($0, $1)) }
        return inserted
    }

    /// The current row of a changed entity (nil when deleted).
    enum Change: Sendable {
        case performer(String, PerformerFacts?)
        case production(String, (title: String, nonFiction: Bool)?)
        case role(String, (performer: String, facts: RoleFacts)?)
        case tool(String, ToolFacts?)
        case union(String, Bool)
        case grant(performer: String, facts: GrantFacts)
        case approval(String, (production: String, facts: ApprovalFacts)?)
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

    static func apply(_ change: Change, to s: inout State) {
        switch change {
        case .performer(let id, let facts): s.performers[id] = facts
        case .production(let id, let production):
            s.productions[id] = production?.title
            if production?.nonFiction == true { s.nonFiction.insert(id) } else { s.nonFiction.remove(id) }
        case .tool(let id, let facts): s.tools[id] = facts
        case .union(let name, let strike):
            if strike { s.strikes.insert(name) } else { s.strikes.remove(name) }
        case .role(let id, let new):
            if let old = s.roles.removeValue(forKey: id) {
                s.rolesByPerformer[old.performer]?.removeAll { $0.id == id }
                s.unionRolesByProduction[old.facts.production]?.remove(id)
            }
            if let new { add(role: new.facts, performer: new.performer, to: &s) }
        case .grant(let performer, let facts):
            if s.grantsByPerformer[performer, default: []].upsertSorted(facts) { s.grantCount += 1 }
        case .approval(let id, let new):
            if let owner = s.approvalOwner.removeValue(forKey: id) { s.approvalsByProduction[owner]?.removeAll { $0.id == id } }
            if let new {
                s.approvalOwner[id] = new.production
                s.approvalsByProduction[new.production, default: []].insertSorted(new.facts)
            }
        }
    }

    /// Files a run of grants read from a bulk import's marks. A performer with no grants held takes
    /// the run's array as it is; otherwise their array grows by the run's size once (not doubled,
    /// as appending would: a large import touches many performers) and each grant goes in its place
    /// (replacing the one with its id: a load's second connection may already have read it).
    static func add(inserted run: FactsLoader.Run, of performer: String, to s: inout State) {
        guard var grants = s.grantsByPerformer.removeValue(forKey: performer) else {
            s.grantsByPerformer[performer] = run.inIDOrder ? run.grants : run.grants.sorted { $0.id < $1.id }
            s.grantCount += run.grants.count
            return
        }
        grants.reserveCapacity(grants.count + run.grants.count)
        for grant in run.grants where grants.upsertSorted(grant) { s.grantCount += 1 }
        s.grantsByPerformer[performer] = grants
    }

    static func add(role: RoleFacts, performer: String, to s: inout State) {
        s.roles[role.id] = (performer, role)
        s.rolesByPerformer[performer, default: []].insertSorted(role)
        if role.union != nil { s.unionRolesByProduction[role.production, default: []].insert(role.id) }
    }

    // MARK: Full load

    /// Above this many grants a full load reads the later half or so of the table on a second
    /// connection, on another core, while the first reads everything else.
    static let splitLoadAbove = 50_000

    /// Every fact, read on `db`; on SQLite a large table's later grants are read alongside, on a
    /// second connection of `database`.
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
        var split: Int64?
        if grants > splitAbove, let first, let last, database is SQLiteDatabase {
            let share = Double(max(0, grants / 2 - (performers + roles) / 4)) / Double(grants)
            split = first + Int64(Double(last - first) * share)
        }
        let laterPart = split.flatMap { split in (database as? SQLiteDatabase).map { GrantsAlongside(database: $0, from: split) } }
        s.performers.reserveCapacity(performers)
        s.grantsByPerformer.reserveCapacity(performers)
        s.rolesByPerformer.reserveCapacity(min(performers, roles))
        s.roles.reserveCapacity(roles)
        try FactsLoader.performers(db) { s.performers[$0.id] = $0 }
        for p in try Production.fetch("", [], db) {
            s.productions[p.id] = p.title
            if p.nonFiction { s.nonFiction.insert(p.id) }
        }
        try FactsLoader.roles(db) { performer, role in add(role: role, performer: performer, to: &s) }
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
        func file(_ performer: String, _ run: FactsLoader.Run) {
            s.grantsByPerformer[performer, default: []].append(run: run) { unsorted.insert(performer) }
            s.grantCount += run.grants.count
        }
        try FactsLoader.grantRuns(db, below: split, file)
        if let laterPart {
            let (runs, newest) = try laterPart.wait()
            for (performer, run) in runs { file(performer, run) }
            // The second connection may have seen later changes: until they are applied, the index
            // is behind and checks read the database.
            s.seenSeq = max(s.seenSeq, newest)
        }
        for performer in unsorted { s.grantsByPerformer[performer]?.sort { $0.id < $1.id } }
        return s
    }
}

/// The grants from a rowid on, read on a connection of their own on another thread. Its read may
/// see a later state than the caller's; the newest change it saw says how much.
private final class GrantsAlongside: @unchecked Sendable {
    typealias Runs = [(performer: String, run: FactsLoader.Run)]
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the reading thread before `done` is signalled, read after waiting for it.
    private var result: Result<(Runs, Int64), any Error> = .success(([], 0))

    init(database: SQLiteDatabase, from rowid: Int64) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result {
                try database.readNow { db in
                    var runs: Runs = []
                    try FactsLoader.grantRuns(db, from: rowid) { runs.append(($0, $1)) }
                    return (runs, try ChangeLog.newest(db).seq)
                }
            }
            done.signal()
        }
    }

    /// The runs of grants and the newest change seen, once read.
    func wait() throws -> (Runs, Int64) {
        done.wait()
        return try result.get()
    }
}

/// Facts kept in id order, the order in which the store lists them, so that reasons come out
/// in the same order whichever path fetched the facts.
protocol Identified { var id: String { get } }
extension GrantFacts: Identified {}
extension ApprovalFacts: Identified {}
extension RoleFacts: Identified {}

extension Array where Element == GrantFacts {
    /// Appends a run of grants; calls `outOfOrder` when the array is no longer in id order.
    mutating func append(run: FactsLoader.Run, outOfOrder: () -> Void) {
        if !run.inIDOrder || (last.map { $0.id >= run.grants[0].id } ?? false) { outOfOrder() }
        // An empty array takes the run's as it is (allocated at its size), rather than a copy.
        if isEmpty { self = run.grants } else { append(contentsOf: run.grants) }
    }
}

extension Array where Element: Identified {
    mutating func insertSorted(_ element: Element) {
        insert(element, at: place(of: element.id))
    }

    /// Puts `element` in its place, replacing the element with its id if there is one; true when
    /// it was not there.
    mutating func upsertSorted(_ element: Element) -> Bool {
        let at = place(of: element.id)
        if at < count, self[at].id == element.id {
            self[at] = element
            return false
        }
        insert(element, at: at)
        return true
    }

    /// The index of the first element whose id is not below `id`.
    private func place(of id: String) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
