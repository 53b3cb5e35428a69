"""Notebooks: committed executed, thin, and the numbers they glue are the tables' numbers."""

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from paris1944.publication import words as w

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _nb(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))


def glued(name: str) -> dict:
    """The values a notebook glued, as stored in its outputs."""
    out = {}
    for cell in _nb(name)["cells"]:
        for o in cell.get("outputs", []):
            key = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if key:
                text = o["data"].get("application/papermill.record/text/plain", "")
                out[key] = ast.literal_eval(text) if text.startswith("'") else text
    return out


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01-sources.ipynb",
        "02-chronology.ipynb",
        "03-troops.ipynb",
        "04-casualties.ipynb",
        "05-findings.ipynb",
        "06-methods.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_with_its_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code is a page: put it in book/"
    counts = [c.get("execution_count") for c in code]
    assert counts == list(range(1, len(code) + 1)), "execute top to bottom in a fresh kernel (make notebooks)"
    assert all(c["outputs"] for c in code), "a cell without output: nbval would compare nothing"
    timed = [c["id"] for c in code if "execution" in c.get("metadata", {})]
    assert not timed, f"timing metadata in cells {timed}: re-run with `make notebooks`"
    for c in code:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"committed with an error: {out.get('ename')}"
            assert out["output_type"] != "stream" or out.get("name") != "stderr", "a warning was printed"


ANALYSES = ["02-chronology.ipynb", "03-troops.ipynb", "04-casualties.ipynb", "05-findings.ipynb"]
STEPS = ("steps.select", "steps.windows_of", "steps.match", "steps.decide", "steps.cross_check", "steps.gather", "steps.review", "steps.publish")
EVAL = re.compile(r"\{eval\}`([^`]+)`")


@pytest.mark.parametrize("name", ANALYSES)
def test_an_analysis_notebook_shows_its_steps_and_their_tables(name):
    """A Binder reader sees the analysis: a conventions cell, then each step a short cell with its table after it."""
    cells = _nb(name)["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    first = "".join(code[0]["source"])
    assert re.search(r'^conventions = "default"$', first, re.M), "the first code cell chooses the conventions, in one visible line"
    shown = []
    for i, c in enumerate(cells):
        src = "".join(c["source"])
        if c["cell_type"] != "code" or "steps.examine" in src:
            continue
        called = [s for s in STEPS if s + "(" in src]
        if not called:
            continue
        html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in c["outputs"])
        assert "<table" in html, f"{name}: the step {called} is followed by no table"
        assert cells[i - 1]["cell_type"] == "markdown", f"{name}: a step needs its sentence of why before it"
        assert len([line for line in src.splitlines() if line.strip()]) <= 6, src
        shown += called
    assert len(shown) >= 6, f"{name}: {shown}"
    assert any("assert found.equals(results.findings)" in "".join(c["source"]) for c in code), "the steps must be checked against the one call"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_evaluated_and_stored_for_jupyterlab(path):
    """Every {eval} expression has its value stored in the cell (jupyterlab-myst shows it before anything runs)."""
    used = 0
    for c in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if c["cell_type"] != "markdown":
            continue
        wanted = list(dict.fromkeys(EVAL.findall("".join(c["source"]))))
        stored = {e["expression"]: e["result"] for e in c.get("metadata", {}).get("user_expressions", [])}
        assert list(stored) == wanted, "re-run `make notebooks`: the stored values are not this text's"
        for expression, result in stored.items():
            assert result["status"] == "ok" and result["data"]["text/plain"].strip(), expression
            used += 1
    assert used, "a chapter's numbers come from the data"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_sentence_that_starts_with_an_evaluated_word_starts_with_a_capital(path):
    """A sentence that opens "five of them could be traced" reads as a typo."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        values = {e["expression"]: e["result"]["data"]["text/plain"] for e in cell.get("metadata", {}).get("user_expressions", [])}
        for expression in re.findall(r"(?:^|\n\s*|[.!?]\s+)(?:\*\*)?\{eval\}`([^`]+)`", text):
            assert not values[expression][:1].islower(), f"{path.name}: a sentence starts with {expression} = {values[expression]!r}"


def test_no_number_is_written_into_the_prose():
    """Digits in a chapter's prose outside eval, glue, links, code and ids are hard-coded numbers."""
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            if c["cell_type"] != "markdown":
                continue
            text = re.sub(r"\{(?:eval|glue:text)\}`[^`]*`|`[^`]*`|\([^)]*\.(?:ipynb|md)[^)]*\)|\(#[^)]*\)|R-\d\d|SHA-256", "", "".join(c["source"]))
            text = re.sub(r"^#+ .*$|^\*\*\d\. ", "", text, flags=re.M)  # headings and numbered step labels
            assert not re.search(r"\d", text), f"{path.name}: {text[:300]}"


def stored(name: str) -> dict:
    """The values a notebook's prose shows, as stored for JupyterLab."""
    out = {}
    for c in _nb(name)["cells"]:
        for e in c.get("metadata", {}).get("user_expressions", []):
            out[e["expression"].removeprefix("page.")] = e["result"]["data"]["text/plain"]
    return out


@pytest.fixture(scope="module")
def findings():
    f = pd.read_csv(ROOT / "data" / "derived" / "findings.csv", dtype=str, keep_default_na=False)
    return f[f["holds"].str.split().map(lambda h: "default" in h)]


def test_the_findings_chapter_counts_the_findings_table(findings):
    g = {**glued("05-findings.ipynb"), **stored("05-findings.ipynb")}
    published = findings[findings["gate"] == "published"]
    assert g["n_findings"] == str(len(published))
    assert g["n_under_review"] == str(len(findings) - len(published))
    assert g["n_major"] == str((published["severity"] == "major").sum())
    assert g["n_minor"] == str((published["severity"] == "minor").sum())
    assert g["n_internal"] == str((published["kind"] == "internal").sum())
    assert g["n_against_reference"] == str((published["kind"] == "source_vs_reference").sum())
    assert g["n_claims_in_findings"] == str(len({c for ids in published["claim_ids"] for c in ids.split()}))
    verdicts = pd.read_csv(ROOT / "data" / "derived" / "verdicts.csv", dtype=str, keep_default_na=False)
    statuses = pd.read_csv(ROOT / "data" / "vocabulary" / "statuses.csv", dtype=str, keep_default_na=False)
    decided = verdicts["outcome"].isin(statuses.loc[statuses["decided"] == "yes", "status"])  # what a reader is told
    assert g["n_decided"] == f"{int(decided.sum()):,}" and g["claims_counted"] == w.count(len(verdicts), "claim")


def test_the_chronology_counts_date_findings_once(findings):
    g = stored("02-chronology.ipynb")
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    dates = set(claims[claims["category"] == "date"]["claim_id"])
    date_findings = findings[findings["claim_ids"].str.split().map(lambda ids: bool(set(ids) & dates)) & (findings["gate"] == "published")]
    from paris1944.publication import words as w

    assert f"{w.are(len(date_findings), 'date finding')} published" in g["findings_words"]
    assert g["n_dated"] == str(len(dates))
    assert g["events_counted"] == w.count(claims[claims["category"] == "date"]["subject"].nunique(), "event")


def test_toc_and_config():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    assert toc["root"] == "book/index"
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert files[:2] == ["book/findings", "notebooks/05-findings"], "findings first"
    assert {f"notebooks/{p.stem}" for p in NOTEBOOKS} <= set(files)
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cfg["execute"]["execute_notebooks"] == "force", "Sphinx, not a second cache, decides what is re-executed"
    assert cfg["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    assert cfg["sphinx"]["config"]["nb_execution_mode"] == "inline", "{eval} in the prose needs the notebook run as the page is read"
    assert "paris1944.sphinxext" in cfg["sphinx"]["extra_extensions"]
