import Foundation

/// Failed logins per key (a username, a client address), kept in the database so that every server
/// of one database counts the same failures: after `limit` failures of a key within `window`
/// seconds, its attempts wait until the oldest of them has left the window. Keys are kept as their
/// SHA-256, and failures older than the window are deleted as new ones are written.
///
/// An attempt counts as a failure from the moment it is admitted until it succeeds: admitting
/// counts the failures and records the attempt in one turn (`AppendLog.loginFailures`), so
/// attempts in flight at once, on one server or several, never exceed the limit between them.
public struct LoginLimits: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let database: any StoreDatabase

    public init(database: any StoreDatabase, limit: Int = 5, window: TimeInterval = 300) {
        self.database = database
        self.limit = limit
        self.window = window
    }

    /// An admitted attempt, counted against each of its keys until `succeed` forgets it.
    public struct Attempt: Sendable {
        let id: Int64
        let keys: [String]
    }

    /// What `admit` answers: the attempt may go on, or every key may try again in `seconds`.
    public enum Admission: Sendable {
        case admitted(Attempt)
        case wait(seconds: Int)
    }

    /// Admits an attempt for `keys` unless one of them is over the limit; an admitted attempt
    /// counts as a failure of each key until it succeeds.
    public func admit(_ keys: [String], now: Date) async throws -> Admission {
        let at = Self.millis(now), since = at - Int64(window * 1000)
        let hashes = keys.map(Tokens.hash)
        let id = Int64.random(in: 1...Int64.max)
        return try await database.transaction { db in
            try db.lockForAppending(.loginFailures)
            let oldest: [Int64] = try db.rows("""
                SELECT min(failed_at) AS oldest FROM login_failure
                WHERE key_hash IN (\(Self.placeholders(hashes.count))) AND failed_at > ?
                GROUP BY key_hash HAVING count(*) >= ?
                """, hashes.map { $0 as any SQLValueConvertible } + [since, Int64(limit)]).map { try $0["oldest"] }
            if let first = oldest.min() {
                return .wait(seconds: max(1, Int((Double(first - since) / 1000).rounded(.up))))
            }
            try db.execute("DELETE FROM login_failure WHERE failed_at <= ?", [since])
            for hash in hashes {
                try db.execute("INSERT INTO login_failure (key_hash, failed_at, attempt) VALUES (?, ?, ?)", [hash, at, id])
            }
            return .admitted(Attempt(id: id, keys: keys))
        }
    }

    /// Forgets a successful attempt, and every failure of `key` (a login clears its username's).
    public func succeed(_ attempt: Attempt, forgetting key: String) async throws {
        let hashes = attempt.keys.map(Tokens.hash)
        try await database.transaction { db in
            try db.execute("DELETE FROM login_failure WHERE key_hash IN (\(Self.placeholders(hashes.count))) AND attempt = ?",
                           hashes.map { $0 as any SQLValueConvertible } + [attempt.id])
            try db.execute("DELETE FROM login_failure WHERE key_hash = ?", [Tokens.hash(key)])
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
