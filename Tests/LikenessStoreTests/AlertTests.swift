import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore

@Suite struct AlertTests {
    /// Runs the alerts as cron would on `day`, recording what it reports.
    func run(_ db: TempDatabase, _ day: String, thresholds: [Int] = [30, 7, 1]) async throws -> AlertReport {
        try await db.database.write { conn in
            let report = try Alerts.pending(at: Day(day)!, thresholds: thresholds, within: thresholds.max()!, conn)
            try Alerts.record(report, now: testNow, conn)
            return report
        }
    }

    func expiringGrants(_ report: AlertReport) -> [String] { report.expiring.map { "\($0.grant)@\($0.threshold!)" } }

    @Test func eachThresholdIsAlertedOnceAcrossSimulatedDays() async throws {
        let db = try TempDatabase()
        try await db.database.write { conn in
            try Registry.insert(PerformerInput(id: "p-a", name: "Ana").record(now: testNow), actor: "t", conn)
            for (id, until) in [("g-steady", "2027-02-09"), ("g-jump", "2027-01-20")] {
                var g = grantInput(id: id, performer: "p-a", production: nil)
                g.validUntil = until
                try Registry.insert(g.record(actor: "t", now: testNow), conn)
            }
        }
        // g-jump expires 2027-01-20: 31 days left on 2026-12-20, 30 on 2026-12-21.
        #expect(expiringGrants(try await run(db, "2026-12-20")).isEmpty)
        #expect(expiringGrants(try await run(db, "2026-12-21")) == ["g-jump@30"])
        // g-steady expires 2027-02-09: 40 days left on 2026-12-31.
        #expect(expiringGrants(try await run(db, "2026-12-31")).isEmpty)
        #expect(expiringGrants(try await run(db, "2027-01-10")) == ["g-steady@30"])
        #expect(expiringGrants(try await run(db, "2027-01-10")).isEmpty)  // the same day again
        #expect(expiringGrants(try await run(db, "2027-01-11")).isEmpty)
        // g-jump skipped from 30 to 5 days left between runs: one alert, for 7.
        #expect(expiringGrants(try await run(db, "2027-01-15")) == ["g-jump@7"])
        #expect(expiringGrants(try await run(db, "2027-01-19")) == ["g-jump@1"])
        #expect(expiringGrants(try await run(db, "2027-01-20")).isEmpty)
        #expect(expiringGrants(try await run(db, "2027-02-02")) == ["g-steady@7"])
        #expect(expiringGrants(try await run(db, "2027-02-08")) == ["g-steady@1"])
        #expect(expiringGrants(try await run(db, "2027-02-09")).isEmpty)
        #expect(expiringGrants(try await run(db, "2027-02-10")).isEmpty)
        let delivered = try await db.database.read { try String.fetchAll($0, sql: "SELECT key FROM alert_delivery ORDER BY key") }
        #expect(delivered == ["expiring:g-jump:1", "expiring:g-jump:30", "expiring:g-jump:7",
                              "expiring:g-steady:1", "expiring:g-steady:30", "expiring:g-steady:7"])
    }

    @Test func revokedAndSuspendedGrantsAreNotAlertedForExpiry() async throws {
        let db = try TempDatabase()
        _ = try await db.importFixtures()
        let report = try await db.database.read { try Alerts.pending(at: Day("2026-11-28")!, thresholds: [30], within: 30, $0) }
        let grants = Set(report.expiring.map(\.grant))
        #expect(grants.isSuperset(of: ["g-liam-1", "g-ana-2", "g-jonas-1", "g-grace-1", "g-sofia-1", "g-nina-1"]))
        #expect(!grants.contains("g-yuki-1") && !grants.contains("g-omar-2"))
        #expect(report.expiring.first { $0.grant == "g-liam-1" }?.daysLeft == 1)
        #expect(report.impacted.isEmpty)  // no check has relied on anything yet
    }
}
