-- The schema as release 76e10fa left it after its last migration (v5-login-attempts), written
-- as its final shape. A database made by that release already has it and is recorded as having
-- this migration without running it (see `MigrationLedger`); an older one is refused.
--
-- It holds what SQLite's 0001-baseline.sql holds, constraint for constraint, with the same table
-- and column names and the same text for every value (days and times stay ISO 8601 text, JSON
-- stays text), so that one store's SQL reads the same rows from either. Where SQLite has an
-- implicit `rowid` that the stores read (the facts index's bulk marks, the receipts' order), the
-- table has a `rowid` identity column. Every text column compares byte for byte (COLLATE "C"), as
-- SQLite's default BINARY collation compares, whatever the database's locale: listings come in
-- the same order from either backend and indexes compare with memcmp. A later migration's new
-- text column must say COLLATE "C" too (SharedSchemaTests finds one that does not).

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
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  name TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0),
  minor_until TEXT COLLATE "C" CHECK (minor_until IS NULL OR likeness_is_day(minor_until)),
  deceased_on TEXT COLLATE "C" CHECK (deceased_on IS NULL OR likeness_is_day(deceased_on)),
  created_at TEXT COLLATE "C" NOT NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE account (
  username TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(username)),
  role TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin','casting','production','privacy','auditor','studio')),
  password_hash TEXT COLLATE "C" NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE api_key (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  name TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0),
  role TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin','casting','production','privacy','auditor','studio')),
  key_hash TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  created_at TEXT COLLATE "C" NOT NULL,
  created_by TEXT COLLATE "C" NOT NULL
);
CREATE TABLE production (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  title TEXT COLLATE "C" NOT NULL CHECK (length(trim(title)) > 0),
  studio TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL,
  non_fiction INTEGER NOT NULL DEFAULT 0 CHECK (non_fiction IN (0, 1)),
  contact TEXT COLLATE "C" REFERENCES account(username) ON DELETE SET NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX production_by_contact ON production(contact);
CREATE TABLE role (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  production TEXT COLLATE "C" NOT NULL REFERENCES production(id),
  performer TEXT COLLATE "C" NOT NULL REFERENCES performer(id),
  name TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0),
  category TEXT COLLATE "C" NOT NULL CHECK (category IN ('principal','background','stunt','voice','other')),
  "union" TEXT COLLATE "C" CHECK ("union" IS NULL OR likeness_is_id("union")),
  created_at TEXT COLLATE "C" NOT NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX role_by_performer ON role(performer);
CREATE INDEX role_by_production ON role(production);
CREATE TABLE tool (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  name TEXT COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0),
  vendor TEXT COLLATE "C",
  retains_inputs INTEGER NOT NULL CHECK (retains_inputs IN (0, 1)),
  enterprise_secured INTEGER NOT NULL CHECK (enterprise_secured IN (0, 1)),
  created_at TEXT COLLATE "C" NOT NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE union_state (
  name TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(name)),
  strike INTEGER NOT NULL CHECK (strike IN (0, 1)),
  updated_at TEXT COLLATE "C" NOT NULL,
  updated_by TEXT COLLATE "C" NOT NULL
);
CREATE TABLE consent_grant (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  performer TEXT COLLATE "C" NOT NULL REFERENCES performer(id),
  production TEXT COLLATE "C" REFERENCES production(id),
  uses TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(uses, true)),
  aspects TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(aspects, true)),
  destinations TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(destinations, true)),
  territories TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(territories, true)),
  excluded_content TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(excluded_content, false)),
  valid_from TEXT COLLATE "C" NOT NULL CHECK (likeness_is_day(valid_from)),
  valid_until TEXT COLLATE "C" NOT NULL CHECK (likeness_is_day(valid_until) AND valid_until >= valid_from),
  signed_by TEXT COLLATE "C" NOT NULL CHECK (signed_by IN ('performer','guardian','estate','representative')),
  survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
  description TEXT COLLATE "C" NOT NULL CHECK (length(description) >= 20),
  evidence TEXT COLLATE "C" CHECK (evidence IS NULL OR likeness_is_json(evidence)),
  status TEXT COLLATE "C" NOT NULL CHECK (status IN ('active','revoked','suspended')),
  recorded_at TEXT COLLATE "C" NOT NULL,
  recorded_by TEXT COLLATE "C" NOT NULL,
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
  grant_id TEXT COLLATE "C" NOT NULL REFERENCES consent_grant(id),
  status TEXT COLLATE "C" NOT NULL CHECK (status IN ('active','revoked','suspended')),
  reason TEXT COLLATE "C" NOT NULL CHECK (length(trim(reason)) > 0),
  at TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C" NOT NULL
);
CREATE INDEX grant_status_change_by_grant ON grant_status_change(grant_id);
CREATE TABLE approval (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  production TEXT COLLATE "C" NOT NULL REFERENCES production(id),
  performer TEXT COLLATE "C" REFERENCES performer(id),
  uses TEXT COLLATE "C" CHECK (uses IS NULL OR likeness_is_json_array(uses, false)),
  destinations TEXT COLLATE "C" CHECK (destinations IS NULL OR likeness_is_json_array(destinations, false)),
  covers TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(covers, true)),
  valid_until TEXT COLLATE "C" CHECK (valid_until IS NULL OR likeness_is_day(valid_until)),
  approved_by TEXT COLLATE "C" NOT NULL CHECK (length(trim(approved_by)) > 0),
  reference TEXT COLLATE "C" NOT NULL CHECK (length(trim(reference)) > 0),
  status TEXT COLLATE "C" NOT NULL CHECK (status IN ('active', 'revoked')),
  revoked_at TEXT COLLATE "C", revoked_by TEXT COLLATE "C", revoke_reason TEXT COLLATE "C",
  recorded_at TEXT COLLATE "C" NOT NULL,
  recorded_by TEXT COLLATE "C" NOT NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE INDEX approval_by_production ON approval(production);

-- The change log the facts index follows, and the mark of a bulk write, which silences the
-- triggers in its own transaction only. Every change takes the advisory lock
-- 21472685864124418 (0x4C494B454E0002, `AppendLog.registry`) before it logs itself: changes then
-- commit in the order of their `seq`, so that a reader of `registry_change WHERE seq > last`
-- never passes over a change that commits later with a smaller number.
CREATE TABLE registry_change (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  entity TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL
);
CREATE TABLE registry_bulk_write (marked INTEGER PRIMARY KEY CHECK (marked = 1));
CREATE FUNCTION likeness_track_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
  IF EXISTS (SELECT 1 FROM registry_bulk_write) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(21472685864124418);
  INSERT INTO registry_change(entity, entity_id) VALUES (TG_TABLE_NAME, changed ->> TG_ARGV[0]);
  RETURN NULL;
END $$;
CREATE TRIGGER performer_tracked AFTER INSERT OR UPDATE OR DELETE ON performer
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');
CREATE TRIGGER production_tracked AFTER INSERT OR UPDATE OR DELETE ON production
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');
CREATE TRIGGER role_tracked AFTER INSERT OR UPDATE OR DELETE ON role
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');
CREATE TRIGGER tool_tracked AFTER INSERT OR UPDATE OR DELETE ON tool
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');
CREATE TRIGGER union_state_tracked AFTER INSERT OR UPDATE OR DELETE ON union_state
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('name');
CREATE TRIGGER consent_grant_tracked AFTER INSERT OR UPDATE OR DELETE ON consent_grant
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');
CREATE TRIGGER approval_tracked AFTER INSERT OR UPDATE OR DELETE ON approval
  FOR EACH ROW EXECUTE FUNCTION likeness_track_change('id');

CREATE TABLE receipt_dictionary (
  id BIGINT PRIMARY KEY,
  trained_at TEXT COLLATE "C" NOT NULL,
  samples INTEGER NOT NULL CHECK (samples > 0),
  bytes BYTEA NOT NULL
);
CREATE TABLE check_receipt (
  id TEXT COLLATE "C" PRIMARY KEY,
  decided_at TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL CHECK (decision IN ('allowed','notify','needs-approval','denied')),
  production TEXT COLLATE "C" NOT NULL,
  performer TEXT COLLATE "C",
  actor TEXT COLLATE "C" NOT NULL,
  dictionary BIGINT REFERENCES receipt_dictionary(id),
  body BYTEA NOT NULL,
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX check_receipt_plain ON check_receipt(decided_at) WHERE dictionary IS NULL;
CREATE TABLE check_reliance (
  grant_id TEXT COLLATE "C" NOT NULL,
  check_id TEXT COLLATE "C" NOT NULL REFERENCES check_receipt(id),
  production TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL CHECK (decision IN ('allowed', 'notify')),
  decided_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (grant_id, check_id)
);
CREATE TABLE use_register (
  production TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  use TEXT COLLATE "C" NOT NULL,
  destination TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C" NOT NULL,
  performer TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL,
  checks BIGINT NOT NULL CHECK (checks > 0),
  PRIMARY KEY (production, at, use, destination, tool, performer, decision)
);
CREATE TABLE use_register_log (
  production TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  use TEXT COLLATE "C" NOT NULL,
  destination TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C" NOT NULL,
  performer TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL,
  checks BIGINT NOT NULL CHECK (checks > 0),
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE audit_entry (
  seq BIGINT PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C" NOT NULL,
  action TEXT COLLATE "C" NOT NULL,
  subject TEXT COLLATE "C" NOT NULL,
  detail TEXT COLLATE "C",
  prev_hash TEXT COLLATE "C" NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT COLLATE "C" NOT NULL CHECK (length(hash) = 64)
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION likeness_refuse('the audit trail is append-only');
CREATE TRIGGER audit_entry_not_truncated BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION likeness_refuse('the audit trail is append-only');
CREATE TABLE vault_key (
  generation BIGINT PRIMARY KEY,
  public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
  created_at TEXT COLLATE "C" NOT NULL,
  retired_at TEXT COLLATE "C"
);
CREATE TABLE account_key (
  username TEXT COLLATE "C" PRIMARY KEY REFERENCES account(username) ON DELETE CASCADE,
  public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
  wrapped_private_key BYTEA NOT NULL,
  kdf_salt BYTEA NOT NULL CHECK (length(kdf_salt) = 16),
  kdf_parameters TEXT COLLATE "C" NOT NULL
);
CREATE TABLE vault_grant (
  username TEXT COLLATE "C" NOT NULL REFERENCES account(username) ON DELETE CASCADE,
  generation BIGINT NOT NULL REFERENCES vault_key(generation),
  encapsulated_key BYTEA NOT NULL,
  sealed_private_key BYTEA NOT NULL,
  PRIMARY KEY (username, generation)
);
CREATE TABLE personal_record (
  performer TEXT COLLATE "C" PRIMARY KEY REFERENCES performer(id),
  generation BIGINT NOT NULL REFERENCES vault_key(generation),
  encapsulated_key BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  updated_by TEXT COLLATE "C" NOT NULL
);
CREATE TABLE alert_delivery (
  key TEXT COLLATE "C" PRIMARY KEY,
  grant_id TEXT COLLATE "C" NOT NULL,
  delivered_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE approval_request (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  check_id TEXT COLLATE "C" NOT NULL REFERENCES check_receipt(id),
  production TEXT COLLATE "C" NOT NULL REFERENCES production(id),
  performer TEXT COLLATE "C",
  use TEXT COLLATE "C" NOT NULL,
  destination TEXT COLLATE "C" NOT NULL CHECK (destination IN ('temporary', 'final', 'marketing')),
  requirements TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(requirements, true)),
  note TEXT COLLATE "C" NOT NULL CHECK (length(note) >= 20),
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'approved', 'declined', 'withdrawn')),
  requested_by TEXT COLLATE "C" NOT NULL,
  requested_at TEXT COLLATE "C" NOT NULL,
  contact TEXT COLLATE "C",
  approval TEXT COLLATE "C" REFERENCES approval(id),
  decided_by TEXT COLLATE "C",
  decided_at TEXT COLLATE "C",
  reason TEXT COLLATE "C",
  CHECK ((state = 'open') = (decided_at IS NULL)),
  CHECK ((state = 'approved') = (approval IS NOT NULL))
);
CREATE INDEX approval_request_by_production ON approval_request(production, requested_at);
CREATE INDEX approval_request_by_requester ON approval_request(requested_by, requested_at);
CREATE UNIQUE INDEX approval_request_open_per_check ON approval_request(check_id) WHERE state = 'open';
CREATE TABLE signing_key (
  kid TEXT COLLATE "C" PRIMARY KEY,
  public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
  created_at TEXT COLLATE "C" NOT NULL,
  retired_at TEXT COLLATE "C"
);
CREATE UNIQUE INDEX signing_key_one_current ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;

CREATE TABLE event (
  seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  type TEXT COLLATE "C" NOT NULL CHECK (type IN ('grant.created', 'grant.revoked', 'grant.suspended', 'grant.resumed',
    'approval.created', 'approval.revoked', 'approval-request.created', 'approval-request.decided',
    'union.strike-changed')),
  at TEXT COLLATE "C" NOT NULL,
  body TEXT COLLATE "C" NOT NULL
);
CREATE TABLE webhook (
  id TEXT COLLATE "C" PRIMARY KEY,
  url TEXT COLLATE "C" NOT NULL,
  events TEXT COLLATE "C" NOT NULL CHECK (likeness_is_json_array(events, true)),
  sealed_secret BYTEA NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  created_by TEXT COLLATE "C" NOT NULL
);
CREATE TABLE webhook_delivery (
  webhook_id TEXT COLLATE "C" NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
  event_seq BIGINT NOT NULL REFERENCES event(seq),
  state TEXT COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT COLLATE "C" NOT NULL,
  last_status INTEGER,
  last_error TEXT COLLATE "C",
  delivered_at TEXT COLLATE "C",
  PRIMARY KEY (webhook_id, event_seq)
);
CREATE INDEX webhook_delivery_pending ON webhook_delivery(webhook_id, event_seq) WHERE state = 'pending';

-- A notification on likeness_registry_change (`PostgresSchema.changeChannel`) from every
-- statement that logs registry changes; PostgreSQL sends it at commit, and folds a transaction's
-- identical ones into one.
CREATE FUNCTION likeness_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('likeness_registry_change', '');
  RETURN NULL;
END $$;
CREATE TRIGGER registry_change_notify AFTER INSERT ON registry_change
  FOR EACH STATEMENT EXECUTE FUNCTION likeness_notify_change();

-- Failed logins, counted by every server of one database alike (`LoginLimits`). `attempt` is no
-- longer written: 0002 drops it.
CREATE TABLE login_failure (
  key_hash TEXT COLLATE "C" NOT NULL,
  failed_at BIGINT NOT NULL,
  attempt BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_failure_by_key ON login_failure(key_hash, failed_at);
