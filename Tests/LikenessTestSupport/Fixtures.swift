import Foundation

/// The repository's demo data, which the tests import.
public enum Fixtures {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let demo = root.appendingPathComponent("fixtures/demo.json").path
    public static let grantsCSV = root.appendingPathComponent("fixtures/csv/grants.csv").path
}
