"""Notebooks are committed executed, so that nbval has something to compare."""

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_with_its_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code is a page: put it in book/"
    counts = [c.get("execution_count") for c in code]
    assert None not in counts, "cells without execution_count are skipped by nbval"
    assert counts == list(range(1, len(code) + 1)), "execute top to bottom in a fresh kernel"
    assert any(c["outputs"] for c in code), "no outputs: nbval would compare nothing"
    timed = [c["id"] for c in code if "execution" in c.get("metadata", {})]
    assert not timed, f"timing metadata in cells {timed}: re-run with `make notebooks` so a re-run leaves the file unchanged"
    for c in code:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"committed with an error: {out.get('ename')}"
            text = "".join(out.get("text", ""))
            assert "Traceback" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_the_table_of_contents(path):
    toc = (ROOT / "_toc.yml").read_text()
    assert f"notebooks/{path.stem}" in toc


def test_notebook_names_give_the_reading_order():
    for path in NOTEBOOKS:
        assert path.name[:3].rstrip("-").isdigit(), path.name


def test_toc_and_config_parse():
    assert yaml.safe_load((ROOT / "_toc.yml").read_text())["root"] == "book/index"
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cfg["execute"]["execute_notebooks"] == "cache"
    assert cfg["sphinx"]["config"]["nb_execution_raise_on_error"] is True
