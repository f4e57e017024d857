import Foundation
import LikenessRules

/// A record stored as one row of its table, written and read by hand the same way on both
/// backends: its columns and their values as stored (times as `StoredTime`, sets as JSON arrays,
/// flags as 0 and 1), and its reader.
public protocol TableRow: Sendable {
    static var table: String { get }
    /// The columns `values` fills, in order; the first is the primary key.
    static var columns: [String] { get }
    /// The row's values, in the order of `columns`.
    var values: [any SQLValueConvertible] { get }
    /// The record from a row holding `columns` (as `select` reads them).
    init(row: SQLRow) throws
}

extension TableRow {
    /// `SELECT` of the record's columns from its table, before a `WHERE`, `ORDER BY` or `LIMIT`.
    public static var select: String {
        "SELECT " + columns.map(quoted).joined(separator: ", ") + " FROM " + quoted(table)
    }

    /// The record whose primary key is `key`, if any.
    public static func find(_ key: String, _ db: any SQLConnection) throws -> Self? {
        try db.row(select + " WHERE \(quoted(columns[0])) = ?", [key]).map(Self.init(row:))
    }

    /// The records `tail` (`WHERE …`, `ORDER BY …`, `LIMIT …`, with `?` for `arguments`) selects.
    public static func fetch(_ tail: String, _ arguments: [any SQLValueConvertible] = [], _ db: any SQLConnection) throws -> [Self] {
        try db.rows(select + " " + tail, arguments).map(Self.init(row:))
    }

    /// Calls `body` with each record whose rowid is above `after` (if given) and below `below` (if
    /// given), in rowid order, read `page` rows to a query (keyset paging): memory holds one page,
    /// not the table. Within one snapshot the pages read one state.
    public static func forEachInRowidOrder(after: Int64? = nil, below: Int64? = nil, page: Int = 10_000, _ db: any SQLConnection,
                                           _ body: (Self) throws -> Void) throws {
        var last = after ?? Int64.min
        let sql = "SELECT rowid AS page_rowid, " + columns.map(quoted).joined(separator: ", ") + " FROM " + quoted(table)
            + " WHERE rowid > ?" + (below.map { " AND rowid < \($0)" } ?? "") + " ORDER BY rowid LIMIT \(page)"
        while true {
            let rows = try db.rows(sql, [last])
            for row in rows { try body(Self(row: row)) }
            guard rows.count == page, let end = rows.last else { return }
            last = try end["page_rowid"]
        }
    }

    /// Whether a row with this primary key exists.
    public static func exists(_ key: String, _ db: any SQLConnection) throws -> Bool {
        try db.row("SELECT 1 FROM \(quoted(table)) WHERE \(quoted(columns[0])) = ?", [key]) != nil
    }

    public func insert(_ db: any SQLConnection) throws {
        try RowInsert(self).execute(db)
    }

    /// Writes every column but the key over the row of the record's key.
    public func update(_ db: any SQLConnection) throws {
        try db.execute(updateSQL, updateArguments)
    }

    /// Writes every column but the key over the row of the record's key while `column` still holds
    /// `expected`: the compare-and-set of a state change, which holds when two transactions change
    /// one row at once on either backend (PostgreSQL's READ COMMITTED waits for the first writer,
    /// then reads the row again); false when another transaction changed it first.
    public func update(_ db: any SQLConnection, whileStill column: String, is expected: String) throws -> Bool {
        try db.row(updateSQL + " AND \(quoted(column)) = ? RETURNING 1", updateArguments + [expected]) != nil
    }

    /// `UPDATE … SET` every column but the key `WHERE` the key is the record's, and its arguments.
    private var updateSQL: String {
        "UPDATE \(quoted(Self.table)) SET " + Self.columns.dropFirst().map { quoted($0) + " = ?" }.joined(separator: ", ")
            + " WHERE \(quoted(Self.columns[0])) = ?"
    }

    private var updateArguments: [any SQLValueConvertible] {
        let values = self.values
        return Array(values.dropFirst()) + [values[0]]
    }

    /// Inserts the record, or writes it over the row of its key.
    public func upsert(_ db: any SQLConnection) throws {
        let columns = Self.columns
        try db.execute(RowInsert.Shape(table: Self.table, columns: columns).sql + " ON CONFLICT (\(quoted(columns[0]))) DO UPDATE SET "
                       + columns.dropFirst().map { quoted($0) + " = excluded." + quoted($0) }.joined(separator: ", "), values)
    }

    /// A corrupt row's error, naming the record and the column.
    static func corrupt(_ row: SQLRow, _ column: String) -> LikenessError {
        let key = (try? row[columns[0]] as String) ?? "?"
        return LikenessError(.internal, "corrupt-row", "\(table) \(key) has a malformed \(column)")
    }

    /// A column's text read by `parse` (a vocabulary's `init(rawValue:)`, `Day.init`…).
    static func parsed<T>(_ row: SQLRow, _ column: String, _ parse: (String) -> T?) throws -> T {
        guard let value = parse(try row[column]) else { throw corrupt(row, column) }
        return value
    }

    /// A column holding a JSON array of strings.
    static func strings(_ row: SQLRow, _ column: String) throws -> [String] {
        let text: String = try row[column]
        if let strings = JSONStringArray.parse(text) { return strings }
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { throw corrupt(row, column) }
        return strings
    }

    /// A column holding a JSON array of a vocabulary's terms.
    static func terms<Term: RawRepresentable<String>>(_ row: SQLRow, _ column: String) throws -> [Term] {
        try strings(row, column).map { value in
            guard let term = Term(rawValue: value) else { throw corrupt(row, column) }
            return term
        }
    }

    /// An optional column holding a day.
    static func day(_ row: SQLRow, _ column: String) throws -> Day? {
        guard let text = try row[column] as String? else { return nil }
        guard let day = Day(text) else { throw corrupt(row, column) }
        return day
    }

    /// A 0-or-1 column.
    static func flag(_ row: SQLRow, _ column: String) throws -> Bool {
        try row[column] as Int64 != 0
    }
}

/// An identifier quoted for SQL (`union` is a keyword on both backends).
func quoted(_ identifier: String) -> String {
    "\"" + identifier + "\""
}
