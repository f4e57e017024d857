import Dispatch
import Foundation
import GRDB
import LikenessRules
import Synchronization

/// Makes receipts durable with group commit: receipts that arrive while a batch is being
/// written wait and go together in the next transaction (one fsync for all); each caller
/// resumes when the batch holding its receipt has committed.
public final class ReceiptWriter: Sendable {
    /// A receipt packed by its caller (compression runs on the callers' threads, not the writer's).
    struct Packed {
        let stored: StoredReceipt
        let body: ReceiptCodec.Packed
    }
    struct Pending {
        let receipts: [Packed]
        let continuation: UnsafeContinuation<Void, any Error>
    }
    struct State {
        var pending: [Pending] = []
        var writing = false
    }

    private let database: AppDatabase
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "likeness.receipts")
    private let checkpointWanted = Atomic(false)

    public init(database: AppDatabase) { self.database = database }

    /// Asks for one passive checkpoint from the writer's connection right after its next commit,
    /// before it begins another transaction: it copies the rest of the WAL, so that SQLite starts
    /// the WAL over at the following commit (see `WALCheckpointer`).
    public func checkpointAfterNextCommit() {
        checkpointWanted.store(true, ordering: .relaxed)
    }

    /// Returns once `receipts` are committed to disk (in one transaction, with whatever else is waiting).
    public func store(_ receipts: [StoredReceipt]) async throws {
        if receipts.isEmpty { return }
        let codec = database.receiptCodec
        let packed = receipts.map { Packed(stored: $0, body: codec.pack($0.body)) }
        // Unsafe (unchecked) continuations: `drain` resumes each exactly once, on success or failure.
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            let start = state.withLock { s in
                s.pending.append(Pending(receipts: packed, continuation: continuation))
                if s.writing { return false }
                s.writing = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let batch = state.withLock { s in
                let batch = s.pending
                s.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { s.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try database.writeNow { db in try Self.insert(batch.lazy.flatMap(\.receipts), db) }
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

    /// Inserts packed receipts, the grants allowed and notify checks relied on, and their counts in
    /// the use register (one upsert per production, day and kind of use of the batch).
    static func insert(_ receipts: some Sequence<Packed>, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, dictionary, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let reliance = try db.cachedStatement(sql: """
            INSERT INTO check_reliance (grant_id, check_id, production, decision, decided_at) VALUES (?, ?, ?, ?, ?)
            """)
        var counts: [UseRegister.Key: Int] = [:]
        for packed in receipts {
            let r = packed.stored.receipt
            let decidedAt = StoredTime.text(r.decidedAt)
            try insert.execute(arguments: [r.id, decidedAt, r.decision.rawValue, r.request.production, r.request.performer,
                                           packed.stored.actor, packed.body.dictionary, Data(packed.body.bytes)])
            counts[UseRegister.Key(r), default: 0] += 1
            guard r.decision == .allowed || r.decision == .notify else { continue }
            for grant in r.grants {
                try reliance.execute(arguments: [grant, r.id, r.request.production, r.decision.rawValue, decidedAt])
            }
        }
        try UseRegister.count(counts, db)
    }
}
