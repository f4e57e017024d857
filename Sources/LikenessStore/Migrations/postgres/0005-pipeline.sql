-- The generation pipeline's side (pipeline.md): a tool's version, and the receipts' status lists
-- (IETF OAuth Token Status List).
ALTER TABLE tool ADD COLUMN version TEXT COLLATE "C" CHECK (version IS NULL OR length(version) BETWEEN 1 AND 64);

-- A status list of 131,072 one-bit statuses: which indexes are given to checks (`assigned`, a
-- bitmap, and how many) and the statuses themselves (`revoked`: bit set when a grant a check
-- relied on is revoked), least significant bit first. `version` grows with every change of
-- `revoked`, so a signed list is kept until its bits change.
CREATE TABLE status_list (
  list INTEGER PRIMARY KEY CHECK (list >= 0),
  assigned INTEGER NOT NULL CHECK (assigned BETWEEN 0 AND 131072),
  assigned_bits BYTEA NOT NULL,
  revoked BYTEA NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 0)
);
-- A check's index, given the first time it is attested.
CREATE TABLE status_index (
  check_id TEXT COLLATE "C" PRIMARY KEY REFERENCES check_receipt(id),
  list INTEGER NOT NULL REFERENCES status_list(list),
  idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 131071),
  UNIQUE (list, idx)
);
-- A check given its index finds the grants it relied on (is one of them revoked already?).
CREATE INDEX check_reliance_by_check ON check_reliance(check_id);
