import ArgumentParser
import Foundation
import GRDB
import LikenessCore

struct Backup: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database with SQLite's online backup (safe while the server runs).",
        discussion: "To restore, stop the server and put the copy in place of the database (or serve the copy with --db).")

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Argument(help: "Where to write the copy (must not exist).") var path: String

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LikenessError(.conflict, "exists", "\(path) already exists; choose a new file")
        }
        let database = try openDatabase()
        let copy = try DatabaseQueue(path: path)
        try database.pool.backup(to: copy)
        let check = try await copy.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        try copy.close()
        guard check == "ok" else { throw LikenessError(.internal, "backup-corrupt", "the copy fails its integrity check: \(check ?? "?")") }
        print("Backed up \(databasePath) to \(path) (integrity ok).")
    }
}
