"""datapackage.json: the one description of every table, field, type and allowed value.

Everything that needs a column list, a type or an enum asks this module; no
other file writes them down. Tables are read as strings (nothing coerced,
nothing dropped) or as typed records built from the same description.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import field as dc_field
from dataclasses import make_dataclass
from functools import cache
from pathlib import Path

from .. import paths

PYTHON_TYPES = {"integer": int, "number": float}


@cache
def _descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def descriptor(root: Path | None = None) -> dict:
    return _descriptor(Path(root or paths.ROOT).resolve())


def resources(root: Path | None = None) -> list[dict]:
    return descriptor(root)["resources"]


def resource(name: str, root: Path | None = None) -> dict:
    for res in resources(root):
        if res["name"] == name:
            return res
    raise KeyError(f"no table {name!r} in datapackage.json")


def names(kind: str | None = None, root: Path | None = None) -> list[str]:
    """Table names, in the package's order; kind 'input' or 'derived' to filter."""
    return [r["name"] for r in resources(root) if kind is None or r["paris1944"]["kind"] == kind]


def fields(name: str, root: Path | None = None) -> list[dict]:
    return resource(name, root)["schema"]["fields"]


def columns(name: str, root: Path | None = None) -> list[str]:
    return [f["name"] for f in fields(name, root)]


def enum(name: str, column: str, root: Path | None = None) -> list[str]:
    for f in fields(name, root):
        if f["name"] == column:
            return list(f.get("constraints", {}).get("enum", []))
    raise KeyError(f"{name}.{column}")


def relative_path(name: str, root: Path | None = None) -> str:
    """Where a table lives, relative to data/ (the package's paths start with data/)."""
    return resource(name, root)["path"].removeprefix("data/")


def table_path(name: str, data_dir: Path | None = None) -> Path:
    return Path(data_dir or paths.DATA) / relative_path(name)


# ------------------------------------------------------------------ reading
def read_rows(name: str, data_dir: Path | None = None) -> list[dict[str, str]]:
    """The rows of a valid table as strings, keyed by column (the validator reads damaged ones)."""
    text = table_path(name, data_dir).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def frame(name: str, data_dir: Path | None = None):
    """A table as a pandas DataFrame of strings (empty cells are '')."""
    import pandas as pd

    return pd.DataFrame(read_rows(name, data_dir), columns=columns(name), dtype=str).fillna("")


@cache
def record_type(name: str):
    """A small frozen dataclass for one row of the table, typed from the package:
    integer and number fields become int/float (None when empty), the rest str."""
    spec = []
    for f in fields(name):
        kind = PYTHON_TYPES.get(f["type"])
        spec.append((f["name"], kind | None if kind else str, dc_field(default=None if kind else "")))
    cls_name = "".join(part.title() for part in name.split("_")) + "Row"
    return make_dataclass(cls_name, spec, frozen=True)


def typed(name: str, row: dict[str, str]):
    """One row as a typed record; raises ValueError on a value the type cannot hold."""
    values = {}
    for f in fields(name):
        text = row.get(f["name"], "") or ""
        kind = PYTHON_TYPES.get(f["type"])
        values[f["name"]] = (kind(float(text)) if kind is int else kind(text)) if kind and text != "" else (None if kind else text)
    return record_type(name)(**values)


def records(name: str, data_dir: Path | None = None) -> list:
    return [typed(name, row) for row in read_rows(name, data_dir)]


# ------------------------------------------------------------------ writing
def to_csv(name: str, rows: list[dict]) -> str:
    """The table as CSV text, columns in the package's order, numbers without a trailing .0."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(name), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write(name: str, rows: list[dict], data_dir: Path | None = None) -> Path:
    """Write a table; the file is left untouched when its content would not change
    (so that a no-change run keeps file times, and a build sees no new input)."""
    path = table_path(name, data_dir)
    text = to_csv(name, rows)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path
