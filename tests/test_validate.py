"""The validator: the real data passes; a damaged copy of data/ fails with one
``path:row: column: message`` line per problem, all of them at once, and never
a traceback, whatever the damage (see test_validate_corruption.py for random damage).

Each test works on a fresh copy of data/ in tmp_path. The copy has no
datapackage.json beside it: the validator always reads the repository's
descriptor and finds the tables under the folder it is given.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paris1944 import paths
from paris1944.evidence import mentions, package
from paris1944.evidence.validate import Problem, validate

CLI = Path(sys.executable).with_name("paris1944")
# path:row: column: message, on one line; row 0 is the file itself, row 1 the header.
SHAPE = re.compile(r"(?P<path>[^:\n]+):(?P<row>\d+): (?P<column>[^:\n]+): (?P<message>[^\n]+)")
BOM = b"\xef\xbb\xbf"
EN_SOURCE = "000_0502907062a6db50"  # row 2 of sources.csv
RU_SOURCE = "001_14f9cd03a0686601"  # row 3


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA, copy, ignore=shutil.ignore_patterns("derived"))  # the validator reads inputs only
    return copy


# ------------------------------------------------------------------ helpers
def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit(path: Path, row: int, **values: str) -> None:
    """Set cells of one data row (row as in a spreadsheet: the header is row 1)."""
    rows = rows_of(path)
    rows[row - 2].update(values)
    write_rows(path, rows)


def row_of(path: Path, column: str, value: str) -> int:
    """The spreadsheet row of the first row whose column holds value."""
    return next(i for i, r in enumerate(rows_of(path), start=2) if r[column] == value)


def checked(problems: list[Problem]) -> list[str]:
    """The problems as printed, after checking their shape; sorted and without repeats."""
    assert all(isinstance(p, Problem) for p in problems)
    assert problems == sorted(set(problems))
    shown = [str(p) for p in problems]
    for p, line in zip(problems, shown):
        m = SHAPE.fullmatch(line)
        assert m, f"not path:row: column: message: {line!r}"
        assert (m["path"], int(m["row"]), m["column"], m["message"]) == (p.path, p.row, p.column, p.message)
    return shown


def at(problems: list[Problem], path: Path, column: str, row: int | None = None) -> list[Problem]:
    """The problems of one file and column (and row)."""
    return [p for p in problems if p.path == str(path) and p.column == column and (row is None or p.row == row)]


def one(problems: list[Problem], path: Path, column: str, row: int | None = None) -> Problem:
    found = at(problems, path, column, row)
    assert len(found) == 1, f"expected one problem at {path}:{row}: {column}, got:\n" + "\n".join(map(str, problems))
    return found[0]


# ------------------------------------------------------------------ the real data
def test_the_real_data_is_valid():
    assert [str(p) for p in validate(paths.DATA)] == []


def test_a_copy_is_valid_and_read_from_where_it_is(data):
    assert not (data.parent / "datapackage.json").exists()  # the descriptor is the repository's
    assert [str(p) for p in validate(data)] == []
    (data / "units.csv").unlink()
    assert [str(p) for p in validate(data)] == [f"{data / 'units.csv'}:0: -: file is missing"]


# ------------------------------------------------------------------ 1. reading: whatever the bytes
def test_a_file_that_is_not_utf8(data):
    path = data / "claims.csv"
    raw = path.read_bytes()
    start_of_row_10 = sum(len(line) for line in raw.splitlines(keepends=True)[:9])
    at_byte = start_of_row_10 + 3
    path.write_bytes(raw[:at_byte] + b"\xff" + raw[at_byte + 1 :])  # in the claim_id: 'C00\xff-..'
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "-", 10).message == f"not UTF-8: invalid start byte at byte {at_byte}; save the file as UTF-8"
    # The rest is still read: the damaged claim_id is reported too.
    assert one(problems, path, "claim_id", 10).message.startswith("does not match the pattern")


def test_an_empty_file(data):
    path = data / "units.csv"
    path.write_bytes(b"")
    assert checked(validate(data)) == [f"{path}:0: -: file is empty: expected a header (unit, base, factor, words, description) and rows"]


def test_a_file_of_blank_lines_is_empty(data):
    path = data / "units.csv"
    path.write_bytes(b"\n \n\t\n")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "-", 0).message.startswith("file is empty")


def test_a_binary_file(data):
    path = data / "units.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    problems = validate(data)
    checked(problems)
    assert {p.message for p in at(problems, path, "-", 0)} == {
        "file contains NUL bytes: it is binary, not CSV text",
        "Windows line endings (CRLF): save the file with Unix line endings (LF)",
    }  # PNG's signature has \r\n
    assert one(problems, path, "-", 1).message.startswith("not UTF-8: invalid start byte at byte")
    for column in package.columns("units"):
        assert one(problems, path, column, 1).message == "column is missing"


def test_a_truncated_file(data):
    path = data / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines, start=1) if i > 20 and '"' not in line)
    cut = lines[row - 1][: lines[row - 1].index(",", len("C000-00,000_0502907062a6db50,")) + 1]  # claim_id, source_id, subject,
    path.write_text("".join(lines[: row - 1]) + cut, encoding="utf-8")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "-", row).message == f"expected {len(package.columns('claims'))} fields, found 4"
    assert not [p for p in problems if p.path == str(path) and p.row > row]  # nothing after the cut is invented


def test_a_file_truncated_inside_a_quoted_cell(data):
    path = data / "claims.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines, start=1) if i > 20 and ',"' in line)
    path.write_text("".join(lines[: row - 1]) + lines[row - 1][: lines[row - 1].index(',"') + 5], encoding="utf-8")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "-", row).message == ("cannot be read as CSV (unexpected end of data): the rest of the file is not checked")


def test_a_byte_order_mark(data):
    path = data / "subjects.csv"
    path.write_bytes(BOM + path.read_bytes())
    # Reported, and not taken as part of the first column's name: nothing else is wrong.
    assert checked(validate(data)) == [f"{path}:1: -: file starts with a byte-order mark: save it as UTF-8 without BOM"]


def test_windows_line_endings(data):
    path = data / "units.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert checked(validate(data)) == [f"{path}:0: -: Windows line endings (CRLF): save the file with Unix line endings (LF)"]


def test_nul_bytes(data):
    path = data / "entities.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[:200] + b"\x00\x00" + raw[200:])
    # Reported once for the file; the bytes are dropped and the rest checked as text.
    assert checked(validate(data)) == [f"{path}:0: -: file contains NUL bytes: it is binary, not CSV text"]


def test_a_missing_table(data):
    path = data / "subjects.csv"
    path.unlink()
    # Claims and fact_subjects point at subjects; with subjects unreadable their keys are not judged.
    assert checked(validate(data)) == [f"{path}:0: -: file is missing"]


def test_a_missing_table_in_a_subfolder(data):
    path = data / "reference" / "publishers.csv"
    path.unlink()
    assert f"{path}:0: -: file is missing" in checked(validate(data))


def test_a_missing_column(data):
    path = data / "claims.csv"
    rows = rows_of(path)
    columns = [c for c in rows[0] if c != "source_id"]
    write_rows(path, [{c: r[c] for c in columns} for r in rows], columns)
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "source_id", 1).message == "column is missing"
    # Every row now lacks a required value; each is still reported on its own row.
    assert len(at(problems, path, "source_id")) == len(rows) + 1


def test_an_unexpected_and_a_swapped_column(data):
    path = data / "units.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = "base,unit,factor,description,comment"
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "comment", 1).message == "unexpected column"
    assert one(problems, path, "-", 1).message == "columns out of order; expected unit, base, factor, words, description"


def test_malformed_csv_quoting(data):
    path = data / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = '"' + lines[2].replace(",", '"x,', 1)  # "casualties"x,casualties,...
    path.write_text("".join(lines), encoding="utf-8")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "-", 3).message == ("cannot be read as CSV (',' expected after '\"'): the rest of the file is not checked")


def test_a_row_with_too_many_fields(data):
    path = data / "subjects.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",surplus\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert checked(validate(data)) == [f"{path}:4: -: expected 7 fields, found 8"]


def test_a_source_text_that_is_not_utf8(data):
    text = data / "sources" / f"{RU_SOURCE}.txt"
    text.write_bytes(b"\xd0" + text.read_bytes()[2:])  # half of the first Cyrillic letter
    problems = validate(data)
    checked(problems)
    table = data / "sources.csv"
    assert one(problems, table, "file", 3).message == (f"sources/{RU_SOURCE}.txt is not UTF-8 (invalid continuation byte at byte 0)")
    assert one(problems, table, "sha256", 3).message.endswith("does not match its sha256: the source text was changed")


def test_a_missing_source_text(data):
    (data / "sources" / f"{RU_SOURCE}.txt").unlink()
    problems = validate(data)
    checked(problems)
    assert one(problems, data / "sources.csv", "file", 3).message == f"'sources/{RU_SOURCE}.txt' does not exist"


def test_a_missing_data_folder(tmp_path):
    problems = validate(tmp_path / "nowhere")
    checked(problems)
    assert {p.message for p in problems} == {"file is missing"}
    assert len(problems) == len(package.names("input"))


# ------------------------------------------------------------------ 2. rows: from datapackage.json
def test_an_unknown_subject_is_a_broken_foreign_key(data):
    path = data / "claims.csv"
    edit(path, 5, subject="no_such_subject")
    assert checked(validate(data)) == [f"{path}:5: subject: 'no_such_subject' is not a subject in subjects"]


def test_a_value_not_in_its_enum(data):
    path = data / "claims.csv"
    edit(path, 5, side="martian")
    assert checked(validate(data)) == [f"{path}:5: side: expected one of: allied, german, resistance, civilian, none, found 'martian'"]


def test_a_required_value_missing(data):
    path = data / "sources.csv"
    edit(path, 4, title="")
    problems = validate(data)
    assert [(p.path, p.row, p.column) for p in problems] == [(str(path), 4, "title")]
    assert checked(problems)[0].startswith(f"{path}:4: title: a value is required")


def test_a_word_where_a_number_belongs(data):
    path = data / "claims.csv"
    row = next(i for i, r in enumerate(rows_of(path), start=2) if r["value"])
    edit(path, row, value="2,000")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "value", row).message == "expected a number without separators, found '2,000'"


def test_a_duplicate_key(data):
    path = data / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    problems = validate(data)
    checked(problems)
    assert at(problems, path, "unit")  # the copy (and the original) carry the same key
    assert {p.row for p in at(problems, path, "unit")} <= {2, len(lines) + 1}


def test_two_sources_may_not_share_a_number(data):
    """Finding ids name a source by its number (F-000-...): a second source numbered 000 is refused."""
    path = data / "sources.csv"
    rows = rows_of(path)
    write_rows(path, rows + [dict(rows[0], source_id="000_ffffffffffffffff")])
    problems = validate(data)
    checked(problems)
    p = one(problems, path, "source_id", len(rows) + 2)
    assert "already used (row 2)" in p.message


# ------------------------------------------------------------------ 3. across tables and files
def test_a_wrong_quote_offset(data):
    path = data / "claims.csv"
    row = row_of(path, "claim_id", "C000-02")
    claim = rows_of(path)[row - 2]
    start, end = int(claim["start"]), int(claim["end"])
    edit(path, row, start=str(start + 3), end=str(end + 3))
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "quote", row).message == (f"not found at {start + 3}:{end + 3} in {EN_SOURCE}; the quote is at {start}:{end}")
    # The mention the claim covered (its first word, 'Hitler') is now outside it.
    assert [p.column for p in problems if p != one(problems, path, "quote", row)] == ["mention"]


def test_a_quote_that_is_not_in_its_source(data):
    path = data / "claims.csv"
    row = row_of(path, "claim_id", "C000-02")
    edit(path, row, quote="Paris was liberated by the Martians", quote_en="Paris was liberated by the Martians")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "quote", row).message.endswith("the quote is not in the source at all")


def test_a_wrong_sha256(data):
    path = data / "sources.csv"
    edit(path, 5, sha256="0" * 64)
    file = rows_of(path)[3]["file"]
    assert checked(validate(data)) == [f"{path}:5: sha256: {file} does not match its sha256: the source text was changed"]


def test_an_edited_source_text_fails_its_sha256(data):
    text = data / "sources" / f"{EN_SOURCE}.txt"
    text.write_bytes(text.read_bytes().replace(b"Paris", b"Pariss", 1))
    problems = validate(data)
    checked(problems)
    assert one(problems, data / "sources.csv", "sha256", 2)


def test_an_impossible_date(data):
    path = data / "claims.csv"
    row = next(i for i, r in enumerate(rows_of(path), start=2) if r["date"].count("-") == 2 and r["expression"] == "stated")
    edit(path, row, date="1944-02-30")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "date", row).message == "'1944-02-30' is not a real date"


def _excluded_row(data: Path, kind: str) -> tuple[int, dict[str, str]]:
    rows = rows_of(data / "excluded_mentions.csv")
    i = next(i for i, r in enumerate(rows) if r["kind"] == kind)
    return i, rows[i]


@pytest.mark.parametrize("kind", ["number_word", "actor", "number"])
def test_a_mention_neither_claimed_nor_excluded(data, kind):
    path = data / "excluded_mentions.csv"
    rows = rows_of(path)
    i, gone = _excluded_row(data, kind)
    write_rows(path, rows[:i] + rows[i + 1 :])
    source = data / "sources" / f"{gone['source_id']}.txt"
    text = source.read_text(encoding="utf-8")
    start = int(gone["start"])
    [problem] = validate(data)
    assert (problem.path, problem.row, problem.column) == (str(source), text.count("\n", 0, start) + 1, "mention")
    assert problem.message.startswith(f"{gone['text']!r} ({kind}")
    assert problem.message.endswith(
        f"at {start}:{gone['end']} {'is in no claim' if kind != 'actor' else 'is in no claim that names it'} and not in excluded_mentions.csv"
    )
    checked([problem])


def test_a_figure_whose_only_claim_is_deleted(data):
    """A number or date in a text that only one claim covers is reported once that claim is gone."""
    path = data / "claims.csv"
    claims = rows_of(path)
    sources = {r["source_id"]: r for r in rows_of(data / "sources.csv")}
    excluded = {(r["source_id"], int(r["start"]), int(r["end"])) for r in rows_of(data / "excluded_mentions.csv")}
    target = None
    for sid, source in sources.items():
        text = (data / source["file"]).read_text(encoding="utf-8")
        for m in mentions.find_mentions(text, source["language"], sid):
            if (sid, m.start, m.end) in excluded:
                continue
            covering = [i for i, c in enumerate(claims) if c["source_id"] == sid and int(c["start"]) <= m.start and m.end <= int(c["end"])]
            if len(covering) == 1:
                target = (m, covering[0], data / source["file"], text)
                break
        if target:
            break
    assert target, "every number and date is covered by two claims: choose another way to uncover one"
    m, i, source_path, text = target
    write_rows(path, claims[:i] + claims[i + 1 :])
    problems = validate(data)
    checked(problems)
    line = text.count("\n", 0, m.start) + 1
    expected = f"{m.text!r} ({m.kind}) at {m.start}:{m.end} is in no claim and not in excluded_mentions.csv"
    assert f"{source_path}:{line}: mention: {expected}" in map(str, problems)


def test_mentions_point_at_the_text_file_even_when_the_source_id_is_wrong(data):
    edit(data / "sources.csv", 2, source_id="999_0000000000000000")
    problems = validate(data)
    checked(problems)
    mention_paths = {p.path for p in problems if p.column == "mention"}
    assert mention_paths == {str(data / "sources" / f"{EN_SOURCE}.txt")}


# ------------------------------------------------------------------ damage that once crashed the validator
def test_a_language_not_in_the_vocabulary(data):
    path = data / "sources.csv"
    edit(path, 3, language="xx")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "language", 3).message == "'xx' is not a language in languages"


def test_a_language_the_finder_cannot_read_is_valid(data):
    """A text in a language the vocabulary knows but the mention finder cannot read (French) is valid: its coverage
    rests on reading alone, and the methods chapter says so."""
    path = data / "sources.csv"
    edit(path, 3, language="fr")
    assert not [p for p in validate(data) if p.path == str(path)]


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("claims.csv", "start"),
        ("claims.csv", "end"),
        ("translations.csv", "start"),
        ("translations.csv", "end"),
        ("excluded_mentions.csv", "start"),
        ("excluded_mentions.csv", "end"),
        ("sources.csv", "characters"),
    ],
)
def test_a_digit_that_is_not_a_number(data, table, column):
    """'²' is a digit to str.isdigit() but not a number to int()."""
    path = data / table
    edit(path, 3, **{column: "²"})
    problems = validate(data)
    checked(problems)
    assert one(problems, path, column, 3).message == "expected a whole number, found '²'"


def test_a_file_name_too_long_for_the_file_system(data):
    path = data / "sources.csv"
    edit(path, 3, file="sources/" + "x" * 300 + ".txt")
    problems = validate(data)
    checked(problems)
    assert at(problems, path, "file", 3)
    assert any("cannot be read" in p.message for p in at(problems, path, "file", 3))


def test_a_line_break_in_a_cell_stays_on_its_line(data):
    edit(data / "entities.csv", 2, entity="Dwight\nEisenhower")
    edit(data / "conventions.csv", 2, applies_to="da\nte")
    problems = validate(data)
    assert problems
    for p in problems:
        assert "\n" not in str(p) and "\r" not in str(p), repr(str(p))


# ------------------------------------------------------------------ all at once, and the command
def test_every_problem_is_reported_at_once(data):
    claims, units = data / "claims.csv", data / "units.csv"
    edit(claims, 5, side="martian")
    units.write_bytes(units.read_bytes().replace(b"\n", b"\r\n"))
    (data / "sources" / f"{RU_SOURCE}.txt").unlink()
    problems = validate(data)
    assert {(p.path, p.row, p.column) for p in problems} >= {(str(claims), 5, "side"), (str(units), 0, "-"), (str(data / "sources.csv"), 3, "file")}
    checked(problems)


def _cli(folder: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "validate", str(folder)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_the_command_passes_a_valid_copy(data, tmp_path):
    result = _cli(data, tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, f"{data}: valid"), result.stderr


def test_the_command_fails_without_a_traceback(data, tmp_path):
    edit(data / "claims.csv", 5, side="martian")
    (data / "units.csv").write_bytes(b"\x00\xff\xfe garbage")
    (data / "subjects.csv").write_bytes(BOM + (data / "subjects.csv").read_bytes().replace(b"\n", b"\r\n"))
    (data / "reference" / "publishers.csv").unlink()
    (data / "sources" / f"{RU_SOURCE}.txt").write_bytes(b"\xff\xfe")
    result = _cli(data, tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(SHAPE.fullmatch(line) for line in lines), result.stdout
    assert f"{data / 'claims.csv'}:5: side: expected one of: allied, german, resistance, civilian, none, found 'martian'" in lines
    assert f"{data / 'reference' / 'publishers.csv'}:0: -: file is missing" in lines
    assert result.stderr.strip() == f"{len(lines)} problem(s) in {data}"


def test_the_command_on_a_folder_that_does_not_exist(tmp_path):
    result = _cli(tmp_path / "nowhere", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == len(package.names("input"))


def test_a_review_date_that_is_not_a_date(data):
    path = data / "reviews.csv"
    edit(path, 2, date="yesterday")
    problems = validate(data)
    checked(problems)
    assert one(problems, path, "date", 2)
