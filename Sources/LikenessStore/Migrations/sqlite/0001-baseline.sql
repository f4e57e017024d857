-- The schema as release 76e10fa left it after its last migration (v16-login-attempts), written
-- as its final shape. A database made by that release already has it and is recorded as having
-- this migration without running it (see `MigrationLedger`); an older one is refused.
--
-- Constraints live in the schema: NOT NULL, a CHECK for every enumeration, foreign keys, unique
-- indexes. Ids are 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit;
-- days are YYYY-MM-DD (`date(x, '+0 days') IS x` holds for a real day only); lists are JSON
-- arrays. PostgreSQL's 0001-baseline.sql holds the same tables, constraint for constraint.

CREATE TABLE performer (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  minor_until TEXT CHECK (minor_until IS NULL OR date(minor_until, '+0 days') IS minor_until),
  deceased_on TEXT CHECK (deceased_on IS NULL OR date(deceased_on, '+0 days') IS deceased_on),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE account (
  username TEXT PRIMARY KEY NOT NULL CHECK (length(username) BETWEEN 1 AND 64 AND username NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(username, 1, 1) GLOB '[A-Za-z0-9]'),
  role TEXT NOT NULL CHECK (role IN ('admin','casting','production','privacy','auditor','studio')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_key (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role TEXT NOT NULL CHECK (role IN ('admin','casting','production','privacy','auditor','studio')),
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

-- A production's non-fiction flag serves rule P7; its contact is the studio account that decides
-- its approval requests.
CREATE TABLE production (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  studio TEXT,
  created_at TEXT NOT NULL,
  non_fiction INTEGER NOT NULL DEFAULT 0 CHECK (non_fiction IN (0, 1)),
  contact TEXT REFERENCES account(username) ON DELETE SET NULL
) STRICT;
CREATE INDEX production_by_contact ON production(contact);

CREATE TABLE role (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  production TEXT NOT NULL REFERENCES production(id),
  performer TEXT NOT NULL REFERENCES performer(id),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  category TEXT NOT NULL CHECK (category IN ('principal','background','stunt','voice','other')),
  "union" TEXT CHECK ("union" IS NULL OR (length("union") BETWEEN 1 AND 64 AND "union" NOT GLOB '*[^A-Za-z0-9._-]*' AND substr("union", 1, 1) GLOB '[A-Za-z0-9]')),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX role_by_performer ON role(performer);
CREATE INDEX role_by_production ON role(production);

CREATE TABLE tool (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  vendor TEXT,
  retains_inputs INTEGER NOT NULL CHECK (retains_inputs IN (0, 1)),
  enterprise_secured INTEGER NOT NULL CHECK (enterprise_secured IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE union_state (
  name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(name, 1, 1) GLOB '[A-Za-z0-9]'),
  strike INTEGER NOT NULL CHECK (strike IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE consent_grant (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  performer TEXT NOT NULL REFERENCES performer(id),
  production TEXT REFERENCES production(id),
  uses TEXT NOT NULL CHECK (json_valid(uses) AND json_type(uses) = 'array' AND json_array_length(uses) > 0),
  aspects TEXT NOT NULL CHECK (json_valid(aspects) AND json_type(aspects) = 'array' AND json_array_length(aspects) > 0),
  destinations TEXT NOT NULL CHECK (json_valid(destinations) AND json_type(destinations) = 'array' AND json_array_length(destinations) > 0),
  territories TEXT NOT NULL CHECK (json_valid(territories) AND json_type(territories) = 'array' AND json_array_length(territories) > 0),
  excluded_content TEXT NOT NULL CHECK (json_valid(excluded_content) AND json_type(excluded_content) = 'array'),
  valid_from TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
  valid_until TEXT NOT NULL CHECK (date(valid_until, '+0 days') IS valid_until AND valid_until >= valid_from),
  signed_by TEXT NOT NULL CHECK (signed_by IN ('performer','guardian','estate','representative')),
  survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
  description TEXT NOT NULL CHECK (length(description) >= 20),
  evidence TEXT CHECK (evidence IS NULL OR json_valid(evidence)),
  status TEXT NOT NULL CHECK (status IN ('active','revoked','suspended')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX grant_by_performer ON consent_grant(performer);
CREATE INDEX grant_by_production ON consent_grant(production);
CREATE INDEX grant_by_valid_until ON consent_grant(valid_until);
-- Revoking, suspending and expiring are statuses: a grant is never deleted and never moves to
-- another performer (the facts index files each grant under its performer for good).
CREATE TRIGGER consent_grant_never_deleted BEFORE DELETE ON consent_grant BEGIN
  SELECT RAISE(ABORT, 'a consent grant is never deleted: revoke it instead');
END;
CREATE TRIGGER consent_grant_keeps_performer BEFORE UPDATE OF performer ON consent_grant
WHEN NEW.performer IS NOT OLD.performer BEGIN
  SELECT RAISE(ABORT, 'a consent grant keeps its performer');
END;

CREATE TABLE grant_status_change (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  grant_id TEXT NOT NULL REFERENCES consent_grant(id),
  status TEXT NOT NULL CHECK (status IN ('active','revoked','suspended')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX grant_status_change_by_grant ON grant_status_change(grant_id);

CREATE TABLE approval (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  production TEXT NOT NULL REFERENCES production(id),
  performer TEXT REFERENCES performer(id),
  uses TEXT CHECK (uses IS NULL OR (json_valid(uses) AND json_type(uses) = 'array')),
  destinations TEXT CHECK (destinations IS NULL OR (json_valid(destinations) AND json_type(destinations) = 'array')),
  covers TEXT NOT NULL CHECK (json_valid(covers) AND json_type(covers) = 'array' AND json_array_length(covers) > 0),
  valid_until TEXT CHECK (valid_until IS NULL OR date(valid_until, '+0 days') IS valid_until),
  approved_by TEXT NOT NULL CHECK (length(trim(approved_by)) > 0),
  reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
  status TEXT NOT NULL CHECK (status IN ('active','revoked')),
  revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
) STRICT;
CREATE INDEX approval_by_production ON approval(production);

-- The change log the facts index follows: every change of a tracked table logs its key. An
-- import, which writes a million rows, marks its transaction in `registry_bulk_write` instead,
-- which silences the triggers, and logs one change of entity '*' itself (`BulkInsert`); the mark
-- is removed before the import commits, so no other writer ever sees it.
CREATE TABLE registry_change (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL
) STRICT;
CREATE TABLE registry_bulk_write (marked INTEGER PRIMARY KEY CHECK (marked = 1)) STRICT;

CREATE TRIGGER performer_insert_tracked AFTER INSERT ON performer WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('performer', NEW.id);
END;
CREATE TRIGGER performer_update_tracked AFTER UPDATE ON performer WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('performer', NEW.id);
END;
CREATE TRIGGER performer_delete_tracked AFTER DELETE ON performer WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('performer', OLD.id);
END;
CREATE TRIGGER production_insert_tracked AFTER INSERT ON production WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('production', NEW.id);
END;
CREATE TRIGGER production_update_tracked AFTER UPDATE ON production WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('production', NEW.id);
END;
CREATE TRIGGER production_delete_tracked AFTER DELETE ON production WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('production', OLD.id);
END;
CREATE TRIGGER role_insert_tracked AFTER INSERT ON role WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('role', NEW.id);
END;
CREATE TRIGGER role_update_tracked AFTER UPDATE ON role WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('role', NEW.id);
END;
CREATE TRIGGER role_delete_tracked AFTER DELETE ON role WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('role', OLD.id);
END;
CREATE TRIGGER tool_insert_tracked AFTER INSERT ON tool WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('tool', NEW.id);
END;
CREATE TRIGGER tool_update_tracked AFTER UPDATE ON tool WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('tool', NEW.id);
END;
CREATE TRIGGER tool_delete_tracked AFTER DELETE ON tool WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('tool', OLD.id);
END;
CREATE TRIGGER union_state_insert_tracked AFTER INSERT ON union_state WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('union_state', NEW.name);
END;
CREATE TRIGGER union_state_update_tracked AFTER UPDATE ON union_state WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('union_state', NEW.name);
END;
CREATE TRIGGER union_state_delete_tracked AFTER DELETE ON union_state WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('union_state', OLD.name);
END;
CREATE TRIGGER consent_grant_insert_tracked AFTER INSERT ON consent_grant WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('consent_grant', NEW.id);
END;
CREATE TRIGGER consent_grant_update_tracked AFTER UPDATE ON consent_grant WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('consent_grant', NEW.id);
END;
CREATE TRIGGER consent_grant_delete_tracked AFTER DELETE ON consent_grant WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('consent_grant', OLD.id);
END;
CREATE TRIGGER approval_insert_tracked AFTER INSERT ON approval WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('approval', NEW.id);
END;
CREATE TRIGGER approval_update_tracked AFTER UPDATE ON approval WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('approval', NEW.id);
END;
CREATE TRIGGER approval_delete_tracked AFTER DELETE ON approval WHEN NOT EXISTS (SELECT 1 FROM registry_bulk_write) BEGIN
  INSERT INTO registry_change(entity, entity_id) VALUES ('approval', OLD.id);
END;

-- Receipts are packed (see `ReceiptCodec`): a body is plain UTF-8 while `dictionary` is NULL
-- (`check_receipt_plain` finds those for the compactor), else zstd with the dictionary it names.
CREATE TABLE receipt_dictionary (
  id INTEGER PRIMARY KEY,
  trained_at TEXT NOT NULL,
  samples INTEGER NOT NULL CHECK (samples > 0),
  bytes BLOB NOT NULL
) STRICT;
CREATE TABLE check_receipt (
  id TEXT PRIMARY KEY NOT NULL,
  decided_at TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('allowed','notify','needs-approval','denied')),
  production TEXT NOT NULL,
  performer TEXT,
  actor TEXT NOT NULL,
  dictionary INTEGER REFERENCES receipt_dictionary(id),
  body BLOB NOT NULL
) STRICT;
CREATE INDEX check_receipt_plain ON check_receipt(decided_at) WHERE dictionary IS NULL;
-- Per grant, the allowed and notify checks that relied on it (impact and alerts read these, not
-- the receipts' large bodies).
CREATE TABLE check_reliance (
  grant_id TEXT NOT NULL,
  check_id TEXT NOT NULL REFERENCES check_receipt(id),
  production TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('allowed', 'notify')),
  decided_at TEXT NOT NULL,
  PRIMARY KEY (grant_id, check_id)
) STRICT, WITHOUT ROWID;
-- The use register: checks counted per production, day and kind of use. Each commit of receipts
-- appends its counts to the log, which the receipt writer folds into the register now and then
-- (`UseRegister.foldAt`); the register is read together with its log.
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

-- The audit trail is a hash chain, appended to only.
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

-- The vault: personal records sealed for the vault key's generation, whose private key each
-- privacy account holds wrapped with its password.
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

CREATE TABLE alert_delivery (
  key TEXT PRIMARY KEY NOT NULL,
  grant_id TEXT NOT NULL,
  delivered_at TEXT NOT NULL
) STRICT;

CREATE TABLE approval_request (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  check_id TEXT NOT NULL REFERENCES check_receipt(id),
  production TEXT NOT NULL REFERENCES production(id),
  performer TEXT,
  use TEXT NOT NULL,
  destination TEXT NOT NULL CHECK (destination IN ('temporary', 'final', 'marketing')),
  requirements TEXT NOT NULL CHECK (json_valid(requirements) AND json_type(requirements) = 'array' AND json_array_length(requirements) > 0),
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

-- The attestations' public keys only: the private key lives in the key file beside the database.
CREATE TABLE signing_key (
  kid TEXT PRIMARY KEY NOT NULL,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32),
  created_at TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX signing_key_one_current ON signing_key(retired_at IS NULL) WHERE retired_at IS NULL;

-- The outbox (written in the transaction of each change) and the webhooks' deliveries. Webhook
-- secrets are sealed with the key file's webhook key, which is not in the database.
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

-- Failed logins, counted by every server of one database alike (`LoginLimits`). `attempt` is no
-- longer written: 0002 drops it.
CREATE TABLE login_failure (
  key_hash TEXT NOT NULL,
  failed_at INTEGER NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX login_failure_by_key ON login_failure(key_hash, failed_at);
