import GRDB
import GRDBSQLite

/// An INSERT and its values, made without a database connection: an import makes its rows ready
/// on one thread while another writes them, many rows per statement (`execute(_:_:refused:)`).
struct RowInsert: Sendable {
    /// The statement's text: `INSERT INTO t (a, b) VALUES ` and one row's `(?, ?)`.
    struct Shape: Sendable, Equatable {
        let head: String
        let tuple: String
        /// The statement for one row.
        let sql: String

        init(table: String, columns: [String]) {
            head = "INSERT INTO \(quoted(table)) (" + columns.map(quoted).joined(separator: ", ") + ") VALUES "
            tuple = "(" + repeatElement("?", count: columns.count).joined(separator: ", ") + ")"
            sql = head + tuple
        }

        /// The statement for `rows` rows.
        func sql(rows: Int) -> String {
            rows == 1 ? sql : head + repeatElement(tuple, count: rows).joined(separator: ", ")
        }
    }

    let shape: Shape
    let values: [DatabaseValue]

    init(_ shape: Shape, _ values: [any SQLValueConvertible]) {
        self.init(shape, values: values.map(\.sqlValue.databaseValue))
    }

    /// An insert of values already converted (no existential boxes on a hot path).
    init(_ shape: Shape, values: [DatabaseValue]) {
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

    /// Rows per statement when `execute(_:_:refused:)` writes runs of rows.
    static let rowsPerStatement = 64

    /// Writes `inserts` in order, one statement for each run of up to `rowsPerStatement`
    /// consecutive rows of one shape: rowids come out as row by row, at a fraction of the cost.
    /// A run refused by a constraint is handed to `refused` with its rows (SQLite has undone the
    /// run's statement).
    static func execute(_ inserts: [RowInsert], _ db: Database,
                        refused: (ArraySlice<RowInsert>, DatabaseError) throws -> Void = { throw $1 }) throws {
        for run in runs(inserts) {
            do {
                try step(db.cachedStatement(sql: run[run.startIndex].shape.sql(rows: run.count)), run, db)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                try refused(run, error)
            }
        }
    }

    /// Writes `inserts` in order on either backend, as `execute(_:_:refused:)` does on SQLite; with
    /// `returning`, the values of that column in the rows written, in order.
    @discardableResult
    static func execute(_ inserts: [RowInsert], on db: any SQLConnection, returning column: String? = nil) throws -> [SQLValue] {
        if column == nil, let db = db as? Database {
            try execute(inserts, db)
            return []
        }
        var returned: [SQLValue] = []
        for run in runs(inserts) {
            let sql = run[run.startIndex].shape.sql(rows: run.count)
            let values = run.flatMap(\.values)
            if let column {
                returned += try db.rows(sql + " RETURNING " + quoted(column), values).map { $0.values[0] }
            } else {
                try db.execute(sql, values)
            }
        }
        return returned
    }

    /// `inserts` as runs of up to `rowsPerStatement` consecutive rows of one shape.
    private static func runs(_ inserts: [RowInsert]) -> [ArraySlice<RowInsert>] {
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

    /// Binds `run`'s values to `statement` through SQLite's C interface and steps it once. For a
    /// million rows GRDB's general binding (a C string per text, copied again by SQLite) cost more
    /// than SQLite's own work: here every text of the run is copied once, into one buffer that
    /// outlives the step, and bound without a copy (`SQLITE_STATIC`).
    private static func step(_ statement: Statement, _ run: ArraySlice<RowInsert>, _ db: Database) throws {
        var length = 0
        for insert in run {
            for value in insert.values {
                if case .string(let text) = value.storage { length += text.utf8.count }
            }
        }
        let texts = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, 1), alignment: 1)
        defer { texts.deallocate() }
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        // Nothing may point into `texts` once it is freed.
        defer { sqlite3_clear_bindings(handle) }
        var index: Int32 = 0
        var offset = 0
        for insert in run {
            for value in insert.values {
                index += 1
                let code: Int32
                switch value.storage {
                case .null: code = sqlite3_bind_null(handle, index)
                case .int64(let number): code = sqlite3_bind_int64(handle, index, number)
                case .double(let number): code = sqlite3_bind_double(handle, index, number)
                case .string(var text):
                    let start = texts.baseAddress! + offset
                    offset += text.withUTF8 { bytes in
                        if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
                        return bytes.count
                    }
                    // An empty text still points somewhere: SQLite binds NULL for a null pointer.
                    code = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self),
                                             Int32(texts.baseAddress! + offset - start), nil)
                case .blob(let data):
                    code = data.isEmpty ? sqlite3_bind_zeroblob(handle, index, 0) : data.withUnsafeBytes { bytes in
                        sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), transient)
                    }
                }
                guard code == SQLITE_OK else { throw failure(statement, db) }
            }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = failure(statement, db)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    private static func failure(_ statement: Statement, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }

    /// Tells SQLite to copy a bound value (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
