-- Compensation per use (compensation.md).
-- * A fee on grants and consent offers: an amount in minor units of an ISO 4217 currency, per use,
--   day, minute or once, and the pension and health percentage in hundredths of a percent
--   (0 to 3000); all four set or none.
-- * Usage reports, never changed or deleted: the production's report of what it used under a
--   check; a correction names the report it reverses, at most one per report. `check_actor` is
--   the account that made the check (payables are its to read).
-- * Their lines, one per grant with a fee that the check relied on, in minor units; read by
--   performer (statements), by production (payables, the index covering the sums) and, for flat
--   fees, by grant and production.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''delegation.revoked''))', '''delegation.revoked'', ''usage.reported''))')
  WHERE type = 'table' AND name = 'event';
PRAGMA writable_schema = RESET;

ALTER TABLE consent_grant ADD COLUMN fee_amount INTEGER CHECK (fee_amount BETWEEN 0 AND 1000000000000);
ALTER TABLE consent_grant ADD COLUMN fee_currency TEXT CHECK (length(fee_currency) = 3);
ALTER TABLE consent_grant ADD COLUMN fee_per TEXT CHECK (fee_per IN ('use', 'day', 'minute', 'flat'));
ALTER TABLE consent_grant ADD COLUMN fee_pension_health INTEGER CHECK (fee_pension_health BETWEEN 0 AND 3000
  AND ((fee_amount IS NULL) = (fee_currency IS NULL) AND (fee_currency IS NULL) = (fee_per IS NULL)
       AND (fee_per IS NULL) = (fee_pension_health IS NULL)));
ALTER TABLE consent_offer ADD COLUMN fee_amount INTEGER CHECK (fee_amount BETWEEN 0 AND 1000000000000);
ALTER TABLE consent_offer ADD COLUMN fee_currency TEXT CHECK (length(fee_currency) = 3);
ALTER TABLE consent_offer ADD COLUMN fee_per TEXT CHECK (fee_per IN ('use', 'day', 'minute', 'flat'));
ALTER TABLE consent_offer ADD COLUMN fee_pension_health INTEGER CHECK (fee_pension_health BETWEEN 0 AND 3000
  AND ((fee_amount IS NULL) = (fee_currency IS NULL) AND (fee_currency IS NULL) = (fee_per IS NULL)
       AND (fee_per IS NULL) = (fee_pension_health IS NULL)));

CREATE TABLE usage_report (
  id TEXT PRIMARY KEY NOT NULL,
  check_id TEXT NOT NULL REFERENCES check_receipt(id),
  check_actor TEXT NOT NULL,
  production TEXT NOT NULL,
  performer TEXT NOT NULL,
  delivered_on TEXT NOT NULL CHECK (date(delivered_on, '+0 days') IS delivered_on),
  days INTEGER CHECK (days <> 0),
  minutes TEXT,
  note TEXT,
  corrects TEXT UNIQUE REFERENCES usage_report(id),
  reported_by TEXT NOT NULL,
  reported_at TEXT NOT NULL
) STRICT;
CREATE INDEX usage_report_by_check ON usage_report(check_id, reported_at);
CREATE INDEX usage_report_by_check_actor ON usage_report(production, check_actor);
CREATE TABLE usage_line (
  usage_id TEXT NOT NULL REFERENCES usage_report(id),
  line_number INTEGER NOT NULL CHECK (line_number >= 0),
  check_id TEXT NOT NULL,
  grant_id TEXT NOT NULL REFERENCES consent_grant(id),
  performer TEXT NOT NULL,
  production TEXT NOT NULL,
  delivered_on TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  basis TEXT NOT NULL CHECK (basis IN ('use', 'day', 'minute', 'flat')),
  quantity INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  pension_health INTEGER NOT NULL,
  PRIMARY KEY (usage_id, line_number)
) STRICT, WITHOUT ROWID;
CREATE INDEX usage_line_by_performer ON usage_line(performer, delivered_on, reported_at, usage_id, line_number);
CREATE INDEX usage_line_by_production ON usage_line(production, delivered_on, performer, currency, amount, pension_health);
CREATE INDEX usage_line_flat ON usage_line(grant_id, production, quantity) WHERE basis = 'flat';
CREATE TRIGGER usage_report_no_update BEFORE UPDATE ON usage_report BEGIN
  SELECT RAISE(ABORT, 'usage reports are append-only: correct one with another report');
END;
CREATE TRIGGER usage_report_no_delete BEFORE DELETE ON usage_report BEGIN
  SELECT RAISE(ABORT, 'usage reports are append-only: correct one with another report');
END;
CREATE TRIGGER usage_line_no_update BEFORE UPDATE ON usage_line BEGIN
  SELECT RAISE(ABORT, 'usage lines are append-only');
END;
CREATE TRIGGER usage_line_no_delete BEFORE DELETE ON usage_line BEGIN
  SELECT RAISE(ABORT, 'usage lines are append-only');
END;
