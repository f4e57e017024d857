-- The use register's fold, a chunk per transaction (SQLite's receipt writer: `RegisterFold`).
-- While a fold is under way, its row here says which log rows the register holds already: those
-- up to `through` (a rowid of the log) whose key is at most this row's key. Reads leave them out
-- of the log's counts; the fold's last transaction deletes them and this row. No row: no fold
-- under way (always so on PostgreSQL, whose folds are whole).
CREATE TABLE use_register_fold (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through BIGINT NOT NULL,
  production TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  use TEXT COLLATE "C" NOT NULL,
  destination TEXT COLLATE "C" NOT NULL,
  tool TEXT COLLATE "C" NOT NULL,
  performer TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL
);
