"""One vocabulary, in data: categories, statuses, the words a reader sees and the deciding rank are written once.

data/vocabulary/*.csv holds them and paris1944.vocabulary loads them; the
conventions hold the deciding rank. These tests walk the syntax tree of src/
and fail on a category name, a status code, a status's words or a rank
written as a literal anywhere else (a column name used as a key is not one).
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from paris1944 import vocabulary

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "paris1944"
LOADER = SRC / "vocabulary.py"


def _column(name: str, column: str) -> set[str]:
    with (ROOT / "data" / "vocabulary" / f"{name}.csv").open(encoding="utf-8") as fh:
        return {r[column] for r in csv.DictReader(fh)}


CODES = _column("categories", "category") | _column("statuses", "status") | {"conflicts", "other scope"}
WORDS = (_column("statuses", "words") | _column("statuses", "short")) - CODES  # what a reader sees: nowhere in code
FIELDS = {"category", "status", "outcome", "measure"}


def _compared(tree: ast.AST) -> set[int]:
    """Constants that are tested against (==, !=, in, not in), directly or inside a tuple, list or set so tested,
    or passed as the value of a category, status, outcome or measure: where a vocabulary code would be written."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and not any(f in ast.unparse(node) for f in ("unit", "type", "kind")):
            # units, field types and mention kinds share some names with categories ("date", "share"): not codes
            for side in [node.left, *node.comparators]:
                items = side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
                out |= {id(x) for x in items if isinstance(x, ast.Constant)}
        if isinstance(node, ast.keyword) and node.arg in FIELDS and isinstance(node.value, ast.Constant):
            out.add(id(node.value))
    return out


def offences(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in _offences(path.read_text(encoding="utf-8"))]


def _offences(code: str) -> list[tuple[int, str]]:
    tree = ast.parse(code)
    tested = _compared(tree)
    found = []
    for node in ast.walk(tree):
        literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if literal and (node.value in WORDS or (node.value in CODES and id(node) in tested)):
            found.append((node.lineno, repr(node.value)))
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any("rank" in ast.unparse(s) for s in sides) and any(isinstance(x, ast.Constant) and str(x.value).isdigit() for x in sides):
                found.append((node.lineno, f"a rank compared with a literal ({ast.unparse(node)})"))
    return found


def test_no_category_status_or_rank_is_written_outside_the_vocabulary():
    found = [o for p in sorted(SRC.rglob("*.py")) if p != LOADER for o in offences(p)]
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_looks_for():
    """The walk itself can fail: codes tested or passed, words anywhere and ranks compared are caught; columns are not."""
    code = (
        'a = c.category == "troops"\nb = x in ("date", "place")\nc = f(status="agrees")\nd = E("span", "under review")\n'
        'e = ref.rank <= 1\nok1 = r["date"]\nok2 = ["date", "value"]\nok3 = {"date": 1}\n'
    )
    assert sorted(line for line, _ in _offences(code)) == [1, 2, 2, 3, 4, 5]


def test_the_loader_names_every_code_the_analysis_produces():
    v = vocabulary.read(ROOT / "data")
    assert set(vocabulary.OUTCOMES) == set(v.statuses)
    assert {vocabulary.AGAINST_RECORD, vocabulary.INTERNAL, vocabulary.SCOPE, vocabulary.BETWEEN_SOURCES} == set(v.kinds)
    assert {row.measure for row in v.categories.values()} == {vocabulary.DAYS, vocabulary.FIGURE, vocabulary.NAME}


@pytest.mark.parametrize("table", vocabulary.TABLES)
def test_every_vocabulary_table_is_described_in_the_data_package(table):
    from paris1944.evidence import package

    assert table in package.names("input")
    assert package.relative_path(table) == f"vocabulary/{table}.csv"


def test_a_missing_status_is_refused(tmp_path):
    """Words cannot part from a code: a data folder whose statuses lack one the analysis produces does not load."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "vocabulary", data / "vocabulary")
    shutil.copy(ROOT / "data" / "units.csv", data / "units.csv")
    path = data / "vocabulary" / "statuses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("under_review,")) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="under_review"):
        vocabulary.read(data)
