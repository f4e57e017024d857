import Foundation
import LikenessRules
import LikenessStore

/// Thrown when sign-ins for a username, or for it from an address, are over the limit.
public struct RateLimited: Error {
    /// Seconds until the next attempt is admitted.
    public let retryAfter: Int
}

/// Signing in, accounts and API keys. A running server's sessions end with the account (and with
/// a changed password); the CLI has none to end.
public struct AccountOperations: Sendable {
    public let accounts: Accounts
    let sessions: SessionStore?
    let clock: TimeSource
    /// Failed sign-ins, counted in the database (every server of one database counts the same).
    let logins: LoginLimits

    public init(accounts: Accounts, sessions: SessionStore? = nil, clock: TimeSource) {
        self.accounts = accounts
        self.sessions = sessions
        self.clock = clock
        self.logins = LoginLimits(database: accounts.database)
    }

    /// The account behind a username and password, with the vault keys its password unlocks (a
    /// vault holder's); nil when they do not match. Rate-limited per username and per (username,
    /// client address) pair (`RateLimited`): an attempt counts as a failure until it succeeds, and
    /// failures are audited.
    public func signIn(username: String, password: String, from address: String) async throws -> (Identity, VaultKeyring?)? {
        let now = clock.now()
        let attempt: LoginLimits.Attempt
        switch try await logins.admit(username: username, address: address, now: now) {
        case .admitted(let admitted): attempt = admitted
        case .wait(let seconds): throw RateLimited(retryAfter: seconds)
        }
        guard let (account, keyring) = try await accounts.login(username: username, password: password, from: address, now: now) else {
            return nil
        }
        try await logins.succeed(attempt)
        return (Identity(actor: account.username, role: account.role), keyring)
    }

    /// Accepts an invitation (no authentication): creates the account when `username` is new, or
    /// adds the delegation to the existing account whose password matches. Every attempt counts
    /// against the address's limit (`logins`); unknown, used and expired codes are one 404.
    public func acceptInvitation(_ input: AcceptInvitationInput, from address: String) async throws -> (account: Account, delegation: Delegation) {
        guard let code = input.code, !code.isEmpty else { throw LikenessError.missing("code") }
        let username = try Validate.requiredID(input.username, "username")
        guard let password = input.password else { throw LikenessError.missing("password") }
        let email = try Validate.email(input.email, "email")
        let now = clock.now()
        let attempt: LoginLimits.Attempt
        switch try await logins.admit(username: "invitation@" + address, address: address, now: now) {
        case .admitted(let admitted): attempt = admitted
        case .wait(let seconds): throw RateLimited(retryAfter: seconds)
        }
        let invitation = try await accounts.database.snapshot { try Invitations.usable(code: code, now: now, $0) }
        var newAccount: Account?
        if try await accounts.database.snapshot({ try Account.exists(username, $0) }) {
            guard try await accounts.authenticate(username: username, password: password) != nil else {
                throw LikenessError(.unauthorized, "unauthorized", "the password is not the account's")
            }
        } else {
            newAccount = try await accounts.newAccount(username: username, password: password, minimumLength: 12,
                                                        role: invitation.capacity.role, email: email, now: now)
        }
        let account = newAccount
        let accepted = try await accounts.database.transaction { try Invitations.accept(code: code, account: username, newAccount: account, now: now, $0) }
        try await logins.succeed(attempt)
        return accepted
    }

    /// An admin or privacy account is enrolled in the vault with the caller's unlocked keys.
    public func createAccount(_ input: AccountInput, keyring: VaultKeyring?, by caller: Identity) async throws -> Account {
        try caller.require(.manageAccounts)
        return try await accounts.create(input, actor: caller.actor, keyring: keyring, now: clock.now())
    }

    /// Removes an account and its wrapped keys, and ends its sessions.
    public func deleteAccount(_ username: String, by caller: Identity) async throws {
        try caller.require(.manageAccounts)
        try await accounts.delete(username: username, actor: caller.actor, now: clock.now())
        sessions?.closeAll(actor: username)
    }

    /// An account changes its own password (the current one is required); its vault key is
    /// re-wrapped and its sessions end.
    public func changePassword(of username: String, current: String?, new: String?, by caller: Identity) async throws {
        try caller.require(.changeOwnPassword)
        guard caller.actor == username else { throw LikenessError(.forbidden, "forbidden", "an account changes only its own password") }
        guard let current else { throw LikenessError.missing("currentPassword") }
        try await accounts.changePassword(username: username, current: current, new: new, now: clock.now())
        sessions?.closeAll(actor: username)
    }

    /// A new API key and its secret (shown once).
    public func createKey(_ input: APIKeyInput, by caller: Identity) async throws -> (key: APIKey, secret: String) {
        try caller.require(.manageAccounts)
        return try await accounts.createKey(input, actor: caller.actor, now: clock.now())
    }
}

/// Performers' personal data, sealed in the vault: casting and privacy officers write it (no key
/// needed), only privacy officers read it, and every read is audited.
public struct PersonalDataOperations: Sendable {
    let vault: Vault
    let clock: TimeSource

    public init(vault: Vault, clock: TimeSource) {
        self.vault = vault
        self.clock = clock
    }

    public func write(_ input: PersonalDataInput, performer: String, by caller: Identity) async throws {
        try caller.require(.writePersonalData)
        try await vault.write(try input.validated(), performer: performer, actor: caller.actor, now: clock.now())
    }

    public func read(performer: String, keyring: VaultKeyring?, by caller: Identity) async throws -> PersonalData {
        try caller.require(.readPersonalData)
        return try await vault.read(performer: performer, keyring: keyring, actor: caller.actor, now: clock.now())
    }
}

/// Webhooks: who is told of events, and what each delivery answered (admins only).
public struct WebhookOperations: Sendable {
    let webhooks: Webhooks
    let database: any StoreDatabase
    let clock: TimeSource

    public init(webhooks: Webhooks, database: any StoreDatabase, clock: TimeSource) {
        self.webhooks = webhooks
        self.database = database
        self.clock = clock
    }

    /// The new webhook with its secret (in this answer only).
    public func register(_ input: WebhookInput, by caller: Identity) async throws -> RegisteredWebhook {
        try caller.require(.manageWebhooks)
        let (url, events) = try input.validated()
        let (now, webhooks) = (clock.now(), self.webhooks)
        return try await database.transaction { try webhooks.register(url: url, events: events, actor: caller.actor, now: now, $0) }
    }

    public func list(by caller: Identity) async throws -> [WebhookSummary] {
        try caller.require(.manageWebhooks)
        return try await database.snapshot(Webhooks.list)
    }

    public func delete(_ id: String, by caller: Identity) async throws {
        try caller.require(.manageWebhooks)
        let now = clock.now()
        try await database.transaction { try Webhooks.delete(id, actor: caller.actor, now: now, $0) }
    }

    /// The newest deliveries first.
    public func deliveries(of id: String, limit: Int, by caller: Identity) async throws -> [DeliveryRecord] {
        try caller.require(.manageWebhooks)
        return try await database.snapshot { try Webhooks.deliveries(of: id, limit: limit, $0) }
    }
}
