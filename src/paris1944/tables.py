"""Tables for the book: plain, escaped HTML (source text is data, never markup)."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML


def show(df: pd.DataFrame, caption: str | None = None) -> HTML:
    """An accessible HTML table: a header for every column, no index column."""
    body = df.to_html(index=False, escape=True, border=0, classes="p44-table", na_rep="")
    if caption:
        from html import escape

        body = body.replace(">\n  <thead>", f">\n  <caption>{escape(caption)}</caption>\n  <thead>", 1)
    return HTML(body)
