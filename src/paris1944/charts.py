"""The book's charts. Each function turns a tidy table into a Chart
(see figures.publish), so the web and print versions share one table."""

from __future__ import annotations

import html as _html
import textwrap as _tw

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, StrMethodFormatter
from plotly.subplots import make_subplots

from .compare import UNIT_WORDS, the
from .figures import PALETTE, PUBLICATION, Chart

LANGUAGE_COLOURS = {"English": PALETTE["blue"], "Russian": PALETTE["orange"], "Arabic": PALETTE["green"]}
SOURCES_LINE = "Source: the five source texts (data/sources.csv). Chart: Paris 1944: what the sources say, CC BY 4.0"


def source_lengths(profile) -> Chart:
    data = profile[["source_id", "label", "language_name", "characters", "words"]].sort_values(
        "characters", ascending=True, kind="stable"
    )
    longest = data.iloc[-1]
    shortest = data.iloc[0]
    title = (
        f"The {longest.label.lower()} is the longest source, "
        f"{longest.characters / shortest.characters:.1f} times as long as the shortest"
    )

    def static(ax, d):
        colours = [LANGUAGE_COLOURS[x] for x in d["language_name"]]
        ax.barh(d["label"], d["characters"], color=colours)
        for y, v in enumerate(d["characters"]):
            ax.text(v, y, f" {v:,}", va="center", fontsize=8)
        ax.set_xlabel("Length of the text (characters)")
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        handles = [
Patch(color=c, label=lang) for lang, c in LANGUAGE_COLOURS.items()
        ]
        ax.legend(handles=handles, frameon=False, loc="lower right", title="Language")
        ax.margins(x=0.12)

    def interactive(d):
        fig = go.Figure()
        for lang, colour in LANGUAGE_COLOURS.items():
            sub = d[d["language_name"] == lang]
            fig.add_bar(
                x=sub["characters"], y=sub["label"], orientation="h", name=lang, marker_color=colour,
                customdata=sub[["words", "source_id"]],
                hovertemplate="%{y}<br>%{x:,} characters, %{customdata[0]:,} words"
                "<br>source %{customdata[1]}<extra></extra>",
            )
        fig.update_layout(
            xaxis_title="Length of the text (characters)", yaxis=dict(categoryorder="array", categoryarray=list(d["label"])),
            legend=dict(title="Language"), barmode="overlay", height=380,
        )
        return fig

    return Chart(
        name="fig-source-length",
        title=title,
        caption="Length of each source text, in characters, coloured by language.",
        alt=(
            "Horizontal bar chart of the length of the five source texts in characters: "
            + "; ".join(f"{r.label} ({r.language_name}) {r.characters:,}" for r in data.iloc[::-1].itertuples())
            + "."
        ),
        source_line=SOURCES_LINE,
        data=data,
        static=static,
        interactive=interactive,
    )



STATUS_COLOURS = {"agrees": PALETTE["blue"], "conflicts": PALETTE["vermillion"], "unverifiable": PALETTE["grey"],
                  "silent": "#eeeeee", "reference": PALETTE["black"]}
STATUS_WORDS = {"agrees": "agrees with the references", "conflicts": "conflicts", "unverifiable": "no reference to check",
                "silent": "silent", "reference": "reference work"}
CATEGORY_COLOURS = {"date": PALETTE["blue"], "troops": PALETTE["orange"], "casualties": PALETTE["vermillion"],
                    "distance": PALETTE["sky"], "count": PALETTE["yellow"], "participation": PALETTE["green"],
                    "command": PALETTE["pink"]}
LEDGER_LINE = ("Source: the five sources' claims (data/claims.csv) and reference works (data/reference.csv). "
               f"Chart: {PUBLICATION}, CC BY 4.0")


def hover(text: str, width: int = 60) -> str:
    """Source text for a plotly hover label: escaped (it is data, not markup) and wrapped."""
    return "<br>".join(_html.escape(line) for line in _tw.wrap(text, width)) or ""


def coverage(claims, registry) -> Chart:
    """How many claims each source makes, by category."""
    order = list(registry["label"])
    counts = (claims.assign(source=claims["source_id"].map(registry.set_index("source_id")["label"]))
              .groupby(["source", "category"]).size().rename("claims").reset_index())
    data = (counts.pivot(index="source", columns="category", values="claims").reindex(index=order, columns=list(CATEGORY_COLOURS))
            .fillna(0).astype(int).reset_index().melt(id_vars="source", var_name="category", value_name="claims"))
    totals = data.groupby("source")["claims"].sum().reindex(order)
    most, least = totals.idxmax(), totals.idxmin()
    title = f"{the(most, capital=True)} makes the most claims ({totals.max()}), {the(least)} the fewest ({totals.min()})"

    def static(ax, d):
        left = np.zeros(len(order))
        y = np.arange(len(order))[::-1]
        for cat, colour in CATEGORY_COLOURS.items():
            vals = d[d["category"] == cat].set_index("source").reindex(order)["claims"].to_numpy()
            ax.barh(y, vals, left=left, color=colour, label=cat, edgecolor="white", linewidth=0.5)
            left += vals
        ax.set_yticks(y, order)
        ax.set_xlabel("Claims in the ledger")
        ax.legend(ncol=4, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=8)

    def interactive(d):
        fig = go.Figure()
        for cat, colour in CATEGORY_COLOURS.items():
            sub = d[d["category"] == cat]
            fig.add_bar(y=sub["source"], x=sub["claims"], name=cat, orientation="h", marker_color=colour,
                        hovertemplate="%{y}: %{x} " + cat + " claims<extra></extra>")
        fig.update_layout(barmode="stack", xaxis_title="Claims in the ledger", height=400,
                          yaxis=dict(categoryorder="array", categoryarray=order[::-1]), legend=dict(orientation="h", y=-0.25))
        return fig

    alt = "Stacked bar chart of the number of claims per source by category: " + "; ".join(
        f"{s} {int(totals[s])} claims" for s in order) + "."
    return Chart(name="fig-coverage", title=title,
                 caption="Claims in the ledger per source, by category (dates, troops, casualties, distances, other counts, participation, command).",
                 alt=alt, source_line="Source: data/claims.csv. Chart: " + PUBLICATION + ", CC BY 4.0",
                 data=data, static=static, interactive=interactive, size=(7.0, 3.8))


def timeline(data, registry, window=("1944-06-01", "1944-09-03"), title="") -> Chart:
    """Sources as rows, dated claims on a date axis, conflicts and their reference dates marked."""
    order = list(registry["label"])
    lo, hi = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    start = pd.to_datetime(data["earliest"].replace("", None)).fillna(lo)
    stop = pd.to_datetime(data["latest"])
    inside = (stop >= lo) & (start <= hi) & (data["category"] == "date")
    d = data[inside].assign(start=start[inside].clip(lower=lo).dt.date.astype(str),
                            stop=stop[inside].dt.date.astype(str)).reset_index(drop=True)
    ypos = {s: len(order) - 1 - i for i, s in enumerate(order)}

    def placed(t):
        """Drawing positions, computed from the tidy table in the same way for both drawings."""
        t = t.assign(start=pd.to_datetime(t["start"]), stop=pd.to_datetime(t["stop"]), y=t["source"].map(ypos).astype(float))
        # Spans on one row that overlap are drawn a little apart so both stay visible.
        spans = t[(t["stop"] > t["start"]) & (t["qualifier"] != "by")]
        for _, group in spans.groupby("y"):
            for k, (i, r) in enumerate(group.iterrows()):
                if any(r["start"] <= o["stop"] and o["start"] <= r["stop"] for _, o in group.loc[: i - 1].iterrows() if o.name != i):
                    t.loc[i, "y"] = r["y"] + 0.12 * k
        return t.assign(mid=t["start"] + (t["stop"] - t["start"]) / 2)

    def static(ax, t):
        t = placed(t)
        label_rank: dict[int, int] = {}
        for _, r in t.sort_values("mid").iterrows():
            colour = STATUS_COLOURS[r["status"]]
            if r["qualifier"] == "by":
                ax.plot(r["stop"], r["y"], marker="<", color=colour, ms=6, ls="", zorder=3)
            elif r["stop"] > r["start"]:
                ax.plot([r["start"], r["stop"]], [r["y"], r["y"]], color=colour, lw=4, alpha=0.45, solid_capstyle="butt")
            else:
                ax.plot(r["mid"], r["y"], "o", color=colour, ms=5.5, mec="white", mew=0.5, zorder=3)
            if r["reference_date"]:
                ref = pd.Timestamp(r["reference_date"])
                shown = min(ref, hi)
                ax.plot([r["mid"], shown], [r["y"] - 0.25] * 2, color=PALETTE["black"], lw=0.8, ls=":")
                if ref <= hi:
                    ax.plot(ref, r["y"] - 0.25, "D", color=PALETTE["black"], ms=4, zorder=3)
                else:
                    ax.annotate(f"{ref.day} {ref:%B} →", (hi, r["y"] - 0.25), fontsize=6.5, ha="right", va="center",
                                xytext=(0, -7), textcoords="offset points")
                k = label_rank[r["y"]] = label_rank.get(r["y"], -1) + 1
                ax.annotate(_tw.shorten(r["event"], 34, placeholder="…"), (r["mid"], r["y"]), fontsize=6.5,
                            color="#a03c00", ha="center", xytext=(0, 7 + 8 * (k % 2)), textcoords="offset points")
        ax.set_yticks(range(len(order)), order[::-1])
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.7, len(order) - 0.3)
        ax.set_xlabel("Date (1944)")
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=0))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %B"))
        ax.grid(axis="x", color="#e5e5e5", lw=0.6)
        handles = [Line2D([], [], marker="o", ls="", color=STATUS_COLOURS[k], label=STATUS_WORDS[k])
                   for k in ("agrees", "conflicts", "unverifiable")]
        handles += [Line2D([], [], color=PALETTE["grey"], lw=4, alpha=0.45, label="a span of dates"),
                    Line2D([], [], marker="<", ls="", color=PALETTE["grey"], label="'by' a date"),
                    Line2D([], [], marker="D", ls=":", color=PALETTE["black"], label="reference date (where a claim conflicts)")]
        ax.legend(handles=handles, ncol=3, frameon=False, loc="upper center", bbox_to_anchor=(0.45, -0.2), fontsize=7.5)

    def interactive(t):
        t = placed(t)
        fig = go.Figure()
        for status in ("agrees", "conflicts", "unverifiable"):
            sub = t[t["status"] == status]
            for _, r in sub[(sub["stop"] > sub["start"]) & (sub["qualifier"] != "by")].iterrows():
                fig.add_scatter(x=[r["start"], r["stop"]], y=[r["y"], r["y"]], mode="lines", showlegend=False,
                                line=dict(color=STATUS_COLOURS[status], width=6), opacity=0.45, hoverinfo="skip")
            text = [f"<b>{_html.escape(r['event'])}</b><br>{_html.escape(r['source'])}: {_html.escape(r['stated'])}"
                    f"<br><br>{hover(r['quote'])}" + (f"<br><i>{hover(r['quote_en'])}</i><br>(our working translation)"
                                                     if r["translation"] != "original" else "")
                    for _, r in sub.iterrows()]
            x = [r["stop"] if r["qualifier"] == "by" else r["mid"] for _, r in sub.iterrows()]
            fig.add_scatter(x=x, y=sub["y"], mode="markers", name=STATUS_WORDS[status], text=text,
                            hovertemplate="%{text}<extra></extra>",
                            marker=dict(color=STATUS_COLOURS[status], size=10, line=dict(color="white", width=1),
                                        symbol=["triangle-left" if q == "by" else "circle" for q in sub["qualifier"]]))
        refs = t[t["reference_date"] != ""]
        fig.add_scatter(x=pd.to_datetime(refs["reference_date"]), y=refs["y"] - 0.25, mode="markers",
                        name="reference date (where a claim conflicts)", marker=dict(symbol="diamond", color="black", size=8),
                        text=[f"Reference {r['reference_id']}: {_html.escape(r['event'])}" for _, r in refs.iterrows()],
                        hovertemplate="%{text}<br>%{x|%-d %B %Y}<extra></extra>")
        fig.update_layout(height=460, xaxis=dict(range=[lo, hi], title="Date (1944)"),
                          yaxis=dict(tickvals=list(range(len(order))), ticktext=order[::-1], range=[-0.7, len(order) - 0.3]),
                          legend=dict(orientation="h", y=-0.3))
        return fig

    outside = data[(data["category"] == "date") & ~data["claim_id"].isin(d["claim_id"])]
    alt = (f"Timeline from June to early September 1944 with one row per source and a dot for each of {len(d)} dated claims, "
           f"coloured by whether it agrees with the reference works; {int((d['status'] == 'conflicts').sum())} conflicting claims "
           "are joined to the reference date they depart from. Full list in the table below the chart.")
    return Chart(name="fig-timeline", title=title, caption="", alt=alt, source_line=LEDGER_LINE,
                 data=d, static=static, interactive=interactive, size=(7.5, 4.2),
                 extra={"outside_window": list(outside["claim_id"])})


def against_references(data, name, title, caption) -> Chart:
    """Small multiples: one panel per subject with its own axis, sources' figures beside the references'."""
    panels = list(dict.fromkeys(data["panel"]))

    def rows_of(p):
        sub = data[data["panel"] == p]
        return pd.concat([sub[sub["kind"] == "source"], sub[sub["kind"] == "reference"]])

    def short(who, kind, ident):
        return who if kind == "source" else f"{ident} " + _tw.shorten(who, 34, placeholder="…")

    def static(ax, d):
        fig = ax.figure  # one axis per panel replaces the default one
        ax.remove()
        heights = [len(rows_of(p)) + 1.2 for p in panels]
        axes = fig.subplots(len(panels), 1, gridspec_kw=dict(height_ratios=heights))
        axes = np.atleast_1d(axes)
        for pax, p in zip(axes, panels):
            sub = rows_of(p).reset_index(drop=True)
            ys = np.arange(len(sub))[::-1]
            for y, (_, r) in zip(ys, sub.iterrows()):
                colour = STATUS_COLOURS[r["status"]]
                marker = "o" if r["kind"] == "source" else "s"
                if r["high"] > r["low"]:
                    pax.plot([r["low"], r["high"]], [y, y], color=colour, lw=2.5, alpha=0.55, solid_capstyle="butt")
                if pd.isna(r["value"]):  # a range without a point figure: mark its ends, not a middle
                    pax.plot([r["low"], r["high"]], [y, y], "|", color=colour, ms=8, mew=1.5)
                else:
                    pax.plot(r["value"], y, marker, color=colour, ms=5 if r["kind"] == "source" else 4)
            pax.set_yticks(ys, [short(w, k, i) for w, k, i in zip(sub["who"], sub["kind"], sub["id"])], fontsize=7)
            for lab, k in zip(pax.get_yticklabels(), sub["kind"]):
                lab.set_fontweight("bold" if k == "source" else "normal")
            pax.set_title(f"{p} ({UNIT_WORDS.get(sub['unit'].iloc[0], sub['unit'].iloc[0])})", fontsize=8.5, loc="left")
            pax.xaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))  # counts: whole numbers only
            pax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
            pax.tick_params(axis="x", labelsize=7)
            pax.set_ylim(-0.8, len(sub) - 0.2)
            lo_, hi_ = sub["low"].min(), sub["high"].max()
            if hi_ - lo_ < max(1.0, 0.02 * abs(hi_)):  # a single figure: give it room
                pad = max(1.0, 0.25 * abs(hi_))
                pax.set_xlim(lo_ - pad, hi_ + pad)
            else:
                pax.margins(x=0.08)
        axes[-1].set_xlabel("Each panel has its own scale")

    def interactive(d):
        fig = make_subplots(rows=len(panels), cols=1, subplot_titles=panels, vertical_spacing=0.35 / max(len(panels), 1),
                            row_heights=[len(rows_of(p)) + 1.2 for p in panels])
        shown = set()
        for i, p in enumerate(panels, start=1):
            sub = rows_of(p).reset_index(drop=True)
            labels = [short(w, k, i) for w, k, i in zip(sub["who"], sub["kind"], sub["id"])]
            for status in ("agrees", "conflicts", "unverifiable", "reference"):
                s = sub[sub["status"] == status]
                if s.empty:
                    continue
                text = [f"<b>{_html.escape(r['who'])}</b><br>{_html.escape(r['stated'])}<br><br>{hover(r['quote'])}"
                        + (f"<br><i>{hover(r['quote_en'])}</i>" if r["quote_en"] != r["quote"] else "") for _, r in s.iterrows()]
                x = s["value"].fillna((s["low"] + s["high"]) / 2)  # a range without a point figure: hover at its middle
                fig.add_scatter(x=x, y=[labels[j] for j in s.index], mode="markers", row=i, col=1,
                                name=STATUS_WORDS[status], legendgroup=status, showlegend=status not in shown,
                                marker=dict(color=STATUS_COLOURS[status], size=9 if status != "reference" else 7,
                                            symbol=["line-ns-open" if pd.isna(v) else "circle" if status != "reference" else "square"
                                                    for v in s["value"]]),
                                error_x=dict(type="data", symmetric=False, array=s["high"] - x,
                                             arrayminus=x - s["low"], color=STATUS_COLOURS[status], thickness=2, width=0),
                                text=text, hovertemplate="%{text}<extra></extra>")
                shown.add(status)
            fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], row=i, col=1, tickfont=dict(size=10), automargin=True)
            fig.update_xaxes(tickformat=",", row=i, col=1)
        fig.update_layout(height=150 + 28 * len(d), legend=dict(orientation="h", y=-0.08), margin=dict(l=10, r=10, t=80, b=90))
        return fig

    n_src = int((data["kind"] == "source").sum())
    alt = (f"{len(panels)} panels, one per subject, each on its own scale, comparing {n_src} figures given by the sources "
           f"with {int((data['kind'] == 'reference').sum())} figures from reference works: "
           + "; ".join(f"{r.panel}: {r.who} says {r.stated} ({STATUS_WORDS[r.status]})"
                       for r in data[data["kind"] == "source"].itertuples()) + ".")
    height = 1.4 + 0.24 * len(data) + 0.55 * len(panels)
    return Chart(name=name, title=title, caption=caption, alt=alt, source_line=LEDGER_LINE, data=data, static=static,
                 interactive=interactive, size=(7.5, height))


def agreement_matrix(agreement, subjects, registry, title) -> Chart:
    """Sources by subjects: agrees, conflicts, unverifiable or silent."""
    spoken = agreement.groupby("subject")["status"].apply(lambda s: (s != "silent").any())
    subs = subjects[subjects["subject"].isin(spoken[spoken].index)].copy()
    cat_order = {c: i for i, c in enumerate(CATEGORY_COLOURS)}
    subs = subs.assign(_c=subs["category"].map(cat_order)).sort_values(["_c", "description"], kind="stable")
    order_subjects = list(subs["subject"])
    labels = list(registry["label"])
    d = agreement[agreement["subject"].isin(order_subjects)].copy()
    d["description"] = d["subject"].map(subjects.set_index("subject")["description"])
    codes = {"agrees": 0, "conflicts": 1, "unverifiable": 2, "silent": 3}
    colours = [STATUS_COLOURS[k] for k in codes]

    def grid(t):
        return (t.assign(code=t["status"].map(codes)).pivot(index="subject", columns="source", values="code")
                .reindex(index=order_subjects, columns=labels))

    def static(ax, t):
        z = grid(t).to_numpy()
        ax.imshow(z, cmap=ListedColormap(colours), vmin=-0.5, vmax=3.5, aspect="auto", interpolation="nearest")
        desc = subjects.set_index("subject")["description"]
        ax.set_yticks(range(len(order_subjects)), [_tw.shorten(desc[s], 60, placeholder="…") for s in order_subjects], fontsize=6)
        ax.xaxis.tick_top()
        ax.set_xticks(range(len(labels)), labels, rotation=25, ha="left", fontsize=7.5)
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(len(labels) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(order_subjects) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", lw=1)
        for s in ax.spines.values():
            s.set_visible(False)
        ax.legend(handles=[Patch(color=STATUS_COLOURS[k], label=STATUS_WORDS[k]) for k in codes], ncol=4, frameon=False,
                  loc="upper center", bbox_to_anchor=(0.3, -0.01), fontsize=7.5)

    def interactive(t):
        g = grid(t)
        desc = subjects.set_index("subject")["description"]
        text = t.pivot(index="subject", columns="source", values="status").reindex(index=order_subjects, columns=labels)
        claims = t.pivot(index="subject", columns="source", values="claims").reindex(index=order_subjects, columns=labels)
        hovertext = [[f"<b>{_html.escape(desc[s])}</b><br>{_html.escape(src)}: {STATUS_WORDS[text.loc[s, src]]}"
                      + (f"<br>claims {claims.loc[s, src]}" if claims.loc[s, src] else "") for src in labels] for s in order_subjects]
        n = len(codes)
        scale = [[v, colours[i]] for i in range(n) for v in (i / n, (i + 1) / n)]
        fig = go.Figure(go.Heatmap(z=g.to_numpy(), x=labels, y=[desc[s] for s in order_subjects], zmin=-0.5, zmax=3.5,
                                   colorscale=scale, showscale=False, xgap=2, ygap=2, text=hovertext,
                                   hovertemplate="%{text}<extra></extra>"))
        for k in codes:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=STATUS_WORDS[k],
                            marker=dict(symbol="square", size=12, color=STATUS_COLOURS[k]))
        fig.update_layout(height=260 + 17 * len(order_subjects), yaxis=dict(autorange="reversed", tickfont=dict(size=10)),
                          legend=dict(orientation="h", y=-0.04), margin=dict(l=10, r=10, t=60, b=60))
        return fig

    counts = d["status"].value_counts()
    alt = (f"Grid of {len(order_subjects)} subjects by 5 sources. Cells: {counts.get('agrees', 0)} agree with reference works, "
           f"{counts.get('conflicts', 0)} conflict, {counts.get('unverifiable', 0)} cannot be checked, "
           f"{counts.get('silent', 0)} silent. The same grid is available as a table below.")
    return Chart(name="fig-agreement", title=title,
                 caption="What each source says on each subject that at least one source speaks of, checked against the reference works.",
                 alt=alt, source_line=LEDGER_LINE, data=d[["source_id", "source", "subject", "description", "category", "status",
                                                           "claims", "references", "corroborated_by"]],
                 static=static, interactive=interactive, size=(7.5, 1.6 + 0.13 * len(order_subjects)))
