import Argon2
import Crypto
import Foundation
import GRDB

/// Runs CPU-heavy work (Argon2id) on a Dispatch thread, off the request executor threads.
public enum Offload {
    public static func run<T: Sendable>(_ body: @Sendable @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }
}

public struct AccountInput: Codable, Sendable {
    public var username: String?
    public var password: String?
    public var role: String?
    public init(username: String? = nil, password: String? = nil, role: String? = nil) {
        self.username = username; self.password = password; self.role = role
    }
}

public struct APIKeyInput: Codable, Sendable {
    public var name: String?
    public var role: String?
    public init(name: String? = nil, role: String? = nil) { self.name = name; self.role = role }
}

/// Accounts (Argon2id password hashes) and API keys (SHA-256 of a random key).
public struct Accounts: Sendable {
    public let database: AppDatabase
    public let parameters: Argon2Parameters

    public init(database: AppDatabase, parameters: Argon2Parameters = .standard) {
        self.database = database
        self.parameters = parameters
    }

    static let minimumPasswordLength = 10

    static func validatePassword(_ password: String?) throws -> String {
        guard let password else { throw LikenessError.missing("password") }
        guard password.count >= minimumPasswordLength else {
            throw LikenessError.invalid("password", "password must be at least \(minimumPasswordLength) characters", code: "weak-password")
        }
        guard password.utf8.count <= 1024 else {
            throw LikenessError.invalid("password", "password is longer than 1024 bytes", code: "too-long")
        }
        return password
    }

    /// Creates an account; the password is hashed off the request threads. An admin or privacy
    /// account is enrolled in the vault with the creator's unlocked keys (`keyring`), in the same
    /// transaction; without them (and with a vault set up) it is refused.
    public func create(_ input: AccountInput, actor: String, keyring: VaultKeyring? = nil, now: Date = Date()) async throws -> Account {
        let username = try Validate.requiredID(input.username, "username")
        let role: AccountRole = try Validate.requiredTerm(input.role, "role")
        let password = try Self.validatePassword(input.password)
        let vault = Vault(database: database, parameters: parameters)
        if Vault.holdsKey(role) && keyring == nil {
            let vaults = try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vault_key") ?? 0 }
            if vaults > 0 { throw Vault.locked }
        }
        let parameters = self.parameters
        let hash = try await Offload.run { try Argon2id.hash(password: password, parameters: parameters) }
        let accountKey = Vault.holdsKey(role) && keyring != nil
            ? try await vault.makeAccountKey(username: username, password: password) : nil
        let account = Account(username: username, role: role, passwordHash: hash, createdAt: now)
        try await database.write { db in
            try Registry.requireAbsent(Account.self, username, "account", db)
            try account.insert(db)
            try Audit.append(db, actor: actor, action: "account.create", subject: username, detail: role.rawValue, at: now)
            if let accountKey, let keyring {
                try Vault.enroll(accountKey, username: username, keyring: keyring, actor: actor, db)
            }
        }
        return account
    }

    /// A hash of a password nobody has, verified for unknown users so that they take as long as a wrong password.
    private static let decoyHash = try! Argon2id.hash(password: UUID().uuidString)

    /// The account when the password matches; nil for an unknown user or a wrong password alike.
    public func authenticate(username: String, password: String) async throws -> Account? {
        let account = Validate.isID(username)
            ? try await database.read { try Account.fetchOne($0, key: username) } : nil
        let hash = account?.passwordHash ?? Self.decoyHash
        let matches = try await Offload.run { try Argon2id.verify(password: password, encoded: hash) }
        return matches ? account : nil
    }

    /// Logs in: the account and, for vault holders, the vault keys unlocked with the password.
    /// Failures are audited (the username tried, never the password).
    public func login(username: String, password: String, from address: String) async throws -> (Account, VaultKeyring?)? {
        guard let account = try await authenticate(username: username, password: password) else {
            try await database.write { db in
                try Audit.append(db, actor: "address:\(address)", action: "login.failure",
                                 subject: Validate.isID(username) ? username : "(not a username)")
            }
            return nil
        }
        let keyring = Vault.holdsKey(account.role)
            ? try await Vault(database: database, parameters: parameters).unlock(username: username, password: password) : nil
        try await database.write { try Audit.append($0, actor: username, action: "login", subject: username) }
        return (account, keyring)
    }

    /// Changes an account's password (the current one is required) and re-wraps its vault key.
    public func changePassword(username: String, current: String, new: String?) async throws {
        let newPassword = try Self.validatePassword(new)
        guard try await authenticate(username: username, password: current) != nil else {
            throw LikenessError(.forbidden, "wrong-password", "the current password is not right")
        }
        let parameters = self.parameters
        let hash = try await Offload.run { try Argon2id.hash(password: newPassword, parameters: parameters) }
        let rewrapped = try await Vault(database: database, parameters: parameters)
            .rewrapped(username: username, oldPassword: current, newPassword: newPassword)
        try await database.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE username = ?", arguments: [hash, username])
            if let rewrapped { try Vault.insert(rewrapped, username: username, db) }
            try Audit.append(db, actor: username, action: "account.password", subject: username)
        }
    }

    /// Removes an account with its wrapped keys (its API keys are separate and stay).
    public func delete(username: String, actor: String) async throws {
        guard username != actor else { throw LikenessError.state("an account cannot remove itself") }
        try await database.write { db in
            guard try Account.deleteOne(db, key: username) else { throw LikenessError.notFound("account", username) }
            try Audit.append(db, actor: actor, action: "account.delete", subject: username)
        }
    }

    /// Creates an API key; the key itself is returned once and only its SHA-256 is stored.
    public func createKey(_ input: APIKeyInput, actor: String, now: Date = Date()) async throws -> (APIKey, String) {
        let name = try Validate.requiredText(input.name, "name", max: 200)
        let role: AccountRole = try Validate.requiredTerm(input.role, "role")
        let secret = Tokens.random(prefix: "lk_")
        let key = APIKey(id: IDs.make("key"), name: name, role: role, keyHash: Tokens.hash(secret),
                         createdAt: now, createdBy: actor)
        try await database.write { db in
            try key.insert(db)
            try Audit.append(db, actor: actor, action: "api-key.create", subject: key.id, detail: role.rawValue, at: now)
        }
        return (key, secret)
    }

    /// Every API key, by the SHA-256 of its secret (loaded once; the check path never runs Argon2).
    public func keysByHash() async throws -> [String: APIKey] {
        let keys = try await database.read { try APIKey.fetchAll($0) }
        return Dictionary(keys.map { ($0.keyHash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func key(hash: String) async throws -> APIKey? {
        try await database.read { try APIKey.filter(Column("key_hash") == hash).fetchOne($0) }
    }
}

/// Opaque bearer tokens: 256 random bits, base64url; looked up by their SHA-256.
public enum Tokens {
    public static func random(prefix: String) -> String {
        let bytes = Argon2id.randomBytes(32)
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex, written straight into the string (tokens are hashed on every request).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let bytes = Array(bytes)
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            for (i, b) in bytes.enumerated() {
                text[2 * i] = hexDigits[Int(b >> 4)]
                text[2 * i + 1] = hexDigits[Int(b & 0xF)]
            }
            return 2 * bytes.count
        }
    }
}
