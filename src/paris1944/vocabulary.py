"""The project's vocabulary, read once from data/vocabulary/ (the one place it is written down).

Categories and what kind of measure each is, the statuses a claim can have
and the words a reader sees for them, languages with their direction and
label, kinds of finding, origins of an error and the consequences that set a
finding's severity. Code asks this module; a test walks the syntax tree of
src/ and fails on a category, a status or a rank written as a literal
anywhere else.

The codes below are the ones the analysis produces; loading the tables
checks that the data names each of them, so a code and its words cannot part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import paths
from .evidence import package

# Measures: how a category's claims are compared.
DAYS, FIGURE, NAME = "days", "figure", "name"
# What the cross-examination finds for a claim (verdicts.csv, column status) ...
AGREES, CONFLICTS, OTHER_SCOPE, UNVERIFIABLE = "agrees", "conflicts", "other_scope", "unverifiable"
# ... and what a reader is told, once the editorial gate has read the reviews (column outcome).
IN_ERROR, UNDER_REVIEW, WITHHELD, DEPENDS = "in_error", "under_review", "withheld", "depends_on_reading"
OUTCOMES = (AGREES, IN_ERROR, UNDER_REVIEW, WITHHELD, DEPENDS, OTHER_SCOPE, UNVERIFIABLE)
# Rules for claims that name someone or something (categories.csv, column name_rule).
TOOK_PART, TENURE, NAMED = "took_part", "tenure", "named"
# Kinds of finding.
AGAINST_RECORD, INTERNAL, SCOPE, BETWEEN_SOURCES = "source_vs_reference", "internal", "scope", "source_vs_source"


@dataclass(frozen=True)
class Vocabulary:
    categories: dict  # category -> row (measure, family, chapter, name_rule, between_sources, place_word, label)
    statuses: dict  # outcome -> row (order, decided, words, short)
    languages: dict  # language -> row (name, direction, translation)
    kinds: dict  # finding kind -> row (order, words)
    origins: dict  # origin -> row (words)
    consequences: dict  # consequence -> row (severity, description)
    degrees: dict  # degree -> row (scale, opposite, words)
    units: dict  # unit -> row (base, factor, words)

    def measure(self, category: str) -> str:
        return self.categories[category].measure

    def of_measure(self, measure: str) -> tuple[str, ...]:
        """The categories compared as days, figures or names, in the table's order."""
        return tuple(c for c, row in self.categories.items() if row.measure == measure)

    @property
    def figures(self) -> tuple[str, ...]:
        return self.of_measure(FIGURE)

    @property
    def named(self) -> tuple[str, ...]:
        return self.of_measure(NAME)

    @property
    def dated(self) -> tuple[str, ...]:
        return self.of_measure(DAYS)

    def chapter(self, chapter: str) -> tuple[str, ...]:
        """The categories a chapter of the book examines."""
        return tuple(c for c, row in self.categories.items() if row.chapter == chapter)

    def families(self) -> list[str]:
        return list(dict.fromkeys(row.family for row in self.categories.values()))

    def words(self, outcome: str) -> str:
        return self.statuses[outcome].words

    def decided(self, outcome: str) -> bool:
        return self.statuses[outcome].decided == "yes"

    def direction(self, language: str) -> str:
        return self.languages[language].direction

    def language_name(self, language: str) -> str:
        return self.languages[language].name

    def unit_words(self, unit: str) -> str:
        return self.units[unit].words if unit in self.units else unit


TABLES = ("categories", "statuses", "languages", "finding_kinds", "origins", "consequences", "degrees")


def read(data_dir: Path | None = None) -> Vocabulary:
    """The vocabulary of a data folder (data/ by default)."""
    d = Path(data_dir or paths.DATA).resolve()
    return _read(d)


@cache
def _read(d: Path) -> Vocabulary:
    by = lambda name, key: {getattr(r, key): r for r in package.records(name, d)}
    v = Vocabulary(
        by("categories", "category"),
        by("statuses", "status"),
        by("languages", "language"),
        by("finding_kinds", "kind"),
        by("origins", "origin"),
        by("consequences", "consequence"),
        by("degrees", "degree"),
        by("units", "unit"),
    )
    missing = [s for s in OUTCOMES if s not in v.statuses] + [k for k in (AGAINST_RECORD, INTERNAL, SCOPE, BETWEEN_SOURCES) if k not in v.kinds]
    if missing:
        raise ValueError(f"data/vocabulary/ lacks {', '.join(missing)}: the analysis produces these codes")
    return v
