import Foundation

/// Failed logins, kept in the database so that every server of one database counts the same
/// failures, in two measures that never lock a username out for everyone:
/// - per username and client address, `limit` failures within `window` seconds make that pair
///   wait until the oldest of them has left the window (a guesser at one address stops there);
/// - per username from every address, from `backOffAfter` failures within the window each new
///   attempt waits one second more since the latest, up to `longestBackOff` seconds (guessers at
///   many addresses slow down, and the account's owner still gets in at the back-off's pace).
/// Keys are kept as their SHA-256, and failures older than the window are deleted as new ones are
/// written.
///
/// An attempt counts as a failure from the moment it is admitted until it succeeds: admitting
/// counts the failures and records the attempt in one turn (`AppendLog.loginFailures`), so
/// attempts in flight at once, on one server or several, never exceed the limits between them.
public struct LoginLimits: Sendable {
    public let limit: Int
    public let window: TimeInterval
    public let backOffAfter: Int
    public let longestBackOff: Int
    private let database: any StoreDatabase

    public init(database: any StoreDatabase, limit: Int = 5, window: TimeInterval = 300, backOffAfter: Int = 10, longestBackOff: Int = 30) {
        self.database = database
        self.limit = limit
        self.window = window
        self.backOffAfter = backOffAfter
        self.longestBackOff = longestBackOff
    }

    /// An admitted attempt, counted against its username and its (username, address) pair until
    /// `succeed` forgets it.
    public struct Attempt: Sendable {
        let username: String
        let pair: String
    }

    /// What `admit` answers: the attempt may go on, or it may be tried again in `seconds`.
    public enum Admission: Sendable {
        case admitted(Attempt)
        case wait(seconds: Int)
    }

    /// The keys an attempt counts against (an address never holds a space; a username may).
    static func keys(username: String, address: String) -> (username: String, pair: String) {
        ("user:" + username, "from:" + address + " " + username)
    }

    /// Admits an attempt to sign in as `username` from `address` unless their pair is over the
    /// limit or the username is backing off; an admitted attempt counts as a failure until it
    /// succeeds.
    public func admit(username: String, address: String, now: Date) async throws -> Admission {
        let at = Self.millis(now), since = at - Int64(window * 1000)
        let keys = Self.keys(username: username, address: address)
        let (userHash, pairHash) = (Tokens.hash(keys.username), Tokens.hash(keys.pair))
        return try await database.transaction { db in
            try db.lockForAppending(.loginFailures)
            let counts = try db.rows("""
                SELECT key_hash, count(*) AS failures, min(failed_at) AS oldest, max(failed_at) AS latest FROM login_failure
                WHERE key_hash IN (?, ?) AND failed_at > ? GROUP BY key_hash
                """, [userHash, pairHash, since])
            var waitMillis: Int64 = 0
            for row in counts {
                let failures: Int64 = try row["failures"], oldest: Int64 = try row["oldest"], latest: Int64 = try row["latest"]
                if try row["key_hash"] as String == pairHash {
                    if failures >= Int64(limit) { waitMillis = max(waitMillis, oldest - since) }
                } else if failures >= Int64(backOffAfter) {
                    let backOff = min(failures - Int64(backOffAfter) + 1, Int64(longestBackOff)) * 1000
                    waitMillis = max(waitMillis, latest + backOff - at)
                }
            }
            if waitMillis > 0 { return .wait(seconds: max(1, Int((Double(waitMillis) / 1000).rounded(.up)))) }
            try db.execute("DELETE FROM login_failure WHERE failed_at <= ?", [since])
            for hash in [userHash, pairHash] {
                try db.execute("INSERT INTO login_failure (key_hash, failed_at) VALUES (?, ?)", [hash, at])
            }
            return .admitted(Attempt(username: keys.username, pair: keys.pair))
        }
    }

    /// Forgets a successful attempt with every failure of its username and of its pair; failures
    /// of the username at other addresses stay counted against those pairs.
    public func succeed(_ attempt: Attempt) async throws {
        try await database.transaction { db in
            try db.execute("DELETE FROM login_failure WHERE key_hash IN (?, ?)", [Tokens.hash(attempt.username), Tokens.hash(attempt.pair)])
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
