"""The editorial gate: a finding is published only when a reviewer has signed it off.

Reviews are inputs written by people (data/finding_reviews.csv, one row per
finding and review): the outcome, what a reader would wrongly believe (the
consequence, in a sentence, and its kind from the rubric in
data/vocabulary/consequences.csv, which sets the severity) and the
fingerprint of the finding as the reviewer saw it. A finding whose claims or
reference changed since it was signed has another fingerprint and is under
review again.

Two rules need no reviewer (`publishable`): a finding is not published when it
rests on more than one step of inference (a date counted from a date that is
itself counted from another), or when it does not hold under every variant of
the conventions (it rests on the edge of a window a convention set).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from .. import vocabulary as v
from ..evidence import Evidence, package
from .conventions import VARIANTS

SIGNED = "signed"
REVIEW_COLUMNS = ["fingerprint", "steps", "review_id", "outcome", "consequence", "consequence_kind", "severity"]
PUBLISH_COLUMNS = ["holds", "conventions", "gate", "origin"]


def fingerprint(finding: dict, evidence: Evidence) -> str:
    """What a reviewer signs: the finding's kind, claims and deciding reference, as their input rows stand."""
    claims = evidence.claims.set_index("claim_id")
    refs = evidence.references.set_index("ref_id")
    parts = [finding["kind"], finding["claim_ids"], finding["verdict_reference"]]
    parts += ["\x1f".join(claims.loc[c].tolist()) for c in finding["claim_ids"].split()]
    if finding["verdict_reference"] in refs.index:
        ref = refs.loc[finding["verdict_reference"]]
        parts.append(
            "\x1f".join(
                ref[
                    [
                        "category",
                        "value",
                        "value_low",
                        "value_high",
                        "unit",
                        "expression",
                        "date",
                        "date_end",
                        "entity",
                        "stance",
                        "scope_place",
                        "scope_from",
                        "scope_to",
                        "excerpt",
                        "work_id",
                        "rank",
                    ]
                ].tolist()
            )
        )
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:12]


BOUNDS = ("after", "before", "by")  # a reference date that only bounds the event (an appointment before an order)


def steps(claim_id: str, evidence: Evidence) -> int:
    """How many inferences a claim's date rests on: each date counted from another claim is one."""
    count, seen = 0, set()
    c = evidence.claim_records[claim_id]
    while c.anchor and c.anchor not in seen and c.anchor in evidence.claim_records:
        seen.add(c.anchor)
        count += 1
        c = evidence.claim_records[c.anchor]
    return count


def inferences(finding: dict, evidence: Evidence) -> int:
    """The inferences a finding rests on: those of its claims' dates, and one more when the deciding reference
    only bounds the event (a date 'after' or 'by' another)."""
    ref = evidence.statements.get(finding["verdict_reference"])
    return max(steps(c, evidence) for c in finding["claim_ids"].split()) + (1 if ref is not None and ref.expression in BOUNDS else 0)


def review(findings: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """Each finding with its sign-off: the review on record for it as it stands now, its consequence and severity."""
    reviews = {(r.finding_id, r.fingerprint): r for r in package.records("finding_reviews", evidence.data_dir)}
    rubric = evidence.vocabulary.consequences
    rows = []
    for f in findings.to_dict("records"):
        fp = fingerprint(f, evidence)
        r = reviews.get((f["finding_id"], fp))
        rows.append(
            {
                **f,
                "fingerprint": fp,
                "steps": inferences(f, evidence),
                "review_id": r.review_id if r else "",
                "outcome": r.outcome if r else "",
                "consequence": r.consequence if r else "",
                "consequence_kind": r.consequence_kind if r else "",
                "severity": rubric[r.consequence_kind].severity if r and r.outcome == SIGNED else "",
            }
        )
    return pd.DataFrame(rows, columns=[*findings.columns, *REVIEW_COLUMNS])


PUBLISHED = "published"


def gate(finding: dict, variants: list[str], all_variants: tuple[str, ...]) -> str:
    """Whether a finding is published, or why not (data/vocabulary/gates.csv): signed off, resting on one step of
    inference at most, and holding under every variant of the conventions."""
    if finding["outcome"] != SIGNED:
        return "rejected" if finding["outcome"] else "not_signed"
    if int(finding["steps"]) > 1:
        return "inference_chain"
    if set(variants) != set(all_variants):
        return "convention_edge"
    return PUBLISHED


def outcome(status: str, finding_gate: str) -> str:
    """What a reader is told of a claim: its verdict, or, for a claim in a finding, whether that finding is published."""
    if finding_gate == PUBLISHED:
        return v.IN_ERROR
    if finding_gate == "rejected":  # read on review and not signed: no error is claimed, and nothing else decides it
        return v.WITHHELD
    if finding_gate:
        return v.UNDER_REVIEW
    return status


def depends_on(finding: dict, evidence: Evidence) -> list[str]:
    """The conventions whose variants differ and that shape the windows a finding rests on."""
    from .steps import examination

    conv = evidence.conventions
    used = set()
    for variant in VARIANTS:
        exam = examination(evidence, variant)
        for i in set(finding["claim_ids"].split()) | set(finding["evidence"].split()):
            s = evidence.statements[i]
            w = exam.window(s)
            if w is not None:
                used.add(w.convention)
            if evidence.vocabulary.measure(s.category) == v.FIGURE:
                used.add("scope_dates")
    return sorted(k for k in used if k in conv and conv[k].varies())


def origin(finding: dict, evidence: Evidence) -> str:
    """Whether a finding's error is the copy's own or inherited (data/upstream_readings.csv)."""
    if finding["kind"] == v.BETWEEN_SOURCES:
        return "not applicable"
    upstreams = evidence.table("upstreams")
    if not ((upstreams["source_id"] == finding["source_id"]) & (upstreams["status"] == "identified")).any():
        return "upstream not identified"
    readings = evidence.table("upstream_readings")
    said = set(readings.loc[readings["claim_id"].isin(finding["claim_ids"].split()), "verdict"])
    if "same" in said:
        return "inherited"
    if said & {"differs", "silent"}:
        return "own"
    return "upstream not readable"


def publish(findings: pd.DataFrame, holds: dict[str, list[str]], evidence: Evidence) -> pd.DataFrame:
    """Each finding with the variants it holds under, the conventions it depends on, its gate and its origin."""
    rows = []
    for f in findings.to_dict("records"):
        variants = holds.get(f["finding_id"], [])
        rows.append(
            {
                **f,
                "holds": " ".join(variants),
                "conventions": " ".join(depends_on(f, evidence)),
                "gate": gate(f, variants, VARIANTS),
                "origin": origin(f, evidence),
            }
        )
    return pd.DataFrame(rows, columns=[*findings.columns, *PUBLISH_COLUMNS])


def outcomes(verdicts: pd.DataFrame, findings: pd.DataFrame, unsteady: frozenset = frozenset(), withheld: frozenset = frozenset()) -> pd.DataFrame:
    """The verdicts with the finding each claim is part of and what a reader is told of it.

    Only a finding that the claim itself is wrong (against the record, or a figure moved to another
    place or period) changes what the claim reads; a contradiction within a source or between sources
    says one of two claims is wrong, not which, so each keeps its own verdict. An agreement that another
    reading of the conventions turns into a conflict (unsteady) is not claimed; nor is a verdict a
    reviewer withheld (claim_reviews.csv): that claim reads as withheld, not decided.
    """
    finding_of, gate_of = {}, {}
    for r in findings[findings["kind"] != v.BETWEEN_SOURCES].sort_values("kind", key=lambda k: k == v.INTERNAL, ascending=False).itertuples():
        for c in r.claim_ids.split():
            finding_of[c] = r.finding_id
            gate_of[c] = r.gate if r.kind in (v.AGAINST_RECORD, v.SCOPE) else ""
    out = verdicts.copy()
    out["finding_id"] = [finding_of.get(c, "") for c in out["claim_id"]]
    told = []
    for s, c in zip(out["status"], out["claim_id"]):
        o = outcome(s, gate_of.get(c, ""))
        if o == v.AGREES and c in unsteady:
            o = v.DEPENDS
        if c in withheld and o in (v.AGREES, v.DEPENDS, v.OTHER_SCOPE, v.UNDER_REVIEW):
            o = v.WITHHELD
        told.append(o)
    out["outcome"] = told
    return out


def unsteady(statuses: dict[str, pd.DataFrame]) -> frozenset:
    """Claims that agree with the record under one variant of the conventions and conflict with it under another."""
    seen: dict[str, set] = {}
    for verdicts in statuses.values():
        for c, s in zip(verdicts["claim_id"], verdicts["status"]):
            seen.setdefault(c, set()).add(s)
    return frozenset(c for c, s in seen.items() if {v.AGREES, v.CONFLICTS} <= s)


def withheld(evidence: Evidence) -> frozenset:
    """Claims whose verdict a reviewer would not let the book print (claim_reviews.csv): the latest review of a
    claim rules, so a later review that lifts a withholding ('lifted') lets the verdict stand again."""
    latest = {}
    for r in package.records("claim_reviews", evidence.data_dir):
        latest[r.claim_id] = r.outcome
    return frozenset(c for c, o in latest.items() if o == v.WITHHELD)  # a review row withholds in the words of the outcome it gives
