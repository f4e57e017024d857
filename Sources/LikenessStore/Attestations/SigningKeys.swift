import Crypto
import Foundation
import LikenessRules

/// A public signing key as the database and a JWKS hold it (RFC 8037: OKP, Ed25519).
public struct PublicSigningKey: Codable, Sendable, Equatable {
    /// The RFC 7638 thumbprint of the key.
    public var kid: String
    /// The raw 32-byte Ed25519 public key, base64url.
    public var x: String
    public var kty = "OKP"
    public var crv = "Ed25519"
    public var use = "sig"
    public var alg = "EdDSA"

    public init(kid: String, x: String) { self.kid = kid; self.x = x }

    /// The RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, no spaces.
    public static func thumbprint(x: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(#"{"crv":"Ed25519","kty":"OKP","x":"\#(x)"}"#.utf8))))
    }

    var verifier: Curve25519.Signing.PublicKey? {
        Base64URL.decode(x).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }
}

/// A JSON Web Key Set of the service's public signing keys, current and retired.
public struct JWKS: Codable, Sendable, Equatable {
    public var keys: [PublicSigningKey]
    public init(keys: [PublicSigningKey]) { self.keys = keys }
}

/// The current signing key, able to sign.
public struct AttestationSigner: Sendable {
    public let kid: String
    let key: Curve25519.Signing.PrivateKey

    init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        kid = PublicSigningKey.thumbprint(x: Base64URL.encode(key.publicKey.rawRepresentation))
    }

    var publicKey: PublicSigningKey { PublicSigningKey(kid: kid, x: Base64URL.encode(key.publicKey.rawRepresentation)) }
}

/// The signing keys of attestations. The private key lives only in a key file beside the database
/// (mode 0600), never in the database, so that a copy of the database cannot forge attestations;
/// the public keys, current and retired, are in the database, so that every attestation ever
/// signed stays verifiable.
public struct SigningKeys: Sendable {
    public let database: any StoreDatabase
    /// The key file.
    public let path: String

    public init(database: any StoreDatabase, path: String) {
        self.database = database
        self.path = path
    }

    /// The key file a database uses unless told otherwise: `<database>.keys.json`.
    public static func defaultPath(database: String) -> String { database + ".keys.json" }

    /// What the key file holds.
    struct KeyFile: Codable {
        struct SigningKey: Codable { var kid: String; var d: String; var createdAt: Date }
        var signingKey: SigningKey
        /// The 256-bit key (base64url) that seals webhook secrets in the database; kept across rotations.
        var webhookKey: String?
        /// The 256-bit key (base64url) of performers' pseudonyms in media attestations
        /// (`performerRef`); kept across rotations, so that a performer's pseudonym never changes.
        var pseudonymKey: String?
    }

    /// The current key. A database made before attestations, with neither a key nor a key file,
    /// gets both now (`created` says so); a key file that the database does not know, or a missing
    /// key file for a database that has a key, is an error saying what to do.
    public func current(now: Date) async throws -> (signer: AttestationSigner, created: Bool) {
        let stored: String? = try await database.snapshot { try $0.value("SELECT kid FROM signing_key WHERE retired_at IS NULL") }
        guard FileManager.default.fileExists(atPath: path) else {
            if let stored {
                throw LikenessError(.internal, "signing-key-missing", """
                    the signing key file \(path) is missing, and the database's current key is \(stored): restore the file \
                    (from where it is kept apart from the database's backups), or start a new key with `likeness keys rotate` \
                    (attestations signed before stay verifiable)
                    """)
            }
            return (try await rotate(actor: "likeness", now: now), true)
        }
        let signer = try read()
        guard signer.kid == stored else {
            throw LikenessError(.internal, "signing-key-mismatch", """
                the signing key file \(path) holds key \(signer.kid), but the database's current key is \(stored ?? "none"): \
                use the key file of this database (--keys, $LIKENESS_KEYS), or start a new key with `likeness keys rotate`
                """)
        }
        return (signer, false)
    }

    /// Starts a new signing key: the key file is replaced (atomically, mode 0600) and the
    /// database's current public key retired (it still verifies).
    @discardableResult
    public func rotate(actor: String, now: Date) async throws -> AttestationSigner {
        let key = Curve25519.Signing.PrivateKey()
        let signer = AttestationSigner(key: key)
        let kept = FileManager.default.fileExists(atPath: path) ? try readFile() : nil
        try write(KeyFile(signingKey: .init(kid: signer.kid, d: Base64URL.encode(key.rawRepresentation), createdAt: now),
                          webhookKey: kept?.webhookKey, pseudonymKey: kept?.pseudonymKey))
        try await database.transaction { db in
            try db.execute("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL", [now])
            try db.execute("INSERT INTO signing_key (kid, public_key, created_at) VALUES (?, ?, ?)",
                           [signer.kid, key.publicKey.rawRepresentation, now])
            try Audit.append(db, actor: actor, action: "signing-key.create", subject: signer.kid, at: now)
        }
        return signer
    }

    /// Every public key, current first, then the retired ones, newest first.
    public static func jwks(_ db: any SQLConnection) throws -> JWKS {
        JWKS(keys: try db.rows("""
            SELECT kid, public_key FROM signing_key ORDER BY retired_at IS NOT NULL, created_at DESC
            """, []).map { PublicSigningKey(kid: try $0["kid"], x: Base64URL.encode(try $0["public_key"] as Data)) })
    }

    /// The key that seals webhook secrets in the database, made on first use and kept in the key
    /// file (never in the database, so a copy of the database cannot sign events).
    public func webhookKey() throws -> SymmetricKey {
        try secret(\.webhookKey)
    }

    /// The key of performers' pseudonyms (`Pseudonyms`), made on first use and kept in the key file
    /// (never in the database, so that only the service can tell which performer a pseudonym names).
    public func pseudonymKey() throws -> SymmetricKey {
        try secret(\.pseudonymKey)
    }

    /// A 256-bit secret of the key file, made and written there when it has none yet.
    func secret(_ member: WritableKeyPath<KeyFile, String?>) throws -> SymmetricKey {
        var file = try readFile()
        if let text = file[keyPath: member] {
            guard let raw = Base64URL.decode(text), raw.count == 32 else { throw unreadable }
            return SymmetricKey(data: raw)
        }
        let key = SymmetricKey(size: .bits256)
        file[keyPath: member] = Base64URL.encode(key.withUnsafeBytes { Data($0) })
        try write(file)
        return key
    }

    func read() throws -> AttestationSigner {
        guard let raw = Base64URL.decode(try readFile().signingKey.d),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw unreadable }
        return AttestationSigner(key: key)
    }

    func readFile() throws -> KeyFile {
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder.likeness.decode(KeyFile.self, from: data)
        else { throw unreadable }
        return file
    }

    var unreadable: LikenessError { LikenessError(.internal, "signing-key-unreadable", "the signing key file \(path) cannot be read") }

    func write(_ file: KeyFile) throws {
        let temporary = path + ".new"
        let data = try LikenessJSON.encoder.encode(file)
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw LikenessError(.internal, "signing-key-unwritable", "cannot write the signing key file \(temporary)")
        }
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw LikenessError(.internal, "signing-key-unwritable", "cannot move \(temporary) to \(path)")
        }
    }
}

extension JSONDecoder {
    /// Decodes what `LikenessJSON.encoder` writes (RFC 3339 dates).
    static var likeness: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
