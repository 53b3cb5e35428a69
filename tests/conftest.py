"""Shared fixtures: the checkout, the data as the book reads it, computed once per session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def book():
    from paris1944.publication.book import Book

    return Book.load(ROOT / "data")


# ------------------------------------------------------------------ the analysis tests' tables (read once per session)
@pytest.fixture(scope="session")
def table_rows() -> list[dict[str, str]]:
    """data/conventions.csv as rows of strings, read with the csv module (never by the code under test)."""
    from builders import read_csv

    return read_csv(ROOT / "data" / "conventions.csv")


@pytest.fixture(scope="session")
def table(table_rows) -> dict[str, dict[str, str]]:
    """data/conventions.csv as rows of strings, keyed by convention."""
    return {r["convention"]: r for r in table_rows}


@pytest.fixture(scope="session")
def conventions():
    """The conventions as analysis/conventions.py reads them."""
    from paris1944.analysis.conventions import Conventions

    return Conventions.read(ROOT / "data")


@pytest.fixture(scope="session")
def units() -> dict:
    """The units table as typed records, keyed by unit."""
    from paris1944.evidence import package

    return {u.unit: u for u in package.records("units", ROOT / "data")}


@pytest.fixture(scope="session")
def real():
    """The real data as the pipeline reads it: its claims and references as typed records, and the examination
    each variant of the conventions makes of them."""
    from types import SimpleNamespace

    from paris1944.analysis import steps
    from paris1944.analysis.conventions import VARIANTS

    evidence = steps.load(ROOT / "data")
    return SimpleNamespace(
        evidence=evidence,
        claims=list(evidence.claim_records.values()),
        references=[evidence.statements[i] for i in evidence.references["ref_id"]],
        exams={v: steps.examination(evidence, v) for v in VARIANTS},
    )
