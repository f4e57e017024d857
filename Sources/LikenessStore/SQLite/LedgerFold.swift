/// The performers' uses ledger folded on SQLite a chunk per transaction (`ChunkedFold`): the reader
/// reads the lines of the receipts past the mark sorted by the ledger's key; the writer appends
/// them to a new segment, and with the last chunk bounds the segment and moves the mark. Until
/// then no read sees the segment (reads take the segments that `performer_use_segment` bounds) and
/// its receipts are read past the mark, as before. A crash mid-fold leaves lines that no read sees,
/// dropped when the next fold starts.
struct LedgerFold: ChunkedFoldPlan {
    /// The lines of the receipts past `mark` up to `through`, in the ledger's key order.
    struct Lines: Sendable {
        let mark: Int64
        let through: Int64
        /// performer, at, decided_at, check id, production, tool.
        let rows: [[SQLValue]]
    }

    /// Lines appended per transaction beside its receipts' number: at about 2 µs a line, half a
    /// millisecond added to a transaction (1,000 lines kept transactions over 4 ms in p99's way).
    static let chunk = 250

    static let lineShape = RowInsert.Shape(table: "performer_use",
                                           columns: ["segment", "performer", "at", "decided_at", "check_id", "production", "tool"])

    /// The receipts past the mark that name a performer, in the ledger's key order.
    func read(_ db: any SQLConnection) throws -> Lines {
        let mark: Int64 = try db.value("SELECT \(PerformerUses.mark)") ?? 0
        let through: Int64 = try db.value("SELECT coalesce(max(rowid), 0) FROM check_receipt") ?? 0
        let rows = try db.rows("""
            SELECT performer, at, decided_at, id, production, tool FROM check_receipt
            WHERE rowid > ? AND rowid <= ? AND performer IS NOT NULL AND at IS NOT NULL ORDER BY 1, 2, 3, 4, 5
            """, [mark, through])
        return Lines(mark: mark, through: through, rows: rows.map(\.values))
    }

    func count(_ lines: Lines) -> Int { lines.rows.count }

    /// Appends `range` of the lines to the fold's segment (started by the first chunk); returns the segment.
    func write(_ lines: Lines, _ range: Range<Int>, progress segment: Int64?, _ db: any SQLConnection) throws -> Int64? {
        let segment = try segment ?? startSegment(db)
        try RowInsert.execute(lines.rows[range].map { RowInsert(Self.lineShape, values: [.integer(segment)] + $0) }, on: db)
        return segment
    }

    /// Bounds the segment and moves the mark, if the segment holds every line and the mark is where
    /// the lines were read from (one writer at a time, but a second process may fold too); else
    /// drops the segment's lines, and the next fold reads the receipts past the mark again.
    func finish(_ lines: Lines, progress segment: Int64, _ db: any SQLConnection) throws {
        let mark: Int64 = try db.value("SELECT \(PerformerUses.mark)") ?? 0
        let held: Int64 = try db.value("SELECT count(*) FROM performer_use WHERE segment = ?", [segment]) ?? 0
        guard mark == lines.mark, held == lines.rows.count else {
            try db.execute("DELETE FROM performer_use WHERE segment = ?", [segment])
            return
        }
        try PerformerUses.bound(segment: segment, db)
        try PerformerUses.moveMark(to: lines.through, db)
    }

    /// The new segment's number, once the lines of any segment a fold left unfinished (a crash, a
    /// rollback) are dropped: no read ever saw them.
    private func startSegment(_ db: any SQLConnection) throws -> Int64 {
        try db.execute("DELETE FROM performer_use WHERE segment > (SELECT coalesce(max(segment), 0) FROM performer_use_segment)")
        return try PerformerUses.nextSegment(db)
    }
}
