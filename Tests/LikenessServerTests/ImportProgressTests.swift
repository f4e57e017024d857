import Foundation
import GRDB
import LikenessStore
import LikenessTestSupport
import Testing

/// `likeness import` shows its progress on a terminal, and nothing extra anywhere else.
@Suite struct ImportProgressTests {
    func freshDatabase() async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("likeness-import-\(UUID().uuidString).sqlite").path
        _ = try SQLiteDatabase(path: path)
        return path
    }

    @Test func notOnATerminalOnlyTheResultIsPrinted() async throws {
        let db = try await freshDatabase()
        let run = try await runCLI(["import", "--db", db, Fixtures.demo, Fixtures.grantsCSV])
        #expect(run.status == 0)
        #expect(run.err.isEmpty, "stderr: \(run.err)")
        #expect(run.out.hasPrefix("Imported ") && run.out.split(separator: "\n").count == 1)
    }

    /// Under a pseudo-terminal (`script`), the line counts rows read and written and gives the rate.
    @Test func onATerminalALineShowsRowsReadWrittenAndTheRate() async throws {
        let db = try await freshDatabase()
        let command = [cliBinary.path, "import", "--db", db, Fixtures.demo, Fixtures.grantsCSV].map { "'\($0)'" }.joined(separator: " ")
        let run = try await runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
        let text = run.out
        #expect(run.status == 0, "\(text)")
        let rows = try await SQLiteDatabase(path: db).read { db in
            try ["performer", "production", "role", "tool", "consent_grant", "approval"]
                .map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }.reduce(0, +)
        }
        #expect(text.contains("\r\u{1B}[2Kimport: \(rows.formatted()) rows read, \(rows.formatted()) written, "), "\(text)")
        #expect(text.contains(" rows/s, "))
        #expect(text.contains("Imported "))
    }
}
