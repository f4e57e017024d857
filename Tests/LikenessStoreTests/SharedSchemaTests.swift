import Foundation
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The schema's promises, one suite run on every backend (`StorageBackend.available`): each
/// datastore must keep the same rows out and let the same rows in.
@Suite struct SharedSchemaTests {
    /// A performer, a production and an account, which the rows under test refer to.
    static let parents: [(String, [SQLArgument])] = [
        ("INSERT INTO performer (id, name, created_at) VALUES ('p-1', 'Lena', '2026-11-28T09:00:00Z')", []),
        ("INSERT INTO production (id, title, created_at) VALUES ('prod-1', 'Nova', '2026-11-28T09:00:00Z')", []),
        ("""
         INSERT INTO account (username, role, password_hash, created_at)
         VALUES ('ada', 'studio', '$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA', '2026-11-28T09:00:00Z')
         """, []),
    ]

    /// A grant with every column valid, or with `column` set to `value`.
    static func grant(_ id: String = "g-1", _ column: String? = nil, _ value: SQLArgument? = nil) -> (String, [SQLArgument]) {
        var columns: [(String, SQLArgument)] = [
            ("id", .text(id)), ("performer", .text("p-1")), ("production", .text("prod-1")),
            ("uses", .text(#"["replica"]"#)), ("aspects", .text(#"["face"]"#)), ("destinations", .text(#"["temporary"]"#)),
            ("territories", .text(#"["*"]"#)), ("excluded_content", .text("[]")), ("valid_from", .text("2026-01-01")),
            ("valid_until", .text("2027-01-01")), ("signed_by", .text("performer")), ("survives_death", .integer(0)),
            ("description", .text("Digital replica for the night shoot")), ("evidence", .null), ("status", .text("active")),
            ("recorded_at", .text("2026-11-28T09:00:00Z")), ("recorded_by", .text("test")),
        ]
        if let column, let value, let index = columns.firstIndex(where: { $0.0 == column }) { columns[index].1 = value }
        let names = columns.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return ("INSERT INTO consent_grant (\(names)) VALUES (\(marks))", columns.map(\.1))
    }

    /// `scripts/test` starts PostgreSQL and requires it: the suite must not pass on SQLite alone there.
    @Test func postgresIsTestedWhereItIsRequired() {
        if ProcessInfo.processInfo.environment["LIKENESS_REQUIRE_POSTGRES"] == "1" {
            #expect(StorageBackend.available.contains(.postgres), "set $LIKENESS_TEST_POSTGRES to the test server's URL")
            #expect(TestServerCertificates.root != nil, "set $LIKENESS_TEST_POSTGRES_ROOTCERT to the test server's certificate")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aNewDatabaseIsMigratedOnceWhoeverOpensIt(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let applied = try await database.appliedMigrations()
            #expect(!applied.isEmpty)
            // Two servers starting together: each waits for the other's migrations, none applies one twice.
            async let first = database.reopen()
            async let second = database.reopen()
            #expect(try await [first, second] == [applied, applied])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aValidGrantIsKept(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let (sql, arguments) = Self.grant()
            try await database.execute(sql, arguments)
            #expect(try await database.texts("SELECT uses FROM consent_grant WHERE id = 'g-1'", []) == [#"["replica"]"#])
        }
    }

    /// One column of a grant made invalid at a time.
    static let invalidGrantColumns: [(String, SQLArgument)] = [
        ("id", .text("-starts-with-a-dash")), ("id", .text("has space")), ("id", .text(String(repeating: "a", count: 65))),
        ("performer", .text("p-nobody")), ("production", .text("prod-none")),
        ("uses", .text("[]")), ("uses", .text(#"{"a":1}"#)), ("uses", .text("not json")), ("excluded_content", .text("{}")),
        ("valid_from", .text("2026-02-30")), ("valid_from", .text("2026-1-01")), ("valid_until", .text("2025-12-31")),
        ("signed_by", .text("agent")), ("survives_death", .integer(2)), ("description", .text("too short")),
        ("evidence", .text("{not json")), ("status", .text("expired")), ("recorded_by", .null),
    ]

    @Test(arguments: StorageBackend.available, invalidGrantColumns.indices)
    func anInvalidGrantIsRefusedByTheSchema(backend: StorageBackend, column index: Int) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let (column, value) = Self.invalidGrantColumns[index]
            let (sql, arguments) = Self.grant("g-1", column, value)
            await #expect(throws: ConstraintViolation.self, "\(column) = \(value)") { try await database.execute(sql, arguments) }
            let grants = try await database.texts("SELECT CAST(count(*) AS TEXT) FROM consent_grant", [])
            #expect(grants == ["0"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aGrantIsNeverDeletedAndKeepsItsPerformer(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let (sql, arguments) = Self.grant()
            try await database.transaction([
                (sql, arguments),
                ("INSERT INTO performer (id, name, created_at) VALUES ('p-2', 'Sam', '2026-11-28T09:00:00Z')", []),
            ])
            await #expect(throws: ConstraintViolation.self) { try await database.execute("DELETE FROM consent_grant WHERE id = 'g-1'") }
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute("UPDATE consent_grant SET performer = 'p-2' WHERE id = 'g-1'")
            }
            try await database.execute("UPDATE consent_grant SET status = 'revoked' WHERE id = 'g-1'")
            #expect(try await database.texts("SELECT performer || ' ' || status FROM consent_grant", []) == ["p-1 revoked"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func theAuditTrailIsAppendOnly(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let hash = String(repeating: "0", count: 64)
            try await database.execute("""
                INSERT INTO audit_entry (seq, at, actor, action, subject, prev_hash, hash)
                VALUES (1, '2026-11-28T09:00:00Z', 'test', 'grant.create', 'g-1', ?, ?)
                """, [.text(hash), .text(hash)])
            await #expect(throws: ConstraintViolation.self) { try await database.execute("UPDATE audit_entry SET actor = 'mallory'") }
            await #expect(throws: ConstraintViolation.self) { try await database.execute("DELETE FROM audit_entry") }
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute("INSERT INTO audit_entry (seq, at, actor, action, subject, prev_hash, hash) VALUES (2, 'x', 'a', 'b', 'c', 'short', 'short')")
            }
            #expect(try await database.texts("SELECT actor FROM audit_entry", []) == ["test"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyRegistryChangeIsLoggedUnlessABulkWriteMarksItsTransaction(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            let (sql, arguments) = Self.grant()
            try await database.execute(sql, arguments)
            try await database.execute("UPDATE performer SET name = 'Lena K' WHERE id = 'p-1'")
            try await database.execute("DELETE FROM production WHERE id = 'prod-none'")
            #expect(try await database.texts("SELECT entity || ':' || entity_id FROM registry_change ORDER BY seq", [])
                    == ["performer:p-1", "production:prod-1", "consent_grant:g-1", "performer:p-1"])
            // An import marks its transaction: its rows log nothing (it logs one '*' change itself).
            try await database.transaction([
                ("INSERT INTO registry_bulk_write (marked) VALUES (1)", []),
                Self.grant("g-2"),
                ("DELETE FROM registry_bulk_write", []),
            ])
            #expect(try await database.texts("SELECT CAST(count(*) AS TEXT) FROM registry_change", []) == ["4"])
            #expect(try await database.texts("SELECT CAST(count(*) AS TEXT) FROM consent_grant", []) == ["2"])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aReceiptsBodyIsReadBackByteForByte(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let body = Data((0...255).map(UInt8.init) + Array("{\"decision\":\"allowed\"}".utf8))
            try await database.execute("""
                INSERT INTO check_receipt (id, decided_at, decision, production, performer, actor, dictionary, body)
                VALUES ('chk-1', '2026-11-28T09:00:00Z', 'allowed', 'prod-1', NULL, 'key:k', NULL, ?)
                """, [.bytes(body)])
            #expect(try await database.bytes("SELECT body FROM check_receipt WHERE id = 'chk-1'", []) == body)
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute("""
                    INSERT INTO check_receipt (id, decided_at, decision, production, actor, body)
                    VALUES ('chk-2', '2026-11-28T09:00:00Z', 'maybe', 'prod-1', 'key:k', ?)
                    """, [.bytes(body)])
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCheckHasAtMostOneOpenApprovalRequest(backend: StorageBackend) async throws {
        try await backend.withDatabase(parents: Self.parents) { database in
            try await database.execute("""
                INSERT INTO check_receipt (id, decided_at, decision, production, actor, body)
                VALUES ('chk-1', '2026-11-28T09:00:00Z', 'needs-approval', 'prod-1', 'key:k', ?)
                """, [.bytes(Data("{}".utf8))])
            func request(_ id: String, state: String = "open") -> (String, [SQLArgument]) {
                ("""
                 INSERT INTO approval_request (id, check_id, production, use, destination, requirements, note, state,
                   requested_by, requested_at, decided_at)
                 VALUES (?, 'chk-1', 'prod-1', 'replica', 'final', '["talent-likeness"]', 'Final shot of the night scene, approval asked',
                   ?, 'ada', '2026-11-28T09:00:00Z', ?)
                 """, [.text(id), .text(state), state == "open" ? .null : .text("2026-11-28T10:00:00Z")])
            }
            let (first, firstArguments) = request("req-1")
            try await database.execute(first, firstArguments)
            let (second, secondArguments) = request("req-2")
            await #expect(throws: ConstraintViolation.self) { try await database.execute(second, secondArguments) }
            let (declined, declinedArguments) = request("req-3", state: "declined")
            try await database.execute(declined, declinedArguments)
            // A decided request must say when; an approved one must name its approval.
            let (approved, approvedArguments) = request("req-4", state: "approved")
            await #expect(throws: ConstraintViolation.self) { try await database.execute(approved, approvedArguments) }
        }
    }

    @Test(arguments: StorageBackend.available)
    func accountsTakeOnlyKnownRolesAndArgon2idHashes(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let insert = "INSERT INTO account (username, role, password_hash, created_at) VALUES (?, ?, ?, '2026-11-28T09:00:00Z')"
            try await database.execute(insert, [.text("ada"), .text("privacy"), .text("$argon2id$v=19$x")])
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute(insert, [.text("bob"), .text("owner"), .text("$argon2id$v=19$x")])
            }
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute(insert, [.text("cy"), .text("admin"), .text("plain-text-password")])
            }
            await #expect(throws: ConstraintViolation.self) {
                try await database.execute(insert, [.text("ada"), .text("admin"), .text("$argon2id$v=19$y")])
            }
        }
    }

    /// Every text column compares byte for byte (SQLite's default `BINARY`, PostgreSQL's "C"), so
    /// that both backends order and compare the same values alike whatever the server's locale.
    @Test(arguments: StorageBackend.available)
    func everyTextColumnComparesByteForByte(backend: StorageBackend) async throws {
        try await backend.withDatabase { database in
            let columnsCollatingOtherwise = switch backend {
            case .sqlite: "SELECT name FROM sqlite_master WHERE sql LIKE '%COLLATE%'"
            case .postgres: """
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'
                """
            }
            let columns = try await database.texts(columnsCollatingOtherwise, [])
            #expect(columns.isEmpty, "\(columns)")
        }
    }
}
