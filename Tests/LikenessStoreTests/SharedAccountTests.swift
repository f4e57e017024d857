import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
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

    /// Failed logins count per (username, address) within the window, whoever reads them: an
    /// admitted attempt counts until it succeeds, and a success forgets its pair's and its
    /// username's failures; expired failures go as new ones are written; keys are kept only as hashes.
    @Test(arguments: StorageBackend.available)
    func loginFailuresCountPerUsernameAndAddressWithinTheWindow(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let limits = LoginLimits(database: database.store, limit: 2, window: 10, backOffAfter: 100)
            let t0 = testNow
            #expect(try await limits.admit(username: "a", address: "1", now: t0).waits == nil)
            #expect(try await limits.admit(username: "a", address: "1", now: t0.addingTimeInterval(2)).waits == nil, "one failure is under the limit")
            #expect(try await limits.admit(username: "a", address: "1", now: t0.addingTimeInterval(3)).waits == 7)
            #expect(try await limits.admit(username: "a", address: "2", now: t0.addingTimeInterval(3)).waits == nil,
                    "the username is not locked for another address")
            #expect(try await limits.admit(username: "b", address: "1", now: t0.addingTimeInterval(3)).waits == nil,
                    "nor is the address for another username")
            let again = LoginLimits(database: database.store, limit: 2, window: 10, backOffAfter: 100)
            #expect(try await again.admit(username: "a", address: "1", now: t0.addingTimeInterval(9.5)).waits == 1, "another server counts the same failures")
            #expect(try await limits.admit(username: "a", address: "1", now: t0.addingTimeInterval(10)).waits == nil, "the first failure left the window")

            _ = try await limits.admit(username: "c", address: "3", now: t0)
            let success = try #require(try await limits.admit(username: "c", address: "4", now: t0).attempt)
            try await limits.succeed(success)
            let (user, pair3, pair4) = (LoginLimits.keys(username: "c", address: "3"), LoginLimits.keys(username: "c", address: "3").pair,
                                        LoginLimits.keys(username: "c", address: "4").pair)
            #expect(try await database.texts("SELECT key_hash FROM login_failure WHERE key_hash IN (?, ?, ?)",
                                             [.text(Tokens.hash(user.username)), .text(Tokens.hash(pair3)), .text(Tokens.hash(pair4))])
                    == [Tokens.hash(pair3)], "the success is forgotten with its username's failures, not another address's")

            _ = try await limits.admit(username: "d", address: "5", now: t0.addingTimeInterval(30))
            let kept = try await database.texts("SELECT key_hash FROM login_failure ORDER BY key_hash", [])
            let d = LoginLimits.keys(username: "d", address: "5")
            #expect(kept == [Tokens.hash(d.username), Tokens.hash(d.pair)].sorted(), "expired failures are deleted; keys are hashed")
        }
    }

    /// Guessers at many addresses slow a username down, one second more per failure past the
    /// threshold, up to the longest back-off; they never lock it: the owner gets in at that pace.
    @Test(arguments: StorageBackend.available)
    func failuresFromManyAddressesSlowAUsernameDownWithoutLockingIt(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let limits = LoginLimits(database: database.store, limit: 5, window: 300, backOffAfter: 3, longestBackOff: 4)
            var now = testNow
            for address in 0..<3 {
                #expect(try await limits.admit(username: "amy", address: "10.0.0.\(address)", now: now).attempt != nil)
            }
            #expect(try await limits.admit(username: "amy", address: "10.0.1.1", now: now).waits == 1, "past 3 failures, 1 s after the latest")
            now += 1
            #expect(try await limits.admit(username: "amy", address: "10.0.1.1", now: now).attempt != nil)
            #expect(try await limits.admit(username: "amy", address: "10.0.1.2", now: now.addingTimeInterval(1)).waits == 1, "then 2 s")
            now += 2
            for _ in 0..<4 {
                #expect(try await limits.admit(username: "amy", address: "10.0.1.3", now: now).attempt != nil)
                now += 4
            }
            #expect(try await limits.admit(username: "amy", address: "10.0.1.4", now: now.addingTimeInterval(-1)).waits == 1,
                    "never more than the longest back-off")
            let owner = try #require(try await limits.admit(username: "amy", address: "192.0.2.7", now: now).attempt, "the owner still gets in")
            try await limits.succeed(owner)
            #expect(try await limits.admit(username: "amy", address: "192.0.2.7", now: now).attempt != nil, "and a success ends the back-off")
        }
    }

    /// Attempts made at once, by servers sharing the database, are admitted up to the limit and
    /// no further: counting and recording an attempt is one turn.
    @Test(arguments: StorageBackend.available)
    func attemptsAtOnceAreAdmittedUpToTheLimit(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let servers = (0..<4).map { _ in LoginLimits(database: database.store, limit: 3, window: 60, backOffAfter: 100) }
            for round in 0..<8 {
                let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for attempt in 0..<24 {
                        group.addTask { try await servers[attempt % 4].admit(username: "eve-\(round)", address: "10.0.0.1", now: testNow).attempt != nil }
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
