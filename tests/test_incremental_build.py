"""Every edit reaches the page: in a copy of the project, edit each kind of input, run `paris1944 book`
(what `make book` runs) and find the change in the HTML. Slow (three builds): `make incremental`."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "paris1944"
SKIP = {".venv", "_build", ".git", ".jupyter_cache", "node_modules", ".pytest_cache", "__pycache__", ".ipynb_checkpoints"}

pytestmark = pytest.mark.book_build


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the checkout, read by the CLI, the extension and the notebooks' kernels instead of this one."""
    dest = tmp_path_factory.mktemp("incremental") / "project"
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in SKIP])
    return dest


def build(project: Path) -> tuple[str, float]:
    env = {**os.environ, "PARIS1944_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    start = time.perf_counter()
    out = subprocess.run([str(CLI), "book"], cwd=project, env=env, capture_output=True, text=True, timeout=1200)
    elapsed = time.perf_counter() - start
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]
    return out.stdout + out.stderr, elapsed


def page(project: Path, name: str) -> str:
    return (project / "_build" / "html" / name).read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def built(project):
    log, seconds = build(project)
    return seconds


def test_a_clean_build_is_the_same_bytes_as_the_checkouts_build(project, built):
    """Reproducible: the copy's clean build equals the book `make book` built here (run before this test
    in `make test`), file for file; so the same commit builds the same bytes, wherever it is built."""
    import filecmp

    mine, theirs = ROOT / "_build" / "html", project / "_build" / "html"
    if not (mine / "index.html").exists():
        pytest.fail("no built book in the checkout: run `make book` first (make test does)")
    files = lambda d: {p.relative_to(d) for p in d.rglob("*") if p.is_file() and ".buildinfo" not in p.name}
    a, b = files(mine), files(theirs)
    assert len(a) > 50
    assert sorted(map(str, a ^ b)) == []
    assert [str(r) for r in sorted(a) if not filecmp.cmp(mine / r, theirs / r, shallow=False)] == []


def test_a_data_edit_and_a_page_edit_reach_their_pages(project, built):
    edit(project / "data" / "translations.csv", "Our note: the Arabic sentence is broken", "Our note: EDITED TRANSLATION")
    edit(project / "data" / "sources.csv", "An anonymous fan-wiki article with spelling slips", "EDITED CRITICISM with spelling slips")
    edit(project / "book" / "limitations.md", "What this book can and cannot tell you.", "EDITED PAGE: what this book can and cannot tell you.")
    build(project)
    assert "EDITED TRANSLATION" in page(project, "book/source-texts.html")
    assert "EDITED CRITICISM" in page(project, "notebooks/01-sources.html"), "a notebook page re-runs when its data changes"
    assert "EDITED PAGE" in page(project, "book/limitations.html")


def test_a_code_a_notebook_and_a_stylesheet_edit_reach_their_pages(project, built):
    edit(
        project / "src" / "paris1944" / "publication" / "tables.py",
        'TRANSLATION_NOTE = "our working translation"',
        'TRANSLATION_NOTE = "our EDITED translation"',
    )
    edit(
        project / "notebooks" / "06-methods.ipynb",
        "How the evidence was built and how it is weighed",
        "EDITED NOTEBOOK: how the evidence was built and how it is weighed",
    )
    css = project / "book" / "_static" / "paris1944.css"
    before = page(project, "book/cite.html")
    css.write_text(css.read_text(encoding="utf-8") + "/* EDITED STYLESHEET */\n", encoding="utf-8")
    build(project)
    assert "EDITED STYLESHEET" in page(project, "_static/paris1944.css"), "a stylesheet edit is published"
    link = re.compile(r"paris1944\.css\?v=[0-9a-f]+")
    assert link.search(page(project, "book/cite.html")).group() != link.search(before).group(), "and pages link the new one"
    assert "our EDITED translation" in page(project, "book/ledger.html"), "a directive's page re-renders when the package changes"
    assert "our EDITED translation" in page(project, "notebooks/02-chronology.html")
    assert "EDITED NOTEBOOK" in page(project, "notebooks/06-methods.html")


def test_no_change_no_build(project, built):
    log, seconds = build(project)
    assert "up to date" in log
    # The target is 5% of a clean build; measured, it is about 0.1 s (hashing the inputs), far under it.
    assert seconds < 0.05 * built, f"a no-change build took {seconds:.1f} s against {built:.1f} s for a clean one"


def test_the_fingerprint_covers_every_kind_of_input(project):
    from paris1944 import cli

    before = cli.fingerprint(project)
    for rel in (
        "_config.yml",
        "_toc.yml",
        "CITATION.cff",
        "requirements.txt",
        "datapackage.json",
        "book/cite.md",
        "data/units.csv",
        "data/derived/findings.csv",  # an output too: a hand edit is re-derived, not kept
        "data/sources/000_0502907062a6db50.txt",
        "notebooks/01-sources.ipynb",
        "src/paris1944/sphinxext/assets/charts.js",
        "book/_static/paris1944.css",
    ):
        path = project / rel
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert cli.fingerprint(project) != before, rel
        path.write_bytes(original)
    assert cli.fingerprint(project) == before
    assert re.fullmatch(r"[0-9a-f]{64}", before)
