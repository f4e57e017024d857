import Foundation
import LikenessRules
import Synchronization

/// Makes receipts durable before their answer, with group commit: receipts that arrive while a
/// batch is being written wait and go together in the next transaction (one fsync for all); each
/// caller resumes when the batch holding its receipt has committed. The backend's `ReceiptSink`
/// writes the batches (SQLite: on a thread of its own, by the one writer connection; PostgreSQL: by
/// a task, each batch in a transaction on a connection of the pool).
public final class ReceiptWriter: Sendable {
    /// A caller's receipts, waiting for their batch to commit.
    public struct Pending: Sendable {
        let rows: Rows
        let continuation: UnsafeContinuation<Void, any Error>
    }
    struct State {
        var pending: [Pending] = []
        var writing = false
    }

    private let database: any StoreDatabase
    private let sink: any ReceiptSink
    private let state = Mutex(State())

    public init(database: any StoreDatabase) {
        self.database = database
        sink = database.makeReceiptSink()
    }

    /// A store of at least this many receipts (a batch of checks) is a transaction of its own
    /// where the sink writes batches side by side (PostgreSQL).
    static let ownTransactionFrom = 32

    /// Asks for one passive checkpoint right after the next commit (SQLite; see `WALCheckpointer`).
    public func checkpointAfterNextCommit() {
        sink.checkpointAfterNextCommit()
    }

    /// Returns once `receipts` are committed to disk (in one transaction, with whatever else is
    /// waiting; where the sink writes batches alone, a batch goes on a connection of its own, so
    /// that batches commit side by side instead of one after another).
    public func store(_ receipts: some Sequence<StoredReceipt>) async throws {
        let rows = Rows(receipts, codec: database.receiptCodec, ledgerLog: sink.filesLedgerLines)
        if rows.receipts.isEmpty { return }
        if sink.writesBatchesAlone, rows.receipts.count >= Self.ownTransactionFrom {
            _ = try await database.transaction { try Rows.insert([rows], $0) }
            return
        }
        // Unsafe (unchecked) continuations: the sink resumes each exactly once, on success or failure.
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            let start = state.withLock { s in
                s.pending.append(Pending(rows: rows, continuation: continuation))
                if s.writing { return false }
                s.writing = true
                return true
            }
            guard start else { return }
            sink.drain { [self] in nextBatch() }
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
}

/// Where the receipt writer's batches go, one transaction per batch: each backend's own writer.
public protocol ReceiptSink: Sendable {
    /// Whether a store of `ReceiptWriter.ownTransactionFrom` receipts or more goes in a
    /// transaction of its own, beside the group commit (else every store joins it).
    var writesBatchesAlone: Bool { get }
    /// Whether the ledger's lines go to its log with each batch (writers that commit side by side),
    /// or the ledger is folded from the receipts past its mark (one writer: `PerformerUses`).
    var filesLedgerLines: Bool { get }
    /// Writes the batches `next` hands out, each in one transaction, until it hands out nil,
    /// resuming each batch's callers (`[Pending].finish`); off the threads that run requests.
    func drain(_ next: @escaping @Sendable () -> [ReceiptWriter.Pending]?)
    /// One passive checkpoint right after the next commit, where the backend checkpoints (SQLite).
    func checkpointAfterNextCommit()
}

extension [ReceiptWriter.Pending] {
    /// Writes the batch in `db`'s transaction: every caller's rows together. `folding`: whether the
    /// folds that are due happen in this transaction; if not, they are returned (the sink folds
    /// them otherwise: SQLite a chunk per transaction, PostgreSQL in transactions of their own).
    public func insert(_ db: any SQLConnection, folding: Bool = true) throws -> ReceiptWriter.DueFolds {
        try ReceiptWriter.Rows.insert(map(\.rows), db, folding: folding)
    }

    /// The receipts the batch stores.
    var receiptCount: Int { reduce(0) { $0 + $1.rows.receipts.count } }

    /// Resumes every caller of the batch: committed (nil), or the error that stopped it.
    public func finish(_ error: (any Error)?) {
        for item in self {
            if let error { item.continuation.resume(throwing: error) } else { item.continuation.resume() }
        }
    }
}

extension ReceiptWriter {
    /// The logs due to be folded after a transaction of receipts.
    public struct DueFolds: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The use register's log (`UseRegister.fold`).
        static let useRegister = DueFolds(rawValue: 1)
        /// The performers' uses ledger (SQLite: the receipts past its mark; PostgreSQL: its log).
        static let usesLedger = DueFolds(rawValue: 2)

        /// Folds each, whole, in `db`'s transaction.
        public func fold(_ db: any SQLConnection) throws {
            if contains(.useRegister) { try UseRegister.fold(db) }
            guard contains(.usesLedger) else { return }
            switch db.dialect {
            case .sqlite: try PerformerUses.foldReceipts(db)
            case .postgres: try PerformerUses.fold(db)
            }
        }
    }

    /// The rows that store receipts, made on the caller's thread (compression included) so that
    /// the writer's thread only steps statements: each receipt, the grants an allowed or notify
    /// check relied on, their counts in the use register and their lines in the performers' ledger.
    struct Rows: Sendable {
        var receipts: [RowInsert] = []
        var reliances: [RowInsert] = []
        var counts: [RowInsert] = []
        var uses: [RowInsert] = []

        /// `ledgerLog`: whether the backend files the ledger's lines in its log (PostgreSQL), or
        /// folds them from the receipts themselves (SQLite; see `PerformerUses`).
        init(_ stored: some Sequence<StoredReceipt>, codec: ReceiptCodec, ledgerLog: Bool) {
            receipts.reserveCapacity(stored.underestimatedCount)
            var counts: [UseRegister.Key: Int] = [:]
            for item in stored {
                let r = item.receipt
                let body = codec.pack(item.body)
                let id = SQLValue.text(r.id), production = SQLValue.text(r.request.production)
                let decision = SQLValue.text(r.decision.rawValue), decidedAt = SQLValue.text(StoredTime.text(r.decidedAt))
                let tool = r.request.tool.map(SQLValue.text) ?? .null
                receipts.append(RowInsert(Self.receiptShape, values: [
                    id, decidedAt, decision, production, r.request.performer.map(SQLValue.text) ?? .null, .text(item.actor),
                    body.dictionary.map(SQLValue.integer) ?? .null, .blob(Data(body.bytes)), .text(r.request.at.description), tool,
                ]))
                counts[UseRegister.Key(r), default: 0] += 1
                if ledgerLog, let use = PerformerUses.logRow(r, decidedAt: decidedAt, id: id, production: production, tool: tool) {
                    uses.append(use)
                }
                guard r.decision == .allowed || r.decision == .notify else { continue }
                for grant in r.grants {
                    reliances.append(RowInsert(Self.relianceShape, values: [.text(grant), id, production, decision, decidedAt]))
                }
            }
            self.counts = counts.map { key, checks in key.logRow(checks: checks) }
        }

        static let receiptShape = RowInsert.Shape(table: "check_receipt", columns: [
            "id", "decided_at", "decision", "production", "performer", "actor", "dictionary", "body", "at", "tool",
        ])
        static let relianceShape = RowInsert.Shape(table: "check_reliance", columns: [
            "grant_id", "check_id", "production", "decision", "decided_at",
        ])

        /// Inserts the rows of every caller, many to a statement: receipts before the reliances
        /// that refer to them, then the counts and (PostgreSQL) the ledger's lines. Returns the
        /// folds due: the use register's once its log holds `foldAt` rows (SQLite), or whenever
        /// the log's rowids pass a multiple of `foldAt` (PostgreSQL: its rowids go on after a fold,
        /// and each is handed out once); the ledger's once `usesFoldAt` receipts wait past its mark
        /// (SQLite) or its log's rowids pass a multiple of it (PostgreSQL). With `folding`, they
        /// are folded here, whole, and none is returned.
        @discardableResult
        static func insert(_ all: [Rows], _ db: any SQLConnection, foldAt: Int64 = UseRegister.foldAt,
                           usesFoldAt: Int64 = PerformerUses.foldAt, folding: Bool = true) throws -> DueFolds {
            try RowInsert.execute(all.flatMap(\.receipts), on: db)
            try RowInsert.execute(all.flatMap(\.reliances), on: db)
            var due: DueFolds = []
            if try db.appendLog(all.flatMap(\.counts), foldAt: foldAt) { due.insert(.useRegister) }
            switch db.dialect {
            case .sqlite: if try PerformerUses.receiptsToFold(db) >= usesFoldAt { due.insert(.usesLedger) }
            case .postgres: if try db.appendLog(all.flatMap(\.uses), foldAt: usesFoldAt) { due.insert(.usesLedger) }
            }
            guard folding else { return due }
            try due.fold(db)
            return []
        }
    }
}
