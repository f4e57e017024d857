import Hummingbird
import LikenessApp
import LikenessRules
@testable import LikenessServer
import LikenessStore
import LikenessTestSupport
import Testing

/// A concrete path for an endpoint of the route table: each parameter filled with an id of the
/// demo fixtures (and, for an account's own password, the caller's own username).
func samplePath(_ endpoint: Endpoint, caller: AccountRole) -> String {
    let parts = endpoint.path.split(separator: "/").map(String.init)
    return "/" + parts.enumerated().map { index, part in
        guard part.hasPrefix("{") else { return part }
        let resource = parts[index - 1]
        switch (resource, part) {
        case ("accounts", _): return endpoint.path.hasSuffix("/password") ? caller.rawValue : "nobody"
        case ("performers", _): return "p-lena"
        case ("productions", _): return "prod-nova"
        case ("grants", _): return "g-lena-1"
        case ("approvals", _): return "ap-nova"
        case ("checks", _): return "chk-unknown"
        case ("tools", _): return "t-vault"
        case ("unions", _): return "SAG-AFTRA"
        case ("consent-offers", _): return "off-lena"
        case ("delegations", _): return "dlg-unknown"
        default: return "x"
        }
    }.joined(separator: "/")
}

@Suite struct RoleTests {
    /// Each role gets exactly the rights the route table gives it; a forbidden call is refused
    /// before its body is read (the body here is malformed JSON, which an allowed caller gets a
    /// 400 for). Logging out is last: it ends the session.
    /// (The studio account is the contact of the sample production, as a studio acts on its own;
    /// the performer acts for the sample performer in person, the representative as her agent,
    /// a check of hers names the sample tool, and an offer waits for her.) Rows a capacity narrows are listed.
    @Test(arguments: StorageBackend.available, AccountRole.allCases)
    func eachRoleGetsExactlyItsRights(backend: StorageBackend, _ role: AccountRole) async throws {
        let server = try await TestServer(backend)
        try await server.database.transaction { db in
            try Account(username: "studio", role: .studio, passwordHash: "$argon2id$unused", createdAt: testNow).insert(db)
            try db.execute("UPDATE production SET contact = 'studio' WHERE id = 'prod-nova'")
            for (account, role, capacity): (String, AccountRole, Capacity) in [("performer", .performer, .self), ("representative", .representative, .agent)] {
                try Account(username: account, role: role, passwordHash: "$argon2id$unused", createdAt: testNow).insert(db)
                try Delegation(id: "dlg-\(account)", account: account, performer: "p-lena", capacity: capacity, mayConsent: true, since: testNow,
                               invitation: "inv-\(account)").insert(db)
            }
        }
        let narrowedByCapacity: Set<String> = ["representative GET /v1/performers/p-lena/export"]
        try await server.test { client in
            let check = try await client.call(.post, "/v1/checks", token: server.token(.production),
                #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault"}"#)
            #expect(check.status == .ok)
            let offer = try await client.call(.post, "/v1/consent-offers", token: server.token(.casting), lenaOffer.replacingOccurrences(
                of: #""performer":"p-lena""#, with: #""id":"off-lena","performer":"p-lena""#))
            #expect(offer.status == .created)
        }
        let token = server.token(role)
        let endpoints = RouteTable.endpoints(services: server.services).filter { $0.access != .anyone }
            .sorted { ($0.method == .delete && $0.path == "/v1/sessions" ? 1 : 0) < ($1.method == .delete && $1.path == "/v1/sessions" ? 1 : 0) }
        try await server.test { client in
            for endpoint in endpoints {
                let path = samplePath(endpoint, caller: role)
                let body: String? = [.post, .put, .patch].contains(endpoint.method) ? "{not json" : nil
                let reply = try await client.call(endpoint.method, path, token: token, body)
                if narrowedByCapacity.contains("\(role) \(endpoint.method) \(path)") {
                    expectError(reply, .forbidden, "forbidden")
                } else if endpoint.access.allowedRoles!.contains(role) {
                    #expect(reply.status != .forbidden && reply.status != .unauthorized,
                            "\(role) should be allowed \(endpoint.method) \(path), got \(reply.status)")
                    if body != nil { expectError(reply, .badRequest, "malformed-json") }
                } else {
                    expectError(reply, .forbidden, "forbidden")
                }
            }
        }
    }

    /// The table says what the spec's role table says, at the points where a slip would hurt most.
    @Test(arguments: StorageBackend.available)
    func theTableKeepsTheSpecsSharpestRules(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        let endpoints = RouteTable.endpoints(services: server.services)
        func roles(_ method: HTTPRequest.Method, _ path: String) -> Set<AccountRole>? {
            endpoints.first { $0.method == method && $0.path == path }?.access.allowedRoles
        }
        #expect(roles(.get, "/v1/performers/{id}/personal") == [.privacy])
        #expect(roles(.put, "/v1/performers/{id}/personal") == [.admin, .casting, .privacy])
        #expect(roles(.post, "/v1/checks") == [.admin, .casting, .production])
        #expect(roles(.get, "/v1/audit") == [.admin, .auditor])
        #expect(roles(.post, "/v1/approvals") == [.admin, .studio])
        #expect(roles(.post, "/v1/approval-requests/{id}/approve") == [.admin, .studio])
        #expect(roles(.get, "/v1/productions/{id}/uses") == [.admin, .casting, .auditor, .studio])
        #expect(roles(.post, "/v1/grants/{id}/revoke") == [.admin, .casting, .performer, .representative])
        #expect(roles(.get, "/v1/performers/{id}/export") == [.privacy, .performer, .representative])
        #expect(roles(.post, "/v1/consent-offers/{id}/sign") == [.performer, .representative])
        #expect(roles(.post, "/v1/consent-offers") == [.admin, .casting])
        #expect(roles(.post, "/v1/sessions") == nil && roles(.get, "/healthz") == nil)
        // Admins may do everything but read personal data and act as the performer's side.
        let notAdmins: Set<String> = ["GET /v1/performers/{id}/personal", "GET /v1/performers/{id}/export",
                                      "POST /v1/consent-offers/{id}/sign", "POST /v1/consent-offers/{id}/decline"]
        for endpoint in endpoints where !notAdmins.contains("\(endpoint.method) \(endpoint.path)") {
            #expect(endpoint.access.allowedRoles?.contains(.admin) ?? true, "\(endpoint.method) \(endpoint.path)")
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyRouteNeedsCredentials(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            for endpoint in RouteTable.endpoints(services: server.services) where endpoint.access != .anyone {
                expectError(try await client.call(endpoint.method, samplePath(endpoint, caller: .admin), "{}"), .unauthorized, "unauthorized")
            }
        }
    }

    /// A known path asked with a method it does not declare is a 405 that names the ones it does.
    @Test(arguments: StorageBackend.available)
    func undeclaredMethodsAre405WithAllow(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        try await server.test { client in
            let trace = try await client.call(HTTPRequest.Method("TRACE")!, "/v1/grants/g-1")
            expectError(trace, .methodNotAllowed, "method-not-allowed")
            #expect(trace.headers[.allow] == "GET")
            let put = try await client.call(.put, "/v1/productions/prod-nova/roles")
            #expect(put.status == .methodNotAllowed && put.headers[.allow] == "POST, GET")
            expectError(try await client.call(.get, "/v1/nothing-here"), .notFound, "not-found")
        }
    }

    @Test(arguments: StorageBackend.available)
    func productionReadsOnlyItsOwnChecks(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let mine = server.token(.production)
        let theirs = server.services.sessions.open(for: Identity(actor: "other-pipeline", role: .production), now: server.clock.now()).token
        try await server.test { client in
            let check = try await client.call(.post, "/v1/checks", token: mine,
                #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault"}"#)
            let id = try #require(check["id"] as? String)
            #expect(try await client.call(.get, "/v1/checks/\(id)", token: mine).status == .ok)
            expectError(try await client.call(.get, "/v1/checks/\(id)", token: theirs), .notFound, "not-found")
            #expect(try await client.call(.get, "/v1/checks/\(id)", token: server.token(.auditor)).status == .ok)
        }
    }
}
