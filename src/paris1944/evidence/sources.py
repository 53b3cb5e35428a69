"""The source texts and their registry (data/sources.csv)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import paths
from . import package


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def registry(data_dir: Path | None = None):
    """The registry as a DataFrame of strings, one row per source."""
    return package.frame("sources", data_dir)


def text_path(source_id: str, data_dir: Path | None = None) -> Path:
    return Path(data_dir or paths.DATA) / "sources" / f"{source_id}.txt"


def read_text(source_id: str, data_dir: Path | None = None) -> str:
    """The decoded text of a source; offsets in the claims ledger index this string."""
    # newline="" keeps the bytes as they are: no newline translation.
    with open(text_path(source_id, data_dir), encoding="utf-8", newline="") as fh:
        return fh.read()


def read_texts(data_dir: Path | None = None) -> dict[str, str]:
    return {sid: read_text(sid, data_dir) for sid in registry(data_dir)["source_id"]}


def paragraphs(text: str):
    """(start, end) of every non-empty line of a text: the sources' paragraphs."""
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            yield pos, pos + len(para)
        pos += len(para) + 1


def profile(data_dir: Path | None = None):
    """One tidy row per source: what it is and how long it is."""
    import pandas as pd

    from .. import vocabulary

    names = vocabulary.read(data_dir)
    rows = []
    for r in registry(data_dir).itertuples():
        text = read_text(r.source_id, data_dir)
        rows.append(
            {
                "source_id": r.source_id,
                "label": r.label,
                "language": r.language,
                "language_name": names.language_name(r.language),
                "genre": r.genre,
                "characters": len(text),
                "words": len(text.split()),
                "paragraphs": sum(1 for _ in paragraphs(text)),
            }
        )
    return pd.DataFrame(rows)
