import Foundation
import GRDB
@testable import LikenessRules
@testable import LikenessStore

/// A temporary folder, removed when the value is deinitialised.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A fresh database file in a temporary folder.
final class TempDatabase: @unchecked Sendable {
    let folder: TemporaryFolder
    let path: String
    let database: SQLiteDatabase

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path("db.sqlite")
        database = try SQLiteDatabase(path: path)
    }

    /// The database file at `path` in `folder`, opened (and so migrated).
    init(opening path: String, in folder: TemporaryFolder) throws {
        self.folder = folder
        self.path = path
        database = try SQLiteDatabase(path: path)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = folder.url.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The fixtures of the repository imported.
    func importFixtures() async throws -> ImportSummary {
        try await Importer(database: database).run(files: [Fixtures.demo, Fixtures.grantsCSV], actor: "test", now: testNow)
    }

    func count(_ table: String) async throws -> Int {
        try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}

/// The time the tests run at, whatever the day: the fixtures are written as of 2026-11-28.
let testNow = Date(timeIntervalSince1970: 1_795_856_400)  // 2026-11-28T09:00:00Z

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = root.appendingPathComponent("fixtures/demo.json").path
    static let grantsCSV = root.appendingPathComponent("fixtures/csv/grants.csv").path
}

/// A valid grant body for tests to vary.
func grantInput(id: String? = nil, performer: String = "p-lena", production: String? = "prod-nova") -> GrantInput {
    var g = GrantInput()
    g.id = id; g.performer = performer; g.production = production
    g.uses = ["replica"]; g.aspects = ["face"]; g.destinations = ["final"]; g.territories = ["*"]
    g.validFrom = "2026-01-01"; g.validUntil = "2027-01-01"; g.signedBy = "performer"
    g.description = "Face replica for reshoots of episode 3"
    return g
}
