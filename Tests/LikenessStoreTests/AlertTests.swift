import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

@Suite struct AlertTests {
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
