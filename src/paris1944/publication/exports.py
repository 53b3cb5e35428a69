"""What the site publishes for reuse beside the pages: one-file exports of the findings and the claims, the
claims as W3C Web Annotations, the book's citation as files, and a data package that validates where it stands.

Written by the book's build into the site's data/ folder (never into the repository: they hold sentences,
and data/derived/ holds facts). The exports are typed as datapackage.json's paris1944_exports describe them
(dates, integers, numbers; lists as arrays in JSON Lines, joined by the field's delimiter in CSV). Every CSV
the site publishes is safe to open in a spreadsheet: a cell that begins with = + - @, a tab or a carriage
return (and is not a number) starts with an apostrophe, as OWASP advises, so that no text from the web
becomes a live formula. JSON, JSON Lines and the annotations keep the exact text. The plain UTF-8 CSV is the
default; the Excel-ready copy (a byte-order mark, CRLF) is named so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

from ..evidence import package
from ..evidence.sources import read_text
from ..evidence.validate import formula_like
from . import annotations, citation
from . import words as w
from .book import Book
from .views import finding_rows

BOM = "\ufeff"


def safe_cell(value) -> str:
    """A cell a spreadsheet will show as text: one that begins with a formula trigger gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if formula_like(text) else text


def safe_csv(text: str, excel: bool = False) -> str:
    """A CSV text with every cell made safe (the header included); Excel-ready (a byte-order mark, CRLF) if asked."""
    return _csv_text([[safe_cell(c) for c in r] for r in csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))], excel)


def _csv_text(rows: list[list[str]], excel: bool) -> str:
    """Rows as CSV text. A row with a carriage return in a cell is quoted whole: Python's writer quotes a bare CR
    only when the line terminator holds one, and a reader would take it for the end of the row."""
    out = io.StringIO()
    end = "\r\n" if excel else "\n"
    plain, quoted = csv.writer(out, lineterminator=end), csv.writer(out, lineterminator=end, quoting=csv.QUOTE_ALL)
    for r in rows:
        (quoted if any("\r" in c for c in r) else plain).writerow(r)
    return (BOM if excel else "") + out.getvalue()


# ------------------------------------------------------------------ typed rows
def export(name: str) -> dict:
    return next(r for r in package.descriptor()["paris1944_exports"] if r["name"] == name)


def export_fields(name: str) -> list[dict]:
    return export(name)["schema"]["fields"]


def _empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


CAST = {"integer": lambda x: int(float(x)), "number": float, "date": lambda x: dt.date.fromisoformat(str(x)).isoformat(), "list": list}


def _cast(value, kind: str):
    return value if kind == "string" else None if _empty(value) else CAST[kind](value)


def typed(rows: list[dict], name: str) -> list[dict]:
    """Each row with exactly the export's fields, each value of its field's type (JSON Lines writes them as they
    are): lists as lists, integers and numbers as numbers, dates as ISO days; an empty typed value None."""
    fields = export_fields(name)
    out = []
    for r in rows:
        assert set(r) == {f["name"] for f in fields}, f"{name}: the rows and datapackage.json disagree on {set(r) ^ {f['name'] for f in fields}}"
        out.append({f["name"]: _cast(r[f["name"]], f["type"]) for f in fields})
    return out


def _text(value, field: dict) -> str:
    """A typed value as a CSV cell: a list joined by its field's delimiter, a whole number without '.0'."""
    if value is None:
        return ""
    if field["type"] == "list":
        return field["delimiter"].join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def to_csv(rows: list[dict], name: str, excel: bool = False) -> str:
    fields = export_fields(name)
    return _csv_text([[f["name"] for f in fields]] + [[safe_cell(_text(r[f["name"]], f)) for f in fields] for r in rows], excel)


def json_lines(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


# ------------------------------------------------------------------ the exports' rows
def findings(book: Book, url) -> list[dict]:
    """The published findings, each a row with its words, evidence, sign-off and links."""
    signed = dict(zip(book.table("reviews")["review_id"], book.table("reviews")["date"]))
    rows = []
    for r in finding_rows(book, book.results.published, book.results):
        ref = r["reference"]
        rows.append({
            "finding_id": r["finding_id"], "what_kind": r["kind_words"], "severity": r["severity"], "holds_under": r["holds"].split(),
            "source": r["source"], "subject": r["topic"], "claim_ids": r["claim_ids"].split(), "source_words": r["quote"],
            "source_words_english": r["quote_en"], "translation": r["translation"], "the_source_says": r["claimed"], "the_record_says": r["record"],
            "difference": r["difference"], "measure": r["measure"], "steps": r["steps"],
            "reference": ref["cite"] if ref else "", "reference_url": ref["reference_url"] if ref else "",
            "reference_class": ref["class_words"] if ref else "", "reference_words": ref["excerpt"] if ref else "",
            "explanation": r["explanation"], "consequence": r["consequence"], "review_id": r["review_id"],
            "review_date": signed.get(r["review_id"], ""), "error_origin": r["origin_words"],
            "finding_url": url(f"book/findings.html#{r['finding_id']}"),
            "claim_urls": [url(f"book/ledger.html#claim-{c}") for c in r["claim_ids"].split()],
        })
    return typed(rows, "findings_export")


def claims(book: Book, url) -> list[dict]:
    """Every claim with our reading, the window it admits, its status in words and the references that decide it."""
    verdicts = book.results.verdicts.set_index("claim_id")
    refs = book.references.set_index("ref_id")
    registry = book.registry.set_index("source_id")
    rows = []
    for c in book.claims.to_dict("records"):
        verdict, src = verdicts.loc[c["claim_id"]], registry.loc[c["source_id"]]
        window = book.window(c["claim_id"])
        reading = w.say(book.evidence.statements[c["claim_id"]], window, book.vocabulary)
        window = window or {"measure": ""}
        days, figure = window["measure"] == "days", window["measure"] == "figure"
        rows.append({
            "claim_id": c["claim_id"], "source": w.sentence(src["label"]), "language": src["language"], "category": c["category"],
            "subject": book.topic[c["subject"]], "source_words": c["quote"], "source_words_english": c["quote_en"], "translation": c["translation"],
            "start": c["start"], "end": c["end"], "reading": reading,
            "earliest": window["low"] if days else "", "latest": window["high"] if days else "",
            "low": window["low"] if figure else "", "high": window["high"] if figure else "", "unit": c["unit"] if figure else "",
            "status": book.vocabulary.words(verdict["outcome"]), "finding_id": verdict["finding_id"],
            "references": [refs.loc[r, "reference_url"] for r in verdict["references"].split()],
            "claim_url": url(f"book/ledger.html#claim-{c['claim_id']}"), "text_url": url(f"book/source-texts.html#mark-{c['claim_id']}"),
            "source_page": src["url"],
        })
    return typed(rows, "claims_export")


def annotation_collection(book: Book, url) -> dict:
    """Every claim as a W3C Web Annotation on the source's page; only published findings are called errors."""
    meta = citation.book()
    verdicts = book.results.verdicts.set_index("claim_id")
    registry = {s["source_id"]: s for s in book.registry.to_dict("records")}
    notes = []
    for c in book.claims.to_dict("records"):
        verdict = verdicts.loc[c["claim_id"]].to_dict()
        s = book.evidence.statements[c["claim_id"]]
        reading, status = w.say(s, book.window(c["claim_id"]), book.vocabulary), book.vocabulary.words(verdict["outcome"])
        notes.append(annotations.annotation(c, verdict, reading, status, read_text(c["source_id"], book.data_dir), registry[c["source_id"]], meta,
                                            url(f"data/sources/{c['source_id']}.txt")))
    out = annotations.collection(notes, meta)
    out["id"] = url("data/" + export("annotations")["path"])  # where the site publishes it
    return out


# ------------------------------------------------------------------ the site's data/ folder
def variants(res: dict) -> list[dict]:
    """An export's resources as the site publishes them: the plain UTF-8 CSV (the default), the Excel-ready copy,
    and the JSON Lines (a file to frictionless, whose JSON Lines reader is an optional extra; lists are arrays)."""
    if "schema" not in res:
        return [res]
    more, plain = res["paris1944"], res["path"].rsplit("/", 1)[-1]
    excel = {**res, "name": f"{res['name']}_excel", "path": more["excel"], "encoding": "utf-8-sig", "title": f"{res['title']} (Excel-ready)",
             "description": f"The same rows as {plain}, Excel-ready: UTF-8 with a byte-order mark and CRLF line ends, so that Excel shows "
             "accents, Russian and Arabic as they are; other tools read the plain file."}
    fields = [{k: x for k, x in f.items() if k not in ("delimiter", "itemType")} | ({"type": "array"} if f["type"] == "list" else {})
              for f in res["schema"]["fields"]]
    jsonl = {"name": f"{res['name']}_jsonl", "type": "file", "path": more["jsonl"], "format": "jsonl", "mediatype": "application/jsonl",
             "encoding": "utf-8", "title": f"{res['title']} (JSON Lines)", "paris1944": {"kind": "export"},
             "schema": {**res["schema"], "fields": fields},
             "description": f"The same rows as {plain}, as JSON Lines (one object a line): lists as arrays, numbers as numbers, dates as ISO days, "
             "an empty number or date null; the text exactly as the book's tables hold it, without the CSV's apostrophes."}
    return [res, excel, jsonl]


def site_descriptor(book: Book) -> dict:
    """The data package as published in the site's data/ folder: every path relative to that folder."""
    d = json.loads(json.dumps(package.descriptor()))
    exports = d.pop("paris1944_exports")
    for r in d["resources"]:
        r["path"] = r["path"].removeprefix("data/")
    d["resources"] += [v for r in exports for v in variants(r)]
    return d


def site_files(book: Book) -> dict[str, str]:
    """The files the site's data/ folder gets beside the repository's tables, by path relative to that folder."""
    base = citation.book()["url"]
    url = lambda rel: base + rel
    out = {}
    for name, rows in (("findings_export", findings(book, url)), ("claims_export", claims(book, url))):
        res = export(name)
        out[res["path"]] = to_csv(rows, name)
        out[res["paris1944"]["excel"]] = to_csv(rows, name, excel=True)
        out[res["paris1944"]["jsonl"]] = json_lines(rows)
    out[export("annotations")["path"]] = json.dumps(annotation_collection(book, url), ensure_ascii=False, indent=1) + "\n"
    out |= {f"cite/{name}": text for name, text in citation.book_files().items()}
    out["datapackage.json"] = json.dumps(site_descriptor(book), ensure_ascii=False, indent=1) + "\n"
    return out
