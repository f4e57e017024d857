import ArgumentParser
import LikenessCore

struct Import: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import performers, productions, roles, tools, grants and approvals from JSON or CSV files.",
        discussion: "All files go in one transaction: all or nothing. A CSV file's kind is its name (grants.csv) or --kind.")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @OptionGroup var actor: ActorOption
    @Option(help: "What the CSV files hold: tools, productions, performers, roles, grants or approvals.")
    var kind: String?
    @Argument(help: "The files to import.") var files: [String]

    func validate() throws {
        if let kind, ImportKind(rawValue: kind) == nil {
            throw ValidationError("--kind must be one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if files.isEmpty { throw ValidationError("name at least one file") }
    }

    func run() async throws {
        let summary = try await Importer(database: try openDatabase())
            .run(files: files, kind: kind.flatMap(ImportKind.init), actor: actor.name)
        print("Imported \(summary.description.isEmpty ? "nothing" : summary.description).")
    }
}
