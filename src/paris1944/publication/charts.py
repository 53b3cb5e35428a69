"""The book's charts. Each turns a tidy table into a Chart (figures.publish draws and writes it).

Design rules, shared by every chart: the title states the finding; labels sit
next to what they name, never in a separate key when they can be direct; no
label is cut or shortened with an ellipsis (long ones wrap); text is never
smaller than the style's note size; the narrow drawing is laid out for a phone,
not shrunk.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..evidence import sources
from . import chapters, style
from . import wording as w
from .figures import Chart

FAMILY_ORDER = ["Dates", "Figures", "Who acted", "Places"]
STATUS_ORDER = ["agrees", "conflicts", "other scope", "unverifiable"]
TEXTS = {"title": "the five source texts", "url": "book/source-texts.html"}
DATA_SOURCES = [
    TEXTS,
    {"title": "the claims ledger", "url": "data/claims.csv"},
    {"title": "the reference works, in the reference table", "url": "data/derived/reference.csv"},
]


def hover(text: str, width: int = 60) -> str:
    """Text for a plotly hover label: source text is data, so <, > and & are escaped (plotly
    reads only those entities), then wrapped."""
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(str(text), width))


def thousands(x, _pos=None) -> str:
    return f"{x:,.0f}"


def _labelled_bars(ax, labels, values, lefts, colours, mode, width, text_right=None):
    """Horizontal bars with their labels above them (so long names never squeeze the plot)."""
    n = len(labels)
    ys = np.arange(n)[::-1] * 1.0
    for y, v, left, colour in zip(ys, values, lefts, colours):
        ax.barh(y, v, left=left, height=0.42, color=colour)
    for y, label in zip(ys, labels):
        ax.text(0, y + 0.3, label, fontsize=style.points(style.TYPE["label"]), color=mode.text, va="bottom", ha="left")
    if text_right:
        for y, t, x in text_right:
            ax.text(x, y, f" {t}", fontsize=style.points(style.TYPE["label"]), color=mode.text, va="center", ha="left")
    ax.set_yticks([])
    ax.set_ylim(-0.5, n - 0.1)
    ax.spines["left"].set_visible(False)
    return ys


# ------------------------------------------------------------------ 1. length of each source
def source_lengths(book: chapters.Book) -> Chart:
    profile = sources_profile(book)
    data = profile.sort_values("characters", ascending=False, kind="stable")[["source_id", "label", "language_name", "characters", "words"]]
    longest, shortest = data.iloc[0], data.iloc[-1]
    title = (
        f"{w.sentence(w.the(longest['label']))} is the longest source, "
        f"{longest['characters'] / shortest['characters']:.1f} times as long as the shortest"
    )

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        colours = [mode.colour(x) for x in d["language_name"]]
        ys = _labelled_bars(ax, [f"{r.label} ({r.language_name})" for r in d.itertuples()], d["characters"], [0] * len(d), colours, mode, width)
        for y, v in zip(ys, d["characters"]):
            ax.text(v, y, f" {v:,}", va="center", fontsize=style.points(style.TYPE["label"]), color=mode.text)
        ax.set_xlim(0, d["characters"].max() * (1.22 if width.name == "wide" else 1.35))
        ax.xaxis.set_major_formatter(FuncFormatter(thousands))
        ax.xaxis.set_major_locator(MaxNLocator(4 if width.name == "narrow" else 6))
        ax.set_xlabel("Characters")

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for lang in dict.fromkeys(d["language_name"]):
            sub = d[d["language_name"] == lang]
            fig.add_bar(
                x=sub["characters"],
                y=sub["label"],
                orientation="h",
                name=lang,
                marker_color=mode.colour(lang),
                customdata=sub[["words"]],
                hovertemplate="%{y}<br>%{x:,} characters, %{customdata[0]:,} words<extra></extra>",
            )
        fig.update_layout(
            height=320, xaxis_title="Characters", barmode="overlay", yaxis=dict(categoryorder="array", categoryarray=list(d["label"])[::-1])
        )
        return fig

    return Chart(
        name="fig-source-length",
        page="notebooks/01-sources",
        title=title,
        subtitle="Length of each source text in characters, by language",
        caption="Length of each source text, in characters, coloured by language.",
        alt="Horizontal bar chart of the length of the five source texts in characters: "
        + "; ".join(f"{r.label} ({r.language_name}) {r.characters:,}" for r in data.itertuples())
        + ".",
        sources=[TEXTS, {"title": "the source registry", "url": "data/sources.csv"}],
        data=data.reset_index(drop=True),
        static=static,
        height=lambda width: 5 * (52 if width.name == "wide" else 56) + 40,
        interactive=interactive,
    )


def sources_profile(book: chapters.Book) -> pd.DataFrame:
    return sources.profile(book.data_dir)


# ------------------------------------------------------------------ 2. what each source claims
def coverage(book: chapters.Book) -> Chart:
    data = chapters.claims_by_family(book)
    order = list(book.registry["label"])
    totals = data.groupby("source")["claims"].sum().reindex(order)
    most, least = totals.idxmax(), totals.idxmin()
    title = f"{w.sentence(w.the(most))} makes the most claims ({totals.max()}), {w.the(least)} the fewest ({totals.min()})"

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        pivot = d.pivot(index="source", columns="family", values="claims").reindex(index=order, columns=FAMILY_ORDER).fillna(0)
        ys = np.arange(len(order))[::-1] * 1.0
        left = np.zeros(len(order))
        for fam in FAMILY_ORDER:
            ax.barh(ys, pivot[fam].to_numpy(), left=left, height=0.42, color=mode.colour(fam), edgecolor=mode.background, lw=0.8)
            left += pivot[fam].to_numpy()
        for y, label, total in zip(ys, order, left):
            ax.text(0, y + 0.3, label, fontsize=style.points(style.TYPE["label"]), va="bottom", color=mode.text)
            ax.text(total, y, f" {int(total)}", va="center", fontsize=style.points(style.TYPE["label"]), color=mode.text)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.5, len(order) - 0.1)
        ax.set_xlim(0, left.max() * 1.15)
        ax.set_xlabel("Claims in the ledger")
        handles = [Line2D([], [], color=mode.colour(f), lw=8, label=f) for f in FAMILY_ORDER]
        ax.legend(
            handles=handles,
            ncol=4 if width.name == "wide" else 2,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.02),
            handlelength=1.2,
            columnspacing=1.2,
        )

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for fam in FAMILY_ORDER:
            sub = d[d["family"] == fam]
            fig.add_bar(
                y=sub["source"],
                x=sub["claims"],
                name=fam,
                orientation="h",
                marker_color=mode.colour(fam),
                hovertemplate="%{y}: %{x} claims (" + fam.lower() + ")<extra></extra>",
            )
        fig.update_layout(
            barmode="stack", height=360, xaxis_title="Claims in the ledger", yaxis=dict(categoryorder="array", categoryarray=order[::-1])
        )
        return fig

    return Chart(
        name="fig-coverage",
        page="notebooks/01-sources",
        title=title,
        subtitle="Claims in the ledger per source: dates, figures, who acted (took part, commanded, ordered or asked) and places",
        caption="Claims in the ledger per source, by kind: dates; figures (troops, casualties, distances, other counts, shares); "
        "who took part, commanded, ordered or asked; places taken or aimed at.",
        alt="Stacked bar chart of the number of claims per source by kind: " + "; ".join(f"{s} {int(totals[s])} claims" for s in order) + ".",
        sources=[TEXTS, {"title": "the claims ledger", "url": "data/claims.csv"}],
        data=data,
        static=static,
        height=lambda width: 5 * 56 + (70 if width.name == "narrow" else 50),
        interactive=interactive,
    )


# ------------------------------------------------------------------ rows laid out in pixels
LINE = {"label": style.TYPE["label"] * 1.3, "note": style.TYPE["note"] * 1.3}
MARK_ROW = 20  # pixels for the marks of one row
GAP = 8


def _row_height(label_lines: int, note_lines: int = 0) -> float:
    return label_lines * LINE["label"] + note_lines * LINE["note"] + MARK_ROW + GAP


def _date_axis(ax, wide: bool):
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonthday=15))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b" if wide else "%-d %b"))
    edge_labels_inward(ax)


def edge_labels_inward(ax, near: float = 0.05) -> None:
    """A label centred on a tick at an end of the axis runs off the drawing ("Jun" for "1 Jun", "l50"
    for "450"): the first reads rightwards from its tick, the last leftwards."""
    lo, hi = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    ax.set_xticks(ticks)
    ax.set_xlim(lo, hi)
    for t, tick in zip(ticks, ax.xaxis.get_major_ticks()):
        align = "left" if t - lo < near * (hi - lo) else "right" if hi - t < near * (hi - lo) else None
        if align:
            tick.label1.set_horizontalalignment(align)
            tick.label2.set_horizontalalignment(align)


# ------------------------------------------------------------------ 3. the time line
WINDOW = (dt.date(1944, 6, 1), dt.date(1944, 9, 3))
SOURCE_COLOURS = {"light": ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"], "dark": ["#5AA9E6", "#F0C040", "#3DD6A3", "#E7A3CB", "#A7D8F5"]}


def source_colours(book: chapters.Book, mode: style.Mode) -> dict:
    """One colour per source (Okabe-Ito), in the registry's order."""
    return dict(zip(book.registry["source_id"], SOURCE_COLOURS[mode.name]))


def timeline_events(book: chapters.Book) -> pd.DataFrame:
    """One row per dated statement in the window (June to early September 1944): the sources' claims and the
    first-rank references' dates, grouped by event, events in the order the record dates them."""
    d = chapters.dated(book)
    lo, hi = WINDOW
    refs = book.references[(book.references["category"] == "date") & (book.references["rank"] == "1")]
    win = book.windows[book.windows["variant"] == "default"].set_index("id")
    rows = []
    for c in d.to_dict("records"):
        rows.append(
            {
                "event": c["event"],
                "subject": c["subject"],
                "kind": "claim",
                "id": c["claim_id"],
                "source_id": c["source_id"],
                "who": c["source"],
                "earliest": c["earliest"],
                "latest": c["latest"],
                "stated": c["stated"],
                "status": c["status"],
                "quote": c["quote"],
                "quote_en": c["quote_en"],
                "translation": c["translation"],
                "reference_date": c["reference_date"],
            }
        )
    for r in refs[refs["subject"].isin(d["subject"])].to_dict("records"):
        if r["ref_id"] not in win.index:
            continue
        rows.append(
            {
                "event": book.topic[r["subject"]],
                "subject": r["subject"],
                "kind": "reference",
                "id": r["ref_id"],
                "source_id": "",
                "who": r["reference_title"],
                "earliest": win.loc[r["ref_id"], "low"],
                "latest": win.loc[r["ref_id"], "high"],
                "stated": reference_date_words(r),
                "status": "reference",
                "quote": r["excerpt"],
                "quote_en": "",
                "translation": "original",
                "reference_date": "",
            }
        )
    t = pd.DataFrame(rows)
    early = pd.to_datetime(t["earliest"].replace("", None))
    late = pd.to_datetime(t["latest"].replace("", None))
    inside = (late.isna() | (late.dt.date >= lo)) & (early.isna() | (early.dt.date <= hi)) & ~(early.isna() & late.isna())
    t = t[inside].copy()
    key = {}
    for subject, g in t.groupby("subject"):
        refd = pd.to_datetime(g.loc[g["kind"] == "reference", "latest"].replace("", None)).min()
        claimd = pd.to_datetime(g["latest"].replace("", None)).min()
        key[subject] = refd if pd.notna(refd) else claimd
    t["order"] = t["subject"].map(key)
    compared = t.groupby("subject").apply(lambda g: (g["kind"] == "reference").any() or g["source_id"].nunique() >= 2, include_groups=False)
    t = t[t["subject"].map(compared)]
    return t.sort_values(["order", "subject", "kind", "source_id", "id"], kind="stable").reset_index(drop=True)


def timeline(book: chapters.Book, title: str) -> Chart:
    """Every dated event, one row each: what each source says, and the first-rank reference's date."""
    data = timeline_events(book)
    lo, hi = WINDOW
    events = list(dict.fromkeys(data["event"]))
    labels = dict(zip(book.registry["source_id"], book.registry["label"]))

    lane = {sid: k for k, sid in enumerate(book.registry["source_id"])}  # each source on its own line within a row
    LANE = 5

    def layout(width):
        """Pixel top of each event row and the total height."""
        tops, y = {}, 0.0
        for e in events:
            tops[e] = y
            y += _row_height(len(textwrap.wrap(e, width.label_chars * (2 if width.name == "wide" else 1) + 10))) + 4 * LANE
        return tops, y

    def static(fig, d, mode, width, box):
        import matplotlib.dates as mdates

        colours = source_colours(book, mode)
        tops, total = layout(width)
        legend_h = legend_height(width) + 24  # the legend, then the top date axis
        axis_h = 30
        ax = box.band(fig, legend_h, box.height - legend_h - axis_h)
        ax.set_ylim(total, 0)
        lo_n, hi_n = mdate(pd.Timestamp(lo)), mdate(pd.Timestamp(hi))
        ax.set_xlim(lo_n, hi_n)
        for e in events:
            top = tops[e]
            lines = textwrap.wrap(e, width.label_chars * (2 if width.name == "wide" else 1) + 10)
            for k, line in enumerate(lines):
                ax.text(
                    0,
                    top + (k + 1) * LINE["label"],
                    line,
                    transform=ax.get_yaxis_transform(),
                    va="bottom",
                    fontsize=style.points(style.TYPE["label"]),
                    color=mode.text,
                )
            y = top + len(lines) * LINE["label"] + 6
            for _, r in d[d["event"] == e].iterrows():
                s = mdate(pd.Timestamp(r["earliest"])) if r["earliest"] else None
                f = mdate(pd.Timestamp(r["latest"])) if r["latest"] else None
                s_c = max(s, lo_n) if s is not None else lo_n
                f_c = min(f, hi_n) if f is not None else hi_n
                reference = r["kind"] == "reference"
                colour = mode.colour("reference") if reference else colours[r["source_id"]]
                yy = y + (5 * LANE + 4 if reference else lane[r["source_id"]] * LANE)  # the references below the sources' marks
                if s is None or f is None:  # 'by' or 'after': an open end, an arrow from the known end
                    end = f_c if s is None else s_c
                    tail = end - 7 if s is None else end + 7
                    ax.annotate("", (tail, yy), xytext=(end, yy), arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.5 if reference else 2.5))
                    if reference:
                        ax.plot(end, yy, "D", color=colour, ms=6, zorder=4)
                elif f_c > s_c:
                    ax.plot(
                        [s_c, f_c], [yy, yy], color=colour, lw=2 if reference else 6, alpha=1 if reference else 0.6, solid_capstyle="butt", zorder=2
                    )
                    if reference:
                        ax.plot([s_c, f_c], [yy, yy], "|", color=colour, ms=8, zorder=4)
                else:
                    ax.plot(
                        s_c,
                        yy,
                        "D" if reference else "o",
                        color=colour,
                        ms=6 if reference else 8,
                        mec=mode.background,
                        mew=0.8,
                        zorder=4 if reference else 3,
                    )
                if r["status"] == "conflicts":
                    at = (s_c + f_c) / 2 if s is not None and f is not None else (f_c if s is None else s_c)
                    ax.plot(at, yy, "o", ms=15, mfc="none", mec=mode.colour("conflicts"), mew=2, zorder=5)
        ax.set_yticks([])
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        _date_axis(ax, width.name == "wide")
        ax.grid(axis="x", lw=0.6)
        handles = [
            Line2D([], [], marker="o", ls="", color=colours[s], ms=8, label=book.registry.set_index("source_id").loc[s, "short_label"])
            for s in book.registry["source_id"]
        ]
        handles += [
            Line2D([], [], marker="D", ls="", color=mode.colour("reference"), ms=6, label="first-rank reference"),
            Line2D([], [], marker="o", ls="", ms=8, mfc="none", mec=mode.colour("conflicts"), mew=2, label="in error"),
        ]
        fig.legend(
            handles=handles,
            ncol=7 if width.name == "wide" else 3,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(box.left / box.fig_width, (box.bottom + box.height) / box.fig_height),
            handlelength=0.8,
            handletextpad=0.3,
            columnspacing=0.8,
            borderaxespad=0,
            fontsize=style.points(style.TYPE["note"]),
        )
        ax.tick_params(axis="x", labeltop=True, top=True)
        del mdates

    def interactive(d, mode):
        colours = source_colours(book, mode)
        fig = go.Figure(layout=style.plotly_layout(mode))
        rows = {e: i for i, e in enumerate(events)}
        for sid in book.registry["source_id"]:
            sub = d[(d["kind"] == "claim") & (d["source_id"] == sid)]
            if sub.empty:
                continue
            for _, r in sub.iterrows():
                if r["earliest"] and r["latest"] and r["earliest"] != r["latest"]:
                    fig.add_scatter(
                        x=[r["earliest"], r["latest"]],
                        y=[rows[r["event"]]] * 2,
                        mode="lines",
                        showlegend=False,
                        hoverinfo="skip",
                        line=dict(color=colours[sid], width=7),
                        opacity=0.55,
                    )
            x = [mark_date(r) for _, r in sub.iterrows()]
            text = [
                f"<b>{hover(r['event'], 50)}</b><br>{hover(r['who'])}: {hover(r['stated'])}"
                + (" <b>(in error)</b>" if r["status"] == "conflicts" else "")
                + f"<br><br>{hover(r['quote'])}"
                + (f"<br><i>{hover(r['quote_en'])}</i><br>(our working translation)" if r["translation"] != "original" else "")
                for _, r in sub.iterrows()
            ]
            fig.add_scatter(
                x=x,
                y=[rows[e] for e in sub["event"]],
                mode="markers",
                name=labels[sid],
                text=text,
                hovertemplate="%{text}<extra></extra>",
                marker=dict(
                    color=colours[sid],
                    size=11,
                    line=dict(
                        color=[mode.colour("conflicts") if s == "conflicts" else mode.background for s in sub["status"]],
                        width=[3 if s == "conflicts" else 1 for s in sub["status"]],
                    ),
                ),
            )
        refs = d[d["kind"] == "reference"]
        fig.add_scatter(
            x=[mark_date(r) for _, r in refs.iterrows()],  # an open-ended date ('by', 'after') at its one bound
            y=[rows[e] for e in refs["event"]],
            mode="markers",
            name="first-rank reference",
            marker=dict(symbol="diamond", color=mode.colour("reference"), size=10),
            text=[
                f"<b>{hover(r['event'], 50)}</b><br>{hover(r['who'], 50)}: {hover(r['stated'])}<br><br>{hover(r['quote'])}"
                for _, r in refs.iterrows()
            ],
            hovertemplate="%{text}<extra></extra>",
        )
        # The event names: one text trace, not an annotation per row (plotly lays out each annotation on its
        # own; the trace draws in a third less time on a slow phone). Each name hangs from just under the row
        # above, so a second line never reaches its marks; two short lines read on a phone.
        fig.add_scatter(
            x=[lo] * len(rows),
            y=[i - 0.78 for i in rows.values()],
            text=[hover(e, 44) for e in rows],
            mode="text",
            textposition="bottom right",
            textfont=dict(size=style.TYPE["note"], color=mode.muted),
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
        fig.update_layout(
            height=120 + 54 * len(events),
            xaxis=dict(range=[lo, hi], tickformat="%-d %b", side="top"),
            yaxis=dict(range=[len(events) - 0.3, -0.9], showticklabels=False, showline=False, ticks="", showgrid=False),
            legend=dict(y=-0.02, yanchor="top", x=0, orientation="h"),
        )
        return fig

    claims = data[data["kind"] == "claim"]
    circled = timeline_note(book, data)
    alt = (
        f"Dot plot of {len(events)} events from June to early September 1944, one row each, showing the date each source gives "
        f"({len(claims)} dated claims) beside the first-rank reference's date; {circled}. "
        "Every dated claim is in the table below the chart."
    )
    return Chart(
        name="fig-timeline",
        page="notebooks/02-chronology",
        title=title,
        subtitle="For each event: the date each source gives (a bar is the span a hedged date admits) and the first-rank reference's date",
        caption="What each source dates, event by event, 1 June to 3 September 1944, beside the date a first-rank reference gives. "
        f"{w.sentence(circled)}.",
        alt=alt,
        sources=DATA_SOURCES,
        data=data.drop(columns=["order"]),
        static=static,
        height=lambda width: layout(width)[1] + legend_height(width) + 24 + 30,
        interactive=interactive,
    )


def timeline_note(book: chapters.Book, data: pd.DataFrame | None = None) -> str:
    """How many dates in error the timeline rings, naming any it cannot show (dated outside its months)."""
    data = timeline_events(book) if data is None else data
    claims = data[data["kind"] == "claim"]
    shown = int((claims["status"] == "conflicts").sum())
    every = chapters.dated(book)
    off = every[(every["status"] == "conflicts") & ~every["claim_id"].isin(claims["id"])]
    if not len(off):
        return f"{w.count(shown, 'claim')} in error {'is' if shown == 1 else 'are'} circled"
    n = len(off)
    return (
        f"{shown} of the {shown + n} claims in error are circled. The other {'one is' if n == 1 else f'{n} are'} off the chart, "
        f"because a first-rank reference dates {'its event' if n == 1 else 'their events'} outside these months: "
        + w.join_words(f"{w.the(r['source'])} on \u201c{r['event']}\u201d" for _, r in off.iterrows())
        + f"; the tables below list {'it' if n == 1 else 'them'}"
    )


def mark_date(r) -> object:
    """Where a dated statement's mark goes: the middle of its window, or its one bound when the window is open."""
    if not (r["earliest"] and r["latest"]):
        return r["latest"] or r["earliest"]
    return pd.Timestamp(r["earliest"]) + (pd.Timestamp(r["latest"]) - pd.Timestamp(r["earliest"])) / 2


def reference_date_words(r) -> str:
    """A reference's date as a reader says it: '7 August 1944', 'on or after 7 August 1944', '15 to 21 August 1944'."""

    def day(iso):  # 1944-08-07, 1944-08 or 1944, as precise as the reference
        formats = {10: "%-d %B %Y", 7: "%B %Y", 4: "%Y"}
        return dt.date.fromisoformat((iso + "-01-01")[:10]).strftime(formats[len(iso)])

    said = day(r["date"]) + (f" to {day(r['date_end'])}" if r["date_end"] else "")
    return {"by": "by ", "after": "on or after ", "about": "about "}.get(r["expression"], "") + said


def legend_height(width) -> float:
    """The timeline's legend: one line on a desktop, three on a phone."""
    return (1 if width.name == "wide" else 3) * LINE["note"] + 10


AXIS_NAME_PX = 96  # room for the row names of the interactive small multiples
RANK_WORDS = {"1": "first-rank ref.", "2": "weaker ref.", "3": "weaker ref."}


def axis_names(rows: pd.DataFrame) -> list[str]:
    """Short row names for the interactive small multiples (the hover gives the whole reference): the source,
    or the reference's rank, numbered when it repeats."""
    seen: dict[str, int] = {}
    out = []
    for r in rows.to_dict("records"):
        name = r["publisher"] if r["kind"] == "source" else RANK_WORDS.get(str(r["rank"]), "reference")
        seen[name] = seen.get(name, 0) + 1
        label = name if seen[name] == 1 else f"{name} {seen[name]}"
        out.append("<br>".join(textwrap.wrap(html.escape(label, quote=False), 14)))
    return out


def inside_ticks(ax, margin: float = 0.07) -> None:
    """Only ticks whose labels fit: none outside the axis, none so near its right end that the label runs off."""
    lo, hi = ax.get_xlim()
    ax.set_xticks([t for t in ax.get_xticks() if lo <= t <= hi - margin * (hi - lo)])
    ax.set_xlim(lo, hi)
    edge_labels_inward(ax)


def mdate(ts) -> float:
    import matplotlib.dates as mdates

    return mdates.date2num(pd.Timestamp(ts).to_pydatetime())


# ------------------------------------------------------------------ 4. figures beside the references
def against_references(table: pd.DataFrame, name: str, page: str, title: str, subtitle: str, caption: str) -> Chart:
    """Small multiples, one panel per subject on its own scale: the sources' figures, then the references'."""
    data = table.copy()
    panels = list(dict.fromkeys(data["panel"]))

    def rows_of(p):
        sub = data[data["panel"] == p]
        refs = sub[sub["kind"] == "reference"].sort_values(["rank", "value"], kind="stable")
        return pd.concat([sub[sub["kind"] == "source"], refs]).reset_index(drop=True)

    def label_lines(r, width) -> list[str]:
        if r["kind"] == "source":
            return textwrap.wrap(f"{r['who']}: {r['stated']}", width.label_chars * 2 + 8)
        return textwrap.wrap(f"{r['who']} ({r['reliability']}): {r['stated']}", int(width.label_chars * 2.3) + 8)

    def panel_title(p, width) -> list[str]:
        unit = rows_of(p)["unit"].iloc[0]
        words = "" if unit == "share" else w.UNIT_WORDS.get(unit, unit)
        return textwrap.wrap(f"{p} ({words})" if words else p, width.title_chars + 8)

    AXIS = 28

    def layout(width):
        panels_px, y = [], 0.0
        for p in panels:
            head = len(panel_title(p, width)) * LINE["label"] + 6
            rows = [(len(label_lines(r, width)), r) for _, r in rows_of(p).iterrows()]
            body = sum(n * (LINE["label"] if r["kind"] == "source" else LINE["note"]) + MARK_ROW + GAP for n, r in rows)
            panels_px.append((p, y, head, body))
            y += head + body + AXIS + 18
        return panels_px, y

    statuses = [k for k in STATUS_ORDER if k in set(data["status"])]

    def legend_h(width) -> float:
        per_row = 3 if width.name == "wide" else 2
        return -(-(len(statuses) + 2) // per_row) * LINE["note"] + 14

    def static(fig, d, mode, width, box):
        panels_px, _ = layout(width)
        legend_h_ = legend_h(width)
        for p, top, head, body in panels_px:
            for k, line in enumerate(panel_title(p, width)):
                fig.text(
                    box.left / box.fig_width,
                    (box.bottom + box.height - legend_h_ - top - (k + 1) * LINE["label"]) / box.fig_height,
                    line,
                    fontsize=style.points(style.TYPE["label"]),
                    fontweight="bold",
                    color=mode.text,
                    va="bottom",
                )
            ax = box.band(fig, legend_h_ + top + head, body)
            ax.set_ylim(body, 0)
            sub = rows_of(p)
            share = sub["unit"].iloc[0] == "share"
            lo_, hi_ = np.nanmin(sub["low"]), np.nanmax(sub["high"])
            pad = max((hi_ - lo_) * 0.08, abs(hi_) * 0.1, 1)
            ax.set_xlim((0, 1.06) if share else (max(0, lo_ - pad), hi_ + pad))  # room for the "100%" label
            y = 0.0
            for _, r in sub.iterrows():
                lines = label_lines(r, width)
                size = "label" if r["kind"] == "source" else "note"
                for k, line in enumerate(lines):
                    ax.text(
                        0,
                        y + (k + 1) * LINE[size],
                        line,
                        transform=ax.get_yaxis_transform(),
                        va="bottom",
                        fontsize=style.points(style.TYPE[size]),
                        color=mode.text if r["kind"] == "source" else mode.muted,
                        fontweight="bold" if r["kind"] == "source" else "normal",
                    )
                y += len(lines) * LINE[size]
                yy = y + MARK_ROW / 2
                first_rank = r["kind"] == "reference" and str(r["rank"]) == "1"
                colour = mode.colour(r["status"]) if r["kind"] == "source" else mode.colour("reference") if first_rank else mode.muted
                if r["high"] > r["low"]:
                    ax.plot([r["low"], r["high"]], [yy, yy], color=colour, lw=4, alpha=0.6, solid_capstyle="butt")
                x = r["value"] if not np.isnan(r["value"]) else (r["low"] + r["high"]) / 2
                ax.plot(
                    x,
                    yy,
                    "o" if r["kind"] == "source" else "s",
                    color=colour,
                    ms=8 if r["kind"] == "source" else 7,
                    mfc=colour if (r["kind"] == "source" or first_rank) else mode.background,
                    mew=1.5,
                    zorder=3,
                )
                y += MARK_ROW + GAP
            ax.set_yticks([])
            for side in ("left", "right", "top"):
                ax.spines[side].set_visible(False)
            if share:
                ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
                ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0%}"))
                edge_labels_inward(ax)
            else:
                ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if width.name == "narrow" else 6, integer=True))
                ax.xaxis.set_major_formatter(FuncFormatter(thousands))
                inside_ticks(ax)
        handles = [Line2D([], [], marker="o", ls="", color=mode.colour(k), ms=8, label=style.STATUS_WORDS[k]) for k in statuses]
        handles += [
            Line2D([], [], marker="s", ls="", color=mode.colour("reference"), ms=7, label="first-rank reference"),
            Line2D([], [], marker="s", ls="", color=mode.muted, mfc=mode.background, ms=7, label="weaker reference"),
        ]
        fig.legend(
            handles=handles,
            ncol=3 if width.name == "wide" else 2,
            frameon=False,
            loc="upper left",
            bbox_to_anchor=(box.left / box.fig_width, (box.bottom + box.height + 4) / box.fig_height),
            fontsize=style.points(style.TYPE["note"]),
            handlelength=0.8,
            handletextpad=0.4,
            columnspacing=1.0,
            borderaxespad=0,
        )

    def interactive(d, mode):
        from plotly.subplots import make_subplots

        fig = make_subplots(
            rows=len(panels),
            cols=1,
            subplot_titles=[hover(p, 44) for p in panels],
            vertical_spacing=min(0.08, 0.3 / max(len(panels), 1)),
            row_heights=[len(rows_of(p)) + 1.5 for p in panels],
        )
        fig.update_layout(style.plotly_layout(mode))
        shown = set()
        for i, p in enumerate(panels, start=1):
            sub = rows_of(p)
            names = axis_names(sub)
            # One trace per status of the sources' figures, and one per rank of reference, so that the legend names each colour.
            keys = [("status", k) for k in STATUS_ORDER] + [("rank", "first"), ("rank", "weaker")]
            for by, key in keys:
                if by == "status":
                    mask = (sub["kind"] == "source") & (sub["status"] == key)
                else:
                    mask = (sub["kind"] == "reference") & ((sub["rank"].astype(str) == "1") == (key == "first"))
                s = sub[mask]
                if s.empty:
                    continue
                x = s["value"].fillna((s["low"] + s["high"]) / 2)
                colour = mode.colour(key) if by == "status" else mode.colour("reference") if key == "first" else mode.muted
                legend = style.STATUS_WORDS[key] if by == "status" else {"first": "first-rank reference", "weaker": "weaker reference"}[key]
                text = [
                    f"<b>{hover(r['who'], 50)}</b><br>{hover(r['stated'])}"
                    + (f" ({hover(r['reliability'])})" if r["reliability"] else "")
                    + f"<br><br>{hover(r['quote'])}"
                    + (f"<br><i>{hover(r['quote_en'])}</i>" if r["quote_en"] and r["quote_en"] != r["quote"] else "")
                    for _, r in s.iterrows()
                ]
                fig.add_scatter(
                    x=x,
                    y=[names[j] for j in s.index],
                    mode="markers",
                    row=i,
                    col=1,
                    name=legend,
                    legendgroup=key,
                    showlegend=key not in shown,
                    marker=dict(color=colour, size=11 if by == "status" else 9, symbol="circle" if by == "status" else "square"),
                    error_x=dict(type="data", symmetric=False, array=s["high"] - x, arrayminus=x - s["low"], thickness=2, width=0, color=colour),
                    text=text,
                    hovertemplate="%{text}<extra></extra>",
                )
                shown.add(key)
            fig.update_yaxes(
                categoryorder="array",
                categoryarray=names[::-1],
                row=i,
                col=1,
                automargin=False,  # a fixed margin: automatic margins on many axes make plotly lay out again and again
                tickfont=dict(size=style.TYPE["note"], color=mode.text),
                showline=False,
                ticks="",
            )
            fig.update_xaxes(
                tickformat=",",
                nticks=5,
                row=i,
                col=1,
                automargin=False,
                showline=True,
                linecolor=mode.axis,
                gridcolor=mode.grid,
                tickfont=dict(size=style.TYPE["tick"], color=mode.text),
            )
        # Panel titles start at the left edge of the figure, over the row names, and wrap rather than run off.
        fig.update_annotations(font=dict(size=style.TYPE["label"], color=mode.text), xanchor="left", x=0, xshift=-AXIS_NAME_PX, align="left")
        fig.update_layout(
            height=260 + 38 * len(d) + 56 * len(panels),
            margin=dict(l=AXIS_NAME_PX, r=16, t=56, b=190),  # the key below the panels: on a phone it takes five lines
            legend=dict(y=0, yanchor="bottom", x=0, xanchor="left", xref="container", yref="container"),
        )
        return fig

    n_src = int((data["kind"] == "source").sum())
    alt = (
        f"{len(panels)} panels, one per subject, each on its own scale, setting {n_src} figures given by the sources beside "
        f"{int((data['kind'] == 'reference').sum())} figures from reference works: "
        + "; ".join(f"{r.panel}: {r.who} says {r.stated} ({style.STATUS_WORDS[r.status]})" for r in data[data["kind"] == "source"].itertuples())
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
        static=static,
        interactive=interactive,
        height=lambda width: layout(width)[1] + legend_h(width),
    )


# ------------------------------------------------------------------ 5. each source's claims, by outcome
def outcomes(book: chapters.Book, title: str) -> Chart:
    """For each source, its claims by what the comparison found."""
    data = chapters.per_source_status(book)
    order = list(data["source"])
    long = data.melt(id_vars="source", var_name="status", value_name="claims")

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        pivot = d.pivot(index="source", columns="status", values="claims").reindex(index=order, columns=STATUS_ORDER)
        ys = np.arange(len(order))[::-1] * 1.0
        left = np.zeros(len(order))
        for status in STATUS_ORDER:
            vals = pivot[status].to_numpy()
            ax.barh(ys, vals, left=left, height=0.42, color=mode.colour(status), edgecolor=mode.background, lw=0.8)
            for y, v, start in zip(ys, vals, left):
                if v >= 3:
                    ax.text(
                        start + v / 2,
                        y,
                        str(v),
                        ha="center",
                        va="center",
                        color="#ffffff" if status != "other scope" else "#1f1f1f",
                        fontsize=style.points(style.TYPE["note"]),
                        fontweight="bold",
                    )
            left += vals
        for y, src in zip(ys, order):
            ax.text(0, y + 0.3, src, fontsize=style.points(style.TYPE["label"]), va="bottom", color=mode.text)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.5, len(order) - 0.1)
        ax.set_xlabel("Claims")
        handles = [Line2D([], [], color=mode.colour(s), lw=8, label=style.STATUS_WORDS[s]) for s in STATUS_ORDER]
        ax.legend(handles=handles, ncol=2 if width.name == "wide" else 1, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), handlelength=1.2)

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for status in STATUS_ORDER:
            sub = d[d["status"] == status]
            fig.add_bar(
                y=sub["source"],
                x=sub["claims"],
                orientation="h",
                name=style.STATUS_WORDS[status],
                marker_color=mode.colour(status),
                hovertemplate="%{y}: %{x} claims " + style.STATUS_WORDS[status] + "<extra></extra>",
            )
        fig.update_layout(barmode="stack", height=380, xaxis_title="Claims", yaxis=dict(categoryorder="array", categoryarray=order[::-1]))
        return fig

    counts = {r["source"]: r for r in data.to_dict("records")}
    alt = (
        "Stacked bars, one per source, of its claims by outcome: "
        + "; ".join(
            f"{s}: {counts[s]['agrees']} agree, {counts[s]['conflicts']} in error, {counts[s]['other scope']} other place or period, "
            f"{counts[s]['unverifiable']} cannot be checked"
            for s in order
        )
        + "."
    )
    return Chart(
        name="fig-outcomes",
        page="notebooks/05-findings",
        title=title,
        subtitle="Each source's claims by what the comparison with the first-rank references found (default conventions)",
        caption="Claims of each source by outcome: agrees with a first-rank reference, in error (in a finding), "
        "counted for another place or period than the references', or not checkable against a first-rank reference.",
        alt=alt,
        sources=DATA_SOURCES + [{"title": "the verdicts", "url": "data/derived/verdicts.csv"}],
        data=long,
        static=static,
        interactive=interactive,
        height=lambda width: 5 * 58 + (130 if width.name == "narrow" else 60),
    )
