/// The use register's log folded on SQLite a chunk per transaction (`ChunkedFold`). Folded whole,
/// 20,000 log rows upserted into the register took the one writer 55–130 ms; moved a chunk at a
/// time (upserted, then deleted from the log), each chunk's deletes dirtied a page of the log per
/// row. Here the reader sums the log's counts up to its last rowid by the register's key, in key
/// order; the writer upserts a chunk of keys per transaction (neighbouring pages of the register)
/// and records in `use_register_fold` the last key it holds, which reads leave out of the log;
/// the last transaction deletes the folded rows (the oldest pages of the log) and that record.
/// A fold a crash stopped is resumed from its record; one whose record changed meanwhile (another
/// process folded the whole log) is given up.
struct RegisterFold: ChunkedFoldPlan {
    /// The log's counts to fold.
    struct Counts: Sendable {
        /// The last log row the fold takes.
        let through: Int64
        /// The key a fold that a crash stopped had reached (nil: a new fold).
        let resumed: [SQLValue]?
        /// The key's columns and the sum of its counts, in key order.
        let rows: [[SQLValue]]
    }

    /// Keys upserted per transaction beside its receipts' number.
    static let chunk = 250

    static let upsertShape = RowInsert.Shape(
        table: "use_register", columns: UseRegister.keyColumnNames + ["checks"],
        onConflict: "(\(UseRegister.keyColumns)) DO UPDATE SET checks = checks + excluded.checks")

    func read(_ db: any SQLConnection) throws -> Counts {
        let sums = "SELECT \(UseRegister.keyColumns), sum(checks) FROM use_register_log WHERE rowid <= ?"
        let order = "GROUP BY \(UseRegister.keyColumns) ORDER BY \(UseRegister.keyColumns)"
        if let record = try Self.record(db) {
            let rows = try db.rows("\(sums) AND (\(UseRegister.keyColumns)) > (\(Self.keyMarks)) \(order)",
                                   [record.through] + record.key.map { $0 as any SQLValueConvertible })
            return Counts(through: record.through, resumed: record.key, rows: rows.map(\.values))
        }
        let through: Int64 = try db.value("SELECT coalesce(max(rowid), 0) FROM use_register_log") ?? 0
        return Counts(through: through, resumed: nil, rows: try db.rows("\(sums) \(order)", [through]).map(\.values))
    }

    func count(_ counts: Counts) -> Int { counts.rows.count }

    /// Upserts the keys of `range` and records the last, if the record is where the previous
    /// chunk (or the read) left it; returns the key recorded.
    func write(_ counts: Counts, _ range: Range<Int>, progress: [SQLValue]?, _ db: any SQLConnection) throws -> [SQLValue]? {
        let expected = progress ?? counts.resumed
        let record = try Self.record(db)
        guard record?.through == (expected == nil ? nil : counts.through), record?.key == expected else { return nil }
        guard let last = counts.rows[range].last else { return expected ?? [] }
        try RowInsert.execute(counts.rows[range].map { RowInsert(Self.upsertShape, values: $0) }, on: db)
        let key = Array(last.dropLast())
        try db.execute("""
            INSERT INTO use_register_fold (id, through, \(UseRegister.keyColumns)) VALUES (1, ?, \(Self.keyMarks))
            ON CONFLICT (id) DO UPDATE SET through = excluded.through, production = excluded.production, at = excluded.at,
              use = excluded.use, destination = excluded.destination, tool = excluded.tool, performer = excluded.performer,
              decision = excluded.decision
            """, [counts.through] + key.map { $0 as any SQLValueConvertible })
        return key
    }

    /// Deletes the folded rows and the record: the register holds them all.
    func finish(_ counts: Counts, progress: [SQLValue], _ db: any SQLConnection) throws {
        try db.execute("DELETE FROM use_register_log WHERE rowid <= ?", [counts.through])
        try db.execute("DELETE FROM use_register_fold", [])
    }

    /// The record of the fold under way: its last log row and the key the register holds up to.
    static func record(_ db: any SQLConnection) throws -> (through: Int64, key: [SQLValue])? {
        guard let row = try db.row("SELECT through, \(UseRegister.keyColumns) FROM use_register_fold WHERE id = 1") else { return nil }
        return (try row[position: 0], Array(row.values.dropFirst()))
    }

    static let keyMarks = UseRegister.keyColumnNames.map { _ in "?" }.joined(separator: ", ")
}
