import Foundation
@testable import LikenessRules
@testable import LikenessStore
import Testing

/// Accounts and API keys on every backend (`StorageBackend.available`).
@Suite struct SharedAccountTests {
    @Test(arguments: StorageBackend.available)
    func accountsHashPasswordsAndAuthenticate(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let accounts = Accounts(database: database.store)
            let account = try await accounts.create(AccountInput(username: "amy", password: "long enough pw", role: "casting"),
                                                    actor: "test", now: testNow)
            #expect(account.passwordHash.hasPrefix("$argon2id$"))
            let read = try await accounts.authenticate(username: "amy", password: "long enough pw")
            #expect(read == account)
            #expect(try await accounts.authenticate(username: "amy", password: "wrong password") == nil)
            #expect(try await accounts.authenticate(username: "nobody", password: "long enough pw") == nil)
            await #expect { try await accounts.create(AccountInput(username: "amy", password: "long enough pw", role: "casting"), actor: "test", now: testNow) }
                throws: { ($0 as? LikenessError)?.code == "duplicate-id" }
            await #expect { try await accounts.create(AccountInput(username: "bob", password: "short", role: "casting"), actor: "test", now: testNow) }
                throws: { ($0 as? LikenessError)?.code == "weak-password" }
            await #expect { try await accounts.create(AccountInput(username: "bob", password: "long enough pw", role: "root"), actor: "test", now: testNow) }
                throws: { ($0 as? LikenessError)?.field == "role" }

            try await accounts.changePassword(username: "amy", current: "long enough pw", new: "a new long password", now: testNow)
            #expect(try await accounts.authenticate(username: "amy", password: "long enough pw") == nil)
            #expect(try await accounts.authenticate(username: "amy", password: "a new long password")?.role == .casting)
            try await accounts.delete(username: "amy", actor: "admin", now: testNow)
            await #expect { try await accounts.delete(username: "amy", actor: "admin", now: testNow) }
                throws: { ($0 as? LikenessError)?.kind == .notFound }
            let actions = try await database.store.snapshot { try Audit.page(limit: 10, before: nil, $0) }.map(\.action)
            #expect(actions == ["account.delete", "account.password", "account.create"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func apiKeysAreStoredOnlyAsHashes(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let accounts = Accounts(database: database.store)
            let (key, secret) = try await accounts.createKey(APIKeyInput(name: "pipeline", role: "production"), actor: "admin", now: testNow)
            #expect(secret.hasPrefix("lk_") && secret.count >= 46)
            #expect(key.keyHash == Tokens.hash(secret))
            #expect(try await database.texts("SELECT key_hash FROM api_key", []) == [Tokens.hash(secret)])
            #expect(try await accounts.key(hash: Tokens.hash(secret)) == key)
            #expect(try await accounts.keysByHash() == [key.keyHash: key])
            #expect(try await accounts.key(hash: Tokens.hash("lk_not-a-key")) == nil)
        }
    }

    /// Failed logins count per key within the window, whoever reads them; a success forgets its
    /// keys; expired failures go as new ones are written; keys are kept only as hashes.
    @Test(arguments: StorageBackend.available)
    func loginFailuresCountPerKeyWithinTheWindow(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let limits = LoginLimits(database: database.store, limit: 2, window: 10)
            let t0 = testNow
            try await limits.fail(["addr:1"], now: t0)
            #expect(try await limits.wait(["addr:1"], now: t0) == 0, "one failure is under the limit")
            try await limits.fail(["user:a", "addr:1"], now: t0.addingTimeInterval(2))
            #expect(try await limits.wait(["user:a", "addr:1"], now: t0.addingTimeInterval(3)) == 7)
            #expect(try await limits.wait(["user:a", "addr:2"], now: t0.addingTimeInterval(3)) == 0)
            let again = LoginLimits(database: database.store, limit: 2, window: 10)
            #expect(try await again.wait(["addr:1"], now: t0.addingTimeInterval(9.5)) == 1, "another server counts the same failures")
            #expect(try await limits.wait(["addr:1"], now: t0.addingTimeInterval(10)) == 0, "the first failure left the window")

            try await limits.fail(["user:b"], now: t0)
            try await limits.fail(["user:b"], now: t0)
            try await limits.succeed(["user:b"])
            #expect(try await limits.wait(["user:b"], now: t0) == 0)

            try await limits.fail(["user:c"], now: t0.addingTimeInterval(30))
            let kept = try await database.texts("SELECT key_hash FROM login_failure", [])
            #expect(kept == [Tokens.hash("user:c")], "expired failures are deleted; keys are hashed")
        }
    }
}
