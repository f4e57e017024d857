-- The use register's fold, a chunk per transaction (SQLite's receipt writer: `RegisterFold`).
-- While a fold is under way, its row here says which log rows the register holds already: those
-- up to `through` (a rowid of the log) whose key is at most this row's key. Reads leave them out
-- of the log's counts; the fold's last transaction deletes them and this row. No row: no fold
-- under way (always so on PostgreSQL, whose folds are whole).
CREATE TABLE use_register_fold (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through INTEGER NOT NULL,
  production TEXT NOT NULL,
  at TEXT NOT NULL,
  use TEXT NOT NULL,
  destination TEXT NOT NULL,
  tool TEXT NOT NULL,
  performer TEXT NOT NULL,
  decision TEXT NOT NULL
) STRICT;
