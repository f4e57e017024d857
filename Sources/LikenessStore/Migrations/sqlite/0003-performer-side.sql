-- The performer's side (performers.md): performer and representative accounts with an e-mail
-- address, delegations, invitations, consent offers, who acted on a grant's status and in the
-- audit trail, the new event types, and the performers' uses ledger.
--
-- Widening the CHECK of `account.role` and `event.type` changes no stored value, so it is made by
-- editing the tables' SQL (SQLite's documented way for constraint changes that leave the file's
-- content as it is): rebuilding `account` would fire the ON DELETE actions of the tables that
-- refer to it, and foreign keys cannot be turned off inside the migration's transaction.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (role IN (''admin'',''casting'',''production'',''privacy'',''auditor'',''studio''))',
                                       'CHECK (role IN (''admin'',''casting'',''production'',''privacy'',''auditor'',''studio'',''performer'',''representative''))')
  WHERE type = 'table' AND name = 'account';
UPDATE sqlite_schema SET sql = replace(sql, '''union.strike-changed''))',
                                       '''union.strike-changed'', ''consent-offer.created'', ''consent-offer.signed'', ''consent-offer.declined'',
    ''consent-offer.withdrawn'', ''delegation.created'', ''delegation.revoked''))')
  WHERE type = 'table' AND name = 'event';
PRAGMA writable_schema = RESET;

ALTER TABLE account ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);

-- Who acted: the role the actor held and, for the performer's side, the capacity it acted in.
ALTER TABLE grant_status_change ADD COLUMN by_role TEXT;
ALTER TABLE grant_status_change ADD COLUMN by_capacity TEXT CHECK (by_capacity IS NULL OR by_capacity IN ('self','guardian','estate','agent'));
UPDATE grant_status_change SET by_role = coalesce(
  (SELECT role FROM account WHERE username = actor),
  (SELECT role FROM api_key WHERE 'key:' || id = actor),
  'admin');
ALTER TABLE audit_entry ADD COLUMN by_role TEXT;
ALTER TABLE audit_entry ADD COLUMN by_capacity TEXT CHECK (by_capacity IS NULL OR by_capacity IN ('self','guardian','estate','agent'));

-- An account acts for a performer in a capacity; a delegation is revoked, never deleted.
CREATE TABLE delegation (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  account TEXT NOT NULL REFERENCES account(username),
  performer TEXT NOT NULL REFERENCES performer(id),
  capacity TEXT NOT NULL CHECK (capacity IN ('self','guardian','estate','agent')),
  may_consent INTEGER NOT NULL CHECK (may_consent IN (0, 1) AND (capacity = 'agent' OR may_consent = 1)),
  invitation TEXT NOT NULL,
  since TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
) STRICT;
CREATE INDEX delegation_by_account ON delegation(account);
CREATE INDEX delegation_by_performer ON delegation(performer);

-- An invitation's code is kept only as its SHA-256; it is used once.
CREATE TABLE invitation (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9._-]*' AND substr(id, 1, 1) GLOB '[A-Za-z0-9]'),
  performer TEXT NOT NULL REFERENCES performer(id),
  capacity TEXT NOT NULL CHECK (capacity IN ('self','guardian','estate','agent')),
  may_consent INTEGER NOT NULL CHECK (may_consent IN (0, 1)),
  email TEXT,
  code_hash TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  expires_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT,
  used_by TEXT,
  CHECK ((used_at IS NULL) = (used_by IS NULL))
) STRICT;
CREATE INDEX invitation_by_performer ON invitation(performer);

-- A consent proposed by casting, with the plain-language terms the signer reads and their hash.
CREATE TABLE consent_offer (
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
  survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
  description TEXT NOT NULL CHECK (length(description) >= 20),
  respond_by TEXT NOT NULL CHECK (date(respond_by, '+0 days') IS respond_by),
  state TEXT NOT NULL CHECK (state IN ('open','signed','declined','withdrawn')),
  offered_by TEXT NOT NULL,
  offered_at TEXT NOT NULL,
  terms TEXT NOT NULL,
  terms_sha256 TEXT NOT NULL CHECK (length(terms_sha256) = 64),
  grant_id TEXT REFERENCES consent_grant(id),
  signed_at TEXT,
  decided_by TEXT,
  decided_at TEXT,
  reason TEXT,
  CHECK ((state = 'open') = (decided_at IS NULL)),
  CHECK ((state = 'signed') = (grant_id IS NOT NULL))
) STRICT;
CREATE INDEX consent_offer_by_performer ON consent_offer(performer, offered_at);

-- The uses ledger: per performer, every stored check that named them, by day of use. Each commit
-- of receipts appends its rows to the log, which the receipt writer folds into the ledger now and
-- then (`PerformerUses.foldAt`), as the use register's log is folded; the ledger is read together
-- with its log.
CREATE TABLE performer_use (
  performer TEXT NOT NULL,
  at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  check_id TEXT NOT NULL,
  production TEXT NOT NULL,
  tool TEXT,
  PRIMARY KEY (performer, at, decided_at, check_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE performer_use_log (
  performer TEXT NOT NULL,
  at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  check_id TEXT NOT NULL,
  production TEXT NOT NULL,
  tool TEXT
) STRICT;
-- Receipts stored before this migration whose checks the ledger does not hold yet: those with a
-- rowid up to `through` (`PerformerUses.backfill` moves them at open, then deletes the row).
CREATE TABLE performer_use_backfill (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through INTEGER NOT NULL
) STRICT;
INSERT INTO performer_use_backfill (id, through) SELECT 1, max(rowid) FROM check_receipt WHERE performer IS NOT NULL HAVING count(*) > 0;
