import GRDB

/// Keeps the receipts compact: trains the database's dictionary once enough receipts are stored
/// (or adopts one another process trained), then repacks the receipts stored plain before it, a
/// chunk per short transaction so that checks go on meanwhile. The server runs it in the
/// background; `likeness receipts compact` runs it to the end.
public struct ReceiptCompactor: Sendable {
    /// What one step did.
    public enum Step: Sendable, Equatable {
        /// Fewer receipts are stored than a dictionary is trained on.
        case tooFewReceipts
        /// This many receipts were repacked (0: none is left plain).
        case repacked(Int)
    }

    public let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Makes sure a dictionary is current, then repacks up to `chunk` plain receipts with it.
    public func step(chunk: Int = 500) async throws -> Step {
        let codec = database.receiptCodec
        if codec.currentDictionary == nil {
            try await database.read { try codec.loadNewest($0) }
        }
        if codec.currentDictionary == nil {
            guard try await database.write({ try codec.train($0) }) != nil else { return .tooFewReceipts }
            // Adopted only now that the dictionary is committed.
            try await database.read { try codec.loadNewest($0) }
        }
        return .repacked(try await database.write { try codec.compact(limit: chunk, $0) })
    }

    /// The number of receipts still stored plain.
    public func plainReceipts() async throws -> Int {
        try await database.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM check_receipt INDEXED BY check_receipt_plain WHERE dictionary IS NULL") ?? 0
        }
    }

    /// Steps until cancelled: at once while plain receipts are left, every `idle` otherwise, and
    /// every `afterFailure` after a failure (training may fail on receipts too alike or too few).
    public func run(idle: Duration = .seconds(2), afterFailure: Duration = .seconds(60)) async {
        while !Task.isCancelled {
            let pause: Duration
            do {
                let done = try await step()
                pause = done == .repacked(0) || done == .tooFewReceipts ? idle : .zero
            } catch {
                pause = afterFailure
            }
            if pause > .zero { try? await Task.sleep(for: pause) } else { await Task.yield() }
        }
    }
}
