"""The analysis in the steps a notebook shows, each a table in and a table out.

    evidence = load()                                  # the ledger and the references
    claims = select(evidence, chapter="03-troops")     # the claims of one chapter
    windows = windows_of(claims, evidence, conventions)    # each expression as a range
    matches = match(claims, evidence, conventions)     # references of the same subject, compared
    verdicts = decide(claims, matches, evidence, conventions)
    pairs = cross_check(claims, verdicts, evidence, conventions)
    findings = gather(verdicts, pairs, evidence)
    findings = review(findings, evidence)               # the sign-offs on record, and the severity they set
    findings = publish(findings, robustness(claims, evidence), evidence)   # the editorial gate
    verdicts = outcomes(verdicts, findings, steadiness(claims, evidence), withheld(evidence))
                                                        # what a reader is told of each claim

`conventions` is "strict", "default" or "loose": the variant of
data/conventions.csv every window is read under. The pipeline
(paris1944.pipeline) runs these same functions, in this order, for each
variant; nothing a notebook shows is computed another way.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import vocabulary as v
from ..evidence import Evidence, load
from . import review as gate
from .conventions import VARIANTS
from .examination import Examination
from .findings import gather as _gather
from .review import outcomes, review, withheld
from .windows import iso

__all__ = [
    "load",
    "select",
    "windows_of",
    "match",
    "decide",
    "cross_check",
    "gather",
    "review",
    "robustness",
    "steadiness",
    "withheld",
    "publish",
    "outcomes",
    "examine",
]


@cache
def examination(evidence: Evidence, conventions: str) -> Examination:
    """Everything one variant of the conventions needs, built once per evidence and variant."""
    return Examination(
        list(evidence.claim_records.values()),
        [evidence.statements[r] for r in evidence.references["ref_id"]],
        evidence.subjects,
        evidence.entities,
        evidence.units,
        evidence.conventions,
        conventions,
        evidence.vocabulary,
    )


def _records(claims: pd.DataFrame, evidence: Evidence) -> list:
    return [evidence.statements[c] for c in claims["claim_id"]]


def select(evidence: Evidence, chapter: str | None = None, categories: tuple[str, ...] = ()) -> pd.DataFrame:
    """The claims of a chapter of the book (categories.csv, column chapter), or of the categories named, with the
    claims of the same source they are read against: the date a 'next day' counts from, the period an event is
    placed in, the part and the whole a share speaks of. A chapter's findings are then the whole book's."""
    chosen = tuple(categories) or (evidence.vocabulary.chapter(chapter) if chapter else tuple(evidence.vocabulary.categories))
    claims = evidence.claims
    ids = set(claims.loc[claims["category"].isin(chosen), "claim_id"])
    while True:
        more = ids | {x for i in ids for x in _read_against(evidence, i)}
        if more == ids:
            break
        ids = more
    return claims[claims["claim_id"].isin(ids)].reset_index(drop=True)


def _read_against(evidence: Evidence, claim_id: str) -> set[str]:
    c = evidence.claim_records[claim_id]
    out = {x for x in (c.anchor, c.within) if x}
    subject = evidence.subjects[c.subject]
    related = {subject.part_subject, subject.whole_subject} - {""}
    out |= {o.claim_id for o in evidence.claim_records.values() if o.source_id == c.source_id and o.subject in related}
    return out


def windows_of(statements: pd.DataFrame, evidence: Evidence, conventions: str = "default") -> pd.DataFrame:
    """The range of days or figures each statement admits under a variant, and the convention that sets it.
    Dates are shown as ISO days (an open end is empty); lo and hi are what the comparisons use."""
    exam = examination(evidence, conventions)
    key = "claim_id" if "claim_id" in statements else "ref_id"
    rows = []
    for some_id in statements[key]:
        w = exam.window(evidence.statements[some_id])
        if w is None:
            continue
        days = w.measure == v.DAYS
        show = iso if days else _figure
        rows.append({"id": some_id, "convention": w.convention, "measure": w.measure, "low": show(w.lo), "high": show(w.hi), "lo": w.lo, "hi": w.hi})
    return pd.DataFrame(rows, columns=["id", "convention", "measure", "low", "high", "lo", "hi"])


def match(claims: pd.DataFrame, evidence: Evidence, conventions: str = "default") -> pd.DataFrame:
    """Every reference on each claim's subject that can speak to it: its rank, whether it can decide (first rank),
    whether it counts the same place and period, and whether the two agree (windows overlap, or the same name)."""
    return examination(evidence, conventions).match(_records(claims, evidence))


def decide(claims: pd.DataFrame, matches: pd.DataFrame, evidence: Evidence, conventions: str = "default") -> pd.DataFrame:
    """Each claim's verdict: agrees, conflicts, other_scope or unverifiable, and the references it rests on."""
    return examination(evidence, conventions).decide(_records(claims, evidence), matches)


def cross_check(claims: pd.DataFrame, verdicts: pd.DataFrame, evidence: Evidence, conventions: str = "default") -> pd.DataFrame:
    """Disagreements between sources and within a source, which no single reference shows."""
    return examination(evidence, conventions).cross_check(_records(claims, evidence), verdicts)


def gather(verdicts: pd.DataFrame, pairs: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """One row per error, however many comparisons show it."""
    return _gather(verdicts, pairs, evidence.claim_records)


@cache
def _every_variant(evidence: Evidence, ids: tuple[str, ...]) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """The verdicts and findings of the same claims under strict, default and loose, computed once."""
    claims = evidence.claims[evidence.claims["claim_id"].isin(ids)]
    out = {}
    for variant in VARIANTS:
        verdicts = decide(claims, match(claims, evidence, variant), evidence, variant)
        out[variant] = (verdicts, gather(verdicts, cross_check(claims, verdicts, evidence, variant), evidence))
    return out


def robustness(claims: pd.DataFrame, evidence: Evidence) -> dict[str, list[str]]:
    """The variants of the conventions each finding holds under: the same steps run under strict, default and loose."""
    holds: dict[str, list[str]] = {}
    for variant, (_, findings) in _every_variant(evidence, tuple(claims["claim_id"])).items():
        for fid in findings["finding_id"]:
            holds.setdefault(fid, []).append(variant)
    return holds


def steadiness(claims: pd.DataFrame, evidence: Evidence) -> frozenset:
    """The claims whose agreement with the record depends on the variant of the conventions (agrees under one,
    conflicts under another): a reader is not told they agree."""
    return gate.unsteady({x: verdicts for x, (verdicts, _) in _every_variant(evidence, tuple(claims["claim_id"])).items()})


def publish(findings: pd.DataFrame, holds: dict[str, list[str]], evidence: Evidence) -> pd.DataFrame:
    """The editorial gate: each finding is published only when signed off, resting on one step of inference at most
    and holding under every variant; with the conventions it depends on and whether the error is inherited."""
    return gate.publish(findings, holds, evidence)


def examine(evidence: Evidence, conventions: str = "default", claims: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Every step for the claims given (all by default) under one variant: the tables a notebook shows, by name."""
    claims = evidence.claims if claims is None else claims
    windows = windows_of(claims, evidence, conventions)
    matches = match(claims, evidence, conventions)
    verdicts = decide(claims, matches, evidence, conventions)
    pairs = cross_check(claims, verdicts, evidence, conventions)
    findings = gather(verdicts, pairs, evidence)
    findings = review(findings, evidence)
    findings = publish(findings, robustness(claims, evidence), evidence)
    verdicts = outcomes(verdicts, findings, steadiness(claims, evidence), gate.withheld(evidence))
    return {"claims": claims, "windows": windows, "matches": matches, "verdicts": verdicts, "pairs": pairs, "findings": findings}


def _figure(x: float) -> str:
    import math

    if math.isinf(x):
        return ""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.4g}" if abs(x) < 10 else f"{x:.1f}"
