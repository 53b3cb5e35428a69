"""Validate the data folder: every problem at once, as ``path:row: column: message``.

Three layers, each reporting and carrying on:

1. reading: any file (missing, empty, not UTF-8, binary, truncated, with a
   byte-order mark or Windows line endings, malformed rows) becomes problems,
   never an exception; whatever can be read is still checked;
2. rows: types, required values, allowed values, patterns and unique keys come
   from datapackage.json (a pandera schema derived from the Frictionless
   description), and so do the foreign keys between tables;
3. what spans tables and files, which only code can say: quotes at their
   offsets, texts against their sha256, every date, number and named actor in
   the texts claimed or excluded, conventions and anchors that resolve.

Rows are numbered as in a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..vocabulary import DAYS, FIGURE, NAME
from . import mentions, package
from .sources import paragraphs

# The period the sources cover: the 1940 defeat to Choltitz's death in 1966.
EARLIEST, LATEST = dt.date(1939, 1, 1), dt.date(1970, 12, 31)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    row: int  # spreadsheet row (header = 1); 0 when the problem is the file itself
    column: str
    message: str

    def __str__(self) -> str:
        # One problem, one line, even when a damaged cell holds a line break.
        line = f"{self.path}:{self.row}: {self.column}: {self.message}"
        return line.replace("\r", "\\r").replace("\n", "\\n")


# ------------------------------------------------------------------ 1. reading
class Table:
    """A table read as strings, each row with its spreadsheet row number; nothing dropped."""

    def __init__(self, data_dir: Path, name: str, problems: list[Problem]):
        self.name = name
        self.path = package.table_path(name, data_dir)
        self.shown = str(self.path)
        self.columns = package.columns(name)
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.readable = False
        say = lambda row, column, message: problems.append(Problem(self.shown, row, column, message))
        if not self.path.is_file():
            say(0, "-", "file is missing")
            return
        raw = self.path.read_bytes()
        if not raw.strip():
            say(0, "-", f"file is empty: expected a header ({', '.join(self.columns)}) and rows")
            return
        if b"\x00" in raw:
            say(0, "-", "file contains NUL bytes: it is binary, not CSV text")
            raw = raw.replace(b"\x00", b"")
        if raw.startswith(b"\xef\xbb\xbf"):
            say(1, "-", "file starts with a byte-order mark: save it as UTF-8 without BOM")
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            say(line, "-", f"not UTF-8: {err.reason} at byte {err.start}; save the file as UTF-8")
            text = raw.decode("utf-8", errors="replace")
        if "\r\n" in text:
            say(0, "-", "Windows line endings (CRLF): save the file with Unix line endings (LF)")
            text = text.replace("\r\n", "\n")
        self._parse(text, say)

    def _parse(self, text: str, say) -> None:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, [])
        except csv.Error as err:
            say(1, "-", f"header cannot be read as CSV: {err}")
            return
        self._check_header(header, say)
        row_number = 1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                say(row_number + 1, "-", f"cannot be read as CSV ({err}): the rest of the file is not checked")
                break
            if not record or not any(cell.strip() for cell in record):
                row_number += 1
                say(row_number, "-", "empty row")
                continue
            row_number += 1
            if len(record) != len(header):
                say(row_number, "-", f"expected {len(header)} fields, found {len(record)}")
                record = (record + [""] * len(header))[: len(header)]  # keep the row, check what can be checked
            row = dict(zip(header, record))
            self.rows.append((row_number, {c: row.get(c, "") for c in self.columns}))
        self.readable = True

    def _check_header(self, header: list[str], say) -> None:
        for c in self.columns:
            if c not in header:
                say(1, c, "column is missing")
        for c in header:
            if c not in self.columns:
                say(1, c or "(empty)", "unexpected column")
        present = [c for c in header if c in self.columns]
        if present != [c for c in self.columns if c in header]:
            say(1, "-", f"columns out of order; expected {', '.join(self.columns)}")
        if len(set(header)) != len(header):
            say(1, "-", "a column name appears twice")


# ------------------------------------------------------------------ 2. rows (from datapackage.json)
@cache
def _schema(name: str):
    from pandera.io.pandas_io import from_frictionless_schema

    schema = from_frictionless_schema(package.resource(name)["schema"])
    # Optional whole numbers need pandas' nullable integer type.
    for f in package.fields(name):
        if f["type"] == "integer":
            schema = schema.update_column(f["name"], dtype="Int64")
    return schema


def _describe(check: str, field: dict) -> str:
    constraints = field.get("constraints", {})
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        return {"integer": "expected a whole number", "number": "expected a number without separators"}.get(
            field["type"], f"expected a {field['type']}"
        )
    if check == "not_nullable":
        return "a value is required"
    if check == "field_uniqueness":
        return "duplicate value: must be unique"
    if check.startswith("isin"):
        return f"expected one of: {', '.join(constraints.get('enum', []))}"
    if check.startswith("str_matches"):
        return f"does not match the pattern {constraints.get('pattern')} ({field['description']})"
    if check.startswith("greater_than_or_equal_to"):
        return f"expected at least {constraints.get('minimum')}"
    return check


def row_problems(table: Table) -> list[Problem]:
    """Types, required values, enums, patterns and keys, as datapackage.json states them."""
    import numpy as np
    import pandas as pd
    from pandera.errors import SchemaErrors

    if not table.rows:
        return []
    frame = pd.DataFrame([r for _, r in table.rows], columns=table.columns, dtype=object).replace("", np.nan)
    fields = {f["name"]: f for f in package.fields(table.name)}
    out: list[Problem] = []
    try:
        _schema(table.name).validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases.to_dict("records")
        coerced = {(c["column"], c["index"]) for c in cases if str(c["check"]).startswith("coerce_dtype")}
        for c in cases:
            check, column, index = str(c["check"]), c["column"], c["index"]
            if index is None or (isinstance(index, float) and np.isnan(index)) or column not in fields:
                continue  # a check that could not run on uncoerced values, reported below by row
            if check.startswith("dtype") and (column, index) in coerced:
                continue
            row_number = table.rows[int(index)][0]
            out.append(Problem(table.shown, row_number, column, f"{_describe(check, fields[column])}, found {c['failure_case']!r}"))
    for name, field in fields.items():  # pandera reads dates as text: a date field must hold a calendar date
        if field["type"] != "date" or name not in table.columns:
            continue
        for number, row in table.rows:
            value = row.get(name, "")
            try:
                if value:
                    dt.date.fromisoformat(value)
            except ValueError:
                out.append(Problem(table.shown, number, name, f"expected a date (YYYY-MM-DD), found {value!r}"))
    schema = package.resource(table.name)["schema"]
    keys = [schema["primaryKey"]] if len(schema.get("primaryKey", [])) > 1 else []
    for key in keys + schema.get("uniqueKeys", []):
        seen: dict[tuple, int] = {}
        for number, row in table.rows:
            k = tuple(row[c] for c in key)
            if k in seen:
                out.append(Problem(table.shown, number, "+".join(key), f"duplicate key {k} (also row {seen[k]})"))
            seen.setdefault(k, number)
    return out


def foreign_key_problems(tables: dict[str, Table]) -> list[Problem]:
    """Every foreign key datapackage.json declares, checked between the tables read."""
    out = []
    for name, table in tables.items():
        for fk in package.resource(name)["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target not in tables or not tables[target].readable:
                continue
            (column,), (target_column,) = fk["fields"], fk["reference"]["fields"]
            known = {row[target_column] for _, row in tables[target].rows}
            for number, row in table.rows:
                if row[column] and row[column] not in known:
                    out.append(Problem(table.shown, number, column, f"{row[column]!r} is not a {target_column} in {target}"))
    return out


# ------------------------------------------------------------------ 3. across tables and files
def _whole(text: str) -> int | None:
    """A cell as a whole number, or None: the schema reports what is not one."""
    try:
        return int(text) if text.isdecimal() else None  # not isdigit(): '²' is a digit int() refuses
    except ValueError:  # more digits than int() converts
        return None


def _offsets(row: dict) -> tuple[int, int] | None:
    start, end = _whole(row["start"]), _whole(row["end"])
    return None if start is None or end is None else (start, end)


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text or ""):
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


class Checks:
    """Checks that span tables and files; each appends to problems and never raises."""

    def __init__(self, data_dir: Path, tables: dict[str, Table], problems: list[Problem]):
        self.data_dir, self.t, self.problems = data_dir, tables, problems
        self.texts: dict[str, str] = {}
        self.languages: dict[str, str] = {}
        self.files: dict[str, str] = {}

    def say(self, table: Table | str, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(table.shown if isinstance(table, Table) else table, row, column, message))

    def rows(self, name: str):
        return self.t[name].rows

    @property
    def read(self) -> set[str]:
        """The sources whose reading has begun: a claim or an excluded mention on record. A source with neither
        (just registered by paris1944 add-source) is not yet read, and owes no coverage or translation; but when
        a claim names a source the registry lacks (a mistyped id), which text it reads cannot be told: all are read."""
        named = {row["source_id"] for name in ("claims", "excluded_mentions") for _, row in self.rows(name)}
        registered = {row["source_id"] for _, row in self.rows("sources")}
        return registered if named - registered else named

    def run(self) -> None:
        self.conventions_by_key = {row["convention"]: row for _, row in self.rows("conventions")}
        self.measure = {row["category"]: row["measure"] for _, row in self.rows("categories")}
        self.sources()
        self.claims()
        self.conventions()
        self.reference_inputs()
        self.translations()
        self.coverage()

    def sources(self) -> None:
        src = self.t["sources"]
        numbers: dict[str, int] = {}
        for number, row in self.rows("sources"):
            # Finding ids name a source by its number (F-004-...): two sources may not share one.
            first = numbers.setdefault(row["source_id"][:3], number)
            if first != number:
                self.say(src, number, "source_id", f"number {row['source_id'][:3]} is already used (row {first}): each source needs its own")
            path = self.data_dir / row["file"]
            try:
                raw = path.read_bytes() if row["file"] and path.is_file() else None
            except OSError as err:  # a name too long for the file system, say: the cell is wrong, not the validator
                self.say(src, number, "file", f"{row['file']!r} cannot be read: {err.strerror}")
                continue
            if raw is None:
                self.say(src, number, "file", f"{row['file']!r} does not exist")
                continue
            if hashlib.sha256(raw).hexdigest() != row["sha256"]:
                self.say(src, number, "sha256", f"{row['file']} does not match its sha256: the source text was changed")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                self.say(src, number, "file", f"{row['file']} is not UTF-8 ({err.reason} at byte {err.start})")
                continue
            if _whole(row["characters"]) not in (None, len(text)):
                self.say(src, number, "characters", f"expected {len(text)} (length of the decoded text), found {row['characters']}")
            self.texts[row["source_id"]], self.languages[row["source_id"]] = text, row["language"]
            self.files[row["source_id"]] = row["file"]

    def _dates(self, table: Table, number: int, row: dict) -> None:
        dates = {}
        for col in ("date", "date_end", "scope_from", "scope_to"):
            text = row.get(col, "")
            if not text or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
                continue
            d = parse_date(text)
            if d is None:
                self.say(table, number, col, f"{text!r} is not a real date")
            elif not EARLIEST <= d <= LATEST:
                self.say(table, number, col, f"{text} is outside {EARLIEST.year}-{LATEST.year}, the period the sources cover")
            else:
                dates[col] = d
        for a, b in (("date", "date_end"), ("scope_from", "scope_to")):
            if a in dates and b in dates and dates[b] < dates[a]:
                self.say(table, number, b, f"{row[b]} is before {a} {row[a]}")
        precision, date = row.get("date_precision", ""), row.get("date", "")
        if date and not precision:
            self.say(table, number, "date_precision", "expected a precision for the date")
        if precision and not date:
            self.say(table, number, "date", f"expected a date for precision {precision!r}")
        shape = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
        if date and precision in shape and not re.fullmatch(shape[precision], date):
            self.say(table, number, "date", f"{date!r} does not match precision {precision!r}")

    def _values(self, table: Table, number: int, row: dict) -> None:
        low, value, high = (_number(row.get(c, "")) for c in ("value_low", "value", "value_high"))
        if low is not None and value is not None and low > value:
            self.say(table, number, "value_low", f"{row['value_low']} is greater than value {row['value']}")
        if high is not None and value is not None and value > high:
            self.say(table, number, "value_high", f"{row['value_high']} is less than value {row['value']}")
        if low is not None and high is not None and low > high:
            self.say(table, number, "value_high", f"{row['value_high']} is less than value_low {row['value_low']}")
        if any(v is not None for v in (low, value, high)) and not row.get("unit"):
            self.say(table, number, "unit", "a figure needs a unit")

    def claims(self) -> None:
        claims = self.t["claims"]
        subjects = {row["subject"]: row for _, row in self.rows("subjects")}
        by_id = {row["claim_id"]: row for _, row in claims.rows}
        for number, row in claims.rows:
            sid = row["source_id"]
            if sid in self.texts:
                self._quote(claims, number, row, self.texts[sid])
                lang = self.languages[sid]
                if lang == "en" and (row["translation"] != "original" or row["quote_en"] != row["quote"]):
                    self.say(claims, number, "quote_en", "expected the quote itself (English source), translation 'original'")
                if lang != "en" and row["translation"] != "working translation":
                    self.say(claims, number, "translation", f"expected 'working translation' for a {lang} source")
            subject = subjects.get(row["subject"])
            if subject and subject["category"] != row["category"]:
                self.say(claims, number, "category", f"expected {subject['category']!r}, the category of subject {row['subject']!r}")
            if subject and subject["unit"] and row["unit"] and row["unit"] != subject["unit"]:
                self.say(claims, number, "unit", f"expected {subject['unit']!r}, the unit of subject {row['subject']!r}")
            self._dates(claims, number, row)
            self._values(claims, number, row)
            self._expression(claims, number, row, by_id)
            if self.measure.get(row["category"]) == NAME and not row["entity"]:
                self.say(claims, number, "entity", f"a {row['category']} claim names a nation, unit, person or place")
            if row["within"]:
                period = by_id.get(row["within"])
                if period is None or period["source_id"] != sid or self.measure.get(period["category"]) != DAYS:
                    self.say(claims, number, "within", f"{row['within']!r} is not a date claim of the same source")

    def _quote(self, table: Table, number: int, row: dict, text: str) -> None:
        if _offsets(row) is None:
            return
        start, end = _offsets(row)
        if text[start:end] != row["quote"]:
            where = text.find(row["quote"]) if row["quote"] else -1
            hint = f"; the quote is at {where}:{where + len(row['quote'])}" if where >= 0 else "; the quote is not in the source at all"
            self.say(table, number, "quote", f"not found at {start}:{end} in {row['source_id']}{hint}")

    def _expression(self, table: Table, number: int, row: dict, by_id: dict) -> None:
        """What the claim's convention needs (conventions.csv, column 'needs'), and nothing it forbids."""
        convention = self.conventions_by_key.get(row["expression"])
        if convention is None:
            return  # reported by the foreign key
        applies, needs = convention["applies_to"], convention["needs"].split()
        measure = self.measure.get(row["category"])
        if measure == DAYS and applies != DAYS:
            self.say(table, number, "expression", f"{row['expression']!r} is a convention for {applies}s, not dates")
        if measure == FIGURE and applies != "figure":
            self.say(table, number, "expression", f"{row['expression']!r} is a convention for {applies}s, not figures")
        if measure == DAYS and "stated_date" in needs and not row["date"]:
            self.say(table, number, "date", f"a date claim expressed as {row['expression']!r} needs its date")
        if "anchor" in needs:
            anchor = by_id.get(row["anchor"])
            if anchor is None or anchor["source_id"] != row["source_id"]:
                self.say(table, number, "anchor", f"{row['expression']!r} counts from another claim of the same source: {row['anchor']!r} is not one")
            if row["date"] or row["date_end"]:
                self.say(table, number, "date", f"a date expressed as {row['expression']!r} takes its date from its anchor; leave date empty")
            if not row["note"]:
                self.say(table, number, "note", "say how the date was resolved")
        elif row["anchor"] and row["expression"] != "stated":
            self.say(table, number, "anchor", f"{row['expression']!r} counts from no other claim; leave anchor empty")
        if "within" in needs and not row["within"]:
            self.say(table, number, "within", f"{row['expression']!r} needs the claim of the period's end")
        if "amount" in needs and _number(row["amount"]) is None:
            self.say(table, number, "amount", f"{row['expression']!r} needs the amount it names")
        if row["date_end"] and row["expression"] != "stated":
            self.say(
                table, number, "date_end", "a span is for dates the source states in so many words; hedged dates get their range from the conventions"
            )

    def conventions(self) -> None:
        from ..analysis.conventions import parse_parameter

        table = self.t["conventions"]
        for number, row in table.rows:
            for variant in ("strict", "default", "loose"):
                try:
                    parse_parameter(row[variant])
                except ValueError as err:
                    self.say(table, number, variant, str(err))
            if any(row[v] for v in ("strict", "default", "loose")) and not row["parameter"]:
                self.say(table, number, "parameter", "say what the numbers mean")

    def reference_inputs(self) -> None:
        facts = {row["fact_id"]: (name, number) for name in ("reference_facts", "added_facts") for number, row in self.rows(name)}
        mapped = {row["fact_id"] for _, row in self.rows("fact_subjects")} | {row["fact_id"] for _, row in self.rows("participation_readings")}
        for name in ("fact_subjects", "participation_readings"):
            for number, row in self.rows(name):
                if row["fact_id"] not in facts:
                    self.say(self.t[name], number, "fact_id", f"{row['fact_id']!r} is in neither reference_facts nor added_facts")
        for fact_id, (name, number) in sorted(facts.items()):
            if fact_id not in mapped:
                self.say(self.t[name], number, "fact_id", f"{fact_id} has no subject: add it to fact_subjects.csv or participation_readings.csv")
        prefixes = [row["url_prefix"] for _, row in self.rows("publishers")]
        for name in ("reference_facts", "added_facts"):
            for number, row in self.rows(name):
                if not any(row["reference_url"].startswith(p) for p in prefixes):
                    self.say(self.t[name], number, "reference_url", "no publisher covers this address: add its prefix to publishers.csv")
        for number, row in self.rows("added_facts"):
            self._dates(self.t["added_facts"], number, row)
            self._values(self.t["added_facts"], number, row)
        self.works(facts)

    def works(self, facts: dict) -> None:
        """Every fact names the work it is read in; a copy counts as the work only where that is shown."""
        table = self.t["fact_works"]
        works = {row["work_id"]: row for _, row in self.rows("works")}
        urls = {row["fact_id"]: row["reference_url"] for name in ("reference_facts", "added_facts") for _, row in self.rows(name)}
        cited = set()
        for number, row in table.rows:
            cited.add(row["fact_id"])
            if row["fact_id"] not in facts:
                self.say(table, number, "fact_id", f"{row['fact_id']!r} is in neither reference_facts nor added_facts")
                continue
            work, url = works.get(row["work_id"]), urls[row["fact_id"]]
            if work and row["copy"] == "publisher_site" and not (work["site"] and url.startswith(work["site"])):
                self.say(table, number, "copy", f"{url} is not on the publisher's site of {row['work_id']} ({work['site'] or 'none given'})")
            if row["copy"] == "verified_copy" and not row["copy_check"]:
                self.say(table, number, "copy_check", "say how the copy was verified (a second copy's address, or the publisher's page)")
        for fact_id, (name, number) in sorted(facts.items()):
            if fact_id not in cited:
                self.say(self.t[name], number, "fact_id", f"{fact_id} names no work: add it to fact_works.csv")

    def translations(self) -> None:
        table = self.t["translations"]
        seen: dict[str, set[tuple[int, int]]] = {}
        for number, row in table.rows:
            sid = row["source_id"]
            if sid in self.languages and self.languages[sid] == "en":
                self.say(table, number, "source_id", f"{sid} is in English: it needs no translation")
            if _offsets(row):
                seen.setdefault(sid, set()).add(_offsets(row))
        read = self.read
        for sid, text in self.texts.items():
            if self.languages[sid] == "en" or (sid not in read and sid not in seen):
                continue  # a source not yet read (paris1944 add-source) is not yet translated either
            expected = set(paragraphs(text))
            for a, b in sorted(expected - seen.get(sid, set())):
                self.say(table, 0, "start", f"{sid} paragraph at {a}:{b} has no translation")
            for a, b in sorted(seen.get(sid, set()) - expected):
                self.say(table, 0, "start", f"{sid} has no paragraph at {a}:{b}")

    def coverage(self) -> None:
        """Every date, number and named actor in the texts is claimed or excluded."""
        from .. import evidence

        exc = self.t["excluded_mentions"]
        for number, row in exc.rows:
            text = self.texts.get(row["source_id"])
            if text is None or _offsets(row) is None:
                continue
            start, end = _offsets(row)
            if text[start:end] != row["text"]:
                self.say(exc, number, "text", f"not found at {start}:{end} in {row['source_id']}")
        entities = evidence.entity_records(self.rows("entities"))
        # The finder reads the languages it has patterns for; a text in another is not checked for coverage
        # (the methods chapter says which).
        known = mentions.LANGUAGES
        # Nor is a text not yet read (no claim and no excluded mention): a registered source awaits its reading.
        texts = {sid: text for sid, text in self.texts.items() if self.languages[sid] in known and sid in self.read}
        # account() int()s whatever isdigit() accepts: give it only rows whose offsets are numbers.
        claims = [r for _, r in self.rows("claims") if _offsets(r)]
        for a in mentions.account(texts, self.languages, claims, [r for _, r in exc.rows if _offsets(r)], entities):
            if a.status != "unaccounted":
                continue
            m = a.mention
            where = str(self.data_dir / self.files[m.source_id])
            self.say(
                where,
                self.texts[m.source_id].count("\n", 0, m.start) + 1,
                "mention",
                f"{m.text!r} ({m.kind}{': ' + m.entity if m.entity else ''}) at {m.start}:{m.end} {a.why} and not in excluded_mentions.csv",
            )


# What a spreadsheet runs as a formula (OWASP's list): a cell beginning so that is not a number.
# publication/exports.safe_cell neutralises it in every CSV the site publishes; this is its one definition.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?")


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(text)


def formula_warnings(tables: dict[str, Table]) -> list[Problem]:
    """Text cells a spreadsheet would run as a formula: warnings, not errors (a source may truly begin so, and the
    site's CSVs neutralise them), for whoever pastes hostile text into the inputs to see it."""
    out = []
    for table in tables.values():
        text = {f["name"] for f in package.fields(table.name) if f["type"] == "string"}
        for number, row in table.rows:
            out += [Problem(table.shown, number, c, f"warning: {v[:24]!r} begins as a spreadsheet formula would (the site's CSVs "
                            "start it with an apostrophe); check it is the text as given") for c, v in row.items() if c in text and formula_like(v)]
    return sorted(out)


def validate(data_dir: Path, warn=lambda w: print(w, file=sys.stderr)) -> list[Problem]:
    """Every problem in the input tables of a data folder, sorted; an empty list means valid. Warnings (which do
    not make it invalid) go to `warn`, one Problem each, printed as path:row: column: warning: ...; only for a
    valid folder, as an error (a row cut short, a shifted column) would make them noise."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables = {name: Table(data_dir, name, problems) for name in package.names("input")}
    for table in tables.values():
        problems.extend(row_problems(table))
    problems.extend(foreign_key_problems(tables))
    Checks(data_dir, tables, problems).run()
    for w in [] if problems else formula_warnings(tables):
        warn(w)
    return sorted(set(problems))
