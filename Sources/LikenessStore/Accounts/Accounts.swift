import Argon2
import Crypto
import Foundation
import LikenessRules

/// Accounts (Argon2id password hashes) and API keys (SHA-256 of a random key).
public struct Accounts: Sendable {
    public let database: any StoreDatabase
    public let parameters: Argon2Parameters

    public init(database: any StoreDatabase, parameters: Argon2Parameters = .standard) {
        self.database = database
        self.parameters = parameters
    }

    /// Lengths in Unicode code points, as JSON Schema's `minLength` and `maxLength` count them.
    static let minimumPasswordLength = 10
    static let maximumPasswordLength = 256

    static func validatePassword(_ password: String?) throws -> String {
        guard let password else { throw LikenessError.missing("password") }
        guard password.unicodeScalars.count >= minimumPasswordLength else {
            throw LikenessError.invalid("password", "password must be at least \(minimumPasswordLength) characters", code: "weak-password")
        }
        guard password.unicodeScalars.count <= maximumPasswordLength else {
            throw LikenessError.invalid("password", "password is longer than \(maximumPasswordLength) characters", code: "too-long")
        }
        return password
    }

    /// Creates an account; the password is hashed off the request threads. An admin or privacy
    /// account is enrolled in the vault with the creator's unlocked keys (`keyring`), in the same
    /// transaction; without them (and with a vault set up) it is refused.
    public func create(_ input: AccountInput, actor: String, keyring: VaultKeyring? = nil, now: Date) async throws -> Account {
        let username = try Validate.requiredID(input.username, "username")
        let role: AccountRole = try Validate.requiredTerm(input.role, "role")
        let password = try Self.validatePassword(input.password)
        let email = try Validate.email(input.email, "email")
        let vault = Vault(database: database, parameters: parameters)
        if Vault.holdsKey(role) && keyring == nil {
            let vaults: Int = try await database.snapshot { try $0.value("SELECT count(*) FROM vault_key") ?? 0 }
            if vaults > 0 { throw Vault.locked }
        }
        let parameters = self.parameters
        let hash = try await Offload.run { try Argon2id.hash(password: password, parameters: parameters) }
        let accountKey = Vault.holdsKey(role) && keyring != nil
            ? try await vault.makeAccountKey(username: username, password: password) : nil
        let account = Account(username: username, role: role, passwordHash: hash, createdAt: now, email: email)
        try await database.transaction { db in
            guard try !Account.exists(username, db) else { throw LikenessError.duplicate("account", username) }
            try account.insert(db)
            try Audit.append(db, actor: actor, action: "account.create", subject: username, detail: role.rawValue, at: now)
            if let accountKey, let keyring {
                try Vault.enroll(accountKey, username: username, keyring: keyring, actor: actor, now: now, db)
            }
        }
        return account
    }

    /// A new account's record with its password hashed (off the request threads), not yet stored:
    /// accepting an invitation stores it in the transaction that uses the code. Its password is
    /// at least `minimumLength` characters.
    public func newAccount(username: String, password: String, minimumLength: Int, role: AccountRole, email: String?,
                           now: Date) async throws -> Account {
        guard password.unicodeScalars.count >= minimumLength else {
            throw LikenessError.invalid("password", "password must be at least \(minimumLength) characters", code: "weak-password")
        }
        let password = try Self.validatePassword(password)
        let parameters = self.parameters
        let hash = try await Offload.run { try Argon2id.hash(password: password, parameters: parameters) }
        return Account(username: username, role: role, passwordHash: hash, createdAt: now, email: email)
    }

    /// A hash of a password nobody has, verified for unknown users so that they take as long as a wrong password.
    private static let decoyHash = try! Argon2id.hash(password: UUID().uuidString)

    /// The account when the password matches; nil for an unknown user or a wrong password alike.
    public func authenticate(username: String, password: String) async throws -> Account? {
        let account = Validate.isID(username)
            ? try await database.snapshot { try Account.find(username, $0) }
            : nil
        let hash = account?.passwordHash ?? Self.decoyHash
        let matches = try await Offload.run { try Argon2id.verify(password: password, encoded: hash) }
        return matches ? account : nil
    }

    /// Logs in: the account and, for vault holders, the vault keys unlocked with the password.
    /// Failures are audited (the username tried, never the password).
    public func login(username: String, password: String, from address: String, now: Date) async throws -> (Account, VaultKeyring?)? {
        guard let account = try await authenticate(username: username, password: password) else {
            try await database.transaction { db in
                try Audit.append(db, actor: "address:\(address)", action: "login.failure",
                                 subject: Validate.isID(username) ? username : "(not a username)", at: now)
            }
            return nil
        }
        let keyring = Vault.holdsKey(account.role)
            ? try await Vault(database: database, parameters: parameters).unlock(username: username, password: password) : nil
        try await database.transaction { try Audit.append($0, actor: username, action: "login", subject: username, at: now) }
        return (account, keyring)
    }

    /// Changes an account's password (the current one is required) and re-wraps its vault key.
    public func changePassword(username: String, current: String, new: String?, now: Date) async throws {
        let newPassword = try Self.validatePassword(new)
        guard try await authenticate(username: username, password: current) != nil else {
            throw LikenessError(.forbidden, "wrong-password", "the current password is not right")
        }
        let parameters = self.parameters
        let hash = try await Offload.run { try Argon2id.hash(password: newPassword, parameters: parameters) }
        let rewrapped = try await Vault(database: database, parameters: parameters)
            .rewrapped(username: username, oldPassword: current, newPassword: newPassword)
        try await database.transaction { db in
            try db.execute("UPDATE account SET password_hash = ? WHERE username = ?", [hash, username])
            if let rewrapped { try Vault.insert(rewrapped, username: username, db) }
            try Audit.append(db, actor: username, action: "account.password", subject: username, at: now)
        }
    }

    /// Removes an account with its wrapped keys (its API keys are separate and stay).
    public func delete(username: String, actor: String, now: Date) async throws {
        guard username != actor else { throw LikenessError.state("an account cannot remove itself") }
        try await database.transaction { db in
            if try db.row("SELECT 1 FROM delegation WHERE account = ? LIMIT 1", [username]) != nil {
                throw LikenessError.state("'\(username)' acts for performers (its delegations record who acted): revoke its delegations instead")
            }
            guard try db.row("DELETE FROM account WHERE username = ? RETURNING username", [username]) != nil else {
                throw LikenessError.notFound("account", username)
            }
            try Audit.append(db, actor: actor, action: "account.delete", subject: username, at: now)
        }
    }

    /// Creates an API key; the key itself is returned once and only its SHA-256 is stored.
    public func createKey(_ input: APIKeyInput, actor: String, now: Date) async throws -> (APIKey, String) {
        let name = try Validate.requiredText(input.name, "name", max: 200)
        let role: AccountRole = try Validate.requiredTerm(input.role, "role")
        guard !role.isPerformerSide else {
            throw LikenessError.invalid("role", "an API key is for a service; performers and their representatives sign in with their accounts",
                                        code: "invalid-enum")
        }
        let secret = Tokens.random(prefix: "lk_")
        let key = APIKey(id: IDs.make("key", now: now), name: name, role: role, keyHash: Tokens.hash(secret),
                         createdAt: now, createdBy: actor)
        try await database.transaction { db in
            try key.insert(db)
            try Audit.append(db, actor: actor, action: "api-key.create", subject: key.id, detail: role.rawValue, at: now)
        }
        return (key, secret)
    }

    /// Every API key, by the SHA-256 of its secret (loaded once; the check path never runs Argon2).
    public func keysByHash() async throws -> [String: APIKey] {
        let keys = try await database.snapshot { try APIKey.fetch("", [], $0) }
        return Dictionary(keys.map { ($0.keyHash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func key(hash: String) async throws -> APIKey? {
        try await database.snapshot { try APIKey.fetch("WHERE key_hash = ?", [hash], $0).first }
    }
}
