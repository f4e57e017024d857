import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessRules
import LikenessStore
@testable import LikenessServer
import LikenessTestSupport
import Synchronization
import Testing

@Suite struct CheckBatchTests {
    static let omarDenied = #"{"production":"prod-nova","performer":"p-omar","use":"replica","aspects":["face","voice"],"destination":"final","territory":"GB","tool":"t-vault"}"#
    static let uses = [
        lenaCheck,
        #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":[],"destination":"temporary"}"#,
        #"{"production":"prod-none","use":"ideation","destination":"temporary"}"#,
        "5",
        omarDenied,
        #"{"production":"prod-nova","use":"ideation","destination":"temporary","at":"2026-02-30"}"#,
    ]

    func receipts(_ server: TestServer) async throws -> Int {
        try await server.database.value("SELECT count(*) FROM check_receipt") ?? 0
    }

    /// Results come in order: each valid use is stored and answered as POST /v1/checks answers it,
    /// each invalid one gets the error it would get alone, and the others go on.
    @Test(arguments: StorageBackend.available)
    func resultsComeInOrderWithPerItemErrorsAndDurableReceipts(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let token = server.token(.production)
            let before = try await receipts(server)
            let reply = try await client.call(.post, "/v1/checks/batch", token: token, #"{"uses":[\#(Self.uses.joined(separator: ","))]}"#)
            #expect(reply.status == .ok)
            let results = try #require(reply["results"] as? [[String: Any]])
            #expect(results.count == Self.uses.count)
            #expect(try await receipts(server) == before + 2)
            #expect(results[0]["decision"] as? String == "allowed" && results[4]["decision"] as? String == "denied")
            for i in [0, 4] {
                let id = try #require(results[i]["id"] as? String)
                let stored = try await client.call(.get, "/v1/checks/\(id)", token: token)
                #expect(NSDictionary(dictionary: stored.json) == NSDictionary(dictionary: results[i]))
                #expect(results[i]["index"] == nil)
            }
            for i in [1, 2, 3, 5] {
                #expect(results[i]["index"] as? Int == i && results[i]["id"] == nil)
                let error = try #require(results[i]["error"] as? [String: Any])
                let alone = try await client.call(.post, "/v1/checks", token: token, Self.uses[i])
                #expect(error["code"] as? String == alone.errorCode && error["field"] as? String == alone.errorField, "\(i)")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
            #expect((results[2]["error"] as? [String: Any])?["code"] as? String == "not-found")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aBatchOfAnyOtherShapeIsRefusedWhole(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        try await server.test { client in
            let token = server.token(.casting)
            let many = "{\"uses\":[" + Array(repeating: lenaCheck, count: 1001).joined(separator: ",") + "]}"
            for (body, status, code) in [(#"{"uses":[]}"#, HTTPResponse.Status.unprocessableContent, "empty-set"),
                                         (many, .unprocessableContent, "too-many-items"),
                                         (#"{"checks":[]}"#, .unprocessableContent, "missing-field"),
                                         (#"{"uses":{}}"#, .badRequest, "wrong-type"),
                                         ("[\(lenaCheck)]", .badRequest, "wrong-type"),
                                         (#"{"uses":["#, .badRequest, "malformed-json"),
                                         (#"{"uses":[\#(lenaCheck)],"note":tru}"#, .badRequest, "malformed-json"),
                                         (#"{"uses":[\#(lenaCheck),{"production":tru}]}"#, .badRequest, "malformed-json")] {
                expectError(try await client.call(.post, "/v1/checks/batch", token: token, body), status, code)
            }
            #expect(try await receipts(server) == 0)
            let thousand = "{\"uses\":[" + Array(repeating: lenaCheck, count: 1000).joined(separator: ",") + "]}"
            let full = try await client.call(.post, "/v1/checks/batch", token: token, thousand)
            #expect((full["results"] as? [Any])?.count == 1000)
            #expect(try await receipts(server) == 1000)
            for role in [AccountRole.auditor, .studio, .privacy] {
                expectError(try await client.call(.post, "/v1/checks/batch", token: server.token(role), #"{"uses":[\#(lenaCheck)]}"#),
                            .forbidden, "forbidden")
            }
        }
    }

    /// The uses found without building the document are the uses Foundation's parser finds, read
    /// the same way, whatever the spacing, nesting or strings inside them.
    @Test func theFastReadingOfABatchMatchesTheGeneralOne() throws {
        let bodies = [
            "{\"uses\":[\(lenaCheck)]}",
            " {\n \"uses\" : [ \(lenaCheck) ,\t\(lenaCheck) ] }\r\n",
            #"{"uses":[{"production":"prod-nova","use":"ideation","destination":"temporary","content":["a]b","c}d","e\"f"]}]}"#,
            #"{"uses":[{"production":"prod-nova","use":"ideation","destination":"temporary"},{"production":"p","use":"bogus","destination":"final"}]}"#,
        ]
        for body in bodies {
            let data = Data(body.utf8)
            let general = try CheckBatch.uses(in: data).map(CheckBatch.input)
            let fast = try CheckBatch.inputs(in: data)
            #expect(fast.count == general.count)
            for (a, b) in zip(fast, general) { #expect((try? a.get()) == (try? b.get()) && (try? a.get()) != nil, "\(body)") }
        }
    }

    /// `likeness check --batch`: one result per use, in order; exit 1 when any use was an error.
    @Test(arguments: StorageBackend.available)
    func theCommandLineDecidesAFileOfUses(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let file = server.folder.appendingPathComponent("uses.jsonl")
        try Data((Self.uses.joined(separator: "\n") + "\n\n").utf8).write(to: file)
        let mixed = try await runCLI(["check", "--batch", file.path, "--db", server.location])
        #expect(mixed.status == 1 && mixed.err.contains("4 of 6 uses were not decided"))
        let lines = mixed.out.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 6)
        #expect(lines[0]?["decision"] as? String == "allowed" && lines[4]?["decision"] as? String == "denied")
        #expect(lines[1]?["index"] as? Int == 1 && (lines[2]?["error"] as? [String: Any])?["code"] as? String == "not-found")
        let decided = try await runCLI(["check", "--batch", "-", "--db", server.location], stdin: lenaCheck + "\n" + Self.omarDenied)
        #expect(decided.status == 0 && decided.out.split(separator: "\n").count == 2, "\(decided.err)")
        #expect(try await receipts(server) == 4)
        let both = try await runCLI(["check", "--batch", "-", "--production", "prod-nova", "--db", server.location], stdin: lenaCheck)
        #expect(both.status != 0 && both.err.contains("--batch takes the uses from its file"))
    }
}

@Suite struct BatchAdmissionTests {
    /// Never more than the limit at once, and every batch runs.
    @Test func batchesBeyondTheLimitWaitTheirTurn() async throws {
        struct Tally { var running = 0, most = 0, order: [Int] = [] }
        final class Shared: Sendable { let tally = Mutex(Tally()) }
        let gate = BatchAdmission(limit: 2), shared = Shared()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<12 {
                group.addTask {
                    try await gate.run {
                        shared.tally.withLock { $0.running += 1; $0.most = max($0.most, $0.running); $0.order.append(n) }
                        try await Task.sleep(for: .milliseconds(5))
                        shared.tally.withLock { $0.running -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let result = shared.tally.withLock { $0 }
        #expect(result.most <= 2 && result.running == 0)
        #expect(result.order.sorted() == Array(0..<12))
    }
}
