import GRDB
import GRDBSQLite

/// Bulk writes on SQLite: each run of up to `RowInsert.rowsPerStatement` rows of one shape is one
/// cached statement, its values bound through SQLite's C interface.
extension Database {
    public func insert(_ rows: [RowInsert]) throws {
        try insert(rows) { _, error in throw error }
    }

    /// Writes `rows` in order; a run refused by a constraint is handed to `refused` with its rows
    /// (SQLite has undone the run's statement).
    func insert(_ rows: [RowInsert], refused: (ArraySlice<RowInsert>, DatabaseError) throws -> Void) throws {
        for run in RowInsert.runs(rows) {
            do {
                try SQLiteRowBinding.step(cachedStatement(sql: run[run.startIndex].shape.sql(rows: run.count)), run, self)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                try refused(run, error)
            }
        }
    }
}

extension Database {
    public func insertChunk(_ rows: [RowInsert], naming: (Range<Int>) throws -> Void) throws {
        try insert(rows) { run, error in
            try naming(run.indices)
            throw error
        }
    }

    public func insertRow(_ row: RowInsert, refused: () throws -> Void) throws {
        do {
            try row.execute(self)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            try refused()
            throw error
        }
    }

    /// SQLite hands out rowids above the highest, and a fold deletes the oldest rows (all of them,
    /// or those up to the last it read, once it has folded them): the log holds at most the span
    /// of its rowids, which is looked up only once the last rowid reaches `foldAt`.
    public func appendLog(_ rows: [RowInsert], foldAt: Int64) throws -> Bool {
        try insert(rows)
        guard !rows.isEmpty, lastInsertedRowID >= foldAt, let table = rows.first?.shape.table else { return false }
        let oldest = try Int64.fetchOne(cachedStatement(sql: "SELECT min(rowid) FROM \(table)")) ?? lastInsertedRowID
        return lastInsertedRowID - oldest + 1 >= foldAt
    }

    /// A larger page cache while an import writes (its indexes are written in random order), and
    /// no CHECK constraints: every value was validated by the API's own validation (`record`),
    /// which is what they restate, and evaluating them again (JSON, dates, patterns) took half of
    /// SQLite's time per grant. Keys, foreign keys and NOT NULL still hold.
    public func withBulkWriteSettings<T>(_ body: () throws -> T) throws -> T {
        try execute(sql: "PRAGMA cache_size = -\(SQLiteDatabase.importPageCacheKiB)")
        try execute(sql: "PRAGMA ignore_check_constraints = ON")
        defer {
            try? execute(sql: "PRAGMA ignore_check_constraints = OFF")
            try? execute(sql: "PRAGMA cache_size = -\(SQLiteDatabase.pageCacheKiB)")
        }
        return try body()
    }
}

/// Binding a run of rows to a statement through SQLite's C interface.
enum SQLiteRowBinding {
    /// Binds `run`'s values to `statement` through SQLite's C interface and steps it once. For a
    /// million rows GRDB's general binding (a C string per text, copied again by SQLite) cost more
    /// than SQLite's own work: here every text of the run is copied once, into one buffer that
    /// outlives the step, and bound without a copy (`SQLITE_STATIC`).
    static func step(_ statement: Statement, _ run: ArraySlice<RowInsert>, _ db: Database) throws {
        var length = 0
        for insert in run {
            for value in insert.values {
                if case .text(let text) = value { length += text.utf8.count }
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
                switch value {
                case .null: code = sqlite3_bind_null(handle, index)
                case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
                case .real(let number): code = sqlite3_bind_double(handle, index, number)
                case .text(var text):
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
