import Argon2
import Crypto
import Foundation
import LikenessRules

/// Opaque bearer tokens: 256 random bits, base64url; looked up by their SHA-256.
public enum Tokens {
    public static func random(prefix: String) -> String {
        prefix + Base64URL.encode(Argon2id.randomBytes(32))
    }

    /// The SHA-256 of a token in hex: what sessions and API keys are kept by.
    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
