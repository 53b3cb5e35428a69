"""The notebooks and the published tables cannot drift apart.

Each analysis notebook is executed as a reader on Binder would, with its
conventions cell set to strict, default and loose, and once more in a copy of
the project whose data/conventions.csv has been edited. Its result tables
(the verdicts and findings of its claims) must equal what the pipeline
computes for the same settings: the tables `make data` writes to
data/derived/ for the default, and the pipeline's own run for the others.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import nbclient
import nbformat
import pandas as pd
import pytest

from paris1944 import pipeline
from paris1944.analysis import steps
from paris1944.analysis.conventions import VARIANTS

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {"02-chronology.ipynb": "02-chronology", "03-troops.ipynb": "03-troops", "04-casualties.ipynb": "04-casualties", "05-findings.ipynb": None}
FINDING_COLUMNS = ["finding_id", "kind", "source_id", "subject", "claim_ids", "verdict_reference", "holds", "gate", "severity", "outcome"]
VERDICT_COLUMNS = ["claim_id", "status", "references", "against", "finding_id", "outcome"]


def run_notebook(name: str, conventions: str, out: Path, root: Path = ROOT, env: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Execute a notebook with its conventions cell set, and read back its results' verdicts and findings."""
    nb = nbformat.read(root / "notebooks" / name, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and re.search(r"^conventions = ", c.source, re.M))
    cell.source = re.sub(r'^conventions = "\w+"$', f'conventions = "{conventions}"', cell.source, flags=re.M)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            f'results.verdicts.to_csv(r"{out}/verdicts.csv", index=False)\nresults.findings.to_csv(r"{out}/findings.csv", index=False)'
        )
    )
    client = nbclient.NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(root / "notebooks")}})
    if env:
        client.extra_arguments = []
        import os

        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            client.execute()
        finally:
            for k, value in saved.items():
                if value is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = value
    else:
        client.execute()
    read = lambda n: pd.read_csv(out / n, dtype=str, keep_default_na=False)
    return read("verdicts.csv"), read("findings.csv")


def pipeline_tables(data_dir: Path, variant: str, chapter: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the pipeline computes for a chapter's claims under a variant."""
    a = pipeline.analysis(data_dir)
    claims = steps.select(a.evidence, chapter=chapter) if chapter else a.evidence.claims
    tables = steps.examine(a.evidence, variant, claims)
    return _strings(tables["verdicts"]), _strings(tables["findings"])


def _strings(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(str).replace({"nan": "", "None": ""})


def same(a: pd.DataFrame, b: pd.DataFrame, columns: list[str], key: str) -> None:
    a, b = a[columns].sort_values(key).reset_index(drop=True), b[columns].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Each notebook run once per variant for this module: the default run serves both tests below
    (executing a notebook is most of this module's time). The runs draw their figures aside: a run under
    another reading must never leave its figures in the checkout, where they would be committed."""
    runs: dict[tuple[str, str], tuple[pd.DataFrame, pd.DataFrame]] = {}
    before = {p.name: p.stat().st_mtime_ns for p in (ROOT / "figures").iterdir()}

    def run(name: str, variant: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        if (name, variant) not in runs:
            out = tmp_path_factory.mktemp("run")
            runs[name, variant] = run_notebook(name, variant, out, env={"PARIS1944_FIGURES": str(out)})
        return runs[name, variant]

    yield run
    assert {p.name: p.stat().st_mtime_ns for p in (ROOT / "figures").iterdir()} == before, "a notebook run wrote into figures/"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_a_notebook_under_each_convention_is_the_pipeline_under_it(name, variant, executed):
    verdicts, findings = executed(name, variant)
    expected_v, expected_f = pipeline_tables(ROOT / "data", variant, CHAPTERS[name])
    same(verdicts, expected_v, VERDICT_COLUMNS, "claim_id")
    same(findings, expected_f, FINDING_COLUMNS, "finding_id")


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_notebook_under_the_default_is_what_make_data_wrote(name, executed):
    verdicts, findings = executed(name, "default")
    derived_v = pd.read_csv(ROOT / "data" / "derived" / "verdicts.csv", dtype=str, keep_default_na=False)
    derived_f = pd.read_csv(ROOT / "data" / "derived" / "findings.csv", dtype=str, keep_default_na=False)
    derived_v = derived_v[derived_v["claim_id"].isin(verdicts["claim_id"])]
    held = derived_f["holds"].str.split().map(lambda h: "default" in h)
    mine = derived_f["claim_ids"].str.split().map(lambda ids: bool(set(ids) & set(verdicts["claim_id"])))
    same(verdicts, derived_v, VERDICT_COLUMNS, "claim_id")
    same(findings, derived_f[held & mine], FINDING_COLUMNS, "finding_id")


def test_an_edited_conventions_table_changes_the_notebook_and_the_pipeline_alike(tmp_path):
    """In a copy of the project, a reading of 'a few weeks' narrowed to exactly two weeks: the chronology notebook run
    there gives what the pipeline gives there, and not what it gives here."""
    copy = tmp_path / "project"
    for entry in ("data", "notebooks", "figures", "datapackage.json", "CITATION.cff"):
        src = ROOT / entry
        (shutil.copytree if src.is_dir() else shutil.copy)(src, copy / entry)
    path = copy / "data" / "conventions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["convention"] == "weeks_before":
            r["default"] = "2-2"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    verdicts, findings = run_notebook("02-chronology.ipynb", "default", tmp_path, root=copy, env={"PARIS1944_ROOT": str(copy)})
    expected_v, expected_f = pipeline_tables(copy / "data", "default", "02-chronology")
    same(verdicts, expected_v, VERDICT_COLUMNS, "claim_id")
    same(findings, expected_f, FINDING_COLUMNS, "finding_id")
    here_v, _ = pipeline_tables(ROOT / "data", "default", "02-chronology")
    windows_here = steps.windows_of(
        here_v.merge(pipeline.analysis(ROOT / "data").evidence.claims, on="claim_id"), pipeline.analysis(ROOT / "data").evidence
    )
    windows_there = steps.windows_of(
        expected_v.merge(pipeline.analysis(copy / "data").evidence.claims, on="claim_id"), pipeline.analysis(copy / "data").evidence
    )
    assert not windows_here[["id", "low", "high"]].equals(windows_there[["id", "low", "high"]]), "the edit changed no window: the test proves nothing"
