"""The reference table: every reference fact, received or added, normalised into
one row per figure, date, command or participation statement.

The editorial readings live in data/reference/: which subject a fact speaks to
(fact_subjects.csv), which nation or formation a participation fact names
(participation_readings.csv), which work each fact is read in and whether the
copy read counts as that work (works.csv, fact_works.csv), who publishes each
address (publishers.csv) and how reliable each kind of work is
(reliability_classes.csv). This module only applies them: a row is weighed as
its work when the copy read is the work's own or verified, as its host when not.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import paths
from ..vocabulary import DAYS, NAME
from . import package

RECEIVED, ADDED = "reference_facts", "added_facts"
# A copy that counts as the work: read on the publisher's own site, or verified against a second copy.
VERIFIED = ("publisher_site", "verified_copy")
UNIT_ALIASES = {"killed+wounded": "killed_or_wounded"}
PARTS = ("killed", "wounded", "missing", "captured")


def publisher_of(url: str, publishers: list) -> tuple[str, str]:
    """(publisher, class) of an address: the longest matching prefix in publishers.csv."""
    best = max((p for p in publishers if url.startswith(p.url_prefix)), key=lambda p: len(p.url_prefix), default=None)
    if best is None:
        raise KeyError(f"no publisher covers {url}: add its prefix to data/reference/publishers.csv")
    return best.publisher, best.reliability


def side_of(subject: str) -> str:
    """Whose troops, losses or people a figure counts, read off the subject's name."""
    if subject.startswith("civilians") or subject in ("bastille_day_demonstrators", "parade_crowd"):
        return "civilian"
    if subject.startswith(("german", "falaise")):
        return "german"
    if subject.startswith(("resistance", "ffi", "insurgent", "barricades")):
        return "resistance"
    return "allied"


def _date_fields(value: str, date_iso: str) -> dict:
    if not date_iso and not value:
        return {}
    first, _, last = date_iso.partition("/")
    if last and value == first and re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
        return {"date": first, "date_end": last, "date_precision": "day"}
    for pattern, precision in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}", "month"), (r"\d{4}", "year")):
        if re.fullmatch(pattern, value):
            return {"date": value, "date_precision": precision}
    if re.fullmatch(r"\d{1,2}:\d{2}|before 24:00", value):
        return {"date": first, "date_precision": "day", "time": value}
    precision = "day" if len(first) == 10 else "month" if len(first) == 7 else "year"
    return {"date": first, "date_precision": precision}


def read_expression(raw: dict) -> str:
    """How a received fact hedges its figure, read off the table's own bounds and words."""
    low, high, value = raw["value_low"], raw["value_high"], raw["value"]
    if low and high:
        return "range"
    if low and low == value:
        return "more_than" if re.search(r"more than|over", raw["description"], re.I) else "at_least"
    if high and high == value:
        return "up_to"
    if re.search(r"~|\bc\.|\babout\b|\baround\b|\bapprox", raw["description"]):
        return "about"
    # The reference's own words may hedge the figure ("about 30 miles").
    if value and re.fullmatch(r"\d+", value):
        grouped = r"[,\s\u00a0\u202f]?".join(f"{int(value):,}".split(","))
        if re.search(rf"(~|\bc\.|\babout|\baround|\bapproximately|\bsome|\benviron|\bprès de|\bnearly)\s*{grouped}\b", raw["excerpt"], re.I):
            return "about"
    return "exact"


def normalise(data_dir: Path | None = None) -> list[dict]:
    """Every reference fact as rows of the derived reference table (every fact kept)."""
    d = Path(data_dir or paths.DATA)
    received = package.read_rows(RECEIVED, d)
    added = package.read_rows(ADDED, d)
    mapping: dict[str, list[dict]] = {}
    for m in package.read_rows("fact_subjects", d):
        mapping.setdefault(m["fact_id"], []).append(m)
    readings: dict[str, list[dict]] = {}
    for r in package.read_rows("participation_readings", d):
        readings.setdefault(r["fact_id"], []).append(r)
    publishers = package.records("publishers", d)
    ranks = {c.reliability: c.rank for c in package.records("reliability_classes", d)}
    works = {w.work_id: w for w in package.records("works", d)}
    measures = {c["category"]: c["measure"] for c in package.read_rows("categories", d)}
    cited = {f.fact_id: f for f in package.records("fact_works", d)}
    rows: list[dict] = []
    for source_table, facts in ((RECEIVED, received), (ADDED, added)):
        for fact in facts:
            host, host_class = publisher_of(fact["reference_url"], publishers)
            citing = cited[fact["fact_id"]]
            work = works[citing.work_id]
            klass = work.reliability if citing.copy in VERIFIED else host_class
            base = {c: "" for c in package.columns("reference")}
            base.update(
                fact_id=fact["fact_id"],
                description=fact["description"],
                work_id=work.work_id,
                work_title=work.title,
                author=work.author,
                year=work.year,
                locator=citing.locator,
                copy=citing.copy,
                host=host,
                publisher=work.publisher,
                reliability=klass,
                rank=ranks[klass],
                reference_title=fact["reference_title"],
                reference_url=fact["reference_url"],
                excerpt=fact["excerpt"],
                excerpt_lang=fact.get("excerpt_lang") or citing.excerpt_lang,
            )
            for n, row in enumerate(
                _statements(fact, mapping.get(fact["fact_id"], []), readings.get(fact["fact_id"], []), source_table == ADDED, measures)
            ):
                out = {**base, **row}
                out["ref_id"] = fact["fact_id"] if n == 0 else f"{fact['fact_id']}.{n + 1}"
                rows.append(out)
    subjects = {s["subject"]: s for s in package.read_rows("subjects", d)}
    return rows + computed(package.read_rows("computed_facts", d), rows, subjects)


def computed(facts: list[dict], rows: list[dict], subjects: dict) -> list[dict]:
    """Rows for facts computed from recorded rows (computed_facts.csv): the figure is left to the rule's convention
    (analysis.windows), the row is weighed as the weaker of its inputs and cites each of them."""
    by_id = {r["ref_id"]: r for r in rows}
    out = []
    for fact in facts:
        inputs = [by_id[i] for i in fact["inputs"].split()]
        weakest = max(inputs, key=lambda r: r["rank"])
        out.append(
            {
                **weakest,
                "ref_id": fact["fact_id"],
                "fact_id": fact["fact_id"],
                "subject": fact["subject"],
                "category": subjects[fact["subject"]]["category"],
                "value": "",
                "value_low": "",
                "value_high": "",
                "unit": subjects[fact["subject"]]["unit"],
                "expression": fact["rule"],
                "degree": "",
                "inputs": fact["inputs"],
                "description": fact["description"],
                "excerpt": " / ".join(r["excerpt"] for r in inputs),
            }
        )
    return out


def _statements(fact: dict, maps: list[dict], readings: list[dict], added: bool, measures: dict) -> list[dict]:
    """The statements one fact makes: one per subject it maps to (and per entity for participation)."""
    out = []
    category = fact["category"] if added else {"dates": "date"}.get(fact["category"], fact["category"])
    for m in maps:
        subject = m["subject"]
        scope = {k: m[k] or (fact.get(k) if added else "") for k in ("scope_place", "scope_from", "scope_to")}
        common = {"subject": subject, **scope, "degree": m.get("degree", "")}
        entity = m["entity"] or fact.get("entity", "")
        if readings:  # a received participation fact: one row per nation or formation it names
            for r in readings:
                note = f" [{r['note']}]" if r["note"] else ""
                out.append(
                    {
                        **common,
                        "category": "participation",
                        "entity": r["entity"],
                        "stance": r["stance"],
                        "side": "allied",
                        "expression": "stated",
                        "description": fact["description"] + note,
                        **_date_fields("", fact["date_iso"]),
                    }
                )
            continue
        if measures.get(category) == NAME:
            out.append(
                {
                    **common,
                    "category": category,
                    "entity": entity,
                    "stance": fact.get("stance", ""),
                    "side": "none",
                    "expression": "stated",
                    **_date_fields("", fact["date_iso"]),
                }
            )
            continue
        if m["part"] == "second figure":  # a date fact that also states a figure
            out.append(
                {
                    **common,
                    "category": "count",
                    "value": fact["value_low"],
                    "unit": m["unit"],
                    "expression": m["expression"] or "exact",
                    "side": side_of(subject),
                    **_date_fields("", fact["date_iso"]),
                }
            )
            continue
        if measures.get(category) == DAYS or fact["unit"] in ("date", "time (local)"):
            out.append(
                {
                    **common,
                    "category": "date",
                    "side": "none",
                    "expression": m["expression"] or "stated",
                    "entity": entity,
                    **_date_fields(fact["value"], fact["date_iso"]),
                }
            )
            continue
        value, unit = fact["value"], m["unit"] or UNIT_ALIASES.get(fact["unit"], fact["unit"])
        if m["part"] in PARTS:  # a compound value: "30000 killed / 80000 wounded / 210000 missing"
            found = dict((w, n) for n, w in re.findall(r"(\d+)\s+([a-z]+)", value))
            value, unit = found[m["part"]], m["part"]
        elif m["part"]:  # a compound of two scopes: "5000 inside / 15000 outskirts"
            value = dict((w, n) for n, w in re.findall(r"(\d+)\s+([a-z]+)", value))[m["part"]]
        if value == "unknown":
            out.append({**common, "category": category, "unit": "casualties", "expression": "unknown", "side": side_of(subject)})
            continue
        if m["expression"]:
            expression = m["expression"]
        elif m["part"]:  # one figure of a compound: hedged only if the compound is
            expression = "about" if "~" in fact["description"] else "exact"
        else:
            expression = read_expression(fact)
        out.append(
            {
                **common,
                "category": category,
                "value": value,
                "value_low": "" if m["part"] else fact["value_low"],
                "value_high": "" if m["part"] else fact["value_high"],
                "unit": unit,
                "expression": expression,
                "side": side_of(subject),
            }
        )
    return out
