#!/usr/bin/env python3
"""Losing one of two servers on one PostgreSQL database (run by scripts/test).

Two `likeness serve` processes share a database. Eight clients stream checks and registry writes,
each to its own server first and to the other when its server does not answer (as a client behind
a load balancer that retries the other). Server A is killed (SIGKILL) mid-stream; the clients carry
on. Then every acknowledged receipt must read back through server B exactly as answered, every
acknowledged write must be there, no request may have gone unanswered by both servers, B must
have answered throughout, the audit chain (appended by both servers) must verify, and B must
drain and exit 0 on SIGTERM.

Usage: failover-test URL   (a fresh, empty database; scripts/postgres createdb makes one)
Prints what it measured and 'failover-test: passed' or the failures; exits non-zero on any."""
import http.client, json, os, shutil, sys, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import ROOT, Server, call, cli, connect

URL = sys.argv[1]
work = tempfile.mkdtemp(prefix="likeness-failover-")
KEYS = os.path.join(work, "keys.json")
CLIENTS, BEFORE, AFTER = 8, 3.0, 3.0
CHECKS = [
    {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
     "destination": "temporary", "tool": "t-vault", "at": "2026-05-01"},
    {"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"},
]


def serve(name):
    """A server on the database, on a free port, its log in work/NAME.log."""
    server = Server(URL, "--keys", KEYS, "--connections", "8", log=os.path.join(work, f"{name}.log"))
    servers.append(server)
    return server


class Client(threading.Thread):
    """Sends to its own server first and to the other when its own does not answer."""

    def __init__(self, number, ports):
        super().__init__()
        self.number, self.ports = number, ports
        self.conns = {}
        self.checks, self.performers, self.unanswered, self.refused = [], [], 0, []
        self.answered_at = []  # (time, port) of every answer

    def send(self, method, path, body):
        for port in self.ports:
            try:
                conn = self.conns.get(port) or connect(port)
                self.conns[port] = conn
                status, answer = call(conn, method, path, body, token=KEY)
                self.answered_at.append((time.monotonic(), port))
                return status, answer
            except (OSError, http.client.HTTPException, json.JSONDecodeError):
                self.conns.pop(port, None)
        self.unanswered += 1
        return None, None

    def run(self):
        n = 0
        while not stop.is_set():
            n += 1
            for body in CHECKS:
                status, answer = self.send("POST", "/v1/checks", body)
                if status == 200:
                    self.checks.append(answer)
                elif status is not None:
                    self.refused.append(f"check answered {status}: {answer}")
            performer = f"p-failover-{self.number}-{n}"
            status, answer = self.send("POST", "/v1/performers", {"id": performer, "name": f"Failover {n}"})
            if status == 201:
                self.performers.append(performer)
            elif status != 409:  # 409: a retry of a write whose first answer was lost with its server
                if status is not None: self.refused.append(f"write answered {status}: {answer}")


def run():
    """Two servers, the load, the kill, then what must hold; returns the failures."""
    a, b = serve("a"), serve("b")
    port_a, port_b = a.port, b.port
    clients = [Client(n, [port_a, port_b] if n % 2 == 0 else [port_b, port_a]) for n in range(CLIENTS)]
    for c in clients: c.start()
    time.sleep(BEFORE)
    killed_at = time.monotonic()
    a.kill()
    time.sleep(AFTER)
    stop.set()
    for c in clients: c.join(timeout=60)

    failures = [f for c in clients for f in c.refused[:3]]
    checks = [answer for c in clients for answer in c.checks]
    performers = [p for c in clients for p in c.performers]
    unanswered = sum(c.unanswered for c in clients)
    if unanswered: failures.append(f"{unanswered} requests answered by neither server")
    after_kill = [(t, port) for c in clients for t, port in c.answered_at if t > killed_at]
    if not after_kill or any(port != port_b for t, port in after_kill if t > killed_at + 0.1):
        failures.append("server B did not answer everything after A was killed")
    # The longest a client went without an answer across the kill.
    gaps = []
    for c in clients:
        times = [t for t, _ in c.answered_at]
        gaps += [later - earlier for earlier, later in zip(times, times[1:]) if later > killed_at and earlier < killed_at + 1]
    conn = connect(port_b)
    lost = [answer["id"] for answer in checks if call(conn, "GET", f"/v1/checks/{answer['id']}", token=KEY) != (200, answer)]
    if lost: failures.append(f"{len(lost)} acknowledged receipts lost or changed, e.g. {lost[:3]}")
    missing = [p for p in performers if call(conn, "GET", f"/v1/performers/{p}", token=KEY)[0] != 200]
    if missing: failures.append(f"{len(missing)} acknowledged writes lost, e.g. {missing[:3]}")
    if b.stop() != 0: failures.append(f"server B exited with {b.returncode} on SIGTERM")
    audit = cli(URL, "audit", "verify", check=False)
    if audit.returncode != 0: failures.append(f"audit verify: {audit.stdout}{audit.stderr}".strip())
    print(f"{len(checks)} receipts and {len(performers)} writes acknowledged by two servers ({len(after_kill)} answers "
          f"by B in the {AFTER:.0f} s after A was killed); all read back through B; longest wait for an answer across "
          f"the kill {max(gaps, default=0) * 1000:.0f} ms; audit chain verifies")
    return failures


cli(URL, "init", "--admin", "admin", "--keys", KEYS, env={"LIKENESS_ADMIN_PASSWORD": "failover-admin-pass"})
cli(URL, "import", os.path.join(ROOT, "fixtures/demo.json"), "--keys", KEYS)
KEY = cli(URL, "account", "api-key", "--name", "failover", "--role", "admin", "--keys", KEYS).stdout.split()[1]
stop = threading.Event()
servers = []
try:
    failures = run()
finally:
    stop.set()
    for server in servers:
        server.kill()
if failures:
    for f in failures: print("FAIL " + f)
    for name in ("a", "b"):
        print(f"-- server {name}'s log (last lines):")
        print("".join(open(os.path.join(work, f"{name}.log")).readlines()[-20:]))
    print("failover-test: failed")
shutil.rmtree(work, ignore_errors=True)
if failures: sys.exit(1)
print("failover-test: passed")
