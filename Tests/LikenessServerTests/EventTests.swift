import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessServer
import LikenessStore
import LikenessTestSupport
import NIOCore
import Synchronization
import Testing

/// A webhook receiver: answers `failures` calls with 500 (a long body), then 200; `/moved` answers
/// a redirect to `/hook`. It keeps every call it got.
final class Receiver: Sendable {
    struct Call: Sendable { let eventID: String?; let signature: String?; let body: Data; let accepted: Bool }
    let calls = Mutex<[Call]>([])
    let failures: Int
    init(failures: Int = 0) { self.failures = failures }

    var all: [Call] { calls.withLock { $0 } }
    var accepted: [Call] { all.filter(\.accepted) }
    /// The accepted events, parsed.
    var events: [[String: Any]] { accepted.map { (try? JSONSerialization.jsonObject(with: $0.body)) as? [String: Any] ?? [:] } }

    func app() -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = Data(try await request.body.collect(upTo: 1 << 24).readableBytesView)
            let accepted = self.calls.withLock { calls in
                let accepted = calls.count >= self.failures
                calls.append(Call(eventID: request.headers[.init("Likeness-Event-Id")!],
                                  signature: request.headers[.init("Likeness-Signature")!], body: body, accepted: accepted))
                return accepted
            }
            return Response(status: accepted ? .ok : .internalServerError,
                            body: .init(byteBuffer: ByteBuffer(string: accepted ? "ok" : String(repeating: "overloaded ", count: 500))))
        }
        router.post("moved") { _, _ -> Response in
            Response(status: .found, headers: [.location: "/hook"])
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// Waits until `condition` holds (at most `seconds`).
func eventually(_ seconds: Double = 10, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// `Likeness-Signature: t=…,v1=…` recomputed with the secret: HMAC-SHA256 over "<t>.<body>".
func signatureVerifies(_ header: String?, secret: String, body: Data) -> Bool {
    guard let header else { return false }
    let parts = Dictionary(header.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        .filter { $0.count == 2 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
    guard let t = parts["t"], let v1 = parts["v1"] else { return false }
    let mac = HMAC<SHA256>.authenticationCode(for: Data((t + ".").utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
    return Hex.encode(Array(mac)) == v1
}

@Suite struct EventTests {
    /// Registers a webhook as an admin: its id and secret.
    func register(_ client: some TestClientProtocol, _ server: TestServer, url: String, events: [String]) async throws -> (id: String, secret: String) {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["url": url, "events": events]), as: UTF8.self)
        let reply = try await client.call(.post, "/v1/webhooks", token: server.token(.admin), body)
        #expect(reply.status == .created)
        return (try #require(reply["id"] as? String), try #require(reply["secret"] as? String))
    }

    /// Runs the server's delivery loop around `body`.
    func delivering<T>(_ server: TestServer, _ body: () async throws -> T) async throws -> T {
        let loop = Task { await server.services.delivery.run() }
        defer { loop.cancel() }
        return try await body()
    }

    @Test(arguments: StorageBackend.available)
    func aRevokeDeliversOneSignedEventNamingTheChecksThatReliedOnTheGrant(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let receiver = Receiver()
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                try await delivering(server) {
                    let (id, secret) = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook", events: ["grant.revoked"])
                    var relied: [String] = []
                    for _ in 0..<2 {
                        relied.append(try #require(try await client.call(.post, "/v1/checks", token: server.token(.production), lenaCheck)["id"] as? String))
                    }
                    let denied = try await client.call(.post, "/v1/checks", token: server.token(.production),
                                                       lenaCheck.replacingOccurrences(of: "prod-nova", with: "prod-tide"))
                    #expect(denied["decision"] as? String == "denied")
                    _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn by email"}"#)
                    #expect(try await eventually { receiver.accepted.count == 1 })
                    let call = try #require(receiver.accepted.first)
                    #expect(signatureVerifies(call.signature, secret: secret, body: call.body))
                    #expect(!signatureVerifies(call.signature, secret: secret + "x", body: call.body))
                    let event = try #require(receiver.events.first)
                    #expect(event["type"] as? String == "grant.revoked" && event["id"] as? String == call.eventID)
                    #expect((event["id"] as? String)?.hasPrefix("evt-") == true && event["at"] is String)
                    let data = try #require(event["data"] as? [String: Any])
                    #expect(data["grant"] as? String == "g-lena-1" && data["performer"] as? String == "p-lena")
                    #expect(data["production"] as? String == "prod-nova" && data["status"] as? String == "revoked")
                    #expect(data["reason"] as? String == "withdrawn by email")
                    #expect(data["impactedChecks"] as? [String] == relied)
                    // The receiver has answered; the delivery is recorded right after.
                    var delivery: [String: Any] = [:]
                    #expect(try await eventually {
                        let deliveries = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", token: server.token(.admin))
                        delivery = (deliveries["deliveries"] as? [[String: Any]])?.first ?? [:]
                        return delivery["state"] as? String == "delivered"
                    })
                    #expect(delivery["attempts"] as? Int == 1)
                    #expect(delivery["lastStatus"] as? Int == 200 && delivery["event"] as? String == call.eventID)
                    // Nothing more comes: one event, delivered once.
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(receiver.all.count == 1)
                }
            }
        }
    }

    /// A receiver that fails three times gets the event exactly once more, after the failures, and
    /// the later event only after it.
    @Test(arguments: StorageBackend.available)
    func aFailingReceiverGetsEachEventOnceInOrderAfterItRecovers(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let receiver = Receiver(failures: 3)
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                try await delivering(server) {
                    let (id, _) = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook",
                                                     events: ["grant.suspended", "grant.resumed"])
                    _ = try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: server.token(.casting), #"{"reason":"review"}"#)
                    _ = try await client.call(.post, "/v1/grants/g-lena-1/resume", token: server.token(.casting), #"{"reason":"cleared"}"#)
                    #expect(try await eventually { receiver.accepted.count == 2 })
                    try await Task.sleep(for: .milliseconds(300))
                    let calls = receiver.all
                    #expect(calls.count == 5)
                    let suspended = try #require(calls.first?.eventID)
                    #expect(calls.map(\.eventID) == [suspended, suspended, suspended, suspended, calls.last?.eventID])
                    #expect(calls.map(\.accepted) == [false, false, false, true, true])
                    #expect(receiver.events.map { $0["type"] as? String } == ["grant.suspended", "grant.resumed"])
                    let deliveries = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", token: server.token(.admin))
                    let states = try #require(deliveries["deliveries"] as? [[String: Any]])
                    #expect(states.map { $0["attempts"] as? Int } == [1, 4])
                    #expect(states.allSatisfy { $0["state"] as? String == "delivered" && $0["lastError"] == nil })
                }
            }
        }
    }

    /// Two servers' delivery loops on one database (as two servers behind a load balancer run
    /// them): each attempt is leased in the database, so every event reaches the receiver once,
    /// in order, whichever server sends it.
    @Test(arguments: StorageBackend.available)
    func twoServersDeliveringFromOneDatabaseSendEachEventOnceInOrder(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let receiver = Receiver()
        let other = EventDelivery(database: server.database, webhooks: server.services.webhooks, clock: server.clock,
                                  timing: .init(poll: .milliseconds(20), firstRetry: .milliseconds(50)))
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                let otherLoop = Task { await other.run() }
                defer { otherLoop.cancel() }
                try await delivering(server) {
                    _ = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook",
                                           events: ["grant.suspended", "grant.resumed"])
                    for n in 0..<10 {
                        let action = n % 2 == 0 ? "suspend" : "resume"
                        _ = try await client.call(.post, "/v1/grants/g-lena-1/\(action)", token: server.token(.casting), #"{"reason":"review"}"#)
                    }
                    #expect(try await eventually { receiver.accepted.count >= 10 })
                    try await Task.sleep(for: .milliseconds(300))
                    let ids = receiver.all.compactMap(\.eventID)
                    #expect(ids.count == 10 && Set(ids).count == 10, "\(ids)")
                    #expect(receiver.events.map { $0["type"] as? String } == (0..<10).map { $0 % 2 == 0 ? "grant.suspended" : "grant.resumed" })
                }
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aWebhookGetsOnlyTheTypesItSubscribedTo(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let receiver = Receiver()
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                try await delivering(server) {
                    _ = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook", events: ["union.strike-changed"])
                    _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
                    _ = try await client.call(.put, "/v1/unions/SAG-AFTRA", token: server.token(.admin), #"{"strike":true}"#)
                    // The same state again is no change.
                    _ = try await client.call(.put, "/v1/unions/SAG-AFTRA", token: server.token(.admin), #"{"strike":true}"#)
                    #expect(try await eventually { receiver.accepted.count == 1 })
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(receiver.events.map { $0["type"] as? String } == ["union.strike-changed"])
                    #expect(receiver.events.first?["data"] as? NSDictionary == ["union": "SAG-AFTRA", "strike": true] as NSDictionary)
                }
            }
        }
    }

    /// The CLI writes the event with its change; the running server delivers it.
    @Test(arguments: StorageBackend.available)
    func aRevokeByTheCLIWhileTheServerRunsIsDelivered(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let receiver = Receiver()
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                try await delivering(server) {
                    _ = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook", events: ["grant.revoked"])
                    let cli = try await runCLI(["grant", "revoke", "g-omar-1", "--reason", "withdrawn by phone", "--db", server.location, "--actor", "amy"])
                    #expect(cli.status == 0, "\(cli.err)")
                    #expect(try await eventually { receiver.accepted.count == 1 })
                    let data = receiver.events.first?["data"] as? [String: Any]
                    #expect(data?["grant"] as? String == "g-omar-1" && data?["reason"] as? String == "withdrawn by phone")
                    #expect(data?.keys.contains("production") == true && data?["production"] is NSNull)
                }
            }
        }
    }

    /// Every kind of change writes its event in its own transaction (a refused change writes none);
    /// the feed pages through them oldest first.
    @Test(arguments: StorageBackend.available)
    func theFeedPagesThroughEveryEventOldestFirst(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let casting = server.token(.casting)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: casting, #"{"reason":"review"}"#)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/resume", token: casting, #"{"reason":"cleared"}"#)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: casting, #"{"reason":"withdrawn"}"#)
            expectError(try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: casting, #"{"reason":"again"}"#), .conflict, "invalid-state")
            _ = try await client.call(.post, "/v1/approvals/ap-nova/revoke", token: server.token(.admin), #"{"reason":"expired memo"}"#)
            _ = try await client.call(.put, "/v1/unions/SAG-AFTRA", token: server.token(.admin), #"{"strike":true}"#)
            let check = try await client.call(.post, "/v1/checks", token: server.token(.production), #"""
                {"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["voice"],"destination":"final","territory":"GB","tool":"t-vault","at":"2026-05-01"}
                """#)
            #expect(check["decision"] as? String == "needs-approval")
            let requested = try await client.call(.post, "/v1/approval-requests", token: server.token(.production),
                                                  #"{"check":"\#(check["id"] as! String)","note":"Omar's face in the final cut of episode 2"}"#)
            let approved = try await client.call(.post, "/v1/approval-requests/\(requested["id"] as! String)/approve", token: server.token(.admin),
                                                 #"{"reference":"MEMO-1"}"#)
            #expect(approved.status == .ok)

            var events: [[String: Any]] = []
            var after: String?
            while true {
                let page = try await client.call(.get, "/v1/events?limit=7" + (after.map { "&after=\($0)" } ?? ""), token: server.token(.auditor))
                let items = try #require(page["events"] as? [[String: Any]])
                events += items
                guard items.count == 7 else { break }
                after = items.last?["id"] as? String
            }
            let types = events.map { $0["type"] as? String ?? "" }
            // The fixtures' import wrote one event per grant and approval.
            #expect(types.prefix(while: { $0 == "grant.created" || $0 == "approval.created" }).count == 31)
            #expect(Array(types.dropFirst(31)) == ["grant.suspended", "grant.resumed", "grant.revoked", "approval.revoked", "union.strike-changed",
                                                   "approval-request.created", "approval.created", "approval-request.decided"])
            #expect(Set(events.compactMap { $0["id"] as? String }).count == events.count)
            let approval = try #require(events[events.count - 2]["data"] as? [String: Any])
            let decided = try #require(events.last?["data"] as? [String: Any])
            #expect(decided["state"] as? String == "approved" && decided["approval"] as? String == approval["id"] as? String)
            expectError(try await client.call(.get, "/v1/events?after=evt-none", token: server.token(.auditor)), .notFound, "not-found", field: "after")
            expectError(try await client.call(.get, "/v1/events?limit=0", token: server.token(.auditor)), .unprocessableContent, "invalid-parameter")
            for role in [AccountRole.production, .privacy, .studio] {
                expectError(try await client.call(.get, "/v1/events", token: server.token(role)), .forbidden, "forbidden")
            }
        }
    }

    /// Only admins register webhooks; bad registrations are refused; a secret is shown once and the
    /// database holds it only sealed; deleting a webhook stops its deliveries.
    @Test(arguments: StorageBackend.available)
    func webhooksAreAdminsAndTheirSecretsAreShownOnce(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let body = #"{"url":"http://127.0.0.1:9/hook","events":["grant.revoked"]}"#
            for role in [AccountRole.casting, .auditor, .studio, .production, .privacy] {
                expectError(try await client.call(.post, "/v1/webhooks", token: server.token(role), body), .forbidden, "forbidden")
            }
            for (bad, field, code) in [(#"{"url":"ftp://x/hook","events":["grant.revoked"]}"#, "url", "invalid-url"),
                                       (#"{"url":"http:///hook","events":["grant.revoked"]}"#, "url", "invalid-url"),
                                       (#"{"url":"http://x/hook","events":[]}"#, "events", "empty-set"),
                                       (#"{"url":"http://x/hook","events":["grant.deleted"]}"#, "events[0]", "invalid-enum"),
                                       (#"{"events":["grant.revoked"]}"#, "url", "missing-field")] {
                expectError(try await client.call(.post, "/v1/webhooks", token: server.token(.admin), bad), .unprocessableContent, code, field: field)
            }
            let created = try await client.call(.post, "/v1/webhooks", token: server.token(.admin), body)
            let id = try #require(created["id"] as? String), secret = try #require(created["secret"] as? String)
            #expect(secret.count >= 40)
            let list = try await client.call(.get, "/v1/webhooks", token: server.token(.admin))
            let listed = try #require((list["webhooks"] as? [[String: Any]])?.first)
            #expect(listed["id"] as? String == id && listed["secret"] == nil && listed["pending"] as? Int == 0)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
            let pending = try await client.call(.get, "/v1/webhooks", token: server.token(.admin))
            #expect((pending["webhooks"] as? [[String: Any]])?.first?["pending"] as? Int == 1)
            for (place, bytes) in try await server.storage.storedBytes() {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(place)")
            }
            #expect(try await client.call(.delete, "/v1/webhooks/\(id)", token: server.token(.admin)).status == .noContent)
            expectError(try await client.call(.delete, "/v1/webhooks/\(id)", token: server.token(.admin)), .notFound, "not-found")
            expectError(try await client.call(.get, "/v1/webhooks/\(id)/deliveries", token: server.token(.admin)), .notFound, "not-found")
            let audit = try await server.database.column("SELECT action FROM audit_entry WHERE action LIKE 'webhook.%' ORDER BY seq", as: String.self)
            #expect(audit == ["webhook.create", "webhook.delete"])
        }
    }

    /// A redirect is an answer, not a delivery; a receiver's answer is kept only as a short excerpt;
    /// 24 hours after its event a delivery that keeps failing is marked failed and the next goes.
    @Test(arguments: StorageBackend.available)
    func redirectsAreNotFollowedAnswersAreCutAndRetriesEndAfterADay(backend: StorageBackend) async throws {
        let now = Mutex(testNow)
        let clock = TimeSource { now.withLock { $0 } }
        let server = try await TestServer(backend, clock: clock)
        let receiver = Receiver(failures: 1)
        try await receiver.app().test(.live) { hook in
            try await server.test { client in
                let moved = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/moved", events: ["grant.suspended"])
                let failing = try await register(client, server, url: "http://127.0.0.1:\(hook.port!)/hook", events: ["grant.resumed"])
                _ = try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: server.token(.casting), #"{"reason":"review"}"#)
                _ = try await client.call(.post, "/v1/grants/g-lena-1/resume", token: server.token(.casting), #"{"reason":"cleared"}"#)
                try await delivering(server) {
                    func deliveries(_ id: String) async throws -> [[String: Any]] {
                        try #require(try await client.call(.get, "/v1/webhooks/\(id)/deliveries", token: server.token(.admin))["deliveries"]
                                        as? [[String: Any]])
                    }
                    #expect(try await eventually { try await deliveries(moved.id).first?["attempts"] as? Int == 1 })
                    #expect(try await eventually { try await deliveries(failing.id).first?["attempts"] as? Int == 1 })
                    let redirect = try #require(try await deliveries(moved.id).first)
                    #expect(redirect["state"] as? String == "pending" && redirect["lastStatus"] as? Int == 302)
                    #expect(receiver.all.count == 1)  // /hook was not called by the redirect
                    let failed = try #require(try await deliveries(failing.id).first)
                    let excerpt = try #require(failed["lastError"] as? String)
                    #expect(excerpt.hasPrefix("answered 500: overloaded") && excerpt.count <= 220)
                    // A day later the redirected delivery's next attempt is its last: failed.
                    now.withLock { $0 = $0.addingTimeInterval(24 * 3600 + 1) }
                    #expect(try await eventually { try await deliveries(moved.id).first?["state"] as? String == "failed" })
                    #expect(try await deliveries(moved.id).first?["attempts"] as? Int == 2)
                    // The other receiver recovered: delivered on its retry.
                    #expect(try await eventually { try await deliveries(failing.id).first?["state"] as? String == "delivered" })
                }
            }
        }
    }
}
