import Foundation
import GRDB

/// Owns the database pool (SQLite in WAL mode), runs the migrations and exposes the
/// registry's invariant-preserving transactions. The CLI and a running server may share one file.
public final class AppDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    public init(path: String, createIfMissing: Bool = true) throws {
        if !createIfMissing && !FileManager.default.fileExists(atPath: path) {
            throw LikenessError(.notFound, "no-database", "no database at \(path): run `likeness init` first")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in
            // A commit is durable (fsynced) before it returns: receipts and consents are relied upon.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        self.path = path
        try Schema.migrator.migrate(pool)
    }

    /// The migrations applied so far, for diagnostics and tests.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Schema.migrator.appliedIdentifiers($0) }.sorted()
    }

    /// Applies migrations up to `target` only (tests of upgrades from an older schema).
    public static func migrate(path: String, upTo target: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: target)
    }

    /// Runs `body` in a write transaction, translating SQLite busy errors into a retryable 503.
    public func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    public func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    static func translate(_ error: DatabaseError) -> any Error {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LikenessError(.unavailable, "database-busy", "the database is busy; retry")
        default:
            return error
        }
    }
}
