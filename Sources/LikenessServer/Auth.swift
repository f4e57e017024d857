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

/// Thrown when login attempts for a username, or for it from an address, are over the limit.
struct RateLimited: Error { let retryAfter: Int }

extension LoginLimits {
    /// Admits an attempt, counted as a failure until it succeeds; refuses it while its username
    /// backs off or its (username, address) pair is over the limit (`RateLimited`).
    func attempt(username: String, address: String, now: Date) async throws -> Attempt {
        switch try await admit(username: username, address: address, now: now) {
        case .admitted(let attempt): return attempt
        case .wait(let seconds): throw RateLimited(retryAfter: seconds)
        }
    }
}
