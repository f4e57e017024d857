import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import LikenessTestSupport
import Testing

@Suite struct WhatIfTests {
    static let uses = [
        lenaCheck,
        lenaCheck.replacingOccurrences(of: "temporary", with: "final"),
        #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["face","voice"],"destination":"final","territory":"GB","tool":"t-vault"}"#,
        #"{"production":"prod-true","use":"generation","destination":"final","territory":"US","tool":"t-vault"}"#,
        #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault"}"#,
    ]

    /// What-if answers what a real check answers (but the id), says so, and stores nothing: no
    /// receipt, nothing for impacts or alerts to find.
    @Test(arguments: StorageBackend.available)
    func whatIfAnswersAsACheckAndStoresNothing(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let token = server.token(.production)
            func receipts() async throws -> Int? {
                try await server.database.value("SELECT count(*) FROM check_receipt")
            }
            for body in Self.uses {
                let before = try await receipts()
                let whatIf = try await client.call(.post, "/v1/checks/what-if", token: token, body)
                #expect(whatIf.status == .ok && whatIf["whatIf"] as? Bool == true && whatIf["id"] == nil)
                #expect(try await receipts() == before)
                let real = try await client.call(.post, "/v1/checks", token: token, body)
                var expected = real.json, answered = whatIf.json
                for key in ["id", "decidedAt"] { expected[key] = nil }
                for key in ["whatIf", "decidedAt"] { answered[key] = nil }
                #expect(NSDictionary(dictionary: answered) == NSDictionary(dictionary: expected), "\(body)")
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func whatIfChecksAreNeverImpactedNorAlerted(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            for _ in 0..<3 { _ = try await client.call(.post, "/v1/checks/what-if", token: server.token(.production), lenaCheck) }
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
            let impact = try await client.call(.get, "/v1/grants/g-lena-1/impact", token: server.token(.auditor))
            #expect((impact["checks"] as? [Any])?.isEmpty == true)
            let alerts = try await client.call(.get, "/v1/alerts", token: server.token(.auditor))
            #expect((alerts["impacted"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func whatIfIsForThoseWhoMayCheckAndTheStudio(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            for role in [AccountRole.admin, .casting, .production, .studio] {
                #expect(try await client.call(.post, "/v1/checks/what-if", token: server.token(role), lenaCheck).status == .ok, "\(role)")
            }
            for role in [AccountRole.auditor, .privacy] {
                expectError(try await client.call(.post, "/v1/checks/what-if", token: server.token(role), lenaCheck), .forbidden, "forbidden")
            }
            expectError(try await client.call(.post, "/v1/checks/what-if", token: server.token(.production),
                                              #"{"production":"prod-none","destination":"final"}"#), .notFound, "not-found", field: "production")
        }
    }
}

@Suite struct NonFictionTests {
    /// A production's nonFiction flag is recorded, changed by PATCH, and honoured by the next check.
    @Test(arguments: StorageBackend.available)
    func aProductionBecomesNonFictionAndItsNextCheckMustDisclose(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let fiction = #"{"production":"prod-doc","use":"generation","destination":"final","territory":"US","tool":"t-vault"}"#
        try await server.test { client in
            let casting = server.token(.casting)
            let created = try await client.call(.post, "/v1/productions", token: casting, #"{"id":"prod-doc","title":"Deep Water"}"#)
            #expect(created.status == .created && created["nonFiction"] as? Bool == false)
            let before = try await client.call(.post, "/v1/checks", token: server.token(.production), fiction)
            #expect((before["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["approval.final-deliverable"])
            let patched = try await client.call(.patch, "/v1/productions/prod-doc", token: casting,
                                                #"{"nonFiction":true,"title":"Deep Water (documentary)","studio":"Northlight Documentaries"}"#)
            #expect(patched.status == .ok && patched["nonFiction"] as? Bool == true && patched["title"] as? String == "Deep Water (documentary)")
            let after = try await client.call(.post, "/v1/checks", token: server.token(.production), fiction)
            #expect(after["decision"] as? String == "needs-approval")
            #expect((after["reasons"] as? [[String: Any]])?.map { $0["code"] as? String }
                    == ["principle.may-mislead", "approval.final-deliverable", "approval.realistic-depiction"])
            #expect(after["obligations"] as? [String] == ["notify-contact", "disclose-synthetic-media"])
            let cleared = try await client.call(.patch, "/v1/productions/prod-doc", token: casting, #"{"studio":null}"#)
            #expect(cleared.status == .ok && cleared["studio"] == nil && cleared["nonFiction"] as? Bool == true)
            expectError(try await client.call(.patch, "/v1/productions/prod-doc", token: casting, #"{"title":null}"#),
                        .unprocessableContent, "empty-value", field: "title")
            expectError(try await client.call(.patch, "/v1/productions/prod-doc", token: casting, #"{"nonFiction":"yes"}"#),
                        .badRequest, "wrong-type", field: "nonFiction")
            expectError(try await client.call(.patch, "/v1/productions/prod-none", token: casting, #"{"nonFiction":true}"#),
                        .notFound, "not-found")
            let approval = try await client.call(.post, "/v1/approvals", token: server.token(.admin),
                #"{"production":"prod-doc","covers":["final-deliverable","realistic-depiction"],"approvedBy":"Dana Whitfield","reference":"NL-DOC-1"}"#)
            #expect(approval.status == .created)
            let approved = try await client.call(.post, "/v1/checks", token: server.token(.production), fiction)
            #expect(approved["decision"] as? String == "allowed")
            #expect((approved["reasons"] as? [[String: Any]])?.first?["outcome"] as? String == "allowed")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aContactIsAStudioAccount(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        _ = try await server.services.accounts.create(AccountInput(username: "dana", password: "studio-password", role: "studio"),
                                                      actor: "test", now: testNow)
        _ = try await server.services.accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"),
                                                      actor: "test", now: testNow)
        try await server.test { client in
            let casting = server.token(.casting)
            let created = try await client.call(.post, "/v1/productions", token: casting, #"{"id":"prod-x","title":"X","contact":"dana"}"#)
            #expect(created.status == .created && created["contact"] as? String == "dana")
            expectError(try await client.call(.post, "/v1/productions", token: casting, #"{"title":"Y","contact":"amy"}"#),
                        .conflict, "not-a-studio-account", field: "contact")
            expectError(try await client.call(.patch, "/v1/productions/prod-x", token: casting, #"{"contact":"nobody"}"#),
                        .notFound, "not-found", field: "contact")
            let cleared = try await client.call(.patch, "/v1/productions/prod-x", token: casting, #"{"contact":null}"#)
            #expect(cleared.status == .ok && cleared["contact"] == nil)
        }
    }
}
