"""The book's charts. Each function turns a tidy table into a Chart
(see figures.publish), so the web and print versions share one table."""

from __future__ import annotations

import plotly.graph_objects as go
from matplotlib.patches import Patch
from matplotlib.ticker import StrMethodFormatter

from .figures import PALETTE, Chart

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

