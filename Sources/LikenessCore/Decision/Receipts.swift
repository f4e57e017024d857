import Dispatch
import Foundation
import GRDB
import Synchronization

/// JSON as the API writes it: camelCase, RFC 3339 timestamps.
public enum LikenessJSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return e
    }()
}

/// A check as decided: the answer of `POST /v1/checks` and `GET /v1/checks/{id}`.
public struct CheckReceipt: Codable, Sendable, Equatable {
    public var id: String
    public var decision: Decision
    public var reasons: [Reason]
    public var obligations: [Obligation]
    public var grants: [String]
    public var approvals: [String]
    public var requirements: [Requirement]
    public var request: ProposedUse
    public var decidedAt: Date

    /// Decides `use` on `facts` now.
    public init(deciding use: ProposedUse, with facts: CheckFacts, now: Date) {
        let verdict = DecisionEngine.decide(use, facts)
        id = IDs.make("chk", now: now)
        decision = verdict.decision
        reasons = verdict.reasons
        obligations = verdict.obligations
        grants = verdict.grants
        approvals = verdict.approvals
        requirements = verdict.requirements
        request = use
        decidedAt = now
    }

    /// Encodes the receipt for storage and for the answer.
    public func stored(actor: String) -> StoredReceipt {
        StoredReceipt(receipt: self, body: json(), actor: actor)
    }
}

/// A receipt ready to store: its encoded body is exactly what the client was answered.
public struct StoredReceipt: Sendable {
    public let receipt: CheckReceipt
    public let body: String
    public let actor: String
}

/// Makes receipts durable with group commit: receipts that arrive while a batch is being
/// written wait and go together in the next transaction (one fsync for all); each caller
/// resumes when the batch holding its receipt has committed.
public final class ReceiptWriter: Sendable {
    struct Pending {
        let receipt: StoredReceipt
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

    /// Returns once `receipt` is committed to disk.
    public func store(_ receipt: StoredReceipt) async throws {
        // Unsafe (unchecked) continuations: `drain` resumes each exactly once, on success or failure.
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            let start = state.withLock { s in
                s.pending.append(Pending(receipt: receipt, continuation: continuation))
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
                try database.pool.write { db in
                    let insert = try db.cachedStatement(sql: """
                        INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                    let reliance = try db.cachedStatement(sql: """
                        INSERT INTO check_reliance (grant_id, check_id, production, decision, decided_at) VALUES (?, ?, ?, ?, ?)
                        """)
                    for item in batch {
                        let r = item.receipt.receipt
                        let decidedAt = StoredTime.text(r.decidedAt)
                        try insert.execute(arguments: [r.id, decidedAt, r.decision.rawValue, r.request.production,
                                                       r.request.performer, item.receipt.actor, item.receipt.body])
                        guard r.decision == .allowed || r.decision == .notify else { continue }
                        for grant in r.grants {
                            try reliance.execute(arguments: [grant, r.id, r.request.production, r.decision.rawValue, decidedAt])
                        }
                    }
                }
                for item in batch { item.continuation.resume() }
                if checkpointWanted.exchange(false, ordering: .relaxed) {
                    // Best effort: busy (the checkpointer is copying) or partial (a reader holds an
                    // old snapshot) only means the WAL grows on until the checkpointer asks again.
                    _ = try? database.pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
                }
            } catch {
                let failure = (error as? DatabaseError).map(AppDatabase.translate) ?? error
                for item in batch { item.continuation.resume(throwing: failure) }
            }
        }
    }
}

/// The checking service: validate, gather facts from memory, decide, store the receipt durably, answer.
public struct CheckService: Sendable {
    public let facts: FactsIndex
    public let receipts: ReceiptWriter

    public init(facts: FactsIndex, receipts: ReceiptWriter) {
        self.facts = facts
        self.receipts = receipts
    }

    /// Decides without storing anything (the CLI's dry evaluation and the benchmark use this).
    public func decide(_ input: CheckInput, now: Date = Date()) throws -> CheckReceipt {
        let use = try input.validated(today: Day(now))
        return CheckReceipt(deciding: use, with: try facts.facts(for: use), now: now)
    }

    /// Decides, stores the receipt and returns it with its JSON body once the receipt is durable.
    public func check(_ input: CheckInput, actor: String, now: Date = Date()) async throws -> StoredReceipt {
        let stored = try decide(input, now: now).stored(actor: actor)
        try await receipts.store(stored)
        return stored
    }
}

/// Reading stored receipts.
public enum Receipts {
    /// The stored JSON body of a check; 404 when unknown or, with `actor`, not made by that caller.
    public static func body(id: String, actor: String?, _ db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: "SELECT body, actor FROM check_receipt WHERE id = ?", arguments: [id])
        guard let row, actor == nil || row["actor"] == actor else { throw LikenessError.notFound("check", id) }
        return row["body"]
    }

    /// Bodies of the earlier `allowed`/`notify` checks that relied on a grant, oldest first.
    public static func impact(grant id: String, _ db: Database) throws -> [String] {
        guard try Grant.exists(db, key: id) else { throw LikenessError.notFound("grant", id) }
        return try String.fetchAll(db, sql: """
            SELECT r.body FROM check_reliance c JOIN check_receipt r ON r.id = c.check_id
            WHERE c.grant_id = ? ORDER BY c.decided_at, c.check_id
            """, arguments: [id])
    }
}
