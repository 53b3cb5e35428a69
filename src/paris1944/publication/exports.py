"""One-file exports for people who do not use these tools: the findings and the claims,
each row with its words, its verdict, its evidence and links back to the book.

CSV for spreadsheets (UTF-8 with a byte-order mark and CRLF line ends, which
Excel opens correctly; pandas and R's readr read it too) and JSON Lines for
programs. Written by `make data` into data/derived/exports/.
"""

from __future__ import annotations

import csv
import io
import json

from ..evidence import package

BOM = "\ufeff"


def columns(name: str) -> list[str]:
    """The export's columns, as datapackage.json describes them (findings_export, claims_export)."""
    return package.columns(name)


def excel_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return BOM + out.getvalue()


def json_lines(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


def finding_rows(findings, claims, references, labels, topics, classes, url) -> list[dict]:
    rows = []
    for f in findings:
        first = claims[f["claim_ids"].split()[0]]
        ref = references.get(f["verdict_reference"])
        rows.append(
            {
                "finding_id": f["finding_id"],
                "what_kind": f["kind"].replace("_", " "),
                "severity": f["severity"],
                "holds_under": f["robustness"],
                "source": labels[f["source_id"]],
                "subject": topics[f["subject"]],
                "claim_ids": f["claim_ids"],
                "source_words": first["quote"],
                "source_words_english": first["quote_en"],
                "translation": first["translation"],
                "the_source_says": f["claimed"],
                "the_record_says": f["record"],
                "reference": ref["reference_title"] if ref else "",
                "reference_url": ref["reference_url"] if ref else "",
                "reference_class": classes[ref["reliability"]] if ref else "",
                "reference_words": ref["excerpt"] if ref else "",
                "explanation": f["explanation"],
                "error_origin": f["origin"],
                "finding_url": url(f"book/findings.html#{f['finding_id']}"),
                "claim_urls": " ".join(url(f"book/ledger.html#claim-{c}") for c in f["claim_ids"].split()),
            }
        )
    return rows


def claim_rows(claims, verdicts, references, registry, topics, readings, url) -> list[dict]:
    rows = []
    for c in claims.values():
        v = verdicts[c["claim_id"]]
        src = registry[c["source_id"]]
        rows.append(
            {
                "claim_id": c["claim_id"],
                "source": src["label"],
                "language": src["language"],
                "category": c["category"],
                "subject": topics[c["subject"]],
                "source_words": c["quote"],
                "source_words_english": c["quote_en"],
                "translation": c["translation"],
                "reading": readings[c["claim_id"]],
                "status": v["status"],
                "finding_id": v["finding_id"],
                "references": "; ".join(f"{references[r]['reference_title']} ({references[r]['reference_url']})" for r in v["references"].split()),
                "claim_url": url(f"book/ledger.html#claim-{c['claim_id']}"),
                "text_url": url(f"book/source-texts.html#mark-{c['claim_id']}"),
                "source_page": src["url"],
            }
        )
    return rows
