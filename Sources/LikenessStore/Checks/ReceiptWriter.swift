import Dispatch
import Foundation
import GRDB
import LikenessRules
import Synchronization

/// Makes receipts durable before their answer, with group commit: receipts that arrive while a
/// batch is being written wait and go together in the next transaction (one fsync for all); each
/// caller resumes when the batch holding its receipt has committed. On SQLite the batches are
/// written on a queue of their own by the one writer connection; on PostgreSQL by a task, each
/// batch in a transaction on a connection of the pool.
public final class ReceiptWriter: Sendable {
    struct Pending {
        let rows: Rows
        let continuation: UnsafeContinuation<Void, any Error>
    }
    struct State {
        var pending: [Pending] = []
        var writing = false
    }

    private let database: any StoreDatabase
    /// The database on SQLite, written by group commit.
    private let sqlite: SQLiteDatabase?
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "likeness.receipts")
    private let checkpointWanted = Atomic(false)

    public init(database: any StoreDatabase) {
        self.database = database
        sqlite = database as? SQLiteDatabase
    }

    /// Asks for one passive checkpoint from the writer's connection right after its next commit,
    /// before it begins another transaction: it copies the rest of the WAL, so that SQLite starts
    /// the WAL over at the following commit (see `WALCheckpointer`).
    public func checkpointAfterNextCommit() {
        checkpointWanted.store(true, ordering: .relaxed)
    }

    /// On PostgreSQL, a store of at least this many receipts (a batch) is a transaction of its own.
    static let ownTransactionFrom = 32

    /// Returns once `receipts` are committed to disk (in one transaction, with whatever else is
    /// waiting; on PostgreSQL a batch goes alone, on a connection of its own, so that batches commit
    /// side by side instead of one after another).
    public func store(_ receipts: some Sequence<StoredReceipt>) async throws {
        let rows = Rows(receipts, codec: database.receiptCodec)
        if rows.receipts.isEmpty { return }
        if sqlite == nil, rows.receipts.count >= Self.ownTransactionFrom {
            return try await database.transaction { try Rows.insert([rows], $0) }
        }
        // Unsafe (unchecked) continuations: `drain` resumes each exactly once, on success or failure.
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            let start = state.withLock { s in
                s.pending.append(Pending(rows: rows, continuation: continuation))
                if s.writing { return false }
                s.writing = true
                return true
            }
            guard start else { return }
            if let sqlite {
                queue.async { self.drain(sqlite) }
            } else {
                Task { await self.drain() }
            }
        }
    }

    /// Writes the waiting batches through the store (PostgreSQL), until none waits.
    private func drain() async {
        while let batch = nextBatch() {
            do {
                try await database.transaction { try Rows.insert(batch.map(\.rows), $0) }
                for item in batch { item.continuation.resume() }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
    }

    /// What waits, taken as the next batch; nil (and writing stops) when nothing waits.
    private func nextBatch() -> [Pending]? {
        state.withLock { s in
            let batch = s.pending
            s.pending.removeAll(keepingCapacity: true)
            if batch.isEmpty { s.writing = false }
            return batch.isEmpty ? nil : batch
        }
    }

    /// Writes the waiting batches on SQLite's writer connection, until none waits.
    private func drain(_ database: SQLiteDatabase) {
        while let batch = nextBatch() {
            do {
                try database.writeNow { db in try Rows.insert(batch.map(\.rows), db) }
                for item in batch { item.continuation.resume() }
                if checkpointWanted.exchange(false, ordering: .relaxed) {
                    // Best effort: busy (the checkpointer is copying) or partial (a reader holds an
                    // old snapshot) only means the WAL grows on until the checkpointer asks again.
                    _ = try? database.pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
    }
}

extension ReceiptWriter {
    /// The rows that store receipts, made on the caller's thread (compression included) so that
    /// the writer's thread only steps statements: each receipt, the grants an allowed or notify
    /// check relied on, and their counts in the use register.
    struct Rows: Sendable {
        var receipts: [RowInsert] = []
        var reliances: [RowInsert] = []
        var counts: [RowInsert] = []

        init(_ stored: some Sequence<StoredReceipt>, codec: ReceiptCodec) {
            receipts.reserveCapacity(stored.underestimatedCount)
            var counts: [UseRegister.Key: Int] = [:]
            for item in stored {
                let r = item.receipt
                let body = codec.pack(item.body)
                let id = r.id.databaseValue, production = r.request.production.databaseValue
                let decision = r.decision.rawValue.databaseValue, decidedAt = StoredTime.text(r.decidedAt).databaseValue
                receipts.append(RowInsert(Self.receiptShape, values: [
                    id, decidedAt, decision, production, r.request.performer?.databaseValue ?? .null, item.actor.databaseValue,
                    body.dictionary?.databaseValue ?? .null, Data(body.bytes).databaseValue,
                ]))
                counts[UseRegister.Key(r), default: 0] += 1
                guard r.decision == .allowed || r.decision == .notify else { continue }
                for grant in r.grants {
                    reliances.append(RowInsert(Self.relianceShape, values: [grant.databaseValue, id, production, decision, decidedAt]))
                }
            }
            self.counts = counts.map { key, checks in key.logRow(checks: checks) }
        }

        static let receiptShape = RowInsert.Shape(table: "check_receipt", columns: [
            "id", "decided_at", "decision", "production", "performer", "actor", "dictionary", "body",
        ])
        static let relianceShape = RowInsert.Shape(table: "check_reliance", columns: [
            "grant_id", "check_id", "production", "decision", "decided_at",
        ])

        /// Inserts the rows of every caller, many to a statement: receipts before the reliances
        /// that refer to them, then the counts, folding the use register's log once it holds
        /// `foldAt` rows (SQLite), or whenever the log's rowids pass a multiple of `foldAt`
        /// (PostgreSQL: its rowids go on after a fold, and each is handed out once).
        static func insert(_ all: [Rows], _ db: any SQLConnection, foldAt: Int64 = UseRegister.foldAt) throws {
            try RowInsert.execute(all.flatMap(\.receipts), on: db)
            try RowInsert.execute(all.flatMap(\.reliances), on: db)
            let counts = all.flatMap(\.counts)
            if let db = db as? Database {
                try RowInsert.execute(counts, db)
                if !counts.isEmpty, db.lastInsertedRowID >= foldAt { try UseRegister.fold(db) }
            } else {
                let rowids = try RowInsert.execute(counts, on: db, returning: "rowid")
                if rowids.contains(where: { Int64(sqlValue: $0).map { $0 % foldAt == 0 } ?? false }) { try UseRegister.fold(db) }
            }
        }
    }
}
