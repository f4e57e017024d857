import Foundation
import GRDB

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

    public init(database: SQLiteDatabase, restartAbove: Int = 50_000, writer: ReceiptWriter? = nil) throws {
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
