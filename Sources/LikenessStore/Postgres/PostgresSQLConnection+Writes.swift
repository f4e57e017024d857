/// Bulk writes on PostgreSQL: statements of many rows (`SQLConnection.insert`), savepoints where a
/// refusal must not abort the transaction, and the use register's log folded by its rowids.
extension PostgresSQLConnection {
    /// A refused statement aborts a PostgreSQL transaction: the chunk is written in a savepoint,
    /// undone to it when refused, and then written again row by row to name the row.
    func insertChunk(_ rows: [RowInsert], naming: (Range<Int>) throws -> Void) throws {
        try execute("SAVEPOINT import_chunk")
        do {
            try insert(rows)
        } catch where Self.isConstraintViolation(error) {
            try execute("ROLLBACK TO SAVEPOINT import_chunk")
            try naming(rows.indices)
            throw error
        }
        try execute("RELEASE SAVEPOINT import_chunk")
    }

    /// Each row in a savepoint, so that `refused` (the lookups that name the refusal) still runs.
    func insertRow(_ row: RowInsert, refused: () throws -> Void) throws {
        try execute("SAVEPOINT import_row")
        do {
            try row.execute(self)
        } catch where Self.isConstraintViolation(error) {
            try execute("ROLLBACK TO SAVEPOINT import_row")
            try refused()
            throw error
        }
        try execute("RELEASE SAVEPOINT import_row")
    }

    /// Writers commit side by side and each rowid is handed out once, also after a fold: the log is
    /// due whenever the rowids written pass a multiple of `foldAt`.
    func appendLog(_ rows: [RowInsert], foldAt: Int64) throws -> Bool {
        let rowids = try RowInsert.execute(rows, on: self, returning: "rowid")
        return rowids.contains { Int64(sqlValue: $0).map { $0 % foldAt == 0 } ?? false }
    }

    /// PostgreSQL writes an import as any other transaction.
    func withBulkWriteSettings<T>(_ body: () throws -> T) throws -> T { try body() }
}
