import ArgumentParser
import LikenessStore

struct Backup: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database with SQLite's online backup (safe while the server runs).",
        discussion: "To restore, stop the server and put the copy in place of the database (or serve the copy with --db).")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Argument(help: "Where to write the copy (must not exist).") var path: String

    func run() async throws {
        try openDatabase().backup(to: path)
        print("Backed up \(databasePath) to \(path) (integrity ok).")
    }
}
