import Foundation
import GRDB
import LikenessCore
import Synchronization

/// Everything the controllers share: the database, accounts, sessions, API keys and the
/// in-memory facts index that the check path reads.
public final class Services: Sendable {
    public let database: AppDatabase
    public let accounts: Accounts
    public let sessions: SessionStore
    public let facts: FactsIndex
    public let receipts: ReceiptWriter
    public let vault: Vault
    let logins: LoginLimiter
    private let keys = Mutex<[String: APIKey]>([:])

    public init(database: AppDatabase, accounts: Accounts? = nil, sessions: SessionStore = SessionStore()) async throws {
        self.database = database
        self.accounts = accounts ?? Accounts(database: database)
        self.sessions = sessions
        self.facts = try await FactsIndex.load(from: database)
        self.receipts = ReceiptWriter(database: database)
        self.vault = Vault(database: database, parameters: self.accounts.parameters)
        self.logins = LoginLimiter()
        let loaded = try await self.accounts.keysByHash()
        keys.withLock { $0 = loaded }
    }

    /// A registry write: one transaction, then the facts index catches up before the caller answers,
    /// so every later check sees it.
    public func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        let result = try await database.write(body)
        try await facts.refresh()
        return result
    }

    /// The identity (and vault keys) behind a bearer token: a live session, else an API key
    /// (cached; keys made by the CLI are found in the database). API keys never hold vault keys.
    func identity(token: String, hash: String) async throws -> (Identity, VaultKeyring?)? {
        if let session = sessions.session(tokenHash: hash) { return (session.identity, session.keyring) }
        if let key = keys.withLock({ $0[hash] }) { return (Identity(actor: "key:\(key.id)", role: key.role), nil) }
        guard token.hasPrefix("lk_"), let key = try await accounts.key(hash: hash) else { return nil }
        keys.withLock { $0[hash] = key }
        return (Identity(actor: "key:\(key.id)", role: key.role), nil)
    }

    func remember(_ key: APIKey) {
        keys.withLock { $0[key.keyHash] = key }
    }
}
