"""Findings: one per distinct error or disagreement, however many pairs prove it.

The cross-examination runs under the strict, default and loose conventions.
Within a variant, the pairs that prove one error are grouped:

- a source's claims on a subject that conflict with the first-rank references
  are one finding (kind source_vs_reference), and every other source that
  disagrees with them is evidence for it, not a finding of its own;
- so are a source's figures that match only a reference of another scope
  (scope) and a source contradicting itself on one subject (internal);
- sources that disagree where no reference decides make one finding per
  subject (source_vs_source).

A finding's robustness says under which variants it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .conventions import VARIANTS, Conventions
from .examination import Examination, Pair

ORDER = {"source_vs_reference": 0, "internal": 1, "scope": 2, "source_vs_source": 3}
ROBUSTNESS = {
    frozenset(VARIANTS): "all conventions",
    frozenset({"strict", "default"}): "strict and default",
    frozenset({"default", "loose"}): "default and loose",
    frozenset({"strict", "loose"}): "strict and loose",
    frozenset({"strict"}): "strict only",
    frozenset({"default"}): "default only",
    frozenset({"loose"}): "loose only",
}


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
        return [v for v in VARIANTS if self.pairs.get(v)]

    @property
    def robustness(self) -> str:
        return ROBUSTNESS[frozenset(self.variants)]

    def severity(self, variant: str) -> str:
        pairs = self.pairs.get(variant, [])
        if not pairs:
            return ""
        return "major" if any(p.severity == "major" for p in pairs) else "minor"

    @property
    def headline_variant(self) -> str:
        """The default where the finding holds there, else the variant it holds under."""
        return "default" if "default" in self.variants else self.variants[0]

    def claim_ids(self) -> list[str]:
        """The claims in error (for disagreements between sources, every claim in them)."""
        ids = set()
        for pairs in self.pairs.values():
            for p in pairs:
                ids.add(p.claim_id)
                if self.kind in ("source_vs_source", "internal"):
                    ids.add(p.other_id)
        return sorted(ids)

    @property
    def finding_id(self) -> str:
        return "F-" + "+".join(self.claim_ids())

    def evidence_ids(self) -> list[str]:
        out = set()
        for group in (self.pairs, self.evidence):
            for pairs in group.values():
                for p in pairs:
                    out.add(p.other_id)
                    out.add(p.claim_id)
        return sorted(out - set(self.claim_ids()) if self.kind == "source_vs_reference" else out)


def group(exam: Examination) -> dict[tuple, tuple[list[Pair], list[Pair]]]:
    """The pairs of one variant, grouped by the finding they prove: key -> (proof, corroboration)."""
    claim = exam.by_id
    out: dict[tuple, tuple[list[Pair], list[Pair]]] = {}
    for p in exam.pairs:
        if p.kind not in ("source_vs_source", "internal"):
            c = claim[p.claim_id]
            out.setdefault((p.kind, c.source_id, c.subject), ([], []))[0].append(p)
    for p in exam.pairs:
        if p.kind != "internal":
            continue
        # A source that gives a right and a wrong date for one event makes one error, found by the reference:
        # its contradiction is evidence for that finding, not a second one.
        keys = [("source_vs_reference", claim[i].source_id, claim[i].subject) for i in (p.claim_id, p.other_id)]
        known = next((k for k in keys if k in out), None)
        if known:
            out[known][1].append(p)
        else:
            c = claim[p.claim_id]
            out.setdefault(("internal", c.source_id, c.subject), ([], []))[0].append(p)
    for p in exam.pairs:
        if p.kind != "source_vs_source":
            continue
        a, b = claim[p.claim_id], claim[p.other_id]
        for c in (a, b):
            key = ("source_vs_reference", c.source_id, c.subject)
            if key in out:
                out[key][1].append(p)
                break
        else:
            out.setdefault(("source_vs_source", "", a.subject), ([], []))[0].append(p)
    return out


def findings(claims, references, subjects, entities, units, conventions: Conventions) -> tuple[list[Finding], dict[str, Examination]]:
    """Every finding under any variant, and the examination of each variant."""
    exams = {v: Examination(claims, references, subjects, entities, units, conventions, v).run() for v in VARIANTS}
    by_key: dict[tuple, Finding] = {}
    for variant, exam in exams.items():
        for key, (proof, corroboration) in group(exam).items():
            f = by_key.setdefault(key, Finding(key))
            f.pairs[variant] = proof
            f.evidence[variant] = corroboration
    ordered = sorted(
        by_key.values(), key=lambda f: (0 if "default" in f.variants else 1, f.severity(f.headline_variant) != "major", ORDER[f.kind], f.finding_id)
    )
    return ordered, exams
