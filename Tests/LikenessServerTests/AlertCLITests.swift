import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessStore
import LikenessServer
import LikenessTestSupport
import NIOCore
import Synchronization
import Testing

/// A webhook receiver that answers 500 to its first `failures` calls, then 200, keeping the bodies it accepted.
final class Hook: Sendable {
    let state = Mutex<(calls: Int, bodies: [Data])>((0, []))
    let failures: Int
    init(failures: Int) { self.failures = failures }

    var calls: Int { state.withLock { $0.calls } }
    var bodies: [[String: Any]] {
        state.withLock { $0.bodies }.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:] }
    }

    func app() -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, context -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 1 << 24)
            let body = Data(buffer.readableBytesView)
            return self.state.withLock { s in
                s.calls += 1
                if s.calls <= self.failures { return .internalServerError }
                s.bodies.append(body)
                return .ok
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

@Suite struct AlertCLITests {
    /// A demo server with allowed checks relying on g-lena-1 and g-mia-1 (both prod-nova).
    func serverWithChecks(_ backend: StorageBackend) async throws -> TestServer {
        let server = try await TestServer(backend)
        try await server.test { client in
            for body in [lenaCheck, lenaCheck,
                         #"{"production":"prod-nova","performer":"p-mia","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#] {
                let reply = try await client.call(.post, "/v1/checks", token: server.token(.production), body)
                #expect(reply["decision"] as? String == "allowed")
            }
        }
        return server
    }

    func keys(_ server: TestServer) async throws -> [String] {
        try await server.database.column("SELECT key FROM alert_delivery ORDER BY key")
    }

    @Test(arguments: StorageBackend.available)
    func revocationSuspensionAndExpiryAreDeliveredOnceThroughAFailingThenWorkingWebhook(backend: StorageBackend) async throws {
        let server = try await serverWithChecks(backend)
        let hook = Hook(failures: 3)
        try await hook.app().test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)/hook"
            let db = server.location
            try await server.test { api in
                _ = try await api.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn by email"}"#)
            }
            // Day 1: the webhook fails three times (every retry): exit 1, nothing recorded.
            let failed = try await runCLI(["alerts", "--db", db, "--at", "2026-11-28", "--thresholds", "30", "--webhook", url])
            #expect(failed.status == 1 && failed.err.contains("nothing was recorded"), "\(failed.err)")
            #expect(hook.calls == 3)
            #expect(try await keys(server).isEmpty)
            // Next run: delivered and recorded.
            let delivered = try await runCLI(["alerts", "--at", "2026-11-28", "--thresholds", "30", "--webhook", url, "--db", db])
            #expect(delivered.status == 0, "\(delivered.err)")
            let body = try #require(hook.bodies.last)
            let impacted = try #require(body["impacted"] as? [[String: Any]])
            #expect(impacted.map { $0["grant"] as? String } == ["g-lena-1"])
            #expect(impacted.first?["status"] as? String == "revoked" && impacted.first?["reason"] as? String == "withdrawn by email")
            let checks = try #require(impacted.first?["checks"] as? [[String: Any]])
            #expect(checks.count == 2 && checks.allSatisfy { $0["production"] as? String == "prod-nova" })
            let expiring = Set((body["expiring"] as? [[String: Any]] ?? []).compactMap { $0["grant"] as? String })
            #expect(expiring.contains("g-lena-1") == false && expiring.contains("g-liam-1"))
            // Same day again: nothing new, no POST.
            let again = try await runCLI(["alerts", "--db", db, "--at", "2026-11-28", "--thresholds", "30", "--webhook", url])
            #expect(again.status == 0 && again.out.contains("nothing new") && hook.bodies.count == 1)

            // A suspension of another grant, resumed, then suspended again: two events.
            try await server.test { api in
                _ = try await api.call(.post, "/v1/grants/g-mia-1/suspend", token: server.token(.casting), #"{"reason":"estate review"}"#)
            }
            _ = try await runCLI(["alerts", "--db", db, "--at", "2026-11-28", "--thresholds", "30", "--webhook", url])
            #expect((hook.bodies.last?["impacted"] as? [[String: Any]])?.first?["status"] as? String == "suspended")
            try await server.test { api in
                _ = try await api.call(.post, "/v1/grants/g-mia-1/resume", token: server.token(.casting), #"{"reason":"cleared"}"#)
            }
            let resumed = try await runCLI(["alerts", "--db", db, "--at", "2026-11-28", "--thresholds", "30", "--json"])
            #expect(resumed.out.contains("\"impacted\":[]"))
            // Expiry: g-mia-1 is valid until 2027-02-01; as of 2027-02-02 it has expired under the checks.
            let expired = try await runCLI(["alerts", "--db", db, "--at", "2027-02-02", "--thresholds", "30", "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(expired.out.utf8)) as? [String: Any])
            let lapsed = try #require((report["impacted"] as? [[String: Any]])?.first)
            #expect(lapsed["grant"] as? String == "g-mia-1" && lapsed["status"] as? String == "expired" && lapsed["since"] as? String == "2027-02-02")
            #expect((report["impacted"] as? [Any])?.count == 1)
            let once = try await runCLI(["alerts", "--db", db, "--at", "2027-02-03", "--thresholds", "30", "--json"])
            #expect(once.out.contains("\"impacted\":[]"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func twoConcurrentRunsDeliverEachAlertExactlyOnce(backend: StorageBackend) async throws {
        let server = try await serverWithChecks(backend)
        try await server.test { api in
            _ = try await api.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
        }
        let hook = Hook(failures: 0)
        try await hook.app().test(.live) { client in
            let arguments = ["alerts", "--db", server.location, "--at", "2026-11-28", "--webhook", "http://127.0.0.1:\(client.port!)/hook"]
            async let first = runCLI(arguments)
            async let second = runCLI(arguments)
            let results = try await [first, second]
            #expect(results.allSatisfy { $0.status == 0 })
            let grants = hook.bodies.flatMap { body in
                ((body["expiring"] as? [[String: Any]] ?? []) + (body["impacted"] as? [[String: Any]] ?? [])).compactMap { $0["grant"] as? String }
            }
            #expect(hook.bodies.count == 1)
            #expect(!grants.isEmpty && grants.count == Set(grants).count)
        }
    }

    @Test(arguments: StorageBackend.available)
    func dryRunRecordsNothing(backend: StorageBackend) async throws {
        let server = try await serverWithChecks(backend)
        let dry = try await runCLI(["alerts", "--db", server.location, "--at", "2026-11-28", "--dry-run"])
        #expect(dry.status == 0 && dry.out.contains("g-liam-1"))
        #expect(try await keys(server).isEmpty)
        let real = try await runCLI(["alerts", "--db", server.location, "--at", "2026-11-28"])
        let recorded = try await keys(server)
        #expect(real.out.contains("g-liam-1") && !recorded.isEmpty)
    }

    @Test(arguments: StorageBackend.available, [
        (["--thresholds", "30,x"], "--thresholds"), (["--thresholds", "-1"], "--thresholds"),
        (["--at", "2026-02-30"], "--at"), (["--within", "-3"], "--within"), (["--within", "0"], "below every threshold"),
        (["--webhook", "ftp://example.org/x"], "http(s) URL"), (["--webhook", "not a url"], "http(s) URL"),
    ])
    func badArgumentsAreClearErrors(backend: StorageBackend, wrong: (arguments: [String], message: String)) async throws {
        let (arguments, message) = wrong
        let server = try await TestServer(backend)
        let result = try await runCLI(["alerts", "--db", server.location] + arguments)
        #expect(result.status != 0 && result.err.contains(message), "\(result.err)")
        #expect(try await keys(server).isEmpty)
    }

    @Test(arguments: StorageBackend.available)
    func alertsOverHTTP(backend: StorageBackend) async throws {
        let server = try await serverWithChecks(backend)
        try await server.test { client in
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
            let reply = try await client.call(.get, "/v1/alerts?within=30&at=2026-11-28", token: server.token(.auditor))
            #expect(reply.status == .ok)
            let expiring = try #require(reply["expiring"] as? [[String: Any]])
            let liam = try #require(expiring.first { $0["grant"] as? String == "g-liam-1" })
            #expect(liam["daysLeft"] as? Int == 1 && liam["validUntil"] as? String == "2026-11-29" && liam["production"] as? String == "prod-tide")
            #expect((reply["impacted"] as? [[String: Any]])?.map { $0["grant"] as? String } == ["g-lena-1"])
            expectError(try await client.call(.get, "/v1/alerts", token: server.token(.production)), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/alerts?within=x", token: server.token(.casting)), .unprocessableContent, "invalid-parameter", field: "within")
            expectError(try await client.call(.get, "/v1/alerts?at=tomorrow", token: server.token(.casting)), .unprocessableContent, "invalid-date", field: "at")
        }
    }
}
