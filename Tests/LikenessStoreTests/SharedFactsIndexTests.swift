import Foundation
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// The facts index on every backend: loaded whole, it holds what the database says; it follows
/// changes logged row by row and a bulk import's one change.
@Suite struct SharedFactsIndexTests {
    /// The facts of every production with every performer (and none), from the index and read
    /// straight from the database (`DatabaseFacts`), are the same.
    static func expectSameFacts(_ index: FactsIndex, as store: any StoreDatabase) async throws {
        #expect(!index.isBehind)
        let productions = try await store.snapshot { try $0.rows("SELECT id FROM production ORDER BY id", []).map { try $0["id"] as String } }
        let performers = try await store.snapshot { try $0.rows("SELECT id FROM performer ORDER BY id", []).map { try $0["id"] as String } }
        #expect(!productions.isEmpty && !performers.isEmpty)
        let database = DatabaseFacts(database: store)
        for production in productions {
            for performer in [nil] + performers {
                let use = ProposedUse(production: production, performer: performer, use: .replica, aspects: [.face],
                                      destination: .final, at: Day("2026-12-01")!)
                #expect(Self.same(try await index.facts(for: use), try await database.facts(for: use)), "\(production) \(performer ?? "-")")
            }
        }
    }

    /// Whether two sources gave the same facts for a use (the titles of other productions aside:
    /// the index holds them all, the database reads those the facts name).
    static func same(_ a: CheckFacts, _ b: CheckFacts) -> Bool {
        a.performer == b.performer && a.roles == b.roles && a.grants == b.grants && a.approvals == b.approvals
            && a.productionTitle == b.productionTitle && a.productionNonFiction == b.productionNonFiction
            && a.productionHasUnionRole == b.productionHasUnionRole && a.strikingUnions == b.strikingUnions
    }

    /// Lena's replica, the use these tests check (`g-lena-1` is its grant).
    static let lena = ProposedUse(production: "prod-nova", performer: "p-lena", use: .replica, aspects: [.face],
                                  destination: .final, at: Day("2026-12-01")!)

    /// An index of the demo registry, imported into `store` first.
    static func demoIndex(_ store: any StoreDatabase, trustedFor: Duration) async throws -> FactsIndex {
        _ = try await Importer(database: store).run(files: [Fixtures.demo], actor: "test", now: testNow)
        return try await FactsIndex.load(from: store, trustedFor: trustedFor)
    }

    /// The status of `g-lena-1` in the facts `source` gives for Lena's replica.
    static func lenaGrant(_ source: any FactsSource) async throws -> GrantStatus? {
        let facts = try await source.facts(for: lena)
        return facts.grants.first { $0.id == "g-lena-1" }?.status
    }

    /// Changes `g-lena-1` straight in the database (behind the index's back); the change's token.
    @discardableResult
    static func change(_ action: Registry.GrantAction, reason: String = "letter", _ store: any StoreDatabase) async throws -> ChangeToken {
        try await store.transaction { db in
            _ = try Registry.change(grant: "g-lena-1", action, reason: reason, by: ActedBy(account: "t", role: .casting), now: testNow, db)
            return try ChangeLog.newest(db)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aLoadedIndexHoldsWhatTheDatabaseSaysAndFollowsItsChanges(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            _ = try await Importer(database: store).run(files: [Fixtures.demo], actor: "test", now: testNow)
            let index = try await FactsIndex.load(from: store)
            try await Self.expectSameFacts(index, as: store)

            // Changes logged row by row: a revocation, a strike.
            try await store.transaction { db in
                _ = try Registry.change(grant: "g-lena-1", .revoke, reason: "letter", by: ActedBy(account: "t", role: .casting), now: testNow, db)
                _ = try Registry.setUnion("SAG-AFTRA", strike: true, actor: "t", now: testNow, db)
            }
            try await index.refresh()
            #expect(try await index.facts(for: Self.lena).grants.first { $0.id == "g-lena-1" }?.status == .revoked)
            try await Self.expectSameFacts(index, as: store)

            // A bulk import's one change: the index reads the rows above its marks.
            _ = try await Importer(database: store, bulkAbove: 10).run(files: [Fixtures.grantsCSV], actor: "test", now: testNow)
            try await index.refresh()
            #expect(index.grantCount == 28)
            try await Self.expectSameFacts(index, as: store)
        }
    }

    /// A change token reached: the index, which has not applied a write made behind its back,
    /// answers from a state that holds it; a token the database has not reached is refused, on
    /// the index and on the database's own facts alike.
    @Test(arguments: StorageBackend.available)
    func aReachedTokenIsHonouredBeforeTheIndexHasAppliedItsChange(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            let index = try await Self.demoIndex(store, trustedFor: .seconds(3600))
            let token = try await Self.change(.revoke, store)
            #expect(try await Self.lenaGrant(index) == .active)
            try await index.reach(ChangeToken(seq: 1))
            #expect(try await Self.lenaGrant(index) == .active, "an older token asks for nothing new")
            try await index.reach(token)
            #expect(try await Self.lenaGrant(index) == .revoked)

            let beyond = ChangeToken(seq: token.seq + 1)
            for source: any FactsSource in [index, DatabaseFacts(database: store)] {
                await #expect(throws: ChangeToken.unknown(beyond)) { try await source.reach(beyond) }
            }
            try await DatabaseFacts(database: store).reach(token)
            try await index.refresh()
            #expect(!index.isBehind)
            #expect(try await Self.lenaGrant(index) == .revoked)
        }
    }

    /// With no follower running, a change committed more than `trustedFor` before a check is
    /// honoured by it: the check reads the log itself.
    @Test(arguments: StorageBackend.available)
    func aCheckReadsTheLogItselfWhenTheIndexHasNotLookedForLongerThanItIsTrusted(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            let index = try await Self.demoIndex(store, trustedFor: .milliseconds(20))
            try await Self.change(.revoke, store)
            try await Task.sleep(for: .milliseconds(30))
            #expect(try await Self.lenaGrant(index) == .revoked)
        }
    }

    /// On PostgreSQL a commit's notification brings the index up to date without a poll (the
    /// follower here polls once an hour, and checks trust the index for an hour); after the
    /// listener's connection is cut, it listens again and catches up on what committed meanwhile.
    @Test(.enabled(if: StorageBackend.available.contains(.postgres), "needs $LIKENESS_TEST_POSTGRES"))
    func onPostgresANotifiedChangeIsAppliedWithoutAPollAndAfterALostConnection() async throws {
        try await StorageBackend.postgres.withDatabase { database in
            let store = database.store
            let index = try await Self.demoIndex(store, trustedFor: .seconds(3600))
            let following = Task { await index.follow(every: .seconds(3600)) }
            defer { following.cancel() }
            func becomes(_ status: GrantStatus) async throws -> Bool {
                for _ in 0..<500 {
                    if try await Self.lenaGrant(index) == status { return true }
                    try await Task.sleep(for: .milliseconds(10))
                }
                return false
            }
            try await Self.change(.suspend, reason: "strike", store)
            #expect(try await becomes(.suspended))

            try await database.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()
                """, [])
            try await Self.change(.resume, reason: "over", store)
            #expect(try await becomes(.active))
        }
    }
}
