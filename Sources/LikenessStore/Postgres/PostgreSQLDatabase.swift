import Foundation
import LikenessRules
import Logging
import PostgresNIO

/// A Likeness database on PostgreSQL: owns the client (a pool of connections, run by a task of
/// its own until `close`) and migrates the schema (`MigrationLedger`) when opened. Several
/// servers may open one database at once: migrations wait for each other on an advisory lock.
public final class PostgreSQLDatabase: StoreDatabase {
    public let address: PostgresAddress
    /// The pool of connections.
    public let client: PostgresClient
    public let receiptCodec = ReceiptCodec()
    private let runner: Task<Void, Never>
    /// The pool's own messages, errors only: a connection closed as the client closes is not news,
    /// nor is a first lease asked for before the task running the client has started (it waits).
    /// Failures of a query reach its caller as errors.
    private static let logger: Logger = {
        var logger = Logger(label: "likeness.postgres")
        logger.logLevel = .error
        return logger
    }()

    /// Connects to `address` (at most `connections` at once) and migrates its schema to the latest
    /// version. An unreachable server, a refused login or a missing database is a `database-unreachable`
    /// error that names the address (without its password) and what the server said.
    public init(address: PostgresAddress, connections: Int = 16) async throws {
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: try Self.tls(address))
        configuration.options.maximumConnections = connections
        configuration.options.connectTimeout = .seconds(5)
        try await Self.probe(address)
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        self.address = address
        self.client = client
        runner = Task { await client.run() }
        do {
            try await migrate()
            try await snapshot { [receiptCodec] in try receiptCodec.loadNewest($0) }
            try await PerformerUses.backfill(self)
        } catch let error as LikenessError {
            runner.cancel()
            throw error
        } catch {
            // The pool's own errors (no connection could be made) name none of this.
            runner.cancel()
            throw LikenessError(.unavailable, "database-unreachable", "cannot reach PostgreSQL at \(address): no connection could be made")
        }
    }

    /// Makes one connection and closes it, before the pool opens: an unreachable server, a refused
    /// login or a missing database is then an error that says which, at once (the pool retries
    /// for about a minute before it gives up, and then says neither).
    private static func probe(_ address: PostgresAddress) async throws {
        let tls: PostgresConnection.Configuration.TLS
        switch try tlsConfiguration(address) {
        case nil: tls = .disable
        case let configuration? where address.tls == .prefer: tls = .prefer(try context(configuration, address))
        case let configuration?: tls = .require(try context(configuration, address))
        }
        do {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls)
            configuration.options.connectTimeout = .seconds(5)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw translate(error, address: address)
        }
    }

    /// Closes every connection; the database cannot be used afterwards.
    public func close() {
        runner.cancel()
    }

    /// The migrations applied so far, in order.
    public func appliedMigrations() async throws -> [String] {
        try await snapshot { try MigrationLedger.applied($0) }
    }

    /// Applies the migrations not yet applied, each in its own transaction, which first takes
    /// `PostgresSchema.migrationLock`: servers starting together apply each one once.
    private func migrate() async throws {
        let migrations = try MigrationLedger.migrations(.postgres)
        while try await run("BEGIN", { try MigrationLedger.migrateOneStep($0, migrations) }) {}
    }

    /// Runs `body` on a connection of the pool, between `begin` and COMMIT (ROLLBACK if it
    /// throws), on a Dispatch thread: the stores' SQL waits there for each answer. The thread is
    /// taken only once the connection is leased, so at most one is blocked per connection of the
    /// pool (its size, `connections`); the requests' threads never wait. A pool of threads of that
    /// size of its own (NIOThreadPool) measured slower (docs/benchmarks.md).
    private func run<T: Sendable>(_ begin: String, _ body: @Sendable @escaping (PostgresSQLConnection) throws -> T) async throws -> T {
        try await translatingErrors {
            try await client.withConnection { connection in
                try await Offload.run {
                    let sql = PostgresSQLConnection(connection: connection, logger: Self.logger)
                    try sql.execute(begin, [])
                    let value: T
                    do {
                        value = try body(sql)
                    } catch {
                        try? sql.execute("ROLLBACK", [])
                        throw error
                    }
                    try sql.execute("COMMIT", [])
                    return value
                }
            }
        }
    }

    /// Runs `body`, turning PostgreSQL's connection and server errors into a `LikenessError` that
    /// says what went wrong without the query's values.
    func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            throw Self.translate(error.closureError ?? error.commitError ?? error.beginError ?? error, address: address)
        } catch {
            throw Self.translate(error, address: address)
        }
    }

    static func translate(_ error: any Error, address: PostgresAddress) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState] ?? "?"
            if code.hasPrefix("08") || code.hasPrefix("28") || code == "3D000" {
                return LikenessError(.unavailable, "database-unreachable", "PostgreSQL at \(address) refused the connection: \(message)")
            }
            if code.hasPrefix("23") {
                return LikenessError(.conflict, "constraint-violation", message)
            }
            return LikenessError(.internal, "database-error", "PostgreSQL at \(address): \(message) (SQLSTATE \(code))")
        }
        if let refusal = certificateRefusal(error.underlying, address: address) {
            return LikenessError(.unavailable, "database-unreachable", "cannot reach PostgreSQL at \(address): \(refusal)")
        }
        return LikenessError(.unavailable, "database-unreachable",
                             "cannot reach PostgreSQL at \(address) (\(error.underlying.map { "\($0)" } ?? "\(error.code)"))")
    }

    /// Why the server's certificate was refused, in words, when that is what `underlying` says.
    private static func certificateRefusal(_ underlying: (any Error)?, address: PostgresAddress) -> String? {
        let roots = address.rootCertificates.map { "the certificates of \($0) (sslrootcert)" } ?? "the system's trusted certificates"
        switch underlying {
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "the server's certificate is not for \(address.host) (sslmode=\(address.tls.rawValue) checks the host name)"
        case NIOSSLError.handshakeFailed(.sslError(let errors))? where errors.contains(where: { "\($0)".contains("CERTIFICATE_VERIFY_FAILED") }):
            return "the server's certificate does not chain to \(roots) (sslmode=\(address.tls.rawValue))"
        default:
            return nil
        }
    }

    /// The TLS context of `configuration`; a `sslrootcert` file that holds no certificate is said
    /// as such.
    private static func context(_ configuration: TLSConfiguration, _ address: PostgresAddress) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw LikenessError(.badRequest, "invalid-database-url",
                                "the sslrootcert file \(address.rootCertificates ?? "") holds no PEM certificate")
        }
    }

    /// The pool's TLS, as `address.tls` asks for it.
    private static func tls(_ address: PostgresAddress) throws -> PostgresClient.Configuration.TLS {
        switch try tlsConfiguration(address) {
        case nil: .disable
        case let configuration? where address.tls == .prefer: .prefer(configuration)
        case let configuration?: .require(configuration)
        }
    }

    /// What libpq's `sslmode` asks of TLS: nil for `disable`; for `prefer` and `require`,
    /// encryption without a look at the server's certificate, but for `require` with
    /// `sslrootcert`, which checks its chain (as `verify-ca` does); `verify-full` also checks that
    /// it names the host. The chain ends in `sslrootcert`'s certificates, else the system's.
    static func tlsConfiguration(_ address: PostgresAddress) throws -> TLSConfiguration? {
        guard address.tls != .disable else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = address.rootCertificates {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw LikenessError(.badRequest, "invalid-database-url", "the sslrootcert file \(file) cannot be read")
            }
            configuration.trustRoots = .file(file)
        }
        configuration.certificateVerification = switch address.tls {
        case .verifyFull: .fullVerification
        case .verifyCA: .noHostnameVerification
        case .require where address.rootCertificates != nil: .noHostnameVerification
        default: .none
        }
        return configuration
    }
}

extension PostgreSQLDatabase {
    /// A write transaction at PostgreSQL's default isolation (read committed): what must be
    /// appended in turn takes its lock first (`SQLConnection.lockForAppending`).
    public func transaction<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await run("BEGIN") { try body($0) }
    }

    /// Holds `lock` as a session advisory lock on a connection of the pool, kept out of the pool
    /// until `body` ends (the server lets the lock go if the connection is lost).
    public func holding<T: Sendable>(_ lock: DatabaseLock, _ body: @Sendable () async throws -> T) async throws -> T {
        try await translatingErrors {
            try await client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(\(lock.rawValue))", logger: Self.logger)
                let value: T
                do {
                    value = try await body()
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(lock.rawValue))", logger: Self.logger)
                    throw error
                }
                try await connection.query("SELECT pg_advisory_unlock(\(lock.rawValue))", logger: Self.logger)
                return value
            }
        }
    }

    /// Listens for commits that logged registry changes, on a connection of the pool held for it:
    /// calls `listening` once the connection listens, then `changed` for each notification (in turn),
    /// until cancelled; throws when the connection fails.
    public func listenForRegistryChanges(listening: @Sendable () async -> Void, changed: @Sendable () async -> Void) async throws {
        try await translatingErrors {
            try await client.withConnection { connection in
                try await connection.listen(on: PostgresSchema.changeChannel) { notifications in
                    await listening()
                    for try await _ in notifications { await changed() }
                }
            }
        }
    }

    /// A read-only transaction on one snapshot (repeatable read), as SQLite's reads are.
    public func snapshot<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body($0) }
    }
}
