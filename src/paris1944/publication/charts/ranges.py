"""Figures beside the reference works: small multiples, one panel per subject on its own scale."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ... import vocabulary as v
from ...evidence import package
from .. import style
from .. import words as w
from ..book import Book, Results
from ..figures import Chart
from . import DATA_SOURCES, GAP, LINE, MARK_ROW, edge_labels_inward, hover, inside_ticks, legend_rows, thousands, touch_friendly

AXIS = 30  # pixels under each panel for its scale
SHARE = "share"  # the base unit of shares (units.csv): drawn as per cent


def figures_table(book: Book, results: Results, claims: pd.DataFrame) -> pd.DataFrame:
    """The sources' figures beside every reference figure on the same subjects (windows of the results' variant);
    a subject appears only when something can be set beside the figure or a finding concerns it."""
    win = results.windows.set_index("id")
    outcome = results.outcome()
    claims = claims[claims["claim_id"].isin(win.index)]
    claims = claims[claims["category"].map(book.vocabulary.measure) == v.FIGURE]
    rows = []
    for subject in sorted(claims["subject"].unique(), key=lambda s: book.topic[s]):
        refs = [r for r in book.references[book.references["subject"] == subject].to_dict("records") if results.window(r["ref_id"])]
        mine = claims[claims["subject"] == subject]
        if not refs and not mine["claim_id"].map(outcome).isin([v.IN_ERROR, v.UNDER_REVIEW]).any():
            continue  # nothing to set the figure beside, and no finding to show: a panel would say nothing
        rows += [_row(book, c, win.loc[c["claim_id"]], "source", outcome[c["claim_id"]]) for c in mine.to_dict("records")]
        rows += [_row(book, r, results.window(r["ref_id"]), "reference", "reference") for r in refs]
    return pd.DataFrame(
        rows,
        columns=[
            "panel",
            "subject",
            "kind",
            "id",
            "who",
            "axis",
            "rank",
            "reliability",
            "low",
            "high",
            "value",
            "unit",
            "stated",
            "scope",
            "outcome",
            "quote",
            "quote_en",
            "url",
        ],
    )


def _row(book: Book, s: dict, window, kind: str, outcome: str) -> dict:
    record = package.typed("claims" if kind == "source" else "reference", s)
    number = lambda x: float(x) if x not in ("", None) else float("nan")
    ref = book.reference_work(s["ref_id"]) if kind == "reference" else None
    return {
        "panel": book.topic[s["subject"]], "subject": s["subject"], "kind": kind, "id": s.get("claim_id") or s["ref_id"],
        "who": w.sentence(book.label[s["source_id"]]) if ref is None else ref["cite"],
        "axis": w.sentence(book.label[s["source_id"]]) if ref is None else ref["work_title"] + (f" ({ref['year']})" if ref["year"] else ""),
        "rank": "" if ref is None else s["rank"], "reliability": "" if ref is None else ref["class_words"],
        "low": number(window["low"]), "high": number(window["high"]), "value": number(s["value"]), "unit": s["unit"],
        "stated": w.say_value(record), "scope": w.scope_words(record).strip(), "outcome": outcome,
        "quote": s.get("quote") or s["excerpt"], "quote_en": s.get("quote_en") or "", "url": "" if ref is None else s["reference_url"],
    }


def _panel_rows(data: pd.DataFrame, panel: str) -> pd.DataFrame:
    sub = data[data["panel"] == panel]
    refs = sub[sub["kind"] == "reference"].sort_values(["rank", "value"], kind="stable")
    return pd.concat([sub[sub["kind"] == "source"], refs]).reset_index(drop=True)


def _label_lines(r, width) -> list[str]:
    if r["kind"] == "source":
        return textwrap.wrap(f"{r['who']}: {r['stated']}", width.label_chars * 2 + 6)
    scope = f", {r['scope']}" if r["scope"] else ""
    return textwrap.wrap(f"{r['who']} ({r['reliability']}): {r['stated']}{scope}", int(width.label_chars * 2.2) + 6)


def _panel_title(data, panel: str, width) -> list[str]:
    unit = _panel_rows(data, panel)["unit"].iloc[0]
    unit_words = v.read().unit_words(unit)
    return textwrap.wrap(f"{panel} ({unit_words})" if unit_words else panel, width.title_chars + 6)


def _layout(data: pd.DataFrame, width) -> tuple[list, float]:
    panels, y = [], 0.0
    for p in dict.fromkeys(data["panel"]):
        head = len(_panel_title(data, p, width)) * LINE["label"] + 8
        body = sum(
            len(_label_lines(r, width)) * (LINE["label"] if r["kind"] == "source" else LINE["note"]) + MARK_ROW + GAP
            for _, r in _panel_rows(data, p).iterrows()
        )
        panels.append((p, y, head, body))
        y += head + body + AXIS + 22
    return panels, y


def _statuses(book: Book, data: pd.DataFrame) -> list[str]:
    return [s for s in book.vocabulary.statuses if s in set(data["outcome"])]


def _key_height(book: Book, data: pd.DataFrame, width) -> float:
    return legend_rows(len(_statuses(book, data)) + 2, 2 if width.name == "wide" else 1) * LINE["note"] * 1.25 + 14


def _draw_panel(book: Book, ax, sub: pd.DataFrame, mode, width) -> None:
    share = book.evidence.units[sub["unit"].iloc[0]].base == SHARE
    lo_, hi_ = np.nanmin(sub["low"]), np.nanmax(sub["high"])
    pad = max((hi_ - lo_) * 0.08, abs(hi_) * 0.1, 1)
    ax.set_xlim((0, 1.06) if share else (max(0, lo_ - pad), hi_ + pad))
    y = 0.0
    for _, r in sub.iterrows():
        lines = _label_lines(r, width)
        size = "label" if r["kind"] == "source" else "note"
        for k, line in enumerate(lines):
            ax.text(0, y + (k + 1) * LINE[size], line, transform=ax.get_yaxis_transform(), va="bottom", fontsize=style.points(style.TYPE[size]),
                    color=mode.text if r["kind"] == "source" else mode.muted, fontweight="bold" if r["kind"] == "source" else "normal")
        y += len(lines) * LINE[size]
        yy = y + MARK_ROW / 2
        first = r["kind"] == "reference" and book.decides(r["rank"])
        colour = mode.colour(r["outcome"]) if r["kind"] == "source" else mode.colour("reference") if first else mode.muted
        if r["high"] > r["low"]:
            ax.plot([r["low"], r["high"]], [yy, yy], color=colour, lw=4, alpha=0.6, solid_capstyle="butt")
        x = r["value"] if not np.isnan(r["value"]) else (r["low"] + r["high"]) / 2
        ax.plot(x, yy, "o" if r["kind"] == "source" else "s", color=colour, ms=8 if r["kind"] == "source" else 7,
                mfc=colour if (r["kind"] == "source" or first) else mode.background, mew=1.5, zorder=3)
        y += MARK_ROW + GAP
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    if share:
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0%}"))
        edge_labels_inward(ax)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3 if width.name == "narrow" else 6, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(thousands))
        inside_ticks(ax)


def _static(book: Book):
    def static(fig, d, mode, width, box):
        panels, _ = _layout(d, width)
        key_h = _key_height(book, d, width)
        for p, top, head, body in panels:
            for k, line in enumerate(_panel_title(d, p, width)):
                fig.text(box.left / box.fig_width, (box.bottom + box.height - key_h - top - (k + 1) * LINE["label"]) / box.fig_height, line,
                         fontsize=style.points(style.TYPE["label"]), fontweight="bold", color=mode.text, va="bottom")
            ax = box.band(fig, key_h + top + head, body)
            ax.set_ylim(body, 0)
            _draw_panel(book, ax, _panel_rows(d, p), mode, width)
        handles = [Line2D([], [], marker="o", ls="", color=mode.colour(s), ms=8, label=book.vocabulary.statuses[s].short) for s in _statuses(book, d)]
        handles += [Line2D([], [], marker="s", ls="", color=mode.colour("reference"), ms=7, label="a first-rank work"),
                    Line2D([], [], marker="s", ls="", color=mode.muted, mfc=mode.background, ms=7, label="a weaker reference (cannot decide)")]
        fig.legend(
            handles=handles,
            ncol=2 if width.name == "wide" else 1,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(box.left / box.fig_width, (box.bottom + box.height + 4) / box.fig_height),
            fontsize=style.points(style.TYPE["note"]),
            handlelength=0.8,
            handletextpad=0.4,
            columnspacing=1.0,
            borderaxespad=0,
        )

    return static


PANEL_GAP = 96  # px between panels: the x scale of one, then the two-line title of the next
LINE_PX, MARK_PX = 16, 28  # a line of a row's name; the mark under it


def _name(r) -> str:
    """A row's name on the interactive chart: the source, or the work's title (wrapped, never cut) and its id."""
    return hover(r["axis"], 44) + f" ({r['id']})"


def _interactive(book: Book, title: str):
    """The drawing's panels, each row's name above its mark (as on a phone drawing), so the marks keep the width."""

    def interactive(d, mode):
        from plotly.subplots import make_subplots

        panels = list(dict.fromkeys(d["panel"]))
        rows = [_panel_rows(d, p) for p in panels]
        lines = [[_name(x).count("<br>") + 1 for _, x in r.iterrows()] for r in rows]
        row_px = [LINE_PX * max(n) + MARK_PX for n in lines]  # one height per panel: rows are one unit apart
        px = [len(r) * h for r, h in zip(rows, row_px)]
        plot = sum(px) + PANEL_GAP * (len(panels) - 1)
        fig = make_subplots(
            rows=len(panels), cols=1, subplot_titles=[hover(p, 44) for p in panels], vertical_spacing=PANEL_GAP / plot, row_heights=px
        )
        fig.update_layout(style.plotly_layout(mode))
        order = [*_statuses(book, d), "first", "weaker"]
        shown = set()
        for i, (sub, n, h) in enumerate(zip(rows, lines, row_px), start=1):
            # a row spans [j - 0.5, j + 0.5] (the axis runs downwards): the name at its top, the mark under the name
            at = pd.Series([j - 0.5 + (LINE_PX * k + MARK_PX / 2) / h for j, k in enumerate(n)], index=sub.index)
            for j, (_, r) in enumerate(sub.iterrows()):
                fig.add_annotation(
                    text=_name(r),
                    xref=f"x{i if i > 1 else ''} domain",
                    x=0,
                    yref=f"y{i if i > 1 else ''}",
                    y=j - 0.5,
                    xanchor="left",
                    yanchor="top",
                    showarrow=False,
                    align="left",
                    font=dict(size=style.TYPE["note"], color=mode.text),
                )
            for key in order:
                s = (
                    sub[sub["outcome"] == key]
                    if key in book.vocabulary.statuses
                    else sub[(sub["kind"] == "reference") & (sub["rank"].map(book.decides) == (key == "first"))]
                )
                if not s.empty:
                    _trace(fig, book, s, at[s.index], key, mode, i, key not in shown, order.index(key))
                    shown.add(key)
            fig.update_yaxes(range=[len(sub) - 0.5, -0.5], showticklabels=False, showline=False, ticks="", showgrid=False, row=i, col=1)
            share = (sub["unit"] == SHARE).all()
            fig.update_xaxes(tickformat=".0%" if share else "~s", nticks=4, ticklabelstandoff=4, row=i, col=1, showline=True, linecolor=mode.axis,
                             gridcolor=mode.grid, tickfont=dict(size=style.TYPE["tick"], color=mode.text))
        titles = [a for a in fig.layout.annotations if a.text in {hover(p, 44) for p in panels}]
        for a in titles:
            a.update(font=dict(size=style.TYPE["label"], color=mode.text), xanchor="left", x=0, align="left")
        fig.update_layout(margin=dict(l=8, r=16))
        return touch_friendly(fig, title, plot, head=44)

    return interactive


def _trace(fig, book: Book, s: pd.DataFrame, y: pd.Series, key: str, mode, row: int, legend: bool, rank: int) -> None:
    x = s["value"].fillna((s["low"] + s["high"]) / 2)
    is_status = key in book.vocabulary.statuses
    colour = mode.colour(key) if is_status else mode.colour("reference") if key == "first" else mode.muted
    name = book.vocabulary.statuses[key].short if is_status else {"first": "a first-rank work", "weaker": "a weaker reference"}[key]
    text = [
        f"<b>{hover(r['who'], 50)}</b><br>{hover(r['stated'])}"
        + (f" ({hover(r['reliability'])})" if r["reliability"] else "")
        + f"<br><br>{hover(r['quote'])}"
        + (f"<br><i>{hover(r['quote_en'])}</i>" if r["quote_en"] and r["quote_en"] != r["quote"] else "")
        for _, r in s.iterrows()
    ]
    fig.add_scatter(x=x, y=list(y), mode="markers", row=row, col=1, name=name, legendgroup=key, showlegend=legend, legendrank=rank + 1,
                    marker=dict(color=colour, size=11 if is_status else 9, symbol="circle" if is_status else "square"),
                    error_x=dict(type="data", symmetric=False, array=s["high"] - x, arrayminus=x - s["low"], thickness=2, width=0, color=colour),
                    text=text, hovertemplate="%{text}<extra></extra>")


def ranges(book: Book, results: Results, claims: pd.DataFrame, name: str, page: str, title: str, subtitle: str, caption: str) -> Chart:
    """Small multiples, one panel per subject: the sources' figures, then the references'."""
    data = figures_table(book, results, claims)
    panels = list(dict.fromkeys(data["panel"]))
    given = data[data["kind"] == "source"]
    alt = (
        f"{w.sentence(w.count(len(panels), 'panel'))}, one per subject, each on its own scale, "
        f"setting {w.count(len(given), 'figure')} given by the sources beside "
        f"{w.count(int((data['kind'] == 'reference').sum()), 'reference figure')}: "
        + "; ".join(f"{r.panel}: {r.who} says {r.stated} ({book.vocabulary.statuses[r.outcome].short})" for r in given.itertuples())
        + "."
    )
    return Chart(
        name=name,
        page=page,
        title=title,
        subtitle=subtitle,
        caption=caption,
        alt=alt,
        sources=DATA_SOURCES,
        data=data,
        static=_static(book),
        interactive=_interactive(book, title),
        height=lambda width: _layout(data, width)[1] + _key_height(book, data, width),
    )
