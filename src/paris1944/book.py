"""Sphinx extension for the book (listed in _config.yml).

- ships plotly.js from the installed plotly package (no CDN) and the small
  loader that draws charts on demand, on the pages that have a chart only;
- copies figures/ (PNG, SVG, CSV per figure) into the build, so every
  download link resolves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

from . import paths

ASSETS = Path(__file__).parent / "assets"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _static_paths(app, config):
    config.html_static_path.extend([str(ASSETS), str(PLOTLY_JS)])


def _is_thebe(asset) -> bool:
    # The book launches notebooks on Binder and never runs code in the page;
    # sphinx-thebe's assets would only add weight and, on Sphinx 7.4, a console
    # error (its inline script is emitted twice).
    text = str(getattr(asset, "filename", "") or "") + str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in text.lower()


def _page_assets(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a)]
    if 'class="p44-chart"' in context.get("body", ""):
        app.add_css_file("charts.css")
        app.add_js_file("charts.js", loading_method="defer")


def _copy_figures(app, exception):
    if exception or app.builder.format != "html":
        return
    dest = Path(app.outdir) / "figures"
    dest.mkdir(exist_ok=True)
    for f in sorted(paths.FIGURES.glob("fig-*")):
        target = dest / f.name
        if not target.exists() or target.read_bytes() != f.read_bytes():
            shutil.copy2(f, target)


def setup(app):
    app.connect("config-inited", _static_paths)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
