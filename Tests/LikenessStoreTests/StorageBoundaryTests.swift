import Foundation
@testable import LikenessStore
import Testing

/// The storage boundary holds: what differs per backend lives in `LikenessStore/SQLite/` and
/// `LikenessStore/Postgres/`, and the shared stores reach it only through `StoreDatabase` and
/// `SQLConnection`.
@Suite struct StorageBoundaryTests {
    static let store = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LikenessStore").standardizedFileURL

    @Test func sharedStoreCodeImportsNeitherBackend() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.store, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let folder = file.deletingLastPathComponent().lastPathComponent
            guard folder != "SQLite", folder != "Postgres" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for banned in ["import GRDB", "import PostgresNIO", "SQLiteDatabase", "PostgreSQLDatabase", "as? Database"]
            where text.contains(banned) {
                offenders.append("\(folder)/\(file.lastPathComponent): \(banned)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// Times as SQLite's date functions and GRDB write them read back to the millisecond.
    @Test func storedTimesReadBackAsWritten() throws {
        let instant = Date(timeIntervalSince1970: 1_795_856_400.123)
        #expect(StoredTime.date(StoredTime.text(instant))?.timeIntervalSince1970 == 1_795_856_400.123)
        #expect(StoredTime.text(instant) == "2026-11-28 09:00:00.123")
        #expect(StoredTime.date("2026-11-28")?.timeIntervalSince1970 == 1_795_824_000)
        #expect(StoredTime.date("2026-11-28T09:00Z")?.timeIntervalSince1970 == 1_795_856_400)
        #expect(StoredTime.date("2026-11-28 09:00:07")?.timeIntervalSince1970 == 1_795_856_407)
        for malformed in ["", "2026-11-28 ", "2026-11-28 9:00", "2026-11-28 09:00:00.", "2026-13-01", "2026-11-28 24:00", "2026-11-28x"] {
            #expect(StoredTime.date(malformed) == nil, "\(malformed)")
        }
    }
}
