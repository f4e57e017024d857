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
}
