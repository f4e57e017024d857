import Foundation
import GRDB
import LikenessRules

/// Versioned migrations. Constraints live in the schema: NOT NULL, CHECK for every enum,
/// foreign keys, unique indexes. A migration is frozen once released: its vocabularies are
/// spelled out as they were then (a later value comes with a migration of its own), so that an
/// upgraded database and a new one end with the same schema.
enum SQLiteSchema {
    static let v1Roles = ["admin", "casting", "production", "privacy", "auditor"]
    static let v6Roles = v1Roles + ["studio"]

    static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ",") }
    static func jsonArray(_ column: String, nonEmpty: Bool) -> String {
        "json_valid(\(column)) AND json_type(\(column)) = 'array'" + (nonEmpty ? " AND json_array_length(\(column)) > 0" : "")
    }
    static func isDay(_ column: String) -> String { "date(\(column), '+0 days') IS \(column)" }
    static func idCheck(_ column: String) -> String {
        "length(\(column)) BETWEEN 1 AND 64 AND \(column) NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(\(column), 1, 1) GLOB '[A-Za-z0-9]'"
    }

    /// Tables whose changes the in-memory facts index follows, with their key column.
    static let trackedTables = [
        ("performer", "id"), ("production", "id"), ("role", "id"), ("tool", "id"),
        ("union_state", "name"), ("consent_grant", "id"), ("approval", "id"),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-registry") { db in
            try db.execute(sql: """
            CREATE TABLE performer (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              minor_until TEXT CHECK (minor_until IS NULL OR \(isDay("minor_until"))),
              deceased_on TEXT CHECK (deceased_on IS NULL OR \(isDay("deceased_on"))),
              created_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE production (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              title TEXT NOT NULL CHECK (length(trim(title)) > 0),
              studio TEXT,
              created_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE role (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              production TEXT NOT NULL REFERENCES production(id),
              performer TEXT NOT NULL REFERENCES performer(id),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              category TEXT NOT NULL CHECK (category IN (\(list(["principal", "background", "stunt", "voice", "other"])))),
              "union" TEXT CHECK ("union" IS NULL OR (\(idCheck("\"union\"")))),
              created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX role_by_performer ON role(performer);
            CREATE INDEX role_by_production ON role(production);
            CREATE TABLE tool (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              vendor TEXT,
              retains_inputs INTEGER NOT NULL CHECK (retains_inputs IN (0, 1)),
              enterprise_secured INTEGER NOT NULL CHECK (enterprise_secured IN (0, 1)),
              created_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE union_state (
              name TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("name"))),
              strike INTEGER NOT NULL CHECK (strike IN (0, 1)),
              updated_at TEXT NOT NULL,
              updated_by TEXT NOT NULL
            ) STRICT;
            CREATE TABLE consent_grant (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              performer TEXT NOT NULL REFERENCES performer(id),
              production TEXT REFERENCES production(id),
              uses TEXT NOT NULL CHECK (\(jsonArray("uses", nonEmpty: true))),
              aspects TEXT NOT NULL CHECK (\(jsonArray("aspects", nonEmpty: true))),
              destinations TEXT NOT NULL CHECK (\(jsonArray("destinations", nonEmpty: true))),
              territories TEXT NOT NULL CHECK (\(jsonArray("territories", nonEmpty: true))),
              excluded_content TEXT NOT NULL CHECK (\(jsonArray("excluded_content", nonEmpty: false))),
              valid_from TEXT NOT NULL CHECK (\(isDay("valid_from"))),
              valid_until TEXT NOT NULL CHECK (\(isDay("valid_until")) AND valid_until >= valid_from),
              signed_by TEXT NOT NULL CHECK (signed_by IN (\(list(["performer", "guardian", "estate", "representative"])))),
              survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
              description TEXT NOT NULL CHECK (length(description) >= 20),
              evidence TEXT CHECK (evidence IS NULL OR json_valid(evidence)),
              status TEXT NOT NULL CHECK (status IN (\(list(["active", "revoked", "suspended"])))),
              recorded_at TEXT NOT NULL,
              recorded_by TEXT NOT NULL
            ) STRICT;
            CREATE INDEX grant_by_performer ON consent_grant(performer);
            CREATE INDEX grant_by_production ON consent_grant(production);
            CREATE INDEX grant_by_valid_until ON consent_grant(valid_until);
            CREATE TABLE grant_status_change (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              grant_id TEXT NOT NULL REFERENCES consent_grant(id),
              status TEXT NOT NULL CHECK (status IN (\(list(["active", "revoked", "suspended"])))),
              reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
              at TEXT NOT NULL,
              actor TEXT NOT NULL
            ) STRICT;
            CREATE INDEX grant_status_change_by_grant ON grant_status_change(grant_id);
            CREATE TABLE approval (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              production TEXT NOT NULL REFERENCES production(id),
              performer TEXT REFERENCES performer(id),
              uses TEXT CHECK (uses IS NULL OR (\(jsonArray("uses", nonEmpty: false)))),
              destinations TEXT CHECK (destinations IS NULL OR (\(jsonArray("destinations", nonEmpty: false)))),
              covers TEXT NOT NULL CHECK (\(jsonArray("covers", nonEmpty: true))),
              valid_until TEXT CHECK (valid_until IS NULL OR \(isDay("valid_until"))),
              approved_by TEXT NOT NULL CHECK (length(trim(approved_by)) > 0),
              reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
              status TEXT NOT NULL CHECK (status IN (\(list(["active", "revoked"])))),
              revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT,
              recorded_at TEXT NOT NULL,
              recorded_by TEXT NOT NULL,
              CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
            ) STRICT;
            CREATE INDEX approval_by_production ON approval(production);
            CREATE TABLE account (
              username TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("username"))),
              role TEXT NOT NULL CHECK (role IN (\(list(v1Roles)))),
              password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
              created_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE api_key (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              role TEXT NOT NULL CHECK (role IN (\(list(v1Roles)))),
              key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
              created_at TEXT NOT NULL,
              created_by TEXT NOT NULL
            ) STRICT;
            CREATE TABLE registry_change (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              entity TEXT NOT NULL,
              entity_id TEXT NOT NULL
            ) STRICT;
            """)
            for (table, key) in trackedTables {
                for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                    try db.execute(sql: """
                    CREATE TRIGGER \(table)_\(event.lowercased())_tracked AFTER \(event) ON \(table) BEGIN
                      INSERT INTO registry_change(entity, entity_id) VALUES ('\(table)', \(row).\(key));
                    END
                    """)
                }
            }
        }
        migrator.registerMigration("v2-checks") { db in
            try db.execute(sql: """
            CREATE TABLE check_receipt (
              id TEXT PRIMARY KEY NOT NULL,
              decided_at TEXT NOT NULL,
              decision TEXT NOT NULL CHECK (decision IN (\(list(["allowed", "notify", "needs-approval", "denied"])))),
              production TEXT NOT NULL,
              performer TEXT,
              actor TEXT NOT NULL,
              body TEXT NOT NULL CHECK (json_valid(body))
            ) STRICT;
            CREATE TABLE check_grant (
              grant_id TEXT NOT NULL,
              check_id TEXT NOT NULL REFERENCES check_receipt(id),
              PRIMARY KEY (grant_id, check_id)
            ) STRICT, WITHOUT ROWID;
            """)
        }
        migrator.registerMigration("v3-vault-audit") { db in
            try db.execute(sql: """
            CREATE TABLE audit_entry (
              seq INTEGER PRIMARY KEY,
              at TEXT NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT NOT NULL,
              detail TEXT,
              prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
              hash TEXT NOT NULL CHECK (length(hash) = 64)
            ) STRICT;
            CREATE TABLE audit_head (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              seq INTEGER NOT NULL,
              hash TEXT NOT NULL
            ) STRICT;
            CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN
              SELECT RAISE(ABORT, 'the audit trail is append-only');
            END;
            CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN
              SELECT RAISE(ABORT, 'the audit trail is append-only');
            END;
            CREATE TABLE vault_key (
              generation INTEGER PRIMARY KEY,
              public_key BLOB NOT NULL CHECK (length(public_key) = 32),
              created_at TEXT NOT NULL,
              retired_at TEXT
            ) STRICT;
            CREATE TABLE account_key (
              username TEXT PRIMARY KEY NOT NULL REFERENCES account(username) ON DELETE CASCADE,
              public_key BLOB NOT NULL CHECK (length(public_key) = 32),
              wrapped_private_key BLOB NOT NULL,
              kdf_salt BLOB NOT NULL CHECK (length(kdf_salt) = 16),
              kdf_parameters TEXT NOT NULL
            ) STRICT;
            CREATE TABLE vault_grant (
              username TEXT NOT NULL REFERENCES account(username) ON DELETE CASCADE,
              generation INTEGER NOT NULL REFERENCES vault_key(generation),
              encapsulated_key BLOB NOT NULL,
              sealed_private_key BLOB NOT NULL,
              PRIMARY KEY (username, generation)
            ) STRICT;
            CREATE TABLE personal_record (
              performer TEXT PRIMARY KEY NOT NULL REFERENCES performer(id),
              generation INTEGER NOT NULL REFERENCES vault_key(generation),
              encapsulated_key BLOB NOT NULL,
              ciphertext BLOB NOT NULL,
              updated_at TEXT NOT NULL,
              updated_by TEXT NOT NULL
            ) STRICT;
            """)
        }
        migrator.registerMigration("v4-alerts") { db in
            try db.execute(sql: """
            CREATE TABLE alert_delivery (
              key TEXT PRIMARY KEY NOT NULL,
              grant_id TEXT NOT NULL,
              delivered_at TEXT NOT NULL
            ) STRICT;
            """)
        }
        migrator.registerMigration("v5-check-reliance") { db in
            // Impact and alerts need, per grant, the allowed/notify checks that relied on it; reading
            // them through the receipts' large bodies was slow, so they get a slim table of their own.
            try db.execute(sql: """
            CREATE TABLE check_reliance (
              grant_id TEXT NOT NULL,
              check_id TEXT NOT NULL REFERENCES check_receipt(id),
              production TEXT NOT NULL,
              decision TEXT NOT NULL CHECK (decision IN ('allowed', 'notify')),
              decided_at TEXT NOT NULL,
              PRIMARY KEY (grant_id, check_id)
            ) STRICT, WITHOUT ROWID;
            INSERT INTO check_reliance (grant_id, check_id, production, decision, decided_at)
              SELECT g.grant_id, r.id, r.production, r.decision, r.decided_at
              FROM check_grant g JOIN check_receipt r ON r.id = g.check_id
              WHERE r.decision IN ('allowed', 'notify');
            DROP TABLE check_grant;
            """)
        }
        migrator.registerMigration("v6-studio-and-non-fiction") { db in
            // The studio role (SQLite cannot change a CHECK: the two tables naming roles are rebuilt,
            // as its documentation describes, while the migrator holds foreign keys off), then the
            // production's contact and its non-fiction flag (rule P7).
            try db.execute(sql: """
            CREATE TABLE account_v6 (
              username TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("username"))),
              role TEXT NOT NULL CHECK (role IN (\(list(v6Roles)))),
              password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
              created_at TEXT NOT NULL
            ) STRICT;
            INSERT INTO account_v6 SELECT username, role, password_hash, created_at FROM account;
            DROP TABLE account;
            ALTER TABLE account_v6 RENAME TO account;
            CREATE TABLE api_key_v6 (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              role TEXT NOT NULL CHECK (role IN (\(list(v6Roles)))),
              key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
              created_at TEXT NOT NULL,
              created_by TEXT NOT NULL
            ) STRICT;
            INSERT INTO api_key_v6 SELECT id, name, role, key_hash, created_at, created_by FROM api_key;
            DROP TABLE api_key;
            ALTER TABLE api_key_v6 RENAME TO api_key;
            ALTER TABLE production ADD COLUMN non_fiction INTEGER NOT NULL DEFAULT 0 CHECK (non_fiction IN (0, 1));
            ALTER TABLE production ADD COLUMN contact TEXT REFERENCES account(username) ON DELETE SET NULL;
            CREATE INDEX production_by_contact ON production(contact);
            """)
        }
        migrator.registerMigration("v7-approval-requests") { db in
            try db.execute(sql: """
            CREATE TABLE approval_request (
              id TEXT PRIMARY KEY NOT NULL CHECK (\(idCheck("id"))),
              check_id TEXT NOT NULL REFERENCES check_receipt(id),
              production TEXT NOT NULL REFERENCES production(id),
              performer TEXT,
              use TEXT NOT NULL,
              destination TEXT NOT NULL CHECK (destination IN ('temporary', 'final', 'marketing')),
              requirements TEXT NOT NULL CHECK (\(jsonArray("requirements", nonEmpty: true))),
              note TEXT NOT NULL CHECK (length(note) >= 20),
              state TEXT NOT NULL CHECK (state IN ('open', 'approved', 'declined', 'withdrawn')),
              requested_by TEXT NOT NULL,
              requested_at TEXT NOT NULL,
              contact TEXT,
              approval TEXT REFERENCES approval(id),
              decided_by TEXT,
              decided_at TEXT,
              reason TEXT,
              CHECK ((state = 'open') = (decided_at IS NULL)),
              CHECK ((state = 'approved') = (approval IS NOT NULL))
            ) STRICT;
            CREATE INDEX approval_request_by_production ON approval_request(production, requested_at);
            CREATE INDEX approval_request_by_requester ON approval_request(requested_by, requested_at);
            -- At most one open request per check.
            CREATE UNIQUE INDEX approval_request_open_per_check ON approval_request(check_id) WHERE state = 'open';
            """)
        }
        migrator.registerMigration("v8-use-register") { db in
            // The use register groups a production's checks by the day of the use and what was
            // asked: these columns and their covering index answer it without reading any body.
            try db.execute(sql: """
            ALTER TABLE check_receipt ADD COLUMN at TEXT;
            ALTER TABLE check_receipt ADD COLUMN use TEXT;
            ALTER TABLE check_receipt ADD COLUMN destination TEXT;
            ALTER TABLE check_receipt ADD COLUMN tool TEXT;
            UPDATE check_receipt SET at = json_extract(body, '$.request.at'), use = json_extract(body, '$.request.use'),
              destination = json_extract(body, '$.request.destination'), tool = json_extract(body, '$.request.tool');
            CREATE INDEX check_use_register ON check_receipt(production, at, use, destination, tool, performer, decision);
            """)
        }
        migrator.registerMigration("v9-signing-keys") { db in
            // Public keys only: the private key lives in the key file beside the database.
            try db.execute(sql: """
            CREATE TABLE signing_key (
              kid TEXT PRIMARY KEY NOT NULL,
              public_key BLOB NOT NULL CHECK (length(public_key) = 32),
              created_at TEXT NOT NULL,
              retired_at TEXT
            ) STRICT;
            CREATE UNIQUE INDEX signing_key_one_current ON signing_key(retired_at IS NULL) WHERE retired_at IS NULL;
            """)
        }
        migrator.registerMigration("v10-events") { db in
            // The outbox (written in the transaction of each change) and the webhooks' deliveries.
            // Webhook secrets are sealed with the key file's webhook key, which is not in the database.
            try db.execute(sql: """
            CREATE TABLE event (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL CHECK (type IN ('grant.created', 'grant.revoked', 'grant.suspended', 'grant.resumed',
                'approval.created', 'approval.revoked', 'approval-request.created', 'approval-request.decided',
                'union.strike-changed')),
              at TEXT NOT NULL,
              body TEXT NOT NULL
            ) STRICT;
            CREATE TABLE webhook (
              id TEXT PRIMARY KEY NOT NULL,
              url TEXT NOT NULL,
              events TEXT NOT NULL CHECK (json_valid(events) AND json_array_length(events) > 0),
              sealed_secret BLOB NOT NULL,
              created_at TEXT NOT NULL,
              created_by TEXT NOT NULL
            ) STRICT;
            CREATE TABLE webhook_delivery (
              webhook_id TEXT NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
              event_seq INTEGER NOT NULL REFERENCES event(seq),
              state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
              attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
              next_attempt_at TEXT NOT NULL,
              last_status INTEGER,
              last_error TEXT,
              delivered_at TEXT,
              PRIMARY KEY (webhook_id, event_seq)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX webhook_delivery_pending ON webhook_delivery(webhook_id, event_seq) WHERE state = 'pending';
            """)
        }
        migrator.registerMigration("v11-compact-receipts") { db in
            // Receipts are packed (see `ReceiptCodec`): a body is a BLOB, plain UTF-8 while the
            // database has no dictionary, then zstd with the dictionary it names. A database with
            // enough receipts gets its dictionary here and every receipt is packed as it is copied
            // (repacking in place later would leave the table's pages mostly empty); otherwise
            // they are copied plain, indexed by `check_receipt_plain` until the compactor repacks them.
            // The use register becomes a table of counts kept by the receipt writer instead of an
            // index over every receipt: one small row per production, day and kind of use.
            try db.execute(sql: """
            CREATE TABLE receipt_dictionary (
              id INTEGER PRIMARY KEY,
              trained_at TEXT NOT NULL,
              samples INTEGER NOT NULL CHECK (samples > 0),
              bytes BLOB NOT NULL
            ) STRICT;
            CREATE TABLE check_receipt_packed (
              id TEXT PRIMARY KEY NOT NULL,
              decided_at TEXT NOT NULL,
              decision TEXT NOT NULL CHECK (decision IN (\(list(["allowed", "notify", "needs-approval", "denied"])))),
              production TEXT NOT NULL,
              performer TEXT,
              actor TEXT NOT NULL,
              dictionary INTEGER REFERENCES receipt_dictionary(id),
              body BLOB NOT NULL
            ) STRICT;
            CREATE TABLE use_register (
              production TEXT NOT NULL,
              at TEXT NOT NULL,
              use TEXT NOT NULL,
              destination TEXT NOT NULL,
              tool TEXT NOT NULL,
              performer TEXT NOT NULL,
              decision TEXT NOT NULL,
              checks INTEGER NOT NULL CHECK (checks > 0),
              PRIMARY KEY (production, at, use, destination, tool, performer, decision)
            ) STRICT, WITHOUT ROWID;
            INSERT INTO use_register (production, at, use, destination, tool, performer, decision, checks)
              SELECT production, at, use, destination, coalesce(tool, ''), coalesce(performer, ''), decision, count(*)
              FROM check_receipt WHERE at IS NOT NULL AND use IS NOT NULL AND destination IS NOT NULL
              GROUP BY production, at, use, destination, coalesce(tool, ''), coalesce(performer, ''), decision;
            """)
            let samples = try String.fetchAll(db, sql: "SELECT body FROM check_receipt ORDER BY rowid DESC LIMIT ?",
                                              arguments: [ReceiptCodec.maximumSamples])
            if samples.count >= ReceiptCodec.minimumSamples, let dictionary = try? ReceiptCodec.trainDictionary(on: samples, db) {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT id, decided_at, decision, production, performer, actor, body FROM check_receipt ORDER BY rowid
                    """)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO check_receipt_packed (id, decided_at, decision, production, performer, actor, dictionary, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                while let row = try rows.next() {
                    let body: String = row["body"]
                    try insert.execute(arguments: [row["id"], row["decided_at"], row["decision"], row["production"], row["performer"],
                                                   row["actor"], dictionary.id, Data(dictionary.digested.compress(body.utf8))])
                }
            } else {
                try db.execute(sql: """
                INSERT INTO check_receipt_packed (id, decided_at, decision, production, performer, actor, dictionary, body)
                  SELECT id, decided_at, decision, production, performer, actor, NULL, CAST(body AS BLOB) FROM check_receipt ORDER BY rowid
                """)
            }
            try db.execute(sql: """
            DROP TABLE check_receipt;
            ALTER TABLE check_receipt_packed RENAME TO check_receipt;
            CREATE INDEX check_receipt_plain ON check_receipt(decided_at) WHERE dictionary IS NULL;
            """)
        }
        migrator.registerMigration("v12-bulk-change-log") { db in
            // An import writes a million rows: instead of a change row each, it marks its
            // transaction in `registry_bulk_write`, which silences the triggers, and logs one change
            // of entity '*' that tells the index which rows to read (`BulkInsert`). The mark is
            // removed before the import commits, so no other writer ever sees it.
            try db.execute(sql: "CREATE TABLE registry_bulk_write (marked INTEGER PRIMARY KEY CHECK (marked = 1)) STRICT")
            for (table, key) in trackedTables {
                for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                    let name = "\(table)_\(event.lowercased())_tracked"
                    try db.execute(sql: """
                    DROP TRIGGER \(name);
                    CREATE TRIGGER \(name) AFTER \(event) ON \(table) WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
                      INSERT INTO registry_change(entity, entity_id) VALUES ('\(table)', \(row).\(key));
                    END
                    """)
                }
            }
        }
        migrator.registerMigration("v13-grants-stay") { db in
            // Revoking, suspending and expiring are statuses: a grant is never deleted and never
            // moves to another performer. The facts index files each grant under its performer
            // and needs no index of owners because of it.
            try db.execute(sql: """
                CREATE TRIGGER consent_grant_never_deleted BEFORE DELETE ON consent_grant BEGIN
                  SELECT RAISE(ABORT, 'a consent grant is never deleted: revoke it instead');
                END;
                CREATE TRIGGER consent_grant_keeps_performer BEFORE UPDATE OF performer ON consent_grant
                WHEN NEW.performer IS NOT OLD.performer BEGIN
                  SELECT RAISE(ABORT, 'a consent grant keeps its performer');
                END
                """)
        }
        migrator.registerMigration("v14-use-register-log") { db in
            // Each commit of receipts appends its counts to a log, and the receipt writer folds the
            // log into the register every `UseRegister.foldAt` rows: adding to the register at every
            // commit dirtied a page of it for each kind of use in the commit (most of the register
            // when a batch spans many productions), and each page went to the WAL again at the next
            // commit. The register is read together with its log.
            try db.execute(sql: """
            CREATE TABLE use_register_log (
              production TEXT NOT NULL,
              at TEXT NOT NULL,
              use TEXT NOT NULL,
              destination TEXT NOT NULL,
              tool TEXT NOT NULL,
              performer TEXT NOT NULL,
              decision TEXT NOT NULL,
              checks INTEGER NOT NULL CHECK (checks > 0)
            ) STRICT;
            """)
        }
        migrator.registerMigration("v15-login-failures") { db in
            // Failed logins, counted by every server of one database alike (`LoginLimits`).
            try db.execute(sql: """
            CREATE TABLE login_failure (
              key_hash TEXT NOT NULL,
              failed_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX login_failure_by_key ON login_failure(key_hash, failed_at);
            """)
        }
        migrator.registerMigration("v16-login-attempts") { db in
            // The attempt each failure belongs to: an attempt counts from its admission, and a
            // success forgets its own (`LoginLimits`).
            try db.execute(sql: "ALTER TABLE login_failure ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
