"""book/references.bib: the sources and every work the references are read in, for sphinxcontrib-bibtex.

Written by `make data` and `make book` from data/sources.csv and data/reference/works.csv. A work with an
author, a publisher and a year (an official history, a book) is a @book; any other is a @misc with its
address, so that every entry formats in pybtex's plain style without a missing field.
"""

from __future__ import annotations

from pathlib import Path

from pybtex.database import Entry

from .. import paths
from ..evidence import package
from . import citation
from . import words as w

HEADER = "% Written by `make data` from data/sources.csv and data/reference/works.csv: do not edit.\n\n"


def _known(value: str) -> bool:
    return bool(value) and not value.startswith("not ")


def source_entries(registry) -> dict[str, Entry]:
    out = {}
    for r in registry:
        fields = {"title": "{" + r.title + "}", "howpublished": r.genre + ("" if r.url.startswith("http") else f"; site: {r.site}"),
                  "note": f"A source of this book ({w.sentence(r.label)}); language {r.language}; licence: {r.licence}"}
        if r.url.startswith("http"):
            fields["url"] = r.url
        persons = {"author": [citation._org(r.author)]} if _known(r.author) else {}
        out[f"source-{r.source_id[:3]}"] = Entry("misc", fields=fields, persons=persons)
    return out


def work_entries(works, references, class_labels: dict) -> dict[str, Entry]:
    """One entry per work a reference row is read in; the address is the copy read first."""
    out = {}
    for wk in works:
        rows = [r for r in references if r["work_id"] == wk.work_id]
        if not rows:
            continue
        persons = {"author": [citation._org(wk.author)]} if _known(wk.author) else {}
        book = bool(persons) and _known(wk.publisher) and bool(wk.year) and wk.reliability in ("official_history", "scholarly")
        fields = {
            "title": "{" + wk.title + "}",
            "url": rows[0]["reference_url"],
            "note": f"{w.sentence(class_labels[wk.reliability])}; cited for "
            f"{w.count(len({r['fact_id'] for r in rows}), 'fact')} in the reference table",
        }
        if book:
            fields |= {"publisher": wk.publisher, "year": wk.year.split("-")[0]}
        else:
            fields["howpublished"] = wk.publisher + (f", {wk.container}" if wk.container else "")
            if wk.year:
                fields["year"] = wk.year.split("-")[0]
        out[f"work-{wk.work_id}"] = Entry("book" if book else "misc", fields=fields, persons=persons)
    return out


def bibtex(data_dir: Path | None = None) -> str:
    d = Path(data_dir or paths.DATA)
    classes = {c.reliability: c.label for c in package.records("reliability_classes", d)}
    entries = source_entries(package.records("sources", d)) | work_entries(package.records("works", d), package.read_rows("reference", d), classes)
    return HEADER + citation.bibtex(entries)


def write(data_dir: Path | None = None) -> Path:
    """Write book/references.bib (left untouched when it would not change)."""
    path = paths.ROOT / "book" / "references.bib"
    text = bibtex(data_dir)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
