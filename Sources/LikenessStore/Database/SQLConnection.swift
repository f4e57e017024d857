import Foundation
import LikenessRules

/// A value bound to a statement's `?` or read from a row, on either backend.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift type that statements bind and rows read.
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
    /// The value, or nil when `sqlValue` does not hold one of this type.
    init?(sqlValue: SQLValue)
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let text) = sqlValue else { return nil }
        self = text
    }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) {
        guard case .integer(let integer) = sqlValue else { return nil }
        self = integer
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        guard case .integer(let integer) = sqlValue else { return nil }
        self = Int(integer)
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let real): self = real
        case .integer(let integer): self = Double(integer)
        default: return nil
        }
    }
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public init?(sqlValue: SQLValue) { self = sqlValue }
}

extension Data: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue: SQLValue) {
        guard case .blob(let bytes) = sqlValue else { return nil }
        self = bytes
    }
}

extension Date: SQLValueConvertible {
    /// An instant as GRDB writes a `Date` (`StoredTime`), so both backends hold the same text.
    public var sqlValue: SQLValue { .text(StoredTime.text(self)) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let text) = sqlValue, let date = StoredTime.date(text) else { return nil }
        self = date
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public init?(sqlValue: SQLValue) {
        if sqlValue == .null {
            self = .none
        } else if let value = Wrapped(sqlValue: sqlValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

/// One row a query returned: its columns by name.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the column at `position` (in the query's order), as `Value`: for reads of many
    /// rows, which look no name up per value.
    public subscript<Value: SQLValueConvertible>(position position: Int) -> Value {
        get throws {
            guard let value = Value(sqlValue: values[position]) else {
                throw LikenessError(.internal, "database-column", "column \(columns[position]) holds \(values[position]), not a \(Value.self)")
            }
            return value
        }
    }

    /// The value of `column`, as `Value`; an error names a column that is missing or of another type.
    public subscript<Value: SQLValueConvertible>(_ column: String) -> Value {
        get throws {
            guard let index = columns.firstIndex(of: column) else {
                throw LikenessError(.internal, "database-column", "the query returned no column \(column)")
            }
            guard let value = Value(sqlValue: values[index]) else {
                throw LikenessError(.internal, "database-column", "column \(column) holds \(values[index]), not a \(Value.self)")
            }
            return value
        }
    }
}

/// The logs whose appenders must take turns (each entry names the one before it).
public enum AppendLog: Int64, Sendable {
    /// The registry's change log, which the facts index follows (the schema's triggers on
    /// PostgreSQL take the same lock: `PostgresSchema.registryLock`).
    case registry = 0x4C_494B_454E_0002
    /// The hash-chained audit trail.
    case audit = 0x4C_494B_454E_0003
    /// Failed logins: an attempt counts the failures before it and adds itself in one turn.
    case loginFailures = 0x4C_494B_454E_0004
}

/// A connection inside a transaction, on SQLite (GRDB's `Database`) or PostgreSQL: the SQL the
/// stores write once for both (`?` placeholders; the schemas share table and column names).
public protocol SQLConnection {
    /// The backend's SQL, where the two differ.
    var dialect: SQLDialect { get }
    /// Runs one statement, binding `arguments` to its `?` in order.
    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws
    /// The rows a query returns.
    func rows(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow]
    /// Makes this transaction the only one appending to `log` until it ends; call it before
    /// reading the log's head. (SQLite has one writer at a time already; PostgreSQL takes an
    /// advisory lock, which servers sharing the database wait for.)
    func lockForAppending(_ log: AppendLog) throws

    // Bulk writes (`RowInsert.swift`; SQLite binds through its C interface).

    /// Writes `rows` in order, many to a statement: rowids come out as row by row.
    func insert(_ rows: [RowInsert]) throws
    /// Writes a chunk of an import's rows in order. When the schema refuses some, it undoes what
    /// the refused statement did (PostgreSQL: the whole chunk, to a savepoint), calls `naming`
    /// with the positions of the rows to write again one by one (to name the refused row), and
    /// throws the refusal.
    func insertChunk(_ rows: [RowInsert], naming: (Range<Int>) throws -> Void) throws
    /// Writes one row; when the schema refuses it (a key, a foreign key, a NOT NULL, a CHECK), it
    /// undoes the statement so that the transaction goes on (PostgreSQL: to a savepoint), calls
    /// `refused`, and throws the refusal.
    func insertRow(_ row: RowInsert, refused: () throws -> Void) throws
    /// Appends rows to a log folded now and then (the use register's, the performers' uses
    /// ledger's); true when the log is due to be folded, which it is every `foldAt` rows.
    func appendLog(_ rows: [RowInsert], foldAt: Int64) throws -> Bool
    /// Runs an import's writes with the backend's settings for bulk writes (SQLite: a larger page
    /// cache, CHECK constraints that the input's validation restates not evaluated again).
    func withBulkWriteSettings<T>(_ body: () throws -> T) throws -> T

    // The facts index's full reads (`FactsReading.swift`): SQLite reads the columns through its C
    // interface; any other backend through the records.

    /// Calls `add` with each performer's facts (those whose rowid is above `after`, if given).
    func forEachPerformerFacts(after: Int64?, _ add: (PerformerFacts) -> Void) throws
    /// Calls `add` with each role's performer and facts, in the table's order (rowid above `after`).
    func forEachRoleFacts(after: Int64?, _ add: (String, RoleFacts) -> Void) throws
    /// Calls `add` with each run of one performer's grants that come one after another in the
    /// table's order, for the grants whose rowid is at least `from` and below `below` (if given).
    func forEachGrantRun(from: Int64?, below: Int64?, _ add: (String, GrantRun) -> Void) throws
}

extension SQLConnection {
    /// The first row a query returns, if any.
    public func row(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row a query returns; nil when there is no row or it is NULL.
    public func value<Value: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Value? {
        guard let first = try row(sql, arguments)?.values.first, first != .null else { return nil }
        guard let value = Value(sqlValue: first) else {
            throw LikenessError(.internal, "database-column", "the query returned \(first), not a \(Value.self)")
        }
        return value
    }

    /// Runs one statement without arguments.
    public func execute(_ sql: String) throws {
        try execute(sql, [])
    }
}

/// What a store needs of a database, on either backend: transactions on a `SQLConnection`.
public protocol StoreDatabase: Sendable {
    /// How the database's receipts are packed (its dictionaries, loaded at open).
    var receiptCodec: ReceiptCodec { get }
    /// Runs `body` in a write transaction, committed if it returns and rolled back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body` on a consistent, read-only snapshot.
    func snapshot<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body` holding `lock`, once every earlier holder has let it go.
    func holding<T: Sendable>(_ lock: DatabaseLock, _ body: @Sendable () async throws -> T) async throws -> T

    // What the facts index needs of a backend to follow it (one implementation each, beside the
    // backend's database).

    /// Runs `body` on the newest committed state, off the threads that run requests when it blocks.
    func readLatest<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T
    /// A cheap read of the change log's newest `seq` for the follower's polls, if the backend has
    /// one cheaper than a refresh (SQLite: a read-only connection of its own); nil otherwise.
    func newestChangeProbe() -> (@Sendable () throws -> Int64)?
    /// Calls `changed` on each commit that logged a registry change, as the backend notifies it
    /// (PostgreSQL's `LISTEN`), until cancelled; once on each (re)start of listening, for what
    /// committed meanwhile. Returns at once on a backend that notifies nothing (SQLite).
    func followCommittedChanges(_ changed: @Sendable @escaping () async -> Void) async
    /// The writer of the receipts' batches (`ReceiptWriter`).
    func makeReceiptSink() -> any ReceiptSink
    /// Starts `body` on a second connection, on another core, and returns what waits for its result;
    /// nil on a backend where a second reader does not speed a full load up (PostgreSQL).
    func readAlongside<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) -> (@Sendable () throws -> T)?
}
