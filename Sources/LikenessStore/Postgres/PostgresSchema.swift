import Foundation

/// The schema on PostgreSQL, as versioned migrations. It holds what SQLite's `Schema` holds after
/// its last migration, constraint for constraint, with the same table and column names and the
/// same text for every value (days and times stay ISO 8601 text, JSON stays text), so that one
/// store's SQL reads the same rows from either. Where SQLite has an implicit `rowid` that the
/// stores read (the facts index's bulk marks, the receipts' order), the table has a `rowid`
/// identity column. Released migrations are frozen, as in `Schema`.
enum PostgresSchema {
    /// The migrations in the order they apply: an identifier and its SQL (several statements).
    static let migrations: [(id: String, sql: String)] = [
        ("v1-likeness", v1),
        ("v2-change-notify", v2),
        ("v3-login-failures", v3),
        ("v4-byte-order", v4),
        ("v5-login-attempts", v5),
    ]

    /// The channel on which every commit that logs a registry change notifies (`LISTEN`).
    static let changeChannel = "likeness_registry_change"

    /// The advisory lock that serialises migrations (several servers may start at once).
    static let migrationLock: Int64 = 0x4C_494B_454E_0001
    /// The advisory lock every registry change takes before it logs itself: changes then commit in
    /// the order of their `seq`, so that a reader of `registry_change WHERE seq > last` never
    /// passes over a change that commits later with a smaller number.
    static let registryLock: Int64 = AppendLog.registry.rawValue

    /// The statements of a migration's SQL, one by one (PostgreSQL prepares one statement per
    /// query): split at each `;` outside a string (`'…'`, `E'…'` with its backslash escapes), a
    /// quoted identifier (`"…"`), a dollar-quoted body (`$$…$$`, `$tag$…$tag$`), a line comment
    /// (`--`) or a block comment (`/* … */`, nested as PostgreSQL nests them).
    static func statements(in sql: String) -> [String] {
        let text = Array(sql.unicodeScalars)
        var statements: [String] = []
        var start = 0, i = 0
        func at(_ index: Int) -> Unicode.Scalar? { index < text.count ? text[index] : nil }
        func flush(_ end: Int) {
            let statement = String(String.UnicodeScalarView(text[start..<end])).trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
        }
        while let c = at(i) {
            switch c {
            case "'", "\"":
                // A doubled quote stands for itself; an E'…' string also escapes with a backslash.
                let escapes = c == "'" && i > 0 && (text[i - 1] == "E" || text[i - 1] == "e")
                i += 1
                while let d = at(i) {
                    if escapes && d == "\\" { i += 2; continue }
                    if d == c { if at(i + 1) == c { i += 2; continue } else { break } }
                    i += 1
                }
                i += 1
            case "-" where at(i + 1) == "-":
                while let d = at(i), d != "\n" { i += 1 }
            case "/" where at(i + 1) == "*":
                var depth = 0
                repeat {
                    if at(i) == "/" && at(i + 1) == "*" { depth += 1; i += 2 }
                    else if at(i) == "*" && at(i + 1) == "/" { depth -= 1; i += 2 }
                    else { i += 1 }
                } while depth > 0 && i < text.count
            case "$":
                // `$tag$` (a tag is a letter or `_`, then letters, digits or `_`) opens a body that
                // the same `$tag$` closes; `$1` and the like are parameters, not quotes.
                var j = i + 1
                while let d = at(j), d == "_" || d.properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(d)) { j += 1 }
                guard at(j) == "$" else { i += 1; continue }
                let tag = Array(text[i...j])
                i = j + 1
                while i < text.count && !(text[i] == "$" && Array(text[i..<min(i + tag.count, text.count)]) == tag) { i += 1 }
                i += tag.count
            case ";":
                flush(i)
                i += 1
                start = i
            default:
                i += 1
            }
        }
        flush(min(i, text.count))
        return statements
    }

    private static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ",") }

    /// Every table of `SQLiteSchema.trackedTables` logs its changes through `likeness_track_change`.
    private static var trackingTriggers: String {
        SQLiteSchema.trackedTables.map { table, key in
            """
            CREATE TRIGGER \(table)_tracked AFTER INSERT OR UPDATE OR DELETE ON \(table)
              FOR EACH ROW EXECUTE FUNCTION likeness_track_change('\(key)');
            """
        }.joined(separator: "\n")
    }

    private static let decisions = list(["allowed", "notify", "needs-approval", "denied"])
    private static let grantStatuses = list(["active", "revoked", "suspended"])
    private static let roles = list(SQLiteSchema.v6Roles)

    /// The columns of the use register and of its log (the log's rows are added into the register).
    private static let useRegisterColumns = """
          production TEXT NOT NULL,
          at TEXT NOT NULL,
          use TEXT NOT NULL,
          destination TEXT NOT NULL,
          tool TEXT NOT NULL,
          performer TEXT NOT NULL,
          decision TEXT NOT NULL,
          checks BIGINT NOT NULL CHECK (checks > 0),
    """

    private static let v1 = """
    CREATE FUNCTION likeness_is_id(v text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
      AS $$ SELECT v ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' $$;
    CREATE FUNCTION likeness_is_day(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
    BEGIN
      RETURN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(v::date, 'YYYY-MM-DD') = v;
    EXCEPTION WHEN others THEN
      RETURN false;
    END $$;
    CREATE FUNCTION likeness_is_json(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
    BEGIN
      PERFORM v::jsonb;
      RETURN true;
    EXCEPTION WHEN others THEN
      RETURN false;
    END $$;
    CREATE FUNCTION likeness_is_json_array(v text, non_empty boolean) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
    DECLARE
      parsed jsonb;
    BEGIN
      parsed := v::jsonb;
      RETURN jsonb_typeof(parsed) = 'array' AND (NOT non_empty OR jsonb_array_length(parsed) > 0);
    EXCEPTION WHEN others THEN
      RETURN false;
    END $$;
    CREATE FUNCTION likeness_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
    END $$;

    CREATE TABLE performer (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      minor_until TEXT CHECK (minor_until IS NULL OR likeness_is_day(minor_until)),
      deceased_on TEXT CHECK (deceased_on IS NULL OR likeness_is_day(deceased_on)),
      created_at TEXT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE TABLE account (
      username TEXT PRIMARY KEY CHECK (likeness_is_id(username)),
      role TEXT NOT NULL CHECK (role IN (\(roles))),
      password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
      created_at TEXT NOT NULL
    );
    CREATE TABLE api_key (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      role TEXT NOT NULL CHECK (role IN (\(roles))),
      key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE production (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      studio TEXT,
      created_at TEXT NOT NULL,
      non_fiction INTEGER NOT NULL DEFAULT 0 CHECK (non_fiction IN (0, 1)),
      contact TEXT REFERENCES account(username) ON DELETE SET NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE INDEX production_by_contact ON production(contact);
    CREATE TABLE role (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      production TEXT NOT NULL REFERENCES production(id),
      performer TEXT NOT NULL REFERENCES performer(id),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      category TEXT NOT NULL CHECK (category IN (\(list(["principal", "background", "stunt", "voice", "other"])))),
      "union" TEXT CHECK ("union" IS NULL OR likeness_is_id("union")),
      created_at TEXT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE INDEX role_by_performer ON role(performer);
    CREATE INDEX role_by_production ON role(production);
    CREATE TABLE tool (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      vendor TEXT,
      retains_inputs INTEGER NOT NULL CHECK (retains_inputs IN (0, 1)),
      enterprise_secured INTEGER NOT NULL CHECK (enterprise_secured IN (0, 1)),
      created_at TEXT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE TABLE union_state (
      name TEXT PRIMARY KEY CHECK (likeness_is_id(name)),
      strike INTEGER NOT NULL CHECK (strike IN (0, 1)),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE consent_grant (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      performer TEXT NOT NULL REFERENCES performer(id),
      production TEXT REFERENCES production(id),
      uses TEXT NOT NULL CHECK (likeness_is_json_array(uses, true)),
      aspects TEXT NOT NULL CHECK (likeness_is_json_array(aspects, true)),
      destinations TEXT NOT NULL CHECK (likeness_is_json_array(destinations, true)),
      territories TEXT NOT NULL CHECK (likeness_is_json_array(territories, true)),
      excluded_content TEXT NOT NULL CHECK (likeness_is_json_array(excluded_content, false)),
      valid_from TEXT NOT NULL CHECK (likeness_is_day(valid_from)),
      valid_until TEXT NOT NULL CHECK (likeness_is_day(valid_until) AND valid_until >= valid_from),
      signed_by TEXT NOT NULL CHECK (signed_by IN (\(list(["performer", "guardian", "estate", "representative"])))),
      survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
      description TEXT NOT NULL CHECK (length(description) >= 20),
      evidence TEXT CHECK (evidence IS NULL OR likeness_is_json(evidence)),
      status TEXT NOT NULL CHECK (status IN (\(grantStatuses))),
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE INDEX grant_by_performer ON consent_grant(performer);
    CREATE INDEX grant_by_production ON consent_grant(production);
    CREATE INDEX grant_by_valid_until ON consent_grant(valid_until);
    CREATE TRIGGER consent_grant_never_deleted BEFORE DELETE ON consent_grant
      FOR EACH ROW EXECUTE FUNCTION likeness_refuse('a consent grant is never deleted: revoke it instead');
    CREATE TRIGGER consent_grant_keeps_performer BEFORE UPDATE OF performer ON consent_grant
      FOR EACH ROW WHEN (NEW.performer IS DISTINCT FROM OLD.performer)
      EXECUTE FUNCTION likeness_refuse('a consent grant keeps its performer');
    CREATE TABLE grant_status_change (
      id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      grant_id TEXT NOT NULL REFERENCES consent_grant(id),
      status TEXT NOT NULL CHECK (status IN (\(grantStatuses))),
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      at TEXT NOT NULL,
      actor TEXT NOT NULL
    );
    CREATE INDEX grant_status_change_by_grant ON grant_status_change(grant_id);
    CREATE TABLE approval (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      production TEXT NOT NULL REFERENCES production(id),
      performer TEXT REFERENCES performer(id),
      uses TEXT CHECK (uses IS NULL OR likeness_is_json_array(uses, false)),
      destinations TEXT CHECK (destinations IS NULL OR likeness_is_json_array(destinations, false)),
      covers TEXT NOT NULL CHECK (likeness_is_json_array(covers, true)),
      valid_until TEXT CHECK (valid_until IS NULL OR likeness_is_day(valid_until)),
      approved_by TEXT NOT NULL CHECK (length(trim(approved_by)) > 0),
      reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
      status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
      revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
      CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
    );
    CREATE INDEX approval_by_production ON approval(production);

    -- The change log the facts index follows (see `registryLock`), and the mark of a bulk write,
    -- which silences the triggers in its own transaction only.
    CREATE TABLE registry_change (
      seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL
    );
    CREATE TABLE registry_bulk_write (marked INTEGER PRIMARY KEY CHECK (marked = 1));
    CREATE FUNCTION likeness_track_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
    BEGIN
      IF EXISTS (SELECT 1 FROM registry_bulk_write) THEN
        RETURN NULL;
      END IF;
      PERFORM pg_advisory_xact_lock(\(registryLock));
      INSERT INTO registry_change(entity, entity_id) VALUES (TG_TABLE_NAME, changed ->> TG_ARGV[0]);
      RETURN NULL;
    END $$;
    \(trackingTriggers)

    CREATE TABLE receipt_dictionary (
      id BIGINT PRIMARY KEY,
      trained_at TEXT NOT NULL,
      samples INTEGER NOT NULL CHECK (samples > 0),
      bytes BYTEA NOT NULL
    );
    CREATE TABLE check_receipt (
      id TEXT PRIMARY KEY,
      decided_at TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN (\(decisions))),
      production TEXT NOT NULL,
      performer TEXT,
      actor TEXT NOT NULL,
      dictionary BIGINT REFERENCES receipt_dictionary(id),
      body BYTEA NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );
    CREATE INDEX check_receipt_plain ON check_receipt(decided_at) WHERE dictionary IS NULL;
    CREATE TABLE check_reliance (
      grant_id TEXT NOT NULL,
      check_id TEXT NOT NULL REFERENCES check_receipt(id),
      production TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('allowed', 'notify')),
      decided_at TEXT NOT NULL,
      PRIMARY KEY (grant_id, check_id)
    );
    CREATE TABLE use_register (
    \(useRegisterColumns)
      PRIMARY KEY (production, at, use, destination, tool, performer, decision)
    );
    CREATE TABLE use_register_log (
    \(useRegisterColumns)
      rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
    );

    CREATE TABLE audit_entry (
      seq BIGINT PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      detail TEXT,
      prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    );
    CREATE TABLE audit_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq BIGINT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION likeness_refuse('the audit trail is append-only');
    CREATE TRIGGER audit_entry_not_truncated BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION likeness_refuse('the audit trail is append-only');
    CREATE TABLE vault_key (
      generation BIGINT PRIMARY KEY,
      public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
      created_at TEXT NOT NULL,
      retired_at TEXT
    );
    CREATE TABLE account_key (
      username TEXT PRIMARY KEY REFERENCES account(username) ON DELETE CASCADE,
      public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
      wrapped_private_key BYTEA NOT NULL,
      kdf_salt BYTEA NOT NULL CHECK (length(kdf_salt) = 16),
      kdf_parameters TEXT NOT NULL
    );
    CREATE TABLE vault_grant (
      username TEXT NOT NULL REFERENCES account(username) ON DELETE CASCADE,
      generation BIGINT NOT NULL REFERENCES vault_key(generation),
      encapsulated_key BYTEA NOT NULL,
      sealed_private_key BYTEA NOT NULL,
      PRIMARY KEY (username, generation)
    );
    CREATE TABLE personal_record (
      performer TEXT PRIMARY KEY REFERENCES performer(id),
      generation BIGINT NOT NULL REFERENCES vault_key(generation),
      encapsulated_key BYTEA NOT NULL,
      ciphertext BYTEA NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );
    CREATE TABLE alert_delivery (
      key TEXT PRIMARY KEY,
      grant_id TEXT NOT NULL,
      delivered_at TEXT NOT NULL
    );
    CREATE TABLE approval_request (
      id TEXT PRIMARY KEY CHECK (likeness_is_id(id)),
      check_id TEXT NOT NULL REFERENCES check_receipt(id),
      production TEXT NOT NULL REFERENCES production(id),
      performer TEXT,
      use TEXT NOT NULL,
      destination TEXT NOT NULL CHECK (destination IN ('temporary', 'final', 'marketing')),
      requirements TEXT NOT NULL CHECK (likeness_is_json_array(requirements, true)),
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
    );
    CREATE INDEX approval_request_by_production ON approval_request(production, requested_at);
    CREATE INDEX approval_request_by_requester ON approval_request(requested_by, requested_at);
    CREATE UNIQUE INDEX approval_request_open_per_check ON approval_request(check_id) WHERE state = 'open';
    CREATE TABLE signing_key (
      kid TEXT PRIMARY KEY,
      public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
      created_at TEXT NOT NULL,
      retired_at TEXT
    );
    CREATE UNIQUE INDEX signing_key_one_current ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;

    CREATE TABLE event (
      seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('grant.created', 'grant.revoked', 'grant.suspended', 'grant.resumed',
        'approval.created', 'approval.revoked', 'approval-request.created', 'approval-request.decided',
        'union.strike-changed')),
      at TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE TABLE webhook (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      events TEXT NOT NULL CHECK (likeness_is_json_array(events, true)),
      sealed_secret BYTEA NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE webhook_delivery (
      webhook_id TEXT NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
      event_seq BIGINT NOT NULL REFERENCES event(seq),
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at TEXT NOT NULL,
      last_status INTEGER,
      last_error TEXT,
      delivered_at TEXT,
      PRIMARY KEY (webhook_id, event_seq)
    );
    CREATE INDEX webhook_delivery_pending ON webhook_delivery(webhook_id, event_seq) WHERE state = 'pending';
    """

    /// A notification on `changeChannel` from every statement that logs registry changes; PostgreSQL
    /// sends it at commit, and folds a transaction's identical ones into one.
    private static let v2 = """
    CREATE FUNCTION likeness_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('\(changeChannel)', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER registry_change_notify AFTER INSERT ON registry_change
      FOR EACH STATEMENT EXECUTE FUNCTION likeness_notify_change();
    """

    /// Failed logins, counted by every server of one database alike (`LoginLimits`).
    private static let v3 = """
    CREATE TABLE login_failure (
      key_hash TEXT NOT NULL,
      failed_at BIGINT NOT NULL
    );
    CREATE INDEX login_failure_by_key ON login_failure(key_hash, failed_at);
    """

    /// Text compared byte for byte, as SQLite's default `BINARY` collation compares it, whatever
    /// the database's own locale: listings then come in the same order from either backend
    /// ("Zoe" before "ana"), and indexes compare with `memcmp`, not the locale's rules. Every text
    /// column of the schema takes the "C" collation; a later migration's new column must say
    /// `COLLATE "C"` itself (a shared schema test finds one that does not). The one trigger that
    /// names a column is made again around the change, as PostgreSQL requires.
    private static let v4 = """
    DROP TRIGGER consent_grant_keeps_performer ON consent_grant;
    DO $$
    DECLARE column_ record;
    BEGIN
      FOR column_ IN
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'
        ORDER BY table_name, ordinal_position
      LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', column_.table_name, column_.column_name);
      END LOOP;
    END $$;
    CREATE TRIGGER consent_grant_keeps_performer BEFORE UPDATE OF performer ON consent_grant
      FOR EACH ROW WHEN (NEW.performer IS DISTINCT FROM OLD.performer)
      EXECUTE FUNCTION likeness_refuse('a consent grant keeps its performer');
    """

    /// The attempt each failure belongs to: an attempt counts from its admission, and a success
    /// forgets its own (`LoginLimits`).
    private static let v5 = """
    ALTER TABLE login_failure ADD COLUMN attempt BIGINT NOT NULL DEFAULT 0;
    """
}
