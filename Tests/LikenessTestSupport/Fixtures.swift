import Foundation
import LikenessStore

/// The repository's demo data, which the tests import.
public enum Fixtures {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let demo = root.appendingPathComponent("fixtures/demo.json").path
    public static let grantsCSV = root.appendingPathComponent("fixtures/csv/grants.csv").path

    /// Imports the demo data into `database` as a server's tests start from it: as `fixtures`, at `testNow`.
    public static func importDemo(into database: any StoreDatabase) async throws {
        _ = try await Importer(database: database).run(files: [demo, grantsCSV], actor: "fixtures", now: testNow)
    }
}
