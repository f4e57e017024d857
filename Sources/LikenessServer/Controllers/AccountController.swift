import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

struct SessionInput: Decodable { var username: String?; var password: String? }
struct SessionAnswer: ResponseEncodable { let token: String; let role: AccountRole; let expiresAt: Date }
struct AccountAnswer: ResponseEncodable { let username: String; let role: AccountRole; let email: String?; let createdAt: Date }
struct APIKeyAnswer: ResponseEncodable { let id: String; let name: String; let role: AccountRole; let key: String }
struct PasswordInput: Decodable { var currentPassword: String?; var newPassword: String? }

/// `POST /v1/sessions` (login, the one call of `/v1` without a token) and `DELETE /v1/sessions`.
struct SessionController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/sessions", .signIn, login),
            Endpoint(.delete, "/v1/sessions", .signOut, logout),
        ]
    }

    /// Rate-limited per username and per client address; failures are audited. A vault holder's
    /// session keeps the vault key, unlocked with the password, in memory.
    func login(_ request: Request, context: AppContext) async throws -> EditedResponse<SessionAnswer> {
        let input = try await request.decode(as: SessionInput.self, context: context)
        guard let username = input.username, !username.isEmpty else { throw LikenessError.missing("username") }
        guard let password = input.password, !password.isEmpty else { throw LikenessError.missing("password") }
        let address = services.clientAddress(request, context)
        guard let (identity, keyring) = try await services.accountOperations.signIn(username: username, password: password, from: address) else {
            throw LikenessError.unauthorized
        }
        let (token, expiresAt) = services.sessions.open(for: identity, keyring: keyring, now: services.clock.now())
        return EditedResponse(status: .created, response: SessionAnswer(token: token, role: identity.role, expiresAt: expiresAt))
    }

    func logout(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        guard let tokenHash = context.tokenHash else { throw LikenessError.unauthorized }
        services.sessions.close(tokenHash: tokenHash)
        return .noContent
    }
}

/// Accounts and API keys.
struct AccountController {
    let services: Services

    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/accounts", .manageAccounts, createAccount),
            Endpoint(.delete, "/v1/accounts/{username}", .manageAccounts, deleteAccount),
            Endpoint(.post, "/v1/accounts/{username}/password", .changeOwnPassword, changePassword),
            Endpoint(.post, "/v1/api-keys", .manageAccounts, createKey),
        ]
    }

    /// An admin or privacy account is enrolled in the vault with the calling admin's unlocked key.
    func createAccount(_ request: Request, context: AppContext) async throws -> EditedResponse<AccountAnswer> {
        let input = try await request.decode(as: AccountInput.self, context: context)
        let account = try await services.accountOperations.createAccount(input, keyring: context.keyring, by: context.caller)
        return EditedResponse(status: .created, response: AccountAnswer(username: account.username, role: account.role, email: account.email, createdAt: account.createdAt))
    }

    /// Removes an account and its wrapped keys, and ends its sessions.
    func deleteAccount(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        try await services.accountOperations.deleteAccount(try context.parameters.id("username", "account"), by: context.caller)
        return .noContent
    }

    /// An account changes its own password (the current one is required); its vault key is re-wrapped
    /// and its other sessions end.
    func changePassword(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let username = try context.parameters.id("username", "account")
        let caller = try context.caller
        guard caller.actor == username else { throw LikenessError(.forbidden, "forbidden", "an account changes only its own password") }
        let input = try await request.decode(as: PasswordInput.self, context: context)
        try await services.accountOperations.changePassword(of: username, current: input.currentPassword, new: input.newPassword, by: caller)
        return .noContent
    }

    func createKey(_ request: Request, context: AppContext) async throws -> EditedResponse<APIKeyAnswer> {
        let input = try await request.decode(as: APIKeyInput.self, context: context)
        let (key, secret) = try await services.accountOperations.createKey(input, by: context.caller)
        services.remember(key)
        return EditedResponse(status: .created, response: APIKeyAnswer(id: key.id, name: key.name, role: key.role, key: secret))
    }
}
