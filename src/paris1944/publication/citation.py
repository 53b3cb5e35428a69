"""How to cite the book, a figure, a claim or a finding: one place for the words and the BibTeX, RIS and
CSL-JSON that reference managers import.

The book's metadata comes from CITATION.cff (the one source of truth); BibTeX is written by pybtex,
here only. Every entry has the fields its type requires, so that it formats in pybtex's (and BibTeX's)
plain style without an error or a warning; every address is absolute, from the book's base URL, so that a
citation works wherever it is pasted.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import yaml
from pybtex.database import BibliographyData, Entry, Person

from .. import paths

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
# (CSL-JSON type, RIS type) of what is cited
KINDS = {"book": ("book", "BOOK"), "figure": ("figure", "FIGURE"), "entry": ("webpage", "ELEC")}


@cache
def _book(root: Path) -> dict:
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    authors = [a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]]
    return {
        "title": cff["title"],
        "authors": authors,
        # Published by its authors (datapackage.json's contributors say so too): BibTeX's @book requires a publisher.
        "publisher": authors[0],
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


def absolute(url: str, meta: dict | None = None) -> str:
    """An address of the book's (relative, as 'data/claims.csv') made absolute from its base URL; others unchanged."""
    return urljoin((meta or book())["url"], url)


def bibtex(entries: dict[str, Entry]) -> str:
    """BibTeX for entries keyed by citation key. pybtex writes and escapes it; addresses are
    left verbatim, as biblatex and reference managers read the url field."""
    text = BibliographyData(entries).to_string("bibtex")
    return re.sub(r'(?m)^(\s*url = ")(.*)(",?)$', lambda m: m.group(1) + re.sub(r"\\([#%&_$])", r"\1", m.group(2)) + m.group(3), text)


def _authors(meta: dict) -> str:
    return ", ".join(meta["authors"])


def _formats(key: str, kind: str, title: str, url: str, note: str, meta: dict, part_of: str = "") -> dict:
    """One work as BibTeX, RIS and a CSL-JSON item: the book a @book (author, title, publisher, year), a part
    of it (`part_of`: 'Figure 4 in ...') a @misc in the book."""
    csl_type, ris_type = KINDS[kind]
    url = absolute(url, meta)
    fields = {"title": title, "howpublished": part_of, "publisher": "" if part_of else meta["publisher"], "year": meta["year"],
              "version": "" if part_of else meta["version"], "url": url, "note": note}
    persons = {"author": [_org(a) for a in meta["authors"]]}
    entry = Entry("misc" if part_of else "book", fields={k: v for k, v in fields.items() if v}, persons=persons)
    y, m, d = (int(x) for x in meta["date"].split("-"))
    csl = {"id": key, "type": csl_type, "title": title, "author": [{"literal": a} for a in meta["authors"]], "issued": {"date-parts": [[y, m, d]]},
           "publisher": meta["publisher"], "version": meta["version"], "URL": url, "note": note}
    ris = [("TY", ris_type), ("TI", title)] + [("AU", a) for a in meta["authors"]]
    ris += [("PY", meta["year"]), ("DA", meta["date"].replace("-", "/")), ("PB", meta["publisher"]), ("ET", f"version {meta['version']}")]
    if part_of:
        csl["container-title"] = meta["title"]
        ris.append(("T2", meta["title"]))
    ris += [("UR", url), ("N1", note), ("ER", "")]
    return {
        "bibtex": bibtex({key: entry}),
        # RIS: one tag a line, CRLF as reference managers write it; a value never spans lines
        "ris": "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in ris),
        "csl": csl,
    }


def book_citation(meta: dict | None = None) -> dict:
    meta = meta or book()
    authors = _authors(meta)
    return {
        "short": f"{meta['title']} ({authors}), {meta['licence']}",
        "full": f"{authors} ({meta['year']}). {meta['title']}, version {meta['version']}. {meta['url']}",
        **_formats("paris1944", "book", meta["title"], meta["url"], f"Version {meta['version']}. Licence {meta['licence']}", meta),
    }


def book_files(meta: dict | None = None) -> dict[str, str]:
    """The book's citation as files to download, by name: BibTeX, RIS and CSL-JSON."""
    c = book_citation(meta)
    csl = json.dumps([c["csl"]], ensure_ascii=False, indent=1) + "\n"
    return {"paris1944.bib": c["bibtex"], "paris1944.ris": c["ris"], "paris1944.csl.json": csl}


def figure(title: str, url: str, number: str = "", meta: dict | None = None, sources: list[str] = ()) -> dict:
    """Short credit (with its address), full reference, BibTeX, RIS and CSL-JSON of one figure; the full
    reference credits the figure's primary sources as well as the book."""
    meta = meta or book()
    url = absolute(url, meta)
    credit = f" Sources: {'; '.join(sources)}." if sources else ""
    authors = _authors(meta)
    label = f"Figure {number}" if number else "Figure"
    part_of = f"{label} in {meta['title']}, version {meta['version']}"
    return {
        "short": f"{meta['title']}, {label} ({authors}), {meta['licence']}, {url}",
        "full": f"{authors} ({meta['year']}). \u201c{title}\u201d. {label} in {meta['title']}, version {meta['version']}. {url}.{credit}",
        **_formats("paris1944-" + url.rsplit("#", 1)[-1], "figure", title, url, f"Licence {meta['licence']}.{credit}", meta, part_of),
    }


def item(kind: str, identifier: str, title: str, url: str, meta: dict | None = None) -> dict:
    """Citation of one claim or finding: 'Claim C004-35', 'Finding F-C004-35'."""
    meta = meta or book()
    url = absolute(url, meta)
    part_of = f"{meta['title']}, version {meta['version']}"
    return {
        "full": f"{_authors(meta)} ({meta['year']}). {kind} {identifier}: \u201c{title}\u201d. In {meta['title']}, version {meta['version']}. {url}",
        **_formats(f"paris1944-{identifier}", "entry", f"{kind} {identifier}: {title}", url, f"Licence {meta['licence']}", meta, part_of),
    }


def _org(name: str) -> Person:
    # An organisation as author: braces keep BibTeX from splitting it into first and last names.
    return Person(string="{" + name + "}")
