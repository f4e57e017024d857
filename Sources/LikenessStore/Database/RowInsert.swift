/// An INSERT and its values, made without a database connection: an import makes its rows ready
/// on one thread while another writes them, many rows per statement (`SQLConnection.insert`).
public struct RowInsert: Sendable {
    /// The statement's text: `INSERT INTO t (a, b) VALUES ` and one row's `(?, ?)`.
    public struct Shape: Sendable, Equatable {
        /// The table, quoted.
        let table: String
        let head: String
        let tuple: String
        /// What follows the rows (` ON CONFLICT …`), or "".
        let tail: String
        /// The statement for one row.
        let sql: String

        /// `onConflict`: what a row whose key is there already does (`DO UPDATE SET …`).
        init(table: String, columns: [String], onConflict: String? = nil) {
            self.table = quoted(table)
            head = "INSERT INTO \(self.table) (" + columns.map(quoted).joined(separator: ", ") + ") VALUES "
            tuple = "(" + repeatElement("?", count: columns.count).joined(separator: ", ") + ")"
            tail = onConflict.map { " ON CONFLICT " + $0 } ?? ""
            sql = head + tuple + tail
        }

        /// The statement for `rows` rows.
        func sql(rows: Int) -> String {
            rows == 1 ? sql : head + repeatElement(tuple, count: rows).joined(separator: ", ") + tail
        }
    }

    let shape: Shape
    let values: [SQLValue]

    init(_ shape: Shape, _ values: [any SQLValueConvertible]) {
        self.init(shape, values: values.map(\.sqlValue))
    }

    /// An insert of values already converted (no existential boxes on a hot path).
    init(_ shape: Shape, values: [SQLValue]) {
        self.shape = shape
        self.values = values
    }

    /// The insert of `record`'s row.
    init<Record: TableRow>(_ record: Record) {
        self.init(Shape(table: Record.table, columns: Record.columns), record.values)
    }

    /// The insert of `record`'s row, its statement's text made once for its type.
    init<Record: BulkInsertable>(_ record: Record) {
        self.init(Record.insertShape, record.values)
    }

    func execute(_ db: any SQLConnection) throws {
        try db.execute(shape.sql, values)
    }

    /// Rows per statement when runs of rows are written together.
    static let rowsPerStatement = 64

    /// Writes `inserts` in order on either backend (`SQLConnection.insert`); with `returning`, the
    /// values of that column in the rows written, in order.
    @discardableResult
    static func execute(_ inserts: [RowInsert], on db: any SQLConnection, returning column: String? = nil) throws -> [SQLValue] {
        guard let column else {
            try db.insert(inserts)
            return []
        }
        var returned: [SQLValue] = []
        for run in runs(inserts) {
            returned += try db.rows(run[run.startIndex].shape.sql(rows: run.count) + " RETURNING " + quoted(column),
                                    run.flatMap(\.values)).map { $0.values[0] }
        }
        return returned
    }

    /// `inserts` as runs of up to `rowsPerStatement` consecutive rows of one shape.
    static func runs(_ inserts: [RowInsert]) -> [ArraySlice<RowInsert>] {
        var runs: [ArraySlice<RowInsert>] = []
        var start = inserts.startIndex
        while start < inserts.endIndex {
            let shape = inserts[start].shape
            var end = start + 1
            while end < inserts.endIndex, end - start < rowsPerStatement, inserts[end].shape == shape { end += 1 }
            runs.append(inserts[start..<end])
            start = end
        }
        return runs
    }
}

/// Bulk writes through statements of many rows: what a backend without a faster path of its own
/// (PostgreSQL) runs. SQLite's binds through its C interface (`SQLite/Database+RowInsert.swift`).
extension SQLConnection {
    public func insert(_ rows: [RowInsert]) throws {
        for run in RowInsert.runs(rows) {
            try execute(run[run.startIndex].shape.sql(rows: run.count), run.flatMap(\.values))
        }
    }
}
