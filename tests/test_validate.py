"""Validation: the real data passes; a corrupted copy fails with one precise
message per problem (file, line, column, what was expected), all at once."""

import csv
import shutil

import pytest

from paris1944 import paths
from paris1944.cli import main
from paris1944.validate import validate


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA, copy)
    return copy


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_the_data_is_valid():
    assert [str(p) for p in validate(paths.DATA)] == []


def test_a_corrupted_ledger_fails_with_one_message_per_problem(data):
    claims = data / "claims.csv"
    rows = _rows(claims)
    n = len(rows)
    rows[0]["source_id"] = "999_0000000000000000"          # line 2: unknown source
    rows[1]["start"] = str(int(rows[1]["start"]) + 3)       # line 3: misplaced quote
    rows[1]["end"] = str(int(rows[1]["end"]) + 3)
    date_row = next(i for i, r in enumerate(rows) if r["date"].count("-") == 2 and i > 2)
    rows[date_row]["date"] = "1944-02-30"                  # impossible date
    value_row = next(i for i, r in enumerate(rows) if r["value"] and not r["value_low"])
    rows[value_row]["value_low"] = str(int(rows[value_row]["value"]) + 1)  # value below its lower bound
    _write(claims, rows)

    problems = validate(data)
    shown = [str(p) for p in problems]
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.column))
    assert len(problems) == 4, "\n".join(shown)
    by_column = {p.column: p for p in problems}
    assert by_column["source_id"].line == 2 and "unknown source id '999_0000000000000000'" in by_column["source_id"].message
    assert by_column["quote"].line == 3 and "not found at" in by_column["quote"].message
    assert by_column["date"].line == date_row + 2 and "'1944-02-30' is not a real date" in by_column["date"].message
    assert by_column["value_low"].line == value_row + 2 and "greater than value" in by_column["value_low"].message
    for p in problems:
        assert p.path == str(claims)
        assert str(p).startswith(f"{claims}:{p.line}: {p.column}: ")
    # Nothing was dropped: the file still has every row, and so did the check.
    assert len(_rows(claims)) == n


def test_a_quote_that_is_not_in_its_source_is_reported(data):
    rows = _rows(data / "claims.csv")
    rows[5]["quote"] = rows[5]["quote_en"] = "Paris was liberated by the Martians"
    _write(data / "claims.csv", rows)
    [problem] = validate(data)
    assert (problem.line, problem.column) == (7, "quote")
    assert "not in the source at all" in problem.message


def test_a_vague_quantity_needs_the_range_it_is_read_as(data):
    rows = _rows(data / "claims.csv")
    i = next(i for i, r in enumerate(rows) if r["qualifier"] == "order_of")
    rows[i]["value_high"] = "90000"  # "tens of thousands" reaches 99,999
    _write(data / "claims.csv", rows)
    [problem] = validate(data)
    assert (problem.line, problem.column) == (i + 2, "qualifier")
    assert "99, 999, 9999" in problem.message


def test_a_missing_column_is_reported_and_the_rest_still_checked(data):
    rows = _rows(data / "claims.csv")
    for r in rows:
        del r["note"]
    rows[0]["source_id"] = "999_0000000000000000"
    _write(data / "claims.csv", rows)
    shown = [str(p) for p in validate(data)]
    assert f"{data / 'claims.csv'}:1: note: column is missing" in shown
    assert any(s.startswith(f"{data / 'claims.csv'}:2: source_id: unknown source id") for s in shown), shown


def test_a_byte_order_mark_is_not_part_of_the_header(data):
    path = data / "subjects.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [str(p) for p in validate(data)] == []


def test_types_and_allowed_values_come_from_the_schema(data):
    rows = _rows(data / "claims.csv")
    rows[0]["category"] = "rumour"
    rows[1]["unit"] = "furlongs"
    rows[2]["value"] = "2,000"
    rows[3]["claim_id"] = rows[4]["claim_id"]
    _write(data / "claims.csv", rows)
    got = {(p.line, p.column) for p in validate(data)}
    assert {(2, "category"), (3, "unit"), (4, "value"), (5, "claim_id"), (6, "claim_id")} <= got


def test_a_malformed_row_is_reported_and_kept(data):
    path = data / "subjects.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",surplus\n"
    path.write_text("".join(lines), encoding="utf-8")
    problems = validate(data)
    assert [str(p) for p in problems] == [f"{path}:4: -: malformed row: expected 4 fields, found 5"]


def test_an_edited_source_text_fails_its_checksum(data):
    text = data / "sources" / "004_58820600d2b39b52.txt"
    text.write_bytes(text.read_bytes().replace(b"boacge", b"bocage"))  # even a typo fix
    messages = [str(p) for p in validate(data)]
    assert any("sources.csv:6: sha256:" in m for m in messages)


def test_an_uncovered_mention_fails_coverage(data):
    path = data / "excluded_mentions.csv"
    rows = _rows(path)
    _write(path, [r for r in rows if r["text"] != "three"])
    [problem] = validate(data)
    assert problem.column == "mention" and "'three'" in problem.message


def test_the_command_validates_a_given_folder(data, capsys):
    assert main(["validate", str(data)]) == 0
    rows = _rows(data / "claims.csv")
    rows[0]["date_precision"] = "fortnight"
    _write(data / "claims.csv", rows)
    assert main(["validate", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"{data / 'claims.csv'}:2: date_precision: expected a precision" in out
