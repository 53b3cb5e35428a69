"""Findings: one per distinct error or disagreement, however many pairs prove it.

The cross-examination runs under the strict, default and loose conventions.
Within a variant, the pairs that prove one error are grouped (`gather`):

- a source's claims on a subject that conflict with the first-rank references
  are one finding (kind source_vs_reference), and every other source that
  disagrees with them is evidence for it, not a finding of its own;
- so are a source's figures that match only a reference of another scope
  (scope) and a source contradicting itself on one subject (internal);
- sources that disagree where no reference decides make one finding per
  subject (source_vs_source).

Across variants (`findings`), a finding holds under the variants whose pairs
prove it. Severity is not computed here: it follows the consequence a
reviewer records (analysis.review).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import vocabulary as v
from ..evidence import package
from .conventions import VARIANTS
from .examination import Pair, evidence_pairs

# The findings table (datapackage.json) up to what the review and the gate add to it.
FINDING_COLUMNS = package.columns("findings")[: package.columns("findings").index("fingerprint")]


@dataclass
class Finding:
    key: tuple  # (kind, source_id or "", subject)
    pairs: dict[str, list[Pair]] = field(default_factory=dict)  # variant -> pairs that prove it
    evidence: dict[str, list[Pair]] = field(default_factory=dict)  # variant -> pairs attached as corroboration

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def subject(self) -> str:
        return self.key[2]

    @property
    def variants(self) -> list[str]:
        return [x for x in VARIANTS if self.pairs.get(x)]

    @property
    def robustness(self) -> str:
        """The variants it holds under, space-separated ('strict default loose' when it holds under all)."""
        return " ".join(self.variants)

    @property
    def headline_variant(self) -> str:
        """The default where the finding holds there, else the variant it holds under."""
        return "default" if "default" in self.variants else self.variants[0]

    def claim_ids(self) -> list[str]:
        """The claims in error (for disagreements between sources and within one, every claim in them)."""
        ids = set()
        for pairs in self.pairs.values():
            for p in pairs:
                ids.add(p.claim_id)
                if self.kind in (v.BETWEEN_SOURCES, v.INTERNAL):
                    ids.add(p.other_id)
        return sorted(ids)

    @property
    def finding_id(self) -> str:
        """Stable under every variant: the source, the subject and, but for an error against the record, the kind."""
        kind, source, subject = self.key
        suffix = {v.AGAINST_RECORD: "", v.SCOPE: "-scope", v.INTERNAL: "-internal", v.BETWEEN_SOURCES: "-sources"}[kind]
        return f"F-{source[:3]}-{subject}{suffix}" if source else f"F-{subject}{suffix}"

    def evidence_ids(self) -> list[str]:
        out = set()
        for group in (self.pairs, self.evidence):
            for pairs in group.values():
                for p in pairs:
                    out.add(p.other_id)
                    out.add(p.claim_id)
        return sorted(out - set(self.claim_ids()) if self.kind == v.AGAINST_RECORD else out)


def group(pairs: list[Pair], claims: dict) -> dict[tuple, tuple[list[Pair], list[Pair]]]:
    """The pairs of one variant, grouped by the finding they prove: key -> (proof, corroboration)."""
    out: dict[tuple, tuple[list[Pair], list[Pair]]] = {}
    for p in pairs:
        if p.kind in (v.AGAINST_RECORD, v.SCOPE):
            c = claims[p.claim_id]
            out.setdefault((p.kind, c.source_id, c.subject), ([], []))[0].append(p)
    for p in pairs:
        if p.kind != v.INTERNAL:
            continue
        # A source that gives a right and a wrong date for one event makes one error, found by the reference:
        # its contradiction is evidence for that finding, not a second one.
        keys = [(v.AGAINST_RECORD, claims[i].source_id, claims[i].subject) for i in (p.claim_id, p.other_id)]
        known = next((k for k in keys if k in out), None)
        if known:
            out[known][1].append(p)
        else:
            c = claims[p.claim_id]
            out.setdefault((v.INTERNAL, c.source_id, c.subject), ([], []))[0].append(p)
    for p in pairs:
        if p.kind != v.BETWEEN_SOURCES:
            continue
        a, b = claims[p.claim_id], claims[p.other_id]
        for c in (a, b):
            key = (v.AGAINST_RECORD, c.source_id, c.subject)
            if key in out:
                out[key][1].append(p)
                break
        else:
            out.setdefault((v.BETWEEN_SOURCES, "", a.subject), ([], []))[0].append(p)
    return out


def gather(verdicts: pd.DataFrame, pairs: pd.DataFrame, claims: dict) -> pd.DataFrame:
    """The findings of one variant: the verdicts' conflicts and the cross-checks' pairs, one row per error."""
    every = [*_pairs(evidence_pairs(verdicts)), *_pairs(pairs)]
    rows = []
    for key, (proof, corroboration) in group(every, claims).items():
        f = Finding(key, {"one": proof}, {"one": corroboration})
        first = proof[0]
        rows.append(
            {
                "finding_id": f.finding_id,
                "kind": f.kind,
                "source_id": claims[first.claim_id].source_id,
                "subject": f.subject,
                "claim_ids": " ".join(f.claim_ids()),
                "evidence": " ".join(f.evidence_ids()),
                "verdict_reference": first.other_id if f.kind in (v.AGAINST_RECORD, v.SCOPE) else "",
                "difference": first.comparison.difference,
                "measure": first.comparison.measure,
                "later": first.comparison.later,
                "reasons": " ".join(first.reasons),
            }
        )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS).sort_values(["kind", "finding_id"], key=_kind_order, kind="stable").reset_index(drop=True)


def _kind_order(col: pd.Series) -> pd.Series:
    if col.name != "kind":
        return col
    order = {k: r.order for k, r in v.read().kinds.items()}
    return col.map(order)


def _pairs(frame: pd.DataFrame) -> list[Pair]:
    from .examination import _pair

    return [_pair(r) for r in frame.itertuples()]
