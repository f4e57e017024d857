import ArgumentParser
import LikenessRules
import LikenessStore

struct Backup: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database with SQLite's online backup (safe while the server runs).",
        discussion: """
            To restore, stop the server and put the copy in place of the database (or serve the copy with --db). \
            On PostgreSQL, use its own tools instead: pg_dump for a consistent logical copy, or pg_basebackup with \
            WAL archiving for point-in-time recovery.
            """)

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @Argument(help: "Where to write the copy (must not exist).") var path: String

    func run() async throws {
        if case .postgres(let address) = try DatabaseLocation(databasePath) {
            throw LikenessError(.badRequest, "use-postgres-tools", """
                \(address) is a PostgreSQL database: back it up with PostgreSQL's own tools, pg_dump for a consistent \
                logical copy (pg_dump -Fc -d '\(address)' -f likeness.dump) or pg_basebackup with WAL archiving for \
                point-in-time recovery. The signing key's file (--keys) is not in the database: keep it apart.
                """)
        }
        try openDatabase().backup(to: path)
        print("Backed up \(databasePath) to \(path) (integrity ok).")
    }
}
