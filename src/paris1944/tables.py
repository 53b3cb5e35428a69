"""Tables for the book: plain, escaped HTML (source text is data, never markup)."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML


def show(df: pd.DataFrame, caption: str | None = None) -> HTML:
    """An accessible HTML table: a header for every column, no index column."""
    df = df.copy()
    df.columns.name = None  # a named column axis adds a header cell with no column under it
    body = df.to_html(index=False, escape=True, border=0, classes="p44-table", na_rep="")
    if caption:
        from html import escape

        body = body.replace(">\n  <thead>", f">\n  <caption>{escape(caption)}</caption>\n  <thead>", 1)
    return HTML(body)


def quotes(rows: pd.DataFrame, languages: dict[str, str], caption: str | None = None,
           columns: dict[str, str] | None = None) -> HTML:
    """Claims with their original words beside the English, each marked with its
    language and direction so browsers, screen readers and search handle them."""
    from html import escape

    from .sources import DIRECTION

    columns = columns or {}
    head = "".join(f"<th>{escape(c)}</th>" for c in [*columns.values(), "Original", "English"])
    body = []
    for r in rows.to_dict("records"):
        lang = languages[r["source_id"]]
        cells = "".join(f"<td>{escape(str(r[k]))}</td>" for k in columns)
        original = f'<td lang="{lang}" dir="{DIRECTION[lang]}" class="p44-quote">{escape(r["quote"])}</td>'
        english = escape(r["quote_en"])
        if r.get("translation") == "working translation":
            english = f'{english} <span class="p44-translation-note">(our working translation)</span>'
        body.append(f"<tr>{cells}{original}<td lang=\"en\">{english}</td></tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="p44-table p44-quotes">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
