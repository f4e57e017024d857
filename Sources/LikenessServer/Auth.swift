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
