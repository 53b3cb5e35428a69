"""One figure, drawn from one tidy table, in every form a reader or a re-publisher needs.

:func:`publish` writes, into figures/:

- ``NAME.csv``: the plotted data (UTF-8 with a byte-order mark, so Excel reads it too), every cell safe to
  open in a spreadsheet (no text becomes a live formula: exports.safe_cell);
- ``NAME.svg``, ``NAME-dark.svg``, ``NAME-narrow.svg``, ``NAME-narrow-dark.svg``: the static
  drawing for a desktop column and for a phone, light and dark, made at the size shown;
- ``NAME.png``: the wide light drawing at 300 dpi, for print;
- ``NAME.metadata.json``: title, subtitle, caption, sources, licence, citations, version, address (every
  address absolute, from the book's base URL);
- ``NAME.zip``: the data, the metadata, the drawings and a README, for reuse.

It returns the interactive plotly figure, which a notebook shows as plotly's own
mimetype (JupyterLab and Binder draw it; the book turns it into its chart HTML).
Nothing here changes a global setting: matplotlib styles are applied per drawing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import textwrap
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from . import citation, style
from .exports import safe_csv

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class Chart:
    """What a figure is: its stable name, what it says, and how to draw it."""

    name: str  # stable anchor and file stem, e.g. "fig-timeline"
    page: str  # the book page it appears on, e.g. "notebooks/02-chronology"
    title: str  # states the finding
    subtitle: str  # what is plotted
    caption: str  # for the book's figure caption
    alt: str  # what the chart shows, for screen readers
    sources: list  # [{"title": ..., "url": ...}] the data it rests on
    data: object  # pandas DataFrame: exactly what is plotted
    static: Callable  # (fig, data, mode, width, box) -> None: draws into the box of a matplotlib Figure
    height: Callable  # (width) -> pixels of the plotting area
    interactive: Callable  # (data, mode) -> plotly Figure
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def source_line(self) -> str:
        book = citation.book()
        return f"Source: {'; '.join(s['title'] for s in self.sources)}. Chart: {book['title']}, CC BY 4.0 ({book['url']})"


# ------------------------------------------------------------------ static drawings
@dataclass(frozen=True)
class Box:
    """The plotting area of a drawing, in pixels from the bottom left of the figure."""

    left: float
    bottom: float
    width: float
    height: float
    fig_width: float
    fig_height: float

    def band(self, fig, top: float, height: float, left_pad: float = 0, right_pad: float = 0):
        """An axes spanning the box's width, from `top` pixels below the box's top, `height` pixels tall."""
        y = self.bottom + self.height - top - height
        return fig.add_axes(
            (
                (self.left + left_pad) / self.fig_width,
                y / self.fig_height,
                (self.width - left_pad - right_pad) / self.fig_width,
                height / self.fig_height,
            )
        )

    def constrained(self, fig):
        """Let matplotlib lay out the box (for charts whose parts it can size itself)."""
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        fig.set_layout_engine(
            ConstrainedLayoutEngine(
                rect=(self.left / self.fig_width, self.bottom / self.fig_height, self.width / self.fig_width, self.height / self.fig_height),
                h_pad=0.02,
                w_pad=0.02,
            )
        )
        return fig


def draw(chart: Chart, mode: style.Mode, width: style.Width):
    """The static drawing as a matplotlib Figure: title, subtitle, plot, source line."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(style.rc(mode)):
        title = textwrap.wrap(chart.title, width.title_chars)
        subtitle = textwrap.wrap(chart.subtitle, int(width.title_chars * 1.25))
        source = textwrap.wrap(chart.source_line, int(width.title_chars * 1.45))
        top = 14 + len(title) * style.TYPE["title"] * 1.3 + len(subtitle) * style.TYPE["subtitle"] * 1.35 + 10
        bottom = 10 + len(source) * style.TYPE["note"] * 1.35 + 6
        plot = chart.height(width)
        total = top + plot + bottom
        fig = Figure(figsize=(width.pixels / style.DPI, total / style.DPI), dpi=style.DPI)
        box = Box(8, bottom, width.pixels - 16, plot, width.pixels, total)
        y = total - 12
        for line in title:
            y -= style.TYPE["title"] * 1.3
            fig.text(
                8 / width.pixels,
                y / total,
                line,
                fontsize=style.points(style.TYPE["title"]),
                fontweight="bold",
                color=mode.text,
                ha="left",
                va="bottom",
            )
        for line in subtitle:
            y -= style.TYPE["subtitle"] * 1.35
            fig.text(8 / width.pixels, y / total, line, fontsize=style.points(style.TYPE["subtitle"]), color=mode.muted, ha="left", va="bottom")
        y = bottom - 8
        for line in source:
            fig.text(8 / width.pixels, y / total, line, fontsize=style.points(style.TYPE["note"]), color=mode.muted, ha="left", va="top")
            y -= style.TYPE["note"] * 1.35
        chart.static(fig, chart.data, mode, width, box)
        return fig


def svg_of(fig) -> str:
    import matplotlib

    out = io.StringIO()
    # Saving reads these settings, so they apply here too (not only while drawing): the same ids every run.
    with matplotlib.rc_context({k: v for k, v in style.rc(style.LIGHT).items() if k.startswith("svg.")}):
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return with_embedded_fonts(stable_svg_ids(out.getvalue()))


def with_embedded_fonts(svg: str) -> str:
    """Text stays text (a glyph drawn as paths is an element of its own: thousands per chart, which a
    phone styles and paints on its main thread); the font's glyphs that the drawing uses travel inside
    it, so it looks the same everywhere, as the PNG does."""
    from html import unescape

    from fontTools import subset
    from matplotlib import font_manager

    used: dict[str, set[str]] = {}
    for attrs, text in re.findall(r"<text ([^>]*)>(.*?)</text>", svg, re.S):
        weight = "700" if re.search(r"font-weight: (?:700|bold)", attrs) else "400"
        used.setdefault(weight, set()).update(unescape(text))
    faces = []
    for weight, chars in sorted(used.items()):
        path = font_manager.findfont(font_manager.FontProperties(family=style.FONT_FAMILY, weight=int(weight)), fallback_to_default=False)
        options = subset.Options()
        options.flavor = "woff"
        options.hinting = False  # drawn at many sizes and scales: hints only add bytes
        # the font's names, copyright (0), licence (13) and its address (14): the licence asks for them in every copy
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: not needed, and fontTools warns about them
        font = subset.load_font(path, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        data = io.BytesIO()
        subset.save_font(font, data, options)
        b64 = base64.b64encode(data.getvalue()).decode("ascii")
        faces.append(f"@font-face{{font-family:'{style.FONT_FAMILY}';font-weight:{weight};src:url(data:font/woff;base64,{b64}) format('woff')}}")
    if not faces:
        return svg
    return re.sub(r"(<svg [^>]*>)", lambda m: m.group(1) + "\n <defs><style>" + "".join(faces) + "</style></defs>", svg, count=1)


def png_of(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=style.PRINT_DPI, metadata={"Software": None})
    return out.getvalue()


def stable_svg_ids(svg: str) -> str:
    """Number clip-path ids by first appearance: matplotlib hashes float bounds whose last bits can change."""
    ids: dict[str, str] = {}
    return re.sub(r"\bp[0-9a-f]{10}\b", lambda m: ids.setdefault(m.group(0), f"clip{len(ids)}"), svg)


def variant_name(name: str, width: style.Width, mode: style.Mode) -> str:
    return name + ("-narrow" if width.name == "narrow" else "") + ("-dark" if mode.name == "dark" else "")


# ------------------------------------------------------------------ metadata and bundle
def metadata(chart: Chart) -> dict:
    book = citation.book()
    number = chart.extra.get("number", "")
    url = f"{book['url']}{chart.page}.html#{chart.name}"
    return {
        "name": chart.name,
        "title": chart.title,
        "subtitle": chart.subtitle,
        "caption": chart.caption,
        "alt": chart.alt,
        "notes": chart.notes,
        "sources": [{**s, "url": citation.absolute(s["url"], book)} for s in chart.sources],
        "source_line": chart.source_line,
        "licence": {"name": "CC BY 4.0", "url": citation.CC_BY},
        "url": url,
        "page": chart.page,
        "version": book["version"],
        "date_published": book["date"],
        "citation": citation.figure(chart.title, url, number, sources=[s["title"] for s in chart.sources]),
        "files": {k: f"{chart.name}{suffix}" for k, suffix in FILES.items()},
        "sizes": {w.name: {"width": w.pixels, "height": None} for w in style.WIDTHS.values()},
        **chart.extra,
    }


FILES = {
    "csv": ".csv",
    "png": ".png",
    "svg": ".svg",
    "svg_dark": "-dark.svg",
    "svg_narrow": "-narrow.svg",
    "svg_narrow_dark": "-narrow-dark.svg",
    "metadata": ".metadata.json",
    "zip": ".zip",
}


def readme(meta: dict) -> str:
    lines = [meta["title"], "=" * len(meta["title"]), "", meta["subtitle"], "", meta["caption"], ""]
    if meta["notes"]:
        lines += [meta["notes"], ""]
    lines += ["Sources:"] + [f"- {s['title']}: {s['url']}" for s in meta["sources"]]
    lines += [
        "",
        f"Licence: {meta['licence']['name']} ({meta['licence']['url']})",
        f"Cite as: {meta['citation']['full']}",
        f"Online: {meta['url']}",
        "",
        "Files: the plotted data (CSV, UTF-8 with a byte-order mark so that Excel reads it; pandas and R's readr",
        "read it as is), the metadata (JSON), the drawing (SVG for screens, PNG at 300 dpi for print).",
        "",
    ]
    return "\n".join(lines)


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip archive that is the same bytes for the same files: fixed dates, sorted names."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name], compresslevel=9)
    return out.getvalue()


def csv_of(chart: Chart) -> str:
    """The plotted data as the figure's CSV: plain UTF-8 (the default download of every data desk), no cell a live
    formula."""
    return safe_csv(chart.data.to_csv(index=False, lineterminator="\n"))


def _write(path: Path, content: bytes | str) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def inputs_sha256(chart: Chart, csv_text: str) -> str:
    """A hash of everything a figure's files are made from: its data and words, the code that draws it
    (this package's publication modules), the book's citation and the drawing library's version."""
    import fontTools
    import matplotlib

    digest = hashlib.sha256()
    for part in (
        csv_text,
        chart.name,
        chart.page,
        chart.title,
        chart.subtitle,
        chart.caption,
        chart.alt,
        chart.notes,
        json.dumps(chart.sources, sort_keys=True),
        json.dumps(chart.extra, sort_keys=True, default=str),
        matplotlib.__version__,
        fontTools.version,
    ):
        digest.update(part.encode("utf-8") + b"\0")
    for path in sorted(Path(__file__).parent.glob("*.py")) + [paths.ROOT / "CITATION.cff"]:
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def publish(chart: Chart, out_dir: Path | None = None):
    """Write every file of the figure (unchanged files are left untouched) and return the interactive figure.
    When nothing the figure is made from has changed since its files were written, they are not redrawn."""
    out = Path(out_dir or paths.FIGURES)
    out.mkdir(parents=True, exist_ok=True)
    csv_text = csv_of(chart)
    key = inputs_sha256(chart, csv_text)
    meta_path = out / f"{chart.name}.metadata.json"
    if meta_path.exists() and all((out / f"{chart.name}{suffix}").exists() for suffix in FILES.values()):
        stored = json.loads(meta_path.read_text(encoding="utf-8"))
        if stored.get("inputs_sha256") == key:
            return Interactive(chart, stored)
    files: dict[str, bytes] = {f"{chart.name}.csv": csv_text.encode("utf-8")}
    heights = {}
    for width in style.WIDTHS.values():
        for mode in style.MODES.values():
            fig = draw(chart, mode, width)
            heights[width.name] = round(fig.get_figheight() * style.DPI)
            files[f"{variant_name(chart.name, width, mode)}.svg"] = svg_of(fig).encode("utf-8")
            if width.name == "wide" and mode.name == "light":
                files[f"{chart.name}.png"] = png_of(fig)
    meta = metadata(chart)
    for w in meta["sizes"]:
        meta["sizes"][w]["height"] = heights[w]
    meta["inputs_sha256"] = key
    files[f"{chart.name}.metadata.json"] = (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    bundle = {name: data for name, data in files.items() if not name.endswith(("-dark.svg", "-narrow.svg"))}
    bundle["README.txt"] = readme(meta).encode("utf-8")
    files[f"{chart.name}.zip"] = zipped(bundle)
    for name, data in files.items():
        _write(out / name, data)
    return Interactive(chart, meta)


class Interactive:
    """The interactive chart, shown in a notebook as plotly's mimetype (no global renderer setting)."""

    MIME = "application/vnd.plotly.v1+json"

    def __init__(self, chart: Chart, meta: dict):
        self.chart, self.meta = chart, meta

    def figure(self, mode: style.Mode = style.LIGHT):
        fig = self.chart.interactive(self.chart.data, mode)
        fig.update_layout(meta={"paris1944": {"name": self.chart.name, "alt": self.chart.alt}})
        return fig

    def to_plotly_json(self) -> dict:
        light, dark = self.figure(style.LIGHT).to_plotly_json(), self.figure(style.DARK).to_plotly_json()
        light["layout"]["meta"]["paris1944"]["dark"] = {"layout": _colour_keys(dark["layout"]), "data": [_colour_keys(t) for t in dark["data"]]}
        return light

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {self.MIME: self.to_plotly_json(), "text/plain": f"<{self.chart.name}: {self.chart.title}>"}


def _colour_keys(obj):
    """Only what changes between modes (colours), so that the dark variant stays small."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if isinstance(v, (dict, list)):
                sub = _colour_keys(v)
                if sub not in ({}, []):
                    out[k] = sub
            elif "color" in k or k in ("paper_bgcolor", "plot_bgcolor"):
                out[k] = v
        return out
    if isinstance(obj, list):
        items = [_colour_keys(x) for x in obj]
        return items if any(i not in ({}, []) for i in items) else []
    return obj
