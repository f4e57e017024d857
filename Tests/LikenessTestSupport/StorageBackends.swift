import Foundation
import GRDB
import LikenessRules
import LikenessStore
import Logging
import PostgresNIO
import Testing

/// The datastores every suite runs against: SQLite always, and PostgreSQL when
/// `$LIKENESS_TEST_POSTGRES` names a server on which the tests may create databases
/// (`scripts/test` starts a private one). `$LIKENESS_REQUIRE_POSTGRES=1` makes its absence a failure.
public enum StorageBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public static var available: [StorageBackend] {
        TestPostgres.url == nil ? [.sqlite] : allCases
    }

    public var testDescription: String { rawValue }

    /// The backend's SQL, as the stores name it.
    public var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Runs `body` on a new, migrated database of this kind holding only `parents` (rows written in
    /// one transaction), then drops the database, whether `body` threw or not.
    public func withDatabase(parents: [(String, [SQLArgument])] = [], _ body: (any BackendDatabase) async throws -> Void) async throws {
        let database: any BackendDatabase = switch self {
        case .sqlite: try SQLiteBackendDatabase()
        case .postgres: try await PostgresBackendDatabase()
        }
        do {
            if !parents.isEmpty { try await database.transaction(parents) }
            try await body(database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}

/// A statement violated a constraint of the schema (a CHECK, a key, a trigger's refusal):
/// SQLite's `SQLITE_CONSTRAINT`, PostgreSQL's SQLSTATE class 23.
public struct ConstraintViolation: Error, CustomStringConvertible {
    public let description: String
}

/// `error` as a `ConstraintViolation`, if it is one: SQLite's, PostgreSQL's, or the
/// `constraint-violation` error `PostgreSQLDatabase` translates PostgreSQL's into.
public func constraintViolation(_ error: any Error) -> ConstraintViolation? {
    if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
        return ConstraintViolation(description: error.message ?? "constraint")
    }
    if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], state.hasPrefix("23") {
        return ConstraintViolation(description: error.serverInfo?[.message] ?? state)
    }
    if let error = error as? LikenessError, error.code == "constraint-violation" {
        return ConstraintViolation(description: error.message)
    }
    return nil
}

/// A value bound to a `?` of a statement.
public enum SQLArgument: Sendable, Equatable {
    case text(String), integer(Int64), bytes(Data), null
}

/// Raw SQL on a test database, the same text on either backend (`?` placeholders).
public protocol BackendDatabase: Sendable {
    /// Runs one statement; a constraint's refusal is a `ConstraintViolation`.
    func execute(_ sql: String, _ arguments: [SQLArgument]) async throws
    /// Runs statements in one transaction, rolled back if one fails.
    func transaction(_ statements: [(String, [SQLArgument])]) async throws
    /// The first column of every row, as text (NULL as nil).
    func texts(_ sql: String, _ arguments: [SQLArgument]) async throws -> [String?]
    /// The first column of the first row, as bytes.
    func bytes(_ sql: String, _ arguments: [SQLArgument]) async throws -> Data?
    /// Every row a query returns, each column as text (NULL as nil; on PostgreSQL, the query casts
    /// what is not text).
    func rows(_ sql: String) async throws -> [[String?]]
    /// Runs `statements` in one transaction, each in a savepoint of its own, reads `query` and
    /// rolls everything back: whether each statement was accepted (false: a constraint refused it),
    /// and the first column of what `query` read. With `undoingEach`, each statement is undone
    /// before the next; otherwise what was accepted stays until the end.
    func attempt(_ statements: [(String, [SQLArgument])], undoingEach: Bool, thenReading query: String?) async throws
        -> (accepted: [Bool], read: [String?])
    /// The migrations applied, in order.
    func appliedMigrations() async throws -> [String]
    /// Opens the database a second time (migrating again) and returns what it applied in all.
    func reopen() async throws -> [String]
    /// Closes and removes the database.
    func drop() async
    /// The database as the stores use it.
    var store: any StoreDatabase { get }
}

extension BackendDatabase {
    public func execute(_ sql: String) async throws { try await execute(sql, []) }
}

public final class SQLiteBackendDatabase: BackendDatabase {
    public let temporary: TempDatabase

    public init() throws { temporary = try TempDatabase() }

    /// Opens (migrating it) the database file at `path` in `folder`.
    public init(opening path: String, in folder: TemporaryFolder) throws { temporary = try TempDatabase(opening: path, in: folder) }

    public var store: any StoreDatabase { temporary.database }

    private static func values(_ arguments: [SQLArgument]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> (any DatabaseValueConvertible)? in
            switch argument {
            case .text(let text): text
            case .integer(let integer): integer
            case .bytes(let bytes): bytes
            case .null: nil
            }
        })
    }

    private func translating<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw constraintViolation(error) ?? error }
    }

    public func execute(_ sql: String, _ arguments: [SQLArgument]) async throws {
        try await transaction([(sql, arguments)])
    }

    public func transaction(_ statements: [(String, [SQLArgument])]) async throws {
        try await translating {
            try await temporary.database.write { db in
                for (sql, arguments) in statements { try db.execute(sql: sql, arguments: Self.values(arguments)) }
            }
        }
    }

    public func texts(_ sql: String, _ arguments: [SQLArgument]) async throws -> [String?] {
        try await temporary.database.read { try String?.fetchAll($0, sql: sql, arguments: Self.values(arguments)) }
    }

    public func bytes(_ sql: String, _ arguments: [SQLArgument]) async throws -> Data? {
        try await temporary.database.read { try Data.fetchOne($0, sql: sql, arguments: Self.values(arguments)) }
    }

    public func rows(_ sql: String) async throws -> [[String?]] {
        try await temporary.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(Self.text) }
        }
    }

    public static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let real): String(real)
        case .string(let text): text
        case .blob(let bytes): bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    public func attempt(_ statements: [(String, [SQLArgument])], undoingEach: Bool, thenReading query: String?) async throws
        -> (accepted: [Bool], read: [String?]) {
        try await temporary.database.pool.writeWithoutTransaction { db in
            var accepted: [Bool] = [], read: [String?] = []
            try db.inTransaction {
                for (sql, arguments) in statements {
                    do {
                        try db.inSavepoint {
                            try db.execute(sql: sql, arguments: Self.values(arguments))
                            return undoingEach ? .rollback : .commit
                        }
                        accepted.append(true)
                    } catch let error where constraintViolation(error) != nil {
                        accepted.append(false)
                    }
                }
                if let query { read = try String?.fetchAll(db, sql: query) }
                return .rollback
            }
            return (accepted, read)
        }
    }

    public func appliedMigrations() async throws -> [String] { try temporary.database.appliedMigrations() }

    public func reopen() async throws -> [String] { try SQLiteDatabase(path: temporary.path).appliedMigrations() }

    /// The file goes with its temporary folder.
    public func drop() async {}
}

/// A migrated database of its own on the test server (`TestPostgres`), dropped by `drop`.
public final class PostgresBackendDatabase: BackendDatabase {
    public let address: PostgresAddress
    public let database: PostgreSQLDatabase
    private static let logger = Logger(label: "likeness.test")

    public var store: any StoreDatabase { database }

    public init() async throws {
        let (_, url) = try await TestPostgres.createMigratedDatabase()
        address = try PostgresAddress(url: url)
        database = try await PostgreSQLDatabase(address: address, connections: 4)
    }

    public func drop() async {
        database.close()
        try? await TestPostgres.drop(address.database)
    }

    /// Opens (migrating it) a database that `createDatabase` made.
    public init(opening address: PostgresAddress) async throws {
        self.address = address
        database = try await PostgreSQLDatabase(address: address, connections: 4)
    }

    /// A new, empty database on the test server.
    public static func createDatabase() async throws -> PostgresAddress {
        let server = try PostgresAddress(url: ProcessInfo.processInfo.environment["LIKENESS_TEST_POSTGRES"] ?? "")
        var address = server
        address.database = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await Self.run(["CREATE DATABASE \(address.database) TEMPLATE template0 ENCODING 'UTF8'"], in: "postgres", of: server)
        return address
    }

    public static func drop(_ address: PostgresAddress) async {
        _ = try? await run(["DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)"], in: "postgres", of: address)
    }

    /// Runs `statements` in turn in `database` (the address's own when nil), on a connection of
    /// their own that nothing else uses afterwards (a script may set what it likes for its
    /// session); returns the rows of the last, each column as text.
    @discardableResult
    public static func run(_ statements: [String], in database: String? = nil, of address: PostgresAddress) async throws -> [[String?]] {
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: database ?? address.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            var rows: [[String?]] = []
            for statement in statements {
                rows = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) {
                    rows.append(try row.map { try $0.decode(String?.self) })
                }
            }
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `?` placeholders numbered as PostgreSQL's `$1`, `$2`… (the tests put no `?` in literals).
    private static func query(_ sql: String, _ arguments: [SQLArgument]) -> PostgresQuery {
        var numbered = "", index = 0
        for character in sql {
            if character == "?" { index += 1; numbered += "$\(index)" } else { numbered.append(character) }
        }
        var bindings = PostgresBindings()
        for argument in arguments {
            switch argument {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .null: bindings.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: numbered, binds: bindings)
    }

    private func translating<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch {
            let inner = (error as? PostgresTransactionError)?.closureError ?? error
            throw constraintViolation(inner) ?? inner
        }
    }

    public func execute(_ sql: String, _ arguments: [SQLArgument]) async throws {
        try await translating {
            for try await _ in try await database.client.query(Self.query(sql, arguments)) {}
        }
    }

    public func transaction(_ statements: [(String, [SQLArgument])]) async throws {
        try await translating {
            try await database.client.withTransaction(logger: Self.logger) { connection in
                for (sql, arguments) in statements { try await connection.query(Self.query(sql, arguments), logger: Self.logger) }
            }
        }
    }

    public func texts(_ sql: String, _ arguments: [SQLArgument]) async throws -> [String?] {
        var texts: [String?] = []
        for try await text in try await database.client.query(Self.query(sql, arguments)).decode(String?.self) { texts.append(text) }
        return texts
    }

    public func bytes(_ sql: String, _ arguments: [SQLArgument]) async throws -> Data? {
        for try await buffer in try await database.client.query(Self.query(sql, arguments)).decode(ByteBuffer?.self) {
            return buffer.map { Data($0.readableBytesView) }
        }
        return nil
    }

    public func rows(_ sql: String) async throws -> [[String?]] {
        var rows: [[String?]] = []
        for try await row in try await database.client.query(PostgresQuery(unsafeSQL: sql)) {
            rows.append(try row.map { try $0.decode(String?.self) })
        }
        return rows
    }

    public func attempt(_ statements: [(String, [SQLArgument])], undoingEach: Bool, thenReading query: String?) async throws
        -> (accepted: [Bool], read: [String?]) {
        try await database.client.withConnection { connection in
            try await connection.query("BEGIN", logger: Self.logger)
            do {
                var accepted: [Bool] = []
                for (sql, arguments) in statements {
                    try await connection.query("SAVEPOINT attempt", logger: Self.logger)
                    do {
                        try await connection.query(Self.query(sql, arguments), logger: Self.logger)
                        accepted.append(true)
                        try await connection.query(PostgresQuery(unsafeSQL: undoingEach ? "ROLLBACK TO SAVEPOINT attempt" : "RELEASE SAVEPOINT attempt"),
                                                   logger: Self.logger)
                    } catch let error where constraintViolation(error) != nil {
                        accepted.append(false)
                        try await connection.query("ROLLBACK TO SAVEPOINT attempt", logger: Self.logger)
                    }
                }
                var read: [String?] = []
                if let query {
                    for try await text in try await connection.query(PostgresQuery(unsafeSQL: query), logger: Self.logger).decode(String?.self) {
                        read.append(text)
                    }
                }
                try await connection.query("ROLLBACK", logger: Self.logger)
                return (accepted, read)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }

    public func appliedMigrations() async throws -> [String] { try await database.appliedMigrations() }

    public func reopen() async throws -> [String] {
        let again = try await PostgreSQLDatabase(address: address, connections: 1)
        defer { again.close() }
        return try await again.appliedMigrations()
    }
}
