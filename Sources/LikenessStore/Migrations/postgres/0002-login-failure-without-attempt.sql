-- A failed login is no longer filed under its attempt: a success forgets every failure of its
-- username and of its (username, address) pair (`LoginLimits`), so the column is neither written
-- nor read since release 76e10fa.
ALTER TABLE login_failure DROP COLUMN attempt;
