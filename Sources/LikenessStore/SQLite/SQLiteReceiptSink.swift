import Dispatch
import GRDB
import Synchronization

/// Receipts on SQLite: every batch on one thread of its own by the pool's one writer connection,
/// which, when asked, checkpoints right after a commit and before it begins the next transaction,
/// and which folds the uses ledger and the use register a chunk per transaction (`ChunkedFold`).
final class SQLiteReceiptSink: ReceiptSink {
    private let database: SQLiteDatabase
    private let queue = DispatchQueue(label: "likeness.receipts")
    private let checkpointWanted = Atomic(false)
    private let ledger: ChunkedFold<LedgerFold>
    private let register: ChunkedFold<RegisterFold>

    init(database: SQLiteDatabase) {
        self.database = database
        ledger = ChunkedFold(LedgerFold(), database: database, chunk: LedgerFold.chunk)
        register = ChunkedFold(RegisterFold(), database: database, chunk: RegisterFold.chunk)
    }

    /// One writer: every store joins the group commit.
    var writesBatchesAlone: Bool { false }

    /// One writer, committing in rowid order: the ledger is folded from the receipts.
    var filesLedgerLines: Bool { false }

    func drain(_ next: @escaping @Sendable () -> [ReceiptWriter.Pending]?) {
        queue.async { [self] in
            while let batch = next() {
                do {
                    let (ledgerStep, registerStep) = try database.writeNow { db in
                        let due = try batch.insert(db, folding: false)
                        return (try ledger.step(db, receipts: batch.receiptCount, due: due.contains(.usesLedger)),
                                try register.step(db, receipts: batch.receiptCount, due: due.contains(.useRegister)))
                    }
                    batch.finish(nil)
                    ledger.committed(ledgerStep)
                    register.committed(registerStep)
                    if self.checkpointWanted.exchange(false, ordering: .relaxed) {
                        // Best effort: busy (the checkpointer is copying) or partial (a reader holds an
                        // old snapshot) only means the WAL grows on until the checkpointer asks again.
                        _ = try? database.pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
                    }
                } catch {
                    ledger.rolledBack()
                    register.rolledBack()
                    batch.finish(error)
                }
            }
        }
    }

    /// It copies the rest of the WAL, so that SQLite starts the WAL over at the following commit
    /// (see `WALCheckpointer`).
    func checkpointAfterNextCommit() {
        checkpointWanted.store(true, ordering: .relaxed)
    }
}

extension SQLiteDatabase {
    public func makeReceiptSink() -> any ReceiptSink { SQLiteReceiptSink(database: self) }
}
