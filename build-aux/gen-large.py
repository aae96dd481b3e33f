#!/usr/bin/env python3
"""Generates the large Keel project of PRODUCT.md's performance section, deterministically.

    build-aux/gen-large.py OUT.json [--seed N] [--items 20000] [--debts 5000]
        [--evidence 10000] [--cohorts 200] [--periods 52] [--survey 100000]
        [--acquisition 100000]
    build-aux/gen-large.py --survey-csv OUT.csv --rows 1000000 [--seed N]

The same seed gives byte-identical output.
"""
import argparse
import datetime
import json
import random
import sys

DIMENSIONS = ["technology", "product", "team", "infrastructure"]
KINDS = ["feature", "growth", "hiring", "process", "hardening", "rearchitecture",
         "rewrite", "automation", "other"]
HORIZONS = ["now", "next", "later"]
STATUSES = ["idea", "planned", "in_progress", "done", "dropped"]
QUADRANTS = ["prudent_deliberate", "reckless_deliberate", "prudent_inadvertent",
             "reckless_inadvertent"]
DEBT_STATUSES = ["open", "scheduled", "paid", "accepted"]
EV_KINDS = ["usage", "request", "interview", "metric", "incident", "experiment", "other"]
ANSWERS = ["very_disappointed", "somewhat_disappointed", "not_disappointed", "no_longer_use"]
HUMAN = {"very_disappointed": "Very disappointed",
         "somewhat_disappointed": "Somewhat disappointed",
         "not_disappointed": "Not disappointed",
         "no_longer_use": "N/A - I no longer use it"}
CHANNELS = ["organic", "referral", "paid_search", "ads", "direct", "seo", "sales", "outbound"]
WORDS = ("billing export search sync onboarding invoices reports api webhooks sso audit "
         "mobile offline dashboard alerts queue cache shard replica backup deploy "
         "pipeline metrics tracing hiring support docs pricing trial referral").split()

BASE = datetime.date(2026, 11, 1)


def day(offset):
    return (BASE - datetime.timedelta(days=offset)).isoformat()


def title(rng, n=4):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def survey_row(rng, i):
    answer = rng.choices(ANSWERS, weights=[42, 33, 18, 7])[0]
    return answer, day(rng.randrange(0, 80)), rng.choice(["founders", "agencies", "developers", "designers"]), "r-%d" % rng.randrange(0, max(1, i))


def project(args):
    rng = random.Random(args.seed)
    evidence = []
    for i in range(args.evidence):
        has_value = rng.random() < 0.5
        evidence.append({
            "id": "ev-%05d" % i, "kind": rng.choice(EV_KINDS), "summary": title(rng, 6),
            "source": rng.choice(["analytics", "support", "interviews", "billing"]),
            "date": day(rng.randrange(0, 200)),
            "value": round(rng.random(), 3) if has_value else None,
            "unit": "share" if has_value else None,
        })
    debts = []
    for i in range(args.debts):
        debts.append({
            "id": "debt-%05d" % i, "title": title(rng), "component": rng.choice(WORDS),
            "quadrant": rng.choice(QUADRANTS), "principal_days": rng.randrange(1, 40),
            "interest_hours_per_week": rng.randrange(0, 20), "bottleneck": rng.random() < 0.1,
            "hard_ceiling": rng.random() < 0.02, "status": rng.choice(DEBT_STATUSES),
            "owner": rng.choice([None, "Mia", "Jon", "Ada"]), "recorded": day(rng.randrange(0, 400)),
            "evidence": sorted(set("ev-%05d" % rng.randrange(args.evidence) for _ in range(rng.randrange(0, 3)))),
        })
    items = []
    for i in range(args.items):
        deps = set()
        if i > 0 and rng.random() < 0.3:
            deps.add("it-%05d" % rng.randrange(0, i))
        items.append({
            "id": "it-%05d" % i, "title": title(rng), "description": "",
            "dimension": rng.choice(DIMENSIONS), "kind": rng.choice(KINDS),
            "horizon": rng.choice(HORIZONS), "status": rng.choice(STATUSES),
            "position": i, "effort_days": rng.randrange(1, 30),
            "owner": rng.choice([None, "Mia", "Jon", "Ada"]),
            "target": rng.choice([None, day(-rng.randrange(1, 200))]),
            "evidence": sorted(set("ev-%05d" % rng.randrange(args.evidence) for _ in range(rng.randrange(0, 4)))),
            "debts": sorted(set("debt-%05d" % rng.randrange(args.debts) for _ in range(rng.randrange(0, 2)))),
            "depends_on": sorted(deps),
        })
    cohorts = []
    for c in range(args.cohorts):
        start = BASE - datetime.timedelta(days=7 * (args.periods + args.cohorts - c))
        size = rng.randrange(100, 2000)
        left = size
        retained = [size]
        for _ in range(args.periods - 1):
            left = int(left * (0.97 if len(retained) > 6 else 0.8))
            retained.append(left)
        cohorts.append({"cohort": start.isoformat(), "size": size, "retained": retained})
    survey = []
    for i in range(args.survey):
        a, d, s, r = survey_row(rng, i)
        survey.append({"answer": a, "date": d, "segment": s, "respondent": r})
    acquisition = []
    for i in range(args.acquisition):
        m = i % 120
        acquisition.append({"period": "%04d-%02d-%02d" % (2016 + m // 12, m % 12 + 1, 1 + (i // 120) % 28),
                            "channel": CHANNELS[(i // 3360) % len(CHANNELS)] + "-%d" % (i // 26880),
                            "new_users": rng.randrange(0, 500)})
    return {
        "format": "keel-project", "version": 1, "name": "Large generated project",
        "datasets": {"retention_period": "week", "retention_cohorts": cohorts,
                     "survey_responses": survey, "acquisition": acquisition},
        "evidence": evidence, "items": items, "debts": debts,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out", nargs="?")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--items", type=int, default=20000)
    p.add_argument("--debts", type=int, default=5000)
    p.add_argument("--evidence", type=int, default=10000)
    p.add_argument("--cohorts", type=int, default=200)
    p.add_argument("--periods", type=int, default=52)
    p.add_argument("--survey", type=int, default=100000)
    p.add_argument("--acquisition", type=int, default=100000)
    p.add_argument("--survey-csv")
    p.add_argument("--rows", type=int, default=1000000)
    args = p.parse_args()
    if args.survey_csv:
        rng = random.Random(args.seed)
        with open(args.survey_csv, "w", newline="") as f:
            f.write("answer,date,segment,respondent\n")
            for i in range(args.rows):
                a, d, s, _ = survey_row(rng, i)
                f.write("%s,%s,%s,r-%d\n" % (HUMAN[a], d, s, i))
        return 0
    if not args.out:
        p.error("OUT.json is required")
    with open(args.out, "w") as f:
        json.dump(project(args), f, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
