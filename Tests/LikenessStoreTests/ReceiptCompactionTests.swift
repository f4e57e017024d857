import Foundation
import GRDB
import Testing
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport

/// Receipts are stored compressed with a dictionary trained on the database's own receipts, and
/// read back byte for byte: when stored plain, after compaction, and from another process that
/// did not train the dictionary.
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
}
