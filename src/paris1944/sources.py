"""The five source texts and their registry (data/sources.csv)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from . import paths

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ar": "Arabic"}
# Writing direction per BCP 47 language, for HTML `dir`.
DIRECTION = {"en": "ltr", "ru": "ltr", "ar": "rtl"}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_registry(data_dir: Path | None = None) -> pd.DataFrame:
    """The source registry, one row per source, as strings (nothing coerced)."""
    data_dir = Path(data_dir or paths.DATA)
    return pd.read_csv(data_dir / "sources.csv", dtype=str, keep_default_na=False)


def text_path(source_id: str, data_dir: Path | None = None) -> Path:
    return Path(data_dir or paths.DATA) / "sources" / f"{source_id}.txt"


def read_text(source_id: str, data_dir: Path | None = None) -> str:
    """The decoded text of a source; offsets in the claims ledger index this string."""
    # newline="" keeps the bytes as they are: no newline translation.
    with open(text_path(source_id, data_dir), encoding="utf-8", newline="") as fh:
        return fh.read()


def read_texts(data_dir: Path | None = None) -> dict[str, str]:
    reg = load_registry(data_dir)
    return {sid: read_text(sid, data_dir) for sid in reg["source_id"]}


def profile(data_dir: Path | None = None) -> pd.DataFrame:
    """One tidy row per source: what it is and how long it is."""
    reg = load_registry(data_dir)
    rows = []
    for r in reg.itertuples():
        text = read_text(r.source_id, data_dir)
        rows.append(
            {
                "source_id": r.source_id,
                "label": r.label,
                "language": r.language,
                "language_name": LANGUAGE_NAMES[r.language],
                "genre": r.genre,
                "characters": len(text),
                "words": len(text.split()),
                "paragraphs": sum(1 for p in text.split("\n") if p.strip()),
            }
        )
    return pd.DataFrame(rows)
