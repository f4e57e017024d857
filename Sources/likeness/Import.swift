import ArgumentParser
import LikenessRules
import LikenessStore

struct Import: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import performers, productions, roles, tools, grants and approvals from JSON or CSV files.",
        discussion: """
            All files go in one transaction: all or nothing. A CSV file's kind is its name (grants.csv) or --kind. \
            On a terminal, a line on standard error shows the rows read and written and the rate while it runs.
            """)

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @OptionGroup var actor: ActorOption
    @Option(help: "What the CSV files hold.") var kind: ImportKind?
    @Argument(help: "The files to import.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file") }
    }

    /// On a terminal, a progress line (rows read, rows written, rate) while it runs.
    func run() async throws {
        let line = ProgressLine()
        let summary: ImportSummary
        do {
            summary = try await Importer(database: try await openStore())
                .run(files: files, kind: kind, actor: actor.name, now: clock.now()) { progress in
                    line.show(Self.describe(progress), force: progress.done)
                }
            line.finish()
        } catch {
            line.finish()
            throw error
        }
        print("Imported \(summary.description.isEmpty ? "nothing" : summary.description).")
    }

    /// `import: 1,000,000 rows read, 250,000 written, 41,000 rows/s, 7.3 s`.
    static func describe(_ progress: ImportProgress) -> String {
        let rows = progress.rowsWritten > 0 ? progress.rowsWritten : progress.rowsRead
        let rate = progress.seconds > 0 ? Int(Double(rows) / progress.seconds) : 0
        return "import: \(progress.rowsRead.formatted()) rows read, \(progress.rowsWritten.formatted()) written, "
            + "\(rate.formatted()) rows/s, \(String(format: "%.1f", progress.seconds)) s"
    }
}
