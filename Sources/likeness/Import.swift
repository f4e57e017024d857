import ArgumentParser
import LikenessRules
import LikenessStore

struct Import: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import performers, productions, roles, tools, grants and approvals from JSON or CSV files.",
        discussion: "All files go in one transaction: all or nothing. A CSV file's kind is its name (grants.csv) or --kind.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @OptionGroup var actor: ActorOption
    @Option(help: "What the CSV files hold.") var kind: ImportKind?
    @Argument(help: "The files to import.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file") }
    }

    func run() async throws {
        let summary = try await Importer(database: try openDatabase())
            .run(files: files, kind: kind, actor: actor.name, now: clock.now())
        print("Imported \(summary.description.isEmpty ? "nothing" : summary.description).")
    }
}
