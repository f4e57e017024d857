import Foundation
import LikenessStore
import Logging
import PostgresNIO
import Testing

/// The commands whose stores run on both backends, through the CLI, on SQLite and (when
/// `$LIKENESS_TEST_POSTGRES` names a test server, as `scripts/test` does) on PostgreSQL.
@Suite struct BackendCLITests {
    static let backends = ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] == nil ? ["sqlite"] : ["sqlite", "postgres"]
    static let logger = Logger(label: "likeness.test")

    /// Runs one statement on the test server's own database.
    static func onServer(_ sql: String) async throws {
        let server = try PostgresAddress(url: ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] ?? "")
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: server.host, port: server.port, username: server.user, password: server.password,
                                 database: "postgres", tls: .disable),
            id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    @Test(arguments: backends)
    func initAccountsKeysAndTheAuditRunOnEitherBackend(backend: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let db: String
        if backend == "postgres" {
            var address = try PostgresAddress(url: ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] ?? "")
            address.database = name
            try await Self.onServer("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
            db = "postgres://\(address.user)@\(address.host):\(address.port)/\(name)"
        } else {
            db = folder.appendingPathComponent("db.sqlite").path
        }
        let keys = folder.appendingPathComponent("keys.json").path
        do {
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
        } catch {
            if backend == "postgres" { try? await Self.onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            throw error
        }
        if backend == "postgres" {
            // What does not run on PostgreSQL yet says so, and the key file has no default place there.
            let check = try await runCLI(["alerts", "--db", db])
            #expect(check.status == 1 && check.err.contains("does not run on PostgreSQL yet"))
            let noKeys = try await runCLI(["keys", "rotate", "--db", db])
            #expect(noKeys.status != 0 && noKeys.err.contains("--keys"))
            let backup = try await runCLI(["backup", "--db", db, folder.appendingPathComponent("copy").path])
            #expect(backup.status == 1 && backup.err.contains("pg_dump"))
            // A database that is not there, or a server that is not, is said so at once.
            let server = try PostgresAddress(url: ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] ?? "")
            let missing = try await runCLI(["audit", "verify", "--db", "postgres://\(server.user)@\(server.host):\(server.port)/no_such_db"])
            #expect(missing.status == 1 && missing.err.contains("database \"no_such_db\" does not exist"), "\(missing.err)")
            let unreachable = try await runCLI(["audit", "verify", "--db", "postgres://\(server.user)@127.0.0.1:1/likeness"])
            #expect(unreachable.status == 1 && unreachable.err.contains("cannot reach PostgreSQL at postgres://\(server.user)@127.0.0.1:1/likeness"))
            try await Self.onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}
