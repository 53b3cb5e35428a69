"""Tables for readers: plain, escaped HTML that reads on a phone and on a desktop.

Every table is a list of rows and a list of columns. On a narrow screen the
stylesheet turns each row into a card of label and value (the labels come from
data-label); on a desktop the key columns come first and long words wrap.
Claim ids are always links to their row in the ledger; source words always
carry their language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .html import E, link, mixed, quote

LEDGER = "../book/ledger.html"
FINDINGS = "../book/findings.html"
TRANSLATION_NOTE = "our working translation"


@dataclass
class Column:
    key: str
    label: str
    cell: Callable | None = None  # (row) -> content; default: the row's value as text
    width: str = ""  # a CSS width for the desktop layout, e.g. "9em"
    kind: str = ""  # "key", "words" (long text), "number"

    def content(self, row: dict):
        if self.cell:
            return self.cell(row)
        value = row.get(self.key, "")
        return mixed(value) if isinstance(value, str) else value  # words in another script keep their language


class Table:
    """An HTML table a notebook can display (and a directive can embed)."""

    def __init__(self, rows: list[dict], columns: list[Column], caption: str, name: str = "", cards_always: bool = False):
        # cards_always: rows of long prose read better as cards on a desktop too
        self.rows, self.columns, self.caption, self.name, self.cards_always = rows, columns, caption, name, cards_always

    def element(self):
        head = E("tr", *[E("th", c.label, scope="col", style=f"width:{c.width}" if c.width else None) for c in self.columns])
        body = E("tbody")
        for row in self.rows:
            body.add(
                E(
                    "tr",
                    *[E("td", c.content(row), data_label=c.label, class_=f"p44-{c.kind}" if c.kind else None) for c in self.columns],
                    id=row.get("_anchor") or None,
                    **{k[1:]: row[k] or None for k in row if k.startswith("_data_")},  # e.g. _data_finding: a filter's hook
                )
            )
        classes = "p44-table p44-cards" + (" p44-cards-always" if self.cards_always else "") + (f" p44-table-{self.name}" if self.name else "")
        table = E("table", E("caption", self.caption), E("thead", head), body, class_=classes)
        return E("div", table, class_="p44-table-wrap", role="region", aria_label=self.caption, tabindex="0")

    def __str__(self) -> str:
        return str(self.element())

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the text a notebook stores beside the HTML: the same every run
        return f"<table: {self.caption} ({len(self.rows)} rows)>"


# ------------------------------------------------------------------ cells
def claim_link(claim_id: str):
    return link(f"{LEDGER}#claim-{claim_id}", claim_id, class_="p44-id", title=f"Claim {claim_id} in the claims ledger")


def claim_links(ids: str):
    out = []
    for i, cid in enumerate(ids.split()):
        if i:
            out.append(" ")
        out.append(claim_link(cid))
    return out


def finding_link(finding_id: str, text: str | None = None):
    """A link to a finding's card; the id itself is shown as an identifier (it may break at its hyphens)."""
    return link(f"{FINDINGS}#{finding_id}", text or E("code", finding_id), class_="p44-id p44-fid")


def words(original: str, english: str, lang: str, translation: str):
    """A source's own words; for Russian and Arabic, the original beside our working translation."""
    if translation != "working translation":
        return quote(original, "en", class_="p44-quote")
    return [
        quote(original, lang, class_="p44-quote"),
        E("br"),
        E("span", english, " ", E("span", f"({TRANSLATION_NOTE})", class_="p44-translation-note"), lang="en"),
    ]


def reference_cell(title: str, url: str, label: str = ""):
    """A reference work as a link to its address, with its kind in words."""
    return [link(url, title, rel="noopener"), E("br"), E("span", label, class_="p44-muted")] if label else link(url, title)


def text(value):
    """English text that may quote Arabic or Russian words: each run marked with its language."""
    return mixed(str(value))


CLAIM_ID = re.compile(r"\bC\d{3}-\d{2,3}\b")


# A reference's id (data/derived/reference.csv): shown as an identifier a reader can look up in the data.
REFERENCE_ID = re.compile(r"\b(?:[A-Z]{1,3}-\d{2,3}(?:\.\d+)?)\b")


# A finding's id (F-003-allied_distance_from_paris_19_aug, F-004-...-scope): a link to its card.
FINDING_ID = re.compile(r"\bF-\d{3}-[a-z0-9_]+(?:-scope)?\b")


def linked(value):
    """English text in which every claim id and finding id becomes a link (to its ledger row, to its card),
    every reference id is set as an identifier, and foreign words keep their language."""
    value, out, at = str(value), [], 0
    for m in re.finditer(f"{FINDING_ID.pattern}|{CLAIM_ID.pattern}|{REFERENCE_ID.pattern}", value):
        found = m.group()
        if FINDING_ID.fullmatch(found):
            part = finding_link(found)
        else:
            part = claim_link(found) if CLAIM_ID.fullmatch(found) else E("code", found, class_="p44-ref-id")
        out += [*mixed(value[at : m.start()]), part]
        at = m.end()
    return out + mixed(value[at:])
