import Foundation
import LikenessRules
import LikenessStore
import Logging
import PostgresNIO
import Synchronization

/// The PostgreSQL server that `$LIKENESS_TEST_POSTGRES` names (`scripts/test` starts a private
/// one), on which each test makes a database of its own and drops it when done.
public enum TestPostgres {
    /// The server's URL, if the tests are to run on PostgreSQL.
    public static var url: String? { ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] }

    static let logger = Logger(label: "likeness.test")

    /// The URL of database `name` on the server: the server's URL with its path replaced.
    public static func url(of name: String) throws -> String {
        guard var components = URLComponents(string: url ?? "") else { throw notConfigured }
        components.path = "/" + name
        guard let named = components.string else { throw notConfigured }
        return named
    }

    /// A new database copied from `template` (`template0`, the default, is empty), and its URL.
    /// It is dropped by `drop`, or else when the process exits.
    public static func createDatabase(from template: String = "template0") async throws -> (name: String, url: String) {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        registerExitHandler()
        undropped.withLock { _ = $0.insert(name) }
        try await run("CREATE DATABASE \(name) TEMPLATE \(template) ENCODING 'UTF8'")
        return (name, try url(of: name))
    }

    /// A new database holding the schema as migrated: a copy of a template that this process
    /// migrated once (copying one takes about a quarter of the time that making one and migrating
    /// it takes).
    public static func createMigratedDatabase() async throws -> (name: String, url: String) {
        let template = migratedTemplate.withLock { template in
            if let template { return template }
            let made = Task {
                let (name, url) = try await createDatabase()
                let database = try await PostgreSQLDatabase(address: PostgresAddress(url: url), connections: 1)
                // PostgreSQL copies a template only once no one is connected to it (it waits up to 5 s).
                database.close()
                return name
            }
            template = made
            return made
        }
        return try await createDatabase(from: template.value)
    }

    /// Drops database `name`, ending its sessions.
    public static func drop(_ name: String) async throws {
        try await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        undropped.withLock { _ = $0.remove(name) }
    }

    /// Runs one statement on the server's own database (`postgres`), on a connection of its own.
    public static func run(_ sql: String) async throws {
        let connection = try await PostgresConnection.connect(configuration: try serverConfiguration(), id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// A connection to the server's own database, where databases are made and dropped.
    private static func serverConfiguration() throws -> PostgresConnection.Configuration {
        let server = try PostgresAddress(url: url ?? "")
        return PostgresConnection.Configuration(host: server.host, port: server.port, username: server.user, password: server.password,
                                                database: "postgres", tls: .disable)
    }

    private static var notConfigured: LikenessError {
        LikenessError(.internal, "no-test-server", "set $LIKENESS_TEST_POSTGRES to a PostgreSQL server on which the tests may create databases")
    }

    /// The migrated template, made by the first test that asks for one.
    private static let migratedTemplate = Mutex<Task<String, any Error>?>(nil)
    /// The databases made and not yet dropped.
    private static let undropped = Mutex<Set<String>>([])
    private static let exitHandler = Mutex(false)

    /// At exit, drops what is left: the template, and the databases of the tests that ended last
    /// (a test's database may be dropped by a task that the process does not wait for) or that
    /// failed half-way.
    private static func registerExitHandler() {
        exitHandler.withLock { registered in
            guard !registered else { return }
            registered = true
            atexit { TestPostgres.dropUndropped() }
        }
    }

    /// Drops the databases left, waiting for each: the tasks that would have are no more.
    private static func dropUndropped() {
        let names = undropped.withLock { $0 }
        guard !names.isEmpty, let configuration = try? serverConfiguration(),
              let connection = try? PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                               id: 2, logger: logger).wait() else { return }
        for name in names {
            _ = try? connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger).wait()
        }
        try? connection.close().wait()
    }
}
