import Crypto
import Foundation
import LikenessRules

/// One migration: the SQL file `Migrations/<backend>/<id>.sql`.
struct Migration: Sendable, Equatable {
    let id: String
    let sql: String
    /// The SHA-256 of the file's bytes, in hex: recorded when the migration is applied and compared
    /// at every open, so that a released migration is never edited behind a database's back.
    let checksum: String
}

/// The schema's migrations and the one ledger that records them, on either backend.
///
/// `Migrations/sqlite/` and `Migrations/postgres/` hold one SQL file per migration under the same
/// names, in the order they apply: an id means the same change on both (`SchemaEquivalenceTests`
/// proves the two schemas alike). A database records each migration it has applied in
/// `migration_ledger` (id, checksum, applied_at), a table of the same shape on both backends.
/// Opening a database applies the missing migrations in order, each in a transaction of its own
/// that also records it; it refuses a database whose ledger lists a migration this release does
/// not have (a newer release migrated it), out of order, or with another checksum (its file changed
/// since: a released migration is frozen, and a change is a new migration).
///
/// Databases made before the ledger recorded their migrations in a table of their own
/// (`LegacyLedger`); the first migration, `0001-baseline`, is the schema those releases ended
/// with, and such a database is adopted as having it.
enum MigrationLedger {
    /// The migrations of `backend`, in order: the `.sql` files of its resource folder, sorted by
    /// name (an id starts with a 4-digit number).
    static func migrations(_ backend: SQLDialect) throws -> [Migration] {
        let folder = switch backend {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
        guard let directory = Bundle.module.url(forResource: folder, withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path).filter({ $0.hasSuffix(".sql") }),
              !names.isEmpty else {
            throw LikenessError(.internal, "internal",
                                "the schema's migrations are missing from this installation (Likeness_LikenessStore.resources beside the binary)")
        }
        return try names.sorted().map { name in
            let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
            return Migration(id: String(name.dropLast(".sql".count)), sql: String(decoding: bytes, as: UTF8.self),
                             checksum: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        }
    }

    /// One step of migrating, in the caller's transaction: takes the migration lock, makes the
    /// ledger if it is missing, adopts a legacy ledger, then applies the next migration and records
    /// it. Returns whether it recorded one (call again, in a new transaction), false once the
    /// ledger lists every migration. Each step reads the ledger afresh under the lock, so that
    /// processes opening one database at once apply each migration once.
    static func migrateOneStep<Connection: MigrationConnection>(_ connection: Connection, _ migrations: [Migration]) throws -> Bool {
        try connection.lockMigrations()
        try connection.execute(Connection.ledgerTableSQL)
        let applied = try connection.rows("SELECT id, checksum FROM migration_ledger ORDER BY id", []).map {
            AppliedMigration(id: try $0["id"], checksum: try $0["checksum"])
        }
        if applied.isEmpty, try connection.tableExists(Connection.legacyLedger.table) {
            try adopt(Connection.legacyLedger, baseline: migrations[0], connection)
            return true
        }
        guard let next = try next(after: applied, in: migrations) else { return false }
        try connection.runMigration(next.sql)
        try record(next, connection)
        return true
    }

    /// The ids of the migrations a database has applied, in order.
    static func applied(_ connection: some SQLConnection) throws -> [String] {
        try connection.rows("SELECT id FROM migration_ledger ORDER BY id", []).map { try $0["id"] }
    }

    /// A row of the ledger.
    struct AppliedMigration: Equatable {
        let id: String
        let checksum: String
    }

    /// The migration to apply after `applied`, nil when there is none; an error when `applied` is
    /// not a prefix of `migrations`, checksums included.
    static func next(after applied: [AppliedMigration], in migrations: [Migration]) throws -> Migration? {
        for (index, record) in applied.enumerated() {
            guard let known = migrations.first(where: { $0.id == record.id }) else {
                throw LikenessError(.conflict, "database-too-new", """
                    the database was migrated by a newer release (its migration \(record.id) is not one of this release's: \
                    \(migrations.map(\.id).joined(separator: ", "))); open it with that release
                    """)
            }
            guard known.checksum == record.checksum else {
                throw LikenessError(.internal, "migration-changed", """
                    migration \(record.id) was changed after this database applied it (checksum \(record.checksum), now \
                    \(known.checksum)): a released migration is frozen; restore its file and make the change a new migration
                    """)
            }
            guard migrations[index].id == record.id else {
                throw LikenessError(.internal, "migration-out-of-order", """
                    the database applied migration \(record.id) without \(migrations[index].id), which comes before it: \
                    a new migration must come after every released one
                    """)
            }
        }
        return applied.count < migrations.count ? migrations[applied.count] : nil
    }

    /// Records a database made before the ledger as having `baseline`, the schema its release
    /// ended with, once its legacy ledger lists exactly that release's migrations; the legacy
    /// ledger goes (an old release opening the database then fails at once, on its first
    /// migration, instead of working on a schema it does not know).
    private static func adopt(_ legacy: LegacyLedger, baseline: Migration, _ connection: some SQLConnection) throws {
        let listed = Set(try connection.rows("SELECT \(legacy.idColumn) AS id FROM \(legacy.table)", []).map { try $0["id"] as String })
        let missing = legacy.lastRelease.filter { !listed.contains($0) }
        let unknown = listed.subtracting(legacy.lastRelease).sorted()
        guard unknown.isEmpty else {
            throw LikenessError(.conflict, "database-unknown-release", """
                the database was migrated by a release this one does not know (its \(legacy.table) lists \
                \(unknown.joined(separator: ", "))); open it with that release
                """)
        }
        guard missing.isEmpty else {
            throw LikenessError(.conflict, "database-too-old", """
                the database was made by a release older than \(LegacyLedger.release) (it lacks the migrations \
                \(missing.joined(separator: ", "))): open it once with release \(LegacyLedger.release), which brings it to \
                that release's schema, then with this one
                """)
        }
        try record(baseline, connection)
        try connection.execute("DROP TABLE \(legacy.table)")
    }

    private static func record(_ migration: Migration, _ connection: some SQLConnection) throws {
        try connection.execute("INSERT INTO migration_ledger (id, checksum, applied_at) VALUES (?, ?, ?)",
                               [migration.id, migration.checksum, Date()])
    }
}

/// Where a release before the migration files recorded its migrations, and what it listed once
/// it had migrated a database to its last schema (the schema `0001-baseline` holds).
struct LegacyLedger: Sendable {
    /// The last release that kept the legacy ledgers (a commit: releases have no other name).
    static let release = "76e10fa"
    let table: String
    let idColumn: String
    let lastRelease: [String]
}

/// What the ledger needs of a backend's connection inside a transaction, beyond the stores' SQL.
protocol MigrationConnection: SQLConnection {
    /// Makes `migration_ledger` if it is missing.
    static var ledgerTableSQL: String { get }
    /// The ledger of the releases before the migration files.
    static var legacyLedger: LegacyLedger { get }
    /// Makes this transaction the only one migrating the database until it ends.
    func lockMigrations() throws
    /// Whether the database has a table named `name`.
    func tableExists(_ name: String) throws -> Bool
    /// Runs a migration's SQL, several statements, and checks what the backend leaves unchecked
    /// meanwhile.
    func runMigration(_ sql: String) throws
}
