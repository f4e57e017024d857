/// The use register's log folded on SQLite a chunk per transaction (`ChunkedFold`). Folded whole,
/// 20,000 log rows upserted into the register took the one writer 55–130 ms. Here the reader
/// reads the log's rowids in the register's key order; the writer moves a chunk of them into the
/// register per transaction: it adds their counts to the register and deletes them from the log in
/// the same transaction, so that a read (register and log together) counts every check once
/// after any chunk. Each chunk moves the rows it finds, whatever else folded meanwhile (another
/// process's writer): a row folded already is simply not there. In key order, a chunk's upserts
/// touch neighbouring pages of the register, and the fold writes each page about once.
struct RegisterFold: ChunkedFoldPlan {
    /// Rows moved per transaction beside its receipts' number: about 3 µs a row.
    static let chunk = 500

    /// The log's rowids, in the register's key order.
    func read(_ db: any SQLConnection) throws -> [Int64] {
        try db.rows("SELECT rowid FROM use_register_log ORDER BY \(UseRegister.keyColumns)", []).map { try $0[position: 0] }
    }

    func count(_ rowids: [Int64]) -> Int { rowids.count }

    /// Moves the log rows of `range` into the register.
    func write(_ rowids: [Int64], _ range: Range<Int>, progress: Void?, _ db: any SQLConnection) throws {
        let chunk = "[" + rowids[range].map(String.init).joined(separator: ",") + "]"
        try db.execute("""
            INSERT INTO use_register (\(UseRegister.keyColumns), checks)
              SELECT \(UseRegister.keyColumns), checks FROM use_register_log
              WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY \(UseRegister.keyColumns)
              ON CONFLICT DO UPDATE SET checks = checks + excluded.checks
            """, [chunk])
        try db.execute("DELETE FROM use_register_log WHERE rowid IN (SELECT value FROM json_each(?))", [chunk])
    }

    func finish(_ rowids: [Int64], progress: Void, _ db: any SQLConnection) throws {}
}
