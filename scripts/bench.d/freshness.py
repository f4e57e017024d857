#!/usr/bin/env python3
"""Measures the cross-process freshness window: while threads send the same check over HTTP
without pause, `likeness grant revoke` (another process) revokes the one grant it relied on.
The window is how long after the revoke's commit a check could still start and be allowed: the
start of the last allowed check minus the moment the commit became visible to another process
(a reader polls the grant's status every 0.2 ms while the CLI runs). The revoke's recorded time,
taken before its transaction began, gives an upper bound too. Repeats with several grants.

Usage: freshness.py BIN DB PORT KEY [RUNS]"""
import datetime, os, sqlite3, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import likeness_harness
from likeness_harness import call, cli, connect
from hammering import race

bin_dir, db, port, key = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
likeness_harness.BIN = os.path.join(bin_dir, "likeness")  # the release build the benchmark serves


def candidates():
    """Allowed checks that relied on exactly one grant, still active."""
    with sqlite3.connect(db) as c:
        return c.execute("""
            SELECT r.check_id, r.grant_id FROM check_reliance r JOIN consent_grant g ON g.id = r.grant_id
            WHERE r.decision = 'allowed' AND g.status = 'active'
            GROUP BY r.check_id HAVING count(*) = 1 ORDER BY r.check_id DESC LIMIT 400""").fetchall()


def revoked_at(grant):
    with sqlite3.connect(db) as c:
        at = c.execute("SELECT at FROM grant_status_change WHERE grant_id = ? AND status = 'revoked'", (grant,)).fetchone()[0]
    return datetime.datetime.strptime(at, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()


conn = connect(int(port))
windows, used = [], set()
for check_id, grant in candidates():
    if len(windows) == runs:
        break
    if grant in used:
        continue
    used.add(grant)
    status, receipt = call(conn, "GET", f"/v1/checks/{check_id}", token=key)
    request = {k: v for k, v in receipt["request"].items() if v not in (None, [], False)}
    if call(conn, "POST", "/v1/checks", request, token=key)[1].get("decision") != "allowed":
        continue

    # The watcher's one connection, polled from its thread.
    reader = sqlite3.connect(db, check_same_thread=False)
    log, seen, _ = race(
        port, key, request, lambda: cli(db, "grant", "revoke", grant, "--reason", "Freshness benchmark revoke"),
        lambda: reader.execute("SELECT status = 'revoked' FROM consent_grant WHERE id = ?", (grant,)).fetchone()[0])
    reader.close()
    at = revoked_at(grant)
    last_allowed = max((s for s, d in log if d == "allowed"), default=0.0)
    denied_before = [s for s, d in log if d != "allowed" and s < at]
    window = max(last_allowed - seen, 0.0) * 1000
    if denied_before:
        print(f"  {grant}: a check started before the revoke was not allowed; skipped")
        continue
    if all(d == "allowed" for _, d in log):
        print(f"  {grant}: another grant still covers the use; skipped")
        continue
    windows.append(window)
    print(f"  {grant}: {len(log)} checks; the last allowed one started {window:.1f} ms after the commit was visible "
          f"({(last_allowed - at) * 1000:.1f} ms after the revoke's recorded time)")
if windows:
    print(f"freshness window (CLI revoke racing HTTP checks): max {max(windows):.1f} ms after the commit over {len(windows)} revokes "
          f"(target: every check starting 20 ms after the commit honours it)")
else:
    print("freshness window: no candidate grant found")
