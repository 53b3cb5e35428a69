"""What the book's pages read: the registry, the ledger, the references and the analysis's results.

`Book` loads a data folder once. `Results` are the tables the analysis steps
produce for some claims under one variant: a notebook passes its own (so that
changing its conventions cell changes what it shows), the book's other pages
read the pipeline's, from data/derived/. Either way each claim's status and
the words for it come from one place: the verdicts' outcome column and
data/vocabulary/statuses.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths
from .. import vocabulary as v
from ..analysis.conventions import VARIANTS
from ..evidence import Evidence, load, package
from ..evidence.reference import VERIFIED


@dataclass(eq=False)
class Results:
    """The analysis of some claims under one variant: the tables analysis.steps returns. Windows of references
    are computed under the same variant when the evidence is given (a notebook's own run), else read from
    data/derived/windows.csv."""

    claims: pd.DataFrame
    windows: pd.DataFrame  # id, convention, measure, low, high
    verdicts: pd.DataFrame  # claim_id, status, references, ..., finding_id, outcome
    findings: pd.DataFrame  # one row per finding, with its sign-off and gate
    variant: str = "default"
    evidence: Evidence | None = None

    @classmethod
    def of(cls, tables: dict, evidence: Evidence, variant: str) -> Results:
        return cls(tables["claims"], tables["windows"], tables["verdicts"], tables["findings"], variant, evidence)

    @cached_property
    def _windows(self) -> pd.DataFrame:
        frames = [self.windows]
        if self.evidence is not None:
            from ..analysis.steps import windows_of

            frames.append(windows_of(self.evidence.references, self.evidence, self.variant))
        return pd.concat(frames).drop_duplicates("id").set_index("id")

    def window(self, some_id: str) -> dict | None:
        """A claim's or a reference's window under this variant (low, high as ISO days or figures)."""
        w = self._windows
        return w.loc[some_id].to_dict() if some_id in w.index else None

    @property
    def shown(self) -> pd.DataFrame:
        """The findings that hold under this variant and concern a claim here (published or under review)."""
        f = self.findings
        ids = set(self.claims["claim_id"])
        return f[f["holds"].str.split().map(lambda h: self.variant in h) & f["claim_ids"].str.split().map(lambda c: bool(ids & set(c)))]

    @property
    def published(self) -> pd.DataFrame:
        return self.shown[self.shown["gate"] == "published"]

    @property
    def under_review(self) -> pd.DataFrame:
        return self.shown[self.shown["gate"] != "published"]

    def outcome(self) -> pd.Series:
        return self.verdicts.set_index("claim_id")["outcome"]


@dataclass(eq=False)
class Book:
    """Every table the pages read, loaded once from a data folder."""

    data_dir: Path

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Book:
        return cls(Path(data_dir or paths.DATA))

    @classmethod
    def of(cls, evidence: Evidence) -> Book:
        """The book over evidence already loaded (a notebook's)."""
        book = cls(evidence.data_dir)
        book.__dict__["evidence"] = evidence
        return book

    @cached_property
    def evidence(self) -> Evidence:
        return load(self.data_dir)

    @property
    def vocabulary(self) -> v.Vocabulary:
        return self.evidence.vocabulary

    def table(self, name: str) -> pd.DataFrame:
        return package.frame(name, self.data_dir)

    @cached_property
    def registry(self) -> pd.DataFrame:
        return self.table("sources").sort_values("lane", key=lambda s: s.astype(int), kind="stable").reset_index(drop=True)

    @property
    def claims(self) -> pd.DataFrame:
        return self.evidence.claims

    @cached_property
    def references(self) -> pd.DataFrame:
        return self.table("reference")

    @cached_property
    def results(self) -> Results:
        """The pipeline's results for every claim under the default conventions (data/derived/)."""
        w = self.table("windows")
        return Results(self.claims, w[w["variant"] == "default"].drop(columns=["variant"]), self.table("verdicts"), self.table("findings"), "default")

    @cached_property
    def windows(self) -> pd.DataFrame:
        return self.table("windows")

    def window(self, some_id: str, variant: str = "default") -> dict | None:
        w = self._windows[variant]
        return w.loc[some_id].to_dict() if some_id in w.index else None

    @cached_property
    def _windows(self) -> dict:
        return {x: self.windows[self.windows["variant"] == x].set_index("id") for x in VARIANTS}

    @cached_property
    def label(self) -> dict:
        """Each source's one name."""
        return dict(zip(self.registry["source_id"], self.registry["label"]))

    @cached_property
    def language(self) -> dict:
        return dict(zip(self.registry["source_id"], self.registry["language"]))

    @cached_property
    def topic(self) -> dict:
        return dict(zip(self.table("subjects")["subject"], self.table("subjects")["description"]))

    @cached_property
    def class_label(self) -> dict:
        c = self.table("reliability_classes")
        return dict(zip(c["reliability"], c["label"]))

    @cached_property
    def convention_label(self) -> dict:
        c = self.table("conventions")
        return dict(zip(c["convention"], c["label"]))

    def readable(self, text: str) -> str:
        """A note for readers: the ids of subjects and conventions it names, in words."""
        import re

        names = {
            **{k: f"'{x}'" for k, x in self.topic.items()},
            **self.convention_label,
            **{k: r.words for k, r in self.vocabulary.statuses.items()},  # a status a reviewer names
            **{k: k.replace('_', ' ') for k in self.vocabulary.consequences},  # a kind of consequence
        }
        # not inside an id (F-003-allied_distance_from_paris_19_aug names a finding, not a subject)
        return re.sub(r"(?<![\w-])[a-z]+(?:_[a-z0-9]+)+\b(?!\.csv|-)", lambda m: names.get(m.group(), m.group()), text)

    def depends_words(self, conventions: str) -> str:
        """The conventions a finding depends on, in a reader's words."""
        return "; ".join(self.convention_label[c] for c in conventions.split()) or "no convention whose variants differ"

    @cached_property
    def deciding_rank(self) -> int:
        """The lowest rank whose works can decide a verdict (conventions.csv, verdict_rank)."""
        return int(self.evidence.conventions.number("verdict_rank", "default"))

    @cached_property
    def siding_rank(self) -> int:
        """The lowest rank whose works can side with or against a source (conventions.csv, split_rank)."""
        return int(self.evidence.conventions.number("split_rank", "default"))

    def decides(self, rank) -> bool:
        """Whether a work of this rank decides a verdict; a claim (no rank) never does."""
        return str(rank).strip() not in ("", "nan") and int(rank) <= self.deciding_rank

    def colours(self, mode: str) -> dict:
        """Each source's colour in a colour mode (sources.csv)."""
        return dict(zip(self.registry["source_id"], self.registry[f"colour_{mode}"]))

    def reference_work(self, ref_id: str) -> dict:
        """A reference row with what a reader needs to find it: the work, where in it, the copy read and its class."""
        r = self.references.set_index("ref_id").loc[ref_id].to_dict()
        copy = "" if r["copy"] in VERIFIED else " (an unverified copy)"
        where = f", {r['locator']}" if r["locator"] else ""
        by = "" if r["author"] in ("", "not named") else f"{r['author']}, "
        year = f" ({r['year']})" if r["year"] else ""
        return {**r, "ref_id": ref_id, "cite": f"{by}{r['work_title']}{year}{where}{copy}", "class_words": self.class_label[r["reliability"]]}
