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
public enum SQLArgument: Sendable {
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

    public func appliedMigrations() async throws -> [String] { try await database.appliedMigrations() }

    public func reopen() async throws -> [String] {
        let again = try await PostgreSQLDatabase(address: address, connections: 1)
        defer { again.close() }
        return try await again.appliedMigrations()
    }
}
