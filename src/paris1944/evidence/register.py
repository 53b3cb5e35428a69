"""Register a new source text (`paris1944 add-source`): copy it into data/sources/, add its row to
data/sources.csv, validate the result, and undo both when anything fails.

A source is named `NNN_<16 hex>`: the next free number, then the start of the text's SHA-256 (the
texts first received came with their names; a text we register is named by its bytes). Its colour
pair is the first of data/vocabulary/palette.csv that no source uses (past the last, the least
used), its lane the next one. What a caller does not give is said plainly: 'not identified', or
'not yet read' for what only reading the text can tell.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import paths
from . import package

NOT_IDENTIFIED = "not identified"
NOT_READ = "not yet read"
LICENCE = "not stated; quoted for criticism and analysis"
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class RegisterError(Exception):
    """Input that cannot be registered: one line that says what is wrong."""


class ValidationFailed(Exception):
    """The data folder with the new source does not validate; it was restored."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Details:
    """What the caller says about the source; None is 'derive it'."""

    title: str
    language: str
    url: str
    label: str | None = None
    publisher: str | None = None
    author: str | None = None
    genre: str | None = None
    licence: str | None = None
    date: str | None = None
    notes: str | None = None


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    """A table of the data folder, or RegisterError saying why it cannot be read."""
    try:
        return package.read_rows(name, data_dir)
    except KeyError:
        raise RegisterError(f"datapackage.json describes no table {name!r}") from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise RegisterError(f"cannot read the {name} table ({err}): run paris1944 validate") from None


def read_new_text(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text; RegisterError if it is missing, empty, binary or not UTF-8."""
    path = Path(path)
    if not path.is_file():
        raise RegisterError(f"{path}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise RegisterError(f"{path}: the file is empty")
    if b"\x00" in raw:
        raise RegisterError(f"{path}: the file contains NUL bytes: it is binary, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise RegisterError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}); save the file as UTF-8") from None
    return raw, text


def next_colours(registry: list[dict], palette: list[dict]) -> tuple[str, str]:
    """The first pair of the palette no source uses; when all are used, the least used (then the first)."""
    if not palette:
        raise RegisterError("data/vocabulary/palette.csv has no colours")
    used = [r["colour_light"].upper() for r in registry]
    ordered = sorted(palette, key=lambda p: int(p["order"]))
    pick = min(ordered, key=lambda p: used.count(p["colour_light"].upper()))
    return pick["colour_light"], pick["colour_dark"]


def new_row(raw: bytes, text: str, details: Details, data_dir: Path) -> dict:
    """The registry row of a new text, every column filled; RegisterError on input that cannot be one."""
    registry = _rows("sources", data_dir)
    digest = hashlib.sha256(raw).hexdigest()
    for r in registry:
        if r["sha256"] == digest:
            raise RegisterError(f"this text is already registered as {r['source_id']} ({r['label']})")
    languages = [r["language"] for r in _rows("languages", data_dir)]
    if details.language not in languages:
        raise RegisterError(
            f"unknown language {details.language!r}: expected one of {', '.join(languages)} (data/vocabulary/languages.csv; add a row there first)"
        )
    url = details.url.strip()
    if url != NOT_IDENTIFIED and not re.fullmatch(r"https?://\S+", url):
        raise RegisterError(f"--url {details.url!r}: expected an address starting http:// or https://, or '{NOT_IDENTIFIED}'")
    if details.date and not DATE.fullmatch(details.date):
        raise RegisterError(f"--date {details.date!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    if not details.title.strip():
        raise RegisterError("--title is empty: give the page's title, or 'not identified'")
    numbers = [int(r["source_id"][:3]) for r in registry if r["source_id"][:3].isdecimal()]
    number = max(numbers, default=-1) + 1
    if number > 999:
        raise RegisterError("no source number is left: source ids have three digits (000 to 999)")
    source_id = f"{number:03d}_{digest[:16]}"
    site = (urlsplit(url).hostname or NOT_IDENTIFIED).removeprefix("www.") if url != NOT_IDENTIFIED else NOT_IDENTIFIED
    labels = {r["label"].casefold() for r in registry}
    title = details.title.strip()
    fallback = f"{site} page" if site != NOT_IDENTIFIED else title if title != NOT_IDENTIFIED else f"source {number:03d}"
    label = (details.label or "").strip() or fallback
    if label.casefold() in labels:
        if details.label:
            raise RegisterError(f"--label {label!r} is already another source's name: the book names each source once")
        label = f"{label} ({number:03d})"
    colour_light, colour_dark = next_colours(registry, _rows("palette", data_dir))
    lanes = [int(r["lane"]) for r in registry if r["lane"].isdecimal()]
    dated = f" Dated {details.date} (as given when it was registered)." if details.date else ""
    notes = (details.notes or "").strip() or "Registered with paris1944 add-source; its provenance is not yet established."
    return {
        "source_id": source_id,
        "file": f"sources/{source_id}.txt",
        "sha256": digest,
        "characters": len(text),
        "label": label,
        "title": title,
        "language": details.language,
        "genre": details.genre or "web page",
        "author": details.author or NOT_IDENTIFIED,
        "publisher": details.publisher or NOT_IDENTIFIED,
        "site": site,
        "url": url,
        "cites": NOT_READ,
        "licence": details.licence or LICENCE,
        "notes": notes + dated,
        "criticism": "Not yet read: no claim of it is in the ledger and no note of source criticism is on record.",
        "colour_light": colour_light,
        "colour_dark": colour_dark,
        "lane": max(lanes, default=0) + 1,
    }


def add_source(path: Path, details: Details, data_dir: Path | None = None, validate: bool = True) -> dict:
    """Copy a text into data/sources/ and register it; validate data/ and, if it is not valid, restore
    sources.csv and remove the copy (nothing half-done). Returns the new row.
    Raises RegisterError on bad input, ValidationFailed (with the problems) when the result is invalid."""
    from .validate import validate as check

    data_dir = Path(data_dir or paths.DATA)
    raw, text = read_new_text(path)
    row = new_row(raw, text, details, data_dir)
    registry = package.table_path("sources", data_dir)
    target = data_dir / row["file"]
    if target.exists():
        raise RegisterError(f"{target} already exists but is not registered: remove it or register it by hand")
    before = registry.read_bytes()
    # Appended, not rewritten: the rows already there keep their bytes.
    line = package.to_csv("sources", [row]).split("\n", 1)[1]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        registry.write_bytes(before + (b"" if before.endswith(b"\n") else b"\n") + line.encode("utf-8"))
        problems = check(data_dir) if validate else []
    except BaseException:
        _restore(registry, before, target)
        raise
    if problems:
        _restore(registry, before, target)
        raise ValidationFailed(problems)
    return row


def _restore(registry: Path, before: bytes, target: Path) -> None:
    registry.write_bytes(before)
    target.unlink(missing_ok=True)
