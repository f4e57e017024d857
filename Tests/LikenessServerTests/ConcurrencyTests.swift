import Foundation
import GRDB
import LikenessRules
import LikenessStore
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct ConcurrencyTests {
    @Test(arguments: StorageBackend.available)
    func theCLIAndARunningServerWriteTheSameDatabase(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let location = server.location
        let cli = Task.detached {
            var results: [(status: Int32, out: String, err: String)] = []
            for i in 0..<8 {
                results.append(try await runCLI(["performer", "add", "--db", location, "--id", "p-cli-\(i)", "--name", "CLI \(i)"]))
            }
            return results
        }
        try await server.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let reply = try await client.call(.post, "/v1/performers", token: server.token(.casting), #"{"id":"p-api-\#(i)","name":"API \#(i)"}"#)
                        #expect(reply.status == .created)
                    }
                }
                try await group.waitForAll()
            }
        }
        for result in try await cli.value { #expect(result.status == 0, "\(result.err)") }
        let count = try await server.database.value("SELECT count(*) FROM performer WHERE id LIKE 'p-cli-%' OR id LIKE 'p-api-%'", as: Int.self)
        #expect(count == 48)
    }

    @Test(arguments: StorageBackend.available)
    func aRevocationByTheCLIReachesTheServersChecks(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let follower = Task { await server.services.facts.follow(every: .milliseconds(50)) }
        defer { follower.cancel() }
        let body = #"{"production":"prod-nova","performer":"p-lena","use":"replica","aspects":["face"],"destination":"temporary","tool":"t-vault","at":"2026-05-01"}"#
        try await server.test { client in
            let before = try await client.call(.post, "/v1/checks", token: server.token(.production), body)
            #expect(before["decision"] as? String == "allowed")
            let revoke = try await runCLI(["grant", "revoke", "g-lena-1", "--db", server.location, "--reason", "withdrawn by phone"])
            #expect(revoke.status == 0, "\(revoke.err)")
            var decision: String?
            for _ in 0..<60 {
                decision = try await client.call(.post, "/v1/checks", token: server.token(.production), body)["decision"] as? String
                if decision == "denied" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(decision == "denied")
        }
    }

    /// SQLite only: a file that is not there (BackendCLITests has PostgreSQL's missing database).
    @Test func cliErrorsGoToStderrWithExitCode1() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("x.sqlite").path
        let missing = try await runCLI(["check", "--db", db, "--production", "p", "--destination", "final"])
        #expect(missing.status == 1 && missing.err.contains("likeness init"))
        let noPassword = try await runCLI(["init", "--db", db, "--admin", "root"], stdin: "")
        #expect(noPassword.status != 0 && noPassword.err.contains("password"))
        let ok = try await runCLI(["--db", db, "init", "--admin", "root"], stdin: "a good long password\n")
        #expect(ok.status == 0, "\(ok.err)")
        let again = try await runCLI(["init", "--admin", "root", "--db", db], stdin: "a good long password\n")
        #expect(again.status == 1 && again.err.contains("already initialised"))
        let bad = try await runCLI(["--db", db, "import", Fixtures.root.appendingPathComponent("Package.swift").path])
        #expect(bad.status == 1 && bad.err.contains("unsupported file type"))
        let imported = try await runCLI(["import", "--db", db, Fixtures.demo, Fixtures.grantsCSV])
        #expect(imported.status == 0 && imported.out.contains("28 grants"))
    }

    @Test(arguments: StorageBackend.available, [
        (["--production", "prod-nova", "--use", "ideation", "--destination", "temporary", "--tool", "t-vault"], Int32(0), "NOTIFY"),
        (["--production", "prod-nova", "--performer", "p-lena", "--use", "replica", "--aspect", "face", "--destination", "temporary", "--tool", "t-vault", "--at", "2026-05-01"], 0, "ALLOWED"),
        (["--production", "prod-tide", "--performer", "p-rui", "--use", "replica", "--aspect", "voice", "--destination", "final", "--tool", "t-vault", "--at", "2026-05-01"], 2, "NEEDS APPROVAL"),
        (["--production", "prod-tide", "--performer", "p-lena", "--use", "replica", "--aspect", "face", "--destination", "final", "--tool", "t-vault", "--at", "2026-05-01"], 3, "consent.scope.production"),
        (["--production", "prod-none", "--use", "ideation", "--destination", "temporary"], 1, "no production"),
        (["--production", "prod-nova", "--use", "replica", "--destination", "temporary"], 1, "use"),
    ])
    func checkExitCodesFollowTheDecision(backend: StorageBackend, check: (arguments: [String], status: Int32, text: String)) async throws {
        let (arguments, status, text) = check
        let server = try await TestServer(backend)
        let result = try await runCLI(["check", "--db", server.location] + arguments)
        #expect(result.status == status, "\(result.out) \(result.err)")
        #expect((result.out + result.err).contains(text))
    }

    @Test(arguments: StorageBackend.available)
    func checkJSONIsTheStoredReceipt(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        let result = try await runCLI(["--db", server.location, "check", "--production", "prod-nova", "--use", "ideation",
                                 "--destination", "temporary", "--tool", "t-vault", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let id = try #require(json["id"] as? String)
        let stored = try await server.database.snapshot { try Receipts.body(id: id, codec: server.database.receiptCodec, $0) }
        #expect(stored + "\n" == result.out)
    }
}

@Suite struct BackupTests {
    /// SQLite only: `likeness backup` is SQLite's online backup (PostgreSQL's is pg_dump).
    @Test func anOnlineBackupWhileTheServerWritesRestoresToAConsistentDatabase() async throws {
        let server = try await TestServer(.sqlite)
        let backup = server.folder.appendingPathComponent("backup.sqlite").path
        let acknowledged = try await server.test { client in
            let writer = Task {
                var ids: [String] = []
                for i in 0..<60 {
                    let reply = try await client.call(.post, "/v1/performers", token: server.token(.casting), #"{"id":"p-bk-\#(i)","name":"Backup \#(i)"}"#)
                    if reply.status == .created { ids.append("p-bk-\(i)") }
                }
                return ids
            }
            try await Task.sleep(for: .milliseconds(20))
            let result = try await runCLI(["backup", "--db", server.location, backup])
            #expect(result.status == 0 && result.out.contains("integrity ok"), "\(result.err)")
            return try await writer.value
        }
        #expect(acknowledged.count == 60)
        // Restore: the copy opens as a database of its own, intact, with a consistent prefix of the writes.
        let restored = try SQLiteDatabase(path: backup, createIfMissing: false)
        #expect(try await restored.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        if case .broken(let seq, let problem) = try await restored.read(Audit.verify) { Issue.record("audit broken at \(seq): \(problem)") }
        let copied = try await restored.read { try String.fetchAll($0, sql: "SELECT id FROM performer WHERE id LIKE 'p-bk-%' ORDER BY rowid") }
        #expect(copied == Array(acknowledged.prefix(copied.count)))
        #expect(try await restored.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM consent_grant") } == 28)
        let services = try await Services(database: restored, signingKeyPath: server.signingKeyPath)
        #expect(services.facts.grantCount == 28)
        // A second backup to the same path is refused rather than overwriting it.
        let again = try await runCLI(["backup", "--db", server.location, backup])
        #expect(again.status == 1 && again.err.contains("already exists"))
    }
}

@Suite struct CastingCLITests {
    /// A casting user records a performer, a production, a role and a consent, then suspends,
    /// resumes and revokes it, without writing JSON; every step is in the registry with who and why.
    @Test(arguments: StorageBackend.available)
    func castingRecordsAndWithdrawsConsentFromTheCommandLine(backend: StorageBackend) async throws {
        let server = try await TestServer(backend, fixtures: false)
        let db = server.location
        let steps: [[String]] = [
            ["performer", "add", "--id", "p-kim", "--name", "Kim Lee", "--minor-until", "2030-05-01", "--actor", "amy"],
            ["production", "add", "--id", "prod-x", "--title", "Project X", "--studio", "Northlight", "--actor", "amy"],
            ["role", "add", "--production", "prod-x", "--performer", "p-kim", "--name", "Lead", "--category", "principal",
             "--union", "SAG-AFTRA", "--actor", "amy"],
            ["grant", "add", "--id", "g-kim-1", "--performer", "p-kim", "--production", "prod-x", "--use", "replica",
             "--use", "alteration", "--aspect", "face", "--destination", "final", "--territory", "GB", "--territory", "DE",
             "--exclude", "nudity", "--valid-from", "2026-01-01", "--valid-until", "2027-12-31", "--signed-by", "guardian",
             "--description", "Guardian consent for a face replica of the lead", "--evidence-ref", "DMS-1", "--actor", "amy"],
            ["grant", "suspend", "g-kim-1", "--reason", "contract review", "--actor", "amy"],
            ["grant", "resume", "g-kim-1", "--reason", "review done", "--actor", "bob"],
            ["grant", "revoke", "g-kim-1", "--reason", "withdrawn by the guardian", "--actor", "amy"],
        ]
        for step in steps {
            let result = try await runCLI(step + ["--db", db])
            #expect(result.status == 0, "\(step.prefix(2)): \(result.err)")
        }
        let grant = try #require(try await server.database.snapshot { try Grant.find("g-kim-1", $0) })
        #expect(grant.uses == [.replica, .alteration] && grant.territories == ["DE", "GB"] && grant.signedBy == .guardian)
        #expect(grant.excludedContent == ["nudity"] && grant.evidence?.documentRef == "DMS-1" && grant.status == .revoked)
        let history = try await server.database.snapshot { try Registry.statusHistory(grant: "g-kim-1", $0) }
        #expect(history.map(\.status) == [.active, .suspended, .active, .revoked])
        #expect(history.map(\.actor) == ["amy", "amy", "bob", "amy"])
        let list = try await runCLI(["grant", "list", "--performer", "p-kim", "--db", db])
        #expect(list.out.contains("g-kim-1  revoked  prod-x"))
        let show = try await runCLI(["grant", "show", "g-kim-1", "--db", db])
        #expect(show.out.contains("withdrawn by the guardian"))
        let invalid = try await runCLI(["grant", "add", "--performer", "p-kim", "--use", "replica", "--aspect", "face",
                                             "--destination", "final", "--valid-until", "2025-01-01", "--valid-from", "2026-01-01",
                                             "--signed-by", "performer", "--description", "Too late to be valid at all", "--db", db])
        #expect(invalid.status == 1 && invalid.err.contains("validUntil"))
        let again = try await runCLI(["grant", "resume", "g-kim-1", "--reason", "oops", "--db", db])
        #expect(again.status == 1 && again.err.contains("revoked"))
    }
}
