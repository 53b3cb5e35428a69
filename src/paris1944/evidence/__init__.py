"""Evidence in: the source texts, the claims ledger, the reference works and the
editorial tables, read from data/ as datapackage.json describes them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from . import package


def entity_records(rows):
    """Entities as typed records, from (row number, row) pairs or plain rows (the validator has the former)."""
    return [package.typed("entities", r[1] if isinstance(r, tuple) else r) for r in rows]


@dataclass(frozen=True)
class Tables:
    """Every input table of a data folder, as typed records (valid data only: run the validator first)."""

    data_dir: Path
    sources: list
    claims: list
    subjects: list
    entities: list
    conventions: list

    @classmethod
    def read(cls, data_dir: Path | None = None) -> Tables:
        d = Path(data_dir or paths.DATA)
        return cls(d, *(package.records(n, d) for n in ("sources", "claims", "subjects", "entities", "conventions")))

    def files(self) -> list[Path]:
        """Every file the data folder's tables and texts are read from (what a page built from them depends on)."""
        out = [package.table_path(n, self.data_dir) for n in package.names("input")]
        out += sorted((self.data_dir / "sources").glob("*.txt"))
        return out
