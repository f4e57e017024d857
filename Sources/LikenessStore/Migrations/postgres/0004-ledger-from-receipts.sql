-- The same change as SQLite's 0004-ledger-from-receipts.sql. PostgreSQL keeps appending to the
-- log (its writers commit side by side) and folds the log into segments; it records the
-- receipts' day and tool as SQLite does.
ALTER TABLE check_receipt ADD COLUMN at TEXT COLLATE "C";
ALTER TABLE check_receipt ADD COLUMN tool TEXT COLLATE "C";
CREATE TABLE performer_use_folded (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through BIGINT NOT NULL
);
CREATE TABLE performer_use_segment (
  segment BIGINT PRIMARY KEY,
  newest_at TEXT COLLATE "C" NOT NULL,
  newest_decided_at TEXT COLLATE "C" NOT NULL,
  oldest_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE performer_use_by_segment (
  segment BIGINT NOT NULL,
  performer TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL,
  check_id TEXT COLLATE "C" NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C",
  PRIMARY KEY (segment, performer, at, decided_at, check_id)
);
-- What 0003's ledger and log hold becomes segment 0.
INSERT INTO performer_use_by_segment (segment, performer, at, decided_at, check_id, production, tool)
  SELECT 0, performer, at, decided_at, check_id, production, tool FROM performer_use
  UNION SELECT 0, performer, at, decided_at, check_id, production, tool FROM performer_use_log
  ORDER BY 2, 3, 4, 5;
INSERT INTO performer_use_segment (segment, newest_at, newest_decided_at, oldest_at)
  SELECT 0, max(at), max(decided_at), min(at) FROM performer_use_by_segment HAVING count(*) > 0;
DROP TABLE performer_use;
ALTER TABLE performer_use_by_segment RENAME TO performer_use;
ALTER TABLE performer_use RENAME CONSTRAINT performer_use_by_segment_pkey TO performer_use_pkey;
DELETE FROM performer_use_log;
-- No row: no receipt is folded yet (a new database).
INSERT INTO performer_use_folded (id, through) SELECT 1, max(rowid) FROM check_receipt HAVING count(*) > 0;
