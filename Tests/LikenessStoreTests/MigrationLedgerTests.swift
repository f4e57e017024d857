import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The ledger applies what a database lacks, in order, and refuses a ledger it cannot continue:
/// a migration it does not have, one applied out of order, one whose file changed since.
@Suite struct MigrationLedgerTests {
    static let migrations = ["0001-a", "0002-b", "0003-c"].map { Migration(id: $0, sql: "", checksum: "sum of \($0)") }

    static func applied(_ ids: String...) -> [MigrationLedger.AppliedMigration] {
        ids.map { MigrationLedger.AppliedMigration(id: $0, checksum: "sum of \($0)") }
    }

    @Test func theNextMigrationIsTheFirstNotApplied() throws {
        #expect(try MigrationLedger.next(after: [], in: Self.migrations)?.id == "0001-a")
        #expect(try MigrationLedger.next(after: Self.applied("0001-a", "0002-b"), in: Self.migrations)?.id == "0003-c")
        #expect(try MigrationLedger.next(after: Self.applied("0001-a", "0002-b", "0003-c"), in: Self.migrations) == nil)
    }

    @Test func aLedgerThisReleaseCannotContinueIsRefused() {
        func refusal(_ applied: [MigrationLedger.AppliedMigration]) -> String? {
            do {
                _ = try MigrationLedger.next(after: applied, in: Self.migrations)
                return nil
            } catch {
                return (error as? LikenessError)?.code
            }
        }
        #expect(refusal(Self.applied("0001-a", "0004-d")) == "database-too-new")
        #expect(refusal(Self.applied("0001-a", "0003-c")) == "migration-out-of-order")
        #expect(refusal([MigrationLedger.AppliedMigration(id: "0001-a", checksum: "another sum")]) == "migration-changed")
    }

    @Test(arguments: StorageBackend.available)
    func aMigrationChangedSinceItWasAppliedIsRefused(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            try await database.execute("UPDATE migration_ledger SET checksum = ? WHERE id = '0001-baseline'", [.text(String(repeating: "0", count: 64))])
            await #expect {
                _ = try await database.reopen()
            } throws: { error in
                (error as? LikenessError)?.code == "migration-changed"
                    && (error as? LikenessError)?.message.contains("migration 0001-baseline was changed after this database applied it") == true
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aDatabaseMigratedByANewerReleaseIsRefused(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            try await database.execute("""
                INSERT INTO migration_ledger (id, checksum, applied_at) VALUES ('9999-from-the-future', ?, '2027-01-01T00:00:00Z')
                """, [.text(String(repeating: "0", count: 64))])
            await #expect {
                _ = try await database.reopen()
            } throws: { error in
                (error as? LikenessError)?.code == "database-too-new"
                    && (error as? LikenessError)?.message.contains("9999-from-the-future") == true
            }
        }
    }

    /// PostgreSQL's SQL names, as numbers and text, what the code names too.
    @Test func thePostgresBaselineTakesTheRegistryLockAndNotifiesOnTheChangeChannel() throws {
        let baseline = try #require(try MigrationLedger.migrations(.postgres).first { $0.id == "0001-baseline" })
        #expect(baseline.sql.contains("PERFORM pg_advisory_xact_lock(\(PostgresSchema.registryLock));"))
        #expect(baseline.sql.contains("PERFORM pg_notify('\(PostgresSchema.changeChannel)', '');"))
    }
}
