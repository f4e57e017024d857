import CArgon2

/// Cost parameters of an Argon2id computation.
public struct Argon2Parameters: Sendable, Hashable {
    /// Passes over memory (t).
    public var iterations: UInt32
    /// Memory in KiB (m).
    public var memoryKiB: UInt32
    /// Lanes (p).
    public var parallelism: UInt32

    public init(iterations: UInt32, memoryKiB: UInt32, parallelism: UInt32) {
        self.iterations = iterations
        self.memoryKiB = memoryKiB
        self.parallelism = parallelism
    }

    /// The OWASP minimum for Argon2id: m = 19 MiB, t = 2, p = 1.
    public static let standard = Argon2Parameters(iterations: 2, memoryKiB: 19 * 1024, parallelism: 1)
}

/// An error code returned by libargon2.
public struct Argon2Error: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public var description: String { "argon2: " + String(cString: argon2_error_message(code)) }
}

/// Argon2id password hashing and key derivation over libargon2.
public enum Argon2id {
    static let saltLength = 16
    static let hashLength = 32

    /// Hashes `password` with a fresh random 16-byte salt into the encoded `$argon2id$v=19$m=…,t=…,p=…$salt$hash` form.
    public static func hash(password: String, parameters: Argon2Parameters = .standard) throws -> String {
        let salt = randomBytes(saltLength)
        let pwd = Array(password.utf8)
        let length = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            UInt32(saltLength), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let code = argon2id_hash_encoded(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            pwd, pwd.count, salt, salt.count, hashLength, &encoded, length)
        guard code == ARGON2_OK.rawValue else { throw Argon2Error(code: code) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Verifies `password` against an encoded Argon2id hash (constant-time comparison inside libargon2).
    /// Returns false on mismatch; throws for a malformed encoded hash.
    public static func verify(password: String, encoded: String) throws -> Bool {
        let pwd = Array(password.utf8)
        let code = argon2id_verify(encoded, pwd, pwd.count)
        if code == ARGON2_OK.rawValue { return true }
        if code == ARGON2_VERIFY_MISMATCH.rawValue { return false }
        throw Argon2Error(code: code)
    }

    /// Derives `length` raw key bytes from `password` and `salt` (for wrapping keys, not for storage as a login hash).
    public static func deriveKey(
        password: String, salt: [UInt8], parameters: Argon2Parameters = .standard, length: Int = 32
    ) throws -> [UInt8] {
        let pwd = Array(password.utf8)
        var out = [UInt8](repeating: 0, count: length)
        let code = argon2id_hash_raw(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            pwd, pwd.count, salt, salt.count, &out, length)
        guard code == ARGON2_OK.rawValue else { throw Argon2Error(code: code) }
        return out
    }

    /// Cryptographically secure random bytes (the system generator: getrandom on Linux).
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
