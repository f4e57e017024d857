-- The performer's side (performers.md): the same change as SQLite's 0003-performer-side.sql.
ALTER TABLE account DROP CONSTRAINT account_role_check,
  ADD CONSTRAINT account_role_check CHECK (role IN ('admin','casting','production','privacy','auditor','studio','performer','representative'));
ALTER TABLE event DROP CONSTRAINT event_type_check,
  ADD CONSTRAINT event_type_check CHECK (type IN ('grant.created', 'grant.revoked', 'grant.suspended', 'grant.resumed',
    'approval.created', 'approval.revoked', 'approval-request.created', 'approval-request.decided',
    'union.strike-changed', 'consent-offer.created', 'consent-offer.signed', 'consent-offer.declined',
    'consent-offer.withdrawn', 'delegation.created', 'delegation.revoked'));

ALTER TABLE account ADD COLUMN email TEXT COLLATE "C" CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);

ALTER TABLE grant_status_change ADD COLUMN by_role TEXT COLLATE "C";
ALTER TABLE grant_status_change ADD COLUMN by_capacity TEXT COLLATE "C" CHECK (by_capacity IS NULL OR by_capacity IN ('self','guardian','estate','agent'));
UPDATE grant_status_change SET by_role = coalesce(
  (SELECT role FROM account WHERE username = actor),
  (SELECT role FROM api_key WHERE 'key:' || id = actor),
  'admin');
ALTER TABLE audit_entry ADD COLUMN by_role TEXT COLLATE "C";
ALTER TABLE audit_entry ADD COLUMN by_capacity TEXT COLLATE "C" CHECK (by_capacity IS NULL OR by_capacity IN ('self','guardian','estate','agent'));

CREATE TABLE delegation (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  account TEXT COLLATE "C" NOT NULL REFERENCES account(username),
  performer TEXT COLLATE "C" NOT NULL REFERENCES performer(id),
  capacity TEXT COLLATE "C" NOT NULL CHECK (capacity IN ('self','guardian','estate','agent')),
  may_consent INTEGER NOT NULL CHECK (may_consent IN (0, 1) AND (capacity = 'agent' OR may_consent = 1)),
  invitation TEXT COLLATE "C" NOT NULL,
  since TEXT COLLATE "C" NOT NULL,
  revoked_at TEXT COLLATE "C",
  revoked_by TEXT COLLATE "C",
  revoke_reason TEXT COLLATE "C",
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX delegation_by_account ON delegation(account);
CREATE INDEX delegation_by_performer ON delegation(performer);

CREATE TABLE invitation (
  id TEXT COLLATE "C" PRIMARY KEY CHECK (likeness_is_id(id)),
  performer TEXT COLLATE "C" NOT NULL REFERENCES performer(id),
  capacity TEXT COLLATE "C" NOT NULL CHECK (capacity IN ('self','guardian','estate','agent')),
  may_consent INTEGER NOT NULL CHECK (may_consent IN (0, 1)),
  email TEXT COLLATE "C",
  code_hash TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  expires_at TEXT COLLATE "C" NOT NULL,
  created_by TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  used_at TEXT COLLATE "C",
  used_by TEXT COLLATE "C",
  CHECK ((used_at IS NULL) = (used_by IS NULL))
);
CREATE INDEX invitation_by_performer ON invitation(performer);

CREATE TABLE consent_offer (
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
  survives_death INTEGER NOT NULL CHECK (survives_death IN (0, 1)),
  description TEXT COLLATE "C" NOT NULL CHECK (length(description) >= 20),
  respond_by TEXT COLLATE "C" NOT NULL CHECK (likeness_is_day(respond_by)),
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('open','signed','declined','withdrawn')),
  offered_by TEXT COLLATE "C" NOT NULL,
  offered_at TEXT COLLATE "C" NOT NULL,
  terms TEXT COLLATE "C" NOT NULL,
  terms_sha256 TEXT COLLATE "C" NOT NULL CHECK (length(terms_sha256) = 64),
  grant_id TEXT COLLATE "C" REFERENCES consent_grant(id),
  signed_at TEXT COLLATE "C",
  decided_by TEXT COLLATE "C",
  decided_at TEXT COLLATE "C",
  reason TEXT COLLATE "C",
  CHECK ((state = 'open') = (decided_at IS NULL)),
  CHECK ((state = 'signed') = (grant_id IS NOT NULL))
);
CREATE INDEX consent_offer_by_performer ON consent_offer(performer, offered_at);

CREATE TABLE performer_use (
  performer TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL,
  check_id TEXT COLLATE "C" NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C",
  PRIMARY KEY (performer, at, decided_at, check_id)
);
CREATE TABLE performer_use_log (
  performer TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL,
  check_id TEXT COLLATE "C" NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C",
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE performer_use_backfill (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through BIGINT NOT NULL
);
INSERT INTO performer_use_backfill (id, through) SELECT 1, max(rowid) FROM check_receipt WHERE performer IS NOT NULL HAVING count(*) > 0;
