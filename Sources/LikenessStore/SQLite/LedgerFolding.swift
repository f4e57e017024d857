import Dispatch
import Synchronization

/// The performers' uses ledger folded on SQLite without holding the one writer: a fold of 20,000
/// receipts in one transaction took the writer 50–90 ms (reading and sorting the lines, then
/// appending them), and every check that arrived meanwhile waited for it (p99 at 256 connections
/// 107–132 ms, against 67–77 ms without folds; docs/benchmarks.md). Here a reader connection reads
/// the lines past the mark sorted by the ledger's key, off the writer; then the writer appends
/// `chunk` of them, and as many again as the transaction stores receipts (so that a fold keeps
/// ahead of batches of checks), to the new segment in each transaction after its receipts, and
/// with the last chunk bounds the segment and moves the mark. Until then no read sees the segment
/// (reads take the segments that `performer_use_segment` bounds) and its receipts are read past the
/// mark, as before.
///
/// Only the receipt sink's writer thread calls `step` and `committed`; the reader hands its lines
/// over through the lock.
final class LedgerFolding: Sendable {
    /// The lines of the receipts past `mark` up to `through`, in the ledger's key order.
    struct Lines: Sendable {
        let mark: Int64
        let through: Int64
        /// performer, at, decided_at, check id, production, tool.
        let rows: [[SQLValue]]
    }

    /// What a transaction did to the fold, applied once it commits.
    enum Step: Sendable {
        /// Nothing due.
        case none
        /// A fold is due: read its lines after the commit.
        case due
        /// The fold's segment holds its first `written` lines.
        case wrote(segment: Int64, written: Int)
        /// The segment is bounded and the mark moved, or the fold was given up (another writer
        /// moved the mark meanwhile, or the segment lost lines): the next fold starts afresh.
        case finished
    }

    private enum Phase: Sendable {
        case idle
        case reading
        case writing(Lines, segment: Int64?, written: Int)
    }

    private let phase = Mutex(Phase.idle)
    private let foldAt: Int64
    private let chunk: Int
    private let database: SQLiteDatabase
    /// Where the lines are read (a test waits on its own queue).
    private let readQueue: DispatchQueue

    init(database: SQLiteDatabase, foldAt: Int64 = PerformerUses.foldAt, chunk: Int = LedgerFolding.chunk,
         readQueue: DispatchQueue = .global(qos: .utility)) {
        self.database = database
        self.foldAt = foldAt
        self.chunk = chunk
        self.readQueue = readQueue
    }

    /// Lines appended per transaction beside its receipts' number: at about 2 µs a line, a
    /// millisecond or two added to a transaction.
    static let chunk = 1_000

    static let lineShape = RowInsert.Shape(table: "performer_use",
                                           columns: ["segment", "performer", "at", "decided_at", "check_id", "production", "tool"])

    /// In the writer's transaction, after its `receipts` receipts: the next chunk of the fold under
    /// way, or whether one is due.
    func step(_ db: any SQLConnection, receipts: Int) throws -> Step {
        let current = phase.withLock { phase -> (Lines, Int64?, Int)? in
            if case .writing(let lines, let segment, let written) = phase { return (lines, segment, written) }
            return nil
        }
        guard let (lines, known, written) = current else {
            let idle = phase.withLock { if case .idle = $0 { true } else { false } }
            return try idle && PerformerUses.receiptsToFold(db) >= foldAt ? .due : .none
        }
        let segment = try known ?? startSegment(db)
        let end = min(written + chunk + receipts, lines.rows.count)
        try RowInsert.execute(lines.rows[written..<end].map { RowInsert(Self.lineShape, values: [.integer(segment)] + $0) }, on: db)
        guard end == lines.rows.count else { return .wrote(segment: segment, written: end) }
        try finish(lines, segment: segment, db)
        return .finished
    }

    /// After the transaction of `step` committed: records its progress, and starts the read of a
    /// fold that is due.
    func committed(_ step: Step) {
        switch step {
        case .none: return
        case .due:
            phase.withLock { $0 = .reading }
            readQueue.async { [self] in
                let lines = try? database.readNow { try Self.lines($0) }
                phase.withLock { $0 = lines.map { .writing($0, segment: nil, written: 0) } ?? .idle }
            }
        case .wrote(let segment, let written):
            phase.withLock {
                if case .writing(let lines, _, _) = $0 { $0 = .writing(lines, segment: segment, written: written) }
            }
        case .finished:
            phase.withLock { $0 = .idle }
        }
    }

    /// The transaction of `step` rolled back: its chunk is not there, so the fold starts afresh
    /// (the lines of earlier chunks are dropped when the next one starts).
    func rolledBack() {
        phase.withLock { if case .writing = $0 { $0 = .idle } }
    }

    /// The receipts past the mark that name a performer, in the ledger's key order.
    static func lines(_ db: any SQLConnection) throws -> Lines {
        let mark: Int64 = try db.value("SELECT \(PerformerUses.mark)") ?? 0
        let through: Int64 = try db.value("SELECT coalesce(max(rowid), 0) FROM check_receipt") ?? 0
        let rows = try db.rows("""
            SELECT performer, at, decided_at, id, production, tool FROM check_receipt
            WHERE rowid > ? AND rowid <= ? AND performer IS NOT NULL AND at IS NOT NULL ORDER BY 1, 2, 3, 4, 5
            """, [mark, through])
        return Lines(mark: mark, through: through, rows: rows.map(\.values))
    }

    /// The new segment's number, once the lines of any segment a fold left unfinished (a crash, a
    /// rollback) are dropped: no read ever saw them.
    private func startSegment(_ db: any SQLConnection) throws -> Int64 {
        try db.execute("DELETE FROM performer_use WHERE segment > (SELECT coalesce(max(segment), 0) FROM performer_use_segment)")
        return try PerformerUses.nextSegment(db)
    }

    /// Bounds the segment and moves the mark, if the segment holds every line and the mark is where
    /// the lines were read from (one writer at a time, but a second process may fold too); else
    /// drops the segment's lines, and the next fold reads the receipts past the mark again.
    private func finish(_ lines: Lines, segment: Int64, _ db: any SQLConnection) throws {
        let mark: Int64 = try db.value("SELECT \(PerformerUses.mark)") ?? 0
        let held: Int64 = try db.value("SELECT count(*) FROM performer_use WHERE segment = ?", [segment]) ?? 0
        guard mark == lines.mark, held == lines.rows.count else {
            try db.execute("DELETE FROM performer_use WHERE segment = ?", [segment])
            return
        }
        try PerformerUses.bound(segment: segment, db)
        try PerformerUses.moveMark(to: lines.through, db)
    }
}
