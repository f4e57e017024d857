-- Compensation per use (compensation.md): the same change as SQLite's 0007-compensation.sql.
ALTER TABLE event DROP CONSTRAINT event_type_check,
  ADD CONSTRAINT event_type_check CHECK (type IN ('grant.created', 'grant.revoked', 'grant.suspended', 'grant.resumed',
    'approval.created', 'approval.revoked', 'approval-request.created', 'approval-request.decided',
    'union.strike-changed', 'consent-offer.created', 'consent-offer.signed', 'consent-offer.declined',
    'consent-offer.withdrawn', 'delegation.created', 'delegation.revoked', 'usage.reported'));

ALTER TABLE consent_grant ADD COLUMN fee_amount BIGINT CHECK (fee_amount BETWEEN 0 AND 1000000000000),
  ADD COLUMN fee_currency TEXT COLLATE "C" CHECK (length(fee_currency) = 3),
  ADD COLUMN fee_per TEXT COLLATE "C" CHECK (fee_per IN ('use', 'day', 'minute', 'flat')),
  ADD COLUMN fee_pension_health INTEGER CHECK (fee_pension_health BETWEEN 0 AND 3000),
  ADD CONSTRAINT consent_grant_fee_whole CHECK ((fee_amount IS NULL) = (fee_currency IS NULL) AND (fee_currency IS NULL) = (fee_per IS NULL)
    AND (fee_per IS NULL) = (fee_pension_health IS NULL));
ALTER TABLE consent_offer ADD COLUMN fee_amount BIGINT CHECK (fee_amount BETWEEN 0 AND 1000000000000),
  ADD COLUMN fee_currency TEXT COLLATE "C" CHECK (length(fee_currency) = 3),
  ADD COLUMN fee_per TEXT COLLATE "C" CHECK (fee_per IN ('use', 'day', 'minute', 'flat')),
  ADD COLUMN fee_pension_health INTEGER CHECK (fee_pension_health BETWEEN 0 AND 3000),
  ADD CONSTRAINT consent_offer_fee_whole CHECK ((fee_amount IS NULL) = (fee_currency IS NULL) AND (fee_currency IS NULL) = (fee_per IS NULL)
    AND (fee_per IS NULL) = (fee_pension_health IS NULL));

CREATE TABLE usage_report (
  id TEXT COLLATE "C" PRIMARY KEY,
  check_id TEXT COLLATE "C" NOT NULL REFERENCES check_receipt(id),
  check_actor TEXT COLLATE "C" NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  performer TEXT COLLATE "C" NOT NULL,
  delivered_on TEXT COLLATE "C" NOT NULL CHECK (likeness_is_day(delivered_on)),
  days BIGINT CHECK (days <> 0),
  minutes TEXT COLLATE "C",
  note TEXT COLLATE "C",
  corrects TEXT COLLATE "C" UNIQUE REFERENCES usage_report(id),
  reported_by TEXT COLLATE "C" NOT NULL,
  reported_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX usage_report_by_check ON usage_report(check_id, reported_at);
CREATE INDEX usage_report_by_check_actor ON usage_report(production, check_actor);
CREATE TABLE usage_line (
  usage_id TEXT COLLATE "C" NOT NULL REFERENCES usage_report(id),
  line_number INTEGER NOT NULL CHECK (line_number >= 0),
  check_id TEXT COLLATE "C" NOT NULL,
  grant_id TEXT COLLATE "C" NOT NULL REFERENCES consent_grant(id),
  performer TEXT COLLATE "C" NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  delivered_on TEXT COLLATE "C" NOT NULL,
  reported_at TEXT COLLATE "C" NOT NULL,
  currency TEXT COLLATE "C" NOT NULL CHECK (length(currency) = 3),
  basis TEXT COLLATE "C" NOT NULL CHECK (basis IN ('use', 'day', 'minute', 'flat')),
  quantity BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  pension_health BIGINT NOT NULL,
  PRIMARY KEY (usage_id, line_number)
);
CREATE INDEX usage_line_by_performer ON usage_line(performer, delivered_on, reported_at, usage_id, line_number);
CREATE INDEX usage_line_by_production ON usage_line(production, delivered_on, performer, currency, amount, pension_health);
CREATE INDEX usage_line_flat ON usage_line(grant_id, production, quantity) WHERE basis = 'flat';
CREATE TRIGGER usage_report_append_only BEFORE UPDATE OR DELETE ON usage_report
  FOR EACH ROW EXECUTE FUNCTION likeness_refuse('usage reports are append-only: correct one with another report');
CREATE TRIGGER usage_report_not_truncated BEFORE TRUNCATE ON usage_report
  FOR EACH STATEMENT EXECUTE FUNCTION likeness_refuse('usage reports are append-only: correct one with another report');
CREATE TRIGGER usage_line_append_only BEFORE UPDATE OR DELETE ON usage_line
  FOR EACH ROW EXECUTE FUNCTION likeness_refuse('usage lines are append-only');
CREATE TRIGGER usage_line_not_truncated BEFORE TRUNCATE ON usage_line
  FOR EACH STATEMENT EXECUTE FUNCTION likeness_refuse('usage lines are append-only');
