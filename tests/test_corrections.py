"""The Corrections page (src/paris1944/sphinxext/corrections.py): CHANGELOG.md read into dated versions, each
change linked to the finding, claim or figure it names while the book still has it, and re-read when it changes."""

import re
import shutil
from pathlib import Path

import pytest

from paris1944 import paths
from paris1944.sphinxext.corrections import human, parse, pieces

CHANGELOG = """# Changelog of the data

Text before the first version is the file's own introduction.

## Unreleased

- Not published yet: F-004-rommel_death is being looked at.

## 0.3.1 (2027-01-05)

**Corrected.** The date of F-004-rommel_death was wrong;
claim C004-26 now reads 17 July (see `data/claims.csv`).

- fig-timeline redrawn.
* A second bullet
  that goes on over two lines.

### Dropped

1. F-004-gone_finding, dropped <script>alert(1)</script>.

## v0.3.0 (2026-12-24)

Only a paragraph.
"""


def test_the_changelog_is_read_into_dated_versions_newest_first():
    versions = parse(CHANGELOG)
    assert [(v.version, v.date) for v in versions] == [("0.3.1", "2027-01-05"), ("0.3.0", "2026-12-24")]
    assert versions[0].changes == [
        "**Corrected.** The date of F-004-rommel_death was wrong; claim C004-26 now reads 17 July (see `data/claims.csv`).",
        "fig-timeline redrawn.",
        "A second bullet that goes on over two lines.",
        "**Dropped**",
        "F-004-gone_finding, dropped <script>alert(1)</script>.",
    ]
    assert versions[1].changes == ["Only a paragraph."]


def test_unreleased_changes_and_the_introduction_are_not_published():
    text = " ".join(c for v in parse(CHANGELOG) for c in v.changes)
    assert "Not published yet" not in text and "introduction" not in text


def test_a_change_is_split_into_its_marks_and_the_ids_it_names():
    assert pieces("**Corrected.** F-004-rommel_death and C004-26 (`x`), in fig-timeline.") == [
        ("strong", "Corrected."),
        ("text", " "),
        ("finding", "F-004-rommel_death"),
        ("text", " and "),
        ("claim", "C004-26"),
        ("text", " ("),
        ("code", "x"),
        ("text", "), in "),
        ("figure", "fig-timeline"),
        ("text", "."),
    ]
    assert pieces("no id here") == [("text", "no id here")]
    assert human("2026-11-29") == "29 November 2026"


# ------------------------------------------------------------------ the directive, in a small Sphinx project
def _project(tmp_path: Path, changelog: str) -> Path:
    """A copy of what the extension reads (the data, the figures, the citation), with its own CHANGELOG."""
    project = tmp_path / "project"
    for name in ("data", "figures"):
        shutil.copytree(paths.ROOT / name, project / name)
    for name in ("datapackage.json", "CITATION.cff"):
        shutil.copy(paths.ROOT / name, project / name)
    (project / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    src = tmp_path / "root"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["paris1944.sphinxext"]\nexclude_patterns = ["_build"]\nhtml_theme = "basic"\n')
    (src / "index.rst").write_text("Corrections\n===========\n\n.. corrections::\n\n.. toctree::\n   :hidden:\n\n   figure\n")
    # a page that holds a figure the CHANGELOG names
    (src / "figure.rst").write_text("A figure\n========\n\n.. figure:: https://example.org/x.svg\n   :name: fig-timeline\n\n   The time line.\n")
    return project


@pytest.fixture
def project(tmp_path, monkeypatch):
    def make(changelog: str) -> Path:
        project = _project(tmp_path, changelog)
        monkeypatch.setenv("PARIS1944_ROOT", str(project))
        paths.root.cache_clear()
        from paris1944.publication import citation

        citation._book.cache_clear()
        return project

    yield make
    paths.root.cache_clear()


def test_the_page_lists_every_version_of_the_real_changelog(make_app, tmp_path, project):
    real = (paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    project(real)
    app = make_app("html", srcdir=tmp_path / "root")
    app.build()
    assert not app._warning.getvalue(), app._warning.getvalue()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)", real, re.M)
    assert versions, "the CHANGELOG has released versions"
    for version, day in versions:
        assert f'id="version-{version.replace(".", "-")}"' in html
        assert f"Version {version}, {human(day)}" in html


def test_ids_link_while_the_book_has_them_and_text_is_escaped(make_app, tmp_path, project):
    data = project(CHANGELOG)
    fid = (data / "data" / "derived" / "findings.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    cid = "C000-01"
    changelog = CHANGELOG.replace("F-004-rommel_death", fid).replace("C004-26", cid)
    (data / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    app = make_app("html", srcdir=tmp_path / "root")
    app.build()
    assert not app._warning.getvalue(), app._warning.getvalue()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert f'href="findings.html#{fid}"' in html
    assert 'href="figure.html#fig-timeline"' in html, "a figure links to the page that holds it"
    assert f'href="ledger.html#claim-{cid}"' in html
    assert "findings.html#F-004-gone_finding" not in html and "F-004-gone_finding" in html, "a dropped id is named, not linked"
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>Corrected.</strong>" in html and "data/claims.csv</span></code>" in html
    deps = {Path(p).name for p in app.env.dependencies["index"]}
    assert {"CHANGELOG.md", "findings.csv", "claims.csv", "corrections.py"} <= deps


def test_an_edited_changelog_reaches_the_page(make_app, tmp_path, project):
    data = project(CHANGELOG)
    app = make_app("html", srcdir=tmp_path / "root")
    app.build()
    changelog = data / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace("## 0.3.1", "## 0.3.2 (2027-02-01)\n\nA new correction.\n\n## 0.3.1"))
    app2 = make_app("html", srcdir=tmp_path / "root")
    app2.build()
    assert re.search(r"0 added, 1 changed", app2._status.getvalue()), "the edit re-reads the page"
    html = (Path(app2.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Version 0.3.2, 1 February 2027" in html and "A new correction." in html
