"""How to cite the book, a figure, a claim or a finding: one place for the words and the BibTeX.

The book's metadata comes from CITATION.cff (the one source of truth); BibTeX is
written by pybtex, here only.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pybtex.database import BibliographyData, Entry

from .. import paths

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@cache
def _book(root: Path) -> dict:
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    return {
        "title": cff["title"],
        "authors": [a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]],
        "version": str(cff["version"]),
        "date": str(cff["date-released"]),
        "year": str(cff["date-released"])[:4],
        "repository": cff["repository-code"],
        "url": cff["url"],
        "licence": "CC BY 4.0",
        "abstract": cff.get("abstract", "").strip(),
        "keywords": cff.get("keywords", []),
    }


def book(root: Path | None = None) -> dict:
    """The book's citation metadata, from CITATION.cff."""
    return _book(Path(root or paths.ROOT).resolve())


def bibtex(entries: dict[str, Entry]) -> str:
    """BibTeX for entries keyed by citation key. pybtex writes and escapes it; addresses are
    left verbatim, as biblatex and reference managers read the url field."""
    text = BibliographyData(entries).to_string("bibtex")
    return re.sub(r'(?m)^(\s*url = ")(.*)(",?)$', lambda m: m.group(1) + re.sub(r"\\([#%&_$])", r"\1", m.group(2)) + m.group(3), text)


def _authors(meta: dict) -> str:
    return ", ".join(meta["authors"])


def book_citation(meta: dict | None = None) -> dict:
    meta = meta or book()
    authors = _authors(meta)
    entry = Entry(
        "book",
        fields={
            "title": meta["title"],
            "year": meta["year"],
            "edition": f"version {meta['version']}",
            "url": meta["url"],
            "note": f"Licence {meta['licence']}",
        },
        persons={"author": [_org(a) for a in meta["authors"]]},
    )
    return {
        "short": f"{meta['title']} ({authors}), {meta['licence']}",
        "full": f"{authors} ({meta['year']}). {meta['title']}, version {meta['version']}. {meta['url']}",
        "bibtex": bibtex({"paris1944": entry}),
    }


def figure(title: str, url: str, number: str = "", meta: dict | None = None, sources: list[str] = ()) -> dict:
    """Short credit (with its address), full reference and BibTeX of one figure; the full reference
    credits the figure's primary sources as well as the book."""
    meta = meta or book()
    credit = f" Sources: {'; '.join(sources)}." if sources else ""
    authors = _authors(meta)
    label = f"Figure {number}" if number else "Figure"
    key = "paris1944-" + url.rsplit("#", 1)[-1]
    entry = Entry(
        "misc",
        fields={
            "title": title,
            "year": meta["year"],
            "url": url,
            "howpublished": f"{label} in {meta['title']}, version {meta['version']}",
            "note": f"Licence {meta['licence']}.{credit}",
        },
        persons={"author": [_org(a) for a in meta["authors"]]},
    )
    return {
        "short": f"{meta['title']}, {label} ({authors}), {meta['licence']}, {url}",
        "full": f"{authors} ({meta['year']}). \u201c{title}\u201d. {label} in {meta['title']}, version {meta['version']}. {url}.{credit}",
        "bibtex": bibtex({key: entry}),
    }


def item(kind: str, identifier: str, title: str, url: str, meta: dict | None = None) -> dict:
    """Citation of one claim or finding: 'Claim C004-35', 'Finding F-C004-35'."""
    meta = meta or book()
    authors = _authors(meta)
    entry = Entry(
        "misc",
        fields={
            "title": f"{kind} {identifier}: {title}",
            "year": meta["year"],
            "url": url,
            "howpublished": f"{meta['title']}, version {meta['version']}",
            "note": f"Licence {meta['licence']}",
        },
        persons={"author": [_org(a) for a in meta["authors"]]},
    )
    return {
        "full": f"{authors} ({meta['year']}). {kind} {identifier}: \u201c{title}\u201d. In {meta['title']}, version {meta['version']}. {url}",
        "bibtex": bibtex({f"paris1944-{identifier}": entry}),
    }


def _org(name: str):
    from pybtex.database import Person

    # An organisation as author: braces keep BibTeX from splitting it into first and last names.
    return Person(string="{" + name + "}")
