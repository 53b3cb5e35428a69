"""Tables for the book: plain, escaped HTML (source text is data, never markup)."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from .sources import DIRECTION


def _cell(value) -> str:
    """Escaped text; a bare web address becomes a link (readers follow references from the table)."""
    text = "" if pd.isna(value) else str(value)
    if text.startswith(("http://", "https://")) and " " not in text:
        return f'<a href="{escape(text)}">{escape(text)}</a>'
    return escape(text)


def show(df: pd.DataFrame, caption: str | None = None) -> HTML:
    """An accessible HTML table: a header for every column, no index column."""
    df = df.copy()
    df.columns = [escape(str(c)) for c in df.columns]  # also drops a named column axis (an empty header cell)
    df = df.map(_cell)
    body = df.to_html(index=False, escape=False, border=0, classes="p44-table", na_rep="")
    if caption:
        body = body.replace(">\n  <thead>", f">\n  <caption>{escape(caption)}</caption>\n  <thead>", 1)
    return HTML(body)


def quotes(rows: pd.DataFrame, languages: dict[str, str], caption: str | None = None,
           columns: dict[str, str] | None = None) -> HTML:
    """Claims with their original words beside the English, each marked with its
    language and direction so browsers, screen readers and search handle them.
    Rows from Evidence.with_words also show the other side's words."""
    columns = columns or {}
    other = "other_quote" in rows.columns
    head = "".join(f"<th>{escape(c)}</th>" for c in [*columns.values(), "Original", "English"])
    if other:
        head += "<th>The other side's words</th>"
    body = []
    for r in rows.to_dict("records"):
        lang = languages[r["source_id"]]
        cells = "".join(f"<td>{escape(str(r[k]))}</td>" for k in columns)
        if r.get("translation") == "working translation":
            cells += (f'<td lang="{lang}" dir="{DIRECTION[lang]}" class="p44-quote">{escape(r["quote"])}</td>'
                      f'<td lang="en">{escape(r["quote_en"])} <span class="p44-translation-note">(our working translation)</span></td>')
        else:  # an English source: its words are already English
            cells += f'<td colspan="2" lang="{lang}" class="p44-quote">{escape(r["quote"])}</td>'
        if other:
            cells += f"<td>{_other_words(r)}</td>"
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f'<table class="p44-table p44-quotes">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _other_words(r: dict) -> str:
    if not r["other_quote"]:
        return ""
    lang = r["other_lang"]
    attrs = f' lang="{lang}" dir="{DIRECTION[lang]}"' if lang else ""
    words = f'<span class="p44-quote"{attrs}>{escape(r["other_quote"])}</span>'
    if r["other_quote_en"]:
        words += (f'<br><span lang="en">{escape(r["other_quote_en"])} '
                  f'<span class="p44-translation-note">(our working translation)</span></span>')
    return words
