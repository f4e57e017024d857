import Argon2
import Foundation
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The personal-data vault's promises on every backend (`StorageBackend.available`).
@Suite struct SharedVaultTests {
    /// A holder's account and two performers (the vault keeps no password hash of its own).
    static let parents: [(String, [SQLArgument])] = [
        ("INSERT INTO account (username, role, password_hash, created_at) VALUES ('root', 'admin', '$argon2id$v=19$x', 'now')", []),
        ("INSERT INTO performer (id, name, created_at) VALUES ('p-1', 'Lena', 'now')", []),
        ("INSERT INTO performer (id, name, created_at) VALUES ('p-2', 'Sam', 'now')", []),
    ]
    /// Cheap key derivation: these tests are about storage, not Argon2id's cost.
    static let parameters = Argon2Parameters(iterations: 1, memoryKiB: 64, parallelism: 1)
    static let record = PersonalData(legalName: "Lena Kowalska", dateOfBirth: Day("1990-04-02"), email: "lena@example.org")

    @Test(arguments: StorageBackend.available)
    func recordsAreSealedOpenedOnlyWithTheKeyAndResealedByRotation(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let vault = Vault(database: database.store, parameters: Self.parameters)
            try await vault.create(holder: "root", password: "root-password-1", now: testNow)
            // A second `create` leaves the vault as it is.
            try await vault.create(holder: "root", password: "root-password-1", now: testNow)
            let keyring = try await vault.unlock(username: "root", password: "root-password-1")
            try await vault.write(Self.record, performer: "p-1", actor: "root", now: testNow)
            try await vault.write(Self.record, performer: "p-1", actor: "root", now: testNow)  // replaced, not added
            #expect(try await vault.read(performer: "p-1", keyring: keyring, actor: "root", now: testNow) == Self.record)
            // Nothing in the row reads as the data.
            let sealed = try #require(try await database.bytes("SELECT ciphertext FROM personal_record WHERE performer = 'p-1'", []))
            #expect(!String(decoding: sealed, as: UTF8.self).contains("Kowalska"))
            await #expect(throws: LikenessError.self) {
                _ = try await vault.read(performer: "p-1", keyring: nil, actor: "root", now: testNow)
            }
            await #expect(throws: LikenessError.self) {
                try await vault.write(Self.record, performer: "p-nobody", actor: "root", now: testNow)
            }

            let rotated = try await vault.rotate(keyring: try #require(keyring), actor: "root", now: testNow)
            #expect(rotated == (generation: 2, records: 1))
            // The old session's keys no longer open the record; a new unlock does.
            await #expect(throws: LikenessError.self) {
                _ = try await vault.read(performer: "p-1", keyring: keyring, actor: "root", now: testNow)
            }
            let renewed = try await vault.unlock(username: "root", password: "root-password-1")
            #expect(try await vault.read(performer: "p-1", keyring: renewed, actor: "root", now: testNow) == Self.record)
            await #expect(throws: (any Error).self) { _ = try await vault.unlock(username: "root", password: "wrong-password-1") }

            // Every write, read and rotation is in the audit trail, which still verifies.
            let actions = try await database.store.snapshot { try Audit.page(limit: 20, before: nil, $0) }.map(\.action)
            #expect(actions == ["personal.read", "vault.rotate", "personal.read", "personal.write", "personal.write", "vault.create"])
            #expect(try await database.store.snapshot { try Audit.verify($0) } == .intact(entries: 6, head: try #require(
                try await database.store.snapshot { try Audit.page(limit: 1, before: nil, $0) }.first?.hash)))
        }
    }

    @Test(arguments: StorageBackend.available)
    func aRecordMovedToAnotherPerformerNoLongerOpens(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let vault = Vault(database: database.store, parameters: Self.parameters)
            try await vault.create(holder: "root", password: "root-password-1", now: testNow)
            let keyring = try await vault.unlock(username: "root", password: "root-password-1")
            try await vault.write(Self.record, performer: "p-1", actor: "root", now: testNow)
            try await database.execute("UPDATE personal_record SET performer = 'p-2' WHERE performer = 'p-1'")
            await #expect {
                _ = try await vault.read(performer: "p-2", keyring: keyring, actor: "root", now: testNow)
            } throws: { ($0 as? LikenessError)?.code == "record-integrity" }
        }
    }
}
