"""One figure, drawn twice from one tidy table.

Every chart in the book goes through :func:`publish`: it writes the plotted
data as CSV, a static matplotlib drawing (PNG at print resolution and SVG)
and a metadata file, and returns the interactive plotly figure. The book
shows the static drawing first and swaps in the interactive chart only when
the reader reaches for it (see ``assets/charts.js``), so a chart page stays
light. Palette and typography are defined here once.
"""

from __future__ import annotations

import html
import io
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")  # no screen on CI or Binder build; notebooks still show PNG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402

from . import paths  # noqa: E402

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "pink": "#CC79A7",
    "sky": "#56B4E9",
    "vermillion": "#D55E00",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#767676",  # 4.5:1 on white, for secondary text
}
COLOURWAY = [PALETTE[k] for k in ("blue", "orange", "green", "pink", "sky", "vermillion", "black")]
FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib, so PNG/SVG match everywhere
TEXT_COLOUR = "#222222"
PRINT_DPI = 300
SCREEN_DPI = 100
PUBLICATION = "Paris 1944: what the sources say"


def style_matplotlib() -> None:
    plt.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "font.size": 9,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelcolor": TEXT_COLOUR,
            "axes.edgecolor": "#555555",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.cycler(color=COLOURWAY),
            "xtick.color": TEXT_COLOUR,
            "ytick.color": TEXT_COLOUR,
            "figure.facecolor": "white",
            "savefig.facecolor": "white",
            # Reproducible SVG: fixed clip-path ids, no creation date.
            "svg.hashsalt": "paris1944",
            "svg.fonttype": "path",
        }
    )


def plotly_layout(title: str, source_line: str) -> dict:
    return dict(
        # plotly does not wrap titles; a finding-as-title needs line breaks.
        title=dict(text="<b>" + "<br>".join(html.escape(line) for line in textwrap.wrap(title, 70)) + "</b>",
                   x=0, xanchor="left", font=dict(size=15)),
        font=dict(family=f"{FONT_FAMILY}, Arial, sans-serif", size=13, color=TEXT_COLOUR),
        colorway=COLOURWAY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=40 + 20 * len(textwrap.wrap(title, 70)), b=70),
        annotations=[
            dict(
                text=html.escape(source_line),
                xref="paper", yref="paper", x=0, y=-0.22, xanchor="left", yanchor="top",
                showarrow=False, font=dict(size=11, color=PALETTE["grey"]),
            )
        ],
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
        # No template: it would add ~10 kB of JSON to every chart on the page.
        template="none",
        xaxis=dict(showline=True, linecolor="#555555", ticks="outside", gridcolor="#e5e5e5", automargin=True),
        yaxis=dict(showline=True, linecolor="#555555", ticks="outside", gridcolor="#e5e5e5", automargin=True),
    )


@dataclass
class Chart:
    """What a figure is: its stable name, what it says, and how to draw it."""

    name: str  # stable anchor and file stem, e.g. "fig-source-length"
    title: str  # states the finding
    caption: str  # names the sources
    alt: str  # what the chart shows, for screen readers
    source_line: str
    data: pd.DataFrame
    static: Callable  # (ax, data) -> None
    interactive: Callable  # (data) -> go.Figure
    size: tuple[float, float] = (7.0, 3.6)  # inches
    extra: dict = field(default_factory=dict)


def _save_static(chart: Chart, out: Path) -> None:
    style_matplotlib()
    fig, ax = plt.subplots(figsize=chart.size, layout="constrained")
    chart.static(ax, chart.data)
    # Titles state a finding, so they run long: wrap rather than clip.
    fig.suptitle(textwrap.fill(chart.title, 80), x=0.01, ha="left", fontsize=11, fontweight="bold")
    fig.get_layout_engine().set(h_pad=0.08)
    fig.supxlabel(textwrap.fill(chart.source_line, 125), x=0.01, ha="left", fontsize=7.5, color=PALETTE["grey"])
    fig.savefig(out / f"{chart.name}.png", dpi=PRINT_DPI, metadata={"Software": None})
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    (out / f"{chart.name}.svg").write_text(stable_svg_ids(svg.getvalue()), encoding="utf-8")
    plt.close(fig)


def stable_svg_ids(svg: str) -> str:
    """Number clip-path ids by first appearance. matplotlib hashes the float bounds
    of each clip rectangle, whose last bits can change between runs."""
    ids: dict[str, str] = {}

    def rename(m):
        return ids.setdefault(m.group(0), f"clip{len(ids)}")

    return re.sub(r"\bp[0-9a-f]{10}\b", rename, svg)


def publish(chart: Chart, out_dir: Path | None = None) -> go.Figure:
    """Write the figure's files and return its interactive version."""
    out = Path(out_dir or paths.FIGURES)
    out.mkdir(parents=True, exist_ok=True)
    chart.data.to_csv(out / f"{chart.name}.csv", index=False, lineterminator="\n")
    _save_static(chart, out)
    meta = {
        "name": chart.name,
        "title": chart.title,
        "caption": chart.caption,
        "alt": chart.alt,
        "source_line": chart.source_line,
        "width": round(chart.size[0] * SCREEN_DPI),
        "height": round(chart.size[1] * SCREEN_DPI),
        **chart.extra,
    }
    (out / f"{chart.name}.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    fig = chart.interactive(chart.data)
    fig.update_layout(**plotly_layout(chart.title, chart.source_line))
    fig.update_layout(meta={"paris1944": meta})
    return fig


def chart_html(fig_dict: dict) -> str:
    """The book's HTML for a chart: static image first, interactive spec alongside."""
    meta = fig_dict.get("layout", {}).get("meta", {}).get("paris1944")
    if meta is None:
        raise ValueError("figure was not made by paris1944.figures.publish()")
    spec = {"data": fig_dict.get("data", []), "layout": fig_dict.get("layout", {})}
    # "<" escaped so that no text inside the JSON can close the <script> element.
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True, default=str).replace("<", "\\u003c")
    name = html.escape(meta["name"])
    return (
        f'<div class="p44-chart" data-chart="{name}">'
        f'<img class="p44-chart-static" src="../figures/{name}.svg" '
        f'alt="{html.escape(meta["alt"])}" width="{meta["width"]}" height="{meta["height"]}">'
        f'<button type="button" class="p44-chart-open">Explore the interactive chart</button>'
        f'<script type="application/json" class="p44-chart-spec">{spec_json}</script>'
        "</div>"
    )


# Notebooks keep plotly's own mimetype: JupyterLab and Binder draw it, nbval
# compares it, and the book turns it into chart_html() at build time
# (paris1944.mystnb_plotly). No random div ids, no CDN, no inlined plotly.js.
pio.renderers.default = "plotly_mimetype"
