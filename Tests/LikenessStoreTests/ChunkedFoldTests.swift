import Dispatch
import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// SQLite's receipt writer folds the uses ledger and the use register over several transactions
/// (`ChunkedFold`): reads never see a segment before it is whole, nor a check twice or not at all.
@Suite struct ChunkedFoldTests {
    /// Commits of three checks (two of p-x), a fold due every 6 receipts written 2 lines at a
    /// time beside as many as the commit stores (5 a commit): after every commit the ledger of p-x reads every check once, in its order; a writer
    /// that stops mid-fold (a crash: a new `ChunkedFold` takes over) leaves lines that no read
    /// sees, and the next fold drops them.
    @Test func aFoldSpreadOverTransactionsIsSeenWholeOrNotAtAll() async throws {
        try await StorageBackend.sqlite.withDatabase(parents: SharedReceiptWriterTests.production + [
            ("INSERT INTO performer (id, name, created_at) VALUES ('p-x', 'X', '2026-01-01 00:00:00.000')", []),
            ("INSERT INTO performer (id, name, created_at) VALUES ('p-y', 'Y', '2026-01-01 00:00:00.000')", []),
        ]) { database in
            let sqlite = try #require(database.store as? SQLiteDatabase)
            let reads = DispatchQueue(label: "test.ledger-reads")
            var folding = ChunkedFold(LedgerFold(), database: sqlite, chunk: 2, readQueue: reads)
            var expected: [(at: String, decidedAt: Date, id: String)] = []
            var steps: [ChunkedFold<LedgerFold>.Step] = []
            for commit in 0..<24 {
                let receipts = (0..<3).map { i in
                    let use = ProposedUse(production: "prod-x", performer: i == 2 ? "p-y" : "p-x", use: .replica, aspects: [.face],
                                          destination: .temporary, at: Day("2026-05-01")!.adding(days: (commit * 7 + i) % 5), tool: "t-1")
                    return CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow.addingTimeInterval(Double(commit * 3 + i)))
                        .stored(actor: "test")
                }
                expected += receipts.filter { $0.receipt.request.performer == "p-x" }
                    .map { ($0.receipt.request.at.description, $0.receipt.decidedAt, $0.receipt.id) }
                let rows = ReceiptWriter.Rows(receipts, codec: sqlite.receiptCodec, ledgerLog: false)
                let step = try sqlite.writeNow { db in
                    let due = try ReceiptWriter.Rows.insert([rows], db, usesFoldAt: 6, folding: false)
                    return try folding.step(db, receipts: receipts.count, due: due.contains(.usesLedger))
                }
                steps.append(step)
                if commit == 12 {
                    // A crash mid-fold: what the writer knew of its fold is gone.
                    folding = ChunkedFold(LedgerFold(), database: sqlite, chunk: 2, readQueue: reads)
                } else {
                    folding.committed(step)
                }
                reads.sync {}
                let ids = expected.sorted { ($0.at, $0.decidedAt, $0.id) > ($1.at, $1.decidedAt, $1.id) }.map(\.id)
                let page = try await sqlite.snapshot {
                    try PerformerUses.page(performer: "p-x", since: Day("2026-01-01")!, until: Day("2026-12-31")!, limit: 100,
                                           before: nil, codec: sqlite.receiptCodec, $0)
                }
                #expect(page.checks.map(\.id) == ids, "after commit \(commit)")
            }
            #expect(steps.contains { if case .wrote = $0 { true } else { false } })
            #expect(steps.filter { if case .finished = $0 { true } else { false } }.count >= 3)
            try await sqlite.snapshot { db in
                let segments: Int64? = try db.value("SELECT count(*) FROM performer_use_segment")
                #expect((segments ?? 0) >= 3)
                // Every line belongs to a bounded segment, or to the fold under way.
                let unbounded: Int64? = try db.value("""
                    SELECT count(DISTINCT segment) FROM performer_use
                    WHERE segment NOT IN (SELECT segment FROM performer_use_segment)
                    """)
                #expect((unbounded ?? 0) <= 1)
                let mark: Int64? = try db.value("SELECT through FROM performer_use_folded")
                #expect((mark ?? 0) >= 36)
            }
        }
    }

    /// Commits of 7 checks of 3 kinds of use over 5 days (7 log rows a commit, 15 keys in all),
    /// the register's log due every 8 rows, 2 keys folded a commit: after every commit the register
    /// counts each check once, also when a second process folds the whole log mid-fold (the fold
    /// under way gives up) and when the writer stops mid-fold (a crash: the next fold resumes it);
    /// once checks stop, folds empty the log and leave no record.
    @Test func theUseRegisterFoldedAChunkAtATimeCountsEveryCheckOnce() async throws {
        try await StorageBackend.sqlite.withDatabase(parents: SharedReceiptWriterTests.production) { database in
            let sqlite = try #require(database.store as? SQLiteDatabase)
            let reads = DispatchQueue(label: "test.register-reads")
            var folding = ChunkedFold(RegisterFold(), database: sqlite, chunk: 1, readQueue: reads)
            var expected: [String: Int] = [:]
            var steps: [ChunkedFold<RegisterFold>.Step] = []
            var resumed = false
            for commit in 0..<40 {
                let receipts = (0..<7).map { i in
                    let use = ProposedUse(production: "prod-x", performer: nil, use: [.replica, .alteration, .training][i % 3],
                                          aspects: [.face], destination: .temporary, at: Day("2026-05-01")!.adding(days: (commit + i) % 5),
                                          tool: "t-1")
                    return CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "X"), now: testNow.addingTimeInterval(Double(commit * 7 + i)))
                        .stored(actor: "test")
                }
                for r in receipts { expected["\(r.receipt.request.use.rawValue) \(r.receipt.request.at)", default: 0] += 1 }
                let rows = ReceiptWriter.Rows(receipts, codec: sqlite.receiptCodec, ledgerLog: false)
                let step = try sqlite.writeNow { db in
                    let due = try ReceiptWriter.Rows.insert([rows], db, foldAt: 8, folding: false)
                    if commit == 9 { try UseRegister.fold(db) }
                    return try folding.step(db, receipts: 1, due: due.contains(.useRegister))
                }
                steps.append(step)
                if commit >= 20, !resumed, case .wrote = step {
                    // A crash mid-fold: what the writer knew of its fold is gone, its record stays.
                    folding = ChunkedFold(RegisterFold(), database: sqlite, chunk: 1, readQueue: reads)
                    resumed = true
                } else {
                    folding.committed(step)
                }
                reads.sync {}
                #expect(try await Self.register(sqlite) == expected, "after commit \(commit)")
            }
            #expect(resumed)
            #expect(steps.filter { if case .wrote = $0 { true } else { false } }.count >= 5)
            #expect(steps.filter { if case .finished = $0 { true } else { false } }.count >= 3)
            for _ in 0..<40 {
                let step = try sqlite.writeNow { try folding.step($0, receipts: 1, due: true) }
                folding.committed(step)
                reads.sync {}
            }
            #expect(try await Self.register(sqlite) == expected)
            let (log, records) = try await sqlite.snapshot { db in
                (try db.value("SELECT count(*) FROM use_register_log") as Int64?, try db.value("SELECT count(*) FROM use_register_fold") as Int64?)
            }
            #expect(log == 0 && records == 0)
        }
    }

    /// prod-x's use register on each of May 1–5, 2026, as counts by "use day".
    static func register(_ sqlite: SQLiteDatabase) async throws -> [String: Int] {
        try await sqlite.snapshot { db in
            var counts: [String: Int] = [:]
            for offset in 0..<5 {
                let day = Day("2026-05-01")!.adding(days: offset)
                for entry in try UseRegister.read(production: "prod-x", since: day, until: day, db).entries {
                    counts["\(entry.use.rawValue) \(day)", default: 0] += entry.checks
                }
            }
            return counts
        }
    }
}
