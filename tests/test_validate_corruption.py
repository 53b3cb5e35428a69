"""The validator under random damage (Hypothesis): whatever happens to the bytes
of an input table or a source text, validate() returns problems, one
``path:row: column: message`` line each, and never raises; and damage that
breaks a file is reported against that file.

One copy of data/ is made per test; each example damages one file (or a few)
of that copy, from the pristine bytes, and puts the pristine bytes back
afterwards, so an example costs one validate() and a few file writes.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from paris1944 import paths
from paris1944.evidence import package
from paris1944.evidence.validate import Problem, validate

PRISTINE = paths.DATA
TABLES = {package.relative_path(name): name for name in package.names("input")}  # 'reference/publishers.csv' -> 'publishers'
TEXTS = sorted(p.relative_to(PRISTINE).as_posix() for p in (PRISTINE / "sources").glob("*.txt"))
ORIGINAL = {rel: (PRISTINE / rel).read_bytes() for rel in [*TABLES, *TEXTS]}
CELLS = {rel: list(csv.reader(io.StringIO(ORIGINAL[rel].decode("utf-8"), newline=""))) for rel in TABLES}
SOURCE_ROW = {r[1]: i for i, r in enumerate(CELLS["sources.csv"][1:], start=2)}  # 'sources/000_...txt' -> its row
BOM = b"\xef\xbb\xbf"

# What Problem.__str__ prints: path:row: column: message, on one line (the column may be a damaged header's text).
SHAPE = re.compile(r"(?P<path>[^:\n]+):(?P<row>\d+): (?P<column>[^\n]+?): (?P<message>[^\n]+)")
SETTINGS = dict(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Values that have broken, or could break, a check that trusts a cell.
TRICKY = [
    "",
    " ",
    "²",
    "١٩٤٤",
    "-1",
    "0",
    "1.5",
    "1e400",
    "nan",
    "inf",
    "9" * 5000,
    "2,000",
    "1944-02-30",
    "0000-00-00",
    "fr",
    "en",
    "none",
    "a\nb",
    "a\r\nb",
    "a: b",
    ":",
    '"',
    '"unclosed',
    ",",
    "\x00",
    "\ufeff",
    "x" * 300,
    "sources/" + "x" * 300 + ".txt",
    "sources",
    "/",
    "../sources.csv",
    "C000-01",
    "000_0502907062a6db50",
]
BLOBS = [b"\xff", b"\x00", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", BOM, b'"', b"\r", b"\n", b"\r\n", b","]


@dataclass(frozen=True)
class Damage:
    """One mutation of one file: kind, and the numbers and text it needs."""

    target: str  # relative to data/
    kind: str
    args: tuple = ()

    def apply(self, raw: bytes) -> bytes | None:
        """The damaged bytes; None when the file is deleted."""
        k, a = self.kind, self.args
        if k == "delete":
            return None
        if k == "empty":
            return b""
        if k == "bom":
            return BOM + raw
        if k == "crlf":
            return raw.replace(b"\n", b"\r\n")
        if k == "truncate":
            return raw[: a[0]]
        if k == "insert":
            return raw[: a[0]] + a[1] + raw[a[0] :]
        if k == "replace_span":
            return raw[: a[0]] + a[2].encode("utf-8") + raw[a[0] + a[1] :]
        lines = raw.splitlines(keepends=True)
        if k == "delete_line":
            return b"".join(lines[: a[0]] + lines[a[0] + 1 :])
        if k == "duplicate_line":
            return b"".join(lines[: a[0] + 1] + lines[a[0] :])
        rows = [list(r) for r in CELLS[self.target]]
        if k == "swap_header":
            i, j = a
            rows[0][i], rows[0][j] = rows[0][j], rows[0][i]
        elif k == "replace_cell":
            row, column, text = a
            rows[row][column] = text
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8")


@st.composite
def damages(draw, targets=(*TABLES, *TEXTS)) -> Damage:
    target = draw(st.sampled_from(targets))
    raw = ORIGINAL[target]
    table = target in TABLES
    kind = draw(
        st.sampled_from(
            ["delete", "empty", "bom", "crlf", "truncate", "insert", "delete_line", "duplicate_line"]
            + (["swap_header", "replace_cell"] if table else ["replace_span"])
        )
    )
    size, lines = len(raw), len(raw.splitlines())
    if kind == "truncate":
        return Damage(target, kind, (draw(st.integers(0, size - 1)),))
    if kind == "insert":
        blob = draw(
            st.one_of(st.sampled_from(BLOBS), st.binary(min_size=1, max_size=8), st.text(min_size=1, max_size=8).map(lambda t: t.encode("utf-8")))
        )
        return Damage(target, kind, (draw(st.integers(0, size)), blob))
    if kind in ("delete_line", "duplicate_line"):
        return Damage(target, kind, (draw(st.integers(0, lines - 1)),))
    if kind == "replace_span":
        at = draw(st.integers(0, size - 1))
        return Damage(target, kind, (at, draw(st.integers(0, 20)), draw(st.text(max_size=10))))
    if kind in ("swap_header", "replace_cell"):
        cells = CELLS[target]
        width = len(cells[0])
        if kind == "swap_header":
            return Damage(target, kind, (draw(st.integers(0, width - 1)), draw(st.integers(0, width - 1))))
        row, column = draw(st.integers(0, len(cells) - 1)), draw(st.integers(0, width - 1))
        other = st.tuples(st.integers(0, len(cells) - 1), st.integers(0, width - 1)).map(lambda rc: cells[rc[0]][rc[1]])
        text = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=20), other))  # other: a real value, misplaced
        return Damage(target, kind, (row, column, text))
    return Damage(target, kind)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("corruption") / "data"
    shutil.copytree(PRISTINE, copy, ignore=shutil.ignore_patterns("derived"))
    assert validate(copy) == []
    return copy


def damage(folder: Path, d: Damage) -> bytes | None:
    path = folder / d.target
    after = d.apply(ORIGINAL[d.target])
    if after is None:
        path.unlink()
    else:
        path.write_bytes(after)
    return after


def restore(folder: Path, targets) -> None:
    for target in targets:
        (folder / target).write_bytes(ORIGINAL[target])


def check_shape(folder: Path, problems) -> None:
    """Problem objects, sorted and unique, each printed as one path:row: column: message line naming a real place."""
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert problems == sorted(set(problems))
    for p in problems:
        line = str(p)
        m = SHAPE.fullmatch(line)
        assert m, f"not path:row: column: message on one line: {line!r}"
        assert line == f"{p.path}:{p.row}: {p.column}: {p.message}".replace("\r", "\\r").replace("\n", "\\n")
        assert p.path.startswith(str(folder)) and p.row >= 0 and p.message.strip()
        rel = Path(p.path).relative_to(folder).as_posix()
        if p.column == "mention":
            assert p.row >= 1  # a line of a text
        elif rel in TABLES and not (p.row == 1 and p.message == "unexpected column"):
            name = TABLES[rel]
            assert p.column == "-" or set(p.column.split("+")) <= set(package.columns(name)), line


def must_report(folder: Path, problems, d: Damage, after: bytes | None, sources_intact: bool) -> None:
    """Damage that certainly breaks a file is reported against that file."""
    target, before = d.target, ORIGINAL[d.target]
    if target in TEXTS:
        # A source text must not change by one byte: its row in sources.csv says so.
        if after != before and sources_intact:
            row = SOURCE_ROW[target]
            assert {(p.row, p.column) for p in problems if p.path == str(folder / "sources.csv")} & {(row, "sha256"), (row, "file")}, (
                f"{target} changed and sources.csv row {row} says nothing"
            )
        return
    broken = (
        after is None
        or not after.strip()
        or b"\x00" in after
        or after.startswith(BOM)
        or b"\r\n" in after
        or (d.kind == "swap_header" and len({CELLS[target][0][i] for i in d.args}) == 2)
    )
    try:
        (after or b"").decode("utf-8")
    except UnicodeDecodeError:
        broken = True
    if broken:
        assert any(p.path == str(folder / target) for p in problems), f"{target} is broken and no problem names it"


@settings(max_examples=60, **SETTINGS)
@given(d=damages())
# Always tried, whatever the random draw: the damage the validator promises to name.
@example(d=Damage("claims.csv", "delete"))
@example(d=Damage("reference/fact_subjects.csv", "empty"))
@example(d=Damage("subjects.csv", "insert", (500, b"\xc3(")))
@example(d=Damage("entities.csv", "insert", (100, b"\x00")))
@example(d=Damage("sources/002_3a15b560a6a0dcb7.txt", "replace_span", (10, 1, "x")))
def test_any_damage_to_one_file_gives_problems_not_a_traceback(folder, d):
    event(f"{'text' if d.target in TEXTS else 'table'}: {d.kind}")  # pytest --hypothesis-show-statistics
    try:
        after = damage(folder, d)
        problems = validate(folder)
    finally:
        restore(folder, [d.target])
    check_shape(folder, problems)
    must_report(folder, problems, d, after, sources_intact=True)
    if after == ORIGINAL[d.target]:
        assert problems == [], "a mutation that changed nothing is reported"


@settings(max_examples=15, **SETTINGS)
@given(ds=st.lists(damages(), min_size=2, max_size=4, unique_by=lambda d: d.target))
def test_damage_to_several_files_is_all_reported_at_once(folder, ds):
    afters = {}
    try:
        for d in ds:
            afters[d.target] = damage(folder, d)
        problems = validate(folder)
    finally:
        restore(folder, [d.target for d in ds])
    check_shape(folder, problems)
    sources_intact = "sources.csv" not in afters
    for d in ds:
        must_report(folder, problems, d, afters[d.target], sources_intact)


def test_the_copy_is_pristine_after_the_damage(folder):
    """Examples put back what they damaged: the last test sees an untouched copy."""
    for rel, raw in ORIGINAL.items():
        assert (folder / rel).read_bytes() == raw
    assert validate(folder) == []
