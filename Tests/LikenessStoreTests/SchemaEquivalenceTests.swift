import Foundation
@testable import LikenessStore
import LikenessTestSupport
import Testing

/// The two backends' migrations make the same schema: the same migration ids; the same tables,
/// columns (types mapped), keys, foreign keys and indexes (`SchemaDescription`); CHECK
/// constraints that refuse the same values; triggers with the same effects. Each test migrates a
/// new database on each backend, so it needs PostgreSQL (`SharedSchemaTests` requires it where
/// `scripts/test` runs).
@Suite(.enabled(if: StorageBackend.available.contains(.postgres), "needs $LIKENESS_TEST_POSTGRES"))
struct SchemaEquivalenceTests {
    /// Runs `body` with a new database of each backend holding `parents`.
    static func withBothBackends(parents: [(String, [SQLArgument])] = [],
                                 _ body: (_ sqlite: any BackendDatabase, _ postgres: any BackendDatabase) async throws -> Void) async throws {
        try await StorageBackend.sqlite.withDatabase(parents: parents) { sqlite in
            try await StorageBackend.postgres.withDatabase(parents: parents) { postgres in
                try await body(sqlite, postgres)
            }
        }
    }

    @Test func bothBackendsApplyTheSameMigrations() async throws {
        #expect(try MigrationLedger.migrations(.sqlite).map(\.id) == MigrationLedger.migrations(.postgres).map(\.id))
        try await Self.withBothBackends { sqlite, postgres in
            let applied = try await sqlite.appliedMigrations()
            #expect(applied == (try MigrationLedger.migrations(.sqlite).map(\.id)))
            #expect(try await postgres.appliedMigrations() == applied)
        }
    }

    @Test func bothBackendsHaveTheSameTablesColumnsKeysAndIndexes() async throws {
        try await Self.withBothBackends { sqlite, postgres in
            let sqliteSchema = try await SchemaDescription.read(sqlite, .sqlite)
            let postgresSchema = try await SchemaDescription.read(postgres, .postgres)
            if let difference = SchemaDescription.difference(sqliteSchema.lines, postgresSchema.lines) { Issue.record("\(difference)") }
            let rowidWithoutRowid = postgresSchema.postgresRowidTables.intersection(sqliteSchema.withoutRowidTables)
            #expect(rowidWithoutRowid.isEmpty, "PostgreSQL has a rowid column where SQLite has no rowid: \(rowidWithoutRowid.sorted())")
        }
    }

    // MARK: CHECK constraints, by their effect

    /// Rows the probe rows refer to.
    static let parents: [(String, [SQLArgument])] = SharedSchemaTests.parents + [
        SharedSchemaTests.grant("g-1"),
        ("""
         INSERT INTO approval (id, production, covers, approved_by, reference, status, recorded_at, recorded_by)
         VALUES ('a-1', 'prod-1', '["talent-likeness"]', 'Studio legal', 'MEMO-0', 'active', '2026-11-28T09:00:00Z', 'ada')
         """, []),
        ("""
         INSERT INTO check_receipt (id, decided_at, decision, production, actor, body)
         VALUES ('chk-1', '2026-11-28T09:00:00Z', 'needs-approval', 'prod-1', 'key:k', ?)
         """, [.bytes(Data("{}".utf8))]),
        ("INSERT INTO vault_key (generation, public_key, created_at) VALUES (1, ?, '2026-11-28T09:00:00Z')", [.bytes(Data(count: 32))]),
        ("""
         INSERT INTO webhook (id, url, events, sealed_secret, created_at, created_by)
         VALUES ('wh-1', 'https://example.org/hook', '["grant.created"]', ?, '2026-11-28T09:00:00Z', 'ada')
         """, [.bytes(Data(count: 8))]),
        ("INSERT INTO event (seq, id, type, at, body) VALUES (1, 'ev-1', 'grant.created', '2026-11-28T09:00:00Z', '{}')", []),
        ("""
         INSERT INTO usage_report (id, check_id, check_actor, production, performer, delivered_on, reported_by, reported_at)
         VALUES ('use-1', 'chk-1', 'key:k', 'prod-1', 'p-1', '2026-11-27', 'ada', '2026-11-28T09:00:00Z')
         """, []),
        ("INSERT INTO status_list (list, assigned, assigned_bits, revoked, version) VALUES (5, 1, ?, ?, 0)", [bytes(16), bytes(16)]),
    ]

    static let at = SQLArgument.text("2026-11-28T09:00:00Z")
    static func bytes(_ count: Int) -> SQLArgument { .bytes(Data(repeating: 7, count: count)) }

    /// A valid row of every table, column by column in the table's order, on top of `parents`.
    static let probeRows: [String: [(String, SQLArgument)]] = [
        "performer": [("id", .text("p-2")), ("name", .text("Sam")), ("minor_until", .null), ("deceased_on", .null), ("created_at", at)],
        "account": [("username", .text("bob")), ("role", .text("casting")), ("password_hash", .text("$argon2id$v=19$x")), ("created_at", at),
                    ("email", .null), ("mute", .text("[]"))],
        "api_key": [("id", .text("key-1")), ("name", .text("pipeline")), ("role", .text("production")),
                    ("key_hash", .text(String(repeating: "a", count: 64))), ("created_at", at), ("created_by", .text("ada"))],
        "production": [("id", .text("prod-2")), ("title", .text("Tide")), ("studio", .null), ("created_at", at),
                       ("non_fiction", .integer(0)), ("contact", .text("ada"))],
        "role": [("id", .text("r-1")), ("production", .text("prod-1")), ("performer", .text("p-1")), ("name", .text("Lead")),
                 ("category", .text("principal")), ("union", .text("sag")), ("created_at", at)],
        "tool": [("id", .text("t-1")), ("name", .text("Vault")), ("vendor", .null), ("retains_inputs", .integer(0)),
                 ("enterprise_secured", .integer(1)), ("created_at", at), ("version", .null)],
        "union_state": [("name", .text("sag")), ("strike", .integer(0)), ("updated_at", at), ("updated_by", .text("ada"))],
        "consent_grant": [
            ("id", .text("g-2")), ("performer", .text("p-1")), ("production", .text("prod-1")), ("uses", .text(#"["replica"]"#)),
            ("aspects", .text(#"["face"]"#)), ("destinations", .text(#"["temporary"]"#)), ("territories", .text(#"["*"]"#)),
            ("excluded_content", .text("[]")), ("valid_from", .text("2026-01-01")), ("valid_until", .text("2027-01-01")),
            ("signed_by", .text("performer")), ("survives_death", .integer(0)), ("description", .text("Digital replica for the night shoot")),
            ("evidence", .null), ("status", .text("active")), ("recorded_at", at), ("recorded_by", .text("ada")),
            ("fee_amount", .integer(150_000)), ("fee_currency", .text("USD")), ("fee_per", .text("day")), ("fee_pension_health", .integer(2100)),
        ],
        "grant_status_change": [("id", .integer(10)), ("grant_id", .text("g-1")), ("status", .text("revoked")),
                                ("reason", .text("Withdrawn")), ("at", at), ("actor", .text("ada")), ("by_role", .text("casting")),
                                ("by_capacity", .null)],
        "approval": [
            ("id", .text("a-2")), ("production", .text("prod-1")), ("performer", .text("p-1")), ("uses", .text(#"["replica"]"#)),
            ("destinations", .text(#"["final"]"#)), ("covers", .text(#"["talent-likeness"]"#)), ("valid_until", .text("2027-01-01")),
            ("approved_by", .text("Studio legal")), ("reference", .text("MEMO-1")), ("status", .text("active")),
            ("revoked_at", .null), ("revoked_by", .null), ("revoke_reason", .null), ("recorded_at", at), ("recorded_by", .text("ada")),
        ],
        "registry_change": [("seq", .integer(100)), ("entity", .text("performer")), ("entity_id", .text("p-1"))],
        "registry_bulk_write": [("marked", .integer(1))],
        "receipt_dictionary": [("id", .integer(2)), ("trained_at", at), ("samples", .integer(1000)), ("bytes", bytes(1))],
        "check_receipt": [("id", .text("chk-2")), ("decided_at", at), ("decision", .text("allowed")), ("production", .text("prod-1")),
                          ("performer", .null), ("actor", .text("key:k")), ("dictionary", .null), ("body", bytes(2)),
                          ("at", .text("2026-11-28")), ("tool", .null)],
        "check_reliance": [("grant_id", .text("g-1")), ("check_id", .text("chk-1")), ("production", .text("prod-1")),
                           ("decision", .text("allowed")), ("decided_at", at)],
        "use_register": useRegisterRow,
        "use_register_log": useRegisterRow,
        "audit_entry": [("seq", .integer(1)), ("at", at), ("actor", .text("ada")), ("action", .text("grant.create")),
                        ("subject", .text("g-1")), ("detail", .null), ("prev_hash", .text(String(repeating: "0", count: 64))),
                        ("hash", .text(String(repeating: "1", count: 64))), ("by_role", .null), ("by_capacity", .null)],
        "audit_head": [("id", .integer(1)), ("seq", .integer(1)), ("hash", .text(String(repeating: "1", count: 64)))],
        "vault_key": [("generation", .integer(2)), ("public_key", bytes(32)), ("created_at", at), ("retired_at", .null)],
        "account_key": [("username", .text("ada")), ("public_key", bytes(32)), ("wrapped_private_key", bytes(1)),
                        ("kdf_salt", bytes(16)), ("kdf_parameters", .text("argon2id;m=1;t=1;p=1"))],
        "vault_grant": [("username", .text("ada")), ("generation", .integer(1)), ("encapsulated_key", bytes(1)), ("sealed_private_key", bytes(1))],
        "personal_record": [("performer", .text("p-1")), ("generation", .integer(1)), ("encapsulated_key", bytes(1)),
                            ("ciphertext", bytes(1)), ("updated_at", at), ("updated_by", .text("ada"))],
        "alert_delivery": [("key", .text("expiring:g-1:30")), ("grant_id", .text("g-1")), ("delivered_at", at)],
        "approval_request": [
            ("id", .text("req-1")), ("check_id", .text("chk-1")), ("production", .text("prod-1")), ("performer", .null),
            ("use", .text("replica")), ("destination", .text("final")), ("requirements", .text(#"["talent-likeness"]"#)),
            ("note", .text("Final shot of the night scene, approval asked")), ("state", .text("open")), ("requested_by", .text("ada")),
            ("requested_at", at), ("contact", .null), ("approval", .null), ("decided_by", .null), ("decided_at", .null), ("reason", .null),
        ],
        "signing_key": [("kid", .text("k-1")), ("public_key", bytes(32)), ("created_at", at), ("retired_at", .null)],
        "event": [("seq", .integer(2)), ("id", .text("ev-2")), ("type", .text("grant.revoked")), ("at", at), ("body", .text("{}"))],
        "webhook": [("id", .text("wh-2")), ("url", .text("https://example.org/other")), ("events", .text(#"["grant.created"]"#)),
                    ("sealed_secret", bytes(8)), ("created_at", at), ("created_by", .text("ada"))],
        "webhook_delivery": [("webhook_id", .text("wh-1")), ("event_seq", .integer(1)), ("state", .text("pending")),
                             ("attempts", .integer(0)), ("next_attempt_at", at), ("last_status", .null), ("last_error", .null),
                             ("delivered_at", .null)],
        "login_failure": [("key_hash", .text(String(repeating: "f", count: 64))), ("failed_at", .integer(1_795_856_400_000))],
        "delegation": [("id", .text("dlg-1")), ("account", .text("ada")), ("performer", .text("p-1")), ("capacity", .text("agent")),
                       ("may_consent", .integer(0)), ("invitation", .text("inv-1")), ("since", at), ("revoked_at", .null),
                       ("revoked_by", .null), ("revoke_reason", .null)],
        "invitation": [("id", .text("inv-1")), ("performer", .text("p-1")), ("capacity", .text("self")), ("may_consent", .integer(1)),
                       ("email", .null), ("code_hash", .text(String(repeating: "e", count: 64))), ("expires_at", at),
                       ("created_by", .text("ada")), ("created_at", at), ("used_at", .null), ("used_by", .null)],
        "consent_offer": [
            ("id", .text("off-1")), ("performer", .text("p-1")), ("production", .text("prod-1")), ("uses", .text(#"["replica"]"#)),
            ("aspects", .text(#"["face"]"#)), ("destinations", .text(#"["temporary"]"#)), ("territories", .text(#"["*"]"#)),
            ("excluded_content", .text("[]")), ("valid_from", .text("2026-01-01")), ("valid_until", .text("2027-01-01")),
            ("survives_death", .integer(0)), ("description", .text("Digital replica for the night shoot")),
            ("respond_by", .text("2026-12-12")), ("state", .text("open")), ("offered_by", .text("ada")), ("offered_at", at),
            ("terms", .text("Consent to ...")), ("terms_sha256", .text(String(repeating: "d", count: 64))), ("grant_id", .null),
            ("signed_at", .null), ("decided_by", .null), ("decided_at", .null), ("reason", .null),
            ("fee_amount", .null), ("fee_currency", .null), ("fee_per", .null), ("fee_pension_health", .null),
        ],
        "usage_report": [("id", .text("use-2")), ("check_id", .text("chk-1")), ("check_actor", .text("key:k")), ("production", .text("prod-1")),
                         ("performer", .text("p-1")), ("delivered_on", .text("2026-11-28")), ("days", .integer(2)), ("minutes", .null),
                         ("note", .null), ("corrects", .text("use-1")), ("reported_by", .text("ada")), ("reported_at", at)],
        "usage_line": [("usage_id", .text("use-1")), ("line_number", .integer(1)), ("check_id", .text("chk-1")), ("grant_id", .text("g-1")),
                       ("performer", .text("p-1")), ("production", .text("prod-1")), ("delivered_on", .text("2026-11-28")), ("reported_at", at),
                       ("currency", .text("USD")), ("basis", .text("day")), ("quantity", .integer(2)), ("amount", .integer(300_000)),
                       ("pension_health", .integer(63_000))],
        "performer_use": [("segment", .integer(1))] + performerUseRow,
        "performer_use_log": performerUseRow,
        "performer_use_segment": [("segment", .integer(1)), ("newest_at", .text("2026-11-28")), ("newest_decided_at", at),
                                  ("oldest_at", .text("2026-11-28"))],
        "performer_use_backfill": [("id", .integer(1)), ("through", .integer(5))],
        "performer_use_folded": [("id", .integer(1)), ("through", .integer(5))],
        "use_register_fold": [("id", .integer(1)), ("through", .integer(5)), ("production", .text("prod-1")), ("at", .text("2026-11-28")),
                              ("use", .text("replica")), ("destination", .text("final")), ("tool", .text("")), ("performer", .text("p-1")),
                              ("decision", .text("allowed"))],
        "mail": [("id", .text("mail-1")), ("kind", .text("offer.waiting")), ("account", .text("bob")), ("to_address", .text("bob@example.org")),
                 ("subject", .text("A consent offer waits")), ("data", .text("{}")), ("sealed_code", .null), ("state", .text("pending")),
                 ("attempts", .integer(0)), ("next_attempt_at", at), ("last_error", .null), ("created_at", at), ("sent_at", .null)],
        "mail_digest": [("account", .text("bob")), ("day", .text("2026-11-28"))],
        "status_list": [("list", .integer(0)), ("assigned", .integer(0)), ("assigned_bits", bytes(16)), ("revoked", bytes(16)),
                        ("version", .integer(0))],
        "status_index": [("check_id", .text("chk-1")), ("list", .integer(5)), ("idx", .integer(3))],
        "migration_ledger": [("id", .text("9999-probe")), ("checksum", .text(String(repeating: "c", count: 64))), ("applied_at", at)],
    ]

    static let performerUseRow: [(String, SQLArgument)] = [
        ("performer", .text("p-1")), ("at", .text("2026-11-28")), ("decided_at", at), ("check_id", .text("chk-1")),
        ("production", .text("prod-1")), ("tool", .null),
    ]

    static let useRegisterRow: [(String, SQLArgument)] = [
        ("production", .text("prod-1")), ("at", .text("2026-11-28")), ("use", .text("replica")), ("destination", .text("final")),
        ("tool", .text("")), ("performer", .text("p-1")), ("decision", .text("allowed")), ("checks", .integer(1)),
    ]

    /// The values each column is tried with, by type: what the schema's checks tell apart (empty
    /// and blank text, ids, JSON, days, vocabularies, lengths, the parents' keys) and what they do not.
    static let textProbes: [SQLArgument] = [
        .null, .text(""), .text(" "), .text("x"), .text("-x"), .text("a b"), .text(String(repeating: "a", count: 64)),
        .text(String(repeating: "a", count: 65)), .text("[]"), .text(#"["a"]"#), .text("{}"), .text(#"{"a":1}"#), .text("not json"),
        .text("2026-02-30"), .text("2026-1-01"), .text("2026-01-01"), .text("2025-12-31"), .text("$argon2id$x"),
        .text("active"), .text("revoked"), .text("open"), .text("declined"), .text("delivered"), .text("studio"),
        .text("allowed"), .text("denied"), .text("final"), .text("grant.created"), .text("Final shot of the night scene, approval"),
        .text("p-1"), .text("prod-1"), .text("g-1"), .text("chk-1"), .text("a-1"), .text("ada"), .text("wh-1"),
    ]
    static let integerProbes: [SQLArgument] = [.null, .integer(-1), .integer(0), .integer(1), .integer(2), .integer(100)]
    static let bytesProbes: [SQLArgument] = [.null, .bytes(Data()), bytes(1), bytes(16), bytes(32), bytes(33)]

    /// An insert of `table`'s probe row with `column` set to `value` (the row as it is without one).
    static func insert(_ table: String, _ column: String? = nil, _ value: SQLArgument? = nil) -> (String, [SQLArgument]) {
        let row = probeRows[table]!.map { name, original in (name, name == column ? value! : original) }
        let names = row.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
        return ("INSERT INTO \(table) (\(names)) VALUES (\(marks))", row.map(\.1))
    }

    @Test func everyCheckRefusesTheSameValuesOnBothBackends() async throws {
        try await Self.withBothBackends(parents: Self.parents) { sqlite, postgres in
            let schema = try await SchemaDescription.read(sqlite, .sqlite)
            // Every table has a probe row of exactly its columns: a new table or column needs one.
            let described = Set(schema.columns.flatMap { table, columns in columns.map { "\(table).\($0.name)" } })
            let probed = Set(Self.probeRows.flatMap { table, columns in columns.map { "\(table).\($0.0)" } })
            if let difference = SchemaDescription.difference(described, probed, names: ("the schema", "the probe rows")) {
                Issue.record("every column needs a valid value in `probeRows`: \(difference)")
            }

            var probes: [(what: String, statement: (String, [SQLArgument]))] = []
            for (table, columns) in schema.columns.sorted(by: { $0.key < $1.key }) where Self.probeRows[table] != nil {
                probes.append(("\(table) as is", Self.insert(table)))
                for column in columns {
                    let values = switch column.type {
                    case "text": Self.textProbes
                    case "integer": Self.integerProbes
                    default: Self.bytesProbes
                    }
                    // A generated key's NULL asks for a new key on SQLite and is refused on PostgreSQL:
                    // the stores leave such a key out instead, which both fill in.
                    let isKey = column.generated || SchemaDescription.keysOnlySQLiteGenerates.contains("\(table).\(column.name)")
                    for value in values where !(isKey && value == .null) {
                        probes.append(("\(table).\(column.name) = \(value)", Self.insert(table, column.name, value)))
                    }
                }
            }
            let onSQLite = try await sqlite.attempt(probes.map(\.statement), undoingEach: true, thenReading: nil).accepted
            let onPostgres = try await postgres.attempt(probes.map(\.statement), undoingEach: true, thenReading: nil).accepted
            let differences = probes.indices.filter { onSQLite[$0] != onPostgres[$0] }.map {
                "  \(probes[$0].what): SQLite \(onSQLite[$0] ? "accepts" : "refuses"), PostgreSQL \(onPostgres[$0] ? "accepts" : "refuses")"
            }
            if !differences.isEmpty { Issue.record("the checks differ:\n\(differences.joined(separator: "\n"))") }
            // The probes tell something apart: every probe row is accepted as it is, and some values are refused.
            #expect(probes.indices.filter { probes[$0].what.hasSuffix(" as is") }.allSatisfy { onSQLite[$0] })
            #expect(onSQLite.contains(false))
        }
    }

    // MARK: Triggers, by their effect

    /// What some triggers are there for, tried on both backends: the statements' outcomes and what
    /// `read` reads afterwards must be the same. Each trigger of either backend is named by one.
    struct TriggerScenario {
        let name: String
        let sqliteTriggers: [String]
        let postgresTriggers: [String]
        let statements: [(String, [SQLArgument])]
        let read: String
    }

    /// The tables whose changes the facts index follows, with their key column.
    static let trackedTables = [
        ("performer", "id"), ("production", "id"), ("role", "id"), ("tool", "id"),
        ("union_state", "name"), ("consent_grant", "id"), ("approval", "id"),
    ]

    static var scenarios: [TriggerScenario] {
        let tracking = trackedTables.flatMap { table, _ in ["insert", "update", "delete"].map { "\(table)_\($0)_tracked" } }
        let trackingOnPostgres = trackedTables.map { table, _ in "\(table)_tracked" }
        let changes = "SELECT entity || ' ' || entity_id FROM registry_change ORDER BY seq"
        return [
            TriggerScenario(
                name: "every insert, update and delete of a tracked table is logged", sqliteTriggers: tracking,
                postgresTriggers: trackingOnPostgres,
                statements: trackedTables.flatMap { table, key in
                    let id = probeRows[table]!.first { $0.0 == key }!.1
                    return [insert(table), ("UPDATE \(table) SET \(key) = \(key) WHERE \(key) = ?", [id]),
                            ("DELETE FROM \(table) WHERE \(key) = ?", [id])]
                },
                read: changes),
            TriggerScenario(
                name: "a bulk write's mark silences the log", sqliteTriggers: tracking, postgresTriggers: trackingOnPostgres,
                statements: [("INSERT INTO registry_bulk_write (marked) VALUES (1)", [])] + trackedTables.map { insert($0.0) }
                    + [("DELETE FROM registry_bulk_write", [])],
                read: changes),
            TriggerScenario(
                name: "a grant is never deleted and keeps its performer",
                sqliteTriggers: ["consent_grant_never_deleted", "consent_grant_keeps_performer"],
                postgresTriggers: ["consent_grant_never_deleted", "consent_grant_keeps_performer"],
                statements: [
                    insert("performer"),
                    ("UPDATE consent_grant SET performer = 'p-2' WHERE id = 'g-1'", []),
                    ("UPDATE consent_grant SET performer = 'p-1', status = 'revoked' WHERE id = 'g-1'", []),
                    ("DELETE FROM consent_grant WHERE id = 'g-1'", []),
                ],
                read: "SELECT id || ' ' || performer || ' ' || status FROM consent_grant ORDER BY id"),
            TriggerScenario(
                name: "the audit trail is append-only",
                sqliteTriggers: ["audit_entry_no_update", "audit_entry_no_delete"], postgresTriggers: ["audit_entry_append_only"],
                statements: [insert("audit_entry"), ("UPDATE audit_entry SET actor = 'mallory'", []), ("DELETE FROM audit_entry", [])],
                read: "SELECT actor FROM audit_entry"),
            TriggerScenario(
                name: "usage reports and their lines are append-only",
                sqliteTriggers: ["usage_report_no_update", "usage_report_no_delete", "usage_line_no_update", "usage_line_no_delete"],
                postgresTriggers: ["usage_report_append_only", "usage_line_append_only"],
                statements: [insert("usage_line"), ("UPDATE usage_report SET note = 'changed'", []), ("UPDATE usage_line SET amount = 0", []),
                             ("DELETE FROM usage_line", []), ("DELETE FROM usage_report", [])],
                read: "SELECT r.id || ' ' || coalesce(r.note, '-') || ' ' || CAST(l.amount AS TEXT) FROM usage_report r JOIN usage_line l ON l.usage_id = r.id"),
        ]
    }

    /// PostgreSQL's triggers with nothing to compare on SQLite.
    static let postgresOnlyTriggers = [
        // SQLite has no TRUNCATE (its DELETE without WHERE fires the delete triggers).
        "audit_entry_not_truncated", "usage_report_not_truncated", "usage_line_not_truncated",
        // SQLite has no notifications: its servers poll registry_change.
        "registry_change_notify",
    ]

    @Test func everyTriggerHasTheSameEffectOnBothBackends() async throws {
        try await Self.withBothBackends(parents: Self.parents) { sqlite, postgres in
            let onSQLite = Set(try await sqlite.texts("SELECT name FROM sqlite_master WHERE type = 'trigger'", []).compactMap { $0 })
            let onPostgres = Set(try await postgres.texts("""
                SELECT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                """, []).compactMap { $0 })
            let scenarios = Self.scenarios
            let untriedOnSQLite = onSQLite.subtracting(scenarios.flatMap(\.sqliteTriggers)).sorted()
            let untriedOnPostgres = onPostgres.subtracting(scenarios.flatMap(\.postgresTriggers) + Self.postgresOnlyTriggers).sorted()
            #expect(untriedOnSQLite.isEmpty && untriedOnPostgres.isEmpty,
                    "triggers no scenario tries: SQLite \(untriedOnSQLite), PostgreSQL \(untriedOnPostgres)")
            #expect(Set(scenarios.flatMap(\.sqliteTriggers)).isSubset(of: onSQLite))
            #expect(Set(scenarios.flatMap(\.postgresTriggers) + Self.postgresOnlyTriggers).isSubset(of: onPostgres))

            for scenario in scenarios {
                let first = try await sqlite.attempt(scenario.statements, undoingEach: false, thenReading: scenario.read)
                let second = try await postgres.attempt(scenario.statements, undoingEach: false, thenReading: scenario.read)
                #expect(first.accepted == second.accepted, "\(scenario.name): statements accepted on SQLite \(first.accepted), on PostgreSQL \(second.accepted)")
                #expect(first.read == second.read, "\(scenario.name): SQLite reads \(first.read), PostgreSQL \(second.read)")
            }
        }
    }
}
