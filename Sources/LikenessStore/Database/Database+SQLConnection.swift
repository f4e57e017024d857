import Foundation
import GRDB

/// GRDB's connection serves the stores' SQL on SQLite, each statement prepared once per connection.
extension Database: SQLConnection {
    public func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        try cachedStatement(sql: sql).execute(arguments: Self.bindings(arguments))
    }

    public func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: Self.bindings(arguments)).map { row in
            SQLRow(columns: Array(row.columnNames), values: row.databaseValues.map(Self.value))
        }
    }

    /// The one writer appends alone already.
    public func lockForAppending(_ log: AppendLog) throws {}

    private static func bindings(_ arguments: [any SQLValueConvertible]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> (any DatabaseValueConvertible)? in
            switch argument.sqlValue {
            case .null: nil
            case .integer(let integer): integer
            case .real(let real): real
            case .text(let text): text
            case .blob(let bytes): bytes
            }
        })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let bytes): .blob(bytes)
        }
    }
}

extension AppDatabase: StoreDatabase {
    public func transaction<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await write { try body($0) }
    }

    public func snapshot<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await read { try body($0) }
    }
}
