import Foundation
import LikenessStore
import LikenessTestSupport
import Testing

/// `likeness import` shows its progress on a terminal, and nothing extra anywhere else.
@Suite struct ImportProgressTests {
    @Test(arguments: StorageBackend.available)
    func notOnATerminalOnlyTheResultIsPrinted(backend: StorageBackend) async throws {
        let database = try await TestDatabase(backend)
        let run = try await runCLI(["import", "--db", database.location, Fixtures.demo, Fixtures.grantsCSV])
        #expect(run.status == 0)
        #expect(run.err.isEmpty, "stderr: \(run.err)")
        #expect(run.out.hasPrefix("Imported ") && run.out.split(separator: "\n").count == 1)
    }

    /// Under a pseudo-terminal (`script`), the line counts rows read and written and gives the rate.
    @Test(arguments: StorageBackend.available)
    func onATerminalALineShowsRowsReadWrittenAndTheRate(backend: StorageBackend) async throws {
        let database = try await TestDatabase(backend)
        let command = [cliBinary.path, "import", "--db", database.location, Fixtures.demo, Fixtures.grantsCSV].map { "'\($0)'" }.joined(separator: " ")
        let run = try await runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
        let text = run.out
        #expect(run.status == 0, "\(text)")
        let rows = try await database.store.snapshot { db in
            try ["performer", "production", "role", "tool", "consent_grant", "approval"]
                .map { try db.value("SELECT count(*) FROM \($0)") ?? 0 }.reduce(0, +)
        }
        #expect(text.contains("\r\u{1B}[2Kimport: \(rows.formatted()) rows read, \(rows.formatted()) written, "), "\(text)")
        #expect(text.contains(" rows/s, "))
        #expect(text.contains("Imported "))
    }
}
