import Foundation
import LikenessRules
import Synchronization

/// Login sessions, in memory only: gone on logout, expiry or restart.
public final class SessionStore: Sendable {
    /// A live session: who, the vault keys it unlocked at login (if any), and until when.
    public struct Session: Sendable {
        public let identity: Identity
        public let keyring: VaultKeyring?
        public let expiresAt: Date
    }

    private let sessions = Mutex<[String: Session]>([:])
    public let lifetime: TimeInterval

    public init(lifetime: TimeInterval = 8 * 3600) { self.lifetime = lifetime }

    /// Opens a session; returns the bearer token (shown once) and its expiry.
    public func open(for identity: Identity, keyring: VaultKeyring? = nil, now: Date) -> (token: String, expiresAt: Date) {
        let token = Tokens.random(prefix: "lks_")
        let expiresAt = now.addingTimeInterval(lifetime)
        sessions.withLock { table in
            table = table.filter { $0.value.expiresAt > now }
            table[Tokens.hash(token)] = Session(identity: identity, keyring: keyring, expiresAt: expiresAt)
        }
        return (token, expiresAt)
    }

    /// A live session, by the SHA-256 of its token.
    public func session(tokenHash: String, now: Date) -> Session? {
        sessions.withLock { table in
            guard let session = table[tokenHash] else { return nil }
            guard session.expiresAt > now else {
                table[tokenHash] = nil
                return nil
            }
            return session
        }
    }

    /// Ends every session of an account (removed, or its password changed).
    public func closeAll(actor: String) {
        sessions.withLock { table in table = table.filter { $0.value.identity.actor != actor } }
    }

    public func close(tokenHash: String) {
        _ = sessions.withLock { $0.removeValue(forKey: tokenHash) }
    }
}
