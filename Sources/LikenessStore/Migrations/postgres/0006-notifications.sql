-- Notifications by e-mail (notifications.md).
-- * An account's muted kinds of mail (a JSON array of kinds; `invitation` is never among them).
-- * The mail outbox: each mail written in the transaction of the change it tells of, to one
--   address, with the values its template is filled with (`data`, JSON: the link's path, names,
--   what happened); the server's sender renders and delivers it, retrying temporary failures
--   (`next_attempt_at`, `attempts`, `last_error`) for 24 hours. An invitation's code is kept
--   sealed (under the key file's webhook key) only while the mail is pending.
-- * The digests sent, one per account and day, so that a second run for the same day sends none.
ALTER TABLE account ADD COLUMN mute TEXT COLLATE "C" NOT NULL DEFAULT '[]';
CREATE TABLE mail (
  id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('invitation', 'offer.waiting', 'offer.answered', 'grant.changed', 'request.waiting', 'request.decided', 'uses.digest', 'consent.expiring')),
  account TEXT COLLATE "C",
  to_address TEXT COLLATE "C" NOT NULL,
  subject TEXT COLLATE "C" NOT NULL,
  data TEXT COLLATE "C" NOT NULL,
  sealed_code BYTEA,
  state TEXT COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT COLLATE "C" NOT NULL,
  last_error TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL,
  sent_at TEXT COLLATE "C",
  CHECK (state = 'pending' OR sealed_code IS NULL)
);
CREATE INDEX mail_pending ON mail(next_attempt_at) WHERE state = 'pending';
CREATE INDEX mail_by_created ON mail(created_at);
CREATE TABLE mail_digest (
  account TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (account, day)
);
