import Foundation
import Hummingbird
import LikenessCore

struct SessionInput: Decodable { var username: String?; var password: String? }
struct SessionAnswer: ResponseEncodable { let token: String; let role: AccountRole; let expiresAt: Date }
struct AccountAnswer: ResponseEncodable { let username: String; let role: AccountRole; let createdAt: Date }
struct APIKeyAnswer: ResponseEncodable { let id: String; let name: String; let role: AccountRole; let key: String }

/// `POST /v1/sessions` (login, unauthenticated), `DELETE /v1/sessions` (logout).
struct SessionController {
    let services: Services

    /// Login needs no token; it is rate-limited per username and per client address.
    func login(_ request: Request, context: AppContext) async throws -> EditedResponse<SessionAnswer> {
        let input = try await request.decode(as: SessionInput.self, context: context)
        guard let username = input.username, !username.isEmpty else { throw LikenessError.missing("username") }
        guard let password = input.password, !password.isEmpty else { throw LikenessError.missing("password") }
        let address = context.clientAddress
        let keys = ["user:" + username, "addr:" + address]
        try services.logins.check(keys)
        guard let account = try await services.accounts.authenticate(username: username, password: password) else {
            services.logins.fail(keys)
            context.logger.notice("login failed", metadata: ["address": .string(address)])
            throw LikenessError.unauthorized
        }
        services.logins.succeed(["user:" + username])
        let (token, expiresAt) = services.sessions.open(for: Identity(actor: account.username, role: account.role))
        return EditedResponse(status: .created, response: SessionAnswer(token: token, role: account.role, expiresAt: expiresAt))
    }
}


/// Accounts and API keys (admin).
struct AccountController {
    let services: Services

    var routes: RouteCollection<AppContext> {
        let routes = RouteCollection(context: AppContext.self)
        routes.post("accounts", use: createAccount)
        routes.post("api-keys", use: createKey)
        routes.delete("sessions", use: logout)
        return routes
    }

    func createAccount(_ request: Request, context: AppContext) async throws -> EditedResponse<AccountAnswer> {
        try context.require(.admin)
        let input = try await request.decode(as: AccountInput.self, context: context)
        let account = try await services.accounts.create(input)
        return EditedResponse(status: .created, response: AccountAnswer(username: account.username, role: account.role, createdAt: account.createdAt))
    }

    func createKey(_ request: Request, context: AppContext) async throws -> EditedResponse<APIKeyAnswer> {
        let admin = try context.require(.admin)
        let input = try await request.decode(as: APIKeyInput.self, context: context)
        let (key, secret) = try await services.accounts.createKey(input, actor: admin.actor)
        services.remember(key)
        return EditedResponse(status: .created, response: APIKeyAnswer(id: key.id, name: key.name, role: key.role, key: secret))
    }

    func logout(_ request: Request, context: AppContext) async throws -> HTTPResponse.Status {
        guard context.identity != nil, let header = request.headers[.authorization] else { throw LikenessError.unauthorized }
        services.sessions.close(tokenHash: Tokens.hash(String(header.dropFirst(7))))
        return .noContent
    }
}
