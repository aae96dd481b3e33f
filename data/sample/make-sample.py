#!/usr/bin/env python3
"""Writes Keel's bundled sample project and its CSV twins, deterministically.

    data/sample/make-sample.py [OUTDIR]     (default: the folder of this script)

Writes sample.json (PRODUCT.md "Interchange", version 1) and the same three datasets as
sample-retention.csv, sample-survey.csv and sample-acquisition.csv, in the shapes that
"Import CSV…" and `keel-cli import-csv` read. The sample is "Tally", invoicing for
freelancers, a few months after its MVP. It is designed so that, as of 2026-11-21,
retention has plateaued and growth is increasingly organic (both met) while the Sean
Ellis score sits just under 40% (not met, with freelance designers far above it), so
the gate is not passed and the checks find a handful of sequencing mistakes on the
board. tests/data/validate-sample.py checks all of that; run it after editing here.

The files are committed; this script is how they were made, so that a change to the
story is a change to a few lines here rather than hand edits to 150 rows.
"""
import csv
import datetime
import io
import json
import math
import os
import random
import sys

# The day the sample's data was exported; every dataset is fresh relative to it.
EXPORTED = datetime.date(2026, 11, 16)

NAME = "Tally"

SETTINGS = {
    "pmf_threshold": 0.4, "min_survey_responses": 40, "evidence_max_age_days": 90,
    "plateau_max_slope": 0.01, "plateau_periods": 3, "retention_min_cohorts": 3,
    "retention_min_periods": 6, "organic_share_threshold": 0.5, "organic_trend_periods": 3,
    "wip_limit": 8,
}

SIGNALS = [
    {"id": "sig-ret", "kind": "retention_plateau", "required": True},
    {"id": "sig-org", "kind": "organic_growth", "required": True},
    {"id": "sig-se", "kind": "sean_ellis", "required": True},
    {"id": "sig-paid", "kind": "custom", "name": "Trial to paid conversion", "value": 0.062,
     "target": 0.05, "comparison": ">=", "date": "2026-11-01",
     "source": "Stripe billing dashboard, October trials", "required": False},
]

CHANNEL_CLASSES = {
    "organic": "organic", "referral": "organic", "word of mouth": "organic",
    "direct": "organic", "seo": "organic",
    "paid": "paid", "ads": "paid", "sales": "paid", "outbound": "paid",
    "paid_search": "paid",
}

HUMAN_ANSWERS = {
    "very_disappointed": "Very disappointed",
    "somewhat_disappointed": "Somewhat disappointed",
    "not_disappointed": "Not disappointed",
    "no_longer_use": "N/A - I no longer use it",
}


def ev(id, kind, summary, source, date, value=None, unit=None):
    return {"id": id, "kind": kind, "summary": summary, "source": source, "date": date,
            "value": value, "unit": unit}


EVIDENCE = [
    ev("ev-01", "usage", "41% of weekly active accounts copy last month's invoice by hand",
       "product analytics (PostHog), October", "2026-10-28", 0.41, "share"),
    ev("ev-02", "request", "63 support conversations asking for automatic payment reminders since August",
       "Help Scout, tag “reminders”", "2026-11-10", 63, "conversations"),
    ev("ev-03", "interview", "9 of 12 interviewed designers want invoices in their own brand (logo, fonts, colours)",
       "customer interviews, October", "2026-10-20", 0.75, "share"),
    ev("ev-04", "metric", "PDF generation takes 8.4 s at the 95th percentile during month-end runs",
       "Grafana, invoice service dashboard", "2026-11-02", 8.4, "s"),
    ev("ev-05", "incident", "Month-end outage: invoice e-mails blocked web workers, 47 minutes of errors",
       "incident report INC-31", "2026-11-01"),
    ev("ev-06", "experiment", "Invoices with automatic reminders were paid 4.2 days sooner",
       "A/B test EXP-7, 1,140 invoices", "2026-10-14", 4.2, "days"),
    ev("ev-07", "other", "Competitor Ledgerly launched team workspaces",
       "Ledgerly product newsletter", "2026-09-30"),
    ev("ev-08", "metric", "18% of sign-ups come from the “Sent with Tally” footer on invoices",
       "product analytics (PostHog), Q3", "2026-10-05", 0.18, "share"),
    ev("ev-09", "incident", "Database CPU at 92% while month-end reports run on the primary",
       "Grafana alert DB-CPU-HIGH", "2026-11-01", 0.92, "share"),
    ev("ev-10", "request", "22 users asked for a DATEV export for their tax advisers",
       "Help Scout and feedback board", "2026-10-06", 22, "requests"),
    ev("ev-11", "experiment", "Spike: wkhtmltopdf cannot render CSS grid or variable fonts",
       "two-day technical spike", "2026-10-22"),
]


def debt(id, title, component, quadrant, principal, interest, bottleneck, hard_ceiling,
         status, owner, recorded, evidence):
    return {"id": id, "title": title, "component": component, "quadrant": quadrant,
            "principal_days": principal, "interest_hours_per_week": interest,
            "bottleneck": bottleneck, "hard_ceiling": hard_ceiling, "status": status,
            "owner": owner, "recorded": recorded, "evidence": evidence}


DEBTS = [
    debt("debt-01", "PDF rendering on unmaintained wkhtmltopdf", "pdf", "prudent_deliberate",
         12, 5, True, True, "scheduled", "Jon", "2026-03-10", ["ev-04", "ev-11"]),
    debt("debt-02", "Invoice e-mails sent inside the web request", "mailer", "reckless_deliberate",
         4, 6, True, False, "open", None, "2026-05-02", ["ev-05"]),
    debt("debt-03", "Reports run on the single Postgres primary", "database", "prudent_deliberate",
         6, 3, True, False, "open", "Ada", "2026-06-15", ["ev-09"]),
    debt("debt-04", "No automated tests around tax and totals", "billing core", "reckless_inadvertent",
         8, 4, False, False, "open", None, "2026-07-20", []),
    debt("debt-05", "Server-rendered pages with jQuery widgets", "web frontend", "prudent_deliberate",
         30, 2, False, False, "accepted", None, "2026-02-01", []),
    debt("debt-06", "VAT rules copied per country", "tax", "prudent_inadvertent",
         5, 2, False, False, "open", "Ada", "2026-08-12", []),
    debt("debt-07", "Manual deploys from a laptop", "deployment", "reckless_deliberate",
         3, 3, False, False, "paid", "Jon", "2026-04-01", []),
    debt("debt-08", "Dates stored in Europe/Berlin local time", "database", "prudent_inadvertent",
         2, 1, False, False, "open", None, "2026-09-05", []),
]


def item(id, title, dimension, kind, horizon, status, effort=None, owner=None, target=None,
         evidence=(), debts=(), depends_on=(), description=""):
    return {"id": id, "title": title, "description": description, "dimension": dimension,
            "kind": kind, "horizon": horizon, "status": status, "position": None,
            "effort_days": effort, "owner": owner, "target": target,
            "evidence": list(evidence), "debts": list(debts), "depends_on": list(depends_on)}


ITEMS = [
    # Technology.
    item("it-01", "Replace wkhtmltopdf with a maintained PDF engine", "technology", "rewrite",
         "now", "in_progress", 10, "Jon", "2026-12-18", ["ev-04", "ev-11"], ["debt-01"],
         description="The engine cannot be extended to branded templates and is slow at month end; "
         "a rewrite of this one component is justified by a hard ceiling."),
    item("it-02", "Split invoicing into microservices", "technology", "rearchitecture",
         "now", "planned", 25, "Jon", "2027-01-29",
         description="Proposed after a conference talk; no measured problem behind it yet."),
    item("it-03", "Rewrite the web app as a React single-page app", "technology", "rewrite",
         "later", "idea", 60, debts=["debt-05"]),
    item("it-04", "Test suite for tax and totals", "technology", "hardening",
         "next", "planned", 6, "Ada", "2027-01-15", debts=["debt-04", "debt-06"]),
    item("it-05", "Send invoice e-mails from a background queue", "technology", "rearchitecture",
         "later", "idea", 4, evidence=["ev-05"], debts=["debt-02"], depends_on=["it-19"]),
    # Product.
    item("it-06", "Automatic payment reminders", "product", "feature",
         "now", "in_progress", 8, "Mia", "2026-12-05", ["ev-02", "ev-06"]),
    item("it-07", "Recurring invoices", "product", "feature",
         "now", "planned", 10, "Sam", "2026-12-19", ["ev-01"], depends_on=["it-19"]),
    item("it-08", "Branded invoice templates", "product", "feature",
         "next", "planned", 12, "Sam", "2027-02-12", ["ev-03"], depends_on=["it-01"]),
    item("it-09", "Team workspaces with roles", "product", "feature",
         "next", "idea", 20, evidence=["ev-07"]),
    item("it-10", "DATEV export for tax advisers", "product", "feature",
         "later", "idea", 5, evidence=["ev-10"], depends_on=["it-04"]),
    item("it-11", "Client portal with online payment", "product", "feature",
         "later", "idea", 15),
    item("it-12", "Google Ads campaign for agencies", "product", "growth",
         "now", "planned", 3, "Mia", "2026-12-01",
         description="3,000 € a month on search ads for “agency invoicing software”."),
    item("it-13", "Referral credits for the “Sent with Tally” footer", "product", "growth",
         "next", "idea", 4, "Mia", evidence=["ev-08"]),
    # Team.
    item("it-14", "Weekly customer interview rota", "team", "process",
         "now", "done", 1, "Mia", evidence=["ev-03"]),
    item("it-15", "Hire a second backend engineer", "team", "hiring",
         "next", "planned", None, "Mia", "2027-03-01", ["ev-04", "ev-09"]),
    item("it-16", "On-call rotation and incident reviews", "team", "process",
         "next", "planned", 2, "Jon", "2027-01-08", ["ev-05"], depends_on=["it-21"]),
    item("it-17", "Hire a sales lead for agencies", "team", "hiring",
         "later", "idea"),
    # Infrastructure.
    item("it-18", "Move reports to a read replica", "infrastructure", "hardening",
         "now", "in_progress", 3, "Ada", "2026-11-28", ["ev-09"], ["debt-03"]),
    item("it-19", "Scheduled jobs runner", "infrastructure", "automation",
         "next", "planned", 4, "Ada", "2027-01-22"),
    item("it-20", "CI pipeline with one-click deploys", "infrastructure", "automation",
         "now", "done", 3, "Jon", debts=["debt-07"]),
    item("it-21", "Error tracking and uptime alerts", "infrastructure", "hardening",
         "now", "done", 1, "Jon", evidence=["ev-05"]),
    item("it-22", "Multi-region Kubernetes cluster", "infrastructure", "rearchitecture",
         "later", "dropped", 30,
         description="Dropped: one region serves every customer well within our latency budget."),
]


def assign_positions(items):
    counters = {}
    for it in items:
        place = (it["dimension"], it["horizon"])
        it["position"] = counters.get(place, 0)
        counters[place] = it["position"] + 1


# ---- Datasets ----

COHORT_SIZES = [96, 132, 118, 87, 141, 125, 109, 153, 134, 118, 147, 162]


def cohorts(rng):
    """Twelve weekly cohorts; each has data up to EXPORTED. Curves decay to a plateau
    around a third."""
    first = EXPORTED - datetime.timedelta(weeks=len(COHORT_SIZES))
    out = []
    for i, size in enumerate(COHORT_SIZES):
        start = first + datetime.timedelta(weeks=i)
        periods = (EXPORTED - start).days // 7
        plateau = 0.326 + rng.uniform(-0.004, 0.004)
        tau = 1.35 + rng.uniform(-0.15, 0.15)
        retained = [size]
        for p in range(1, periods + 1):
            frac = plateau + (1 - plateau) * math.exp(-p / tau)
            # A user or two comes back some weeks: real curves are not monotonic.
            retained.append(max(1, round(size * frac + rng.uniform(-0.9, 0.9))))
        out.append({"cohort": start.isoformat(), "size": size, "retained": retained})
    return out


# Respondents who use the product, per segment: (very, somewhat, not disappointed).
SEGMENTS = {
    "freelance designers": (26, 9, 5),
    "developers": (13, 15, 10),
    "agencies": (4, 12, 14),
    "consultants": (8, 10, 8),
}
NO_LONGER_USE = {"freelance designers": 1, "developers": 2, "agencies": 5, "consultants": 1}
# Respondents who answered twice: their first answer, a survey round earlier.
REPEATS = 6
SURVEY_MONTHS = [(2026, 8), (2026, 9), (2026, 10), (2026, 11)]


def survey(rng):
    people = []
    for seg, counts in SEGMENTS.items():
        for answer, n in zip(["very_disappointed", "somewhat_disappointed", "not_disappointed"], counts):
            people += [(seg, answer)] * n
        people += [(seg, "no_longer_use")] * NO_LONGER_USE[seg]
    rng.shuffle(people)
    rows = []
    for n, (seg, answer) in enumerate(people):
        # Later survey rounds love the product more: the month leans later for
        # "very disappointed", so the monthly score visibly climbs.
        weights = [1, 1.3, 1.5, 1.2] if answer == "very_disappointed" else [1.5, 1.4, 1.2, 0.8]
        y, m = rng.choices(SURVEY_MONTHS, weights=weights)[0]
        last_day = 13 if m == 11 else 28
        d = datetime.date(y, m, rng.randrange(3, last_day + 1))
        rows.append({"answer": answer, "date": d.isoformat(), "segment": seg,
                     "respondent": "r-%03d" % (n + 1)})
    # A few respondents answered again in a later round; their latest answer counts.
    later = [r for r in rows if r["date"] >= "2026-10-01" and r["answer"] != "no_longer_use"]
    for r in rng.sample(later, REPEATS):
        d = datetime.date(2026, 8, rng.randrange(3, 29))
        first = "somewhat_disappointed" if r["answer"] == "very_disappointed" else "not_disappointed"
        rows.append({"answer": first, "date": d.isoformat(), "segment": r["segment"],
                     "respondent": r["respondent"]})
    rows.sort(key=lambda r: (r["date"], r["respondent"]))
    return rows


# New users per month and channel.
ACQUISITION = {
    "2026-05": {"organic": 52, "referral": 31, "word of mouth": 22, "paid_search": 118, "ads": 71},
    "2026-06": {"organic": 63, "referral": 38, "word of mouth": 26, "paid_search": 112, "ads": 69},
    "2026-07": {"organic": 70, "referral": 46, "word of mouth": 33, "paid_search": 109, "ads": 75},
    "2026-08": {"organic": 84, "referral": 55, "word of mouth": 38, "paid_search": 114, "ads": 71},
    "2026-09": {"organic": 101, "referral": 69, "word of mouth": 47, "paid_search": 121, "ads": 68},
    "2026-10": {"organic": 118, "referral": 83, "word of mouth": 58, "paid_search": 126, "ads": 66},
}


def acquisition():
    rows = []
    for period, channels in ACQUISITION.items():
        for channel in sorted(channels):
            rows.append({"period": period, "channel": channel, "new_users": channels[channel]})
    return rows


def project():
    rng = random.Random(20261121)
    assign_positions(ITEMS)
    return {
        "format": "keel-project",
        "version": 1,
        "name": NAME,
        "settings": SETTINGS,
        "signals": SIGNALS,
        "datasets": {
            "retention_period": "week",
            "retention_cohorts": cohorts(rng),
            "survey_responses": survey(rng),
            "acquisition": acquisition(),
            "channel_classes": CHANNEL_CLASSES,
        },
        "evidence": EVIDENCE,
        "items": ITEMS,
        "debts": DEBTS,
    }


# ---- Output ----

def dump_json(doc):
    """The JSON exactly as `keel-cli export` writes it (doc/file-format.md): two-space
    indentation, objects ordered by id, dataset rows one per line, every field written,
    nulls included. So importing the sample and exporting it again gives these bytes,
    which the `sample-cli` test checks."""
    def v(x):
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))

    def obj(o, indent):
        pad = "  " * indent
        lines = ["%s%s: %s" % (pad + "  ", v(k), v(x)) for k, x in o.items()]
        return "{\n" + ",\n".join(lines) + "\n" + pad + "}"

    def objects(key, items, last=False):
        if not items:
            return '  %s: []%s\n' % (v(key), "" if last else ",")
        body = ",\n".join("    " + obj(o, 2) for o in sorted(items, key=lambda o: o["id"].encode()))
        return '  %s: [\n%s\n  ]%s\n' % (v(key), body, "" if last else ",")

    def rows(key, items):
        if not items:
            return '    %s: [],\n' % v(key)
        return '    %s: [\n%s\n    ],\n' % (v(key), ",\n".join("      " + v(r) for r in items))

    signals = [dict({"id": None, "kind": None, "name": None, "value": None, "target": None,
                     "comparison": None, "date": None, "source": None, "required": None}, **s)
               for s in doc["signals"]]
    ds = doc["datasets"]
    classes = sorted(ds["channel_classes"].items(), key=lambda kv: kv[0].encode())
    out = "{\n"
    out += '  "format": %s,\n  "version": %s,\n  "name": %s,\n' % (
        v(doc["format"]), v(doc["version"]), v(doc["name"]))
    out += '  "settings": %s,\n' % obj(doc["settings"], 1)
    out += '  "signals": [\n%s\n  ],\n' % ",\n".join("    " + obj(s, 2) for s in signals)
    out += '  "datasets": {\n'
    out += '    "retention_period": %s,\n' % v(ds["retention_period"])
    out += rows("retention_cohorts", sorted(ds["retention_cohorts"], key=lambda r: r["cohort"]))
    out += rows("survey_responses", sorted(ds["survey_responses"],
                                           key=lambda r: (r["date"], r["respondent"])))
    out += rows("acquisition", sorted(ds["acquisition"], key=lambda r: (r["period"], r["channel"].encode())))
    out += '    "channel_classes": {\n%s\n    }\n' % ",\n".join(
        "      %s: %s" % (v(k), v(x)) for k, x in classes)
    out += "  },\n"
    out += objects("evidence", doc["evidence"])
    out += objects("items", doc["items"])
    out += objects("debts", doc["debts"], last=True)
    out += "}\n"
    return out


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    doc = project()
    with open(os.path.join(outdir, "sample.json"), "w", encoding="utf-8") as f:
        f.write(dump_json(doc))
    ds = doc["datasets"]
    width = max(len(c["retained"]) for c in ds["retention_cohorts"])
    write_csv(os.path.join(outdir, "sample-retention.csv"),
              ["cohort", "size"] + ["period_%d" % p for p in range(width)],
              [[c["cohort"], c["size"]] + c["retained"] + [""] * (width - len(c["retained"]))
               for c in ds["retention_cohorts"]])
    write_csv(os.path.join(outdir, "sample-survey.csv"),
              ["answer", "date", "segment", "respondent"],
              [[HUMAN_ANSWERS[r["answer"]], r["date"], r["segment"], r["respondent"]]
               for r in ds["survey_responses"]])
    write_csv(os.path.join(outdir, "sample-acquisition.csv"),
              ["period", "channel", "new_users"],
              [[r["period"], r["channel"], r["new_users"]] for r in ds["acquisition"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
