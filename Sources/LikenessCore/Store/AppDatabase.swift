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
        try pool.writeWithoutTransaction { db in
            // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
            // `prepareDatabase` ran: set FULL again, or commits would not be fsynced.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The one writer appends receipts at thousands per second and imports a million rows:
            // a 64 MiB page cache (instead of 2 MiB) keeps the pages it touches in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
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

/// Checkpoints the WAL from a connection of its own, so that no commit stalls on it.
///
/// By default SQLite's committing writer copies the WAL back into the database (and fsyncs it)
/// whenever the WAL passes 1,000 pages: under a steady stream of receipts that stalls every
/// waiting check for milliseconds. A server turns that off on its writer and runs this instead:
/// small passive checkpoints, which never block writers, as the WAL grows.
///
/// SQLite starts the WAL over only when a write begins after a checkpoint copied all of it, which
/// never happens while receipts stream in. Past `restartAbove` frames the checkpointer therefore
/// asks the receipt `writer` to checkpoint between two of its transactions (nothing is being
/// written then, so that checkpoint copies what is left and its next commit starts the WAL over).
/// Without a writer, or past four times that, it runs a checkpoint that waits for writers and
/// readers instead (it stalled every check for up to 0.7 s when it waited on a busy writer).
public final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let restartAbove: Int
    private let writer: ReceiptWriter?

    public init(database: AppDatabase, restartAbove: Int = 50_000, writer: ReceiptWriter? = nil) throws {
        var config = Configuration()
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        connection = try DatabaseQueue(path: database.path, configuration: config)
        self.restartAbove = restartAbove
        self.writer = writer
        try database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    /// The `synchronous` setting of the checkpointer's connection (2: FULL, the database is fsynced).
    public func synchronous() throws -> Int? {
        try connection.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    }

    /// One passive checkpoint; past `restartAbove` frames, the WAL is started over (see above).
    /// Returns the number of frames in the WAL.
    @discardableResult
    public func checkpoint() async throws -> Int {
        try await connection.writeWithoutTransaction { [restartAbove, writer] db in
            let frames = try db.checkpoint(.passive).walFrameCount
            guard frames > restartAbove else { return frames }
            if let writer, frames <= 4 * restartAbove {
                writer.checkpointAfterNextCommit()
                return frames
            }
            return try db.checkpoint(.restart).walFrameCount
        }
    }

    /// Checkpoints until cancelled: every `busy` while the WAL grows (small checkpoints keep each
    /// fsync of the database short), every `idle` when it does not.
    public func run(busy: Duration = .milliseconds(10), idle: Duration = .milliseconds(200)) async {
        var last = -1
        while !Task.isCancelled {
            let frames = (try? await checkpoint()) ?? last
            try? await Task.sleep(for: frames == last ? idle : busy)
            last = frames
        }
    }
}
