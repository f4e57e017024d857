import Foundation
import GRDB
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// Databases made by release 76e10fa, the last before the migration ledger, kept as fixtures in
/// Tests/Fixtures/upgrade (`scripts/make-upgrade-fixtures` makes them with that release): this
/// release opens them, adopts them as having the baseline, migrates them forward and keeps every
/// row; an older one is refused with what to do. (`scripts/upgrade-test.py` reads every row of
/// them back through the API of a server of this release.)
@Suite struct UpgradeTests {
    static let fixtures = Fixtures.root.appendingPathComponent("Tests/Fixtures/upgrade")

    /// The one column a migration since that release dropped (0002).
    static let droppedColumns: Set<String> = ["login_failure.attempt"]
    /// Columns that later migrations add to the release's tables (0003: the performer's side;
    /// 0005: the pipeline's side).
    static let addedColumns: Set<String> = ["account.email", "grant_status_change.by_role", "grant_status_change.by_capacity",
                                            "audit_entry.by_role", "audit_entry.by_capacity", "check_receipt.at", "check_receipt.tool",
                                            "tool.version", "account.mute", "consent_grant.fee_amount", "consent_grant.fee_currency",
                                            "consent_grant.fee_per", "consent_grant.fee_pension_health"]
    /// Tables that later migrations add.
    static let addedTables: Set<String> = ["delegation", "invitation", "consent_offer", "performer_use", "performer_use_log",
                                           "performer_use_backfill", "performer_use_folded", "performer_use_segment", "status_list",
                                           "status_index", "mail", "mail_digest", "usage_report", "usage_line", "use_register_fold"]

    /// A bulk write's mark never outlives its transaction; a receipt dictionary is trained on 1,000
    /// receipts (the fixtures keep a few); the use register is folded from its log every
    /// `UseRegister.foldAt` rows.
    static let tablesTheFixturesLeaveEmpty: Set<String> = ["registry_bulk_write", "receipt_dictionary", "use_register"]

    /// A fixture loaded into a new database that nothing has opened (or migrated) yet.
    enum OldDatabase {
        case sqlite(TemporaryFolder, path: String)
        case postgres(PostgresAddress)

        static func load(_ backend: StorageBackend) async throws -> OldDatabase {
            switch backend {
            case .sqlite:
                let folder = try TemporaryFolder()
                let path = folder.path("old.sqlite")
                try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("sqlite/database.db").path, toPath: path)
                return .sqlite(folder, path: path)
            case .postgres:
                let dump = try String(contentsOf: fixtures.appendingPathComponent("postgres/database.sql"), encoding: .utf8)
                let address = try await PostgresBackendDatabase.createDatabase()
                do {
                    try await PostgresBackendDatabase.run(PostgresSchema.statements(in: dump), of: address)
                } catch {
                    await PostgresBackendDatabase.drop(address)
                    throw error
                }
                return .postgres(address)
            }
        }

        /// Runs `sql` on the database as it is, without opening it as Likeness does.
        func rows(_ sql: String) async throws -> [[String?]] {
            switch self {
            case .sqlite(_, let path):
                let queue = try DatabaseQueue(path: path)
                defer { try? queue.close() }
                return try await queue.write { db in try Row.fetchAll(db, sql: sql).map { $0.databaseValues.map(SQLiteBackendDatabase.text) } }
            case .postgres(let address):
                return try await PostgresBackendDatabase.run([sql], of: address)
            }
        }

        /// The columns of every table, as table.column.
        func columns() async throws -> Set<String> {
            let sql = switch self {
            case .sqlite: """
                SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                """
            case .postgres: """
                SELECT table_name::text || '.' || column_name::text FROM information_schema.columns WHERE table_schema = current_schema()
                """
            }
            return Set(try await rows(sql).map { $0[0]! })
        }

        /// Every row of `table`, its `columns` quoted and joined, sorted.
        func contents(_ table: String, _ columns: [String]) async throws -> [String] {
            let quoted = switch self {
            case .sqlite: columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            case .postgres: "concat_ws('|', " + columns.map { "quote_nullable(\"\($0)\")" }.joined(separator: ", ") + ")"
            }
            return try await rows("SELECT \(quoted) FROM \(table)").map { $0[0]! }.sorted()
        }

        /// Opens it as Likeness does, which migrates it.
        func open() async throws -> any BackendDatabase {
            switch self {
            case .sqlite(let folder, let path): try SQLiteBackendDatabase(opening: path, in: folder)
            case .postgres(let address): try await PostgresBackendDatabase(opening: address)
            }
        }

        var legacyLedger: String {
            switch self {
            case .sqlite: "grdb_migrations"
            case .postgres: "schema_migration"
            }
        }

        func drop() async {
            if case .postgres(let address) = self { await PostgresBackendDatabase.drop(address) }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aDatabaseOfTheLastReleaseMigratesForwardKeepingEveryRow(backend: StorageBackend) async throws {
        let old = try await OldDatabase.load(backend)
        let columnsBefore = try await old.columns()
        let tables = Dictionary(grouping: columnsBefore.subtracting(Self.droppedColumns).map { $0.split(separator: ".").map(String.init) },
                                by: { $0[0] }).mapValues { $0.map { $0[1] }.sorted() }
            .filter { $0.key != old.legacyLedger }
        var contentsBefore: [String: [String]] = [:]
        for (table, columns) in tables { contentsBefore[table] = try await old.contents(table, columns) }
        // The fixture holds every kind of row but those a database holds only for a while or with many receipts.
        let emptyTables = contentsBefore.filter { $0.value.isEmpty }.keys.sorted()
        #expect(emptyTables == Self.tablesTheFixturesLeaveEmpty.sorted(), "tables the fixture leaves empty: \(emptyTables)")

        let upgraded: any BackendDatabase
        do {
            upgraded = try await old.open()
        } catch {
            await old.drop()
            throw error
        }
        do {
            #expect(try await upgraded.appliedMigrations() == (try MigrationLedger.migrations(backend.dialect).map(\.id)))
            let columnsAfter = try await old.columns().filter { !Self.addedTables.contains(String($0.prefix { $0 != "." })) }
            #expect(columnsAfter == columnsBefore.subtracting(Self.droppedColumns).filter { !$0.hasPrefix(old.legacyLedger + ".") }
                .union(["migration_ledger.id", "migration_ledger.checksum", "migration_ledger.applied_at"]).union(Self.addedColumns))
            for (table, columns) in tables.sorted(by: { $0.key < $1.key }) {
                let after = try await old.contents(table, columns)
                #expect(after == contentsBefore[table], "\(table): \(contentsBefore[table]!.count) rows before, \(after.count) after")
            }
            // The uses ledger holds every check stored before that named a performer (moved at open), and its mark is gone.
            let named = try await old.rows("SELECT CAST(count(*) AS TEXT) FROM check_receipt WHERE performer IS NOT NULL")
            let ledger = try await old.rows("SELECT CAST((SELECT count(*) FROM performer_use) + (SELECT count(*) FROM performer_use_log) AS TEXT)")
            #expect(named == ledger && named != [["0"]], "\(named) checks named a performer, \(ledger) in the ledger")
            let marks = try await old.rows("SELECT CAST(count(*) AS TEXT) FROM performer_use_backfill")
            #expect(marks == [["0"]], "\(marks)")
            // Its schema is a new database's, to the letter.
            try await backend.withDatabase { fresh in
                let (upgradedSchema, freshSchema) = (try await SchemaDescription.read(upgraded, backend), try await SchemaDescription.read(fresh, backend))
                let names = ("the upgraded database", "a new one")
                if let difference = SchemaDescription.difference(upgradedSchema.lines, freshSchema.lines, names: names) {
                    Issue.record("\(difference)")
                }
                if let difference = SchemaDescription.difference(try await SchemaDescription.definitions(upgraded, backend),
                                                                 try await SchemaDescription.definitions(fresh, backend), names: names) {
                    Issue.record("\(difference)")
                }
            }
            // Opening it again changes nothing.
            #expect(try await upgraded.reopen() == upgraded.appliedMigrations())
        } catch {
            await upgraded.drop()
            await old.drop()
            throw error
        }
        await upgraded.drop()
        await old.drop()
    }

    /// A database whose legacy ledger stops short of release 76e10fa's last migration.
    @Test(arguments: StorageBackend.available)
    func aDatabaseOfAnOlderReleaseIsRefusedWithWhatToDo(backend: StorageBackend) async throws {
        let old = try await OldDatabase.load(backend)
        let last = backend == .sqlite ? "v16-login-attempts" : "v5-login-attempts"
        let column = backend == .sqlite ? "identifier" : "id"
        _ = try await old.rows("DELETE FROM \(old.legacyLedger) WHERE \(column) = '\(last)'")
        await #expect {
            let opened = try await old.open()
            await opened.drop()
        } throws: { error in
            guard let error = error as? LikenessError else { return false }
            return error.code == "database-too-old" && error.message.contains("release older than 76e10fa") && error.message.contains(last)
        }
        // Nothing was changed.
        let listed = backend == .sqlite ? Database.legacyLedger.lastRelease.count : PostgresSQLConnection.legacyLedger.lastRelease.count
        #expect(try await old.rows("SELECT CAST(count(*) AS TEXT) FROM \(old.legacyLedger)") == [[String(listed - 1)]])
        let columns = try await old.columns()
        #expect(columns.contains("login_failure.attempt") && !columns.contains("migration_ledger.id"))
        await old.drop()
    }
}
