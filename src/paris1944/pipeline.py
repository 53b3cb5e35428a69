"""Re-derive every derived table from the inputs (sources, claims, raw references).

Inputs are edited by hand; outputs are written here and committed, and a test
fails when a committed output is stale.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import bibliography, compare, dictionary, paths, reference, sources


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(data_dir) / name, dtype=str, keep_default_na=False)


def derived_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every derived table, keyed by its path relative to data_dir."""
    ref = reference.normalise(reference.load_raw(data_dir))
    claims, subjects = _read(data_dir, "claims.csv"), _read(data_dir, "subjects.csv")
    registry = sources.load_registry(data_dir)
    exam = compare.CrossExamination(claims, ref, subjects, registry)
    return {
        "reference.csv": ref,
        "derived/timeline.csv": compare.timeline(claims, registry, subjects),
        "derived/conflicts.csv": exam.conflict_table(),
        "derived/agreement.csv": exam.agreement_table(),
    }


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def build(data_dir: Path) -> list[Path]:
    written = []
    for rel, frame in derived_tables(data_dir).items():
        write_csv(frame, Path(data_dir) / rel)
        written.append(Path(data_dir) / rel)
    if Path(data_dir).resolve() == paths.DATA.resolve():
        written.append(dictionary.write(paths.ROOT))
        written.append(write_bibliography(paths.ROOT, data_dir))
    return written


def write_bibliography(root: Path, data_dir: Path) -> Path:
    path = Path(root) / "book" / "references.bib"
    text = bibliography.bibtex(sources.load_registry(data_dir), reference.load(data_dir))
    path.write_text(text, encoding="utf-8")
    return path
