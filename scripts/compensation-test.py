#!/usr/bin/env python3
"""Compensation per use (compensation.md) held to an independent computation in Python's `decimal`
(run by scripts/test after the debug build, on SQLite and on PostgreSQL; standard library only).

A property test, from a seeded generator (COMPENSATION_SEED; the seed is printed): performers,
productions, grants with random fees (ISO 4217 currencies of every exponent: JPY 0, USD/EUR/GBP 2,
BHD/KWD/TND 3, CLF 4; amounts 0..10^9 minor units; per use, day, minute or flat; a pension and
health percentage of 0 to 2 decimals in 0..30, or none), several grants per check (the check's
answer names the grants it relied on), allowed checks made by two production accounts, then
COMPENSATION_REPORTS (400) usage reports with random days (1..400) and minutes (0.01..5000, up to 6
decimals) and corrections of random earlier reports. It asserts that
  - every report's lines, in the order of the check's grants, are the decimal computation: quantity
    1 per use, days per day, minutes rounded up per minute, per flat 1 for the first report under
    (grant, the check's production) and 0 after, 1 again once the net flat quantity is 0 (the
    first was corrected); amount = fee × quantity; pensionHealth = amount × percent / 100 rounded
    half-even to a minor unit; a correction's lines are exactly the negation of the named report's;
  - the answer echoes the report (check, production, performer, deliveredOn, days, minutes, note,
    corrects, reportedBy) and GET /v1/checks/{id}/usage lists the reports oldest first;
  - statements (random windows, one end only, the default one: the current calendar month) have
    exactly the lines delivered in the window, in order (deliveredOn, reportedAt, usage id, the
    check's grant order: reports of one shown second in any order), and totals per currency sorted
    by code equal to the sums; payables per performer and currency equal the sums over the
    production's lines; CSV equals JSON (header, Content-Type); `likeness statement` / `likeness
    payables --csv` print the same rows;
  - amounts, pension and health and quantities are JSON integers (never a '.' or an 'e');
  - every report is a usage.reported event (data: the report) and is in the audit trail.
Then a few hundred direct half-even ties and near-ties (50 at 1% is 0, 150 at 1% is 2, ...); a flat
fee step by step (a studio-wide grant once per production, 1 again after the paying report's
correction, a 0's correction 0); first reports racing under a new flat grant (counted exactly once)
and two corrections of one report racing (one 201, one 409 already-corrected); and the refusals: a
fee's unknown currency, negative, fractional or too large amount, unknown per, percent above 30,
below 0 or with 3 decimals, missing fields (grants and consent offers alike: 422 naming
`fee.amount` …, wrong JSON types 400); a report without the days or minutes its grants need, out of
range or malformed (422 naming the field); a correction of a correction or of another check's report
(422 `corrects`), of a report already corrected (409 already-corrected), with days that are not the
negation (422 `days`); 409 not-reportable for a denied, needs-approval or performer-less check; 404
for another production account's check; statement and payables windows and formats (422).
Usage: scripts/compensation-test.py [DATABASE] (a new SQLite file in a temporary directory, or the
URL of an empty PostgreSQL database). Port COMPENSATION_PORT (8192).
Prints 'compensation-test: N passed, N failed'; exits 1 on any failure."""
import calendar, collections, csv, datetime, http.client, io, json, os, random, re, shutil, sys, tempfile, time
from decimal import ROUND_HALF_EVEN, Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from likeness_harness import BIN, Server, Tally, cli, connect

PORT = int(os.environ.get("COMPENSATION_PORT", "8192"))
SEED = int(os.environ.get("COMPENSATION_SEED") or random.SystemRandom().randrange(2**32))
REPORTS = int(os.environ.get("COMPENSATION_REPORTS", "400"))
work = tempfile.mkdtemp(prefix="likeness-compensation-")
DB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(work, "compensation.sqlite")
os.environ["LIKENESS_KEYS"] = os.path.join(work, "keys.json")  # the CLI's and the server's (PostgreSQL has no file beside)
PASSWORD = "compensation-pass-0123"
rng = random.Random(SEED)
tally = Tally("compensation-test")
expect = tally.expect

# ISO 4217 codes and their exponents (the exponent shows only in an offer's terms: amounts are minor units).
CURRENCIES = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "ISK": 0, "BHD": 3, "KWD": 3, "TND": 3, "CLF": 4}
PERS = ["use", "day", "minute", "flat"]
ASPECTS = ["face", "voice", "body"]
TODAY = datetime.datetime.now(datetime.timezone.utc).date()
MONTH_START = TODAY.replace(day=1)
MONTH_END = TODAY.replace(day=calendar.monthrange(TODAY.year, TODAY.month)[1])
STATEMENT = ["usage", "check", "production", "deliveredOn", "grant", "performer", "currency", "basis", "quantity", "amount",
             "pensionHealth"]
LINE = ["grant", "performer", "currency", "basis", "quantity", "amount", "pensionHealth"]
PAYABLES = ["performer", "currency", "amount", "pensionHealth"]


# ---- HTTP ------------------------------------------------------------------------------------------

class Api:
    """One keep-alive connection; JSON answers parsed with every non-integer number as a Decimal."""

    def __init__(self):
        self.conn = connect(PORT, timeout=60)

    def raw(self, method, path, body=None, token=None):
        """(status, Content-Type, text); `body` is sent as it is when a str, else as JSON."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = body if isinstance(body, str) or body is None else json.dumps(body)
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data.encode() if data is not None else None, headers=headers)
                r = self.conn.getresponse()
                return r.status, r.getheader("Content-Type") or "", r.read().decode()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = connect(PORT, timeout=60)
                if attempt == 2:
                    raise

    def call(self, method, path, body=None, token=None):
        status, _, text = self.raw(method, path, body, token)
        return status, parse(text) if text else {}


def parse(text):
    return json.loads(text, parse_float=Decimal)


api = None
TOKENS = {}


def must(status, answer, want, what):
    if status != want:
        sys.exit(f"compensation-test: {what}: {status} {answer} (seed {SEED})")
    return answer


def error_of(answer):
    return (answer.get("error") or {}) if isinstance(answer, dict) else {}


# ---- the independent computation ------------------------------------------------------------------

def half_even(amount, percent):
    """amount × percent / 100, rounded half-even to an integer of minor units."""
    return int((Decimal(amount) * Decimal(percent) / Decimal(100)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def ceil_minutes(minutes):
    return int(Decimal(minutes).to_integral_value(rounding="ROUND_CEILING"))


def number_text(value):
    """A Decimal as the JSON text Python writes for it (the shortest float repr: exact for these sizes)."""
    if value == value.to_integral_value() and rng.random() < 0.5:
        return str(int(value))
    return repr(float(value))


def is_int(value):
    return type(value) is int


# ---- setup ------------------------------------------------------------------------------------------

grants = {}      # id -> {"performer", "production", "aspects", "fee": None | {"amount", "currency", "per", "percent"}}
checks = {}      # id -> {"performer", "production", "grants", "maker"}
reports = []     # the answers of 201 reports, oldest first
by_id = {}       # report id -> answer
corrected = set()
flat_net = collections.Counter()  # (grant, production) -> net flat quantity


def random_fee():
    if rng.random() < 0.12:
        return None, None
    amount = rng.choice([0, rng.randrange(0, 100), rng.randrange(0, 10**6), rng.randrange(0, 10**9 + 1), 10**9])
    fee = {"amount": amount, "currency": rng.choice(list(CURRENCIES)), "per": rng.choice(PERS)}
    percent = Decimal(0)
    choice = rng.random()
    if choice < 0.2:
        pass  # absent: 0
    elif choice < 0.3:
        percent = Decimal(rng.choice(["0", "30", "0.01", "29.99", "0.5", "21"]))
    else:
        decimals = rng.choice([0, 1, 2])
        percent = (Decimal(rng.randrange(0, 3001)) / 100).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_DOWN")
    if choice >= 0.2:
        fee["pensionHealthPercent"] = "\x00" + number_text(percent)  # written as a raw number by fix_raw
    return fee, {"amount": amount, "currency": fee["currency"], "per": fee["per"], "percent": percent}


def fix_raw(text):
    """JSON text with the strings "\\x00<number>" written as the raw number <number> (json.dumps writes NUL as
    \\u0000): a decimal sent exactly as its digits, an int or a float as the test means it."""
    return re.sub(r'"\\u0000([^"]*)"', r"\1", text)


def grant_body(performer, production, aspects, fee, gid):
    body = {"id": gid, "performer": performer, "production": production, "uses": ["replica"], "aspects": aspects,
            "destinations": ["temporary"], "territories": ["*"], "validFrom": "2020-01-01", "validUntil": "2099-12-31",
            "signedBy": "performer", "description": "Compensation test: a previs replica paid per use of it"}
    if fee is not None:
        body["fee"] = fee
    return body


def post_raw(path, body, token):
    return api.call("POST", path, fix_raw(json.dumps(body)), token)


def make_grant(performer, production, aspects, fee, model, gid):
    status, answer = post_raw("/v1/grants", grant_body(performer, production, aspects, fee, gid), TOKENS["casting"])
    expect(status == 201, f"grant {gid} with fee {fix_raw(json.dumps(fee))} is recorded: {status} {answer}")
    if status != 201:
        return None  # the checks will not rely on it
    grants[gid] = {"performer": performer, "production": production, "aspects": aspects, "fee": model}
    shown = answer.get("fee")
    if model is None:
        expect(shown is None, f"grant {gid} without a fee answers none: {shown}")
    else:
        expect(isinstance(shown, dict) and shown.get("amount") == model["amount"] and is_int(shown.get("amount"))
               and shown.get("currency") == model["currency"] and shown.get("per") == model["per"]
               and "pensionHealthPercent" in shown and Decimal(shown["pensionHealthPercent"]) == model["percent"],
               f"grant {gid} answers its fee {model}: {shown}")
    return answer


def make_check(performer, production, aspects, maker, want="allowed"):
    body = {"production": production, "use": "replica", "destination": "temporary", "tool": "t-comp"}
    if performer is not None:
        body.update(performer=performer, aspects=aspects)
    else:
        body["use"] = "generation"
    status, answer = api.call("POST", "/v1/checks", body, TOKENS[maker])
    must(status, answer, 200, f"check {body}")
    expect(answer["decision"] == want, f"the check {body} is {want}: {answer['decision']} {answer.get('reasons')}")
    checks[answer["id"]] = {"performer": performer, "production": production, "grants": answer["grants"], "maker": maker,
                            "decision": answer["decision"]}
    return answer["id"]


def setup():
    cli(DB, "init", "--admin", "admin", env={"LIKENESS_ADMIN_PASSWORD": PASSWORD})
    for user, role in [("comp-casting", "casting"), ("comp-prod-a", "production"), ("comp-prod-b", "production"),
                       ("comp-prod-c", "production"), ("comp-auditor", "auditor")]:
        cli(DB, "account", "add", "--username", user, "--role", role, env={"LIKENESS_PASSWORD": PASSWORD})


def sign_in():
    for key, user in [("admin", "admin"), ("casting", "comp-casting"), ("prod-a", "comp-prod-a"), ("prod-b", "comp-prod-b"),
                      ("prod-c", "comp-prod-c"), ("auditor", "comp-auditor")]:
        status, answer = api.call("POST", "/v1/sessions", {"username": user, "password": PASSWORD})
        TOKENS[key] = must(status, answer, 201, f"sign-in of {user}")["token"]


USERNAMES = {"admin": "admin", "casting": "comp-casting", "prod-a": "comp-prod-a", "prod-b": "comp-prod-b"}


def registry():
    must(*api.call("POST", "/v1/tools", {"id": "t-comp", "name": "Compensation test tool", "retainsInputs": False,
                                         "enterpriseSecured": True}, TOKENS["admin"]), 201, "tool")
    for p in ["prod-c1", "prod-c2", "prod-c3", "prod-unapproved"]:
        must(*api.call("POST", "/v1/productions", {"id": p, "title": f"Compensation {p}"}, TOKENS["casting"]), 201, p)
    for p in ["prod-c1", "prod-c2", "prod-c3"]:
        must(*api.call("POST", "/v1/approvals", {"id": f"ap-{p}", "production": p, "covers": ["talent-likeness"],
                                                 "approvedBy": "The studio's head of production", "reference": f"REF-{p}"},
                       TOKENS["admin"]), 201, f"approval of {p}")


# ---- the property test -------------------------------------------------------------------------------

def random_day():
    if rng.random() < 0.2:
        return MONTH_START + datetime.timedelta(days=rng.randrange((MONTH_END - MONTH_START).days + 1))
    return TODAY + datetime.timedelta(days=rng.randrange(-400, 60))


def random_minutes():
    decimals = rng.choice([0, 1, 2, 3, 6, 6])
    value = Decimal(rng.randrange(1, 5000 * 10**decimals + 1)).scaleb(-decimals)
    return max(value, Decimal("0.01"))


def expected_lines(check_id, days, minutes):
    c = checks[check_id]
    lines = []
    for g in c["grants"]:
        fee = grants[g]["fee"]
        if fee is None:
            continue
        per = fee["per"]
        if per == "use":
            quantity = 1
        elif per == "day":
            quantity = days
        elif per == "minute":
            quantity = ceil_minutes(minutes)
        else:
            quantity = 1 if flat_net[(g, c["production"])] == 0 else 0
        amount = fee["amount"] * quantity
        lines.append({"grant": g, "performer": c["performer"], "currency": fee["currency"], "basis": per,
                      "quantity": quantity, "amount": amount, "pensionHealth": half_even(amount, fee["percent"])})
    return lines


def record(answer):
    reports.append(answer)
    by_id[answer["id"]] = answer
    production = checks[answer["check"]]["production"]
    for line in answer.get("lines", []):
        if line.get("basis") == "flat" and is_int(line.get("quantity")):
            flat_net[(line["grant"], production)] += line["quantity"]


def integers_only(lines, what, keys=("quantity", "amount", "pensionHealth")):
    bad = [line for line in lines if not all(is_int(line.get(k)) for k in keys)]
    expect(not bad, f"{what}: {', '.join(keys)} are JSON integers: {bad[:3]}")


def new_report(check_id, reporter):
    c = checks[check_id]
    pers = {grants[g]["fee"]["per"] for g in c["grants"] if grants[g]["fee"]}
    body = {"deliveredOn": random_day().isoformat()}
    days = minutes = None
    if "day" in pers or rng.random() < 0.3:
        days = rng.randrange(1, 401)
        body["days"] = days
    if "minute" in pers or rng.random() < 0.3:
        minutes = random_minutes()
        body["minutes"] = "\x00" + number_text(minutes)
    if rng.random() < 0.3:
        body["note"] = rng.choice(["Episode 3, shots 12-19", "Reshoot of the café scene — 2nd unit", "x" * 2000])
    want = expected_lines(check_id, days, minutes)
    status, answer = post_raw(f"/v1/checks/{check_id}/usage", body, TOKENS[reporter])
    expect(status == 201, f"a report on {check_id} by {reporter} ({body}) is 201: {status} {answer}")
    if status != 201:
        return
    integers_only(answer.get("lines", []), f"report {answer.get('id')}")
    expect(answer.get("lines") == want, f"report {answer.get('id')} ({body}) lines are the decimal computation:\n"
           f"  got  {answer.get('lines')}\n  want {want}")
    echo = (str(answer.get("id", "")).startswith("use-") and answer.get("check") == check_id
            and answer.get("production") == c["production"] and answer.get("performer") == c["performer"]
            and answer.get("deliveredOn") == body["deliveredOn"] and answer.get("days") == days
            and (minutes is None and "minutes" not in answer or minutes is not None and answer.get("minutes") is not None
                 and Decimal(answer["minutes"]) == minutes)
            and answer.get("note") == body.get("note") and "corrects" not in answer
            and answer.get("reportedBy") == USERNAMES[reporter] and bool(answer.get("reportedAt")))
    expect(echo, f"report {answer.get('id')} echoes {body} by {USERNAMES[reporter]}: {dict(answer, lines=None)}")
    record(answer)


def correction(named, reporter):
    body = {"corrects": named["id"]}
    if "days" in named and rng.random() < 0.7:
        body["days"] = -named["days"]
    if "minutes" in named and rng.random() < 0.7:
        body["minutes"] = "\x00" + number_text(-Decimal(named["minutes"]))
    if rng.random() < 0.5:
        body["deliveredOn"] = random_day().isoformat()
    if rng.random() < 0.3:
        body["note"] = "Reported twice by mistake"
    status, answer = post_raw(f"/v1/checks/{named['check']}/usage", body, TOKENS[reporter])
    expect(status == 201, f"a correction of {named['id']} ({body}) is 201: {status} {answer}")
    if status != 201:
        return
    corrected.add(named["id"])
    integers_only(answer.get("lines", []), f"correction {answer.get('id')}")
    negation = [dict(line, quantity=-line["quantity"], amount=-line["amount"], pensionHealth=-line["pensionHealth"])
                for line in named["lines"]]
    expect(answer.get("lines") == negation, f"correction {answer.get('id')} of {named['id']}: its lines are the negation:\n"
           f"  got  {answer.get('lines')}\n  want {negation}")
    expect(answer.get("corrects") == named["id"] and answer.get("check") == named["check"]
           and answer.get("deliveredOn") == body.get("deliveredOn", named["deliveredOn"])
           and answer.get("reportedBy") == USERNAMES[reporter],
           f"correction {answer.get('id')} echoes {body} (deliveredOn defaults to {named['deliveredOn']}): "
           f"{dict(answer, lines=None)}")
    record(answer)


def property_test(performers):
    allowed = []
    for performer in performers:
        mine = [g for g, m in grants.items() if m["performer"] == performer]
        for production in ["prod-c1", "prod-c2", "prod-c3"]:
            usable = [g for g in mine if grants[g]["production"] in (production, None)]
            covered = sorted({a for g in usable for a in grants[g]["aspects"]})
            for _ in range(rng.choice([0, 1, 2])):
                if not covered:
                    break
                aspects = rng.sample(covered, rng.randrange(1, len(covered) + 1))
                check_id = make_check(performer, production, aspects, rng.choice(["prod-a", "prod-b"]))
                relied = {g for g in usable if set(grants[g]["aspects"]) & set(aspects)}
                expect(set(checks[check_id]["grants"]) == relied,
                       f"check {check_id} relies on every grant covering one of {aspects}: {checks[check_id]['grants']} vs {sorted(relied)}")
                allowed.append(check_id)
    print(f"compensation-test: {len(grants)} grants, {len(allowed)} allowed checks; {REPORTS} reports and corrections", flush=True)
    for n in range(REPORTS):
        open_reports = [r for r in reports if "corrects" not in r and r["id"] not in corrected]
        if open_reports and rng.random() < 0.2:
            named = rng.choice(open_reports)
            correction(named, rng.choice([checks[named["check"]]["maker"], "casting", "admin"]))
        else:
            check_id = rng.choice(allowed)
            new_report(check_id, rng.choice([checks[check_id]["maker"]] * 3 + ["casting", "admin"]))
        if n % 100 == 99:
            print(f"compensation-test: {n + 1} reports", flush=True)
    return allowed


# ---- statements and payables -------------------------------------------------------------------------

def instant(text):
    """An RFC 3339 UTC timestamp as a sortable (seconds, fraction) pair."""
    main, _, rest = text.rstrip("Z").partition(".")
    return datetime.datetime.fromisoformat(main), Decimal("0." + (rest or "0"))


def window_lines(keep, since, until):
    """The statement lines of the reports that `keep` accepts, delivered in [since, until], in order."""
    rows = []
    for r in reports:
        if not keep(r) or not (since <= r["deliveredOn"] <= until):
            continue
        order = checks[r["check"]]["grants"]
        for line in r["lines"]:
            rows.append(((r["deliveredOn"], instant(r["reportedAt"]), r["id"], order.index(line["grant"])),
                         {"usage": r["id"], "check": r["check"], "production": r["production"], "deliveredOn": r["deliveredOn"],
                          **line}))
    return [row for _, row in sorted(rows, key=lambda x: x[0])]


def totals(lines):
    sums = collections.defaultdict(lambda: [0, 0])
    for line in lines:
        sums[line["currency"]][0] += line["amount"]
        sums[line["currency"]][1] += line["pensionHealth"]
    return [{"currency": c, "amount": a, "pensionHealth": p} for c, (a, p) in sorted(sums.items())]


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def month_of(day):
    d = datetime.date.fromisoformat(day)
    return d.replace(day=1).isoformat(), d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat()


def default_window(since, until):
    """The window a statement or payables answer for: an end not given is the current month's, widened to
    the month of the end that is given."""
    return (since or min(MONTH_START.isoformat(), month_of(until)[0] if until else MONTH_START.isoformat()),
            until or max(MONTH_END.isoformat(), month_of(since)[1] if since else MONTH_END.isoformat()))


def query(since, until, fmt=None):
    parts = ([f"since={since}"] if since else []) + ([f"until={until}"] if until else []) + ([f"format={fmt}"] if fmt else [])
    return ("?" + "&".join(parts)) if parts else ""


def statement(performer, since, until, token="auditor"):
    status, kind, text = api.raw("GET", f"/v1/performers/{performer}/statement" + query(since, until), token=TOKENS[token])
    expect(status == 200 and kind.startswith("application/json"), f"statement of {performer} {since}..{until}: {status} {text[:300]}")
    if status != 200:
        return
    answer = parse(text)
    want_since, want_until = default_window(since, until)
    want = window_lines(lambda r: r["performer"] == performer, want_since, want_until)
    integers_only(answer.get("lines", []), f"statement of {performer}")
    integers_only(answer.get("totals", []), f"statement of {performer}'s totals", ("amount", "pensionHealth"))
    expect(answer.get("performer") == performer and answer.get("since") == want_since and answer.get("until") == want_until,
           f"statement of {performer}: performer and window {want_since}..{want_until}: {dict(answer, lines=None, totals=None)}")
    expect(in_statement_order(answer.get("lines", []), want),
           f"statement of {performer} {want_since}..{want_until}: the lines of the window, in order "
           f"({len(answer.get('lines', []))} vs {len(want)})\n  got  {answer.get('lines', [])[:4]}\n  want {want[:4]}"
           + first_difference(answer.get("lines", []), want))
    expect(answer.get("totals") == totals(want), f"statement of {performer}: totals {answer.get('totals')} vs {totals(want)}")
    expect(answer.get("totals") == totals(answer.get("lines", [])), f"statement of {performer}: totals are the sums of its lines")
    status, kind, text = api.raw("GET", f"/v1/performers/{performer}/statement" + query(since, until, "csv"), token=TOKENS[token])
    rows = csv_rows(text) if status == 200 else []
    expect(status == 200 and kind == "text/csv; charset=utf-8", f"statement CSV of {performer}: {status} {kind}")
    expect(rows[:1] == [STATEMENT], f"statement CSV header: {rows[:1]}")
    expect(rows[1:] == [[str(line[k]) for k in STATEMENT] for line in answer.get("lines", [])],
           f"statement CSV of {performer} {want_since}..{want_until} is its JSON ({len(rows) - 1} rows)")
    return text


def in_statement_order(got, want):
    """Whether `got` holds exactly the lines of `want` (in the order of deliveredOn, reportedAt, usage id and
    the check's grants) as far as a client can tell: the server orders reports of one second by the time it
    keeps, finer than the second the API shows, so reports of the same deliveredOn and shown reportedAt may
    come in any order, each report's lines together and in the order of its check's grants."""
    if got == want:
        return True
    canon = lambda line: json.dumps(line, sort_keys=True, default=str)
    if sorted(map(canon, got)) != sorted(map(canon, want)):
        return False
    shown = [(line["deliveredOn"], instant(by_id[line["usage"]]["reportedAt"])) for line in got]
    if shown != sorted(shown):
        return False
    runs = [line["usage"] for line in got]
    starts = [u for i, u in enumerate(runs) if i == 0 or runs[i - 1] != u]
    if len(starts) != len(set(starts)):
        return False  # a report's lines apart
    return all([line["grant"] for line in got if line["usage"] == u] == [line["grant"] for line in by_id[u]["lines"]] for u in starts)


def first_difference(got, want):
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return f"\n  first difference at {i}: got {a}\n                     want {b}"
    return ""


def payables(production, since, until, token="auditor"):
    status, kind, text = api.raw("GET", f"/v1/productions/{production}/payables" + query(since, until), token=TOKENS[token])
    expect(status == 200 and kind.startswith("application/json"), f"payables of {production} {since}..{until}: {status} {text[:300]}")
    if status != 200:
        return
    answer = parse(text)
    want_since, want_until = default_window(since, until)
    lines = window_lines(lambda r: r["production"] == production, want_since, want_until)
    by_performer = collections.defaultdict(list)
    for line in lines:
        by_performer[line["performer"]].append(line)
    want = [{"performer": p, "totals": totals(by_performer[p])} for p in sorted(by_performer)]
    for entry in answer.get("performers", []):
        integers_only(entry.get("totals", []), f"payables of {production}", ("amount", "pensionHealth"))
    expect(answer.get("production") == production and answer.get("since") == want_since and answer.get("until") == want_until,
           f"payables of {production}: production and window: {dict(answer, performers=None)}")
    expect(answer.get("performers") == want, f"payables of {production} {want_since}..{want_until}: per performer and currency\n"
           f"  got  {answer.get('performers', [])[:3]}\n  want {want[:3]}" + first_difference(answer.get("performers", []), want))
    status, kind, text = api.raw("GET", f"/v1/productions/{production}/payables" + query(since, until, "csv"), token=TOKENS[token])
    rows = csv_rows(text) if status == 200 else []
    expect(status == 200 and kind == "text/csv; charset=utf-8", f"payables CSV of {production}: {status} {kind}")
    expect(rows[:1] == [PAYABLES], f"payables CSV header: {rows[:1]}")
    expect(rows[1:] == [[e["performer"], t["currency"], str(t["amount"]), str(t["pensionHealth"])]
                        for e in answer.get("performers", []) for t in e["totals"]],
           f"payables CSV of {production} {want_since}..{want_until} is its JSON")
    return text


def statements(performers):
    days = sorted({r["deliveredOn"] for r in reports}) or [TODAY.isoformat()]
    everything = ("0001-01-01", "9999-12-31")
    for performer in performers:
        windows = [everything, (None, None), (rng.choice(days), None), (None, rng.choice(days))] + \
            [tuple(sorted(rng.sample(days, 2) if len(days) > 1 else days * 2)) for _ in range(2)]
        for since, until in windows:
            statement(performer, since, until)
    statement(performers[0], days[0], days[0], token="casting")
    statement(performers[0], *everything, token="admin")
    for production in ["prod-c1", "prod-c2", "prod-c3"]:
        for since, until in [everything, (None, None), tuple(sorted(rng.sample(days, 2) if len(days) > 1 else days * 2))]:
            payables(production, since, until)
    maker = next((c["maker"] for c in checks.values() if c["production"] == "prod-c1" and c["maker"].startswith("prod-")), None)
    if maker:
        payables("prod-c1", *everything, token=maker)
    # The CLI prints what the API answers.
    performer = performers[0]
    api_csv = statement(performer, *everything)
    result = cli(DB, "statement", "--performer", performer, "--since", everything[0], "--until", everything[1], "--csv", check=False)
    expect(result.returncode == 0 and api_csv is not None and csv_rows(result.stdout) == csv_rows(api_csv),
           f"likeness statement --csv prints the API's rows: {result.returncode} {result.stderr[:300]}")
    api_csv = payables("prod-c2", *everything)
    result = cli(DB, "payables", "--production", "prod-c2", "--since", everything[0], "--until", everything[1], "--csv",
                 check=False)
    expect(result.returncode == 0 and api_csv is not None and csv_rows(result.stdout) == csv_rows(api_csv),
           f"likeness payables --csv prints the API's rows: {result.returncode} {result.stderr[:300]}")


def listings(allowed):
    mine = collections.defaultdict(list)
    for r in reports:
        mine[r["check"]].append(r)
    for check_id in rng.sample(allowed, min(len(allowed), 25)):
        status, answer = api.call("GET", f"/v1/checks/{check_id}/usage", token=TOKENS["auditor"])
        got = answer.get("reports", []) if isinstance(answer, dict) else []
        expect(status == 200 and answer == {"check": check_id, "reports": mine[check_id]},
               f"GET /v1/checks/{check_id}/usage lists its {len(mine[check_id])} reports oldest first, as they were answered: "
               f"{status} {len(got)} reports" + first_difference(got, mine[check_id]))


def events_and_audit():
    seen, after = {}, None
    while True:
        status, answer = api.call("GET", "/v1/events?limit=1000" + (f"&after={after}" if after else ""), token=TOKENS["admin"])
        if status != 200 or not answer.get("events"):
            break
        for event in answer["events"]:
            if event.get("type") == "usage.reported":
                seen[(event.get("data") or {}).get("id")] = event.get("data")
        after = answer["events"][-1]["id"]
    missing = [r["id"] for r in reports if r["id"] not in seen]
    expect(not missing, f"every report is a usage.reported event: {len(missing)} missing, e.g. {missing[:3]}")
    differ = [r["id"] for r in reports if r["id"] in seen and seen[r["id"]] != r]
    expect(not differ, f"a usage.reported event's data is the report: {len(differ)} differ, e.g. "
           f"{[(by_id[i], seen[i]) for i in differ[:1]]}")
    subjects, before = set(), None
    for _ in range(100):
        status, answer = api.call("GET", "/v1/audit?limit=1000" + (f"&before={before}" if before else ""), token=TOKENS["auditor"])
        if status != 200:
            break
        subjects |= {e.get("subject") for e in answer.get("entries", [])}
        before = answer.get("next")
        if not before:
            break
    missing = [r["id"] for r in reports if r["id"] not in subjects]
    expect(not missing, f"every report is audited (an entry whose subject is its id): {len(missing)} missing, e.g. {missing[:3]}")


# ---- half-even ties ------------------------------------------------------------------------------------

def tie_cases():
    cases = [(50, "1"), (150, "1"), (250, "1"), (350, "1"), (450, "1"), (25, "2"), (75, "2"), (125, "2"), (5000, "0.01"),
             (15000, "0.01"), (25000, "0.01"), (1, "0.5"), (3, "0.5"), (100, "0.5"), (300, "0.5"), (10, "5"),
             (30, "5"), (50, "3"), (250, "2"), (1250, "0.2"), (10**12, "0.01"), (10**12, "30"), (0, "30"), (1, "30")]
    cases = [(a, Decimal(p)) for a, p in cases]
    while len(cases) < 300:
        k = rng.randrange(0, 10**6)
        n = 10000 * k + 5000  # amount × hundredths of a percent = n: a tie at .5 of a minor unit
        divisors = [h for h in range(1, 3001) if n % h == 0 and n // h <= 10**12]
        if not divisors:
            continue
        h = rng.choice(divisors)
        amount = n // h
        cases.append((amount, Decimal(h) / 100))
        if rng.random() < 0.3 and amount > 0:
            cases.append((amount + rng.choice([-1, 1]), Decimal(h) / 100))  # a near tie
    return cases


def ties():
    cases = tie_cases()
    made = 0
    for chunk_start in range(0, len(cases), 50):
        chunk = cases[chunk_start:chunk_start + 50]
        performer = f"p-tie-{chunk_start // 50}"
        must(*api.call("POST", "/v1/performers", {"id": performer, "name": f"Tie {chunk_start // 50}"}, TOKENS["casting"]), 201, performer)
        for i, (amount, percent) in enumerate(chunk):
            fee = {"amount": amount, "currency": rng.choice(list(CURRENCIES)), "per": "use",
                   "pensionHealthPercent": "\x00" + number_text(percent)}
            make_grant(performer, "prod-c1", ["face"], fee,
                       {"amount": amount, "currency": fee["currency"], "per": "use", "percent": percent}, f"g-tie-{chunk_start + i}")
        check_id = make_check(performer, "prod-c1", ["face"], "prod-a")
        status, answer = api.call("POST", f"/v1/checks/{check_id}/usage", {"deliveredOn": TODAY.isoformat()}, TOKENS["prod-a"])
        expect(status == 201, f"a report on the ties' check {check_id}: {status} {answer}")
        if status != 201:
            continue
        got = {line["grant"]: line for line in answer["lines"]}
        for i, (amount, percent) in enumerate(chunk):
            line = got.get(f"g-tie-{chunk_start + i}", {})
            want = half_even(amount, percent)
            expect(line.get("pensionHealth") == want and is_int(line.get("pensionHealth")) and line.get("amount") == amount,
                   f"{amount} at {percent}% is {Decimal(amount) * percent / 100} → {want} (half-even): {line}")
            made += 1
        record(answer)
    print(f"compensation-test: {made} half-even ties and near ties", flush=True)


def flat_story():
    """A flat fee, step by step: once per grant and production (a studio-wide grant once in each), 0 after,
    1 again once the report that paid it is corrected, and a correction of a 0 changes nothing."""
    must(*api.call("POST", "/v1/performers", {"id": "p-flat", "name": "Flat fees"}, TOKENS["casting"]), 201, "p-flat")
    make_grant("p-flat", None, ["face"], {"amount": 500000, "currency": "GBP", "per": "flat", "pensionHealthPercent": 21},
               {"amount": 500000, "currency": "GBP", "per": "flat", "percent": Decimal(21)}, "g-flat")
    one = make_check("p-flat", "prod-c1", ["face"], "prod-a")
    other = make_check("p-flat", "prod-c2", ["face"], "prod-b")
    again = make_check("p-flat", "prod-c1", ["face"], "prod-b")  # another check of the same production
    on = TODAY.isoformat()

    def post(check_id, body, token, quantity, what):
        status, answer = api.call("POST", f"/v1/checks/{check_id}/usage", body, TOKENS[token])
        want = [{"grant": "g-flat", "performer": "p-flat", "currency": "GBP", "basis": "flat", "quantity": quantity,
                 "amount": 500000 * quantity, "pensionHealth": 105000 * quantity}]
        expect(status == 201 and answer.get("lines") == want, f"flat fee, {what}: {status} {answer.get('lines', answer)}")
        if status == 201:
            record(answer)
        return answer

    a = post(one, {"deliveredOn": on}, "prod-a", 1, "the first report under the grant and prod-c1 is 1")
    post(other, {"deliveredOn": on}, "prod-b", 1, "the first under the studio-wide grant and prod-c2 is 1")
    b = post(again, {"deliveredOn": on}, "prod-b", 0, "a report of another check of prod-c1 is 0")
    post(one, {"corrects": a["id"]}, "prod-a", -1, "the correction of the first is -1")
    post(one, {"deliveredOn": on}, "prod-a", 1, "the next report after it is 1 again")
    if b.get("id"):
        post(again, {"corrects": b["id"]}, "prod-b", 0, "the correction of a 0 is 0")
    post(again, {"deliveredOn": on}, "prod-b", 0, "then a report is still 0 (the net is 1)")


def races(rounds=5, clients=8):
    """Reports racing: under a new flat grant, `clients` first reports posted at once (each on its own
    connection and check) count the fee exactly once; two corrections of one report at once: one is 201,
    the other 409 already-corrected."""
    import threading
    must(*api.call("POST", "/v1/performers", {"id": "p-race", "name": "Races"}, TOKENS["casting"]), 201, "p-race")
    for n in range(rounds):
        gid = f"g-race-{n}"
        make_grant("p-race", "prod-c3", [ASPECTS[n % 3]], {"amount": 7000, "currency": "JPY", "per": "flat"},
                   {"amount": 7000, "currency": "JPY", "per": "flat", "percent": Decimal(0)}, gid)
        check_ids = [make_check("p-race", "prod-c3", [ASPECTS[n % 3]], "prod-a") for _ in range(clients)]
        barrier, answers = threading.Barrier(clients), [None] * clients

        def post(i, body_of):
            own = Api()
            barrier.wait()
            answers[i] = own.call("POST", f"/v1/checks/{check_ids[i]}/usage", body_of(i), TOKENS["prod-a"])

        threads = [threading.Thread(target=post, args=(i, lambda i: {"deliveredOn": TODAY.isoformat()})) for i in range(clients)]
        for t in threads: t.start()
        for t in threads: t.join()
        made = [a for status, a in answers if status == 201]
        flats = [l["quantity"] for a in made for l in a["lines"] if l["grant"] == gid]
        expect(len(made) == clients and sorted(flats) == [0] * (clients - 1) + [1],
               f"{clients} first reports at once under flat grant {gid}: the fee counted once: "
               f"{[status for status, _ in answers]} quantities {sorted(flats)}")
        for a in sorted(made, key=lambda a: (instant(a["reportedAt"]), a["id"])):
            record(a)
        # Two corrections of one report at once.
        target = made[0] if made else None
        if target is None:
            continue
        barrier = threading.Barrier(2)
        check_ids = [target["check"]] * 2
        answers = [None, None]
        threads = [threading.Thread(target=post, args=(i, lambda i: {"corrects": target["id"]})) for i in range(2)]
        for t in threads: t.start()
        for t in threads: t.join()
        statuses = sorted(status for status, _ in answers)
        codes = [error_of(a).get("code") for status, a in answers if status == 409]
        expect(statuses == [201, 409] and codes == ["already-corrected"],
               f"two corrections of {target['id']} at once: one is made, the other 409 already-corrected: {answers}")
        for status, a in answers:
            if status == 201:
                record(a)
                corrected.add(target["id"])


# ---- refusals -------------------------------------------------------------------------------------------

def fee_refusals():
    good = {"amount": 150000, "currency": "USD", "per": "day", "pensionHealthPercent": 21}
    must(*api.call("POST", "/v1/performers", {"id": "p-refuse", "name": "Refusals"}, TOKENS["casting"]), 201, "p-refuse")
    cases = [  # (fee change, status, field, code or None)
        ({"currency": "XXX"}, 422, "fee.currency", "invalid-currency"),
        ({"currency": "ABC"}, 422, "fee.currency", "invalid-currency"),
        ({"currency": "XAU"}, 422, "fee.currency", "invalid-currency"),
        ({"currency": "US"}, 422, "fee.currency", None),
        ({"currency": "EURO"}, 422, "fee.currency", None),
        ({"amount": -1}, 422, "fee.amount", "invalid-amount"),
        ({"amount": -150000}, 422, "fee.amount", "invalid-amount"),
        ({"amount": "\x001.5"}, 422, "fee.amount", "invalid-amount"),
        ({"amount": "\x00100.25"}, 422, "fee.amount", "invalid-amount"),
        ({"amount": 10**12 + 1}, 422, "fee.amount", "out-of-range"),
        ({"amount": 10**15}, 422, "fee.amount", "out-of-range"),
        ({"amount": 10**19}, 422, "fee.amount", "out-of-range"),  # above Int64 too: still "above"
        ({"per": "week"}, 422, "fee.per", "invalid-enum"),
        ({"per": "Day"}, 422, "fee.per", "invalid-enum"),
        ({"per": ""}, 422, "fee.per", None),
        ({"pensionHealthPercent": "\x0030.01"}, 422, "fee.pensionHealthPercent", None),
        ({"pensionHealthPercent": 31}, 422, "fee.pensionHealthPercent", None),
        ({"pensionHealthPercent": -1}, 422, "fee.pensionHealthPercent", None),
        ({"pensionHealthPercent": "\x0012.345"}, 422, "fee.pensionHealthPercent", None),
        ({"pensionHealthPercent": "\x000.001"}, 422, "fee.pensionHealthPercent", None),
        ({"amount": None}, 422, "fee.amount", "missing-field"),
        ({"currency": None}, 422, "fee.currency", "missing-field"),
        ({"per": None}, 422, "fee.per", "missing-field"),
        ({"amount": "100"}, 400, None, None),
        ({"currency": 840}, 400, None, None),
        ({"per": 1}, 400, None, None),
        ({"pensionHealthPercent": "21"}, 400, None, None),
    ]
    for n, (change, status_wanted, field, code) in enumerate(cases):
        fee = {k: v for k, v in {**good, **change}.items() if v is not None}
        for kind in ("grant", "offer"):
            if kind == "grant":
                body = grant_body("p-refuse", "prod-c1", ["face"], fee, f"g-refuse-{n}")
                status, answer = post_raw("/v1/grants", body, TOKENS["casting"])
            else:
                body = offer_body(fee, f"offer-refuse-{n}")
                status, answer = post_raw("/v1/consent-offers", body, TOKENS["casting"])
            detail = error_of(answer)
            expect(status == status_wanted and (field is None or detail.get("field") == field)
                   and (code is None or detail.get("code") == code),
                   f"{'an' if kind == 'offer' else 'a'} {kind} with fee {fix_raw(json.dumps(fee))} is {status_wanted} {field or ''} {code or ''}: {status} {detail}")
    for kind, path, body in [("grant", "/v1/grants", grant_body("p-refuse", "prod-c1", ["face"], "x", "g-refuse-x")),
                             ("offer", "/v1/consent-offers", offer_body(17, "offer-refuse-x"))]:
        status, answer = api.call("POST", path, body, TOKENS["casting"])
        expect(status == 400, f"a {kind} whose fee is not an object is 400: {status} {answer}")
    # The boundaries are accepted.
    for n, fee in enumerate([dict(good, amount=10**12), dict(good, amount=0, pensionHealthPercent=30),
                             dict(good, pensionHealthPercent="\x000.01"), {"amount": 1, "currency": "CLF", "per": "flat"}]):
        model = {"amount": fee["amount"], "currency": fee["currency"], "per": fee["per"],
                 "percent": Decimal(fix_raw(json.dumps(fee.get("pensionHealthPercent", 0))))}
        make_grant("p-refuse", "prod-c1", ["face"], fee, model, f"g-boundary-{n}")


def offer_body(fee, oid):
    body = {"id": oid, "performer": "p-refuse", "production": "prod-c1", "uses": ["replica"], "aspects": ["face"],
            "destinations": ["temporary"], "territories": ["*"], "validUntil": "2099-12-31",
            "description": "Compensation test: a previs replica paid per use of it"}
    if fee is not None:
        body["fee"] = fee
    return body


def format_minor(code, minor):
    exponent = CURRENCIES[code]
    digits = str(abs(minor)).rjust(exponent + 1, "0")
    major, fraction = digits[:len(digits) - exponent], digits[len(digits) - exponent:]
    return f"{code} {'-' if minor < 0 else ''}{int(major):,}" + (f".{fraction}" if exponent else "")


def offers():
    """Offers carry fees as grants do, and their terms state the fee in the currency's own minor units."""
    for n, (amount, code, per, percent) in enumerate([(150000, "USD", "day", "21"), (150000, "JPY", "use", None),
                                                      (2500, "BHD", "minute", "0.5"), (12345, "CLF", "flat", "30"),
                                                      (1234567, "KWD", "use", "12.25")]):
        fee = {"amount": amount, "currency": code, "per": per}
        if percent is not None:
            fee["pensionHealthPercent"] = "\x00" + percent
        status, answer = post_raw("/v1/consent-offers", offer_body(fee, f"offer-fee-{n}"), TOKENS["casting"])
        expect(status == 201, f"an offer with fee {fix_raw(json.dumps(fee))}: {status} {answer}")
        if status != 201:
            continue
        shown = answer.get("fee") or {}
        expect(shown.get("amount") == amount and is_int(shown.get("amount")) and shown.get("currency") == code
               and shown.get("per") == per and Decimal(shown.get("pensionHealthPercent", "NaN")) == Decimal(percent or 0),
               f"the offer answers its fee {fix_raw(json.dumps(fee))}: {shown}")
        expect(format_minor(code, amount) in answer.get("terms", ""),
               f"the offer's terms state {format_minor(code, amount)}: {answer.get('terms')!r}")
    status, answer = api.call("POST", "/v1/consent-offers", offer_body(None, "offer-nofee"), TOKENS["casting"])
    expect(status == 201 and "fee" not in answer, f"an offer without a fee answers none: {status} {answer.get('fee')}")


def usage_refusals():
    # A performer whose face is paid per day and voice per minute.
    must(*api.call("POST", "/v1/performers", {"id": "p-usage", "name": "Usage refusals"}, TOKENS["casting"]), 201, "p-usage")
    make_grant("p-usage", "prod-c1", ["face"], {"amount": 1000, "currency": "EUR", "per": "day"},
               {"amount": 1000, "currency": "EUR", "per": "day", "percent": Decimal(0)}, "g-usage-day")
    make_grant("p-usage", "prod-c1", ["voice"], {"amount": 70, "currency": "EUR", "per": "minute"},
               {"amount": 70, "currency": "EUR", "per": "minute", "percent": Decimal(0)}, "g-usage-minute")
    make_grant("p-usage", "prod-unapproved", ["face"], {"amount": 1, "currency": "EUR", "per": "use"},
               {"amount": 1, "currency": "EUR", "per": "use", "percent": Decimal(0)}, "g-usage-unapproved")
    day = make_check("p-usage", "prod-c1", ["face"], "prod-a")
    minute = make_check("p-usage", "prod-c1", ["voice"], "prod-a")
    on = TODAY.isoformat()

    def refused(check_id, body, status_wanted, field=None, code=None, token="prod-a"):
        status, answer = post_raw(f"/v1/checks/{check_id}/usage", body, TOKENS[token])
        detail = error_of(answer)
        expect((status in status_wanted if isinstance(status_wanted, tuple) else status == status_wanted)
               and (field is None or detail.get("field") == field) and (code is None or detail.get("code") == code),
               f"a report {fix_raw(json.dumps(body))} on {check_id} is {status_wanted} {field or ''} {code or ''}: {status} {detail}")

    refused(day, {"deliveredOn": on}, 422, "days")
    refused(day, {"deliveredOn": on, "minutes": 5}, 422, "days")
    refused(minute, {"deliveredOn": on}, 422, "minutes")
    refused(minute, {"deliveredOn": on, "days": 3}, 422, "minutes")
    for days in (0, -1, 36601):
        refused(day, {"deliveredOn": on, "days": days}, 422, "days")
    for minutes in (0, -1, "\x00-0.5", "\x001000000.000001", 1000001):
        refused(minute, {"deliveredOn": on, "minutes": minutes}, 422, "minutes")
    refused(day, {"deliveredOn": on, "days": "3"}, 400)
    # A positive number too small for a decimal of 38 digits is a number all the same: never "not valid JSON".
    for tiny in ("5e-324", "1e-200"):
        status, answer = post_raw(f"/v1/checks/{minute}/usage", {"deliveredOn": on, "minutes": "\x00" + tiny}, TOKENS["prod-a"])
        fine = status == 201 and [l["quantity"] for l in answer.get("lines", [])] == [1] or \
            status == 422 and error_of(answer).get("field") == "minutes"
        expect(fine, f"minutes {tiny} (above 0) is a report of 1 minute or a 422 naming minutes: {status} {answer}")
        if status == 201:
            record(answer)
    refused(day, {"days": 3}, 422, "deliveredOn", "missing-field")
    refused(day, {"deliveredOn": "2026-02-30", "days": 3}, 422, "deliveredOn")
    refused(day, {"deliveredOn": "yesterday", "days": 3}, 422, "deliveredOn")
    refused(day, {"deliveredOn": on, "days": 3, "note": "x" * 2001}, 422, "note")
    refused("chk-does-not-exist", {"deliveredOn": on, "days": 3}, 404)
    refused(day, {"deliveredOn": on, "days": 3}, 404, token="prod-b")  # another production account's check
    refused(day, {"deliveredOn": on, "days": 3}, 403, token="auditor")
    # The boundaries are accepted, and computed.
    for body, check_id, quantity in [({"deliveredOn": on, "days": 36600}, day, 36600), ({"deliveredOn": on, "days": 1}, day, 1),
                                     ({"deliveredOn": on, "minutes": 1000000}, minute, 1000000),
                                     ({"deliveredOn": on, "minutes": "\x000.000001"}, minute, 1),
                                     ({"deliveredOn": on, "minutes": "\x00999999.000001"}, minute, 1000000)]:
        status, answer = post_raw(f"/v1/checks/{check_id}/usage", body, TOKENS["prod-a"])
        rate = 1000 if check_id == day else 70
        expect(status == 201 and [(l["quantity"], l["amount"]) for l in answer.get("lines", [])] == [(quantity, quantity * rate)],
               f"a report {fix_raw(json.dumps(body))} is {quantity} × {rate}: {status} {answer.get('lines', answer)}")
        if status == 201:
            record(answer)
    # Corrections.
    status, first = api.call("POST", f"/v1/checks/{day}/usage", {"deliveredOn": on, "days": 4}, TOKENS["prod-a"])
    must(status, first, 201, "a report to correct")
    record(first)
    status, other = api.call("POST", f"/v1/checks/{minute}/usage", {"deliveredOn": on, "minutes": 2}, TOKENS["prod-a"])
    must(status, other, 201, "a report of another check")
    record(other)
    refused(day, {"corrects": first["id"], "days": 4}, 422, "days")
    refused(day, {"corrects": first["id"], "days": -3}, 422, "days")
    refused(day, {"corrects": first["id"], "minutes": -4}, 422, "minutes")
    refused(day, {"corrects": other["id"]}, 422, "corrects")
    refused(day, {"corrects": "use-does-not-exist"}, (404, 422))  # an unknown id: 404 by http-api.md's rule, or 422
    status, fix = api.call("POST", f"/v1/checks/{day}/usage", {"corrects": first["id"], "days": -4}, TOKENS["prod-a"])
    expect(status == 201 and fix.get("lines") == [dict(first["lines"][0], quantity=-4, amount=-4000, pensionHealth=0)]
           and fix.get("deliveredOn") == on, f"the correction of {first['id']}: {status} {fix}")
    if status == 201:
        record(fix)
        refused(day, {"corrects": fix["id"]}, 422, "corrects")
    refused(day, {"corrects": first["id"], "days": -4}, 409, code="already-corrected")
    # Checks that cannot be reported on.
    denied = make_check("p-usage", "prod-c1", ["body"], "prod-a", want="denied")
    unapproved = make_check("p-usage", "prod-unapproved", ["face"], "prod-a", want="needs-approval")
    nobody = make_check(None, "prod-c1", None, "prod-a", want="notify")
    for check_id, what in [(denied, "denied"), (unapproved, "needs-approval"), (nobody, "performer-less")]:
        refused(check_id, {"deliveredOn": on, "days": 1, "minutes": 1}, 409, code="not-reportable")
        refused(check_id, {"deliveredOn": on, "days": 1, "minutes": 1}, 409, code="not-reportable", token="casting")
    # Windows and formats.
    for path in ["/v1/performers/p-usage/statement", "/v1/productions/prod-c1/payables"]:
        for q, field in [("?since=2026-03-02&until=2026-03-01", "until"), ("?since=2026-02-30", "since"), ("?until=tomorrow", "until"),
                         ("?format=xml", "format"), ("?since=2026-01-01&until=2026-12-31&format=JSON", "format")]:
            status, answer = api.call("GET", path + q, token=TOKENS["auditor"])
            expect(status == 422 and error_of(answer).get("field") == field, f"GET {path}{q} is 422 {field}: {status} {answer}")
    status, answer = api.call("GET", "/v1/performers/p-nobody/statement", token=TOKENS["auditor"])
    expect(status == 404, f"the statement of an unknown performer is 404: {status}")
    status, answer = api.call("GET", "/v1/productions/prod-nowhere/payables", token=TOKENS["auditor"])
    expect(status == 404, f"the payables of an unknown production are 404: {status}")
    status, answer = api.call("GET", "/v1/performers/p-usage/statement", token=TOKENS["prod-a"])
    expect(status == 403, f"a production account does not read statements: {status}")
    status, answer = api.call("GET", "/v1/productions/prod-c1/payables", token=TOKENS["prod-c"])
    expect(status == 403, f"a production account that made no check of the production does not read its payables: {status}")


# ---- the run ---------------------------------------------------------------------------------------------

def main():
    global api
    if not os.path.exists(BIN):
        sys.exit(f"compensation-test: {BIN} is missing: build first (swift build)")
    print(f"compensation-test: seed {SEED} (COMPENSATION_SEED), {DB if '://' in DB else 'SQLite'}", flush=True)
    setup()
    server = Server(DB, port=PORT, log=os.path.join(work, "serve.log"))
    try:
        api = Api()
        sign_in()
        registry()
        performers = [f"p-comp-{i}" for i in range(12)]
        for i, performer in enumerate(performers):
            must(*api.call("POST", "/v1/performers", {"id": performer, "name": f"Performer {i}"}, TOKENS["casting"]), 201, performer)
            for j in range(rng.randrange(1, 5)):
                fee, model = random_fee()
                production = rng.choice(["prod-c1", "prod-c2", "prod-c3", None])
                aspects = rng.sample(ASPECTS, rng.randrange(1, 4))
                make_grant(performer, production, aspects, fee, model, f"g-comp-{i}-{j}")
        began = time.monotonic()
        allowed = property_test(performers)
        print(f"compensation-test: {len(reports)} reports in {time.monotonic() - began:.1f} s", flush=True)
        fee_refusals()
        offers()
        usage_refusals()
        ties()
        flat_story()
        races()
        listings(allowed)
        statements(performers + ["p-usage", "p-tie-0", "p-flat", "p-race"])
        events_and_audit()
    finally:
        server.stop(timeout=30)
        with open(os.path.join(work, "serve.log"), errors="replace") as f:
            bad = [line for line in f if "unexpected error" in line or "Fatal error" in line]
        expect(not bad, f"the server logged no unexpected error: {bad[:5]}")
    code = tally.report(f" (seed {SEED})")
    if code == 0:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"compensation-test: the server's log is in {work}")
    sys.exit(code)


if __name__ == "__main__":
    main()
