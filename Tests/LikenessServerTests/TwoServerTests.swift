import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessServer
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// Two servers on one PostgreSQL database, each with its own pool, facts index and delivery loop,
/// as two machines behind a load balancer run them.
@Suite(.enabled(if: StorageBackend.available.contains(.postgres), "needs $LIKENESS_TEST_POSTGRES"))
struct TwoServerTests {
    /// A server of its own on `url`, driven in-process through its router.
    struct Server {
        let database: PostgreSQLDatabase
        let services: Services

        init(url: String, keys: String, factsTrustedFor: Duration = FactsIndex.trustedForDefault) async throws {
            database = try await PostgreSQLDatabase(address: PostgresAddress(url: url))
            services = try await Services(database: database, signingKeyPath: keys, issuer: "https://likeness.test", clock: .test(),
                                          factsTrustedFor: factsTrustedFor)
        }

        func token(_ role: AccountRole) -> String {
            services.sessions.open(for: Identity(actor: role.rawValue, role: role), now: services.clock.now()).token
        }

        func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
            try await Application(router: buildRouter(services: services)).test(.router, body)
        }
    }

    /// A revocation committed through server A is honoured by a check through server B that
    /// starts 50 ms later (B's index follows the change log).
    @Test func aRevokeThroughOneServerIsHonouredByTheOther50msLater() async throws {
        try await BackendCLITests.withDatabase(.postgres) { url, keys, _ in
            let setup = try await PostgreSQLDatabase(address: PostgresAddress(url: url))
            try await Fixtures.importDemo(into: setup)
            setup.close()
            let a = try await Server(url: url, keys: keys), b = try await Server(url: url, keys: keys)
            defer { a.database.close(); b.database.close() }
            let following = [Task { await a.services.facts.follow() }, Task { await b.services.facts.follow() }]
            defer { following.forEach { $0.cancel() } }
            try await b.test { checks in
                func decision() async throws -> String? {
                    try await checks.call(.post, "/v1/checks", token: b.token(.production), lenaCheck)["decision"] as? String
                }
                #expect(try await decision() == "allowed")
                for (action, expected) in [("suspend", "denied"), ("resume", "allowed"), ("revoke", "denied")] {
                    let changed = try await a.test { casting in
                        try await casting.call(.post, "/v1/grants/g-lena-1/\(action)", token: a.token(.casting), #"{"reason":"by phone"}"#)
                    }
                    #expect(changed.status == .ok, "\(action)")
                    try await Task.sleep(for: .milliseconds(50))
                    #expect(try await decision() == expected, "\(action)")
                }
            }
        }
    }

    /// With the change token of a revocation through server A, a check through server B at once
    /// is denied, though B's index has not followed the change (without the token it still
    /// allows: B neither follows the log in this test nor reads it for stale checks).
    @Test func withTheWritesTokenACheckThroughTheOtherServerIsDecidedOnItAtOnce() async throws {
        try await BackendCLITests.withDatabase(.postgres) { url, keys, _ in
            let setup = try await PostgreSQLDatabase(address: PostgresAddress(url: url))
            try await Fixtures.importDemo(into: setup)
            setup.close()
            let a = try await Server(url: url, keys: keys), b = try await Server(url: url, keys: keys, factsTrustedFor: .seconds(3600))
            defer { a.database.close(); b.database.close() }
            let revoked = try await a.test { casting in
                try await casting.call(.post, "/v1/grants/g-lena-1/revoke", token: a.token(.casting), #"{"reason":"by phone"}"#)
            }
            let token = try #require(revoked.headers[.init("Likeness-Change-Token")!])
            try await b.test { checks in
                func decision(_ body: String) async throws -> String? {
                    try await checks.call(.post, "/v1/checks", token: b.token(.production), body)["decision"] as? String
                }
                let stale = try await decision(lenaCheck)
                #expect(stale == "allowed", "B has not followed the revocation")
                let fresh = try await decision(String(lenaCheck.dropLast()) + #","atLeast":"\#(token)"}"#)
                #expect(fresh == "denied")
                let later = try await decision(lenaCheck)
                #expect(later == "denied", "B reads the database until its index has applied the change")
            }
        }
    }

    /// Failed logins through server A count on server B: the sixth attempt, through B, waits.
    @Test func failedLoginsThroughOneServerCountOnTheOther() async throws {
        try await BackendCLITests.withDatabase(.postgres) { url, keys, _ in
            let a = try await Server(url: url, keys: keys), b = try await Server(url: url, keys: keys)
            defer { a.database.close(); b.database.close() }
            _ = try await a.services.accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"),
                                                     actor: "test", now: testNow)
            try await a.test { client in
                for _ in 0..<5 {
                    let refused = try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"guess-guess"}"#)
                    #expect(refused.status == .unauthorized)
                }
            }
            let limited = try await b.test { client in
                try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"casting-password"}"#)
            }
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
        }
    }
}
