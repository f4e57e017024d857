import HTTPTypes
import LikenessCore
import Testing

/// Every route of the API with the roles that may call it (the spec's table); admin may call all
/// but reading personal data.
let routeTable: [(method: HTTPRequest.Method, path: String, roles: Set<AccountRole>)] = [
    (.post, "/v1/accounts", [.admin]),
    (.post, "/v1/api-keys", [.admin]),
    (.delete, "/v1/accounts/nobody", [.admin]),
    (.put, "/v1/performers/p-lena/personal", [.admin, .casting, .privacy]),
    (.get, "/v1/audit", [.admin, .auditor]),
    (.post, "/v1/performers", [.admin, .casting]),
    (.get, "/v1/performers/p-lena", Set(AccountRole.allCases)),
    (.patch, "/v1/performers/p-lena", [.admin, .casting]),
    (.get, "/v1/performers/p-lena/grants", Set(AccountRole.allCases)),
    (.post, "/v1/productions", [.admin, .casting]),
    (.get, "/v1/productions/prod-nova", Set(AccountRole.allCases)),
    (.post, "/v1/productions/prod-nova/roles", [.admin, .casting]),
    (.get, "/v1/productions/prod-nova/roles", Set(AccountRole.allCases)),
    (.post, "/v1/tools", [.admin]),
    (.get, "/v1/tools/t-vault", Set(AccountRole.allCases)),
    (.put, "/v1/unions/SAG-AFTRA", [.admin]),
    (.get, "/v1/unions/SAG-AFTRA", Set(AccountRole.allCases)),
    (.post, "/v1/grants", [.admin, .casting]),
    (.get, "/v1/grants/g-lena-1", Set(AccountRole.allCases)),
    (.post, "/v1/grants/g-lena-1/revoke", [.admin, .casting]),
    (.post, "/v1/grants/g-lena-1/suspend", [.admin, .casting]),
    (.post, "/v1/grants/g-lena-1/resume", [.admin, .casting]),
    (.get, "/v1/grants/g-lena-1/impact", [.admin, .casting, .auditor]),
    (.get, "/v1/alerts", [.admin, .casting, .auditor]),
    (.post, "/v1/approvals", [.admin]),
    (.get, "/v1/approvals/ap-nova", [.admin, .casting, .production, .auditor]),
    (.post, "/v1/approvals/ap-nova/revoke", [.admin]),
    (.post, "/v1/checks", [.admin, .casting, .production]),
    (.get, "/v1/checks/chk-unknown", [.admin, .casting, .production, .auditor]),
    // Reading personal data: privacy officers only, never admins.
    (.get, "/v1/performers/p-lena/personal", [.privacy]),
    // Last: it ends the session.
    (.delete, "/v1/sessions", Set(AccountRole.allCases)),
]

@Suite struct RoleTests {
    /// Each role gets exactly its rights; a forbidden call is refused before its body is read
    /// (the body here is malformed JSON, which an allowed caller gets a 400 for).
    @Test(arguments: AccountRole.allCases)
    func eachRoleGetsExactlyItsRights(_ role: AccountRole) async throws {
        let server = try await TestServer()
        let token = server.token(role)
        try await server.test { client in
            for route in routeTable {
                let body: String? = [.post, .put, .patch].contains(route.method) ? "{not json" : nil
                let reply = try await client.call(route.method, route.path, token: token, body)
                if route.roles.contains(role) {
                    #expect(reply.status != .forbidden && reply.status != .unauthorized,
                            "\(role) should be allowed \(route.method) \(route.path), got \(reply.status)")
                    if body != nil { expectError(reply, .badRequest, "malformed-json") }
                } else {
                    expectError(reply, .forbidden, "forbidden")
                }
            }
        }
    }

    @Test func everyRouteNeedsCredentials() async throws {
        let server = try await TestServer()
        try await server.test { client in
            for route in routeTable {
                expectError(try await client.call(route.method, route.path, "{}"), .unauthorized, "unauthorized")
            }
        }
    }

    @Test func productionReadsOnlyItsOwnChecks() async throws {
        let server = try await TestServer()
        let mine = server.token(.production)
        let theirs = server.services.sessions.open(for: Identity(actor: "other-pipeline", role: .production)).token
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
