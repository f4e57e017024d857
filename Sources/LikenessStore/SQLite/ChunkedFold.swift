import Dispatch
import Synchronization

/// What a fold spread over the receipt writer's transactions does (`ChunkedFold`): read its work
/// off the writer, then write it a chunk per transaction.
protocol ChunkedFoldPlan: Sendable {
    /// What the read hands the writer: the lines or rows to fold, in the order they are written.
    associatedtype Work: Sendable
    /// What the fold's first chunk sets up for the others (the ledger's new segment).
    associatedtype Progress: Sendable

    /// Reads the fold's work, on a reader connection.
    func read(_ db: any SQLConnection) throws -> Work
    /// How many lines or rows the work holds.
    func count(_ work: Work) -> Int
    /// Writes `range` of the work in the writer's transaction; `progress` is nil for the first
    /// chunk. Returns nil when the fold is given up (another process folded meanwhile), having
    /// written nothing.
    func write(_ work: Work, _ range: Range<Int>, progress: Progress?, _ db: any SQLConnection) throws -> Progress?
    /// Completes the fold in the transaction of its last chunk.
    func finish(_ work: Work, progress: Progress, _ db: any SQLConnection) throws
}

/// A fold on SQLite that does not hold the one writer for long: folding 20,000 receipts' lines in
/// one transaction took the writer 50–130 ms, and every check that arrived meanwhile waited for it
/// (docs/benchmarks.md). Here a reader connection reads (and sorts) the fold's work off the writer;
/// then the writer writes `chunk` of it, and as many again as the transaction stores receipts (so
/// that a fold keeps ahead of batches of checks), in each transaction after its receipts. The plan
/// makes each chunk safe to read as it is (`LedgerFold`, `RegisterFold`).
///
/// Only the receipt sink's writer thread calls `step` and `committed`; the reader hands its work
/// over through the lock.
final class ChunkedFold<Plan: ChunkedFoldPlan>: Sendable {
    /// What a transaction did to the fold, applied once it commits.
    enum Step: Sendable {
        /// Nothing due.
        case none
        /// A fold is due: read its work after the commit.
        case due
        /// The fold has written its first `written` lines.
        case wrote(Plan.Progress, written: Int)
        /// The fold is complete, or given up: the next one starts afresh.
        case finished
    }

    private enum Phase: Sendable {
        case idle
        case reading
        case writing(Plan.Work, progress: Plan.Progress?, written: Int)
    }

    private let phase = Mutex(Phase.idle)
    private let plan: Plan
    private let chunk: Int
    private let database: SQLiteDatabase
    /// Where the work is read (a test waits on its own queue).
    private let readQueue: DispatchQueue

    init(_ plan: Plan, database: SQLiteDatabase, chunk: Int, readQueue: DispatchQueue = .global(qos: .utility)) {
        self.plan = plan
        self.database = database
        self.chunk = chunk
        self.readQueue = readQueue
    }

    /// In the writer's transaction, after its `receipts` receipts: the next chunk of the fold under
    /// way, or whether one is `due` (a fold starts only when none is under way).
    func step(_ db: any SQLConnection, receipts: Int, due: Bool) throws -> Step {
        let current = phase.withLock { phase -> (Plan.Work, Plan.Progress?, Int)? in
            if case .writing(let work, let progress, let written) = phase { return (work, progress, written) }
            return nil
        }
        guard let (work, known, written) = current else {
            let idle = phase.withLock { if case .idle = $0 { true } else { false } }
            return idle && due ? .due : .none
        }
        let end = min(written + chunk + receipts, plan.count(work))
        guard let progress = try plan.write(work, written..<end, progress: known, db) else { return .finished }
        guard end == plan.count(work) else { return .wrote(progress, written: end) }
        try plan.finish(work, progress: progress, db)
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
                let work = try? database.readNow { try plan.read($0) }
                phase.withLock { $0 = work.map { .writing($0, progress: nil, written: 0) } ?? .idle }
            }
        case .wrote(let progress, let written):
            phase.withLock {
                if case .writing(let work, _, _) = $0 { $0 = .writing(work, progress: progress, written: written) }
            }
        case .finished:
            phase.withLock { $0 = .idle }
        }
    }

    /// The transaction of `step` rolled back: its chunk is not there, so the fold starts afresh.
    func rolledBack() {
        phase.withLock { if case .writing = $0 { $0 = .idle } }
    }
}
