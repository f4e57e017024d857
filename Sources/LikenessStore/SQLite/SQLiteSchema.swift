import Foundation
import GRDB
import LikenessRules

/// The schema on SQLite: the migrations of `Migrations/sqlite/`, applied by `MigrationLedger`.
enum SQLiteSchema {
    /// Applies the migrations `database` lacks, each in an immediate transaction of its own (which
    /// waits for any other process's writes, migrations included), with foreign keys held off:
    /// SQLite changes a table's constraints only by making the table anew, and its documentation
    /// does that with foreign keys off, then checks them (`runMigration`) before the commit.
    static func migrate(_ pool: DatabasePool) throws {
        let migrations = try MigrationLedger.migrations(.sqlite)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            do {
                var recorded = true
                while recorded {
                    try db.inTransaction(.immediate) {
                        recorded = try MigrationLedger.migrateOneStep(db, migrations)
                        return .commit
                    }
                }
            } catch {
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                throw error
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }
}

extension Database: MigrationConnection {
    static let ledgerTableSQL = """
        CREATE TABLE IF NOT EXISTS migration_ledger (
          id TEXT PRIMARY KEY NOT NULL,
          checksum TEXT NOT NULL CHECK (length(checksum) = 64),
          applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Releases up to 76e10fa recorded their migrations with GRDB's migrator, in `grdb_migrations`.
    static let legacyLedger = LegacyLedger(table: "grdb_migrations", idColumn: "identifier", lastRelease: [
        "v1-registry", "v2-checks", "v3-vault-audit", "v4-alerts", "v5-check-reliance", "v6-studio-and-non-fiction",
        "v7-approval-requests", "v8-use-register", "v9-signing-keys", "v10-events", "v11-compact-receipts",
        "v12-bulk-change-log", "v13-grants-stay", "v14-use-register-log", "v15-login-failures", "v16-login-attempts",
    ])

    /// The immediate transaction holds SQLite's one write lock already.
    func lockMigrations() throws {}

    func tableExists(_ name: String) throws -> Bool {
        let tables: Int = try value("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) ?? 0
        return tables > 0
    }

    func runMigration(_ sql: String) throws {
        try execute(sql: sql)
        let orphans = try rows("PRAGMA foreign_key_check", [])
        guard orphans.isEmpty else {
            let tables = Set(orphans.compactMap { try? $0["table"] as String }).sorted()
            throw LikenessError(.internal, "migration-failed",
                                "the migration leaves rows whose foreign keys name no row, in \(tables.joined(separator: ", "))")
        }
    }
}
