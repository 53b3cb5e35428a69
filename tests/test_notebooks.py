"""Notebooks: committed executed, thin, and the numbers they glue are the tables' numbers."""

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin(path):
    """Notebooks narrate and call the package: no cell longer than a few lines, no loops, no functions, no pandas."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        lines = [line for line in src.splitlines() if line.strip()]
        assert len(lines) <= 6, src
        assert not re.search(r"^\s*(def|class|for|while)\b|import pandas|\.groupby\(|\.merge\(", src, re.M), src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_glue_reference_is_glued(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    used = set(re.findall(r"\{glue:text\}`([a-z_0-9]+)`", prose))
    assert used, "a chapter's numbers come from the data through glue"
    assert used <= set(glued(path.name)), used - set(glued(path.name))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_sentence_that_starts_with_a_glued_word_starts_with_a_capital(path):
    """A sentence that opens "five of them could be traced" reads as a typo."""
    values = glued(path.name)
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for name in re.findall(r"(?:^|\n\s*|[.!?]\s+)(?:\*\*)?\{glue:text\}`([a-z_0-9]+)`", text):
            value = str(values.get(name, ""))
            assert not value[:1].islower(), f"{path.name}: a sentence starts with {name} = {value!r}"


def test_no_number_is_written_into_the_prose():
    """Digits in a chapter's prose outside glue, links, code and dates named as examples are hard-coded numbers."""
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for c in nb["cells"]:
            if c["cell_type"] != "markdown":
                continue
            text = re.sub(r"\{glue:text\}`[^`]*`|`[^`]*`|\([^)]*\.(?:ipynb|md)[^)]*\)|\(#[^)]*\)|R-\d\d|SHA-256", "", "".join(c["source"]))
            text = re.sub(r"^#+ .*$", "", text, flags=re.M)
            assert not re.search(r"\d", text), f"{path.name}: {text[:300]}"


@pytest.fixture(scope="module")
def findings():
    f = pd.read_csv(ROOT / "data" / "derived" / "findings.csv", dtype=str, keep_default_na=False)
    return f[f["default"] != ""]


def test_the_findings_chapter_counts_the_findings_table(findings):
    g = glued("05-findings.ipynb")
    assert len(findings) > 0
    assert g["n_findings"] == str(len(findings))
    assert g["n_major"] == str((findings["severity"] == "major").sum())
    assert g["n_minor"] == str((findings["severity"] == "minor").sum())
    assert g["n_robust"] == str((findings["robustness"] == "all conventions").sum())
    assert g["n_internal"] == str((findings["kind"] == "internal").sum())
    assert g["n_against_reference"] == str((findings["kind"] == "source_vs_reference").sum())
    assert g["n_claims_in_findings"] == str(len({c for ids in findings["claim_ids"] for c in ids.split()}))


def test_the_chronology_counts_date_findings_once(findings):
    g = glued("02-chronology.ipynb")
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
    dates = set(claims[claims["category"] == "date"]["claim_id"])
    date_findings = findings[findings["claim_ids"].str.split().map(lambda ids: bool(set(ids) & dates))]
    assert g["n_date_findings"] == str(len(date_findings))
    assert g["n_dated"] == str(len(dates))
    assert g["n_events"] == str(claims[claims["category"] == "date"]["subject"].nunique())


def test_toc_and_config():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    assert toc["root"] == "book/index"
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert files[:2] == ["book/findings", "notebooks/05-findings"], "findings first"
    assert {f"notebooks/{p.stem}" for p in NOTEBOOKS} <= set(files)
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cfg["execute"]["execute_notebooks"] == "force", "Sphinx, not a second cache, decides what is re-executed"
    assert cfg["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    assert "paris1944.sphinxext" in cfg["sphinx"]["extra_extensions"]
