import Foundation

/// Failed logins per key (a username, a client address), kept in the database so that every server
/// of one database counts the same failures: after `limit` failures of a key within `window`
/// seconds, its attempts wait until the oldest of them has left the window. Keys are kept as their
/// SHA-256, and failures older than the window are deleted as new ones are written.
///
/// Two servers may let through an attempt each at the same instant: the limit holds to within
/// the attempts in flight, and each attempt costs an Argon2id hash.
public struct LoginLimits: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let database: any StoreDatabase

    public init(database: any StoreDatabase, limit: Int = 5, window: TimeInterval = 300) {
        self.database = database
        self.limit = limit
        self.window = window
    }

    /// Whole seconds until every one of `keys` may try again; 0 when none is over the limit.
    public func wait(_ keys: [String], now: Date) async throws -> Int {
        let since = Self.millis(now) - Int64(window * 1000)
        let arguments: [any SQLValueConvertible] = keys.map(Tokens.hash) + [since, Int64(limit)]
        let oldest: [Int64] = try await database.snapshot { db in
            try db.rows("""
                SELECT min(failed_at) AS oldest FROM login_failure
                WHERE key_hash IN (\(Self.placeholders(keys.count))) AND failed_at > ?
                GROUP BY key_hash HAVING count(*) >= ?
                """, arguments).map { try $0["oldest"] }
        }
        guard let first = oldest.min() else { return 0 }
        let wait = Double(first - since) / 1000
        return max(1, Int(wait.rounded(.up)))
    }

    /// Counts a failed attempt against each of `keys`.
    public func fail(_ keys: [String], now: Date) async throws {
        let at = Self.millis(now), expired = at - Int64(window * 1000)
        try await database.transaction { db in
            try db.execute("DELETE FROM login_failure WHERE failed_at <= ?", [expired])
            for key in keys { try db.execute("INSERT INTO login_failure (key_hash, failed_at) VALUES (?, ?)", [Tokens.hash(key), at]) }
        }
    }

    /// Forgets the failures of `keys` (a successful login clears its username's).
    public func succeed(_ keys: [String]) async throws {
        let hashes = keys.map(Tokens.hash)
        try await database.transaction { db in
            try db.execute("DELETE FROM login_failure WHERE key_hash IN (\(Self.placeholders(hashes.count)))", hashes)
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
