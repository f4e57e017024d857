/// Receipts on PostgreSQL: batches written by a task, each in a transaction on a connection of the
/// pool; a batch of checks goes alone, so that batches commit side by side.
struct PostgresReceiptSink: ReceiptSink {
    let database: PostgreSQLDatabase

    var writesBatchesAlone: Bool { true }

    /// Writers commit side by side (a lower rowid may commit after a higher one): the ledger's
    /// lines go to its log, which a fold empties.
    var filesLedgerLines: Bool { true }

    func drain(_ next: @escaping @Sendable () -> [ReceiptWriter.Pending]?) {
        Task {
            while let batch = next() {
                do {
                    try await database.transaction { try batch.insert($0) }
                    batch.finish(nil)
                } catch {
                    batch.finish(error)
                }
            }
        }
    }

    /// PostgreSQL checkpoints by itself.
    func checkpointAfterNextCommit() {}
}

extension PostgreSQLDatabase {
    public func makeReceiptSink() -> any ReceiptSink { PostgresReceiptSink(database: self) }
}
