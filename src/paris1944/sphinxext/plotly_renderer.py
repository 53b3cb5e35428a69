"""myst-nb plugin: a chart output becomes the book's chart HTML.

Registered in pyproject.toml under the ``myst_nb.mime_renderers`` entry point.
The page shows the static drawing (phone or desktop width, light or dark) with
a control to open the interactive chart; the plotly spec rides along as JSON
and is drawn only when the reader asks (assets/charts.js).
"""

from __future__ import annotations

import json

from docutils import nodes

from .. import paths
from ..publication.html import E, Raw

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def chart_html(fig: dict) -> str:
    info = fig.get("layout", {}).get("meta", {}).get("paris1944")
    if info is None:
        raise ValueError("chart was not made by paris1944.publication.figures.publish()")
    name = info["name"]
    meta = json.loads((paths.FIGURES / f"{name}.metadata.json").read_text(encoding="utf-8"))
    sizes = meta["sizes"]
    f = {k: f"../figures/{v}" for k, v in meta["files"].items()}
    picture = E("picture", class_="p44-chart-static")
    picture.add(
        E(
            "source",
            media="(max-width: 640px)",
            srcset=f["svg_narrow"],
            data_light=f["svg_narrow"],
            data_dark=f["svg_narrow_dark"],
            width=sizes["narrow"]["width"],
            height=sizes["narrow"]["height"],
        ),
        E(
            "img",
            src=f["svg"],
            data_light=f["svg"],
            data_dark=f["svg_dark"],
            alt=meta["alt"],
            width=sizes["wide"]["width"],
            height=sizes["wide"]["height"],
            # A drawing below the fold is not drawn (an SVG is drawn on the main thread) until it is near.
            loading="lazy",
            decoding="async",
        ),
    )
    spec = {"data": fig.get("data", []), "layout": fig.get("layout", {})}
    # "<" escaped so that no text inside the JSON can close the script element.
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True, default=str).replace("<", "\\u003c")
    bar = E(
        "div",
        E(
            "button",
            E("span", "Interactive chart", class_="p44-open-label"),
            type="button",
            class_="p44-chart-open",
            aria_label=f"Open the interactive version of: {meta['title']}",
        ),
        E("span", "Tap or click the chart to explore it; every value is also in the table below.", class_="p44-chart-hint"),
        class_="p44-chart-bar",
    )
    return str(
        E(
            "div",
            bar,
            picture,
            E("div", class_="p44-chart-plot", hidden=True),
            E("script", Raw(spec_json), type="application/json", class_="p44-chart-spec"),
            class_="p44-chart",
            data_chart=name,
        )
    )


class PlotlyChart:
    # Prefer the chart over any text/plain or text/html beside it.
    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        return [nodes.raw(text=chart_html(data.content), format="html", classes=["output", "text_html"])]
