import Foundation
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// Alerts on every backend: each threshold, revocation or expiry is reported once, however the
/// runs are spaced or overlap.
@Suite struct SharedAlertTests {
    /// Runs the alerts as cron would on `day`, recording what it reports.
    func run(_ store: any StoreDatabase, _ day: String, thresholds: [Int] = [30, 7, 1]) async throws -> AlertReport {
        try await store.transaction { db in
            let report = try Alerts.pending(at: Day(day)!, thresholds: thresholds, within: thresholds.max()!, db)
            try Alerts.record(report, now: testNow, db)
            return report
        }
    }

    func expiringGrants(_ report: AlertReport) -> [String] { report.expiring.map { "\($0.grant)@\($0.threshold!)" } }

    /// Writes performer Ana (`p-a`) and her grants (an id, and the last valid day when given), each
    /// for `production` (or none), on `db`.
    func insertAna(grants: [(id: String, until: String?)], production: String? = nil, _ db: any SQLConnection) throws {
        try Registry.insert(PerformerInput(id: "p-a", name: "Ana").record(now: testNow), actor: "t", db)
        if let production { try Registry.insert(ProductionInput(id: production, title: "X").record(now: testNow), actor: "t", db) }
        for (id, until) in grants {
            var g = grantInput(id: id, performer: "p-a", production: production)
            if let until { g.validUntil = until }
            try Registry.insert(g.record(actor: "t", now: testNow), by: ActedBy(account: "t", role: .casting), db)
        }
    }

    @Test(arguments: StorageBackend.available)
    func eachThresholdIsAlertedOnceAcrossSimulatedDays(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await store.transaction { try insertAna(grants: [("g-steady", "2027-02-09"), ("g-jump", "2027-01-20")], $0) }
            // g-jump expires 2027-01-20: 31 days left on 2026-12-20, 30 on 2026-12-21.
            #expect(expiringGrants(try await run(store, "2026-12-20")).isEmpty)
            #expect(expiringGrants(try await run(store, "2026-12-21")) == ["g-jump@30"])
            // g-steady expires 2027-02-09: 40 days left on 2026-12-31.
            #expect(expiringGrants(try await run(store, "2026-12-31")).isEmpty)
            #expect(expiringGrants(try await run(store, "2027-01-10")) == ["g-steady@30"])
            #expect(expiringGrants(try await run(store, "2027-01-10")).isEmpty)  // the same day again
            #expect(expiringGrants(try await run(store, "2027-01-11")).isEmpty)
            // g-jump skipped from 30 to 5 days left between runs: one alert, for 7.
            #expect(expiringGrants(try await run(store, "2027-01-15")) == ["g-jump@7"])
            #expect(expiringGrants(try await run(store, "2027-01-19")) == ["g-jump@1"])
            #expect(expiringGrants(try await run(store, "2027-01-20")).isEmpty)
            #expect(expiringGrants(try await run(store, "2027-02-02")) == ["g-steady@7"])
            #expect(expiringGrants(try await run(store, "2027-02-08")) == ["g-steady@1"])
            #expect(expiringGrants(try await run(store, "2027-02-09")).isEmpty)
            #expect(expiringGrants(try await run(store, "2027-02-10")).isEmpty)
            let delivered = try await store.snapshot { try $0.rows("SELECT key FROM alert_delivery ORDER BY key", []).map { try $0["key"] as String } }
            #expect(delivered == ["expiring:g-jump:1", "expiring:g-jump:30", "expiring:g-jump:7",
                                  "expiring:g-steady:1", "expiring:g-steady:30", "expiring:g-steady:7"])
        }
    }

    /// The last days a date can name are days like the others: a window reaching past 9999-12-31
    /// ends there (a later day's text, `10000-…`, would sort before every other).
    @Test(arguments: StorageBackend.available)
    func theWindowEndsAtTheLastDayADateCanName(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            try await database.store.transaction { try insertAna(grants: [("g-end", "9999-12-31"), ("g-before", "9999-12-20")], $0) }
            let report = try await database.store.snapshot { try Alerts.current(at: Day("9999-12-10")!, within: 3650, $0) }
            #expect(report.expiring.map(\.grant) == ["g-before", "g-end"])
        }
    }

    /// A grant revoked after a check relied on it is reported once, with the check; a check made
    /// after the revocation's day is not listed.
    @Test(arguments: StorageBackend.available)
    func aRevokedGrantThatAChecksReliedOnIsAlertedOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await store.transaction { db in
                try insertAna(grants: [("g-1", nil)], production: "prod-x", db)
                for (check, at) in [("chk-1", "2026-11-20 10:00:00.000"), ("chk-2", "2026-12-20 10:00:00.000")] {
                    try db.execute("""
                        INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, body)
                        VALUES (?, ?, 'allowed', 'prod-x', 'p-a', 't', ?)
                        """, [check, at, Data("{}".utf8)])
                    try db.execute("INSERT INTO check_reliance (grant_id, check_id, production, decision, decided_at) VALUES ('g-1', ?, 'prod-x', 'allowed', ?)",
                                   [check, at])
                }
                _ = try Registry.change(grant: "g-1", .revoke, reason: "letter of 1 May", by: ActedBy(account: "t", role: .casting), now: testNow, db)
            }
            let report = try await run(store, "2026-11-28")
            #expect(report.impacted.map(\.grant) == ["g-1"])
            #expect(report.impacted.first?.status == "revoked" && report.impacted.first?.reason == "letter of 1 May")
            #expect(report.impacted.first?.checks.map(\.id) == ["chk-1"])
            #expect(try await run(store, "2026-11-29").impacted.isEmpty)
            let current = try await store.snapshot { try Alerts.current(at: Day("2026-11-29")!, within: 30, $0) }
            #expect(current.impacted.map(\.grant) == ["g-1"])
        }
    }

    /// Runs that overlap (two cron hosts, or a slow webhook) hold the alerts' lock in turn: each
    /// alert is reported by one of them.
    @Test(arguments: StorageBackend.available)
    func overlappingRunsReportEachAlertOnce(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let store = database.store
            try await store.transaction { try insertAna(grants: [("g-1", "2026-12-03")], $0) }
            let reported = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await store.holding(.alerts) {
                            let report = try await store.snapshot { try Alerts.pending(at: Day("2026-11-28")!, thresholds: [7], within: 7, $0) }
                            try await Task.sleep(for: .milliseconds(100))  // the webhook's answer
                            _ = try await store.transaction { try Alerts.record(report, now: testNow, $0) }
                            return report.expiring.count
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(reported == 1)
        }
    }
}
