"""Evidence in: the source texts, the claims ledger, the reference works and the
editorial tables, read from data/ as datapackage.json describes them.

`load()` is the first step of every analysis: it reads a data folder once and
hands on the ledger and the references as DataFrames (what a reader looks at)
and the same rows as typed records (what the comparisons compute with).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths
from . import package


def entity_records(rows):
    """Entities as typed records, from (row number, row) pairs or plain rows (the validator has the former)."""
    return [package.typed("entities", r[1] if isinstance(r, tuple) else r) for r in rows]


@dataclass(eq=False)  # compared and hashed by identity: one evidence, one set of cached steps
class Evidence:
    """Every input of one data folder, read once (valid data only: run the validator first)."""

    data_dir: Path

    @cached_property
    def claims(self) -> pd.DataFrame:
        """The claims ledger, one row per claim, as strings."""
        return package.frame("claims", self.data_dir)

    @cached_property
    def references(self) -> pd.DataFrame:
        """Every reference fact as rows of the reference table (one per subject, entity or figure it states)."""
        from . import reference  # reads the vocabulary, which reads this package's tables: imported on use

        rows = reference.normalise(self.data_dir)
        return pd.DataFrame(rows, columns=package.columns("reference"), dtype=str).fillna("")

    def table(self, name: str) -> pd.DataFrame:
        return package.frame(name, self.data_dir)

    @cached_property
    def statements(self) -> dict:
        """Claims and references by id, as typed records."""
        out = {r["claim_id"]: package.typed("claims", r) for r in self.claims.to_dict("records")}
        out.update({r["ref_id"]: package.typed("reference", r) for r in self.references.to_dict("records")})
        return out

    @cached_property
    def claim_records(self) -> dict:
        return {k: v for k, v in self.statements.items() if hasattr(v, "claim_id")}

    def _keyed(self, name: str, key: str) -> dict:
        return {getattr(r, key): r for r in package.records(name, self.data_dir)}

    @cached_property
    def subjects(self) -> dict:
        return self._keyed("subjects", "subject")

    @cached_property
    def entities(self) -> dict:
        return self._keyed("entities", "entity")

    @cached_property
    def units(self) -> dict:
        return self._keyed("units", "unit")

    @cached_property
    def registry(self) -> dict:
        return self._keyed("sources", "source_id")

    @cached_property
    def conventions(self):
        """The conventions table (analysis.conventions.Conventions)."""
        from ..analysis.conventions import Conventions  # the analysis reads evidence: imported here, not at the top

        return Conventions.read(self.data_dir)

    @cached_property
    def vocabulary(self):
        """The vocabulary of this data folder (paris1944.vocabulary.Vocabulary)."""
        from .. import vocabulary

        return vocabulary.read(self.data_dir)

    def files(self) -> list[Path]:
        """Every file the data folder's tables and texts are read from (what a page built from them depends on)."""
        out = [package.table_path(n, self.data_dir) for n in package.names("input")]
        out += sorted((self.data_dir / "sources").glob("*.txt"))
        return out


def load(data_dir: Path | None = None) -> Evidence:
    """The evidence of a data folder: data/ of the checkout by default (PARIS1944_ROOT to use a copy)."""
    return Evidence(Path(data_dir or paths.DATA))
