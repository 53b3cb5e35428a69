"""Everything a chapter needs, loaded once from data/: the evidence base."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import compare, paths, reference, sources


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / name, dtype=str, keep_default_na=False)


@dataclass
class Evidence:
    registry: pd.DataFrame
    claims: pd.DataFrame
    subjects: pd.DataFrame
    reference: pd.DataFrame
    timeline: pd.DataFrame
    conflicts: pd.DataFrame
    agreement: pd.DataFrame
    translations: pd.DataFrame

    @property
    def status(self) -> pd.Series:
        """Each claim's status: agrees, conflicts or unverifiable."""
        return compare.claim_status(self.agreement, self.conflicts, self.claims)

    def label(self, source_id: str) -> str:
        return self.registry.set_index("source_id").loc[source_id, "label"]

    def figures(self, categories) -> pd.DataFrame:
        return compare.figures_against_references(self.claims, self.reference, self.subjects, self.registry,
                                                  self.status, categories)

    def with_words(self, conflicts: pd.DataFrame) -> pd.DataFrame:
        """Conflict rows with both sides' own words: the claim's quote, and the other claim's quote or the
        reference's excerpt (other_quote, other_quote_en, other_lang), so a reader can set them side by side."""
        words = self.claims[["claim_id", "quote", "quote_en", "translation"]]
        out = conflicts.merge(words, on="claim_id", how="left")
        lang = dict(zip(self.registry["source_id"], self.registry["language"]))
        other_claim = self.claims.set_index("claim_id")
        excerpt = self.reference.set_index("ref_id")["excerpt"]
        quote, quote_en, other_lang = [], [], []
        for other in out["other"]:
            if other in other_claim.index:
                row = other_claim.loc[other]
                quote.append(row["quote"])
                quote_en.append(row["quote_en"] if row["translation"] == "working translation" else "")
                other_lang.append(lang[row["source_id"]])
            else:
                quote.append(excerpt.get(other, ""))
                quote_en.append("")
                other_lang.append("")  # a reference's language is not recorded
        return out.assign(other_quote=quote, other_quote_en=quote_en, other_lang=other_lang)

    def dated(self) -> pd.DataFrame:
        return compare.dated_claims_with_references(self.timeline, self.reference, self.status, self.conflicts)


def load(data_dir: Path | None = None) -> Evidence:
    d = Path(data_dir or paths.DATA)
    return Evidence(
        registry=sources.load_registry(d), claims=_read(d, "claims.csv"), subjects=_read(d, "subjects.csv"),
        reference=_read(d, "reference.csv"), timeline=_read(d, "derived/timeline.csv"),
        conflicts=_read(d, "derived/conflicts.csv"), agreement=_read(d, "derived/agreement.csv"),
        translations=_read(d, "translations.csv").astype({"start": int, "end": int}),
    )


PROPER_STARTS = {"German", "Germans", "French", "Allied", "Canadian", "Polish", "Free", "FFI", "US", "UK", "D-Day", "De",
                 "Hitler", "Rol-Tanguy", "Eisenhower", "Leclerc", "Rommel", "Paris", "Parisians"}


def _lower_first(text: str) -> str:
    """A description inside a sentence: 'Crowd at the parade' -> 'crowd at the parade', 'German dead' unchanged."""
    first = text.split(" ", 1)[0]
    return text if first in PROPER_STARTS or first[:2].isupper() else text[0].lower() + text[1:]


def _examples(items: list[str], n: int = 4) -> str:
    if len(items) <= n:
        return compare.join_words(items)
    return "; ".join(items[:n]) + f"; and {len(items) - n} more (table below)"


def figures_summary(ev: Evidence, categories: list[str]) -> dict:
    """What the sources' figures in some categories amount to, for a chapter's prose and chart title."""
    table = ev.figures(categories)
    given = table[table["kind"] == "source"]
    checkable = given[given["status"].isin(["agrees", "conflicts"])]
    wrong = given[given["status"] == "conflicts"]
    against_ref = ev.conflicts[ev.conflicts["claim_id"].isin(wrong["id"]) & (ev.conflicts["kind"] == "source_vs_reference")]
    giving = [s for s in ev.registry["label"] if s in set(given["who"])]  # in registry order
    desc = ev.subjects.set_index("subject")["description"]
    if len(against_ref):
        first = against_ref.iloc[0]
        title = (f"{len(checkable) - len(wrong)} of {len(checkable)} checkable figures match a reference work; "
                 f"the exception is {compare.the(first['source'])}'s figure for {_lower_first(desc[first['subject']])}: "
                 f"{first['claimed']} against {first['other_value']}")
    else:
        title = f"All {len(checkable)} checkable figures match a reference work"
    spoken = set(ev.claims["subject"])
    silent = ev.reference[ev.reference["category"].isin(categories) & ~ev.reference["subject"].isin(spoken)]
    silent = silent.assign(subject_description=silent["subject"].map(desc))
    return {
        "table": table, "given": given, "checkable": checkable, "wrong": wrong, "conflicts": against_ref,
        "sources_giving": giving, "title": title, "silent_references": silent,
        "silent_subjects": [_lower_first(d) for d in dict.fromkeys(silent["subject_description"])],
        "silent_examples": _examples([_lower_first(d) for d in dict.fromkeys(silent["subject_description"])]),
    }
