import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import LikenessTestSupport
import Testing

let lenaCheck = #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#

@Suite struct CheckTests {
    @Test(arguments: StorageBackend.available)
    func receiptsAreReturnedAsDecidedEvenAfterTheGrantChanges(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let token = server.token(.production)
            let first = try await client.call(.post, "/v1/checks", token: token, lenaCheck)
            #expect(first.status == .ok && first["decision"] as? String == "allowed")
            #expect(first["grants"] as? [String] == ["g-lena-1"] && first["approvals"] as? [String] == ["ap-nova"])
            #expect((first["request"] as? [String: Any])?["at"] as? String == "2026-05-01")
            let id = try #require(first["id"] as? String)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
            let later = try await client.call(.post, "/v1/checks", token: token, lenaCheck)
            #expect(later["decision"] as? String == "denied")
            let reasons = try #require(later["reasons"] as? [[String: Any]])
            #expect(reasons.first?["code"] as? String == "consent.revoked" && reasons.first?["grant"] as? String == "g-lena-1")
            let stored = try await client.call(.get, "/v1/checks/\(id)", token: token)
            #expect(NSDictionary(dictionary: stored.json) == NSDictionary(dictionary: first.json))
        }
    }

    /// Each write answers the token of the state it committed (later writes, later tokens); reads
    /// answer none; a check may send one as `atLeast`, and one this database has not reached is
    /// refused, as is text that is not a token.
    @Test(arguments: StorageBackend.available)
    func writesAnswerAChangeTokenThatAChecksAtLeastMaySend(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let casting = server.token(.casting), production = server.token(.production)
            func token(_ reply: Reply) throws -> String { try #require(reply.headers[.init("Likeness-Change-Token")!]) }
            var tokens: [ChangeToken] = []
            for action in ["suspend", "resume", "revoke"] {
                let changed = try await client.call(.post, "/v1/grants/g-lena-1/\(action)", token: casting, #"{"reason":"by letter"}"#)
                tokens.append(try #require(ChangeToken(token(changed)), "\(action)"))
            }
            #expect(tokens == tokens.sorted() && Set(tokens).count == 3)
            let oldest = tokens[0].description, newest = tokens[2].description
            let read = try await client.call(.get, "/v1/grants/g-lena-1", token: casting)
            #expect(read.status == .ok && read.headers[.init("Likeness-Change-Token")!] == nil)
            let refused = try await client.call(.post, "/v1/grants/g-lena-1/resume", token: casting, #"{"reason":"x"}"#)
            #expect(refused.status == .conflict && refused.headers[.init("Likeness-Change-Token")!] == nil, "a refused write changed nothing")

            func check(_ atLeast: String) -> String { String(lenaCheck.dropLast()) + #","atLeast":\#(atLeast)}"# }
            func quoted(_ text: String) -> String { "\"\(text)\"" }
            let fresh = try await client.call(.post, "/v1/checks", token: production, check(quoted(newest)))
            #expect(fresh.status == .ok && fresh["decision"] as? String == "denied")
            #expect(fresh.headers[.init("Likeness-Change-Token")!] == nil, "a check changes nothing in the registry")
            #expect((fresh["request"] as? [String: Any])?["atLeast"] == nil, "the token is not part of the use")
            let whatIf = try await client.call(.post, "/v1/checks/what-if", token: production, check(quoted(oldest)))
            #expect(whatIf.status == .ok && whatIf["decision"] as? String == "denied")
            let beyond = String(tokens[2].seq + 1)
            expectError(try await client.call(.post, "/v1/checks", token: production, check(quoted(beyond))),
                        .notFound, "not-found", field: "atLeast")
            expectError(try await client.call(.post, "/v1/checks/what-if", token: production, check(quoted(beyond))),
                        .notFound, "not-found", field: "atLeast")
            for text in ["\"\"", "\"-1\"", "\"7a\"", "\"1234567890123456789\""] {
                expectError(try await client.call(.post, "/v1/checks", token: production, check(text)),
                            .unprocessableContent, "invalid-value", field: "atLeast")
            }
            #expect(try await client.call(.post, "/v1/checks", token: production, check("7")).status == .badRequest)
            let batch = try await client.call(.post, "/v1/checks/batch", token: production,
                                              #"{"uses":[\#(check(quoted(newest))),\#(check(quoted(beyond)))]}"#)
            let results = try #require(batch["results"] as? [[String: Any]])
            #expect(results.count == 2 && results[0]["decision"] as? String == "denied")
            #expect(((results[1]["error"] as? [String: Any])?["code"]) as? String == "not-found")
        }
    }

    @Test(arguments: StorageBackend.available)
    func impactListsEarlierAllowedAndNotifyChecksThatReliedOnTheGrant(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let token = server.token(.production)
            let allowed = try await client.call(.post, "/v1/checks", token: token, lenaCheck)
            let needsApproval = try await client.call(.post, "/v1/checks", token: token,
                lenaCheck.replacingOccurrences(of: "temporary", with: "final"))
            #expect(needsApproval["decision"] as? String == "needs-approval")
            _ = try await client.call(.post, "/v1/checks", token: token,
                #"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault"}"#)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/revoke", token: server.token(.casting), #"{"reason":"withdrawn"}"#)
            let denied = try await client.call(.post, "/v1/checks", token: token, lenaCheck)
            #expect(denied["decision"] as? String == "denied")
            let impact = try await client.call(.get, "/v1/grants/g-lena-1/impact", token: server.token(.auditor))
            let checks = try #require(impact["checks"] as? [[String: Any]])
            #expect(checks.map { $0["id"] as? String } == [allowed["id"] as? String])
            let untouched = try await client.call(.get, "/v1/grants/g-omar-1/impact", token: server.token(.casting))
            #expect((untouched["checks"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: StorageBackend.available, [
        (#"{"production":"prod-none","destination":"temporary"}"#, HTTPResponse.Status.notFound, "not-found", String?("production")),
        (#"{"production":"prod-nova","performer":"p-none","use":"replica","aspects":["face"],"destination":"temporary"}"#, .notFound, "not-found", "performer"),
        (#"{"production":"prod-nova","destination":"temporary","tool":"t-none"}"#, .notFound, "not-found", "tool"),
        (#"{"production":"prod-nova","destination":"temporary","aspects":"face"}"#, .badRequest, "wrong-type", "aspects"),
        (#"{"production":"prod-nova","destination":"temporary","replicatesThirdPartyWork":"yes"}"#, .badRequest, "wrong-type", "replicatesThirdPartyWork"),
        (#"{"production":"prod-nova","destination":"temporary","at":20260501}"#, .badRequest, "wrong-type", "at"),
        (#"{"production":"prod-nova","use":"replica","destination":"temporary"}"#, .unprocessableContent, "invalid-combination", "use"),
        (#"{"production":"prod-nova","destination":"temporary","customary":true}"#, .unprocessableContent, "invalid-combination", "customary"),
        (#"{"production":"prod-nova","destination":"someday"}"#, .unprocessableContent, "invalid-enum", "destination"),
        (#"["production"]"#, .badRequest, "wrong-type", nil),
        (#"{"production":"prod-nova","destination":"temporary""#, .badRequest, "malformed-json", nil),
    ])
    func invalidChecksAreRejectedAndNotStored(backend: StorageBackend,
                                              invalid: (body: String, status: HTTPResponse.Status, code: String, field: String?)) async throws {
        let (body, status, code, field) = invalid
        let server = try await TestServer(backend)
        try await server.test { client in
            expectError(try await client.call(.post, "/v1/checks", token: server.token(.production), body), status, code, field: field)
        }
        #expect(try await server.database.value("SELECT count(*) FROM check_receipt", as: Int.self) == 0)
    }

    @Test(arguments: StorageBackend.available)
    func concurrentChecksAreAllDurableWhenAnswered(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let ids = try await server.test { client in
            try await withThrowingTaskGroup(of: String?.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let body = i % 2 == 0 ? lenaCheck : #"{"production":"prod-tide","use":"generation","destination":"final","tool":"t-vault"}"#
                        let reply = try await client.call(.post, "/v1/checks", token: server.token(.production), body)
                        return reply["id"] as? String
                    }
                }
                return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
            }
        }
        #expect(ids.count == 200 && Set(ids).count == 200)
        let stored = try await server.database.column("SELECT id FROM check_receipt", as: String.self)
        #expect(Set(stored) == Set(ids))
        let links = try await server.database.value("SELECT count(*) FROM check_reliance WHERE grant_id = 'g-lena-1'", as: Int.self)
        #expect(links == 100)
    }

    /// The server's in-memory facts and the store's own query give the same decision for every
    /// performer of the demo, before and after registry changes.
    @Test(arguments: StorageBackend.available)
    func inMemoryFactsAgreeWithTheStore(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        func compare() async throws {
            let performers = try await server.database.snapshot { try Performer.fetch("", [], $0) }
            let productions = try await server.database.snapshot { try Production.fetch("", [], $0) }
            for performer in performers {
                for production in productions {
                    for (use, destination) in [(Use.replica, Destination.final), (.training, .temporary), (.synthetic, .marketing)] {
                        let proposed = ProposedUse(production: production.id, performer: performer.id, use: use,
                                                   aspects: Aspect.allCases, destination: destination, at: Day("2026-11-28")!, tool: "t-vault")
                        let fromIndex = try await server.services.facts.facts(for: proposed)
                        let fromStore = try await DatabaseFacts(database: server.database).facts(for: proposed)
                        #expect(DecisionEngine.decide(proposed, fromIndex) == DecisionEngine.decide(proposed, fromStore))
                    }
                }
            }
        }
        try await compare()
        try await server.test { client in
            let casting = server.token(.casting), admin = server.token(.admin)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: casting, #"{"reason":"review"}"#)
            _ = try await client.call(.post, "/v1/productions/prod-tide/roles", token: casting, #"{"performer":"p-omar","name":"Extra","category":"background"}"#)
            _ = try await client.call(.put, "/v1/unions/SAG-AFTRA", token: admin, #"{"strike":true}"#)
            _ = try await client.call(.patch, "/v1/performers/p-ana", token: casting, #"{"deceasedOn":"2026-06-01"}"#)
            _ = try await client.call(.post, "/v1/approvals/ap-nova/revoke", token: admin, #"{"reason":"superseded"}"#)
            _ = try await client.call(.post, "/v1/grants", token: casting, validGrant)
        }
        try await compare()
    }
}

/// The sample checks of the README, against the demo data: one per outcome, and the documentary's.
@Suite struct ReadmeSampleTests {
    @Test(arguments: StorageBackend.available)
    func theReadmeSamplesGiveOneOfEachOutcome(backend: StorageBackend) async throws {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let samples = readme.split(separator: "\n").filter { $0.hasPrefix("check '") }.map {
            String($0.dropFirst("check '".count).prefix { $0 != "'" })
        }
        #expect(samples.count == 5)
        let server = try await TestServer(backend)
        let decisions = try await server.test { client in
            var decisions: [String] = []
            for body in samples {
                let reply = try await client.call(.post, "/v1/checks", token: server.token(.production), body)
                decisions.append(reply["decision"] as? String ?? "\(reply.status)")
            }
            return decisions
        }
        #expect(decisions == ["notify", "allowed", "needs-approval", "denied", "needs-approval"])
    }
}
