#!/usr/bin/env python3
"""Notification mails end to end (run by scripts/test after the debug build, with .venv's aiosmtpd).

A real SMTP server on loopback (Tests/SMTPTests/smtp-test-server.py) receives what `likeness serve
--smtp` and the CLI's `digest` and `alerts` send while casting, a performer, her agent, the studio's
contact and a production account go through the loop over the API:
1. Every kind of notifications.md's table arrives at exactly the right addresses (and the admin's
   list says each was sent once), with the headers the spec names (From, one To, Subject in words
   with non-ASCII names intact, Date, Message-ID, Auto-Submitted, text/plain in UTF-8) and a link
   under --base-url.
2. Nothing secret or personal is in any mail: no password, session token or API key, no field of
   the vault, and no performer that the recipient does not act for.
3. A server killed (SIGKILL) with mails in its outbox loses none: restarted with --smtp, it sends them.
4. The sender's rate: a burst of invitations queued, then delivered to the local server (mails/s).
Prints 'mail-test: N passed, N failed'; exits non-zero on any failure."""
import datetime, json, os, sqlite3, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import ROOT, Server, Tally, call, cli, connect

PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
SINK = os.path.join(ROOT, "Tests", "SMTPTests", "smtp-test-server.py")
work = tempfile.mkdtemp(prefix="likeness-mail-")
DB, LOG, RECEIVED = (os.path.join(work, name) for name in ("mail.sqlite", "serve.log", "received.jsonl"))
BASE = "https://likeness.example"
FROM = "likeness@studio.example"
PASSWORDS = {"admin": "admin-password-long", "cara": "cara-password-long", "pat": "pat-password-long",
             "dana": "dana-password-long", "sofia": "sofia-password-long", "ag": "agent-password-long"}
VAULT = {"legalName": "María Sofía Quiroga Ruiz", "email": "private.sofia@home.example", "phone": "+34 600 123 987",
         "address": "Calle del Prado 12, Madrid", "governmentId": "X1234567Z"}
t = Tally("mail-test")
secrets = set(PASSWORDS.values()) | set(VAULT.values())


def sink():
    port_file = os.path.join(work, "sink.port")
    process = subprocess.Popen([PYTHON, SINK, "--port-file", port_file, "--out", RECEIVED], stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(work, "sink.log"), "a"))
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return process, int(open(port_file).read())
        time.sleep(0.05)
    sys.exit("mail-test: the SMTP server did not start")


def received():
    if not os.path.exists(RECEIVED):
        return []
    with open(RECEIVED, encoding="utf-8") as f:
        # A line the server is still writing (no newline yet) is read next time.
        return [json.loads(line) for line in f if line.endswith("\n")]


def wait_for(count, timeout=60):
    deadline = time.monotonic() + timeout
    while len(received()) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return received()


def query(sql, *arguments):
    """The first column of the first row (read-only, beside the running server)."""
    with sqlite3.connect(f"file:{DB}?mode=ro", uri=True) as db:
        return db.execute(sql, arguments).fetchone()[0]


def api(conn, method, path, token, body=None, expect=(200, 201, 204)):
    status, answer = call(conn, method, path, body=body, token=token)
    if status not in expect:
        sys.exit(f"mail-test: {method} {path} answered {status}: {answer}")
    return answer


def main():
    sink_process, sink_port = sink()
    smtp = ["--smtp", f"smtp://127.0.0.1:{sink_port}", "--mail-from", FROM, "--base-url", BASE + "/"]
    env = {"LIKENESS_ADMIN_PASSWORD": PASSWORDS["admin"]}
    cli(DB, "init", "--admin", "admin", env=env)
    cli(DB, "import", os.path.join(ROOT, "fixtures", "demo.json"))
    admin_key = cli(DB, "account", "api-key", "--name", "mail-test", "--role", "admin").stdout.split()[1]
    secrets.add(admin_key)
    server = Server(DB, *smtp, log=LOG)
    conn = connect(server.port)

    def account(name, role, address):
        api(conn, "POST", "/v1/accounts", admin_key, {"username": name, "password": PASSWORDS[name], "role": role, "email": address})
        token = api(conn, "POST", "/v1/sessions", None, {"username": name, "password": PASSWORDS[name]})["token"]
        secrets.add(token)
        return token

    cara = account("cara", "casting", "cara@example.org")
    pat = account("pat", "production", "pat@example.org")
    dana = account("dana", "studio", "dana@example.org")
    api(conn, "PATCH", "/v1/productions/prod-nova", cara, {"contact": "dana"})
    api(conn, "PUT", "/v1/performers/p-sofia/personal", cara, VAULT)

    # Sofía is invited by mail; her agent too.
    invited = api(conn, "POST", "/v1/performers/p-sofia/invitations", cara,
                  {"capacity": "self", "mayConsent": True, "email": "sofia.quiroga@example.org"})
    api(conn, "POST", "/v1/invitations/accept", None, {"code": invited["code"], "username": "sofia", "password": PASSWORDS["sofia"],
                                                        "email": "sofia@example.org"})
    sofia = api(conn, "POST", "/v1/sessions", None, {"username": "sofia", "password": PASSWORDS["sofia"]})["token"]
    agent = api(conn, "POST", "/v1/performers/p-lena/invitations", cara, {"capacity": "agent", "mayConsent": False})
    api(conn, "POST", "/v1/invitations/accept", None, {"code": agent["code"], "username": "ag", "password": PASSWORDS["ag"],
                                                        "email": "ag@example.org"})
    secrets.update([sofia])

    # Offer, sign, withdraw.
    offer = api(conn, "POST", "/v1/consent-offers", cara, {
        "performer": "p-sofia", "production": "prod-nova", "uses": ["replica"], "aspects": ["face", "voice"],
        "destinations": ["temporary", "final"], "territories": ["*"], "validUntil": "2027-06-30",
        "description": "Her face and voice for the reshoots of episode 2"})
    signed = api(conn, "POST", f"/v1/consent-offers/{offer['id']}/sign", sofia,
                 {"typedName": "Sofía Quiroga", "agree": True, "termsSha256": offer["termsSha256"]})
    api(conn, "POST", f"/v1/grants/{signed['grant']['id']}/revoke", sofia, {"reason": "I do not want this any more"})

    # The studio's loop; then casting suspends one of Lena's grants.
    check = api(conn, "POST", "/v1/checks", pat, {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
                                                   "destination": "final", "territory": "DE", "tool": "t-vault"})
    request = api(conn, "POST", "/v1/approval-requests", pat, {"check": check["id"], "note": "The hero shot of episode 4"})
    api(conn, "POST", f"/v1/approval-requests/{request['id']}/decline", dana, {"reason": "Not in this cut"})
    lena_grant = query("SELECT id FROM consent_grant WHERE performer = 'p-lena' AND status = 'active' ORDER BY id LIMIT 1")
    api(conn, "POST", f"/v1/grants/{lena_grant}/suspend", cara, {"reason": "Contract under review"})

    # A consent of Sofía's that ends in five days, and checks of the day for the digest.
    today = datetime.date.today()
    api(conn, "POST", "/v1/grants", cara, {
        "performer": "p-sofia", "production": "prod-tide", "uses": ["replica"], "aspects": ["face"], "destinations": ["temporary"],
        "territories": ["*"], "validUntil": (today + datetime.timedelta(days=5)).isoformat(), "signedBy": "performer",
        "description": "Previs replica for Tide, ending soon"})
    for performer in ("p-sofia", "p-lena"):
        api(conn, "POST", "/v1/checks", pat, {"production": "prod-tide", "performer": performer, "use": "replica", "aspects": ["face"],
                                              "destination": "temporary"})
    digest = cli(DB, "digest", "--at", (today + datetime.timedelta(days=1)).isoformat(), *smtp)
    t.expect("2 digests queued" in digest.stdout, f"digest: {digest.stdout} {digest.stderr}")
    again = cli(DB, "digest", "--at", (today + datetime.timedelta(days=1)).isoformat(), *smtp)
    t.expect("0 digests queued" in again.stdout, f"a second digest of the same day sends nothing: {again.stdout}")
    alerts = cli(DB, "alerts", "--json", *smtp)
    expiring = [grant["performer"] for grant in json.loads(alerts.stdout)["expiring"]]
    t.expect("p-sofia" in expiring, f"alerts report Sofía's consent that ends in five days: {expiring}")
    side = {"p-sofia": "sofia@example.org", "p-lena": "ag@example.org"}

    expected = sorted([("consent.expiring", side[performer]) for performer in expiring if performer in side] + [("invitation", "sofia.quiroga@example.org"), ("offer.waiting", "sofia@example.org"),
                       ("offer.answered", "cara@example.org"), ("grant.changed", "cara@example.org"),
                       ("grant.changed", "ag@example.org"), ("request.waiting", "dana@example.org"),
                       ("request.decided", "pat@example.org"), ("uses.digest", "sofia@example.org"),
                       ("uses.digest", "ag@example.org")])
    mails = wait_for(len(expected))
    time.sleep(1)  # nothing more arrives
    mails = received()
    listed = api(conn, "GET", "/v1/mail?limit=100", admin_key)["mail"]
    t.expect(sorted((m["kind"], m["to"]) for m in listed) == expected, f"the outbox: {sorted((m['kind'], m['to']) for m in listed)}")
    t.expect(all(m["state"] == "sent" and m["attempts"] == 1 for m in listed), f"each sent once: {listed}")
    t.expect(sorted(m.get("to_addr") for m in mails) == sorted(to for _, to in expected), f"received: {[m.get('to_addr') for m in mails]}")

    # 1. Headers, links, words.
    ids = set()
    for m in mails:
        what = f"mail to {m.get('to_addr')} ({m.get('subject')})"
        t.expect(m.get("from_addr") == FROM and m.get("from_name") == "Likeness", f"{what}: From")
        t.expect(m.get("rcpt_tos") == [m.get("to_addr")], f"{what}: one recipient")
        t.expect(m.get("auto_submitted") == "auto-generated", f"{what}: Auto-Submitted")
        t.expect(m.get("content_type") == "text/plain" and m.get("charset") == "utf-8", f"{what}: text/plain; charset=utf-8")
        t.expect(m.get("date_valid") and m.get("message_id", "").startswith("<mail-"), f"{what}: Date and Message-ID")
        t.expect(not m.get("defects"), f"{what}: no defects {m.get('defects')}")
        t.expect(BASE + "/" in m.get("body", "") and BASE + "//" not in m.get("body", ""), f"{what}: a link under the base URL")
        ids.add(m.get("message_id"))
    t.expect(len(ids) == len(mails), "every Message-ID is its own")
    invitation = next((m for m in mails if m.get("to_addr") == "sofia.quiroga@example.org"), {})
    t.expect("Sofía Quiroga" in invitation.get("subject", ""), f"a non-ASCII name arrives intact: {invitation.get('subject')}")
    t.expect(f"{BASE}/join/{invited['code']}" in invitation.get("body", ""), "the invitation links to its code")
    answered = next((m for m in mails if m.get("to_addr") == "cara@example.org" and "signed" in m.get("subject", "")), {})
    t.expect(answered.get("subject", "").startswith("Sofía Quiroga signed"), f"the subject says what happened: {answered.get('subject')}")
    stored = query("SELECT count(*) FROM mail WHERE sealed_code IS NOT NULL OR instr(data, ?) > 0", invited["code"])
    t.expect(stored == 0, "the outbox forgot the invitation's code once it was sent")

    # 2. Nothing secret or personal.
    names = {"p-sofia": "Sofía Quiroga", "p-lena": "Lena Park"}
    acts_for = {"sofia@example.org": {"p-sofia"}, "sofia.quiroga@example.org": {"p-sofia"}, "ag@example.org": {"p-lena"}}
    for m in mails:
        text = m.get("raw", "") + m.get("body", "") + m.get("subject", "")
        leaked = [s for s in secrets if s and s in text]
        t.expect(not leaked, f"mail to {m.get('to_addr')} holds secrets or vault data: {[s[:6] + '…' for s in leaked]}")
        if m.get("to_addr") in acts_for:
            others = [name for performer, name in names.items() if performer not in acts_for[m["to_addr"]] and name in text]
            t.expect(not others, f"mail to {m.get('to_addr')} names another performer: {others}")

    # 3. A crash loses none: mails written while no mail server is configured, the server killed.
    server.stop()
    quiet = Server(DB, log=LOG)
    conn = connect(quiet.port)
    # (Sessions end with their server: cara signs in again.)
    cara = api(conn, "POST", "/v1/sessions", None, {"username": "cara", "password": PASSWORDS["cara"]})["token"]
    api(conn, "POST", "/v1/consent-offers", cara, {
        "performer": "p-sofia", "production": "prod-tide", "uses": ["replica"], "aspects": ["face"], "destinations": ["temporary"],
        "territories": ["*"], "validUntil": "2027-06-30", "description": "A previs replica for Tide, asked again"})
    quiet.kill()
    before = len(received())
    server = Server(DB, *smtp, log=LOG)
    after = wait_for(before + 1, timeout=30)
    t.expect(len(after) == before + 1 and after[-1].get("to_addr") == "sofia@example.org",
             f"the offer's mail written before the crash is sent after it ({len(after) - before} arrived)")

    # 4. The sender's rate: a burst of invitations queued while no mail server is configured, then
    #    delivered by a server started with one (the time from its start to the last mail).
    server.stop()
    quiet = Server(DB, log=LOG)
    conn = connect(quiet.port)
    cara = api(conn, "POST", "/v1/sessions", None, {"username": "cara", "password": PASSWORDS["cara"]})["token"]
    burst = int(os.environ.get("MAIL_BURST", "1000"))
    for i in range(burst):
        api(conn, "POST", "/v1/performers/p-omar/invitations", cara,
            {"capacity": "agent", "mayConsent": False, "email": f"agent{i}@example.org"})
    quiet.stop()
    before = len(received())
    start = time.monotonic()
    server = Server(DB, *smtp, log=LOG)
    wait_for(before + burst, timeout=300)
    elapsed = time.monotonic() - start
    arrived = len(received()) - before
    t.expect(arrived == burst, f"every mail of the burst arrived ({arrived} of {burst})")
    print(f"sender: {arrived} mails delivered in {elapsed:.2f} s from the server's start ({arrived / elapsed:.0f} mails/s)")
    server.stop()
    sink_process.kill()
    return t.report()


if __name__ == "__main__":
    sys.exit(main())
