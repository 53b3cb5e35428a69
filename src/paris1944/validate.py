"""Validate the data folder: every problem at once, as ``path:line: column: message``.

Per-column types and allowed values are pandera schemas; what spans tables
(ids that must resolve, quotes that must sit at their offsets in the source
text, files that must match their sha256) is checked here. Nothing is
coerced and no row is dropped: a malformed row is reported and still checked.
Line numbers are those of the CSV file (the header is line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from . import mentions as mentions_mod

CATEGORIES = ["date", "troops", "casualties", "distance", "count", "participation", "command"]
UNITS = ["men", "casualties", "killed", "wounded", "captured", "missing", "killed_or_wounded", "killed_or_missing",
         "miles", "km", "people", "barricades", "years"]
PRECISIONS = ["day", "month", "year", "approximate"]
# 'order_of': a vague quantity ("tens of thousands"), ledgered as value_low..value_high = 20000..99999.
ORDER_WORDS = {2: "dozens", 3: "hundreds", 4: "thousands", 5: "tens of thousands", 6: "hundreds of thousands"}
QUALIFIERS = ["exact", "about", "nearly", "more_than", "at_least", "up_to", "by", "range", "order_of", "unknown"]
SIDES = ["allied", "german", "resistance", "civilian", "none"]
LANGUAGES = ["en", "ru", "ar"]
RELIABILITY = ["official_or_academic", "encyclopedia", "press", "blog_or_forum"]
STANCES = ["took_part", "did_not_take_part"]
# The book's period: the 1940 defeat to Choltitz's death in 1966.
EARLIEST, LATEST = dt.date(1939, 1, 1), dt.date(1970, 12, 31)

NUMBER = r"^$|^\d+(\.\d+)?$"
ISO_DATE = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"


def _in(values, what):
    return pa.Check.isin(values, error=f"expected {what}: one of {', '.join(values)}")


def _match(pattern, what):
    return pa.Check.str_matches(pattern, error=f"expected {what}")


def _opt(values, what):
    return pa.Check.isin(["", *values], error=f"expected {what}: empty or one of {', '.join(values)}")


NONEMPTY = pa.Check.str_length(min_value=1, error="expected a value (write 'not identified' when unknown)")
OFFSET = _match(r"^\d+$", "a character offset (whole number)")
FIGURE = _match(NUMBER, "empty or a number without separators")
DATE = _match(ISO_DATE, "empty or an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")

SCHEMAS = {
    "sources.csv": pa.DataFrameSchema({
        "source_id": pa.Column(checks=_match(r"^\d{3}_[0-9a-f]{16}$", "a file name without .txt, like 000_0502907062a6db50"), unique=True),
        "file": pa.Column(checks=_match(r"^sources/\d{3}_[0-9a-f]{16}\.txt$", "sources/<source_id>.txt")),
        "sha256": pa.Column(checks=_match(r"^[0-9a-f]{64}$", "64 lowercase hex digits")),
        "characters": pa.Column(checks=_match(r"^\d+$", "a whole number")),
        "label": pa.Column(checks=NONEMPTY, unique=True), "title": pa.Column(checks=NONEMPTY),
        "language": pa.Column(checks=_in(LANGUAGES, "a BCP 47 language")),
        "genre": pa.Column(checks=NONEMPTY), "author": pa.Column(checks=NONEMPTY),
        "publisher": pa.Column(checks=NONEMPTY), "site": pa.Column(checks=NONEMPTY),
        "url": pa.Column(checks=_match(r"^(https://\S+|not identified)$", "an https URL or 'not identified'")),
        "cites": pa.Column(checks=NONEMPTY), "licence": pa.Column(checks=NONEMPTY), "notes": pa.Column(checks=NONEMPTY),
        "criticism": pa.Column(checks=NONEMPTY),
    }, strict=True, ordered=True),
    "subjects.csv": pa.DataFrameSchema({
        "subject": pa.Column(checks=_match(r"^[a-z0-9_]+$", "a lowercase identifier"), unique=True),
        "category": pa.Column(checks=_in(CATEGORIES, "a category")),
        "unit": pa.Column(checks=_opt(UNITS, "a unit")),
        "description": pa.Column(checks=NONEMPTY),
    }, strict=True, ordered=True),
    "claims.csv": pa.DataFrameSchema({
        "claim_id": pa.Column(checks=_match(r"^C\d{3}-\d{2,3}$", "an id like C000-01"), unique=True),
        "source_id": pa.Column(checks=NONEMPTY), "subject": pa.Column(checks=NONEMPTY),
        "category": pa.Column(checks=_in(CATEGORIES, "a category")),
        "quote": pa.Column(checks=NONEMPTY),
        "start": pa.Column(checks=OFFSET),
        "end": pa.Column(checks=OFFSET),
        "quote_en": pa.Column(checks=NONEMPTY),
        "translation": pa.Column(checks=_in(["original", "working translation"], "how quote_en was made")),
        "value": pa.Column(checks=FIGURE),
        "value_low": pa.Column(checks=FIGURE),
        "value_high": pa.Column(checks=FIGURE),
        "unit": pa.Column(checks=_opt(UNITS, "a unit")),
        "date": pa.Column(checks=DATE),
        "date_end": pa.Column(checks=DATE),
        "date_precision": pa.Column(checks=_opt(PRECISIONS, "a precision")),
        "qualifier": pa.Column(checks=_opt(QUALIFIERS, "a qualifier")),
        "side": pa.Column(checks=_in(SIDES, "a side")),
        "entity": pa.Column(),
        "within": pa.Column(checks=_match(r"^$|^C\d{3}-\d{2,3}$", "empty or the claim id of a period")),
        "note": pa.Column(),
    }, strict=True, ordered=True),
    "reference.csv": pa.DataFrameSchema({
        "ref_id": pa.Column(checks=_match(r"^[A-Z]{3}-\d{2}(\.\d)?$", "an id like CAS-12 or CAS-12.2"), unique=True),
        "fact_id": pa.Column(checks=_match(r"^[A-Z]{3}-\d{2}$", "a fact id like CAS-12")),
        "subject": pa.Column(checks=NONEMPTY), "category": pa.Column(checks=_in(CATEGORIES, "a category")),
        "value": pa.Column(checks=FIGURE),
        "value_low": pa.Column(checks=FIGURE),
        "value_high": pa.Column(checks=FIGURE),
        "unit": pa.Column(checks=_opt(UNITS, "a unit")), "qualifier": pa.Column(checks=_opt(QUALIFIERS, "a qualifier")),
        "date": pa.Column(checks=DATE),
        "date_end": pa.Column(checks=DATE),
        "date_precision": pa.Column(checks=_opt(PRECISIONS, "a precision")),
        "time": pa.Column(checks=_match(r"^$|^\d{1,2}:\d{2}$|^before 24:00$", "empty or a time HH:MM")),
        "side": pa.Column(checks=_in(SIDES, "a side")), "entity": pa.Column(),
        "stance": pa.Column(checks=_opt(STANCES, "a stance")), "description": pa.Column(checks=NONEMPTY),
        "reliability": pa.Column(checks=_in(RELIABILITY, "a reliability class")),
        "reference_title": pa.Column(checks=NONEMPTY),
        "reference_url": pa.Column(checks=_match(r"^https?://\S+$", "the reference's URL")),
        "excerpt": pa.Column(checks=NONEMPTY),
    }, strict=True, ordered=True),
    "translations.csv": pa.DataFrameSchema({
        "source_id": pa.Column(checks=NONEMPTY),
        "paragraph": pa.Column(checks=_match(r"^[1-9]\d*$", "a paragraph number from 1")),
        "start": pa.Column(checks=OFFSET),
        "end": pa.Column(checks=OFFSET),
        "text_en": pa.Column(checks=NONEMPTY),
    }, strict=True, ordered=True),
    "excluded_mentions.csv": pa.DataFrameSchema({
        "source_id": pa.Column(checks=NONEMPTY),
        "start": pa.Column(checks=OFFSET),
        "end": pa.Column(checks=OFFSET),
        "text": pa.Column(checks=NONEMPTY), "reason": pa.Column(checks=NONEMPTY),
    }, strict=True, ordered=True),
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # line in the file; 0 when the problem is the file itself
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.column}: {self.message}"


class Table:
    """A CSV read as strings, with the file line of every row; nothing dropped."""

    def __init__(self, data_dir: Path, name: str, problems: list[Problem]):
        self.path = Path(data_dir) / name
        self.name = name
        self.shown = str(self.path)
        self.lines: list[int] = []
        schema = SCHEMAS[name]
        expected = list(schema.columns)
        if not self.path.exists():
            problems.append(Problem(self.shown, 0, "-", "file is missing"))
            self.frame = pd.DataFrame(columns=expected)
            return
        try:
            text = self.path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is not part of the header
        except UnicodeDecodeError as err:
            problems.append(Problem(self.shown, 0, "-", f"not UTF-8 text: {err.reason} at byte {err.start}"))
            self.frame = pd.DataFrame(columns=expected)
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        records = []
        line = reader.line_num + 1
        for rec in reader:
            if rec and len(rec) != len(header):
                problems.append(Problem(self.shown, line, "-", f"malformed row: expected {len(header)} fields, found {len(rec)}"))
                rec = (rec + [""] * len(header))[: len(header)]  # keep the row, check what can be checked
            if rec:
                records.append(rec)
                self.lines.append(line)
            line = reader.line_num + 1
        self.frame = pd.DataFrame(records, columns=header, dtype=object).fillna("")
        try:
            schema.validate(self.frame, lazy=True)
        except SchemaErrors as err:
            for case in err.failure_cases.to_dict("records"):
                problems.append(self._problem(case))
        # A missing column was reported above; check the rest as if it were empty rather than stop.
        for column in expected:
            if column not in self.frame.columns:
                self.frame[column] = ""

    def line_of(self, index) -> int:
        return self.lines[int(index)]

    def _problem(self, case) -> Problem:
        check, column, failure = str(case["check"]), case["column"], case["failure_case"]
        index = case["index"]
        if case["schema_context"] == "DataFrameSchema" or index is None or pd.isna(index):
            if "column_in_schema" in check:
                return Problem(self.shown, 1, str(failure), "unexpected column")
            if "column_in_dataframe" in check:
                return Problem(self.shown, 1, str(failure), "column is missing")
            if "column_ordered" in check:
                return Problem(self.shown, 1, str(failure), f"columns out of order; expected {', '.join(SCHEMAS[self.name].columns)}")
            return Problem(self.shown, 1, str(column), check)
        if check == "field_uniqueness":
            return Problem(self.shown, self.line_of(index), column, f"duplicate value {failure!r}: ids must be unique")
        return Problem(self.shown, self.line_of(index), column, f"{check}, found {failure!r}")

    def rows(self):
        for i, row in enumerate(self.frame.to_dict("records")):
            yield self.lines[i], row


def _parse_date(text: str) -> dt.date | None:
    parts = [int(p) for p in text.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def _check_dates(t: Table, line: int, row: dict, problems: list[Problem]) -> None:
    dates = {}
    for col in ("date", "date_end"):
        text = row.get(col, "")
        if not text or not re.fullmatch(ISO_DATE, text):
            continue
        d = _parse_date(text)
        if d is None:
            problems.append(Problem(t.shown, line, col, f"{text!r} is not a real date"))
        elif not EARLIEST <= d <= LATEST:
            problems.append(Problem(t.shown, line, col, f"{text} is outside {EARLIEST.year}-{LATEST.year}, the period the sources cover"))
        else:
            dates[col] = d
    if "date" in dates and "date_end" in dates and dates["date_end"] < dates["date"]:
        problems.append(Problem(t.shown, line, "date_end", f"{row['date_end']} is before date {row['date']}"))
    precision, date = row.get("date_precision", ""), row.get("date", "")
    if date and not precision:
        problems.append(Problem(t.shown, line, "date_precision", "expected a precision for the date"))
    if precision and not date:
        problems.append(Problem(t.shown, line, "date", f"expected a date for precision {precision!r}"))
    shape = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}", "approximate": r"\d{4}-\d{2}-\d{2}"}
    if date and precision in shape and not re.fullmatch(shape[precision], date):
        problems.append(Problem(t.shown, line, "date", f"{date!r} does not match precision {precision!r}"))


def _check_values(t: Table, line: int, row: dict, problems: list[Problem]) -> None:
    nums = {}
    for col in ("value", "value_low", "value_high"):
        if row.get(col) and re.fullmatch(NUMBER, row[col]):
            nums[col] = float(row[col])
    low, value, high = nums.get("value_low"), nums.get("value"), nums.get("value_high")
    if low is not None and value is not None and low > value:
        problems.append(Problem(t.shown, line, "value_low", f"{row['value_low']} is greater than value {row['value']}"))
    if high is not None and value is not None and value > high:
        problems.append(Problem(t.shown, line, "value_high", f"{row['value_high']} is less than value {row['value']}"))
    if low is not None and high is not None and low > high:
        problems.append(Problem(t.shown, line, "value_high", f"{row['value_high']} is less than value_low {row['value_low']}"))
    if row.get("qualifier") == "order_of" and not (
            low is not None and high is not None and value is None
            and any(high == 10 ** k - 1 for k in ORDER_WORDS)):
        problems.append(Problem(t.shown, line, "qualifier", "'order_of' needs value_low and value_high = 99, 999, 9999... and no value"))
    if nums and not row.get("unit"):
        problems.append(Problem(t.shown, line, "unit", "a figure needs a unit"))


def validate(data_dir: Path) -> list[Problem]:
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables = {name: Table(data_dir, name, problems) for name in SCHEMAS}

    # Sources: each file present and byte-identical to its recorded sha256.
    src = tables["sources.csv"]
    texts, languages = {}, {}
    for line, row in src.rows():
        path = data_dir / row["file"]
        if not path.exists():
            problems.append(Problem(src.shown, line, "file", f"{row['file']} does not exist"))
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            problems.append(Problem(src.shown, line, "sha256", f"{row['file']} does not match its sha256: the source text was changed"))
        text = raw.decode("utf-8")
        if row["characters"].isdigit() and int(row["characters"]) != len(text):
            problems.append(Problem(src.shown, line, "characters", f"expected {len(text)} (length of the decoded text), found {row['characters']}"))
        texts[row["source_id"]], languages[row["source_id"]] = text, row["language"]

    subjects = {row["subject"]: row for _, row in tables["subjects.csv"].rows()}
    known_sources = ", ".join(sorted(texts)) or "none"

    def check_subject(t, line, row):
        subj = subjects.get(row["subject"])
        if subj is None:
            problems.append(Problem(t.shown, line, "subject", f"unknown subject {row['subject']!r}: add it to subjects.csv"))
            return
        if row["category"] in CATEGORIES and subj["category"] != row["category"]:
            problems.append(Problem(t.shown, line, "category", f"expected {subj['category']!r}, the category of subject {row['subject']!r}"))
        if subj["unit"] and row.get("unit") and row["unit"] != subj["unit"]:
            problems.append(Problem(t.shown, line, "unit", f"expected {subj['unit']!r}, the unit of subject {row['subject']!r}; convert the figure"))

    # Claims: resolve ids, quote at its offsets, dates and values sound.
    claims = tables["claims.csv"]
    for line, row in claims.rows():
        if row["source_id"] not in texts:
            problems.append(Problem(claims.shown, line, "source_id", f"unknown source id {row['source_id']!r}; expected one of {known_sources}"))
        else:
            text = texts[row["source_id"]]
            if row["start"].isdigit() and row["end"].isdigit():
                start, end = int(row["start"]), int(row["end"])
                if text[start:end] != row["quote"]:
                    where = text.find(row["quote"])
                    hint = (f"; the quote is at {where}:{where + len(row['quote'])}" if where >= 0
                            else "; the quote is not in the source at all")
                    problems.append(Problem(claims.shown, line, "quote", f"not found at {start}:{end} in {row['source_id']}{hint}"))
            lang = languages[row["source_id"]]
            if lang == "en" and (row["translation"] != "original" or row["quote_en"] != row["quote"]):
                problems.append(Problem(claims.shown, line, "quote_en", "expected the quote itself (English source), translation 'original'"))
            if lang != "en" and row["translation"] != "working translation":
                problems.append(Problem(claims.shown, line, "translation", f"expected 'working translation' for a {lang} source"))
        check_subject(claims, line, row)
        _check_dates(claims, line, row, problems)
        _check_values(claims, line, row, problems)
        if row["category"] == "date" and not row["date"]:
            problems.append(Problem(claims.shown, line, "date", "a date claim needs a date"))
        if row["category"] in ("participation", "command") and not row["entity"]:
            problems.append(Problem(claims.shown, line, "entity", f"a {row['category']} claim names a nation, unit or person"))
        if row["date"] and row["date_precision"] == "approximate" or row["qualifier"] == "by":
            if not row["note"]:
                problems.append(Problem(claims.shown, line, "note", "say how the date was resolved"))

    # A claim placed within a period must point at a dated claim of the same source.
    by_id = {row["claim_id"]: row for _, row in claims.rows()}
    for line, row in claims.rows():
        if row["within"]:
            period = by_id.get(row["within"])
            if period is None or period["source_id"] != row["source_id"] or not period["date"]:
                problems.append(Problem(claims.shown, line, "within", f"{row['within']!r} is not a dated claim of the same source"))

    ref = tables["reference.csv"]
    for line, row in ref.rows():
        check_subject(ref, line, row)
        _check_dates(ref, line, row, problems)
        _check_values(ref, line, row, problems)
        if row["category"] == "participation" and not (row["entity"] and row["stance"]):
            problems.append(Problem(ref.shown, line, "entity", "a participation row names an entity and a stance"))

    # Translations: one row per paragraph of each non-English source, at its offsets.
    tr = tables["translations.csv"]
    seen: dict[str, set[tuple[int, int]]] = {}
    for line, row in tr.rows():
        sid = row["source_id"]
        if sid not in texts:
            problems.append(Problem(tr.shown, line, "source_id", f"unknown source id {sid!r}; expected one of {known_sources}"))
            continue
        if languages[sid] == "en":
            problems.append(Problem(tr.shown, line, "source_id", f"{sid} is in English: it needs no translation"))
        if row["start"].isdigit() and row["end"].isdigit():
            seen.setdefault(sid, set()).add((int(row["start"]), int(row["end"])))
    for sid, text in texts.items():
        if languages[sid] == "en":
            continue
        paragraphs, pos = set(), 0
        for para in text.split("\n"):
            if para.strip():
                paragraphs.add((pos, pos + len(para)))
            pos += len(para) + 1
        for a, b in sorted(paragraphs - seen.get(sid, set())):
            problems.append(Problem(tr.shown, 0, "start", f"{sid} paragraph at {a}:{b} has no translation"))
        for a, b in sorted(seen.get(sid, set()) - paragraphs):
            problems.append(Problem(tr.shown, 0, "start", f"{sid} has no paragraph at {a}:{b}"))

    # Exclusions must point at a real mention, with a reason.
    exc = tables["excluded_mentions.csv"]
    excluded = set()
    for line, row in exc.rows():
        if row["source_id"] not in texts:
            problems.append(Problem(exc.shown, line, "source_id", f"unknown source id {row['source_id']!r}; expected one of {known_sources}"))
            continue
        if row["start"].isdigit() and row["end"].isdigit():
            start, end = int(row["start"]), int(row["end"])
            if texts[row["source_id"]][start:end] != row["text"]:
                problems.append(Problem(exc.shown, line, "text", f"not found at {start}:{end} in {row['source_id']}"))
            excluded.add((row["source_id"], start, end))

    # Coverage: every date and number expression is claimed or excluded.
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, row in claims.rows():
        if row["start"].isdigit() and row["end"].isdigit():
            spans.setdefault(row["source_id"], []).append((int(row["start"]), int(row["end"])))
    for sid, text in texts.items():
        for m in mentions_mod.find_mentions(text, languages[sid], sid):
            inside = any(a <= m.start and m.end <= b for a, b in spans.get(sid, []))
            if not inside and (sid, m.start, m.end) not in excluded:
                problems.append(Problem(str(data_dir / "sources" / f"{sid}.txt"), text.count("\n", 0, m.start) + 1, "mention",
                                        f"{m.text!r} at {m.start}:{m.end} is in no claim and not in excluded_mentions.csv"))
    return sorted(set(problems))
