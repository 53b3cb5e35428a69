"""Plain builders shared by the analysis tests (conventions, windows, examination, findings).

Tables are read with the csv module, never through the code under test. Claims, references,
subjects and entities are built the way pipeline.py builds them: rows of strings typed by the
data package (package.typed), where a missing cell and an empty one are the same.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from paris1944.evidence import package

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


# ------------------------------------------------------------------ tables and values
def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as strings keyed by column, read with the csv module; an empty file fails."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, path
    return rows


def one(table, key, variant) -> float:
    """A single-number convention's value, as the table writes it."""
    return float(table[key][variant])


def pair(table, key, variant) -> tuple[float, float]:
    """A range convention's two values ('2-5' -> 2.0, 5.0), as the table writes them."""
    lo, hi = table[key][variant].split("-")
    return float(lo), float(hi)


def o(text: str) -> int:
    """A day as a proleptic Gregorian ordinal."""
    return dt.date.fromisoformat(text).toordinal()


def day(text: str, plus: int = 0) -> str:
    """The ISO day `plus` days after the ISO day given (before it when `plus` is negative)."""
    return (dt.date.fromisoformat(text) + dt.timedelta(days=plus)).isoformat()


# ------------------------------------------------------------------ rows typed by the data package
def _strings(kw: dict) -> dict:
    """Keyword arguments as the cells of a row: None becomes '', anything else its str()."""
    return {k: "" if v is None else str(v) for k, v in kw.items()}


def claim(claim_id, source="S1", subject="event", category="date", expression="stated", **kw):
    """A claim as pipeline.py builds it: a row of strings typed by the data package."""
    return package.typed(
        "claims", {"claim_id": claim_id, "source_id": source, "subject": subject, "category": category, "expression": expression, **_strings(kw)}
    )


def ref(ref_id, subject="event", category="date", rank=1, expression="stated", fact_id=None, **kw):
    """A reference as pipeline.py builds it; its fact is ref_id up to any '.' unless fact_id names another."""
    fact = ref_id.split(".")[0] if fact_id is None else fact_id
    row = {"ref_id": ref_id, "fact_id": fact, "subject": subject, "category": category, "rank": str(rank), "expression": expression}
    return package.typed("reference", {**row, **_strings(kw)})


def subject(name, category="date", exclusive="", part="", whole="", unit=""):
    """A row of the subjects table, described by its own name; part and whole name the subjects of a share."""
    return package.typed(
        "subjects",
        {
            "subject": name,
            "category": category,
            "unit": unit,
            "description": name,
            "exclusive": exclusive,
            "part_subject": part,
            "whole_subject": whole,
        },
    )


def subjects_for(statements, given=None) -> dict:
    """A copy of the subjects given, with a plain subject for each statement's subject that is not among them."""
    subjects = dict(given or {})
    for s in statements:
        subjects.setdefault(s.subject, subject(s.subject, s.category))
    return subjects


def entity(name, kind, nation=""):
    """A row of the entities table: a nation, coalition, formation or person and the nation(s) it stands for."""
    return package.typed("entities", {"entity": name, "kind": kind, "nation": nation})


# ------------------------------------------------------------------ cases
def share_case(table, variant, amount=10000) -> tuple[list, dict, float, float]:
    """C004-22 + C004-38 in small: claims, subjects, the fewest prisoners the share implies, the most the claim allows.
    amount is the order the prisoners are counted in ('tens of thousands' by default, as C004-38)."""
    subjects = {
        "losses": subject("losses", "casualties", unit="casualties"),
        "pows": subject("pows", "casualties", unit="captured"),
        "pow_share": subject("pow_share", "share", unit="share", part="pows", whole="losses"),
    }
    claims = [
        claim("W", subject="losses", category="casualties", unit="casualties", expression="exact", value=450000),
        claim("S", subject="pow_share", category="share", unit="share", expression="most"),
        claim("P", subject="pows", category="casualties", unit="captured", expression="order_of", amount=amount),
    ]
    whole_lo = 450000 - min(5000, 450000 * one(table, "exact", variant))  # 450,000: the tens of thousands are significant
    implied_lo = pair(table, "most", variant)[0] * whole_lo
    part_hi = pair(table, "order_of", variant)[1] * amount
    return claims, subjects, implied_lo, part_hi
