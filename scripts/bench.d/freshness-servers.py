#!/usr/bin/env python3
"""Measures the cross-server freshness window on PostgreSQL: while threads send the same check to
server B without pause, a revoke of the one grant it relied on goes through server A's API. The
window is how long after the revoke's commit a check could still start on B and be allowed: the
start of the last allowed check minus the moment the commit became visible (a reader polls the
grant's status through psql every millisecond or so while A revokes). Repeats with several grants.

Usage: freshness-servers.py URL PORT_A PORT_B CHECK_KEY CASTING_KEY [RUNS]"""
import os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from likeness_harness import call, connect
from hammering import race

url, port_a, port_b, check_key, casting_key = sys.argv[1:6]
runs = int(sys.argv[6]) if len(sys.argv) > 6 else 5


def psql(query):
    return subprocess.run(["psql", url, "-At", "-F", "\t", "-c", query], check=True, capture_output=True, text=True).stdout.split("\n")


candidates = [line.split("\t") for line in psql("""
    SELECT r.check_id, min(r.grant_id) FROM check_reliance r JOIN consent_grant g ON g.id = r.grant_id
    WHERE r.decision = 'allowed' AND g.status = 'active'
    GROUP BY r.check_id HAVING count(*) = 1 ORDER BY r.check_id DESC LIMIT 400""") if line]
a, b = connect(int(port_a)), connect(int(port_b))
windows, used = [], set()
for check_id, grant in candidates:
    if len(windows) == runs:
        break
    if grant in used:
        continue
    used.add(grant)
    status, receipt = call(b, "GET", f"/v1/checks/{check_id}", token=casting_key)
    request = {k: v for k, v in receipt["request"].items() if v not in (None, [], False)}
    if call(b, "POST", "/v1/checks", request, token=check_key)[1].get("decision") != "allowed":
        continue

    def revoke():
        status = call(a, "POST", f"/v1/grants/{grant}/revoke", {"reason": "Freshness benchmark revoke"}, token=casting_key)[0]
        return status, time.time()

    log, visible, (status, answered) = race(
        port_b, check_key, request, revoke,
        lambda: psql(f"SELECT status FROM consent_grant WHERE id = '{grant}'")[0] == "revoked")
    if status != 200 or all(d == "allowed" for _, d in log):
        print(f"  {grant}: skipped (revoke answered {status}, or another grant still covers the use)")
        continue
    last_allowed = max((s for s, d in log if d == "allowed"), default=0.0)
    seen = min(visible, answered)
    window = max(last_allowed - seen, 0.0) * 1000
    windows.append(window)
    print(f"  {grant}: {len(log)} checks on B; the last allowed one started {window:.1f} ms after A's commit was visible")
if windows:
    print(f"cross-server freshness window (revoke through A, checks through B): max {max(windows):.1f} ms after the commit "
          f"over {len(windows)} revokes (target: every check starting 50 ms after the commit honours it)")
else:
    print("cross-server freshness window: no candidate grant found")
