import Foundation
import LikenessRules
import Synchronization

/// The facts of every check, held in memory so that a check decides without touching the database.
///
/// Its parts: the facts held (`FactsState.swift`), how fresh they are (`FactsFreshness.swift`),
/// following the change log (`FactsFollower.swift`) and the full load (`FactsLoad.swift`); what
/// differs per backend is asked of `StoreDatabase` (`readLatest`, `newestChangeProbe`,
/// `followCommittedChanges`, `readAlongside`) and `SQLConnection` (the full reads).
///
/// Loaded whole at start; afterwards it follows `registry_change` (filled by triggers on every
/// registry table, whoever writes: this server, the CLI, an import): `refresh()` applies the changes
/// since the last one it saw. Refreshes run one at a time, in order.
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

    let state: Mutex<State>
    let database: any StoreDatabase
    /// The refresh running or run last: each waits for the one before it, so that refreshes
    /// apply in order.
    let lastRefresh = Mutex<Task<Void, any Error>?>(nil)
    /// How long after a read of the change log began checks trust what it saw.
    let trustedFor: Duration
    /// The read of the change log that checks finding the index stale wait for, and when it began.
    let confirming = Mutex<(began: ContinuousClock.Instant, read: Task<Void, any Error>)?>(nil)
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
        let state = try await database.readLatest { try Self.loadAll($0, from: database, splitAbove: splitAbove) }
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
    static func held(_ use: ProposedUse, in s: State, trustedSince: ContinuousClock.Instant) throws -> Held {
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
}
