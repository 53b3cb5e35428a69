"""From the inputs to data/derived/: evidence in, the analysis steps, tables of facts out.

`paris1944 data` (make data) runs analysis.steps for each variant of the
conventions, in the order a notebook shows them, and writes what they find:
ids, values and codes, never sentences (the publication layer words them).
`make book` runs it first, so an edited input always reaches the page. Files
whose content would not change are left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import paths
from . import vocabulary as v
from .analysis import steps
from .analysis.conventions import VARIANTS
from .evidence import Evidence, load, package


@dataclass
class Analysis:
    """The whole cross-examination of one data folder, under every variant, computed once."""

    data_dir: Path

    @cached_property
    def evidence(self) -> Evidence:
        return load(self.data_dir)

    @cached_property
    def results(self) -> dict[str, dict[str, pd.DataFrame]]:
        """Each variant's tables, by step (analysis.steps.examine)."""
        return {x: steps.examine(self.evidence, x) for x in VARIANTS}

    # ------------------------------------------------------------ derived tables
    def windows_table(self) -> pd.DataFrame:
        refs = self.evidence.references
        frames = []
        for variant in VARIANTS:
            for statements in (self.evidence.claims, refs):
                w = steps.windows_of(statements, self.evidence, variant)
                frames.append(w.assign(variant=variant))
        return pd.concat(frames)[package.columns("windows")]

    @cached_property
    def findings(self) -> pd.DataFrame:
        """Every finding under any variant, one row each: the default's, then those that hold only under another."""
        frames = [self.results["default"]["findings"]]
        frames += [self.results[x]["findings"] for x in VARIANTS if x != "default"]
        every = pd.concat(frames).drop_duplicates("finding_id")
        return every[package.columns("findings")].reset_index(drop=True)

    @cached_property
    def verdicts(self) -> pd.DataFrame:
        """Each claim's verdict under the default conventions and what a reader is told of it (outcome)."""
        return self.results["default"]["verdicts"][package.columns("verdicts")]

    def timeline_table(self) -> pd.DataFrame:
        """Every dated claim's window under the default conventions, in date order."""
        w = self.results["default"]["windows"].set_index("id")
        claims = self.evidence.claims
        dated = claims[claims["category"].map(self.evidence.vocabulary.measure) == v.DAYS]
        dated = dated[dated["claim_id"].isin(w.index)]
        t = dated[package.columns("timeline")[:4]].assign(
            earliest=dated["claim_id"].map(w["low"]), latest=dated["claim_id"].map(w["high"])
        )
        return t.sort_values(["latest", "source_id", "claim_id"], kind="stable")[package.columns("timeline")]

    def comparisons_table(self) -> pd.DataFrame:
        """The pairs behind each finding under the default conventions (what disagrees with what, and by how much)."""
        d = self.results["default"]
        pairs = pd.concat([_evidence_pairs(d["verdicts"]), d["pairs"]])
        f = self.findings
        rows = []
        for r in f[f["holds"].str.contains("default")].itertuples():
            ids = set(r.claim_ids.split()) | set(r.evidence.split())
            mine = pairs[pairs["claim_id"].isin(ids) & pairs["other_id"].isin(ids | {r.verdict_reference})]
            for p in mine.itertuples():
                rows.append({"comparison_id": f"{p.claim_id}~{p.other_id}", "finding_id": r.finding_id, "kind": p.kind, "claim_id": p.claim_id,
                             "other": p.other_id, "difference": p.difference, "measure": p.measure, "later": p.later})
        out = pd.DataFrame(rows, columns=package.columns("comparisons")).drop_duplicates("comparison_id")
        return out

    def agreement_table(self) -> pd.DataFrame:
        """Per source and subject: the claims' outcomes, the references that decide, the findings, the sources that agree."""
        claims = self.evidence.claims.merge(self.verdicts, on="claim_id")
        order = {s: r.order for s, r in self.evidence.vocabulary.statuses.items()}
        rows = []
        for (sid, subject), g in claims.groupby(["source_id", "subject"], sort=True):
            rows.append(
                {
                    "source_id": sid,
                    "subject": subject,
                    "category": g["category"].iloc[0],
                    "outcome": min(g["outcome"], key=lambda o: (o not in (v.IN_ERROR, v.UNDER_REVIEW), order[o])),
                    "claims": " ".join(g["claim_id"]),
                    "references": " ".join(sorted({r for refs in g["references"] for r in refs.split()})),
                    "findings": " ".join(sorted(set(g["finding_id"]) - {""})),
                }
            )
        return pd.DataFrame(rows, columns=package.columns("agreement"))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "reference": self.evidence.references,
            "windows": self.windows_table(),
            "verdicts": self.verdicts,
            "timeline": self.timeline_table(),
            "findings": self.findings,
            "comparisons": self.comparisons_table(),
            "agreement": self.agreement_table(),
        }


def _evidence_pairs(verdicts: pd.DataFrame) -> pd.DataFrame:
    from .analysis.examination import evidence_pairs

    return evidence_pairs(verdicts)


def analysis(data_dir: Path | None = None) -> Analysis:
    return Analysis(Path(data_dir or paths.DATA))


def write(data_dir: Path | None = None) -> list[Path]:
    """Write every derived table of a data folder; returns the paths (unchanged files are not rewritten)."""
    a = analysis(data_dir)
    return [package.write(name, table.to_dict("records"), a.data_dir) for name, table in a.tables().items()]
