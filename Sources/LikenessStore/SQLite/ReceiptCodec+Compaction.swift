import Foundation
import GRDB
import LikenessRules
import Zstd

/// Training the receipts' dictionary and repacking the receipts stored plain: SQLite only
/// (PostgreSQL compresses large values itself), run by `ReceiptCompactor`.
extension ReceiptCodec {
    /// Trains a dictionary on the newest stored receipts and stores it, in the caller's transaction;
    /// nil when fewer than `minimumSamples` receipts are stored. Call `loadNewest` once that
    /// transaction has committed, so that no receipt names a dictionary that was rolled back.
    func train(_ db: Database) throws -> Int64? {
        let rows = try db.rows("SELECT dictionary, body FROM check_receipt ORDER BY rowid DESC LIMIT ?", [Self.maximumSamples])
        guard rows.count >= Self.minimumSamples else { return nil }
        return try Self.trainDictionary(on: rows.map { try body(of: $0, db) }, db).id
    }

    /// Trains a dictionary on `samples` (receipts' bodies) and stores it, with the time of the
    /// database's clock; returns it digested, with its id.
    static func trainDictionary(on samples: [String], _ db: Database) throws -> (id: Int64, digested: ZstdDictionary) {
        let bytes: [UInt8]
        do {
            bytes = try Zstd.train(samples: samples.map { Array($0.utf8) }, capacity: dictionaryCapacity)
        } catch let failure as Zstd.Failure {
            throw LikenessError(.internal, "dictionary-training", "cannot train the receipts' dictionary: \(failure)")
        }
        try db.execute(sql: """
            INSERT INTO receipt_dictionary (trained_at, samples, bytes) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), ?, ?)
            """, arguments: [samples.count, Data(bytes)])
        return (db.lastInsertedRowID, try ZstdDictionary(bytes))
    }

    /// Repacks up to `limit` receipts stored plain with the current dictionary, in the caller's
    /// transaction; returns how many (0 when none are left or there is no dictionary yet).
    func compact(limit: Int, _ db: Database) throws -> Int {
        guard let current = state.withLock({ $0.current }) else { return 0 }
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, body FROM check_receipt INDEXED BY check_receipt_plain WHERE dictionary IS NULL LIMIT ?
            """, arguments: [limit])
        let update = try db.cachedStatement(sql: "UPDATE check_receipt SET dictionary = ?, body = ? WHERE rowid = ?")
        for row in rows {
            let plain: Data = row["body"]
            try update.execute(arguments: [current.id, Data(current.dictionary.compress(plain)), row["rowid"] as Int64])
        }
        return rows.count
    }
}
