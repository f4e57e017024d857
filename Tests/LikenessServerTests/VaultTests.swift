import Foundation
import Hummingbird
import HummingbirdTesting
@testable import LikenessRules
@testable import LikenessStore
import LikenessTestSupport
import Testing
@testable import LikenessServer

/// A server whose database was set up as `likeness init` does, with an enrolled privacy officer.
func vaultServer(_ backend: StorageBackend) async throws -> TestServer {
    let server = try await TestServer(backend)
    let accounts = Accounts(database: server.database)
    _ = try await accounts.create(AccountInput(username: "root", password: "root-password-1", role: "admin"), actor: "init", now: testNow)
    try await Vault(database: server.database).create(holder: "root", password: "root-password-1", now: testNow)
    let keyring = try await Vault(database: server.database).unlock(username: "root", password: "root-password-1")
    _ = try await accounts.create(AccountInput(username: "priya", password: "privacy-password", role: "privacy"), actor: "root", keyring: keyring, now: testNow)
    _ = try await accounts.create(AccountInput(username: "amy", password: "casting-password", role: "casting"), actor: "root", now: testNow)
    return server
}

extension TestClientProtocol {
    func login(_ username: String, _ password: String) async throws -> String {
        let reply = try await call(.post, "/v1/sessions", #"{"username":"\#(username)","password":"\#(password)"}"#)
        return try #require(reply["token"] as? String, "login of \(username) failed: \(reply.status)")
    }
}

let secretRecord = """
{"legalName":"Zebulon Quixote-Marchetti","dateOfBirth":"1987-03-09","email":"zq.private@example.org",
 "phone":"+44 7700 900417","address":"17 Wharf Lane, Ipswich IP4 1XX","governmentId":"PASSPORT-X98765432",
 "representative":"Ivy Talent Partners","notes":"allergic to latex; prefers stage name"}
"""

@Suite struct VaultTests {
    @Test(arguments: StorageBackend.available)
    func castingWritesPrivacyReadsAdminNever(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        try await server.test { client in
            let casting = try await client.login("amy", "casting-password")
            let privacy = try await client.login("priya", "privacy-password")
            let admin = try await client.login("root", "root-password-1")
            #expect(try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, secretRecord).status == .noContent)
            let read = try await client.call(.get, "/v1/performers/p-lena/personal", token: privacy)
            #expect(read.status == .ok && read["legalName"] as? String == "Zebulon Quixote-Marchetti" && read["dateOfBirth"] as? String == "1987-03-09")
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: admin), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: casting), .forbidden, "forbidden")
            expectError(try await client.call(.get, "/v1/performers/p-omar/personal", token: privacy), .notFound, "not-found")
            expectError(try await client.call(.put, "/v1/performers/p-nobody/personal", token: casting, secretRecord), .notFound, "not-found")
            expectError(try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, #"{"email":"x@y"}"#), .unprocessableContent, "missing-field", field: "legalName")
            expectError(try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, #"{"legalName":"A","email":"nope"}"#), .unprocessableContent, "invalid-email", field: "email")
            // Privacy writes too, and a privacy API key (no vault key) cannot read.
            #expect(try await client.call(.put, "/v1/performers/p-omar/personal", token: privacy, #"{"legalName":"Omar H."}"#).status == .noContent)
            let key = try #require(try await client.call(.post, "/v1/api-keys", token: admin, #"{"name":"k","role":"privacy"}"#)["key"] as? String)
            expectError(try await client.call(.get, "/v1/performers/p-omar/personal", token: key), .conflict, "vault-locked")
        }
        let actions = try await server.database.column("SELECT action || ' ' || subject FROM audit_entry", as: String.self)
        #expect(actions.contains("personal.write p-lena") && actions.contains("personal.read p-lena"))
    }

    @Test(arguments: StorageBackend.available)
    func noPersonalFieldPasswordOrKeyIsStoredInAnyEncoding(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        let sessionKeys = try await server.test { client in
            let casting = try await client.login("amy", "casting-password")
            let privacy = try await client.login("priya", "privacy-password")
            _ = try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, secretRecord)
            _ = try await client.call(.get, "/v1/performers/p-lena/personal", token: privacy)
            _ = try await client.call(.post, "/v1/accounts/priya/password", token: privacy,
                                      #"{"currentPassword":"privacy-password","newPassword":"privacy-password-2"}"#)
            let again = try await client.login("priya", "privacy-password-2")
            let keyring = try #require(server.services.sessions.session(tokenHash: Tokens.hash(again), now: server.clock.now())?.keyring)
            return keyring.keys.values.map(\.rawRepresentation)
        }
        let record = try JSONSerialization.jsonObject(with: Data(secretRecord.utf8)) as! [String: String]
        var needles: [(String, Data)] = record.values.filter { $0.count >= 8 }.map { ($0, Data($0.utf8)) }
        for password in ["root-password-1", "privacy-password", "privacy-password-2", "casting-password"] {
            needles.append((password, Data(password.utf8)))
        }
        var expanded: [(String, Data)] = []
        for (name, bytes) in needles {
            let text = String(decoding: bytes, as: UTF8.self)
            expanded.append((name, bytes))
            expanded.append((name + " (UTF-16LE)", text.data(using: .utf16LittleEndian)!))
            expanded.append((name + " (UTF-16BE)", text.data(using: .utf16BigEndian)!))
            expanded.append((name + " (base64)", Data(bytes.base64EncodedString().dropLast(4).utf8)))
            expanded.append((name + " (hex)", Data(Hex.encode(bytes).utf8)))
        }
        #expect(!sessionKeys.isEmpty)
        for key in sessionKeys {
            expanded.append(("vault private key", key))
            expanded.append(("vault private key (hex)", Data(Hex.encode(key).utf8)))
            expanded.append(("vault private key (base64)", Data(key.base64EncodedString().dropLast(4).utf8)))
        }
        let stored = try await server.storage.storedBytes()
        let ciphertext = try #require(try await server.database.value("SELECT ciphertext FROM personal_record WHERE performer = 'p-lena'",
                                                                      as: Data.self))
        #expect(stored.contains { $0.bytes.range(of: ciphertext) != nil }, "the search reaches the record as it was written")
        for (place, bytes) in stored {
            for (name, needle) in expanded {
                #expect(bytes.range(of: needle) == nil, "\(name) found in \(place)")
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func afterARestartAPrivacyOfficerMustLogInAgainToRead(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        let token = try await server.test { client in
            let casting = try await client.login("amy", "casting-password")
            _ = try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, secretRecord)
            return try await client.login("priya", "privacy-password")
        }
        let restarted = try await Services(database: try await server.storage.reopen(), signingKeyPath: server.signingKeyPath)
        try await Application(router: buildRouter(services: restarted)).test(.router) { client in
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: token), .unauthorized, "unauthorized")
            let fresh = try await client.login("priya", "privacy-password")
            #expect(try await client.call(.get, "/v1/performers/p-lena/personal", token: fresh)["legalName"] as? String == "Zebulon Quixote-Marchetti")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCiphertextSwappedBetweenPerformersDoesNotOpen(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        try await server.test { client in
            let casting = try await client.login("amy", "casting-password")
            _ = try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, #"{"legalName":"Lena Real-Name"}"#)
            _ = try await client.call(.put, "/v1/performers/p-omar/personal", token: casting, #"{"legalName":"Omar Real-Name"}"#)
        }
        try await server.database.transaction { db in
            try db.execute("""
                UPDATE personal_record SET encapsulated_key = (SELECT encapsulated_key FROM personal_record WHERE performer = 'p-omar'),
                  ciphertext = (SELECT ciphertext FROM personal_record WHERE performer = 'p-omar') WHERE performer = 'p-lena'
                """)
        }
        try await server.test { client in
            let privacy = try await client.login("priya", "privacy-password")
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: privacy), .conflict, "record-integrity")
            #expect(try await client.call(.get, "/v1/performers/p-omar/personal", token: privacy)["legalName"] as? String == "Omar Real-Name")
        }
    }

    @Test(arguments: StorageBackend.available)
    func enrolmentPasswordChangeRemovalAndRotation(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        try await server.test { client in
            let admin = try await client.login("root", "root-password-1")
            let casting = try await client.login("amy", "casting-password")
            _ = try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, #"{"legalName":"Lena Real-Name"}"#)
            // An admin enrols a new privacy officer over the API.
            #expect(try await client.call(.post, "/v1/accounts", token: admin, #"{"username":"pat","password":"pat-password-1","role":"privacy"}"#).status == .created)
            let pat = try await client.login("pat", "pat-password-1")
            #expect(try await client.call(.get, "/v1/performers/p-lena/personal", token: pat).status == .ok)
            // An API key of an admin holds no vault key, so it cannot enrol a privacy officer.
            let key = try #require(try await client.call(.post, "/v1/api-keys", token: admin, #"{"name":"ops","role":"admin"}"#)["key"] as? String)
            expectError(try await client.call(.post, "/v1/accounts", token: key, #"{"username":"pia","password":"pia-password-1","role":"privacy"}"#), .conflict, "vault-locked")
            // Password change re-wraps; the old password no longer works.
            expectError(try await client.call(.post, "/v1/accounts/pat/password", token: pat, #"{"currentPassword":"wrong-one-here","newPassword":"pat-password-2"}"#), .forbidden, "wrong-password")
            expectError(try await client.call(.post, "/v1/accounts/priya/password", token: pat, #"{"currentPassword":"x","newPassword":"pat-password-2"}"#), .forbidden, "forbidden")
            #expect(try await client.call(.post, "/v1/accounts/pat/password", token: pat, #"{"currentPassword":"pat-password-1","newPassword":"pat-password-2"}"#).status == .noContent)
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: pat), .unauthorized, "unauthorized")
            expectError(try await client.call(.post, "/v1/sessions", #"{"username":"pat","password":"pat-password-1"}"#), .unauthorized, "unauthorized")
            let pat2 = try await client.login("pat", "pat-password-2")
            #expect(try await client.call(.get, "/v1/performers/p-lena/personal", token: pat2).status == .ok)
            // Removal deletes the wrapped copies and ends the sessions.
            #expect(try await client.call(.delete, "/v1/accounts/pat", token: admin).status == .noContent)
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: pat2), .unauthorized, "unauthorized")
            expectError(try await client.call(.delete, "/v1/accounts/root", token: admin), .conflict, "invalid-state")
        }
        let wraps = try await server.database.column("SELECT username FROM account_key UNION SELECT username FROM vault_grant", as: String.self)
        #expect(Set(wraps) == ["root", "priya"])

        // Rotation re-seals every record and re-grants every holder; old sessions must log in again.
        let before = try await server.test { try await $0.login("priya", "privacy-password") }
        let keyring = try #require(try await server.services.vault.unlock(username: "root", password: "root-password-1"))
        let (generation, records) = try await server.services.vault.rotate(keyring: keyring, actor: "root", now: testNow)
        #expect(generation == 2 && records == 1)
        try await server.test { client in
            expectError(try await client.call(.get, "/v1/performers/p-lena/personal", token: before), .conflict, "vault-locked")
            let after = try await client.login("priya", "privacy-password")
            #expect(try await client.call(.get, "/v1/performers/p-lena/personal", token: after)["legalName"] as? String == "Lena Real-Name")
        }
        let generations = try await server.database.column("SELECT DISTINCT generation FROM vault_grant", as: Int64.self)
        #expect(generations == [2])
    }
}

@Suite struct AuditTests {
    @Test(arguments: StorageBackend.available)
    func everyKindOfEventIsRecordedAndPagedNewestFirst(backend: StorageBackend) async throws {
        let server = try await vaultServer(backend)
        try await server.test { client in
            let casting = try await client.login("amy", "casting-password")
            let admin = try await client.login("root", "root-password-1")
            _ = try await client.call(.post, "/v1/sessions", #"{"username":"amy","password":"wrong-password"}"#)
            _ = try await client.call(.post, "/v1/performers", token: casting, #"{"id":"p-new","name":"New"}"#)
            _ = try await client.call(.post, "/v1/grants/g-lena-1/suspend", token: casting, #"{"reason":"contract review"}"#)
            _ = try await client.call(.post, "/v1/approvals/ap-nova/revoke", token: admin, #"{"reason":"superseded"}"#)
            _ = try await client.call(.put, "/v1/performers/p-lena/personal", token: casting, secretRecord)
            let page = try await client.call(.get, "/v1/audit?limit=5", token: server.token(.auditor))
            let entries = try #require(page["entries"] as? [[String: Any]])
            #expect(entries.count == 5)
            let seqs = entries.compactMap { $0["seq"] as? Int }
            #expect(seqs == seqs.sorted(by: >))
            #expect(entries.first?["action"] as? String == "personal.write" && entries.first?["subject"] as? String == "p-lena")
            let next = try #require(page["next"] as? Int)
            let older = try await client.call(.get, "/v1/audit?limit=1000&before=\(next)", token: server.token(.admin))
            let all = entries + (older["entries"] as? [[String: Any]] ?? [])
            let actions = Set(all.compactMap { $0["action"] as? String })
            for expected in ["login.failure", "login", "performer.create", "grant.suspend", "approval.revoke", "personal.write",
                             "account.create", "vault.create", "vault.enroll", "import"] {
                #expect(actions.contains(expected), "\(expected) not audited")
            }
            expectError(try await client.call(.get, "/v1/audit?limit=0", token: server.token(.auditor)), .unprocessableContent, "invalid-parameter", field: "limit")
            expectError(try await client.call(.get, "/v1/audit?before=x", token: server.token(.auditor)), .unprocessableContent, "invalid-parameter", field: "before")
        }
        // Personal data never enters the trail.
        let trail = try await server.database.column("SELECT coalesce(detail, '') || subject || actor FROM audit_entry", as: String.self)
        #expect(!trail.joined().contains("Zebulon") && !trail.joined().contains("wrong-password"))
    }

    @Test(arguments: StorageBackend.available)
    func theTrailIsAppendOnly(backend: StorageBackend) async throws {
        let server = try await TestServer(backend)
        func write(_ sql: String) async throws {
            do { try await server.database.transaction { try $0.execute(sql) } } catch { throw constraintViolation(error) ?? error }
        }
        await #expect(throws: ConstraintViolation.self) { try await write("UPDATE audit_entry SET actor = 'x' WHERE seq = 1") }
        await #expect(throws: ConstraintViolation.self) { try await write("DELETE FROM audit_entry WHERE seq = 1") }
    }

    @Test(arguments: StorageBackend.available, [
        ("UPDATE audit_entry SET subject = 'p-someone-else' WHERE seq = 7", 7, "altered"),
        ("DELETE FROM audit_entry WHERE seq = 12", 12, "missing"),
        ("DELETE FROM audit_entry WHERE seq >= (SELECT max(seq) FROM audit_entry)", -1, "removed or added at the end"),
        ("UPDATE audit_entry SET prev_hash = hash WHERE seq = 3", 3, "does not follow"),
    ])
    func tamperingWithPlainSQLIsCaughtByAuditVerify(backend: StorageBackend, tampering: (sql: String, seq: Int, problem: String)) async throws {
        let (sql, seq, problem) = tampering
        let server = try await TestServer(backend)
        // A trail of some length (the fixtures' import is one entry).
        try await server.database.transaction { db in
            for i in 0..<12 { try Audit.append(db, actor: "casting", action: "performer.update", subject: "p-\(i)", at: testNow) }
        }
        let intact = try await runCLI(["audit", "verify", "--db", server.location])
        #expect(intact.status == 0 && intact.out.contains("intact"), "\(intact.err)")
        let last = try await server.database.value("SELECT max(seq) FROM audit_entry") ?? 0
        try await server.database.transaction { db in
            // The guard's triggers, as each schema names them.
            switch db.dialect {
            case .sqlite: for trigger in ["audit_entry_no_update", "audit_entry_no_delete"] { try db.execute("DROP TRIGGER \(trigger)") }
            case .postgres: try db.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
            }
            try db.execute(sql)
        }
        let broken = try await runCLI(["--db", server.location, "audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.err.contains("entry \(seq == -1 ? last : seq)") && broken.err.contains(problem), "\(broken.err)")
    }
}
