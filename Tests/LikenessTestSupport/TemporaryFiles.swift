import Foundation
import GRDB
import LikenessRules
import LikenessStore

/// A temporary folder, removed when the value is deinitialised.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A fresh SQLite database file in a temporary folder.
public final class TempDatabase: Sendable {
    public let folder: TemporaryFolder
    public let path: String
    public let database: SQLiteDatabase

    public init() throws {
        folder = try TemporaryFolder()
        path = folder.path("db.sqlite")
        database = try SQLiteDatabase(path: path)
    }

    /// The database file at `path` in `folder`, opened (and so migrated).
    public init(opening path: String, in folder: TemporaryFolder) throws {
        self.folder = folder
        self.path = path
        database = try SQLiteDatabase(path: path)
    }

    public func file(_ name: String, _ contents: String) throws -> String {
        let url = folder.url.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The fixtures of the repository imported.
    public func importFixtures() async throws -> ImportSummary {
        try await Importer(database: database).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "test", now: testNow)
    }

    public func count(_ table: String) async throws -> Int {
        try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}
