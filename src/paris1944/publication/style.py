"""One figure style for the book: type scale, colours, sizes, light and dark.

Static drawings are made at the width they are shown at, in two widths: wide
for a desktop column (about 690 px) and narrow for a phone (about 350 px), so
that text keeps its size instead of shrinking with the picture. The smallest
text is 12 px in both, and in the interactive charts too.
"""

from __future__ import annotations

from dataclasses import dataclass

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
}
FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib, so PNG and SVG look the same everywhere
WEB_FONT = f"{FONT_FAMILY}, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
DPI = 96  # CSS pixels per inch: a figure drawn at N px shows at N px
PRINT_DPI = 300

# Type scale, in pixels at the width the figure is shown at.
TYPE = {"title": 16, "subtitle": 13, "label": 13, "tick": 12, "annotation": 12, "note": 12}


@dataclass(frozen=True)
class Mode:
    """Colours of one colour mode."""

    name: str
    background: str
    text: str
    muted: str  # secondary text: 4.5:1 against the background
    grid: str
    axis: str
    colours: dict  # meaning -> colour

    def colour(self, key: str) -> str:
        """The colour of a mark, a language or a family; of a claim's outcome, from statuses.csv."""
        if key in self.colours:
            return self.colours[key]
        from .. import vocabulary

        return getattr(vocabulary.read().statuses[key], f"colour_{self.name}")


# The outcomes' colours are data (statuses.csv, colour_light and colour_dark); here, a reference's mark and "no claim".
_MARKS_LIGHT = {"reference": "#222222", "silent": "#e6e6e6"}
_MARKS_DARK = {"reference": "#f2f2f2", "silent": "#3a3f44"}
# The sources' colours are data: sources.csv, and data/vocabulary/palette.csv for a new one (paris1944 add-source).
_LANG = {"English": PALETTE["blue"], "Russian": PALETTE["orange"], "Arabic": PALETTE["green"]}
_LANG_DARK = {"English": "#56B4E9", "Russian": "#F0C040", "Arabic": "#3DD6A3"}
_FAMILY = {"Dates": PALETTE["blue"], "Figures": PALETTE["vermillion"], "Who acted": PALETTE["green"], "Places": PALETTE["pink"]}
_FAMILY_DARK = {"Dates": "#56B4E9", "Figures": "#FF8A3D", "Who acted": "#3DD6A3", "Places": "#E7A3CB"}

LIGHT = Mode("light", "#ffffff", "#1f1f1f", "#5f5f5f", "#e6e6e6", "#5a5a5a", {**_MARKS_LIGHT, **_LANG, **_FAMILY})
DARK = Mode("dark", "#121212", "#ececec", "#b8b8b8", "#3a3a3a", "#a8a8a8", {**_MARKS_DARK, **_LANG_DARK, **_FAMILY_DARK})
MODES = {"light": LIGHT, "dark": DARK}


@dataclass(frozen=True)
class Width:
    """A width a static drawing is made for."""

    name: str
    pixels: int  # drawn at this many pixels wide (shown at about this size)
    title_chars: int  # characters per title line before it wraps
    label_chars: int  # characters per category label line


WIDE = Width("wide", 720, 60, 26)
NARROW = Width("narrow", 360, 30, 20)
WIDTHS = {"wide": WIDE, "narrow": NARROW}

def points(px: float) -> float:
    """matplotlib sizes fonts in points; at 96 dpi a CSS pixel is 0.75 pt."""
    return px * 72 / DPI


def rc(mode: Mode) -> dict:
    """matplotlib settings for one mode, applied with matplotlib.rc_context (never globally)."""
    return {
        "font.family": FONT_FAMILY,
        "font.size": points(TYPE["tick"]),
        "text.color": mode.text,
        "axes.labelcolor": mode.text,
        "axes.edgecolor": mode.axis,
        "axes.facecolor": mode.background,
        "axes.labelsize": points(TYPE["label"]),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": mode.text,
        "ytick.color": mode.text,
        "xtick.labelsize": points(TYPE["tick"]),
        "ytick.labelsize": points(TYPE["tick"]),
        "legend.fontsize": points(TYPE["label"]),
        "figure.facecolor": mode.background,
        "savefig.facecolor": mode.background,
        "grid.color": mode.grid,
        # Reproducible SVG: fixed clip-path ids, no creation date; text as text, in the font embedded
        # by figures.with_embedded_fonts, so it looks the same everywhere.
        "svg.hashsalt": "paris1944",
        "svg.fonttype": "none",
    }


def plotly_layout(mode: Mode) -> dict:
    """The plotly counterpart: same fonts, sizes and colours."""
    axis = dict(
        showline=True,
        linecolor=mode.axis,
        ticks="outside",
        tickcolor=mode.axis,
        gridcolor=mode.grid,
        automargin=True,
        tickfont=dict(size=TYPE["tick"], color=mode.text),
        title=dict(font=dict(size=TYPE["label"], color=mode.text)),
        zeroline=False,
    )
    return dict(
        font=dict(family=WEB_FONT, size=TYPE["label"], color=mode.text),
        paper_bgcolor=mode.background,
        plot_bgcolor=mode.background,
        hoverlabel=dict(font=dict(family=WEB_FONT, size=TYPE["label"]), align="left"),
        legend=dict(font=dict(size=TYPE["label"], color=mode.text), orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"),
        xaxis=axis,
        yaxis=axis,
        margin=dict(l=8, r=16, t=16, b=8),
        template="none",
    )
