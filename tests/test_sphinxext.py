"""The book's Sphinx extension, tested in isolation on small projects (tests/roots/test-*), as Sphinx
extensions are: each directive renders the data escaped and anchored, declares what it reads, and an
edit to what it reads rebuilds the page."""

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from paris1944 import paths

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir():
    return ROOTS


def _html(app, name="index"):
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="directives")
def test_directives_render_the_data(app, book):
    app.build()
    assert not app._warning.getvalue(), app._warning.getvalue()
    html = _html(app)
    # The Arabic text, marked with its language and direction, beside our translation.
    assert 'lang="ar" dir="rtl"' in html and "English (our working translation from the Arabic)" in html
    # Every claim has its anchored ledger row; every claim of the Arabic source its mark in the text.
    for cid in book.claims["claim_id"]:
        assert f'id="claim-{cid}"' in html
    for cid in book.claims[book.claims["source_id"] == "003_e33d0282d66cdbe0"]["claim_id"]:
        assert f'id="mark-{cid}"' in html
    # Every finding is an anchored card; every finding that judges a claim has its ClaimReview.
    findings = book.results.findings
    for fid in findings["finding_id"]:
        assert f'<article id="{fid}"' in html
    # Only a published finding (signed off in a review on record) is offered to fact-check tools.
    reviews = re.findall(r'<script type="application/ld\+json" class="p44-claimreview">(.*?)</script>', html, re.S)
    published = findings[(findings["gate"] == "published") & findings["holds"].str.split().map(lambda h: "default" in h)]
    assert len(reviews) == len(published) > 0
    assert {json.loads(r)["url"].rsplit("#", 1)[1] for r in reviews} == set(published["finding_id"])
    assert all(json.loads(r)["@type"] == "ClaimReview" for r in reviews)
    assert "Fields of claims.csv" in html and "<code>claim_id</code>" in html


@pytest.mark.sphinx("html", testroot="directives")
def test_the_data_package_page_lists_every_resource(app):
    app.build()
    html = _html(app, "package")
    for res in json.loads((paths.ROOT / "datapackage.json").read_text())["resources"]:
        assert f'id="table-{res["name"]}"' in html, res["name"]


@pytest.mark.sphinx("html", testroot="directives")
def test_directives_declare_what_they_read(app):
    app.build()
    deps = {Path(p).name for p in app.env.dependencies["index"]}
    assert {"claims.csv", "translations.csv", "findings.csv", "conventions.csv", "datapackage.json", "CITATION.cff"} <= deps
    assert {"003_e33d0282d66cdbe0.txt", "tables.py", "directives.py"} <= deps, "the page changes when the package does"


@pytest.mark.sphinx("html", testroot="figure")
def test_a_figure_gets_its_reuse_block(app):
    app.build()
    html = _html(app)
    block = html[html.index('class="p44-reuse"') :]
    for piece in (
        "fig-timeline.png",
        "fig-timeline.svg",
        "fig-timeline.csv",
        "fig-timeline.zip",
        "fig-timeline.metadata.json",
        "CC BY 4.0",
        "Copy citation",
        "Copy BibTeX",
        "embed/fig-timeline.html",
        "https://example.org/book/index.html#fig-timeline",
    ):
        assert piece in block, piece
    assert (Path(app.outdir) / "embed" / "fig-timeline.html").exists()
    assert (Path(app.outdir) / "figures" / "fig-timeline.zip").exists()
    # plain UTF-8 by default; the Excel-ready copy (a byte-order mark) is named so
    assert not (Path(app.outdir) / "data" / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (Path(app.outdir) / "data" / "exports" / "claims-excel.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """A copy of the checkout's data (and what the extension reads beside it), read through PARIS1944_ROOT."""
    for name in ("data", "figures"):
        shutil.copytree(paths.ROOT / name, tmp_path / "project" / name)
    for name in ("datapackage.json", "CITATION.cff"):
        shutil.copy(paths.ROOT / name, tmp_path / "project" / name)
    monkeypatch.setenv("PARIS1944_ROOT", str(tmp_path / "project"))
    paths.root.cache_clear()
    from paris1944.publication import citation

    citation._book.cache_clear()
    yield tmp_path / "project"
    paths.root.cache_clear()


def test_an_edited_translation_reaches_the_page(project_copy, make_app, tmp_path):
    from sphinx.testing.util import SphinxTestApp  # noqa: F401  (make_app builds one)

    src = tmp_path / "root"
    shutil.copytree(ROOTS / "test-directives", src)
    app = make_app("html", srcdir=src)
    app.build()
    old, new = "Our note: the Arabic sentence is broken", "Our note: EDITED IN A TEST"
    assert old in _html(app)
    table = project_copy / "data" / "translations.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    app2 = make_app("html", srcdir=src)
    app2.build()
    assert re.search(r"0 added, [12] changed", app2._status.getvalue()), "the edit re-reads the page, incrementally"
    html = _html(app2)
    assert new in html and old not in html
    app3 = make_app("html", srcdir=src)
    app3.build()
    assert "0 added, 0 changed, 0 removed" in app3._status.getvalue(), "nothing changed, nothing is re-read"


@pytest.mark.sphinx("text", testroot="directives")
def test_the_directives_degrade_to_plain_text(app):
    """A print or plain-text edition: no raw HTML reaches a non-HTML builder, and no warning."""
    app.build()
    assert not app._warning.getvalue(), app._warning.getvalue()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert not re.search(r"</?(div|span|article|table|details|script|a|p)\b", text), "raw HTML in the text edition"
    # The data still reads: the Arabic original and a claim id.
    assert "C003-" in text and re.search("[\u0600-\u06ff]", text)


@pytest.mark.sphinx("epub", testroot="directives", confoverrides={"version": "0", "copyright": "test"})
def test_the_directives_build_an_epub_of_well_formed_xhtml(app):
    app.build()
    assert not app._warning.getvalue(), app._warning.getvalue()
    for page in sorted(Path(app.outdir).glob("*.xhtml")):
        ElementTree.parse(page)  # an e-reader refuses a page that is not well-formed XML
    assert "C003-" in (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")
