import Foundation
import Hummingbird
import LikenessCore

struct SessionInput: Decodable { var username: String?; var password: String? }
struct SessionAnswer: ResponseEncodable { let token: String; let role: AccountRole; let expiresAt: Date }
struct AccountAnswer: ResponseEncodable { let username: String; let role: AccountRole; let createdAt: Date }
struct APIKeyAnswer: ResponseEncodable { let id: String; let name: String; let role: AccountRole; let key: String }
struct PasswordInput: Decodable { var currentPassword: String?; var newPassword: String? }

/// `POST /v1/sessions`: login, the one call without a token.
struct SessionController {
    let services: Services

    /// Rate-limited per username and per client address; failures are audited. A vault holder's
    /// session keeps the vault key, unlocked with the password, in memory.
    func login(_ request: Request, context: AppContext) async throws -> EditedResponse<SessionAnswer> {
        let input = try await request.decode(as: SessionInput.self, context: context)
        guard let username = input.username, !username.isEmpty else { throw LikenessError.missing("username") }
        guard let password = input.password, !password.isEmpty else { throw LikenessError.missing("password") }
        let address = context.clientAddress
        let keys = ["user:" + username, "addr:" + address]
        try services.logins.check(keys)
        guard let (account, keyring) = try await services.accounts.login(username: username, password: password, from: address) else {
            services.logins.fail(keys)
            throw LikenessError.unauthorized
        }
        services.logins.succeed(["user:" + username])
        let (token, expiresAt) = services.sessions.open(for: Identity(actor: account.username, role: account.role), keyring: keyring)
        return EditedResponse(status: .created, response: SessionAnswer(token: token, role: account.role, expiresAt: expiresAt))
    }
}

/// Accounts, API keys and logout.
struct AccountController {
    let services: Services

    var routes: RouteCollection<AppContext> {
        let routes = RouteCollection(context: AppContext.self)
        routes.post("accounts", use: createAccount)
        routes.delete("accounts/:username", use: deleteAccount)
        routes.post("accounts/:username/password", use: changePassword)
        routes.post("api-keys", use: createKey)
        routes.delete("sessions", use: logout)
        return routes
    }

    /// An admin or privacy account is enrolled in the vault with the calling admin's unlocked key.
    func createAccount(_ request: Request, context: AppContext) async throws -> EditedResponse<AccountAnswer> {
        let admin = try context.require(.admin)
        let input = try await request.decode(as: AccountInput.self, context: context)
        let account = try await services.accounts.create(input, actor: admin.actor, keyring: context.keyring)
        return EditedResponse(status: .created, response: AccountAnswer(username: account.username, role: account.role, createdAt: account.createdAt))
    }

    /// Removes an account and its wrapped keys, and ends its sessions.
    func deleteAccount(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        let admin = try context.require(.admin)
        let username = try context.parameters.id("username", "account")
        try await services.accounts.delete(username: username, actor: admin.actor)
        services.sessions.closeAll(actor: username)
        return .noContent
    }

    /// An account changes its own password (the current one is required); its vault key is re-wrapped
    /// and its other sessions end.
    func changePassword(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        guard let caller = context.identity else { throw LikenessError.unauthorized }
        let username = try context.parameters.id("username", "account")
        guard caller.actor == username else {
            throw LikenessError(.forbidden, "forbidden", "an account changes only its own password")
        }
        let input = try await request.decode(as: PasswordInput.self, context: context)
        guard let current = input.currentPassword else { throw LikenessError.missing("currentPassword") }
        try await services.accounts.changePassword(username: username, current: current, new: input.newPassword)
        services.sessions.closeAll(actor: username)
        return .noContent
    }

    func createKey(_ request: Request, context: AppContext) async throws -> EditedResponse<APIKeyAnswer> {
        let admin = try context.require(.admin)
        let input = try await request.decode(as: APIKeyInput.self, context: context)
        let (key, secret) = try await services.accounts.createKey(input, actor: admin.actor)
        services.remember(key)
        return EditedResponse(status: .created, response: APIKeyAnswer(id: key.id, name: key.name, role: key.role, key: secret))
    }

    func logout(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        guard context.identity != nil, let tokenHash = context.tokenHash else { throw LikenessError.unauthorized }
        services.sessions.close(tokenHash: tokenHash)
        return .noContent
    }
}
