import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// Receipts are stored compressed with a dictionary trained on the database's own receipts, and
/// read back byte for byte: when stored plain, after compaction, across the upgrade that
/// introduced packing (with few receipts: copied plain; with many: packed), and from another
/// process that did not train the dictionary.
@Suite struct ReceiptCompactionTests {
    /// `count` receipts as alike and as varied as real ones: several productions, uses,
    /// destinations, tools and days.
    static func receipts(_ count: Int, from first: Int = 0) -> [StoredReceipt] {
        (first..<first + count).map { i in
            let use = ProposedUse(production: "prod-\(i % 7)", use: Use.allCases[i % Use.allCases.count],
                                  destination: Destination.allCases[i % Destination.allCases.count],
                                  at: Day("2026-05-01")!.adding(days: i % 40), tool: i % 3 == 0 ? nil : "tool-\(i % 5)")
            var receipt = CheckReceipt(deciding: use, with: CheckFacts(productionTitle: "Production \(i % 7)"), now: testNow)
            receipt.id = "chk-\(String(format: "%08d", i))"
            return receipt.stored(actor: "key:pipeline-\(i % 3)")
        }
    }

    static func bodies(_ ids: [String], _ database: SQLiteDatabase) async throws -> [String] {
        try await database.read { db in try ids.map { try Receipts.body(id: $0, codec: database.receiptCodec, db) } }
    }

    static func compactAll(_ database: SQLiteDatabase) async throws -> Int {
        let compactor = ReceiptCompactor(database: database)
        var total = 0
        while case .repacked(let n) = try await compactor.step(chunk: 300), n > 0 { total += n }
        return total
    }

    static func storedBytes(_ database: SQLiteDatabase) async throws -> Int {
        try await database.read { try Int.fetchOne($0, sql: "SELECT sum(length(body)) FROM check_receipt") ?? 0 }
    }

    @Test func receiptsAreStoredPlainUntilADictionaryIsTrainedThenPackedAndReadBackExactly() async throws {
        let db = try TempDatabase()
        let writer = ReceiptWriter(database: db.database)
        let compactor = ReceiptCompactor(database: db.database)
        let early = Self.receipts(ReceiptCodec.minimumSamples - 1)
        try await writer.store(early)
        #expect(try await compactor.step() == .tooFewReceipts)
        #expect(db.database.receiptCodec.currentDictionary == nil)

        let more = Self.receipts(1, from: early.count)
        try await writer.store(more)
        let plain = try await Self.storedBytes(db.database)
        #expect(try await compactor.plainReceipts() == ReceiptCodec.minimumSamples)
        #expect(try await Self.compactAll(db.database) == ReceiptCodec.minimumSamples)
        #expect(try await compactor.plainReceipts() == 0)
        let stored = early + more
        #expect(try await Self.bodies(stored.map(\.receipt.id), db.database) == stored.map(\.body))
        let packed = try await Self.storedBytes(db.database)
        #expect(packed * 5 < plain, "packed \(packed) bytes, plain \(plain)")

        // Receipts stored from now on are packed as they are written.
        let later = Self.receipts(50, from: stored.count)
        try await writer.store(later)
        #expect(try await compactor.plainReceipts() == 0)
        #expect(try await Self.bodies(later.map(\.receipt.id), db.database) == later.map(\.body))

        // Another process (a second connection pool, with no dictionary in memory) reads them too.
        let other = try SQLiteDatabase(path: db.path, createIfMissing: false)
        #expect(try await Self.bodies(later.map(\.receipt.id), other) == later.map(\.body))
    }

    /// A database made before packing keeps its receipts through the upgrade, which packs them
    /// with a dictionary trained on them; its use register is carried over into the table of counts.
    @Test func anUpgradedDatabaseReadsItsReceiptsBackExactlyBeforeAndAfterCompaction() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("v10.sqlite")
        try SQLiteDatabase.migrate(path: path, upTo: "v10-events")
        let old = try DatabaseQueue(path: path)
        let stored = Self.receipts(1_200)
        try await old.write { db in
            for i in 0..<7 {
                try db.execute(sql: "INSERT INTO production (id, title, created_at) VALUES (?, ?, '2026-01-01 00:00:00.000')",
                               arguments: ["prod-\(i)", "Production \(i)"])
            }
            for s in stored {
                let r = s.receipt
                try db.execute(sql: """
                    INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, body, at, use, destination, tool)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r.id, StoredTime.text(r.decidedAt), r.decision.rawValue, r.request.production,
                                     r.request.performer, s.actor, s.body, r.request.at.description, r.request.use.rawValue,
                                     r.request.destination.rawValue, r.request.tool])
            }
        }
        let registerBefore = try await old.read { db in
            try UseRegisterV10.read(production: "prod-3", db)
        }
        try old.close()

        let upgraded = try SQLiteDatabase(path: path)
        #expect(try upgraded.appliedMigrations().contains("v11-compact-receipts"))
        let ids = stored.map(\.receipt.id)
        #expect(try await Self.bodies(ids, upgraded) == stored.map(\.body))
        let register = try await upgraded.read {
            try UseRegister.read(production: "prod-3", since: Day("2026-01-01")!, until: Day("2026-12-31")!, $0).entries
        }
        #expect(register == registerBefore)
        #expect(register.reduce(0) { $0 + $1.checks } == stored.filter { $0.receipt.request.production == "prod-3" }.count)

        // Enough receipts to train on: every one was packed as it was copied.
        #expect(try await ReceiptCompactor(database: upgraded).plainReceipts() == 0)
        let plain = stored.reduce(0) { $0 + $1.body.utf8.count }
        #expect(try await Self.storedBytes(upgraded) * 5 < plain)
        #expect(try await upgraded.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check").isEmpty })
        #expect(try await upgraded.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    /// The use register as it was read before v11, from the covering index over every receipt.
    enum UseRegisterV10 {
        static func read(production: String, _ db: Database) throws -> [UseRegisterEntry] {
            try Row.fetchAll(db, sql: """
                SELECT use, destination, tool, performer, decision, count(*) AS checks, min(at) AS first, max(at) AS last
                FROM check_receipt WHERE production = ?
                GROUP BY use, destination, tool, performer, decision ORDER BY use, destination, tool, performer, decision
                """, arguments: [production]).map { row in
                UseRegisterEntry(use: Use(rawValue: row["use"])!, destination: Destination(rawValue: row["destination"])!,
                                 tool: row["tool"], performer: row["performer"], decision: Decision(rawValue: row["decision"])!,
                                 checks: row["checks"], first: Day(row["first"] as String)!, last: Day(row["last"] as String)!)
            }
        }
    }
}
