import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import LikenessTestSupport
import Testing

/// A demo server whose Nova and Tide name the studio account `dana` as contact, with `erin` a
/// studio account of no production of theirs.
func studioServer(_ backend: StorageBackend) async throws -> TestServer {
    let server = try await TestServer(backend)
    for (name, role) in [("dana", "studio"), ("erin", "studio")] {
        _ = try await server.services.accounts.create(AccountInput(username: name, password: "\(name)-password", role: role),
                                                      actor: "test", now: testNow)
    }
    try await server.test { client in
        for production in ["prod-nova", "prod-tide"] {
            let reply = try await client.call(.patch, "/v1/productions/\(production)", token: server.token(.casting), #"{"contact":"dana"}"#)
            #expect(reply.status == .ok)
        }
    }
    return server
}

extension TestServer {
    func token(_ role: AccountRole, as actor: String) -> String {
        services.sessions.open(for: Identity(actor: actor, role: role), now: clock.now()).token
    }
}

/// Lena's face in the final cut, released in Germany: needs the studio's approval of the final deliverable.
let lenaFinal = #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"final","territory":"DE","tool":"t-vault"}"#
let note = #""note":"The hero shot of episode 4 needs her face in the final cut""#

@Suite struct ApprovalRequestTests {
    @Test(arguments: StorageBackend.available)
    func theWholeLoopEndsInAnApprovalOfExactlyTheRequestAndAnAllowedCheck(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        let production = server.token(.production), dana = server.token(.studio, as: "dana")
        try await server.test { client in
            let check = try await client.call(.post, "/v1/checks", token: production, lenaFinal)
            #expect(check["decision"] as? String == "needs-approval")
            let checkID = try #require(check["id"] as? String)
            let filed = try await client.call(.post, "/v1/approval-requests", token: production, #"{"check":"\#(checkID)",\#(note)}"#)
            #expect(filed.status == .created && filed["state"] as? String == "open" && filed["contact"] as? String == "dana")
            #expect(filed["requirements"] as? [String] == ["final-deliverable"] && filed["production"] as? String == "prod-nova")
            #expect(filed["performer"] as? String == "p-lena" && filed["use"] as? String == "replica" && filed["destination"] as? String == "final")
            let id = try #require(filed["id"] as? String)
            let queue = try await client.call(.get, "/v1/approval-requests?state=open", token: dana)
            #expect((queue["requests"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let approved = try await client.call(.post, "/v1/approval-requests/\(id)/approve", token: dana,
                                                 #"{"reference":"NL-MEMO-2207","validUntil":"2027-06-30"}"#)
            #expect(approved.status == .ok && approved["state"] as? String == "approved" && approved["decidedBy"] as? String == "dana")
            let approvalID = try #require(approved["approval"] as? String)
            let approval = try await client.call(.get, "/v1/approvals/\(approvalID)", token: dana)
            #expect(approval["covers"] as? [String] == ["final-deliverable"] && approval["production"] as? String == "prod-nova")
            #expect(approval["performer"] as? String == "p-lena" && approval["uses"] as? [String] == ["replica"])
            #expect(approval["destinations"] as? [String] == ["final"] && approval["approvedBy"] as? String == "dana")
            #expect(approval["reference"] as? String == "NL-MEMO-2207" && approval["validUntil"] as? String == "2027-06-30")
            let again = try await client.call(.post, "/v1/checks", token: production, lenaFinal)
            #expect(again["decision"] as? String == "allowed")
            #expect(Set(again["approvals"] as? [String] ?? []) == ["ap-nova", approvalID])
            // The contact reads the production's checks; another production's contact does not.
            #expect(try await client.call(.get, "/v1/checks/\(checkID)", token: dana).status == .ok)
            expectError(try await client.call(.get, "/v1/checks/\(checkID)", token: server.token(.studio, as: "erin")), .notFound, "not-found")
            expectError(try await client.call(.post, "/v1/approval-requests/\(id)/approve", token: dana, #"{"reference":"again"}"#),
                        .conflict, "invalid-state")
        }
        let audit = try await server.database.column("SELECT action FROM audit_entry ORDER BY seq", as: String.self)
        #expect(audit.suffix(3) == ["approval-request.create", "approval.create", "approval-request.approve"])
    }

    @Test(arguments: StorageBackend.available)
    func aProductionScopeNamesOnlyTheProduction(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        try await server.test { client in
            let check = try await client.call(.post, "/v1/checks", token: server.token(.production),
                #"{"production":"prod-tide","use":"synthetic","destination":"final","tool":"t-vault"}"#)
            let filed = try await client.call(.post, "/v1/approval-requests", token: server.token(.production),
                                              #"{"check":"\#(check["id"] as! String)",\#(note)}"#)
            #expect(filed["requirements"] as? [String] == ["final-deliverable", "synthetic-performer"])
            let approved = try await client.call(.post, "/v1/approval-requests/\(filed["id"] as! String)/approve",
                                                 token: server.token(.studio, as: "dana"), #"{"reference":"NL-9","scope":"production"}"#)
            let approval = try await client.call(.get, "/v1/approvals/\(approved["approval"] as! String)", token: server.token(.auditor))
            #expect(approval["performer"] == nil && approval["uses"] == nil && approval["destinations"] == nil)
            #expect(approval["covers"] as? [String] == ["final-deliverable", "synthetic-performer"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func declineWithdrawAndEveryRefusal(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        let production = server.token(.production), dana = server.token(.studio, as: "dana")
        try await server.test { client in
            func file() async throws -> String {
                let check = try await client.call(.post, "/v1/checks", token: production, lenaFinal)
                let filed = try await client.call(.post, "/v1/approval-requests", token: production, #"{"check":"\#(check["id"] as! String)",\#(note)}"#)
                return try #require(filed["id"] as? String)
            }
            let declined = try await file()
            // A studio that is not the contact learns nothing of the request: deciding it is not found, as reading it is.
            for action in ["decline", "approve"] {
                let refused = try await client.call(.post, "/v1/approval-requests/\(declined)/\(action)", token: server.token(.studio, as: "erin"),
                                                    #"{"reason":"not mine","reference":"R-1"}"#)
                expectError(refused, .notFound, "not-found")
                #expect(((refused.json["error"] as? [String: Any])?["message"] as? String)?.contains("prod-nova") == false, "the refusal names no production")
            }
            let answer = try await client.call(.post, "/v1/approval-requests/\(declined)/decline", token: dana, #"{"reason":"Not in the final cut"}"#)
            #expect(answer["state"] as? String == "declined" && answer["reason"] as? String == "Not in the final cut")
            expectError(try await client.call(.post, "/v1/approval-requests/\(declined)/withdraw", token: production, #"{"reason":"late"}"#),
                        .conflict, "invalid-state")
            let withdrawn = try await file()
            expectError(try await client.call(.post, "/v1/approval-requests/\(withdrawn)/withdraw",
                                              token: server.token(.production, as: "other-pipeline"), #"{"reason":"x"}"#), .notFound, "not-found")
            let gone = try await client.call(.post, "/v1/approval-requests/\(withdrawn)/withdraw", token: production, #"{"reason":"Shot cut from the episode"}"#)
            #expect(gone["state"] as? String == "withdrawn")
            expectError(try await client.call(.post, "/v1/approval-requests/\(withdrawn)/approve", token: dana, #"{"reference":"R"}"#),
                        .conflict, "invalid-state")
            // One open request per check; only needs-approval checks; a production asks for its own checks.
            let check = try await client.call(.post, "/v1/checks", token: production, lenaFinal)
            let body = #"{"check":"\#(check["id"] as! String)",\#(note)}"#
            #expect(try await client.call(.post, "/v1/approval-requests", token: production, body).status == .created)
            expectError(try await client.call(.post, "/v1/approval-requests", token: production, body), .conflict, "invalid-state")
            expectError(try await client.call(.post, "/v1/approval-requests", token: server.token(.production, as: "other-pipeline"), body),
                        .notFound, "not-found", field: "check")
            let allowed = try await client.call(.post, "/v1/checks", token: production, lenaCheck)
            expectError(try await client.call(.post, "/v1/approval-requests", token: production, #"{"check":"\#(allowed["id"] as! String)",\#(note)}"#),
                        .conflict, "invalid-state")
            expectError(try await client.call(.post, "/v1/approval-requests", token: production, #"{"check":"chk-nope",\#(note)}"#),
                        .notFound, "not-found", field: "check")
            expectError(try await client.call(.post, "/v1/approval-requests", token: production, #"{"check":"chk-nope","note":"short"}"#),
                        .unprocessableContent, "too-short", field: "note")
            // What each sees.
            let mine = try await client.call(.get, "/v1/approval-requests", token: production)
            #expect((mine["requests"] as? [Any])?.count == 3)
            let others = try await client.call(.get, "/v1/approval-requests", token: server.token(.production, as: "other-pipeline"))
            #expect((others["requests"] as? [Any])?.isEmpty == true)
            let erin = try await client.call(.get, "/v1/approval-requests", token: server.token(.studio, as: "erin"))
            #expect((erin["requests"] as? [Any])?.isEmpty == true)
            let declinedOnes = try await client.call(.get, "/v1/approval-requests?state=declined&production=prod-nova", token: server.token(.auditor))
            #expect((declinedOnes["requests"] as? [[String: Any]])?.map { $0["id"] as? String } == [declined])
            expectError(try await client.call(.get, "/v1/approval-requests/\(declined)", token: server.token(.studio, as: "erin")), .notFound, "not-found")
            expectError(try await client.call(.get, "/v1/approval-requests?state=pending", token: dana), .unprocessableContent, "invalid-enum", field: "state")
            // A studio account creates and revokes approvals of its productions only.
            let approval = #"{"production":"prod-harbor","covers":["final-deliverable"],"approvedBy":"Erin","reference":"X-1"}"#
            expectError(try await client.call(.post, "/v1/approvals", token: server.token(.studio, as: "erin"), approval), .forbidden, "forbidden")
            expectError(try await client.call(.post, "/v1/approvals/ap-nova/revoke", token: server.token(.studio, as: "erin"), #"{"reason":"x"}"#),
                        .forbidden, "forbidden")
            #expect(try await client.call(.post, "/v1/approvals/ap-nova/revoke", token: dana, #"{"reason":"Superseded by memo 2207"}"#).status == .ok)
        }
        let audit = try await server.database.column("SELECT action FROM audit_entry WHERE action LIKE 'approval%' ORDER BY seq", as: String.self)
        // The fixtures' approvals came in with their import's one entry.
        #expect(audit == ["approval-request.create", "approval-request.decline",
                          "approval-request.create", "approval-request.withdraw", "approval-request.create", "approval.revoke"])
    }

    /// Two deciders at once: one decision, one 409.
    @Test(arguments: StorageBackend.available)
    func twoContactsDecidingAtOnceGetOneDecisionAndOneConflict(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        try await server.test { client in
            let check = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaFinal)
            let filed = try await client.call(.post, "/v1/approval-requests", token: server.token(.production), #"{"check":"\#(check["id"] as! String)",\#(note)}"#)
            let id = try #require(filed["id"] as? String)
            async let approve = client.call(.post, "/v1/approval-requests/\(id)/approve", token: server.token(.studio, as: "dana"), #"{"reference":"R-1"}"#)
            async let decline = client.call(.post, "/v1/approval-requests/\(id)/decline", token: server.token(.admin), #"{"reason":"No"}"#)
            let statuses = try await [approve.status, decline.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .conflict }.count == 1)
        }
        let decisions = try await server.database.value(
            "SELECT count(*) FROM audit_entry WHERE action IN ('approval-request.approve', 'approval-request.decline')", as: Int.self)
        #expect(decisions == 1)
    }
}

@Suite struct UseRegisterTests {
    @Test(arguments: StorageBackend.available)
    func theRegisterGroupsEveryStoredCheckOfTheWindow(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        try await server.test { client in
            let production = server.token(.production)
            for (body, times) in [(lenaCheck, 3), (lenaFinal, 2),
                                  (#"{"production":"prod-nova","use":"ideation","destination":"temporary","tool":"t-vault","at":"2026-04-20"}"#, 1),
                                  (#"{"production":"prod-nova","use":"ideation","destination":"temporary","at":"2026-05-03"}"#, 1),
                                  (#"{"production":"prod-tide","use":"ideation","destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#, 1)] {
                for _ in 0..<times { _ = try await client.call(.post, "/v1/checks", token: production, body) }
            }
            _ = try await client.call(.post, "/v1/checks/what-if", token: production, lenaCheck)  // never in the register
            let dana = server.token(.studio, as: "dana")
            let register = try await client.call(.get, "/v1/productions/prod-nova/uses?since=2026-04-25&until=2026-12-31", token: dana)
            #expect(register["production"] as? String == "prod-nova" && register["since"] as? String == "2026-04-25")
            let entries = try #require(register["entries"] as? [[String: Any]])
            #expect(entries.count == 3)
            // Sorted by use, destination, tool, performer, decision (an absent tool first).
            #expect(entries.map { "\($0["use"]!)/\($0["destination"]!)/\($0["tool"] ?? "-")/\($0["performer"] ?? "-")/\($0["decision"]!)/\($0["checks"]!)" }
                    == ["ideation/temporary/-/-/needs-approval/1", "replica/final/t-vault/p-lena/needs-approval/2",
                        "replica/temporary/t-vault/p-lena/allowed/3"])
            #expect(entries[2]["first"] as? String == "2026-05-01" && entries[2]["last"] as? String == "2026-05-01")
            // The default window is the 30 days up to today (2026-11-28): the May checks are outside.
            let recent = try await client.call(.get, "/v1/productions/prod-nova/uses", token: server.token(.auditor))
            #expect(recent["since"] as? String == "2026-10-30" && recent["until"] as? String == "2026-11-28")
            #expect((recent["entries"] as? [[String: Any]])?.map { $0["checks"] as? Int } == [2])
            try await client.execute(uri: "/v1/productions/prod-nova/uses?since=2026-04-01&until=2026-12-31&format=csv", method: .get,
                                     headers: [.authorization: "Bearer \(dana)"]) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = String(buffer: response.body).split(separator: "\r\n").map(String.init)
                #expect(lines.first == "use,destination,tool,performer,decision,checks,first,last")
                #expect(lines.contains("ideation,temporary,t-vault,,notify,1,2026-04-20,2026-04-20"))
                #expect(lines.count == 5)
            }
            expectError(try await client.call(.get, "/v1/productions/prod-nova/uses", token: server.token(.studio, as: "erin")), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/productions/prod-nova/uses", token: production), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/productions/prod-nova/uses?since=2026-12-01&until=2026-11-01", token: dana),
                        .unprocessableContent, "invalid-range", field: "since")
            expectError(try await client.call(.get, "/v1/productions/prod-nova/uses?format=xml", token: dana), .unprocessableContent, "invalid-enum")
            expectError(try await client.call(.get, "/v1/productions/prod-none/uses", token: server.token(.auditor)), .notFound, "not-found")
        }
    }
}

@Suite struct RequestCLITests {
    /// The contact decides from a terminal, with the API's rules: the production's contact only.
    @Test(arguments: StorageBackend.available)
    func theContactApprovesAndDeclinesFromTheCommandLine(backend: StorageBackend) async throws {
        let server = try await studioServer(backend)
        let ids = try await server.test { client in
            var ids: [String] = []
            for _ in 0..<2 {
                let check = try await client.call(.post, "/v1/checks", token: server.token(.production), lenaFinal)
                let filed = try await client.call(.post, "/v1/approval-requests", token: server.token(.production), #"{"check":"\#(check["id"] as! String)",\#(note)}"#)
                ids.append(try #require(filed["id"] as? String))
            }
            return ids
        }
        let db = server.location
        let list = try await runCLI(["request", "list", "--as", "dana", "--db", db], stdin: "dana-password\n")
        #expect(list.status == 0 && ids.allSatisfy(list.out.contains), "\(list.err)")
        let wrong = try await runCLI(["request", "approve", ids[0], "--as", "dana", "--reference", "R", "--db", db], stdin: "not-her-password\n")
        #expect(wrong.status != 0 && wrong.err.contains("do not match"))
        let stranger = try await runCLI(["request", "approve", ids[0], "--as", "erin", "--reference", "R", "--db", db], stdin: "erin-password\n")
        #expect(stranger.status == 1 && stranger.err.contains("no approval request with id"), "not the contact: not found")
        let approved = try await runCLI(["request", "approve", ids[0], "--as", "dana", "--reference", "NL-MEMO-1", "--scope", "production", "--db", db],
                                        stdin: "dana-password\n")
        #expect(approved.status == 0 && approved.out.contains("approved"), "\(approved.err)")
        let declined = try await runCLI(["request", "decline", ids[1], "--as", "dana", "--reason", "Not this season", "--db", db], stdin: "dana-password\n")
        #expect(declined.status == 0 && declined.out.contains("declined"), "\(declined.err)")
        let twice = try await runCLI(["request", "decline", ids[1], "--as", "dana", "--reason", "again", "--db", db], stdin: "dana-password\n")
        #expect(twice.status == 1 && twice.err.contains("declined"))
        let show = try await runCLI(["request", "show", ids[0], "--as", "dana", "--db", db], stdin: "dana-password\n")
        #expect(show.status == 0 && show.out.contains("\"approval\":\"ap-") && show.out.contains("\"state\":\"approved\""))
        let report = try await runCLI(["report", "uses", "--production", "prod-nova", "--since", "2026-11-01", "--csv", "--db", db])
        #expect(report.status == 0 && report.out.hasPrefix("use,destination,tool,performer,decision,checks,first,last\r\n"))
        #expect(report.out.contains("replica,final,t-vault,p-lena,needs-approval,2,2026-11-28,2026-11-28"))
        let requests = try await server.database.snapshot { try ApprovalRequest.fetch("", [], $0) }
        #expect(requests.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.approved, .declined])
    }
}
