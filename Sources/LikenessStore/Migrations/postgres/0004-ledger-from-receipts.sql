-- The same change as SQLite's 0004-ledger-from-receipts.sql. PostgreSQL keeps appending to the
-- log (its writers commit side by side); it records the receipts' day and tool as SQLite does.
ALTER TABLE check_receipt ADD COLUMN at TEXT COLLATE "C";
ALTER TABLE check_receipt ADD COLUMN tool TEXT COLLATE "C";
CREATE TABLE performer_use_folded (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through BIGINT NOT NULL
);
-- No row: no receipt is folded yet (a new database).
INSERT INTO performer_use_folded (id, through) SELECT 1, max(rowid) FROM check_receipt HAVING count(*) > 0;
