"""Citations every tool reads: each BibTeX entry the book offers has the fields its type requires and formats in
pybtex's plain style without an error or a warning; RIS and CSL-JSON beside it; every address absolute."""

import json
import re
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from paris1944.evidence import package
from paris1944.publication import bibliography, citation

ROOT = Path(__file__).resolve().parents[1]
# What BibTeX's plain style requires of each type (btxdoc; pybtex's plain style follows it).
REQUIRED = {"book": {"title", "publisher", "year"}, "misc": set()}
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - .*")
# CSL 1.0.2's item types that these citations use, and the variables a reference manager needs.
CSL_TYPES = {"book", "figure", "webpage"}


def plain(bibtex: str) -> list[str]:
    """Every entry of a BibTeX text formatted in pybtex's plain style, strictly: a warning is an error."""
    strict = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = parse_string(bibtex, "bibtex")
        for key, entry in data.entries.items():
            assert REQUIRED[entry.type] <= set(entry.fields), f"{key}: {REQUIRED[entry.type] - set(entry.fields)} missing"
            assert entry.persons.get("author") or entry.type == "misc", f"{key} has no author"
            assert entry.fields.get("url", "https://").startswith(("http://", "https://")), key
        style = find_plugin("pybtex.style.formatting", "plain")()
        return [e.text.render_as("text") for e in style.format_bibliography(data)]
    finally:
        pybtex.errors.set_strict_mode(strict)


def check_ris(text: str) -> dict:
    lines = text.split("\r\n")
    assert lines[-1] == "" and all(RIS_LINE.fullmatch(line) for line in lines[:-1]), text
    assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - "
    tags = {line[:2]: line[6:] for line in lines[:-1]}
    assert {"TY", "TI", "AU", "PY", "PB", "UR"} <= set(tags) and tags["UR"].startswith("https://")
    return tags


def check_csl(item: dict) -> None:
    assert item["type"] in CSL_TYPES and item["id"] and item["title"]
    assert all(set(a) == {"literal"} for a in item["author"])
    (parts,) = item["issued"]["date-parts"]
    assert all(isinstance(p, int) for p in parts)
    assert item["URL"].startswith("https://")


def figure_metadata() -> list[dict]:
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "figures").glob("fig-*.metadata.json"))]
    assert metas
    return metas


def test_the_book_is_a_book_with_its_publisher_and_year():
    meta = citation.book()
    c = citation.book_citation(meta)
    entry = parse_string(c["bibtex"], "bibtex").entries["paris1944"]
    assert entry.type == "book"
    assert entry.fields["publisher"] == meta["publisher"] and entry.fields["year"] == meta["year"]
    (text,) = plain(c["bibtex"])
    assert meta["title"] in text and meta["year"] in text and meta["url"] in text
    tags = check_ris(c["ris"])
    assert tags["TY"] == "BOOK" and tags["UR"] == meta["url"]
    check_csl(c["csl"])
    assert c["csl"]["type"] == "book" and c["csl"]["publisher"] == meta["publisher"]


def test_the_books_citation_files_are_what_the_cite_page_offers():
    files = citation.book_files()
    assert set(files) == {"paris1944.bib", "paris1944.ris", "paris1944.csl.json"}
    plain(files["paris1944.bib"])
    check_ris(files["paris1944.ris"])
    (item,) = json.loads(files["paris1944.csl.json"])
    check_csl(item)
    cite = (ROOT / "book" / "cite.md").read_text(encoding="utf-8")
    for name in files:
        assert f"../data/cite/{name}" in cite, f"book/cite.md does not link {name}"


def test_a_relative_address_is_made_absolute_from_the_base_url():
    meta = citation.book()
    f = citation.figure("A title", "notebooks/02-chronology.html#fig-timeline", "4", meta)
    url = meta["url"] + "notebooks/02-chronology.html#fig-timeline"
    assert f["csl"]["URL"] == url and f"UR  - {url}\r\n" in f["ris"] and f'url = "{url}"' in f["bibtex"]
    assert citation.absolute("https://example.org/x", meta) == "https://example.org/x"


@pytest.mark.parametrize("meta", figure_metadata(), ids=lambda m: m["name"])
def test_every_figure_citation_formats_in_every_form(meta):
    """The figure's citation as the notebooks wrote it into figures/ (what the zip and the metadata offer) and as
    the page's reuse block makes it."""
    for cite in (meta["citation"], citation.figure(meta["title"], meta["url"], "1", sources=[s["title"] for s in meta["sources"]])):
        (text,) = plain(cite["bibtex"])
        assert meta["title"].split()[0] in text
        assert check_ris(cite["ris"])["TY"] == "FIGURE"
        check_csl(cite["csl"])
        assert cite["csl"]["container-title"] == citation.book()["title"]


def _addresses(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("url", "URL") or k.endswith("_url"):
                yield v
            else:
                yield from _addresses(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _addresses(v)


@pytest.mark.parametrize("meta", figure_metadata(), ids=lambda m: m["name"])
def test_no_relative_address_in_a_figures_metadata(meta):
    addresses = list(_addresses(meta))
    assert len(addresses) > len(meta["sources"])
    assert [a for a in addresses if not a.startswith(("http://", "https://"))] == []


def test_every_finding_and_claim_citation_formats():
    findings = package.read_rows("findings")
    claims = package.read_rows("claims")[:20]
    entries = [citation.item("Finding", f["finding_id"], f["subject"], f"book/findings.html#{f['finding_id']}") for f in findings]
    entries += [citation.item("Claim", c["claim_id"], c["quote_en"], f"book/ledger.html#claim-{c['claim_id']}") for c in claims]
    assert entries
    for c in entries:
        plain(c["bibtex"])
        assert check_ris(c["ris"])["TY"] == "ELEC"
        check_csl(c["csl"])


def test_every_entry_of_the_bibliography_formats_in_plain_style():
    """book/references.bib as `make data` writes it from the data, and the copy in the repository."""
    generated = bibliography.bibtex()
    texts = plain(generated)
    assert len(texts) == generated.count("\n@")
    plain((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
