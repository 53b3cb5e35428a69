"""The time line: each event a row, each source's date for it a mark in the source's colour, the record below."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go
from matplotlib.lines import Line2D

from ... import vocabulary as v
from .. import style
from .. import words as w
from ..book import Book, Results
from ..figures import Chart
from . import DATA_SOURCES, GAP, LINE, edge_labels_inward, hover, legend_rows, touch_friendly

WINDOW = (dt.date(1944, 6, 1), dt.date(1944, 9, 3))
LANE = 12  # pixels between two sources' marks within an event
AXIS_EVERY = 8  # the date scale is repeated after this many events, so a tall phone drawing keeps its dates
MARKS = [  # (marker, what it means) for the key: every mark the drawing uses is explained
    ("o", "a source's date"),
    ("bar", "a span a hedged date admits"),
    ("arrow", "'by' or 'after' a date: open on one side"),
    ("D", "the date a first-rank work gives"),
]


def events(book: Book, results: Results) -> pd.DataFrame:
    """One row per dated statement within June to early September 1944: the sources' claims and the first-rank
    works' dates, for every event a first-rank work dates or two sources date, in the order the record dates them."""
    claims = results.claims[results.claims["category"].map(book.vocabulary.measure) == v.DAYS]
    win = results.windows.set_index("id")
    outcome = results.outcome()
    rows = [_claim_row(book, c, win.loc[c["claim_id"]], outcome[c["claim_id"]]) for c in claims.to_dict("records") if c["claim_id"] in win.index]
    refs = book.references[(book.references["category"].map(book.vocabulary.measure) == v.DAYS) & book.references["rank"].map(book.decides)]
    for r in refs[refs["subject"].isin(claims["subject"])].to_dict("records"):
        window = results.window(r["ref_id"])
        if window is not None:
            rows.append(_reference_row(book, r, window))
    t = pd.DataFrame(
        rows,
        columns=["event", "subject", "kind", "id", "source_id", "who", "earliest", "latest", "stated", "outcome", "quote", "quote_en", "translation"],
    )
    early = pd.to_datetime(t["earliest"].replace("", None))
    late = pd.to_datetime(t["latest"].replace("", None))
    lo, hi = WINDOW
    t = t[(late.isna() | (late.dt.date >= lo)) & (early.isna() | (early.dt.date <= hi))].copy()
    compared = t.groupby("subject")[["kind", "source_id"]].apply(lambda g: (g["kind"] == "reference").any() or g["source_id"].nunique() >= 2)
    t = t[t["subject"].map(compared)]
    key = {s: _when(g) for s, g in t.groupby("subject")}
    t["order"] = t["subject"].map(key)
    lane = dict(zip(book.registry["source_id"], book.registry["lane"].astype(int)))
    t["lane"] = t["source_id"].map(lane).fillna(len(lane) + 1)
    return t.sort_values(["order", "subject", "kind", "lane", "id"], kind="stable").drop(columns=["order"]).reset_index(drop=True)


def _when(g: pd.DataFrame):
    """An event's place in the order: the record's date where there is one, else the earliest a source gives."""
    refd = pd.to_datetime(g.loc[g["kind"] == "reference", "latest"].replace("", None)).min()
    return refd if pd.notna(refd) else pd.to_datetime(g["latest"].replace("", None)).min()


def _claim_row(book: Book, c: dict, window, outcome: str) -> dict:
    return {
        "event": book.topic[c["subject"]], "subject": c["subject"], "kind": "claim", "id": c["claim_id"], "source_id": c["source_id"],
        "who": w.sentence(book.label[c["source_id"]]), "earliest": window["low"], "latest": window["high"],
        "stated": w.say_days(window["low"], window["high"]), "outcome": outcome,
        "quote": c["quote"], "quote_en": c["quote_en"], "translation": c["translation"],
    }


def _reference_row(book: Book, r: dict, window: dict) -> dict:
    ref = book.reference_work(r["ref_id"])
    return {
        "event": book.topic[r["subject"]], "subject": r["subject"], "kind": "reference", "id": r["ref_id"], "source_id": "",
        "who": ref["cite"], "earliest": window["low"], "latest": window["high"], "stated": w.say_days(window["low"], window["high"]),
        "outcome": "reference", "quote": r["excerpt"], "quote_en": "", "translation": "original",
    }


FLAGGED = (v.IN_ERROR, v.UNDER_REVIEW)  # ringed: solid for a published finding, dashed for one under review


def note(book: Book, results: Results, data: pd.DataFrame | None = None) -> str:
    """How many dates in a finding (published or under review) the time line rings, naming any it cannot show."""
    data = events(book, results) if data is None else data
    shown = set(data.loc[(data["kind"] == "claim") & data["outcome"].isin(FLAGGED), "id"])
    claims = results.claims[results.claims["category"].map(book.vocabulary.measure) == v.DAYS]
    every = set(claims["claim_id"]) & set(results.verdicts.loc[results.verdicts["outcome"].isin(FLAGGED), "claim_id"])
    off = sorted(every - shown)
    if not off:
        return f"{w.are(len(shown), 'date')} in a finding, and ringed"
    topics = w.join_words(f"‘{book.topic[book.evidence.statements[c].subject]}’" for c in off)
    return (
        f"{len(shown)} of the {len(every)} dates in a finding are ringed; the other {w.number_word(len(off))} "
        f"({topics}) {'is' if len(off) == 1 else 'are'} off the chart, because {'it lies' if len(off) == 1 else 'they lie'} outside these months"
    )


# ------------------------------------------------------------------ the static drawing
def _wrap(text: str, width) -> list[str]:
    return textwrap.wrap(text, width.label_chars * (2 if width.name == "wide" else 1) + 12)


def _layout(data: pd.DataFrame, width) -> tuple[dict, float]:
    """Pixel top of each event row (and of each repeated date scale) and the total height."""
    tops, y = {}, 0.0
    for k, (event, g) in enumerate(data.groupby("event", sort=False)):
        if k and k % AXIS_EVERY == 0:
            tops[("axis", k)] = y
            y += LINE["note"] + 10
        tops[event] = y
        y += len(_wrap(event, width)) * LINE["label"] + 8 + len(g) * LANE + GAP + 6
    return tops, y


def _mdate(iso: str) -> float:
    import matplotlib.dates as mdates

    return mdates.date2num(pd.Timestamp(iso).to_pydatetime())


def _draw_mark(ax, r, y: float, colour: str, mode, lo_n: float, hi_n: float) -> None:
    s = _mdate(r["earliest"]) if r["earliest"] else None
    f = _mdate(r["latest"]) if r["latest"] else None
    reference = r["kind"] == "reference"
    s_c, f_c = max(s, lo_n) if s is not None else lo_n, min(f, hi_n) if f is not None else hi_n
    if s is None or f is None:  # 'by' or 'after': an arrow from the known end into the open side
        end = f_c if s is None else s_c
        ax.annotate("", (end - 8 if s is None else end + 8, y), xytext=(end, y), arrowprops=dict(arrowstyle="-|>", color=colour, lw=2))
        ax.plot(end, y, "D" if reference else "o", color=colour, ms=6 if reference else 7, mec=mode.background, mew=0.8, zorder=4)
        at = end
    elif f_c > s_c:
        ax.plot([s_c, f_c], [y, y], color=colour, lw=2 if reference else 6, alpha=1 if reference else 0.6, solid_capstyle="butt", zorder=2)
        if reference:
            ax.plot([s_c, f_c], [y, y], "|", color=colour, ms=8, zorder=4)
        at = (s_c + f_c) / 2
    else:
        ax.plot(s_c, y, "D" if reference else "o", color=colour, ms=6 if reference else 8, mec=mode.background, mew=0.8, zorder=4 if reference else 3)
        at = s_c
    if r["outcome"] in (v.IN_ERROR, v.UNDER_REVIEW):
        ax.plot(at, y, "o", ms=15, mfc="none", mec=mode.colour(r["outcome"]), mew=2, ls="", zorder=5,
                **({"dashes": (2, 1.5)} if r["outcome"] == v.UNDER_REVIEW else {}))


def _key(fig, book: Book, data: pd.DataFrame, mode, width, box) -> None:
    colours = book.colours(mode.name)
    present = [s for s in book.registry["source_id"] if s in set(data["source_id"])]
    handles = [Line2D([], [], marker="o", ls="", color=colours[s], ms=8, label=w.sentence(book.label[s])) for s in present]
    c = mode.colour("reference")
    handles += [
        Line2D([], [], color=c, lw=6, alpha=0.6, label=MARKS[1][1]),
        Line2D([], [], marker=">", ls="-", color=c, lw=2, ms=6, label=MARKS[2][1]),
        Line2D([], [], marker="D", ls="", color=c, ms=6, label=MARKS[3][1]),
        Line2D([], [], marker="o", ls="", ms=12, mfc="none", mec=mode.colour(v.IN_ERROR), mew=2, label=book.vocabulary.words(v.IN_ERROR)),
        Line2D([], [], marker="o", ls="", ms=12, mfc="none", mec=mode.colour(v.UNDER_REVIEW), mew=2, label=book.vocabulary.words(v.UNDER_REVIEW)),
    ]
    fig.legend(handles=handles, ncol=2 if width.name == "wide" else 1, frameon=False, loc="upper left",
               bbox_to_anchor=(box.left / box.fig_width, (box.bottom + box.height) / box.fig_height),
               handlelength=1.4, handletextpad=0.5, columnspacing=1.2, borderaxespad=0, fontsize=style.points(style.TYPE["note"]))


def _key_height(book: Book, data: pd.DataFrame, width) -> float:
    n = data["source_id"].replace("", pd.NA).dropna().nunique() + 5
    return legend_rows(n, 2 if width.name == "wide" else 1) * LINE["note"] * 1.25 + 12


def _static(book: Book):
    def static(fig, d, mode, width, box):
        import matplotlib.dates as mdates

        colours = book.colours(mode.name)
        tops, total = _layout(d, width)
        key_h = _key_height(book, d, width) + 26  # the key, then the top date scale
        ax = box.band(fig, key_h, box.height - key_h - 30)
        ax.set_ylim(total, 0)
        lo_n, hi_n = _mdate(WINDOW[0].isoformat()), _mdate(WINDOW[1].isoformat())
        ax.set_xlim(lo_n, hi_n)
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonthday=15))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        edge_labels_inward(ax)
        for key, top in tops.items():
            if isinstance(key, tuple):  # a repeated date scale
                for t in ax.get_xticks():
                    ax.text(t, top + LINE["note"], mdates.num2date(t).strftime("%-d %b"), ha="center", va="bottom",
                            fontsize=style.points(style.TYPE["note"]), color=mode.muted)
                continue
            lines = _wrap(key, width)
            for k, line in enumerate(lines):
                ax.text(0, top + (k + 1) * LINE["label"], line, transform=ax.get_yaxis_transform(), va="bottom",
                        fontsize=style.points(style.TYPE["label"]), color=mode.text)
            y = top + len(lines) * LINE["label"] + 8 + LANE / 2
            for _, r in d[d["event"] == key].iterrows():
                colour = mode.colour("reference") if r["kind"] == "reference" else colours[r["source_id"]]
                _draw_mark(ax, r, y, colour, mode, lo_n, hi_n)
                y += LANE
        ax.set_yticks([])
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="x", lw=0.6)
        ax.tick_params(axis="x", labeltop=True, top=True)
        _key(fig, book, d, mode, width, box)

    return static


# ------------------------------------------------------------------ the interactive chart
def _interactive(book: Book, title: str):
    def interactive(d, mode):
        colours = book.colours(mode.name)
        fig = go.Figure(layout=style.plotly_layout(mode))
        names = list(dict.fromkeys(d["event"]))
        # every AXIS_EVERY events, room for the date scale again (as in the drawing)
        row = {e: i + 0.6 * (i // AXIS_EVERY) for i, e in enumerate(names)}
        for sid in book.registry["source_id"]:
            sub = d[(d["kind"] == "claim") & (d["source_id"] == sid)]
            if sub.empty:
                continue
            for _, r in sub[(sub["earliest"] != sub["latest"]) & (sub["earliest"] != "") & (sub["latest"] != "")].iterrows():
                fig.add_scatter(x=[r["earliest"], r["latest"]], y=[row[r["event"]]] * 2, mode="lines", showlegend=False, hoverinfo="skip",
                                line=dict(color=colours[sid], width=7), opacity=0.55)
            fig.add_scatter(
                x=[_mark_date(r) for _, r in sub.iterrows()],
                y=[row[e] for e in sub["event"]],
                mode="markers",
                name=w.sentence(book.label[sid]),
                text=[_hover(r, book.vocabulary) for _, r in sub.iterrows()],
                hovertemplate="%{text}<extra></extra>",
                marker=dict(
                    color=colours[sid],
                    size=11,
                    line=dict(
                        color=[mode.colour(s) if s in (v.IN_ERROR, v.UNDER_REVIEW) else mode.background for s in sub["outcome"]],
                        width=[3 if s in (v.IN_ERROR, v.UNDER_REVIEW) else 1 for s in sub["outcome"]],
                    ),
                ),
            )
        refs = d[d["kind"] == "reference"]
        fig.add_scatter(
            x=[_mark_date(r) for _, r in refs.iterrows()],
            y=[row[e] for e in refs["event"]],
            mode="markers",
            name=MARKS[3][1],
            marker=dict(symbol="diamond", color=mode.colour("reference"), size=10),
            text=[_hover(r, book.vocabulary) for _, r in refs.iterrows()],
            hovertemplate="%{text}<extra></extra>",
        )
        fig.add_scatter(
            x=[WINDOW[0]] * len(names),
            y=[row[e] - 0.78 for e in names],
            text=[hover(e, 44) for e in names],
            mode="text",
            textposition="bottom right",
            textfont=dict(size=style.TYPE["note"], color=mode.text),
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
        months = list(pd.date_range(WINDOW[0], WINDOW[1], freq="MS"))
        for i in range(AXIS_EVERY, len(names), AXIS_EVERY):
            fig.add_scatter(
                x=months,
                y=[row[names[i]] - 1.25] * len(months),
                text=[f"{m.day} {m:%b}" for m in months],
                mode="text",
                textposition="middle center",
                textfont=dict(size=style.TYPE["note"], color=mode.muted),
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
            )
        last = row[names[-1]]
        fig.update_layout(
            xaxis=dict(range=list(WINDOW), tickformat="%-d %b", side="top"),
            yaxis=dict(range=[last + 0.7, -0.9], showticklabels=False, showline=False, ticks="", showgrid=False),
        )
        return touch_friendly(fig, title, 60 * (last + 1.6), top_axis=True, bottom=12)

    return interactive


def _mark_date(r) -> str:
    return r["earliest"] if r["earliest"] == r["latest"] or not r["latest"] else r["latest"] if not r["earliest"] else r["earliest"]


def _hover(r, vocabulary) -> str:
    status = f" <b>({vocabulary.words(r['outcome'])})</b>" if r["outcome"] in (v.IN_ERROR, v.UNDER_REVIEW) else ""
    text = f"<b>{hover(r['event'], 50)}</b><br>{hover(r['who'], 50)}: {hover(r['stated'])}{status}<br><br>{hover(r['quote'])}"
    if r["translation"] != "original":
        text += f"<br><i>{hover(r['quote_en'])}</i><br>(our working translation)"
    return text


def timeline(book: Book, results: Results, title: str) -> Chart:
    """Every dated event a first-rank work or two sources date, one row each."""
    data = events(book, results)
    n_events = data["event"].nunique()
    claims = data[data["kind"] == "claim"]
    ringed = note(book, results, data)
    return Chart(
        name="fig-timeline",
        page="notebooks/02-chronology",
        title=title,
        subtitle=f"{w.sentence(w.count(n_events, 'event'))}: the date each source gives (a bar is the span a hedged date admits) "
        "and the date a first-rank work gives",
        caption=f"What each source dates, event by event, 1 June to 3 September 1944, beside the date a first-rank work gives. {w.sentence(ringed)}.",
        alt=f"Dot plot of {w.count(n_events, 'event')} from June to early September 1944, one row each, showing the date each source gives "
        f"({w.count(len(claims), 'dated claim')}) beside the first-rank work's date; {ringed}. Every dated claim is in the table below the chart.",
        sources=DATA_SOURCES,
        data=data,
        static=_static(book),
        height=lambda width: _layout(data, width)[1] + _key_height(book, data, width) + 26 + 30,
        interactive=_interactive(book, title),
    )
