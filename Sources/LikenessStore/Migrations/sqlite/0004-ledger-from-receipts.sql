-- The performers' uses ledger, rebuilt so that nothing it needs costs the check path (0003's log
-- row per check made every commit a third larger, and folding it into a table keyed by performer
-- wrote a random page per line: docs/benchmarks.md).
-- * A receipt keeps its day of use and tool as columns; `performer_use_folded` says up to which
--   receipt (rowid) the ledger holds them; the receipt writer folds the receipts past it now and
--   then (`PerformerUses.foldAt`). SQLite folds this way; PostgreSQL, whose writers commit side
--   by side (a receipt of a lower rowid may commit after a higher one), keeps appending to the log.
-- * Each fold writes one segment: its lines sorted by performer, under a segment number above
--   every earlier one, so that a fold appends at the end of the table's key instead of writing
--   into every page of it. `performer_use_segment` bounds each segment's days of use and times
--   of decision, which lets a read of one performer's newest lines stop after the newest segments.
ALTER TABLE check_receipt ADD COLUMN at TEXT;
ALTER TABLE check_receipt ADD COLUMN tool TEXT;
CREATE TABLE performer_use_folded (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through INTEGER NOT NULL
) STRICT;
CREATE TABLE performer_use_segment (
  segment INTEGER PRIMARY KEY,
  newest_at TEXT NOT NULL,
  newest_decided_at TEXT NOT NULL,
  oldest_at TEXT NOT NULL
) STRICT;
CREATE TABLE performer_use_by_segment (
  segment INTEGER NOT NULL,
  performer TEXT NOT NULL,
  at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  check_id TEXT NOT NULL,
  production TEXT NOT NULL,
  tool TEXT,
  PRIMARY KEY (segment, performer, at, decided_at, check_id)
) STRICT, WITHOUT ROWID;
-- What 0003's ledger and log hold becomes segment 0.
INSERT INTO performer_use_by_segment (segment, performer, at, decided_at, check_id, production, tool)
  SELECT 0, performer, at, decided_at, check_id, production, tool FROM performer_use
  UNION SELECT 0, performer, at, decided_at, check_id, production, tool FROM performer_use_log
  ORDER BY 2, 3, 4, 5;
INSERT INTO performer_use_segment (segment, newest_at, newest_decided_at, oldest_at)
  SELECT 0, max(at), max(decided_at), min(at) FROM performer_use_by_segment HAVING count(*) > 0;
DROP TABLE performer_use;
ALTER TABLE performer_use_by_segment RENAME TO performer_use;
DELETE FROM performer_use_log;
-- No row: no receipt is folded yet (a new database).
INSERT INTO performer_use_folded (id, through) SELECT 1, max(rowid) FROM check_receipt HAVING count(*) > 0;
