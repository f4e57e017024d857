import Foundation
import LikenessStore
import LikenessTestSupport
import Testing

/// The commands whose stores run on both backends, through the CLI, on SQLite and (when
/// `$LIKENESS_TEST_POSTGRES` names a test server, as `scripts/test` does) on PostgreSQL.
@Suite struct BackendCLITests {
    /// Runs `body` with a new, empty database of `backend` (its `--db`: `likeness init` migrates
    /// it), a key file and a folder, then removes them, whether `body` threw or not.
    static func withDatabase(_ backend: StorageBackend, _ body: (_ db: String, _ keys: String, _ folder: URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let postgres = try await backend == .postgres ? TestPostgres.createDatabase() : nil
        do {
            try await body(postgres?.url ?? folder.appendingPathComponent("db.sqlite").path, folder.appendingPathComponent("keys.json").path, folder)
        } catch {
            if let postgres { try? await TestPostgres.drop(postgres.name) }
            throw error
        }
        if let postgres { try await TestPostgres.drop(postgres.name) }
    }

    @Test(arguments: StorageBackend.available)
    func initAccountsKeysAndTheAuditRunOnEitherBackend(backend: StorageBackend) async throws {
        try await Self.withDatabase(backend) { db, keys, folder in
            let created = try await runCLI(["init", "--db", db, "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            #expect(created.status == 0, "\(created.err)")
            #expect(created.out.contains("with admin 'root'") && !created.out.contains("password"))
            let again = try await runCLI(["init", "--db", db, "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            #expect(again.status == 1 && again.err.contains("already initialised"))

            let added = try await runCLI(["account", "add", "--db", db, "--username", "ada", "--role", "studio"], stdin: "ada-password-12\n")
            #expect(added.status == 0, "\(added.err)")
            let key = try await runCLI(["account", "api-key", "--db", db, "--name", "pipeline", "--role", "auditor"])
            #expect(key.status == 0 && key.out.contains(" lk_"), "\(key.err)")
            let jwks = try await runCLI(["keys", "jwks", "--db", db, "--keys", keys])
            let published = try JSONSerialization.jsonObject(with: Data(jwks.out.utf8)) as? [String: Any]
            #expect((published?["keys"] as? [Any])?.count == 1, "\(jwks.err)")

            let verified = try await runCLI(["audit", "verify", "--db", db])
            // account.create, vault.create, signing-key.create, account.create, api-key.create
            #expect(verified.status == 0 && verified.out.contains("intact: 5 entries"), "\(verified.out) \(verified.err)")
            guard backend == .postgres else { return }
            // What is for SQLite only says so, and the key file has no default place there.
            let compact = try await runCLI(["receipt", "compact", "--db", db])
            #expect(compact.status == 1 && compact.err.contains("runs on SQLite only"), "\(compact.err)")
            let noKeys = try await runCLI(["keys", "rotate", "--db", db])
            #expect(noKeys.status != 0 && noKeys.err.contains("--keys"))
            let backup = try await runCLI(["backup", "--db", db, folder.appendingPathComponent("copy").path])
            #expect(backup.status == 1 && backup.err.contains("pg_dump"))
            // A database that is not there, or a server that is not, is said so at once.
            let server = try PostgresAddress(url: db)
            let missing = try await runCLI(["audit", "verify", "--db", "postgres://\(server.user)@\(server.host):\(server.port)/no_such_db"])
            #expect(missing.status == 1 && missing.err.contains("database \"no_such_db\" does not exist"), "\(missing.err)")
            let unreachable = try await runCLI(["audit", "verify", "--db", "postgres://\(server.user)@127.0.0.1:1/likeness"])
            #expect(unreachable.status == 1 && unreachable.err.contains("cannot reach PostgreSQL at postgres://\(server.user)@127.0.0.1:1/likeness"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func theCastingCommandsRunOnEitherBackend(backend: StorageBackend) async throws {
        try await Self.withDatabase(backend) { db, keys, _ in
            func run(_ arguments: [String], stdin: String? = nil) async throws -> String {
                let result = try await runCLI(arguments + ["--db", db], stdin: stdin)
                #expect(result.status == 0, "\(arguments.prefix(2)): \(result.err)")
                return result.out
            }
            _ = try await run(["init", "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            _ = try await run(["account", "add", "--username", "dana", "--role", "studio"], stdin: "dana-password-12\n")
            _ = try await run(["performer", "add", "--id", "p-kim", "--name", "Kim Lee", "--minor-until", "2030-01-01"])
            _ = try await run(["production", "add", "--id", "prod-x", "--title", "Night Shift", "--contact", "dana"])
            let updated = try await run(["production", "update", "prod-x", "--non-fiction", "true"])
            #expect(updated.contains(#""nonFiction" : true"#) || updated.contains(#""nonFiction":true"#), "\(updated)")
            _ = try await run(["role", "add", "--id", "r-kim", "--production", "prod-x", "--performer", "p-kim", "--name", "Lead",
                               "--category", "principal", "--union", "SAG-AFTRA"])
            _ = try await run(["grant", "add", "--id", "g-kim-1", "--performer", "p-kim", "--production", "prod-x", "--use", "replica",
                               "--aspect", "face", "--destination", "final", "--territory", "DE", "--valid-from", "2026-01-01",
                               "--valid-until", "2027-01-01", "--signed-by", "guardian", "--description", "Replica of the face for the finale"])
            for change in ["suspend", "resume", "revoke"] { _ = try await run(["grant", change, "g-kim-1", "--reason", "letter of 1 May"]) }
            let resumed = try await runCLI(["grant", "resume", "g-kim-1", "--reason", "again", "--db", db])
            #expect(resumed.status == 1 && resumed.err.contains("revoked"), "\(resumed.err)")
            let listed = try await run(["grant", "list", "--performer", "p-kim", "--json"])
            let grants = (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [String: [[String: Any]]])?["grants"]
            #expect(grants?.map { $0["status"] as? String } == ["revoked"], "\(listed)")
            let shown = try await run(["grant", "show", "g-kim-1"])
            #expect(shown.components(separatedBy: "letter of 1 May").count == 4, "\(shown)")
            let register = try await run(["report", "uses", "--production", "prod-x", "--until", "2026-06-01", "--json"])
            #expect(register.contains(#""entries""#) && register.contains("prod-x"), "\(register)")
            let requests = try await run(["request", "list", "--as", "dana"], stdin: "dana-password-12\n")
            #expect(requests.contains("No approval requests."))
            // The CLI's account has its role's rights, as on the API: a studio decides requests, it does not make them.
            let byStudio = try await runCLI(["request", "create", "--as", "dana", "--check", "chk-none", "--note", "For the finale, please approve",
                                             "--db", db], stdin: "dana-password-12\n")
            #expect(byStudio.status == 1 && byStudio.err.contains("the studio role may not do this"), "\(byStudio.err)")
            _ = try await run(["account", "add", "--username", "pat", "--role", "production"], stdin: "pat-password-123\n")
            let unknown = try await runCLI(["request", "create", "--as", "pat", "--check", "chk-none", "--note", "For the finale, please approve",
                                            "--db", db], stdin: "pat-password-123\n")
            #expect(unknown.status == 1 && unknown.err.contains("chk-none"), "\(unknown.err)")
            let missing = try await runCLI(["role", "add", "--production", "prod-none", "--performer", "p-kim", "--name", "Extra",
                                            "--category", "background", "--db", db])
            #expect(missing.status == 1 && missing.err.contains("prod-none"), "\(missing.err)")
            let verified = try await run(["audit", "verify"])
            // init's 3, dana's account, the performer, the production's create and update, the role, the grant and its 3
            // changes, pat's account
            #expect(verified.contains("intact: 13 entries"), "\(verified)")
        }
    }

    /// `likeness check` decides from the database's facts and stores its receipt on either
    /// backend: the receipt is what an approval request names, the use register counts it, and a
    /// revocation is honoured by the next check. `likeness alerts` reports an expiring grant once.
    @Test(arguments: StorageBackend.available)
    func checksAndTheirReceiptsRunOnEitherBackend(backend: StorageBackend) async throws {
        try await Self.withDatabase(backend) { db, keys, _ in
            func run(_ arguments: [String], stdin: String? = nil, status: Int32 = 0) async throws -> String {
                let result = try await runCLI(arguments + ["--db", db], stdin: stdin)
                #expect(result.status == status, "\(arguments.prefix(2)): \(result.err)")
                return result.out
            }
            _ = try await run(["init", "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            _ = try await run(["account", "add", "--username", "dana", "--role", "studio"], stdin: "dana-password-12\n")
            _ = try await run(["account", "add", "--username", "casey", "--role", "casting"], stdin: "casey-password-1\n")
            _ = try await run(["production", "add", "--id", "prod-x", "--title", "Night Shift", "--contact", "dana"])
            _ = try await run(["performer", "add", "--id", "p-kim", "--name", "Kim Lee"])
            _ = try await run(["grant", "add", "--id", "g-kim-1", "--performer", "p-kim", "--production", "prod-x", "--use", "replica",
                               "--aspect", "face", "--destination", "final", "--territory", "DE", "--valid-from", "2026-01-01",
                               "--valid-until", "2027-01-01", "--signed-by", "performer", "--description", "Replica of the face for the finale"])
            let face = ["check", "--production", "prod-x", "--performer", "p-kim", "--use", "replica", "--aspect", "face",
                        "--destination", "final", "--territory", "DE"]
            let consented = try JSONSerialization.jsonObject(with: Data(try await run(face + ["--json"], status: 2).utf8)) as? [String: Any]
            #expect(consented?["decision"] as? String == "needs-approval" && consented?["grants"] as? [String] == ["g-kim-1"])
            let voice = try await run(["check", "--production", "prod-x", "--performer", "p-kim", "--use", "replica", "--aspect", "voice",
                                       "--destination", "final", "--territory", "DE"], status: 3)
            #expect(voice.hasPrefix("DENIED") && voice.contains("[consent.missing]"), "\(voice)")
            let batch = try await run(["check", "--batch", "-"], stdin: """
                {"production":"prod-x","use":"ideation","destination":"temporary"}
                {"production":"prod-none","use":"ideation","destination":"temporary"}
                """, status: 1)
            let lines = batch.split(separator: "\n")
            #expect(lines.count == 2 && lines[0].contains(#""decision":"needs-approval""#) && lines[1].contains(#""index":1"#), "\(batch)")

            let id = try #require(consented?["id"] as? String)
            let request = try await run(["request", "create", "--as", "casey", "--check", id, "--note", "For the finale, please approve"],
                                        stdin: "casey-password-1\n")
            #expect(request.contains("is open: talent-likeness, final-deliverable, unvetted-tool"), "\(request)")
            let register = try await run(["report", "uses", "--production", "prod-x", "--until", "2026-12-01", "--json"])
            let entries = (try JSONSerialization.jsonObject(with: Data(register.utf8)) as? [String: Any])?["entries"] as? [[String: Any]]
            #expect(entries?.compactMap { $0["checks"] as? Int }.reduce(0, +) == 3, "\(register)")

            let alerted = try await run(["alerts", "--at", "2026-11-28", "--thresholds", "60", "--json"])
            let expiring = (try JSONSerialization.jsonObject(with: Data(alerted.utf8)) as? [String: Any])?["expiring"] as? [[String: Any]]
            #expect(expiring?.map { $0["grant"] as? String } == ["g-kim-1"] && expiring?.first?["daysLeft"] as? Int == 34, "\(alerted)")
            let again = try await run(["alerts", "--at", "2026-11-28", "--thresholds", "60"])
            #expect(again.contains("nothing new"), "\(again)")

            _ = try await run(["grant", "revoke", "g-kim-1", "--reason", "letter of 1 May"])
            let revoked = try await run(face, status: 3)
            #expect(revoked.contains("[consent.missing]") || revoked.contains("revoked"), "\(revoked)")
        }
    }

    /// `likeness import` writes the fixtures in one transaction on either backend, as one audit
    /// entry; importing them again is refused for the first row that exists, and writes nothing.
    @Test(arguments: StorageBackend.available)
    func importRunsOnEitherBackend(backend: StorageBackend) async throws {
        try await Self.withDatabase(backend) { db, keys, _ in
            let created = try await runCLI(["init", "--db", db, "--keys", keys, "--admin", "root"], stdin: "root-password-1\n")
            #expect(created.status == 0, "\(created.err)")
            let imported = try await runCLI(["import", "--db", db, Fixtures.demo, Fixtures.grantsCSV])
            #expect(imported.status == 0 && imported.out.hasPrefix("Imported ") && imported.out.contains("28 grants"), "\(imported.err)")
            let shown = try await runCLI(["grant", "show", "g-omar-2", "--db", db])
            #expect(shown.status == 0 && shown.out.contains("revoked"), "\(shown.err)")
            let again = try await runCLI(["import", "--db", db, Fixtures.demo])
            #expect(again.status == 1 && again.err.contains("demo.json") && again.err.contains("already exists"), "\(again.err)")
            let verified = try await runCLI(["audit", "verify", "--db", db])
            // init's 3 and the import's one
            #expect(verified.status == 0 && verified.out.contains("intact: 4 entries"), "\(verified.out) \(verified.err)")
        }
    }
}
