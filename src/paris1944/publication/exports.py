"""What the site publishes for reuse beside the pages: one-file exports of the findings and the claims, the
claims as W3C Web Annotations, and a data package that validates where it stands.

Written by the book's build into the site's data/ folder (never into the repository: they hold sentences,
and data/derived/ holds facts). Every CSV the site publishes is safe to open in a spreadsheet: a cell that
begins with = + - @, a tab or a carriage return (and is not a number) starts with an apostrophe, as OWASP
advises, so that no text from the web becomes a live formula. JSON, JSON Lines and the annotations keep
the exact text. The plain UTF-8 CSV is the default; the Excel-ready copy (a byte-order mark, CRLF) is named so.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..evidence import package
from ..evidence.sources import read_text
from . import annotations, citation
from . import words as w
from .book import Book
from .views import finding_rows

BOM = "\ufeff"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")
LIST_SEPARATOR = " "  # lists in CSV cells (claim ids, references); arrays in JSON Lines


def safe_cell(value) -> str:
    """A cell a spreadsheet will show as text: one that begins with a formula trigger gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(TRIGGERS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_csv(text: str) -> str:
    """A CSV text with every cell made safe (the header included)."""
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[safe_cell(c) for c in r] for r in rows])
    return out.getvalue()


def export_fields(name: str) -> list[dict]:
    return next(r for r in package.descriptor()["paris1944_exports"] if r["name"] == name)["schema"]["fields"]


def to_csv(rows: list[dict], name: str, excel: bool = False) -> str:
    out = io.StringIO()
    fields = [f["name"] for f in export_fields(name)]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: safe_cell(LIST_SEPARATOR.join(r[k]) if isinstance(r[k], list) else r[k]) for k in fields})
    return (BOM if excel else "") + out.getvalue()


def json_lines(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def findings(book: Book, url) -> list[dict]:
    """The published findings, each a row with its words, evidence, sign-off and links."""
    rows = []
    for r in finding_rows(book, book.results.published, book.results):
        ref = r["reference"]
        rows.append({
            "finding_id": r["finding_id"], "what_kind": r["kind_words"], "severity": r["severity"], "holds_under": r["holds"].split(),
            "source": r["source"], "subject": r["topic"], "claim_ids": r["claim_ids"].split(), "source_words": r["quote"], "source_words_english": r["quote_en"],
            "translation": r["translation"], "the_source_says": r["claimed"], "the_record_says": r["record"],
            "reference": ref["cite"] if ref else "", "reference_url": ref["reference_url"] if ref else "", "reference_class": ref["class_words"] if ref else "",
            "reference_words": ref["excerpt"] if ref else "", "explanation": r["explanation"], "consequence": r["consequence"], "review_id": r["review_id"],
            "error_origin": r["origin_words"], "finding_url": url(f"book/findings.html#{r['finding_id']}"),
            "claim_urls": [url(f"book/ledger.html#claim-{c}") for c in r["claim_ids"].split()],
        })
    return rows


def claims(book: Book, url) -> list[dict]:
    """Every claim with our reading, its status in words and the references that decide it."""
    verdicts = book.results.verdicts.set_index("claim_id")
    refs = book.references.set_index("ref_id")
    rows = []
    for c in book.claims.to_dict("records"):
        verdict, src = verdicts.loc[c["claim_id"]], book.registry.set_index("source_id").loc[c["source_id"]]
        s = book.evidence.statements[c["claim_id"]]
        rows.append({
            "claim_id": c["claim_id"], "source": w.sentence(src["label"]), "language": src["language"], "category": c["category"],
            "subject": book.topic[c["subject"]], "source_words": c["quote"], "source_words_english": c["quote_en"], "translation": c["translation"],
            "reading": w.say(s, book.window(c["claim_id"]), book.vocabulary), "status": book.vocabulary.words(verdict["outcome"]),
            "finding_id": verdict["finding_id"], "references": [refs.loc[r, "reference_url"] for r in verdict["references"].split()],
            "claim_url": url(f"book/ledger.html#claim-{c['claim_id']}"), "text_url": url(f"book/source-texts.html#mark-{c['claim_id']}"), "source_page": src["url"],
        })
    return rows


def annotation_collection(book: Book, url) -> dict:
    """Every claim as a W3C Web Annotation on the source's page; only published findings are called errors."""
    meta = citation.book()
    verdicts = book.results.verdicts.set_index("claim_id")
    registry = {s["source_id"]: s for s in book.registry.to_dict("records")}
    notes = []
    for c in book.claims.to_dict("records"):
        verdict = verdicts.loc[c["claim_id"]].to_dict()
        s = book.evidence.statements[c["claim_id"]]
        notes.append(annotations.annotation(c, verdict, w.say(s, book.window(c["claim_id"]), book.vocabulary), book.vocabulary.words(verdict["outcome"]),
                                            read_text(c["source_id"], book.data_dir), registry[c["source_id"]], meta, url(f"data/sources/{c['source_id']}.txt")))
    return annotations.collection(notes, meta)


def site_descriptor(book: Book) -> dict:
    """The data package as published in the site's data/ folder: every path relative to that folder."""
    d = json.loads(json.dumps(package.descriptor()))
    exports = d.pop("paris1944_exports")
    for r in d["resources"]:
        r["path"] = r["path"].removeprefix("data/")
    d["resources"] += exports
    return d


def site_files(book: Book) -> dict[str, str]:
    """The files the site's data/ folder gets beside the repository's tables, by path relative to that folder."""
    base = citation.book()["url"]
    url = lambda rel: base + rel
    out = {}
    for name, rows in (("findings", findings(book, url)), ("claims", claims(book, url))):
        out[f"exports/{name}.csv"] = to_csv(rows, f"{name}_export")
        out[f"exports/{name}-excel.csv"] = to_csv(rows, f"{name}_export", excel=True)
        out[f"exports/{name}.jsonl"] = json_lines(rows)
    out["annotations.jsonld"] = json.dumps(annotation_collection(book, url), ensure_ascii=False, indent=1) + "\n"
    out["datapackage.json"] = json.dumps(site_descriptor(book), ensure_ascii=False, indent=1) + "\n"
    return out
