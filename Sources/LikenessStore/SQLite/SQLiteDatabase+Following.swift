import Dispatch
import GRDB
import Synchronization

/// How the facts index follows a SQLite database: reads on the pool's readers (blocking a Dispatch
/// thread, not a request's), polls on a read-only connection of its own, no notifications, and a
/// large full load split between two readers.
extension SQLiteDatabase {
    public func readLatest<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) async throws -> T {
        try await Offload.run { try self.readNow { try body($0) } }
    }

    public func newestChangeProbe() -> (@Sendable () throws -> Int64)? {
        var configuration = Configuration()
        configuration.readonly = true
        guard let probe = try? DatabaseQueue(path: pool.path, configuration: configuration) else { return nil }
        return { try probe.inDatabase { try Int64.fetchOne($0, sql: ChangeLog.newestQuery) } ?? 0 }
    }

    /// SQLite notifies other processes of nothing: the polls find every change.
    public func followCommittedChanges(_ changed: @Sendable @escaping () async -> Void) async {}

    public func readAlongside<T: Sendable>(_ body: @Sendable @escaping (any SQLConnection) throws -> T) -> (@Sendable () throws -> T)? {
        let read = ReadAlongside<T>()
        DispatchQueue.global(qos: .userInitiated).async {
            read.finish(Result { try self.readNow { try body($0) } })
        }
        return { try read.wait() }
    }
}

/// A read running on another thread, and its result once it has finished.
private final class ReadAlongside<T: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<T, any Error>?>(nil)

    func finish(_ outcome: Result<T, any Error>) {
        result.withLock { $0 = outcome }
        done.signal()
    }

    /// Waits for the read to finish (once).
    func wait() throws -> T {
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
