import Argon2
import Crypto
import Foundation
import LikenessRules

/// The vault private keys a session has unlocked, by generation. Held in memory only.
public struct VaultKeyring: Sendable {
    let keys: [Int64: Curve25519.KeyAgreement.PrivateKey]
}

/// The personal-data vault.
///
/// Records are sealed with HPKE (X25519, HKDF-SHA256, ChaChaPoly) to the vault's public key, with
/// the performer id as HPKE info, so a record moved to another row no longer opens. The vault's
/// private key is stored only sealed to the public key of each account that may hold it (admins
/// and privacy officers); each such account's own private key is stored only wrapped
/// (ChaChaPoly) under a key derived from its password with Argon2id (own salt and parameters,
/// distinct from the login hash). A session unlocks the vault key at login and keeps it in memory.
public struct Vault: Sendable {
    public let database: any StoreDatabase
    public let parameters: Argon2Parameters

    public init(database: any StoreDatabase, parameters: Argon2Parameters = .standard) {
        self.database = database
        self.parameters = parameters
    }

    static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

    /// Roles whose accounts hold the vault key.
    public static func holdsKey(_ role: AccountRole) -> Bool { role == .admin || role == .privacy }

    static let locked = LikenessError(.conflict, "vault-locked", "this session does not hold the vault key: log in again")

    // MARK: Accounts' keys

    /// A new account key pair, its private half wrapped under `password` (Argon2id off the request threads).
    struct AccountKey: Sendable {
        let privateKey: Curve25519.KeyAgreement.PrivateKey
        let wrapped: Data
        let salt: Data
        let kdf: String
    }

    func makeAccountKey(username: String, password: String,
                        privateKey: Curve25519.KeyAgreement.PrivateKey = .init()) async throws -> AccountKey {
        let parameters = self.parameters
        return try await Offload.run {
            let salt = Data(Argon2id.randomBytes(16))
            let kek = try Argon2id.deriveKey(password: password, salt: [UInt8](salt), parameters: parameters)
            let box = try ChaChaPoly.seal(privateKey.rawRepresentation, using: SymmetricKey(data: kek),
                                          authenticating: Data("likeness-account-key:\(username)".utf8))
            return AccountKey(privateKey: privateKey, wrapped: box.combined, salt: salt,
                              kdf: "argon2id;m=\(parameters.memoryKiB);t=\(parameters.iterations);p=\(parameters.parallelism)")
        }
    }

    static func parameters(_ kdf: String) throws -> Argon2Parameters {
        var values: [String: UInt32] = [:]
        for part in kdf.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=")
            if pair.count == 2, let v = UInt32(pair[1]) { values[String(pair[0])] = v }
        }
        guard kdf.hasPrefix("argon2id;"), let m = values["m"], let t = values["t"], let p = values["p"] else {
            throw LikenessError(.internal, "vault-corrupt", "unreadable key-derivation parameters")
        }
        return Argon2Parameters(iterations: t, memoryKiB: m, parallelism: p)
    }

    static func insert(_ key: AccountKey, username: String, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO account_key (username, public_key, wrapped_private_key, kdf_salt, kdf_parameters) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET public_key = excluded.public_key, wrapped_private_key = excluded.wrapped_private_key,
              kdf_salt = excluded.kdf_salt, kdf_parameters = excluded.kdf_parameters
            """, [username, key.privateKey.publicKey.rawRepresentation, key.wrapped, key.salt, key.kdf])
    }

    /// Seals a vault private key to an account's public key.
    static func grant(_ vaultKey: Curve25519.KeyAgreement.PrivateKey, generation: Int64, to publicKey: Data,
                      username: String, _ db: any SQLConnection) throws {
        let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey)
        var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: Data("likeness-vault-key:\(generation)".utf8))
        let sealed = try sender.seal(vaultKey.rawRepresentation, authenticating: Data(username.utf8))
        try db.execute("""
            INSERT INTO vault_grant (username, generation, encapsulated_key, sealed_private_key) VALUES (?, ?, ?, ?)
            ON CONFLICT (username, generation) DO UPDATE
              SET encapsulated_key = excluded.encapsulated_key, sealed_private_key = excluded.sealed_private_key
            """, [username, generation, sender.encapsulatedKey, sealed])
    }

    // MARK: Set-up, enrolment, unlocking

    /// Creates the vault (generation 1) and enrols its first holder; a no-op when a vault exists.
    public func create(holder username: String, password: String, now: Date) async throws {
        let accountKey = try await makeAccountKey(username: username, password: password)
        try await database.transaction { db in
            guard try db.value("SELECT count(*) FROM vault_key") == 0 else { return }
            let vaultKey = Curve25519.KeyAgreement.PrivateKey()
            try db.execute("INSERT INTO vault_key (generation, public_key, created_at) VALUES (1, ?, ?)",
                           [vaultKey.publicKey.rawRepresentation, now])
            try Self.insert(accountKey, username: username, db)
            try Self.grant(vaultKey, generation: 1, to: accountKey.privateKey.publicKey.rawRepresentation, username: username, db)
            try Audit.append(db, actor: username, action: "vault.create", subject: "vault", at: now)
        }
    }

    /// Stores a new holder's account key and seals the vault keys of `keyring` to it.
    static func enroll(_ accountKey: AccountKey, username: String, keyring: VaultKeyring, actor: String, now: Date, _ db: any SQLConnection) throws {
        try insert(accountKey, username: username, db)
        for (generation, key) in keyring.keys {
            try grant(key, generation: generation, to: accountKey.privateKey.publicKey.rawRepresentation, username: username, db)
        }
        try Audit.append(db, actor: actor, action: "vault.enroll", subject: username, at: now)
    }

    /// An account's wrapped key as stored.
    struct StoredAccountKey: Sendable {
        let wrapped: Data, salt: Data, kdf: String
        init(_ row: SQLRow) throws {
            wrapped = try row["wrapped_private_key"]; salt = try row["kdf_salt"]; kdf = try row["kdf_parameters"]
        }
        static func fetch(_ username: String, _ db: any SQLConnection) throws -> StoredAccountKey? {
            try db.row("SELECT * FROM account_key WHERE username = ?", [username]).map(Self.init)
        }
    }

    /// A vault key sealed to an account, as stored.
    struct StoredGrant: Sendable {
        let generation: Int64, encapsulated: Data, sealed: Data
        init(_ row: SQLRow) throws {
            generation = try row["generation"]; encapsulated = try row["encapsulated_key"]; sealed = try row["sealed_private_key"]
        }
    }

    /// The vault keys an account holds, unlocked with its password; nil when it holds none.
    public func unlock(username: String, password: String) async throws -> VaultKeyring? {
        let stored = try await database.snapshot { db -> (StoredAccountKey, [StoredGrant])? in
            guard let key = try StoredAccountKey.fetch(username, db) else { return nil }
            let grants = try db.rows("SELECT * FROM vault_grant WHERE username = ?", [username])
            return (key, try grants.map(StoredGrant.init))
        }
        guard let (stored, grants) = stored else { return nil }
        let accountKey = try await Self.unwrap(stored, username: username, password: password)
        var keys: [Int64: Curve25519.KeyAgreement.PrivateKey] = [:]
        for grant in grants {
            var recipient = try HPKE.Recipient(privateKey: accountKey, ciphersuite: Self.suite,
                                               info: Data("likeness-vault-key:\(grant.generation)".utf8),
                                               encapsulatedKey: grant.encapsulated)
            let raw = try recipient.open(grant.sealed, authenticating: Data(username.utf8))
            keys[grant.generation] = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
        }
        return VaultKeyring(keys: keys)
    }

    static func unwrap(_ stored: StoredAccountKey, username: String, password: String) async throws -> Curve25519.KeyAgreement.PrivateKey {
        let parameters = try Self.parameters(stored.kdf)
        let (salt, wrapped) = (stored.salt, stored.wrapped)
        return try await Offload.run {
            let kek = try Argon2id.deriveKey(password: password, salt: [UInt8](salt), parameters: parameters)
            let raw = try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: wrapped), using: SymmetricKey(data: kek),
                                          authenticating: Data("likeness-account-key:\(username)".utf8))
            return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
        }
    }

    /// The account's key re-wrapped under a new password (the vault keys sealed to it stay valid);
    /// nil when the account holds no key. The caller stores it with `insert(_:username:_:)`.
    func rewrapped(username: String, oldPassword: String, newPassword: String) async throws -> AccountKey? {
        guard let stored = try await database.snapshot({ try StoredAccountKey.fetch(username, $0) }) else { return nil }
        let privateKey = try await Self.unwrap(stored, username: username, password: oldPassword)
        return try await makeAccountKey(username: username, password: newPassword, privateKey: privateKey)
    }

    // MARK: Records

    /// Seals and stores a performer's personal data (casting and privacy may write).
    public func write(_ data: PersonalData, performer: String, actor: String, now: Date) async throws {
        let plaintext = try JSONEncoder().encode(data)
        try await database.transaction { db in
            try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
            guard let row = try db.row("""
                SELECT generation, public_key FROM vault_key WHERE retired_at IS NULL ORDER BY generation DESC LIMIT 1
                """) else {
                throw LikenessError(.conflict, "no-vault", "the vault is not set up: run `likeness init` with an admin")
            }
            let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: try row["public_key"] as Data)
            var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: Self.suite, info: Data(performer.utf8))
            let ciphertext = try sender.seal(plaintext)
            try db.execute("""
                INSERT INTO personal_record (performer, generation, encapsulated_key, ciphertext, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (performer) DO UPDATE SET generation = excluded.generation, encapsulated_key = excluded.encapsulated_key,
                  ciphertext = excluded.ciphertext, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, [performer, try row["generation"] as Int64, sender.encapsulatedKey, ciphertext, now, actor])
            try Audit.append(db, actor: actor, action: "personal.write", subject: performer, at: now)
        }
    }

    /// Opens a performer's personal data with a session's keys; the read is audited before the data is returned.
    public func read(performer: String, keyring: VaultKeyring?, actor: String, now: Date) async throws -> PersonalData {
        guard let keyring else { throw Self.locked }
        return try await database.transaction { db in
            guard let row = try db.row("SELECT * FROM personal_record WHERE performer = ?", [performer]) else {
                try Registry.requireExists(Performer.self, performer, "performer", field: "performer", db)
                throw LikenessError(.notFound, "not-found", "no personal data is recorded for performer '\(performer)'")
            }
            guard let key = keyring.keys[try row["generation"]] else { throw Self.locked }
            let data = try Self.open(row, performer: performer, key: key)
            try Audit.append(db, actor: actor, action: "personal.read", subject: performer, at: now)
            return data
        }
    }

    static func open(_ row: SQLRow, performer: String, key: Curve25519.KeyAgreement.PrivateKey) throws -> PersonalData {
        let (encapsulated, ciphertext): (Data, Data) = (try row["encapsulated_key"], try row["ciphertext"])
        do {
            var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: Data(performer.utf8),
                                               encapsulatedKey: encapsulated)
            return try JSONDecoder().decode(PersonalData.self, from: recipient.open(ciphertext))
        } catch {
            throw LikenessError(.conflict, "record-integrity",
                                "the personal record of performer '\(performer)' does not open: it was altered or moved")
        }
    }

    // MARK: Rotation

    /// Replaces the vault key pair: every record is re-sealed to the new public key and the new private
    /// key is sealed to every account that held the old one. Sessions must log in again to read.
    public func rotate(keyring: VaultKeyring, actor: String, now: Date) async throws -> (generation: Int64, records: Int) {
        try await database.transaction { db in
            let current: Int64 = try db.value("SELECT max(generation) FROM vault_key") ?? 0
            let next = current + 1
            let vaultKey = Curve25519.KeyAgreement.PrivateKey()
            try db.execute("INSERT INTO vault_key (generation, public_key, created_at) VALUES (?, ?, ?)",
                           [next, vaultKey.publicKey.rawRepresentation, now])
            var count = 0
            for row in try db.rows("SELECT * FROM personal_record", []) {
                let performer: String = try row["performer"]
                guard let old = keyring.keys[try row["generation"]] else { throw Self.locked }
                let data = try JSONEncoder().encode(try Self.open(row, performer: performer, key: old))
                var sender = try HPKE.Sender(recipientKey: vaultKey.publicKey, ciphersuite: Self.suite, info: Data(performer.utf8))
                let ciphertext = try sender.seal(data)
                try db.execute("""
                    UPDATE personal_record SET generation = ?, encapsulated_key = ?, ciphertext = ? WHERE performer = ?
                    """, [next, sender.encapsulatedKey, ciphertext, performer])
                count += 1
            }
            let holders = try db.rows("""
                SELECT k.username, k.public_key FROM account_key k
                WHERE EXISTS (SELECT 1 FROM vault_grant g WHERE g.username = k.username)
                """, [])
            try db.execute("DELETE FROM vault_grant")
            for holder in holders {
                try Self.grant(vaultKey, generation: next, to: try holder["public_key"], username: try holder["username"], db)
            }
            try db.execute("UPDATE vault_key SET retired_at = ? WHERE generation < ? AND retired_at IS NULL", [now, next])
            try Audit.append(db, actor: actor, action: "vault.rotate", subject: "vault",
                             detail: "generation \(next); \(count) records re-sealed; \(holders.count) holders", at: now)
            return (next, count)
        }
    }
}
