"""myst-nb plugin: render plotly's notebook mimetype as the book's chart HTML.

Registered in pyproject.toml under the ``myst_nb.mime_renderers`` entry point.
"""

from __future__ import annotations

from docutils import nodes

from .figures import chart_html

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyChart:
    # Prefer the figure over any text/plain or text/html beside it.
    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        return [nodes.raw(text=chart_html(data.content), format="html", classes=["output", "text_html"])]
