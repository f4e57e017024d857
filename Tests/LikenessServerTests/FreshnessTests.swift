import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// Changes committed by another process reach the server's checks within 20 ms, and a large
/// import (a full reload of the facts) leaves no window of stale or missing facts.
@Suite struct FreshnessTests {
    @Test(arguments: StorageBackend.available)
    func aChangeByTheCLIIsHonouredByAChecksStarting20msLater(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let follower = Task { await server.services.facts.follow() }
        defer { follower.cancel() }
        try await server.test { client in
            func decision() async throws -> String? {
                try await client.call(.post, "/v1/checks", token: server.token(.production), lenaCheck)["decision"] as? String
            }
            #expect(try await decision() == "allowed")
            for (action, expected) in [("suspend", "denied"), ("resume", "allowed"), ("revoke", "denied")] {
                let cli = try await runCLI(["grant", action, "g-lena-1", "--db", server.location, "--reason", "by phone"])
                #expect(cli.status == 0, "\(cli.err)")
                try await Task.sleep(for: .milliseconds(20))
                #expect(try await decision() == expected, "\(action)")
            }
        }
    }

    /// An import larger than the index applies change by change is a full reload; from 20 ms after
    /// it committed, checks see the new registry (read from the database while the reload runs),
    /// and what both registries hold is never missing.
    @Test(arguments: StorageBackend.available)
    func aLargeImportIsHonouredAt20msAndNothingGoesMissingDuringTheReload(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let follower = Task { await server.services.facts.follow() }
        defer { follower.cancel() }
        // One performer and one grant each: more changes than the index applies one by one.
        let count = FactsIndex.incrementalLimit / 2 + 100
        let performers = (0..<count).map { #"{"id":"p-bulk-\#($0)","name":"Bulk Performer \#($0)"}"# }
        let grants = (0..<count).map { i in
            #"{"id":"g-bulk-\#(i)","performer":"p-bulk-\#(i)","production":"prod-bulk","uses":["replica"],"aspects":["face"],"destinations":["temporary"],"territories":["*"],"validFrom":"2026-01-01","validUntil":"2027-12-31","signedBy":"performer","description":"Bulk consent number \#(i) for previs replicas"}"#
        }
        let file = server.folder.appendingPathComponent("bulk.json")
        try Data(#"{"productions":[{"id":"prod-bulk","title":"Bulk"}],"performers":[\#(performers.joined(separator: ","))],"grants":[\#(grants.joined(separator: ","))]}"#.utf8)
            .write(to: file)
        let bulkCheck = lenaCheck.replacingOccurrences(of: "prod-nova", with: "prod-bulk").replacingOccurrences(of: "p-lena", with: "p-bulk-7")
        try await server.test { client in
            let token = server.token(.production)
            expectError(try await client.call(.post, "/v1/checks", token: token, bulkCheck), .notFound, "not-found")
            let imported = try await runCLI(["import", "--db", server.location, file.path])
            #expect(imported.status == 0, "\(imported.err)")
            try await Task.sleep(for: .milliseconds(20))
            let fresh = try await client.call(.post, "/v1/checks", token: token, bulkCheck)
            #expect(fresh.status == .ok && fresh["grants"] as? [String] == ["g-bulk-7"], "\(fresh.status)")
            // While (and after) the index reloads, every check answers from one registry or the other.
            for _ in 0..<50 {
                #expect(try await client.call(.post, "/v1/checks", token: token, lenaCheck)["decision"] as? String == "allowed")
                #expect(try await client.call(.post, "/v1/checks", token: token, bulkCheck).status == .ok)
            }
            #expect(try await eventually { server.services.facts.grantCount == 28 + count })
        }
    }
}
