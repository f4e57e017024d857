import Foundation
import GRDB

/// GRDB's connection serves the stores' SQL on SQLite, each statement prepared once per connection.
extension Database: SQLConnection {
    public var dialect: SQLDialect { .sqlite }

    public func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        try cachedStatement(sql: sql).execute(arguments: Self.bindings(arguments))
    }

    public func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
        // Read through a cursor (no row of GRDB's kept) into values; every row shares one array of
        // column names (a statement of 10,000 rows used to spend most of its time making them).
        let statement = try cachedStatement(sql: sql)
        let columns = statement.columnNames
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: Self.bindings(arguments))
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(columns.count)
            for value in row.databaseValues { values.append(value.sqlValue) }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    /// The one writer appends alone already.
    public func lockForAppending(_ log: AppendLog) throws {}

    private static func bindings(_ arguments: [any SQLValueConvertible]) -> StatementArguments {
        StatementArguments(arguments.map(\.sqlValue.databaseValue))
    }
}

/// GRDB's values are the stores' values: `RowInsert` holds them ready for SQLite's C interface.
extension DatabaseValue: SQLValueConvertible {
    public var sqlValue: SQLValue {
        switch storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let bytes): .blob(bytes)
        }
    }

    public init?(sqlValue: SQLValue) {
        self = sqlValue.databaseValue
    }
}

extension SQLValue {
    /// The value as GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): bytes.databaseValue
        }
    }
}

extension SQLiteDatabase: StoreDatabase {
    public func transaction<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await write { try body($0) }
    }

    public func snapshot<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await read { try body($0) }
    }

    /// Holds `lock` as a file lock beside the database (`db.sqlite.alerts-lock`).
    public func holding<T: Sendable>(_ lock: DatabaseLock, _ body: @Sendable () async throws -> T) async throws -> T {
        let file = try await Offload.run { [path] in try FileLock(path: path + "." + lock.name + "-lock") }
        defer { file.release() }
        return try await body()
    }
}
