"""The book's charts. Each turns a tidy table into a Chart (figures.publish draws and writes it).

Design rules, shared by every chart: the title states the finding; labels sit
next to what they name, never in a separate key when they can be direct; no
label is cut or shortened with an ellipsis (long ones wrap); no text is
smaller than 12 px at the width it is shown; the narrow drawing is laid out
for a phone, not shrunk; the interactive version keeps the static one's
title, names and key, and lets a swipe scroll the page (no drag to zoom).
"""

from __future__ import annotations

import html
import textwrap

import numpy as np

from .. import style

TEXTS = {"title": "the source texts", "url": "book/source-texts.html"}
DATA_SOURCES = [
    TEXTS,
    {"title": "the claims ledger", "url": "data/claims.csv"},
    {"title": "the reference works, in the reference table", "url": "data/derived/reference.csv"},
    {"title": "the verdicts", "url": "data/derived/verdicts.csv"},
]
LINE = {"label": style.TYPE["label"] * 1.3, "note": style.TYPE["note"] * 1.3}
MARK_ROW = 20  # pixels for the marks of one row
GAP = 8


def hover(text: str, width: int = 60) -> str:
    """Text for a plotly hover label: source text is data, so <, > and & are escaped (plotly reads only those
    entities), then wrapped."""
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(str(text), width))


def thousands(x, _pos=None) -> str:
    return f"{x:,.0f}"


PHONE_PLOT = 350  # px a chart gets on a 390 px phone: the title and the key are laid out for it


def touch_friendly(fig, title: str, plot_height: float, top_axis: bool = False, bottom: int = 44, head: int = 0):
    """An interactive chart a phone can scroll past: no drag to zoom or pan (a swipe that starts on the chart
    scrolls the page; a tap still shows the hover), fixed axes. On top, the static drawing's title wrapped for
    a phone, then the key in rows (then a date scale if the axis is on top, or head px for a first panel's
    title), then plot_height px of plot:
    the figure is as tall as those, so nothing overlaps."""
    fig.update_layout(dragmode=False)
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    size = style.TYPE["label"]
    lines = textwrap.wrap(title, int(PHONE_PLOT / (size * 0.62)))
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    rows, used = (1 if names else 0), 0.0
    for name in dict.fromkeys(names):
        wd = len(name) * size * 0.66 + 50  # a generous width: a key that wraps once more than planned would cover the plot
        if used and used + wd > PHONE_PLOT - 40:  # the key's rows are planned for less than the plot's width
            rows, used = rows + 1, 0.0
        used += wd
    title_px = len(lines) * (size + 2) * 1.3 + 12
    top = title_px + rows * size * 1.9 + (28 if top_axis else 0) + head + 10
    height = plot_height + top + bottom
    fig.update_layout(
        height=round(height),
        margin=dict(t=round(top), b=bottom),
        legend=dict(orientation="h", x=0, xanchor="left", y=1 - title_px / height, yanchor="top", yref="container", font=dict(size=size)),
        title=dict(text="<br>".join(html.escape(x, quote=False) for x in lines), x=0, xanchor="left", xref="container", y=1, yanchor="top",
                   yref="container", pad=dict(t=8, l=8), font=dict(size=size + 2)),
    )
    return fig


def labelled_bars(ax, labels, values, lefts, colours, mode):
    """Horizontal bars with their labels above them (so long names never squeeze the plot)."""
    n = len(labels)
    ys = np.arange(n)[::-1] * 1.0
    for y, v, left, colour in zip(ys, values, lefts, colours):
        ax.barh(y, v, left=left, height=0.42, color=colour)
    for y, label in zip(ys, labels):
        ax.text(0, y + 0.3, label, fontsize=style.points(style.TYPE["label"]), color=mode.text, va="bottom", ha="left")
    ax.set_yticks([])
    ax.set_ylim(-0.5, n - 0.1)
    ax.spines["left"].set_visible(False)
    return ys


def edge_labels_inward(ax, near: float = 0.05) -> None:
    """A label centred on a tick at an end of the axis runs off the drawing ("Jun" for "1 Jun", "l50" for "450"):
    the first reads rightwards from its tick, the last leftwards."""
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    ax.set_xticks(ticks)
    ax.set_xlim(lo, hi)
    for t, tick in zip(ticks, ax.xaxis.get_major_ticks()):
        align = "left" if t - lo < near * (hi - lo) else "right" if hi - t < near * (hi - lo) else None
        if align:
            tick.label1.set_horizontalalignment(align)
            tick.label2.set_horizontalalignment(align)


def inside_ticks(ax, margin: float = 0.04) -> None:
    """Tick labels that fit: none outside the axis, none so near its right end that the label runs off."""
    lo, hi = ax.get_xlim()
    ax.set_xticks([t for t in ax.get_xticks() if lo <= t <= hi - margin * (hi - lo)])
    ax.set_xlim(lo, hi)
    edge_labels_inward(ax)


def legend_rows(n_items: int, per_row: int) -> int:
    return -(-n_items // per_row)
