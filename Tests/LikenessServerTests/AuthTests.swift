import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import LikenessTestSupport
import Testing
@testable import LikenessServer

@Suite struct AuthTests {
    @Test(arguments: StorageBackend.available)
    func loginGivesAnOpaqueTokenThatAuthenticates(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        _ = try await server.services.accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"), actor: "test", now: testNow)
        try await server.test { client in
            let login = try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"casting-password"}"#)
            #expect(login.status == .created)
            #expect(login["role"] as? String == "casting")
            let token = try #require(login["token"] as? String)
            #expect(token.count >= 43)  // 256 bits in base64url after the prefix
            let expires = try #require(login["expiresAt"] as? String)
            #expect(ISO8601DateFormatter().date(from: expires)! > server.clock.now())
            #expect(try await client.call(.get, "/v1/performers/p-lena", token: token).status == .ok)
            #expect(try await client.call(.delete, "/v1/sessions", token: token).status == .noContent)
            expectError(try await client.call(.get, "/v1/performers/p-lena", token: token), .unauthorized, "unauthorized")
        }
    }

    @Test(arguments: StorageBackend.available)
    func wrongPasswordAndUnknownUserGetTheSame401(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        _ = try await server.services.accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"), actor: "test", now: testNow)
        try await server.test { client in
            let wrong = try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"not-the-password"}"#)
            let unknown = try await client.call(.post, "/v1/sessions", #"{"username":"zed","password":"not-the-password"}"#)
            expectError(wrong, .unauthorized, "unauthorized")
            #expect(NSDictionary(dictionary: wrong.json) == NSDictionary(dictionary: unknown.json))
            expectError(try await client.call(.post, "/v1/sessions", #"{"username":"amy"}"#), .unprocessableContent, "missing-field", field: "password")
        }
    }

    @Test(arguments: StorageBackend.available, [nil, "Bearer nope", "Bearer ", "Basic YWRtaW46eA==", "bearer lks_x"])
    func missingOrBadCredentialsAre401(backend: StorageBackend, _ header: String?) async throws {
        let server = try await TestServer(backend, fixtures: false)
        try await server.test { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            let status = try await client.execute(uri: "/v1/performers/p-lena", method: .get, headers: headers) { $0.status }
            #expect(status == .unauthorized)
        }
    }

    @Test func expiredSessionsAreRejected() async throws {
        let sessions = SessionStore(lifetime: 60)
        let (token, _) = sessions.open(for: Identity(actor: "amy", role: .casting), now: testNow.addingTimeInterval(-61))
        #expect(sessions.session(tokenHash: Tokens.hash(token), now: testNow) == nil)
        let (live, _) = sessions.open(for: Identity(actor: "amy", role: .casting), now: testNow)
        #expect(sessions.session(tokenHash: Tokens.hash(live), now: testNow)?.identity.actor == "amy")
    }

    @Test(arguments: StorageBackend.available)
    func apiKeysAreShownOnceAndWorkAsBearerTokens(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let created = try await client.call(.post, "/v1/api-keys", token: server.token(.admin), #"{"name":"pipeline","role":"production"}"#)
            #expect(created.status == .created)
            let key = try #require(created["key"] as? String)
            let check = try await client.call(.post, "/v1/checks", token: key,
                #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault"}"#)
            #expect(check.status == .ok)
            expectError(try await client.call(.post, "/v1/performers", token: key, #"{"name":"X"}"#), .forbidden, "forbidden")
        }
        let stored = try await server.database.column("SELECT key_hash FROM api_key", as: String.self)
        #expect(stored.count == 1 && stored[0].count == 64)
    }

    @Test(arguments: StorageBackend.available)
    func keysCreatedByTheCLIAreFoundInTheDatabase(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let (_, secret) = try await Accounts(database: server.database).createKey(APIKeyInput(name: "cli", role: "auditor"), actor: "cli", now: testNow)
        let status = try await server.test { client in
            try await client.call(.get, "/v1/grants/g-lena-1/impact", token: secret).status
        }
        #expect(status == .ok)
    }

    @Test(arguments: StorageBackend.available)
    func failedLoginsAreRateLimitedPerUsername(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        _ = try await server.services.accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"), actor: "test", now: testNow)
        try await server.test { client in
            for _ in 0..<5 {
                expectError(try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"guess-guess"}"#), .unauthorized, "unauthorized")
            }
            let limited = try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"casting-password"}"#)
            expectError(limited, .tooManyRequests, "rate-limited")
            let retry = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry > 0 && retry <= 300)
        }
    }
}
