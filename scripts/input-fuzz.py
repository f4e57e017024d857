#!/usr/bin/env python3
"""Random-input robustness of a live server (run by scripts/test after the debug build).

Sets up a fixture database with an account of every role, starts the debug server on a free
loopback port, and collects every route: the API's from the served /openapi.yaml, the web app's
from the `WebPage(.get|.post, "...")` declarations in Sources/LikenessServer/Web/Pages. Then it
sends hostile requests over raw sockets (so that malformed HTTP can be sent), spread over every
route, with no credentials, an admin API key, or a web session (cookie and CSRF token): random
bytes, broken forms and JSON, odd content types, headers, paths, query strings, methods and
framing (chunked with bad sizes, duplicate Content-Length, garbage request lines).

It asserts that the server never dies (checked after each request, and /healthz after every 100),
that no answer is a 5xx, and that the log has no "unexpected error" or "Fatal error". A connection
closed without an answer is accepted only for malformed framing; a timeout only if /healthz then
answers. A dead server is counted as a failure, then restarted so that one crash hides no other.
Bounded: INPUT_FUZZ_REQUESTS (3000) requests, INPUT_FUZZ_SECONDS (240) seconds; INPUT_FUZZ_SEED.
Usage: python3 scripts/input-fuzz.py [DATABASE] (a new SQLite file in a temporary directory, or the
URL of an empty PostgreSQL database). Prints 'input-fuzz: N passed, N failed'; exits 1 on failure."""
import collections, csv, glob, json, os, random, re, shutil, signal, socket, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import BIN, ROOT, Server, cli, report

REQUESTS = int(os.environ.get("INPUT_FUZZ_REQUESTS", "3000"))
SECONDS = float(os.environ.get("INPUT_FUZZ_SECONDS", "240"))
SEED = int(os.environ.get("INPUT_FUZZ_SEED", "20261207"))
TIMEOUT = 4.0
work = tempfile.mkdtemp(prefix="likeness-input-fuzz-")
DB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(work, "fuzz.sqlite")
LOG = os.path.join(work, "serve.log")
os.environ["LIKENESS_KEYS"] = os.path.join(work, "keys.json")  # for the CLI and the server alike
PASSWORD = "fuzz-pass-0123456789"
# One account per role (the fuzzer never names them, so it cannot delete them or change their passwords).
ROLES = ["admin", "casting", "production", "privacy", "auditor", "studio"]
USERS = {role: "admin" if role == "admin" else f"fuzz-{role}" for role in ROLES}
SIGN_IN_FROM = "127.0.0.254"  # real sign-ins come from their own address, apart from the fuzzer's failed ones
rng = random.Random(SEED)

# ---- raw HTTP ---------------------------------------------------------------------------------

def exchange(raw, source=None, want_body=False, timeout=TIMEOUT):
    """Sends `raw`; answers (status or "closed"/"timeout"/"garbage", headers text, body bytes)."""
    data = b""
    try:
        s = socket.socket()
        s.settimeout(timeout)
        try:
            if source:
                try: s.bind((source, 0))
                except OSError: pass
            s.connect(("127.0.0.1", PORT))
            try:
                s.sendall(raw)
            except OSError:
                pass  # the server may answer (or close) before it read everything: see what it said
            while True:
                head, sep, rest = data.partition(b"\r\n\r\n")
                if sep and not re.match(rb"HTTP/1\.[01] 1\d\d", head):
                    if not want_body: break
                    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    if length and len(rest) >= int(length.group(1)): break
                elif sep:  # an interim 1xx answer: the final one follows
                    data = rest
                    continue
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
        finally:
            s.close()
    except socket.timeout:
        if not data: return "timeout", "", b""
    except OSError:
        pass
    if not data: return "closed", "", b""
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    if not m: return "garbage", "", data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(m.group(1)), head.decode("latin-1"), body

def request(method, path, headers=(), body=b"", source=None):
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{PORT}", "Connection: close",
             f"Content-Length: {len(body)}", *headers]
    return exchange(("\r\n".join(lines) + "\r\n\r\n").encode() + body, source=source, want_body=True)

def healthy():
    return request("GET", "/healthz")[0] == 200

# ---- the server, accounts and sessions --------------------------------------------------------

server = None

def start():
    """The server on a new free port (a crashed server's backtracer may still hold the old one)."""
    global server, PORT
    server = Server(DB, "--webhook-hosts", "127.0.0.1", log=LOG)
    PORT = server.port

def stop():
    if server: server.stop(timeout=30)

def cookies_of(head):
    return "; ".join(m.group(1) for m in re.finditer(r"(?im)^set-cookie:\s*([^;\r\n]+)", head))

def csrf_of(body):
    m = re.search(rb'name="_csrf" value="([^"]*)"', body)
    return m.group(1).decode() if m else ""

def presession():
    """The sign-in page's cookie and hidden `_csrf`, if it has them (a double-submit token)."""
    _, head, body = request("GET", "/", source=SIGN_IN_FROM)
    return cookies_of(head), csrf_of(body)

def sign_in(role):
    """A web session: its cookie header and its CSRF token."""
    cookie, token = presession()
    form = f"username={USERS[role]}&password={PASSWORD}&next=" + (f"&_csrf={token}" if token else "")
    headers = ["Content-Type: application/x-www-form-urlencoded"] + ([f"Cookie: {cookie}"] if cookie else [])
    status, head, _ = request("POST", "/sign-in", headers, form.encode(), source=SIGN_IN_FROM)
    session = re.search(r"(?im)^set-cookie:\s*(likeness_session=[^;\r\n]+)", head)
    if status != 303 or not session: raise SystemExit(f"input-fuzz: {role} could not sign in ({status})")
    page = (re.search(r"(?im)^location:\s*(\S+)", head) or [None, "/"])[1]
    for _ in range(3):  # / sends a signed-in visitor to the role's start page, whose layout has a form
        status, head, body = request("GET", page, [f"Cookie: {session.group(1)}"])
        location = re.search(r"(?im)^location:\s*(\S+)", head)
        if status not in (301, 302, 303) or not location: break
        page = location.group(1)
    if not csrf_of(body): raise SystemExit(f"input-fuzz: no _csrf on {page} for {role}")
    return session.group(1), csrf_of(body)

def sign_in_all():
    global SESSIONS, PRESESSION
    SESSIONS = {role: sign_in(role) for role in ROLES}
    PRESESSION = presession()

# ---- routes and real ids ----------------------------------------------------------------------

def api_routes():
    status, _, body = request("GET", "/openapi.yaml")
    if status != 200: raise SystemExit(f"input-fuzz: /openapi.yaml answered {status}")
    routes, path, text = [], None, body.decode()
    in_paths = False
    for line in text.splitlines():
        if re.match(r"^\S", line): in_paths = line.startswith("paths:")
        elif in_paths and (m := re.match(r"^  (/\S*):\s*$", line)): path = m.group(1)
        elif in_paths and path and (m := re.match(r"^    (get|post|put|patch|delete|head|options):", line)):
            routes.append(("api", m.group(1).upper(), path))
    query = sorted(set(re.findall(r"-\s*name:\s*(\w+)\s*\n\s*in:\s*query", text)))
    return routes, query

def web_routes():
    routes = []
    for f in sorted(glob.glob(os.path.join(ROOT, "Sources/LikenessServer/Web/Pages/*.swift"))):
        source = open(f).read()
        for method, path in re.findall(r'WebPage\(\.(get|post), "([^"]+)"', source):
            if "\\(" in path:  # "/grants/{id}/\(action.rawValue)": the actions of that enum's cases
                for action in ("revoke", "suspend", "resume", "x"):
                    routes.append(("web", method.upper(), re.sub(r"\\\([^)]*\)", action, path)))
            else:
                routes.append(("web", method.upper(), path))
    return routes + [("web", "GET", "/static/style.css")]

def fixture_ids():
    ids = collections.defaultdict(list)
    demo = json.load(open(os.path.join(ROOT, "fixtures/demo.json")))
    for kind, items in demo.items():
        ids[kind] += [item["id"] for item in items if "id" in item]
    with open(os.path.join(ROOT, "fixtures/csv/grants.csv")) as f:
        ids["grants"] += [row["id"] for row in csv.DictReader(f)]
    ids["unions"] = sorted({r.get("union") for r in demo.get("roles", []) if r.get("union")}) or ["SAG-AFTRA"]
    # A few receipts and approval requests, made through the API, to have their ids too.
    api = [f"Authorization: Bearer {KEY}", "Content-Type: application/json"]
    for body in ({"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"},
                 {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
                  "destination": "final", "tool": "t-vault", "at": "2026-05-01"},
                 {"production": "prod-nova", "performer": "p-lena", "use": "replica", "aspects": ["face"],
                  "destination": "temporary", "tool": "t-vault"}):
        status, _, answer = request("POST", "/v1/checks", api, json.dumps(body).encode())
        if status in (200, 201): ids["checks"].append(json.loads(answer).get("id", "x"))
    # A usage report on each check (only the allowed one takes it), to have a report to correct.
    for check in list(ids["checks"]):
        status, _, answer = request("POST", f"/v1/checks/{check}/usage", api,
                                    json.dumps({"deliveredOn": "2026-12-01", "days": 2, "minutes": 12.5}).encode())
        if status == 201: ids["usage"].append(json.loads(answer).get("id", "x"))
    for check in list(ids["checks"]):  # refused (409) unless the check needs an approval
        request("POST", "/v1/approval-requests", api, json.dumps({"check": check, "note": "Input fuzzing"}).encode())
    status, _, answer = request("GET", "/v1/approval-requests", [f"Authorization: Bearer {KEY}"])
    if status == 200: ids["requests"] += re.findall(r'"id"\s*:\s*"([^"]+)"', answer.decode())
    return ids

# ---- hostile inputs ---------------------------------------------------------------------------

LONG = "x" * 100_000
HOSTILE_TEXT = ["a b", "é", "<x>", "#", "%zz", "%", "%%", "&", "==", "=", "+", "\x00", "\r\n", "%00", "%C3%A9", "%ff%fe",
                "😀", "-1", "0", "99999999999999999999", "", " ", "null", "../../etc/passwd", "//evil.example",
                "javascript:alert(1)", "'; DROP TABLE performer; --", "x" * 10_000, LONG, "\u202e", "\ud800"]
HOSTILE_JSON = ["1e999", "-0", "9223372036854775808", "-9223372036854775809", "-1", "0.5", "true", "null", "[]", "{}",
                '"\\ud800"', '"\\u0000"', '"' + LONG + '"', '"2026-13-45"', '""', '"*"', "[" * 50 + "]" * 50, '"é<x>"']
CONTENT_TYPES = [None, "text/plain", "multipart/form-data", "multipart/form-data; boundary=zz", "application/json",
                 "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1",
                 "application/json; charset=utf-16", "\x01;;==", "*/*", "application/x-www-form-urlencoded;;;=", ""]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "FOO", "get", "G\x00T"]
QUERIES = ["next=//evil.example", "next=/../admin", "next=%zz", "next=javascript:alert(1)", "page=-1", "limit=-1", "limit=0",
           "limit=99999999999999999999", "cursor=garbage", "before=%zz", "after=" + "a" * 5000, "a=1&a=2&a=3", "%zz=%zz",
           "&&==&", "expired=1", "at=2026-13-45", "within=-5", "q=<script>", "=", "%00", "x=%C3%A9"]

def value():
    return rng.choice(HOSTILE_TEXT) if rng.random() < 0.7 else "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(1, 30)))

def form_body(fields, csrf):
    pairs = [(f, value()) for f in rng.sample(fields, min(len(fields), rng.randrange(1, 8)))]
    if csrf is not None and rng.random() < 0.8: pairs.append(("_csrf", csrf))
    rng.shuffle(pairs)
    if rng.random() < 0.3:  # encoded as a browser would: only the values are hostile
        text = "&".join(f"{k}={urllib.parse.quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in pairs)
    else:  # sent as is: unencoded spaces, %, &, =, NUL, CR/LF, non-ASCII
        text = "&".join(f"{k}={v}" for k, v in pairs) + rng.choice(["", "&", "&=", "=&&", "&x", "%", "&_csrf="])
    return text.encode("utf-8", "surrogatepass")

def json_body(templates):
    doc = json.loads(json.dumps(rng.choice(templates)))
    for _ in range(rng.randrange(0, 4)):  # drop, add or retype a field
        key = rng.choice(list(doc) + ["extra", "", "é"])
        choice = rng.random()
        if choice < 0.2: doc.pop(key, None)
        elif choice < 0.5: doc[key] = rng.choice([1, -1, 2**63, 1.5, True, None, [], {}, [None], {"a": {}}, "x" * 10_000])
        else: doc[key] = "\x00" + key
    text, choice = json.dumps(doc), rng.random()
    if choice < 0.25 and doc:  # a raw value no JSON encoder writes, in place of one of its fields
        doc[rng.choice(list(doc))] = "\x01hostile"
        text = json.dumps(doc).replace(json.dumps("\x01hostile"), rng.choice(HOSTILE_JSON))
    elif choice < 0.4: text = text[: rng.randrange(len(text))]  # truncated
    elif choice < 0.5: text = rng.choice(['{"a":' * 10_000 + "1" + "}" * 10_000, "[" * 10_000 + "]" * 10_000, "[" * 10_000])
    elif choice < 0.55: text = rng.choice(HOSTILE_JSON)
    elif choice < 0.6: text = text + rng.choice(["garbage", "}", ",", "\x00", "\ufeff"])
    elif choice < 0.65: text = "\ufeff" + text
    return text.encode("utf-8", "surrogatepass")

def fill(template, ids):
    def one(m):
        name, prefix = m.group(1), template[: m.start()]
        kind = next((k for k in ("approval-requests", "requests", "performers", "productions", "grants", "approvals",
                                 "tools", "checks", "webhooks", "unions") if f"/{k}/" in prefix), None)
        kind = {"approval-requests": "requests"}.get(kind, kind)
        if rng.random() < 0.6 and ids.get(kind): return rng.choice(ids[kind])
        if name == "username" and rng.random() < 0.5: return "nobody-" + str(rng.randrange(1000))
        return rng.choice(["x" * 10_000, "%zz", "%00", "..", "%2e%2e", "%2F", "a%20b", "%C3%A9", "%F0%9F%98%80",
                           "-1", "0", "99999999999999999999", "null", "%ff", "a;b", "a:b", "~", "*", "{id}", "%", "x"])
    return re.sub(r"\{(\w+)\}", one, template)

def mutate_path(path):
    choice = rng.random()
    if choice < 0.15: return path + "/", False
    if choice < 0.3: return "/" + path, False
    if choice < 0.4: return path.replace("/", "/../", 1) if path.count("/") > 1 else "/.." + path, False
    if choice < 0.5: return path + rng.choice(["%zz", "%00", "%", "%2F..", "/%2e%2e/%2e%2e", ";x", "#frag"]), False
    if choice < 0.6: return path + "/" + "a" * rng.choice([10_000, 70_000]), False
    if choice < 0.7: return path + "/é😀", True  # raw non-ASCII bytes in the request target
    if choice < 0.75: return "*", False
    if choice < 0.8: return "http://evil.example" + path, False
    return path + "/" + rng.choice(["x", "new", "0", "-"]), False

def header_mutations(kind):
    """Extra header lines, and whether they break the framing (so a close is acceptable)."""
    choice = rng.random() * 1.5  # a third of the requests get one
    if choice < 0.1:
        size = rng.choice([8_000, 100_000])
        return [f"X-Long: {'a' * size}"], size > 16_000  # a server may refuse to read that much header
    if choice < 0.2: return [rng.choice(["X-Bad: a\x00b", "X-Bad: a\rb", "Bad Header: x", ": x", "X-Bad:\x7f\xff",
                                         "X-Fold: a\r\n b", "X-Bad"])], True
    if choice < 0.3: return [rng.choice(["Cookie: likeness_session=garbage", "Cookie: =;;=;", "Cookie: likeness_session=",
                                         "Cookie: likeness_session=" + "a" * 10_000, "Cookie: a=b; likeness_session=%zz; likeness_session=x",
                                         "Cookie: \xff\xfe"])], False
    if choice < 0.4: return [rng.choice(["Authorization: Bearer garbage", "Authorization: Bearer ", "Authorization:",
                                         "Authorization: Basic YWRtaW46eA==", "Authorization: Bearer " + "a" * 10_000,
                                         "Authorization: Bearer a b c", "Authorization: Bearer \xff", "Authorization: bearer x"])], False
    if choice < 0.5: return [rng.choice(["Origin: null", "Origin: https://evil.example", "Referer: https://evil.example/",
                                         "Sec-Fetch-Site: cross-site", "X-Forwarded-For: garbage", "Accept: \x01",
                                         "Accept-Encoding: gzip;q=zz", "Range: bytes=-1", "Expect: 100-continue",
                                         "Content-Encoding: gzip", "Upgrade: websocket"])], False
    return [], False

def build(kind, method, template, auth, ids, fields, json_templates, query_names):
    """One hostile request: its bytes, whether its framing is malformed, and a label."""
    malformed, label = False, []
    if rng.random() < 0.15:
        method = rng.choice(METHODS)
        malformed = malformed or method in ("G\x00T",)
        label.append("method")
    path = fill(template, ids)
    if rng.random() < 0.3:
        path, bad = mutate_path(path)
        malformed |= bad
        label.append("path")
    if rng.random() < 0.25:
        names = query_names + ["next", "page", "cursor", "limit", "expired"]
        query = "&".join(rng.choice(QUERIES) if rng.random() < 0.6 else f"{rng.choice(names)}={value()}"
                         for _ in range(rng.randrange(1, 4)))
        path += "?" + query
        malformed |= any(ord(c) > 126 or ord(c) < 33 for c in query)
        label.append("query")
    session = SESSIONS[auth] if auth in SESSIONS else None
    headers = []
    if auth == "key": headers.append(f"Authorization: Bearer {KEY}")
    if session: headers.append(f"Cookie: {session[0]}")
    if session and kind == "api": headers.append(f"Authorization: Bearer {session[0].split('=', 1)[1]}")  # the API's sessions
    csrf = session[1] if session else None
    if auth == "none" and PRESESSION[0] and rng.random() < 0.5:
        headers.append(f"Cookie: {PRESESSION[0]}")
        csrf = PRESESSION[1]
    content_type = "application/x-www-form-urlencoded" if kind == "web" else "application/json"
    choice = rng.random()
    if method in ("GET", "HEAD", "DELETE", "OPTIONS") and choice < 0.7: body = b""
    elif choice < 0.15:
        body = rng.randbytes(rng.choice([1, 10, 1000, 70_000]))
        label.append("bytes")
    elif kind == "web" or choice < 0.3:
        body = form_body(fields, csrf)
        label.append("form")
    else:
        body = json_body(json_templates)
        label.append("json")
    if rng.random() < 0.25:
        content_type = rng.choice(CONTENT_TYPES)
        label.append("content-type")
    if content_type is not None: headers.append(f"Content-Type: {content_type}")
    extra, bad = header_mutations(kind)
    if extra: label.append("header")
    malformed |= bad
    headers += extra
    host = [f"Host: 127.0.0.1:{PORT}"]
    if rng.random() < 0.05:
        host, label = rng.choice([[], ["Host: evil.example"], ["Host:"], ["Host: a", "Host: b"]]), label + ["host"]
    choice = rng.random()
    if choice < 0.05:  # chunked, with a bad chunk size
        size = rng.choice(["zz", "-1", "ffffffffffffffffff", "", "1;x", "0x10", " 5"])
        framing, payload = ["Transfer-Encoding: chunked"], f"{size}\r\n".encode() + body[:64] + b"\r\n0\r\n\r\n"
        malformed, label = True, label + ["chunked"]
    elif choice < 0.1:  # two Content-Lengths that disagree, or a broken one
        framing = rng.choice([[f"Content-Length: {len(body)}", f"Content-Length: {len(body) + 5}"],
                              ["Content-Length: -1"], ["Content-Length: zz"], ["Content-Length: 99999999999999999999"],
                              ["Content-Length: 5", "Transfer-Encoding: chunked"]])
        payload, malformed, label = body, True, label + ["content-length"]
    elif choice < 0.12:  # a garbage request line
        return rng.choice([b"\x16\x03\x01\x00\xa5\x01\x00\x00", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                           b"GET / HTTP/1.1\nHost: x\n\n", b"\r\n\r\n\r\n", rng.randbytes(200)]), True, "request-line"
    else:
        framing, payload = [f"Content-Length: {len(body)}"], body
    lines = [f"{method} {path} HTTP/1.1", *host, "Connection: close", *framing, *headers]
    raw = "\r\n".join(lines).encode("utf-8", "surrogatepass") + b"\r\n\r\n" + payload
    return raw, malformed, "+".join(label) or "plain"

# ---- the run ----------------------------------------------------------------------------------

def main():
    global KEY
    if not os.path.exists(BIN): raise SystemExit(f"input-fuzz: {BIN} is missing: build first (swift build)")
    print(f"input-fuzz: seed {SEED} (INPUT_FUZZ_SEED), at most {REQUESTS} requests in {SECONDS:.0f} s")
    cli(DB, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": PASSWORD})
    for role in ROLES[1:]:
        enroller = ["--enroller", "admin"] if role == "privacy" else []
        cli(DB, "account", "add", "--username", USERS[role], "--role", role, *enroller,
            env={"LIKENESS_PASSWORD": PASSWORD, "LIKENESS_ENROLLER_PASSWORD": PASSWORD})
    cli(DB, "import", os.path.join(ROOT, "fixtures/demo.json"), os.path.join(ROOT, "fixtures/csv/grants.csv"))
    KEY = cli(DB, "account", "api-key", "--name", "fuzz", "--role", "admin").stdout.split()[1]
    start()
    sign_in_all()
    api, query_names = api_routes()
    routes = api + web_routes() + [("other", "GET", "/nowhere"), ("other", "GET", "/")]
    ids = fixture_ids()
    templates = glob.glob(os.path.join(ROOT, "Sources/LikenessServer/Resources/Web/templates/*.mustache"))
    fields = sorted({f for t in templates for f in re.findall(r'name="(\w+)"', open(t).read())} - {"_csrf"})
    demo = json.load(open(os.path.join(ROOT, "fixtures/demo.json")))
    json_templates = [items[0] for items in demo.values() if items] + [
        {"username": "nobody", "password": "x"}, {"reason": "r"}, {"url": "http://127.0.0.1:1/h", "events": ["grant.revoked"]},
        {"production": "prod-nova", "use": "ideation", "destination": "temporary", "tool": "t-vault"}, {"checks": [{}]}]
    # Compensation: a grant and an offer with a fee, usage reports and a correction of a real one.
    fee = {"amount": 150000, "currency": "USD", "per": "day", "pensionHealthPercent": 21.5}
    json_templates += [dict(demo["grants"][0], id="g-fuzz-fee", fee=fee),
                       dict(demo["grants"][0], id="g-fuzz-fee-2", fee={"amount": 5, "currency": "JPY", "per": "flat"}),
                       {"performer": "p-lena", "production": "prod-nova", "uses": ["replica"], "aspects": ["face"],
                        "destinations": ["temporary"], "territories": ["*"], "validUntil": "2030-12-31",
                        "description": "A previs replica of the face, paid per minute of it", "fee": dict(fee, per="minute")},
                       {"deliveredOn": "2026-12-01", "days": 3, "minutes": 12.25, "note": "Episode 3, shots 12-19"},
                       {"deliveredOn": "2026-12-01"},
                       {"corrects": (ids["usage"] or ["use-x"])[0], "days": -2, "minutes": -12.5}]
    print(f"input-fuzz: {len(api)} API routes, {len(routes) - len(api)} web (and other) routes, {len(ROLES)} roles signed in, "
          f"{len(ids['checks'])} checks and {len(ids['usage'])} usage reports made")

    statuses, kinds, quiet, failures, passed, restarts = collections.Counter(), collections.Counter(), collections.Counter(), [], 0, 0
    deadline, began, order = time.monotonic() + SECONDS, time.monotonic(), []
    sent = 0
    while sent < REQUESTS and time.monotonic() < deadline:
        if not order: order = rng.sample(routes, len(routes))  # every route in turn, in a new order each round
        kind, method, template = order.pop()
        # The API is mostly asked with the admin key, the web app with a session, most often casting's (its forms).
        auth = rng.choice(["none", "key", "key", "key", rng.choice(ROLES)] if kind != "web" else
                          ["none", "key", "casting", "casting", rng.choice(ROLES), rng.choice(ROLES)])
        raw, malformed, label = build(kind, method, template, auth, ids, fields, json_templates, query_names)
        source = f"127.{rng.randrange(1, 255)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"  # spreads the login limits
        status, _, _ = exchange(raw, source=source, timeout=1.5 if label == "request-line" else TIMEOUT)
        sent += 1
        klass = f"{status // 100}xx" if isinstance(status, int) else status
        statuses[klass] += 1
        kinds[f"{kind} {klass}"] += 1
        if status in ("closed", "timeout"): quiet[f"{status} {label}"] += 1
        problem = None
        if isinstance(status, int) and status >= 500: problem = f"answered {status}"
        elif status == "garbage": problem = "answered something that is not HTTP"
        for _ in range(10 if status in ("closed", "timeout") else 0):  # a crash shows as a close first
            if server.poll() is not None: break
            time.sleep(0.05)
        if server.poll() is not None:
            problem = f"{status}: the server died (exit {server.returncode})"
        elif status == "closed" and not malformed: problem = "closed without an answer (well-formed framing)"
        elif (status == "timeout" or sent % 100 == 0) and not healthy(): problem = f"{status}, and /healthz then failed"
        if problem:
            failures.append((problem, kind, auth, label, raw))
            if server.poll() is None and "healthz" in problem: server.kill()
            if server.poll() is not None:
                restarts += 1
                start()
                sign_in_all()
        else:
            passed += 1
        if auth in SESSIONS and template in ("/sign-out", "/v1/sessions"):
            SESSIONS[auth] = sign_in(auth)  # it may have ended that session
    elapsed = time.monotonic() - began
    alive = server.poll() is None
    stop()
    if alive and server.returncode not in (0, -signal.SIGTERM):
        failures.append((f"SIGTERM: the server exited with {server.returncode}", "-", "-", "-", b""))
    log = open(LOG, errors="replace").read()
    bad_lines = [line for line in log.splitlines() if "unexpected error" in line or "Fatal error" in line]
    for line in bad_lines[:20]:
        failures.append((f"server log: {line.strip()[:300]}", "-", "-", "log", b""))

    print(f"input-fuzz: {sent} requests in {elapsed:.0f} s, {restarts} restarts")
    print("  by status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print("  by route kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if quiet: print("  unanswered, by mutation: " + ", ".join(f"{k} {v}" for k, v in sorted(quiet.items())))
    for problem, kind, auth, label, raw in failures[:20]:
        print(f"FAIL {problem} [{kind}, auth {auth}, {label}]: {raw[:300]!r}")
    if len(failures) > 20: print(f"  ... and {len(failures) - 20} more")
    return report("input-fuzz", passed, len(failures))

if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop()
        shutil.rmtree(work, ignore_errors=True)
