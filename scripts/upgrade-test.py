#!/usr/bin/env python3
"""Databases made by an older release read back, row for row, through this release's API.

  upgrade-test.py make BIN FIXTURES [POSTGRES_URL]
      (scripts/make-upgrade-fixtures runs it) with BIN, the CLI of the older release: makes a
      SQLite database and, given POSTGRES_URL (an empty database), a PostgreSQL one, each holding
      every kind of row (accounts, an API key, the demo registry, checks before and after a signing
      key rotation, approval requests in every state, approvals, revoked and suspended grants, a
      union strike, personal data sealed with a rotated vault key, a webhook and its deliveries,
      events, alerts delivered, failed logins, the audit trail); saves them under FIXTURES (sqlite/:
      the file and its key file; postgres/: a plain SQL dump and its key file); then reads every
      row back through that release's API and CLI and saves what it answered (answers.json beside
      each).
  upgrade-test.py check FIXTURES [POSTGRES_URL]
      (scripts/test runs it) loads each fixture into a new database (POSTGRES_URL: an empty one),
      serves it with this release (.build/debug/likeness, or $LIKENESS_BIN), which migrates it,
      makes the same reads and compares every answer with what the older release answered.

The clock is fixed ($LIKENESS_NOW) so that both releases answer as of the same instant.
"""
import base64, glob, http.server, json, os, shutil, sqlite3, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import likeness_harness
from likeness_harness import ROOT, Server, Tally, call, cli, connect

NOW = "2026-11-28T09:00:00Z"
# This release's migrations, which an upgraded database must list (the same ids on both backends).
MIGRATIONS = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(ROOT, "Sources/LikenessStore/Migrations/sqlite/*.sql")))
PASSWORDS = {role: f"upgrade-{role}-pass" for role in ["admin", "casting", "production", "privacy", "auditor", "studio"]}
EVENTS = ["grant.created", "grant.revoked", "grant.suspended", "grant.resumed", "approval.created", "approval.revoked",
          "approval-request.created", "approval-request.decided", "union.strike-changed"]
PRODUCTIONS = ["prod-nova", "prod-tide", "prod-eternaut", "prod-harbor", "prod-true"]


def psql():
    """PostgreSQL's client (its server programs' directory, as scripts/postgres finds them)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    return found[-1] if found else "psql"


def environment(keys):
    return {"LIKENESS_NOW": NOW, "LIKENESS_KEYS": keys}


class Receiver(http.server.ThreadingHTTPServer):
    """Answers 204 to every POST on a loopback port, as a webhook's receiver would."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Receiver.Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/hook"
        threading.Thread(target=self.serve_forever, daemon=True).start()


def sign_in(port, role):
    status, answer = call(connect(port), "POST", "/v1/sessions", {"username": role, "password": PASSWORDS[role]})
    if status != 201:
        sys.exit(f"upgrade-test: {role} cannot sign in ({status}): {answer}")
    return answer["token"]


def must(port, token, method, path, body=None, expect=(200, 201, 204)):
    status, answer = call(connect(port), method, path, body, token)
    if status not in expect:
        sys.exit(f"upgrade-test: {method} {path} answered {status}: {answer}")
    return answer


def get(port, path, token):
    """A GET: its status and its answer, parsed when it is JSON (an attestation is not)."""
    conn = connect(port)
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    response = conn.getresponse()
    data = response.read()
    try:
        return response.status, json.loads(data)
    except ValueError:
        return response.status, data.decode()


def populate(db, keys, workdir):
    """Every kind of row, written by the release BIN names (the CLI, then a server of it)."""
    env = environment(keys)
    cli(db, "init", "--admin", "admin", env={**env, "LIKENESS_ADMIN_PASSWORD": PASSWORDS["admin"]})
    for role in ["casting", "production", "auditor", "studio"]:
        cli(db, "account", "add", "--username", role, "--role", role, env={**env, "LIKENESS_PASSWORD": PASSWORDS[role]})
    cli(db, "account", "add", "--username", "privacy", "--role", "privacy", "--enroller", "admin",
        env={**env, "LIKENESS_PASSWORD": PASSWORDS["privacy"], "LIKENESS_ENROLLER_PASSWORD": PASSWORDS["admin"]})
    api_key = cli(db, "account", "api-key", "--name", "pipeline", "--role", "production", env=env).stdout.split()[1]
    cli(db, "import", "--actor", "upgrade-fixture", os.path.join(ROOT, "fixtures/demo.json"),
        os.path.join(ROOT, "fixtures/csv/grants.csv"), env=env)
    for production in PRODUCTIONS:
        cli(db, "production", "update", production, "--contact", "studio", "--actor", "upgrade-fixture", env=env)
    # A check whose attestation is signed with the key the rotation then retires.
    cli(db, "check", "--actor", "pipeline", "--production", "prod-nova", "--performer", "p-lena", "--use", "replica",
        "--aspect", "face", "--destination", "temporary", "--tool", "t-vault", env=env)
    cli(db, "keys", "rotate", "--actor", "upgrade-fixture", env=env)

    receiver = Receiver()
    server = Server(db, log=os.path.join(workdir, "populate.log"), env=env)
    try:
        port = server.port
        admin, casting, production, studio = (sign_in(port, role) for role in ["admin", "casting", "production", "studio"])
        webhook = must(port, admin, "POST", "/v1/webhooks", {"url": receiver.url, "events": EVENTS})["id"]
        must(port, admin, "POST", "/v1/accounts", {"username": "casting2", "password": "upgrade-casting2-pass", "role": "casting"})
        must(port, casting, "POST", "/v1/performers", {"id": "p-upgrade", "name": "Una Upgrade", "minorUntil": "2030-01-01"})
        must(port, casting, "POST", "/v1/productions", {"id": "prod-upgrade", "title": "The Upgrade", "studio": "Ledger Films",
                                                         "nonFiction": True, "contact": "studio"})
        must(port, casting, "POST", "/v1/productions/prod-upgrade/roles",
             {"id": "r-upgrade", "performer": "p-upgrade", "name": "Herself", "category": "principal", "union": "sag-aftra"})
        must(port, admin, "POST", "/v1/tools", {"id": "t-upgrade", "name": "Ledger Voice", "vendor": "Ledger Labs",
                                                "retainsInputs": False, "enterpriseSecured": True})
        must(port, admin, "PUT", "/v1/unions/sag-aftra", {"strike": True})
        must(port, casting, "POST", "/v1/grants", {
            "id": "g-upgrade", "performer": "p-upgrade", "production": "prod-upgrade", "uses": ["replica", "alteration"],
            "aspects": ["face", "voice"], "destinations": ["temporary", "final"], "territories": ["DE", "FR"],
            "excludedContent": ["nudity"], "validFrom": "2026-01-01", "validUntil": "2026-12-10", "signedBy": "guardian",
            "survivesDeath": False, "description": "Replica of herself for the documentary's reconstruction scenes",
            "evidence": {"documentRef": "DMS-9001", "sha256": "ab" * 32}})
        must(port, casting, "PUT", "/v1/performers/p-lena/personal", {
            "legalName": "Lena Kowalczyk", "dateOfBirth": "1991-04-02", "email": "lena@example.org", "phone": "+49 30 1234567",
            "address": "Example Street 1, Berlin", "governmentId": "X1234567", "representative": "Agency One", "notes": "Prefers email"})

        def check(token, **use):
            return must(port, token, "POST", "/v1/checks", use)["id"]

        check(production, production="prod-nova", performer="p-lena", use="replica", aspects=["face"], destination="temporary", tool="t-vault")
        check(production, production="prod-upgrade", performer="p-upgrade", use="alteration", aspects=["voice"], destination="final",
              territory="DE")
        check(production, production="prod-nova", use="generation", destination="final", tool="t-web", content=["crowd"])
        check(production, production="prod-tide", performer="p-noah", use="replica", aspects=["face"], destination="final")
        must(port, api_key, "POST", "/v1/checks/batch", {"uses": [
            {"production": "prod-eternaut", "performer": "p-ana", "use": "replica", "aspects": ["face"], "destination": "temporary"},
            {"production": "prod-harbor", "performer": "p-elif", "use": "alteration", "aspects": ["voice"], "destination": "final"},
        ]})
        needing_approval = [check(production, production="prod-nova", performer="p-lena", use="replica", aspects=["face"],
                                  destination="final", territory="DE", tool="t-vault") for _ in range(4)]
        requests = [must(port, production, "POST", "/v1/approval-requests",
                         {"check": c, "note": "Lena's face replica in the final cut of episode 4, released in Germany"})["id"]
                    for c in needing_approval]
        must(port, studio, "POST", f"/v1/approval-requests/{requests[0]}/approve", {"reference": "MEMO-77", "validUntil": "2027-06-30"})
        must(port, studio, "POST", f"/v1/approval-requests/{requests[1]}/decline", {"reason": "Not in Germany this season"})
        must(port, production, "POST", f"/v1/approval-requests/{requests[2]}/withdraw", {"reason": "The scene was cut"})
        approval = must(port, studio, "POST", "/v1/approvals", {
            "id": "ap-upgrade", "production": "prod-upgrade", "performer": "p-upgrade", "uses": ["replica"],
            "destinations": ["marketing"], "covers": ["talent-likeness", "realistic-depiction"], "validUntil": "2027-01-31",
            "approvedBy": "Head of legal", "reference": "MEMO-78"})["id"]
        must(port, studio, "POST", f"/v1/approvals/{approval}/revoke", {"reason": "The campaign was dropped"})
        must(port, casting, "POST", "/v1/grants/g-lena-1/suspend", {"reason": "Contract under review"})
        must(port, casting, "POST", "/v1/grants/g-lena-1/resume", {"reason": "Review finished"})
        must(port, casting, "POST", "/v1/grants/g-omar-1/revoke", {"reason": "Withdrawn by the performer"})
        for _ in range(2):
            call(connect(port), "POST", "/v1/sessions", {"username": "mallory", "password": "not-the-password"})
        deadline = time.monotonic() + 120
        while any(d["state"] == "pending" for d in must(port, admin, "GET", f"/v1/webhooks/{webhook}/deliveries?limit=1000")["deliveries"]):
            if time.monotonic() > deadline:
                sys.exit("upgrade-test: the webhook's deliveries are still pending after two minutes")
            time.sleep(0.5)
    finally:
        server.stop()
        receiver.shutdown()
    cli(db, "alerts", "--json", env=env)
    cli(db, "vault", "rotate", "--username", "privacy", env={**env, "LIKENESS_PASSWORD": PASSWORDS["privacy"]})
    return api_key


def query(db, sql):
    """The first column of every row of `sql`, read from the database directly."""
    if db.startswith("postgres"):
        out = subprocess.run([psql(), "-qAt", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql], capture_output=True, text=True, check=True)
        return out.stdout.split("\n")[:-1]
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute(sql)]


def reads(db):
    """Every read of the API that shows the database's rows: (account, path)."""
    paths = [("admin", "/.well-known/jwks.json"), ("admin", "/v1/audit?limit=1000"), ("admin", "/v1/events?limit=1000"),
             ("admin", "/v1/alerts?within=60&at=2026-11-28"), ("admin", "/v1/webhooks"), ("admin", "/v1/approval-requests")]
    for performer in query(db, "SELECT id FROM performer ORDER BY id"):
        paths += [("admin", f"/v1/performers/{performer}"), ("admin", f"/v1/performers/{performer}/grants")]
    for performer in query(db, "SELECT performer FROM personal_record ORDER BY performer"):
        paths.append(("privacy", f"/v1/performers/{performer}/personal"))
    for production in query(db, "SELECT id FROM production ORDER BY id"):
        paths += [("admin", f"/v1/productions/{production}"), ("admin", f"/v1/productions/{production}/roles"),
                  ("admin", f"/v1/productions/{production}/uses?since=2026-01-01&until=2026-12-31")]
    paths += [("admin", f"/v1/tools/{tool}") for tool in query(db, "SELECT id FROM tool ORDER BY id")]
    paths += [("admin", f"/v1/unions/{union}") for union in query(db, "SELECT name FROM union_state ORDER BY name")]
    for grant in query(db, "SELECT id FROM consent_grant ORDER BY id"):
        paths += [("admin", f"/v1/grants/{grant}"), ("admin", f"/v1/grants/{grant}/impact")]
    paths += [("admin", f"/v1/approvals/{approval}") for approval in query(db, "SELECT id FROM approval ORDER BY id")]
    for check in query(db, "SELECT id FROM check_receipt ORDER BY id"):
        paths += [("admin", f"/v1/checks/{check}"), ("admin", f"/v1/checks/{check}/attestation"), ("admin", f"/v1/checks/{check}/c2pa")]
    paths += [("admin", f"/v1/approval-requests/{r}") for r in query(db, "SELECT id FROM approval_request ORDER BY id")]
    paths += [("admin", f"/v1/webhooks/{w}/deliveries?limit=1000") for w in query(db, "SELECT id FROM webhook ORDER BY id")]
    return paths


def answers(db, keys, api_key, paths, workdir):
    """What a server of BIN answers to `paths` (each account signed in once, in a fixed order), to
    the API key, and what the CLI prints where no route reads: the audit chain's check, and the
    alerts not yet delivered."""
    env = environment(keys)
    server = Server(db, log=os.path.join(workdir, "answers.log"), env=env)
    try:
        port = server.port
        tokens = {role: sign_in(port, role) for role in PASSWORDS}
        recorded = {"reads": [], "cli": {}}
        for account, path in paths:
            status, body = get(port, path, tokens[account])
            recorded["reads"].append({"as": account, "path": path, "status": status, "body": body})
        status, body = get(port, "/v1/performers/p-lena", api_key)
        recorded["reads"].append({"as": "the API key", "path": "/v1/performers/p-lena", "status": status, "body": body})
    finally:
        server.stop()
    recorded["cli"]["audit verify"] = cli(db, "audit", "verify", env=env).stdout
    recorded["cli"]["alerts --dry-run --json"] = cli(db, "alerts", "--dry-run", "--json", env=env).stdout
    recorded["cli"]["keys jwks"] = cli(db, "keys", "jwks", env=env).stdout
    return recorded


def make(fixtures, postgres):
    workdir = tempfile.mkdtemp(prefix="likeness-upgrade-")
    try:
        targets = [("sqlite", os.path.join(workdir, "likeness.sqlite"))] + ([("postgres", postgres)] if postgres else [])
        for backend, db in targets:
            folder = os.path.join(fixtures, backend)
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            keys = os.path.join(workdir, f"{backend}.keys.json")
            api_key = populate(db, keys, workdir)
            # The fixture is saved before the reads: signing in may write (the audit trail, failed
            # logins), and the check makes the same reads on the fixture in the same order.
            if backend == "sqlite":
                with sqlite3.connect(db) as connection:
                    connection.execute("VACUUM INTO ?", (os.path.join(folder, "database.db"),))
                shutil.copy(keys, os.path.join(folder, "keys.json"))
            else:
                dump = subprocess.run([os.path.join(os.path.dirname(psql()), "pg_dump"), "--no-owner", "--no-privileges", "--inserts",
                                       "-d", db], capture_output=True, text=True, check=True).stdout
                # pg_dump's \restrict lines are psql's alone (and name a random key): the dump is plain SQL without them.
                with open(os.path.join(folder, "database.sql"), "w") as f:
                    f.write("".join(line for line in dump.splitlines(keepends=True) if not line.startswith("\\")))
                shutil.copy(keys, os.path.join(folder, "keys.json"))
            recorded = answers(db, keys, api_key, reads(db), workdir)
            recorded["api key"] = api_key
            with open(os.path.join(folder, "answers.json"), "w") as f:
                json.dump(recorded, f, indent=1, sort_keys=True)
                f.write("\n")
            print(f"upgrade-test: {backend}: {len(recorded['reads'])} reads recorded in {folder}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def jws_parts(token):
    """A compact JWS's header and payload, decoded (not verified: the answers are compared)."""
    def decoded(part):
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    header, payload, _ = token.split(".")
    return decoded(header), decoded(payload)


def comparable(path, status, body):
    """What of an answer the contract keeps across releases. pipeline.md changed two answers on
    purpose: an attestation names the issuer URL (`iss`) and carries a `status` claim, so its
    header and signed check are compared, not its bytes; and `GET /v1/checks/{id}/c2pa` is at
    version 2, which answers only `allowed` and `notify` checks of uses that make media (else 409
    `not-attestable`), so an answer is compared by that outcome and the check it names."""
    if path.endswith("/attestation") and status == 200 and isinstance(body, str):
        header, payload = jws_parts(body)
        return {"status": status, "header": {k: header.get(k) for k in ("alg", "kid", "typ")}, "receipt": payload["receipt"]}
    if path.endswith("/c2pa"):
        if status == 200 and isinstance(body, dict) and "label" in body:  # version 1: one assertion, any check
            receipt = jws_parts(body["data"]["attestation"])[1]["receipt"]
            attestable = receipt["decision"] in ("allowed", "notify") and receipt["request"]["use"] != "training"
            return {"status": 200, "check": receipt["id"]} if attestable else {"status": 409}
        if status == 200 and isinstance(body, dict) and "assertions" in body:
            return {"status": 200, "check": body["assertions"][0]["data"]["check"]}
        return {"status": status}
    return {"status": status, "body": body}


def differences(expected, actual, where=""):
    """Where two JSON values differ, one line each. A field the older release did not answer is an
    addition, which the contract allows (`http-api.md`: more fields are welcome): not a difference."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [line for key in sorted(expected)
                for line in differences(expected.get(key, "<absent>"), actual.get(key, "<absent>"), f"{where}.{key}")]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [line for i, (e, a) in enumerate(zip(expected, actual)) for line in differences(e, a, f"{where}[{i}]")]
    return [] if expected == actual else [f"{where or '.'}: {json.dumps(expected)[:300]} then, now {json.dumps(actual)[:300]}"]


def check(fixtures, postgres):
    tally = Tally("upgrade-test")
    workdir = tempfile.mkdtemp(prefix="likeness-upgrade-")
    try:
        targets = [("sqlite", os.path.join(workdir, "likeness.sqlite"))] + ([("postgres", postgres)] if postgres else [])
        for backend, db in targets:
            folder = os.path.join(fixtures, backend)
            keys = os.path.join(workdir, f"{backend}.keys.json")
            if backend == "sqlite":
                shutil.copy(os.path.join(folder, "database.db"), db)
                shutil.copy(os.path.join(folder, "keys.json"), keys)
            else:
                subprocess.run([psql(), "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", os.path.join(folder, "database.sql")],
                               capture_output=True, text=True, check=True)
                shutil.copy(os.path.join(folder, "keys.json"), keys)
            os.chmod(keys, 0o600)
            with open(os.path.join(folder, "answers.json")) as f:
                expected = json.load(f)
            actual = answers(db, keys, expected["api key"], [(r["as"], r["path"]) for r in expected["reads"] if r["as"] != "the API key"], workdir)
            for then, now in zip(expected["reads"], actual["reads"]):
                lines = differences(comparable(then["path"], then["status"], then["body"]),
                                    comparable(now["path"], now["status"], now["body"]))
                tally.expect(not lines, f"{backend}: GET {then['path']} as {then['as']}:\n  " + "\n  ".join(lines[:20]))
            for command, output in expected["cli"].items():
                tally.expect(actual["cli"][command] == output,
                             f"{backend}: likeness {command} printed\n{actual['cli'][command]}\nwhere the older release printed\n{output}")
            applied = query(db, "SELECT id FROM migration_ledger ORDER BY id")
            tally.expect(applied == MIGRATIONS, f"{backend}: the ledger lists {applied}, not {MIGRATIONS}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return tally.report()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        likeness_harness.BIN = os.path.abspath(sys.argv[2])
        make(os.path.abspath(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(os.path.abspath(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))
    else:
        sys.exit(__doc__)
