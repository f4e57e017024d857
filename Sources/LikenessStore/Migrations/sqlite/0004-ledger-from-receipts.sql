-- The performers' uses ledger is folded from the receipts themselves instead of a log row per
-- check (which made every check's commit a third larger: docs/benchmarks.md). A receipt keeps its
-- day of use and tool as columns; `performer_use_folded` says up to which receipt (rowid) the
-- ledger holds them, and the receipt writer folds the receipts past it now and then
-- (`PerformerUses.foldAt`). SQLite folds this way; PostgreSQL, whose writers commit side by side
-- (a receipt of a lower rowid may commit after a higher one), keeps appending to the log.
ALTER TABLE check_receipt ADD COLUMN at TEXT;
ALTER TABLE check_receipt ADD COLUMN tool TEXT;
CREATE TABLE performer_use_folded (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO performer_use (performer, at, decided_at, check_id, production, tool)
  SELECT performer, at, decided_at, check_id, production, tool FROM performer_use_log;
DELETE FROM performer_use_log;
-- No row: no receipt is folded yet (a new database).
INSERT INTO performer_use_folded (id, through) SELECT 1, max(rowid) FROM check_receipt HAVING count(*) > 0;
