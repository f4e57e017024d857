import Foundation
import GRDB
import LikenessRules

/// Owns the database pool (SQLite in WAL mode), runs the migrations and exposes the
/// registry's invariant-preserving transactions. The CLI and a running server may share one file.
public final class SQLiteDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String
    /// Packs and unpacks the receipts' bodies with this database's dictionaries.
    public let receiptCodec = ReceiptCodec()

    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    public init(path: String, createIfMissing: Bool = true) throws {
        if !createIfMissing && !FileManager.default.fileExists(atPath: path) {
            throw LikenessError(.notFound, "no-database", "no database at \(path): run `likeness init` first")
        }
        // The file holds password hashes and wrapped vault keys: only its owner reads it. SQLite
        // gives the WAL and shared-memory files the database file's mode.
        try PrivateFile.create(path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in
            // A commit is durable (fsynced) before it returns: receipts and consents are relied upon.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals (a write in a larger transaction that fires a trigger keeps one, to
            // undo just that statement) stay in memory: in a temporary file, an import of a million
            // rows made fourteen million small writes.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        pool = try DatabasePool(path: path, configuration: config)
        self.path = path
        try pool.writeWithoutTransaction { db in
            // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
            // `prepareDatabase` ran: set FULL again, or commits would not be fsynced.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The one writer appends receipts at thousands per second: a 16 MiB page cache (instead
            // of 2 MiB) keeps the pages it touches in memory. (64 MiB was no faster, and it was a
            // fifth of the server's memory; an import sets a larger one while it writes.)
            try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)")
        }
        try SQLiteSchema.migrate(pool)
        try pool.read { try receiptCodec.loadNewest($0) }
        while try pool.write({ [receiptCodec] in try PerformerUses.backfillChunk(PerformerUses.backfillChunkSize, codec: receiptCodec, $0) }) {}
    }

    /// The writer's page cache, in KiB.
    static let pageCacheKiB = 16 * 1024
    /// The writer's page cache while it imports, in KiB.
    static let importPageCacheKiB = 512 * 1024

    /// The migrations applied so far, for diagnostics and tests.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try MigrationLedger.applied($0) }
    }

    // Every access goes through these four, which turn SQLite's busy and locked errors into a
    // retryable 503 (`database-busy`).

    /// Runs `body` in a write transaction.
    public func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    /// Runs `body` in a read transaction.
    public func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    /// `write`, blocking the calling thread (for work already off the executors: the receipt writer's queue).
    public func writeNow<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    /// `read`, blocking the calling thread (the facts index's refresh queue, a one-off CLI check).
    public func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError { throw Self.translate(error) }
    }

    /// Copies the database into a new file at `path` with SQLite's online backup (writers go on
    /// meanwhile) and checks the copy's integrity.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LikenessError(.conflict, "exists", "\(path) already exists; choose a new file")
        }
        let check: String?
        try PrivateFile.create(path)
        do {
            let copy = try DatabaseQueue(path: path)
            try pool.backup(to: copy)
            check = try copy.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            try copy.close()
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
        guard check == "ok" else {
            throw LikenessError(.internal, "backup-corrupt", "the copy fails its integrity check: \(check ?? "?")")
        }
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
