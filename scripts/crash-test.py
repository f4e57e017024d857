#!/usr/bin/env python3
"""Crash safety of a live server (run by scripts/test after the debug build).

1. SIGKILL: 8 clients stream registry writes (performers, grants) and checks; the server is killed
   mid-stream and restarted. Then SQLite's integrity_check must pass, every acknowledged write and
   receipt must be readable through the API exactly as answered, nothing half-done may be found
   (a grant without its status history or audit entry, a receipt without its grant links), and the
   audit chain must verify.
2. SIGTERM: the same stream, then SIGTERM: the server must drain in-flight requests, exit 0, and
   every acknowledged write and receipt must be there after a restart.
3. Single checks under load: 32 clients post nothing but single checks (POST /v1/checks, each
   receipt in the group commit of whatever arrives with it) and the server is killed (SIGKILL)
   while they stream. After the restart every check answered 200 must be stored exactly as
   answered, with its grant links, integrity_check must pass and the audit chain verify.
4. Events: a revoke is committed while its webhook's receiver is down, and the server is killed
   (SIGKILL) before it could deliver the event; once the receiver is up, the restarted server
   delivers it, signed, exactly once (at once, or once the killed attempt's lease has run out).
5. Mail: an invitation with an address is answered while the server has no mail server
   (`--smtp`), and the server is killed (SIGKILL); restarted with a mail server (a minimal SMTP
   sink of the standard library, scripts/lib/smtp_sink.py), it sends the invitation, its link intact.
6. Import: `likeness import` of a synthetic registry (50,000 grants and their performers, roles
   and productions; its tools are the fixtures') is killed (SIGKILL) while it writes; afterwards
   nothing of it is there (no row, audit entry or event), integrity_check passes and the audit
   chain verifies.
Prints 'crash-test: N passed, N failed'; exits non-zero on any failure."""
import hashlib, hmac, http.client, http.server, json, os, signal, sqlite3, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import BIN, ROOT, Server, call, cli, connect, report
from smtp_sink import Sink

PORT = int(os.environ.get("CRASH_PORT", "8189"))
work = tempfile.mkdtemp(prefix="likeness-crash-")
DB = os.path.join(work, "crash.sqlite")
LOG = os.path.join(work, "serve.log")

def start():
    return Server(DB, port=PORT, log=LOG)

def stream(key, worker, acked, stop):
    """Writes and checks until the server goes away; records what was acknowledged."""
    conn = connect(PORT)
    n = 0
    while not stop.is_set():
        n += 1
        try:
            pid = f"p-crash-{worker}-{n}"
            status, _ = call(conn, "POST", "/v1/performers", token=key, body={"id": pid, "name": f"Crash {worker} {n}"})
            if status != 201: continue
            acked["performers"].append(pid)
            gid = f"g-crash-{worker}-{n}"
            status, _ = call(conn, "POST", "/v1/grants", token=key, body={
                "id": gid, "performer": pid, "production": "prod-nova", "uses": ["replica"], "aspects": ["face"],
                "destinations": ["temporary"], "territories": ["*"], "validUntil": "2030-01-01",
                "signedBy": "performer", "description": "Crash-test consent for a previs replica"})
            if status == 201: acked["grants"].append(gid)
            for body in ({"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
                          "destination": "temporary", "tool": "t-vault", "at": "2026-05-01"},
                         {"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"}):
                status, answer = call(conn, "POST", "/v1/checks", token=key, body=body)
                if status == 200: acked["checks"].append(answer)
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            return

CHECK_BODIES = (
    {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
     "destination": "temporary", "tool": "t-vault", "at": "2026-05-01"},
    {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face", "voice"],
     "destination": "final", "territory": "DE", "tool": "t-vault", "at": "2026-05-02"},
    {"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"},
)

def check_stream(key, worker, acked, stop):
    """Single checks until the server goes away; records every answer it got (200)."""
    conn = connect(PORT)
    n = worker
    while not stop.is_set():
        n += 1
        try:
            status, answer = call(conn, "POST", "/v1/checks", token=key, body=CHECK_BODIES[n % len(CHECK_BODIES)])
            if status == 200: acked["checks"].append(answer)
        except (OSError, http.client.HTTPException, json.JSONDecodeError):
            return

def checks_then_kill(clients=32, seconds=3):
    """SIGKILL while `clients` stream single checks; returns what was answered."""
    server = start()
    acked = {"performers": [], "grants": [], "checks": []}
    stop = threading.Event()
    threads = [threading.Thread(target=check_stream, args=(KEY, w, acked, stop)) for w in range(clients)]
    for t in threads: t.start()
    time.sleep(seconds)
    answered_before_kill = len(acked["checks"])
    server.kill()
    stop.set()
    for t in threads: t.join(timeout=30)
    return acked, answered_before_kill

def load_then(signal_number, seconds=2.5):
    server = start()
    acked = {"performers": [], "grants": [], "checks": []}
    stop = threading.Event()
    threads = [threading.Thread(target=stream, args=(KEY, w, acked, stop)) for w in range(8)]
    for t in threads: t.start()
    time.sleep(seconds)
    code = server.stop(signal_number)
    stop.set()
    for t in threads: t.join(timeout=30)
    return acked, code

def verify(acked, label):
    failures = []
    db = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        failures.append(f"{label}: integrity_check failed")
    half = db.execute("""SELECT count(*) FROM consent_grant g WHERE g.id LIKE 'g-crash-%' AND (
                           NOT EXISTS (SELECT 1 FROM grant_status_change s WHERE s.grant_id = g.id)
                           OR NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'grant.create' AND a.subject = g.id))""").fetchone()[0]
    if half: failures.append(f"{label}: {half} grants without their status history or audit entry")
    # Bodies may be stored compressed, so the server reads each receipt back and its grants are counted.
    links = db.execute("""SELECT r.id, (SELECT count(*) FROM check_reliance c WHERE c.check_id = r.id)
                          FROM check_receipt r WHERE r.decision IN ('allowed', 'notify')""").fetchall()
    db.close()
    server = start()
    conn = connect(PORT)
    unlinked = 0
    for check_id, linked in links:
        status, stored = call(conn, "GET", f"/v1/checks/{check_id}", token=KEY)
        if status != 200 or len(stored.get("grants", [])) > linked: unlinked += 1
    if unlinked: failures.append(f"{label}: {unlinked} receipts without their grant links")
    for pid in acked["performers"]:
        if call(conn, "GET", f"/v1/performers/{pid}", token=KEY)[0] != 200: failures.append(f"{label}: performer {pid} lost")
    for gid in acked["grants"]:
        if call(conn, "GET", f"/v1/grants/{gid}", token=KEY)[0] != 200: failures.append(f"{label}: grant {gid} lost")
    for answer in acked["checks"]:
        status, stored = call(conn, "GET", f"/v1/checks/{answer['id']}", token=KEY)
        if status != 200 or stored != answer: failures.append(f"{label}: receipt {answer['id']} lost or changed")
    server.stop()
    audit = cli(DB, "audit", "verify", check=False)
    if audit.returncode != 0: failures.append(f"{label}: {audit.stderr.strip()}")
    return failures

class Receiver(http.server.BaseHTTPRequestHandler):
    """A webhook receiver that answers 503 while `down`, else 200, keeping what it accepted."""
    down = True
    accepted = []
    attempts = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.attempts += 1
        if Receiver.down:
            self.send_response(503)
        else:
            Receiver.accepted.append((self.headers["Likeness-Event-Id"], self.headers["Likeness-Signature"], body))
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

def events_survive_a_kill():
    """A revoke committed, its delivery failed, the server killed; after restart it is delivered."""
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    failures = []
    server = start()
    conn = connect(PORT)
    status, hook = call(conn, "POST", "/v1/webhooks", token=KEY,
                        body={"url": f"http://127.0.0.1:{receiver.server_address[1]}/hook", "events": ["grant.revoked"]})
    status, _ = call(conn, "POST", "/v1/grants/g-lena-1/revoke", token=KEY, body={"reason": "withdrawn before the crash"})
    if status != 200: failures.append(f"events: the revoke answered {status}")
    for _ in range(200):
        if Receiver.attempts: break
        time.sleep(0.02)
    server.kill()
    if Receiver.accepted: failures.append("events: delivered while the receiver was down")
    Receiver.down = False
    server = start()
    # A kill between the attempt and its record leaves the attempt's lease in the database (15 s):
    # the restarted server retries once it has run out.
    for _ in range(1250):
        if Receiver.accepted: break
        time.sleep(0.02)
    time.sleep(0.5)
    server.stop()
    receiver.shutdown()
    if len(Receiver.accepted) != 1:
        return failures + [f"events: {len(Receiver.accepted)} deliveries after the restart, not 1"]
    event_id, signature, body = Receiver.accepted[0]
    event = json.loads(body)
    if event["type"] != "grant.revoked" or event["data"]["grant"] != "g-lena-1" or event["id"] != event_id:
        failures.append(f"events: delivered {event}")
    fields = dict(part.split("=", 1) for part in signature.split(","))
    expected = hmac.new(hook["secret"].encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields["v1"]): failures.append("events: the signature does not verify")
    return failures

def mails_survive_a_kill():
    """An invitation's mail written, the server killed before any mail server was known; restarted
    with one, the server sends it."""
    failures = []
    server = start()
    conn = connect(PORT)
    status, invitation = call(conn, "POST", "/v1/performers/p-omar/invitations", token=KEY,
                              body={"capacity": "self", "mayConsent": True, "email": "omar@example.org"})
    if status != 201: return [f"mail: the invitation answered {status}: {invitation}"]
    server.kill()
    sink = Sink()
    server = Server(DB, "--smtp", f"smtp://127.0.0.1:{sink.port}", "--base-url", "https://likeness.example", port=PORT, log=LOG)
    for _ in range(500):
        if sink.messages: break
        time.sleep(0.02)
    server.stop()
    sink.close()
    if len(sink.messages) != 1:
        return failures + [f"mail: {len(sink.messages)} mails after the restart, not 1"]
    if f"https://likeness.example/join/{invitation['code']}" not in sink.messages[0].replace("=\r\n", ""):
        failures.append("mail: the invitation's link is not in its mail")
    return failures


def an_import_killed_leaves_nothing():
    """SIGKILL once the import's transaction has spilled pages to the WAL, then count."""
    data = os.path.join(work, "import")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/bench.d/generate.py"), data], check=True,
                   env={**os.environ, "BENCH_PERFORMERS": "5000"})
    files = [os.path.join(data, f"{kind}.csv") for kind in ["productions", "performers", "roles", "grants", "approvals"]]
    tables = ["performer", "production", "role", "tool", "consent_grant", "grant_status_change", "approval", "audit_entry", "event"]
    def counts():
        with sqlite3.connect(DB) as db:
            return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}
    before = counts()
    wal = DB + "-wal"
    wal_before = os.path.getsize(wal) if os.path.exists(wal) else 0
    importer = subprocess.Popen([BIN, "import", "--db", DB, "--actor", "crash", *files],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and importer.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > wal_before + (4 << 20):
            break
        time.sleep(0.01)
    if importer.poll() is not None:
        return [f"import: it ended ({importer.returncode}) before it could be killed while writing"]
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=60)
    failures = []
    after = counts()
    if after != before:
        failures.append(f"import: rows remain after SIGKILL: {[t for t in tables if after[t] != before[t]]}")
    with sqlite3.connect(DB) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok": failures.append("import: integrity_check fails")
    verified = cli(DB, "audit", "verify", check=False)
    if verified.returncode != 0: failures.append(f"import: the audit chain does not verify: {verified.stdout}{verified.stderr}")
    return failures

cli(DB, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": "crash-admin-pass"})
cli(DB, "import", os.path.join(ROOT, "fixtures/demo.json"))
KEY = cli(DB, "account", "api-key", "--name", "crash", "--role", "admin").stdout.split()[1]

passed, failed = 0, 0
for name, sig in (("SIGKILL", signal.SIGKILL), ("SIGTERM", signal.SIGTERM)):
    acked, code = load_then(sig)
    failures = verify(acked, name)
    if sig == signal.SIGTERM and code != 0:
        failures.append(f"SIGTERM: the server exited with {code}")
    counts = f"{len(acked['performers'])} performers, {len(acked['grants'])} grants, {len(acked['checks'])} checks acknowledged"
    if failures:
        failed += 1
        print(f"FAIL {name}: {counts}")
        for f in failures[:20]: print("  " + f)
    else:
        passed += 1
        print(f"ok   {name}: {counts}; all present after restart, integrity ok, nothing half-done, audit intact")
acked, answered_before_kill = checks_then_kill()
failures = verify(acked, "checks under load")
if answered_before_kill < 100:
    failures.append(f"checks under load: only {answered_before_kill} checks answered before the kill: not a load")
if failures:
    failed += 1
    print(f"FAIL checks under load: {len(acked['checks'])} checks answered")
    for f in failures[:20]: print("  " + f)
else:
    passed += 1
    print(f"ok   checks under load: SIGKILL while 32 clients streamed single checks; all {len(acked['checks'])} answered"
          " are stored as answered, with their grant links; integrity ok, audit intact")
failures = events_survive_a_kill()
if failures:
    failed += 1
    print("FAIL events")
    for f in failures: print("  " + f)
else:
    passed += 1
    print(f"ok   events: a revoke committed while its receiver was down survived SIGKILL; delivered once after restart, signed ({Receiver.attempts} attempts)")
failures = mails_survive_a_kill()
if failures:
    failed += 1
    print("FAIL mail")
    for f in failures: print("  " + f)
else:
    passed += 1
    print("ok   mail: an invitation's mail written before SIGKILL was sent after the restart, its link intact")
failures = an_import_killed_leaves_nothing()
if failures:
    failed += 1
    print("FAIL import")
    for f in failures: print("  " + f)
else:
    passed += 1
    print("ok   import: killed (SIGKILL) while writing 50,000 grants, it left nothing; integrity and audit chain intact")
sys.exit(report("crash-test", passed, failed))
