-- Notifications by e-mail (notifications.md).
-- * An account's muted kinds of mail (a JSON array of kinds; `invitation` is never among them).
-- * The mail outbox: each mail written in the transaction of the change it tells of, to one
--   address, with the values its template is filled with (`data`, JSON: the link's path, names,
--   what happened); the server's sender renders and delivers it, retrying temporary failures
--   (`next_attempt_at`, `attempts`, `last_error`) for 24 hours. An invitation's code is kept
--   sealed (under the key file's webhook key) only while the mail is pending.
-- * The digests sent, one per account and day, so that a second run for the same day sends none.
ALTER TABLE account ADD COLUMN mute TEXT NOT NULL DEFAULT '[]';
CREATE TABLE mail (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('invitation', 'offer.waiting', 'offer.answered', 'grant.changed', 'request.waiting', 'request.decided', 'uses.digest', 'consent.expiring')),
  account TEXT,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  data TEXT NOT NULL,
  sealed_code BLOB,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK (state = 'pending' OR sealed_code IS NULL)
) STRICT;
CREATE INDEX mail_pending ON mail(next_attempt_at) WHERE state = 'pending';
CREATE INDEX mail_by_created ON mail(created_at);
CREATE TABLE mail_digest (
  account TEXT NOT NULL,
  day TEXT NOT NULL,
  PRIMARY KEY (account, day)
) STRICT, WITHOUT ROWID;
