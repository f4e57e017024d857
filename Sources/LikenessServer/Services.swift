import Foundation
import LikenessApp
import LikenessRules
import LikenessStore
import Logging
import Synchronization

/// Everything the controllers share: the database, the clock, accounts, sessions, API keys, the
/// in-memory facts index that the check path reads and the checking service over it.
public final class Services: Sendable {
    public let database: any StoreDatabase
    public let clock: TimeSource
    public let accounts: Accounts
    public let sessions: SessionStore
    public let facts: FactsIndex
    public let receipts: ReceiptWriter
    public let checks: CheckOperations
    /// Batches of checks decided and stored at once: one deciding on each core while as many wait
    /// for the receipt writer (at 8 connections on 2 cores, 4 at once made 32,000 checks/s and 8
    /// made 33,600, with 20 MiB more memory at the peak; 2 made 28,600).
    let batches = BatchAdmission(limit: 2 * ProcessInfo.processInfo.activeProcessorCount)
    public let vault: Vault
    /// The registry's, the studio loop's and the records' use cases (`LikenessApp`): every write
    /// through them is followed by the facts index before the answer.
    public let operations: Operations
    public let accountOperations: AccountOperations
    public let personalData: PersonalDataOperations
    public let webhookOperations: WebhookOperations
    /// Signs attestations with the current key of the key file.
    public let signer: AttestationSigner
    /// The `iss` of every attestation.
    public let issuer: String
    /// Checks' attestations, for who may read the check, and the status lists, for anyone.
    public let attestations: AttestationOperations
    /// Webhook registrations, their secrets sealed with the key file's webhook key.
    public let webhooks: Webhooks
    /// Sends the outbox to the webhooks (run by the server as a service).
    public let delivery: EventDelivery
    /// The proxies whose `X-Forwarded-For` names the client.
    let trustedProxies: TrustedProxies
    let logger: Logger
    private let keys = Mutex<[String: APIKey]>([:])

    /// `signingKeyPath` is the key file of the attestations' signing key (created, and said so in
    /// the log, for a database that has none yet); `factsTrustedFor` bounds how stale a check's
    /// facts may be (`FactsIndex`).
    public init(database: any StoreDatabase, signingKeyPath: String, issuer: String = "likeness", clock: TimeSource = .system,
                accounts: Accounts? = nil, sessions: SessionStore = SessionStore(), deliveryTiming: EventDelivery.Timing = .standard,
                webhookHosts: Set<String>? = nil, trustedProxies: TrustedProxies = .none, factsTrustedFor: Duration = FactsIndex.trustedForDefault,
                logger: Logger = Logger(label: "likeness")) async throws {
        self.database = database
        self.clock = clock
        self.accounts = accounts ?? Accounts(database: database)
        self.sessions = sessions
        self.facts = try await FactsIndex.load(from: database, trustedFor: factsTrustedFor)
        self.receipts = ReceiptWriter(database: database)
        self.checks = CheckOperations(service: CheckService(facts: facts, receipts: receipts, clock: clock), clock: clock)
        self.vault = Vault(database: database, parameters: self.accounts.parameters)
        operations = Operations(database: database, clock: clock, committed: Self.catchingUp(facts, logger: logger))
        accountOperations = AccountOperations(accounts: self.accounts, sessions: sessions, clock: clock)
        personalData = PersonalDataOperations(vault: vault, clock: clock)
        self.trustedProxies = trustedProxies
        self.logger = logger
        let keyFile = SigningKeys(database: database, path: signingKeyPath)
        let (signer, created) = try await keyFile.current(now: clock.now())
        if created {
            logger.notice("created the attestations' signing key: keep its file apart from the database's backups",
                          metadata: ["file": .string(signingKeyPath), "kid": .string(signer.kid)])
        }
        self.signer = signer
        self.issuer = issuer
        attestations = AttestationOperations(database: database, clock: clock, signer: signer, issuer: issuer,
                                             pseudonyms: Pseudonyms(key: try keyFile.pseudonymKey()))
        webhooks = Webhooks(sealing: try keyFile.webhookKey())
        webhookOperations = WebhookOperations(webhooks: webhooks, database: database, clock: clock)
        delivery = EventDelivery(database: database, webhooks: webhooks, clock: clock, timing: deliveryTiming, allowedHosts: webhookHosts)
        let loaded = try await self.accounts.keysByHash()
        keys.withLock { $0 = loaded }
    }

    /// What follows a committed registry write: the API's answer carries the write's change token
    /// (`WrittenChange`) for checks on other servers, and the facts index catches up before the
    /// caller answers, so every later check on this server sees it. Once the transaction has
    /// committed the write has succeeded: if catching up fails (a busy database, say), the answer
    /// is still the success, and the index catches up at its next poll (`FactsIndex.follow`).
    static func catchingUp(_ facts: FactsIndex, logger: Logger) -> @Sendable (ChangeToken) async -> Void {
        { token in
            WrittenChange.current?.record(token)
            do {
                try await facts.refresh()
            } catch {
                logger.warning("the facts index will catch up at its next poll", metadata: ["error": "\(type(of: error))"])
            }
        }
    }

    /// The identity (and vault keys) behind a bearer token: a live session, else an API key
    /// (cached; keys made by the CLI are found in the database). API keys never hold vault keys.
    func identity(token: String, hash: String) async throws -> (Identity, VaultKeyring?)? {
        if let session = sessions.session(tokenHash: hash, now: clock.now()) { return (session.identity, session.keyring) }
        if let key = keys.withLock({ $0[hash] }) { return (Identity(actor: "key:\(key.id)", role: key.role), nil) }
        guard token.hasPrefix("lk_"), let key = try await accounts.key(hash: hash) else { return nil }
        keys.withLock { $0[hash] = key }
        return (Identity(actor: "key:\(key.id)", role: key.role), nil)
    }

    func remember(_ key: APIKey) {
        keys.withLock { $0[key.keyHash] = key }
    }
}
