import Synchronization

/// Receipts on PostgreSQL: batches written by a task, each in a transaction on a connection of the
/// pool; a batch of checks goes alone, so that batches commit side by side. The logs' folds run in
/// transactions of their own beside the batches, never inside one: a fold of 20,000 rows in the
/// batches' serial transaction held every check waiting behind it.
final class PostgresReceiptSink: ReceiptSink {
    let database: PostgreSQLDatabase
    /// The folds under way: one of each log at a time.
    private let folding = Mutex(ReceiptWriter.DueFolds())

    init(database: PostgreSQLDatabase) {
        self.database = database
    }

    var writesBatchesAlone: Bool { true }

    /// Writers commit side by side (a lower rowid may commit after a higher one): the ledger's
    /// lines go to its log, which a fold empties.
    var filesLedgerLines: Bool { true }

    func drain(_ next: @escaping @Sendable () -> [ReceiptWriter.Pending]?) {
        Task {
            while let batch = next() {
                do {
                    let due = try await database.transaction { try batch.insert($0, folding: false) }
                    batch.finish(nil)
                    fold(due)
                } catch {
                    batch.finish(error)
                }
            }
        }
    }

    /// Folds each log that is due in a transaction of its own. A fold moves the rows its statement
    /// deletes (`UseRegister.fold`), so it is safe beside the writers; a log due while its fold is
    /// under way is left to the next, which moves every row it finds. A fold that fails leaves its
    /// rows in the log, where reads count them, for the next one.
    private func fold(_ due: ReceiptWriter.DueFolds) {
        let start = folding.withLock { running in
            let start = due.subtracting(running)
            running.formUnion(start)
            return start
        }
        guard !start.isEmpty else { return }
        Task { [self] in
            _ = try? await database.transaction { try start.fold($0) }
            folding.withLock { $0.subtract(start) }
        }
    }

    /// PostgreSQL checkpoints by itself.
    func checkpointAfterNextCommit() {}
}

extension PostgreSQLDatabase {
    public func makeReceiptSink() -> any ReceiptSink { PostgresReceiptSink(database: self) }
}
