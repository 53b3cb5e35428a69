"""What each chapter shows, from the analysis's tables: counts for the prose, tables and charts.

One module per chapter (sources, chronology, figures, findings, methods);
this one holds what they share: the findings table, the words of a claim's
status, and glue. Every count says what it counts (findings, claims or
events) and comes from the rows it counts.
"""

from __future__ import annotations

from types import SimpleNamespace

from ... import vocabulary as v
from ...analysis.conventions import VARIANTS
from .. import words as w
from ..book import Book, Results
from ..explain import explain
from ..html import E
from ..tables import Column, Table, finding_link, reference_cell, words


class Words(str):
    """Text whose repr is itself, so that an {eval} role shows it without quotes (in the book and in JupyterLab)."""

    def __repr__(self) -> str:
        return str(self)


def page(values: dict) -> SimpleNamespace:
    """A chapter's numbers and phrases for its prose ({eval}`page.n_findings`): numbers with thousands separators."""
    return SimpleNamespace(**{k: Words(f"{x:,}" if isinstance(x, int) and not isinstance(x, bool) else x) for k, x in values.items()})


def glue(values: dict) -> None:
    """Glue every value for other pages' prose ({glue:text} roles), without displaying it."""
    from myst_nb import glue as _glue

    for key, value in values.items():
        # Numbers as text, so that a page that glues from another notebook formats them the same way.
        _glue(key, f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value, display=False)


def status_words(book: Book, outcome: str) -> str:
    return book.vocabulary.words(outcome)


def finding_rows(book: Book, findings, results: Results) -> list[dict]:
    """Findings for a table or a card: the finding's own fields, and everything in words."""
    claims = book.claims.set_index("claim_id")
    gates = book.table("gates").set_index("gate")["words"]
    rows = []
    for f in findings.to_dict("records"):
        c = claims.loc[f["claim_ids"].split()[0]]
        ref = book.reference_work(f["verdict_reference"]) if f["verdict_reference"] else None
        rows.append(
            {
                **f,
                **explain(f, book, results),
                "source": w.sentence(book.label[f["source_id"]]),
                "topic": book.topic[f["subject"]],
                "quote": c["quote"],
                "quote_en": c["quote_en"],
                "translation": c["translation"],
                "language": book.language[c["source_id"]],
                "kind_words": book.vocabulary.kinds[f["kind"]].words,
                "holds_words": w.holds(f["holds"], VARIANTS),
                "origin_words": book.vocabulary.origins[f["origin"]].words,
                "depends_words": book.depends_words(f["conventions"]),
                "gate_words": gates[f["gate"]],
                "status_short": book.vocabulary.statuses[v.UNDER_REVIEW].short,
                "reference": ref,
            }
        )
    return rows


def severity_badge(r: dict):
    if r["gate"] != "published":
        return E("span", r["status_short"], class_="p44-badge p44-badge-review")
    return E("span", r["severity"], class_=f"p44-badge p44-badge-{r['severity']}")


def findings_table(book: Book, results: Results, findings, caption: str) -> Table:
    """Five columns, so that a whole finding reads in a desktop column: the claim with the source's own words
    under it, the record with its reference under it."""
    return Table(
        finding_rows(book, findings, results),
        [
            Column("finding_id", "Finding", lambda r: [severity_badge(r), E("br"), finding_link(r["finding_id"], "read the finding")], kind="key"),
            Column("source", "Source"),
            Column("topic", "About"),
            Column(
                "claimed",
                "It says",
                lambda r: [E("strong", r["claimed"]), E("br"), words(r["quote"], r["quote_en"], r["language"], r["translation"])],
                kind="words",
            ),
            Column("record", "The record says", record_cell, kind="words"),
        ],
        caption,
        name="findings",
    )


def record_cell(r: dict):
    ref = r["reference"]
    if ref is None:
        return E("strong", r["record"])
    return [E("strong", r["record"]), E("br"), reference_cell(ref["cite"], ref["reference_url"], ref["class_words"])]


def frame_table(frame, caption: str, rows: int | None = None) -> Table:
    """A step's table as a reader sees it in the book and in JupyterLab: no index, every column, `rows` rows."""
    shown = frame if rows is None else frame.head(rows)
    cells = [{k: ("" if x is None else str(x)) for k, x in r.items()} for r in shown.to_dict("records")]
    more = f" (first {len(shown)} of {len(frame)} rows)" if len(shown) < len(frame) else f" ({w.count(len(frame), 'row')})"
    return Table(cells, [Column(str(c), str(c)) for c in frame.columns], caption + more, name="step")


def unpublished_words(book: Book, held, noun: str) -> str:
    """'5 more findings are not published (not signed on review)'; with several reasons, each with its count
    (gates.csv words, which read the same for one finding or many)."""
    gates = book.table("gates").set_index("gate")["words"]
    counts = held["gate"].value_counts().to_dict() if len(held) else {}
    reasons = [(gates[g], counts[g]) for g in gates.index if g in counts]
    why = reasons[0][0] if len(reasons) == 1 else "; ".join(f"{words_}: {n}" for words_, n in reasons)
    return f"{w.are(len(held), noun)} not published" + (f" ({why})" if why else "")
