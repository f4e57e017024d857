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

    /// Failed logins count per key within the window, whoever reads them: an admitted attempt
    /// counts until it succeeds, and a success forgets it and its username's failures; expired
    /// failures go as new ones are written; keys are kept only as hashes.
    @Test(arguments: StorageBackend.available)
    func loginFailuresCountPerKeyWithinTheWindow(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let limits = LoginLimits(database: database.store, limit: 2, window: 10)
            let t0 = testNow
            #expect(try await limits.admit(["addr:1"], now: t0).waits == nil)
            #expect(try await limits.admit(["user:a", "addr:1"], now: t0.addingTimeInterval(2)).waits == nil, "one failure is under the limit")
            #expect(try await limits.admit(["user:a", "addr:1"], now: t0.addingTimeInterval(3)).waits == 7)
            #expect(try await limits.admit(["user:a", "addr:2"], now: t0.addingTimeInterval(3)).waits == nil)
            let again = LoginLimits(database: database.store, limit: 2, window: 10)
            #expect(try await again.admit(["addr:1"], now: t0.addingTimeInterval(9.5)).waits == 1, "another server counts the same failures")
            #expect(try await limits.admit(["addr:1"], now: t0.addingTimeInterval(10)).waits == nil, "the first failure left the window")

            _ = try await limits.admit(["user:b", "addr:3"], now: t0)
            let success = try #require(try await limits.admit(["user:b", "addr:4"], now: t0).attempt)
            try await limits.succeed(success, forgetting: "user:b")
            #expect(try await database.texts("SELECT key_hash FROM login_failure WHERE key_hash IN (?, ?, ?)",
                                             [.text(Tokens.hash("user:b")), .text(Tokens.hash("addr:3")), .text(Tokens.hash("addr:4"))])
                    == [Tokens.hash("addr:3")], "the success is forgotten with its username's failures, not another address's")

            _ = try await limits.admit(["user:c"], now: t0.addingTimeInterval(30))
            let kept = try await database.texts("SELECT key_hash FROM login_failure", [])
            #expect(kept == [Tokens.hash("user:c")], "expired failures are deleted; keys are hashed")
        }
    }

    /// Attempts made at once, by servers sharing the database, are admitted up to the limit and
    /// no further: counting and recording an attempt is one turn.
    @Test(arguments: StorageBackend.available)
    func attemptsAtOnceAreAdmittedUpToTheLimit(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let servers = (0..<4).map { _ in LoginLimits(database: database.store, limit: 3, window: 60) }
            for round in 0..<8 {
                let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for attempt in 0..<24 {
                        group.addTask { try await servers[attempt % 4].admit(["user:eve-\(round)"], now: testNow).attempt != nil }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(admitted == 3, "round \(round)")
            }
        }
    }
}

extension LoginLimits.Admission {
    /// The admitted attempt, if any.
    var attempt: LoginLimits.Attempt? { if case .admitted(let attempt) = self { attempt } else { nil } }
    /// The seconds to wait, when refused.
    var waits: Int? { if case .wait(let seconds) = self { seconds } else { nil } }
}
