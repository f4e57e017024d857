#!/usr/bin/env python3
"""Writes a synthetic registry as CSV files for `likeness import`: 1,000 productions,
100,000 performers (1% minors, 0.5% deceased), ~100,000 roles and 1,000,000 grants with
realistic scopes (production-specific and studio-wide, partial territories, exclusions,
revoked and suspended ones). Deterministic (seeded)."""
import csv, os, random, sys, datetime

out = sys.argv[1]
performers_n = int(os.environ.get("BENCH_PERFORMERS", 100_000))
grants_per = int(os.environ.get("BENCH_GRANTS_PER_PERFORMER", 10))
productions_n = 1000
rng = random.Random(20261128)
os.makedirs(out, exist_ok=True)
USES = ["replica", "new-performance", "alteration", "training", "synthetic"]
ASPECTS = ["face", "body", "voice", "name"]
DESTS = ["temporary", "final", "marketing"]
TERR = ["GB", "DE", "FR", "US", "ES", "IT", "JP", "CA"]
base = datetime.date(2025, 1, 1)

def w(name, header, rows):
    with open(os.path.join(out, name), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(header)
        wr.writerows(rows)

w("tools.csv", ["id", "name", "retainsInputs", "enterpriseSecured"],
  [["t-vault", "Vault", "false", "true"], ["t-web", "Web", "false", "false"], ["t-keep", "Keeper", "true", "true"]])
w("productions.csv", ["id", "title", "studio"],
  [[f"prod-{i}", f"Production {i}", "Bench Studios"] for i in range(productions_n)])
kinds = {}
def performers():
    for i in range(performers_n):
        r = rng.random()
        minor = deceased = ""
        if r < 0.01:
            minor = str(base + datetime.timedelta(days=rng.randint(100, 3000))); kinds[i] = "minor"
        elif r < 0.015:
            deceased = str(base + datetime.timedelta(days=rng.randint(0, 600))); kinds[i] = "deceased"
        yield [f"p-{i}", f"Performer {i}", minor, deceased]
w("performers.csv", ["id", "name", "minorUntil", "deceasedOn"], performers())
def roles():
    for i in range(performers_n):
        cat = rng.choices(["principal", "background", "stunt", "voice", "other"], [60, 20, 8, 8, 4])[0]
        union = "SAG-AFTRA" if cat != "background" and rng.random() < 0.5 else ""
        yield [f"r-{i}", f"prod-{i % productions_n}", f"p-{i}", "Role", cat, union]
w("roles.csv", ["id", "production", "performer", "name", "category", "union"], roles())
def grants():
    for i in range(performers_n):
        for k in range(grants_per):
            r = rng.random()
            prod = f"prod-{i % productions_n}" if r < 0.8 else (f"prod-{rng.randrange(productions_n)}" if r < 0.9 else "")
            frm = base + datetime.timedelta(days=rng.randint(0, 680))
            until = frm + datetime.timedelta(days=rng.randint(30, 900))
            signer = {"minor": "guardian", "deceased": "estate"}.get(kinds.get(i), "performer")
            terr = "*" if rng.random() < 0.7 else ";".join(rng.sample(TERR, rng.randint(1, 3)))
            excl = rng.choices(["", "nudity;sexual", "political", "nudity;violence"], [60, 25, 10, 5])[0]
            status = rng.choices(["", "revoked", "suspended"], [93, 5, 2])[0]
            yield [f"g-{i}-{k}", f"p-{i}", prod, ";".join(rng.sample(USES, rng.randint(1, 3))),
                   ";".join(rng.sample(ASPECTS, rng.randint(1, 3))), ";".join(rng.sample(DESTS, rng.randint(1, 3))),
                   terr, excl, str(frm), str(until), signer, "false",
                   f"Synthetic consent {k} of performer {i} for benchmark scopes", status]
w("grants.csv", ["id", "performer", "production", "uses", "aspects", "destinations", "territories", "excludedContent",
                 "validFrom", "validUntil", "signedBy", "survivesDeath", "description", "status"], grants())
w("approvals.csv", ["id", "production", "covers", "approvedBy", "reference"],
  [[f"ap-{i}", f"prod-{i}", "talent-likeness;final-deliverable", "Bench approver", f"REF-{i}"] for i in range(productions_n)])
