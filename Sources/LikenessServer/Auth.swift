import Foundation
import Hummingbird
import LikenessRules
import LikenessStore
import Synchronization

/// Resolves `Authorization: Bearer <token>` into the caller's identity; 401 otherwise.
struct Authenticator: Sendable {
    let services: Services

    func authenticate(_ request: Request, _ context: AppContext) async throws -> AppContext {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw LikenessError.unauthorized }
        let token = String(header.dropFirst(7))
        let tokenHash = Tokens.hash(token)
        guard let (identity, keyring) = try await services.identity(token: token, hash: tokenHash) else {
            throw LikenessError.unauthorized
        }
        var context = context
        context.identity = identity
        context.keyring = keyring
        context.tokenHash = tokenHash
        return context
    }
}

/// Thrown when login attempts for a username or from an address are over the limit.
struct RateLimited: Error { let retryAfter: Int }

/// Failed logins per username and per client address: after `limit` failures within `window`
/// seconds, further attempts are refused until the window has passed.
final class LoginLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    func check(_ keys: [String], now: Date) throws {
        let wait: TimeInterval = failures.withLock { table in
            keys.map { key in
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent.isEmpty ? nil : recent
                return recent.count >= limit ? window - now.timeIntervalSince(recent[0]) : 0
            }.max() ?? 0
        }
        if wait > 0 { throw RateLimited(retryAfter: max(1, Int(wait.rounded(.up)))) }
    }

    /// Past this many tracked keys, expired ones are dropped (a spray of usernames cannot grow it without bound).
    static let pruneAbove = 10_000

    func fail(_ keys: [String], now: Date) {
        failures.withLock { table in
            if table.count > Self.pruneAbove {
                table = table.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
            for key in keys { table[key, default: []].append(now) }
        }
    }

    func succeed(_ keys: [String]) {
        failures.withLock { table in for key in keys { table[key] = nil } }
    }
}
