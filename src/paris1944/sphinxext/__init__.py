"""The book's Sphinx extension (listed in _config.yml): the runtime that turns data/ into pages.

- directives.py renders the evidence (source texts, ledger, findings, data
  dictionary, citations) straight from data/;
- inputs.py tells Sphinx what every page reads, so an edit to any input
  rebuilds exactly the pages that show it;
- pages.py adds per-page assets, citation meta tags and ClaimReview JSON-LD;
- corrections.py renders the Corrections page from CHANGELOG.md;
- editions.py turns that HTML into XHTML for an EPUB and plain text for other editions;
- reuse.py puts a "Reuse this figure" block under every numbered figure;
- outputs.py writes what lies beside the pages: downloads, embed pages, the
  root page, the sitemap, the interactive-chart library, and the theme's
  stylesheet without the rules that can match nothing here (stylesheets.py).
"""

from __future__ import annotations

from pathlib import Path

from . import corrections, directives, editions, inputs, outputs, pages, reuse

ASSETS = Path(__file__).parent / "assets"


def _static_paths(app, config):
    config.html_static_path.append(str(ASSETS))
    # sphinx-book-theme keeps search in the sidebar and leaves the top bar empty; pydata-sphinx-theme 0.17 fills
    # the bar with a second search field unless this option is set, so a wide page showed two.
    if config.html_theme == "sphinx_book_theme":
        config.html_theme_options.setdefault("navbar_persistent", [])
    if not config.version:  # EPUB needs one: the book's, from CITATION.cff
        from ..publication import citation

        config.version = config.release = citation.book()["version"]


def _other_builders(app):
    """An EPUB has no launch buttons (and its theme no repository to build them from)."""
    if app.builder.name.startswith("epub"):
        app.config.html_theme_options = {k: v for k, v in app.config.html_theme_options.items() if k != "launch_buttons"}


def _inline_execution_starts_clean() -> None:
    """myst-nb's inline execution reads the glue a notebook's stored outputs hold, then executes the notebook and
    reads it again, so every glued key is reported as a duplicate. The stored outputs are what nbval checks; the
    book shows the fresh ones: clear them before the run, as myst-nb's 'force' mode does."""
    from myst_nb.core.execute.inline import NotebookClientInline

    if getattr(NotebookClientInline, "_paris1944_clean", False):
        return
    start = NotebookClientInline.start_client

    def start_client(self):
        for cell in self.notebook.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        start(self)

    NotebookClientInline.start_client = start_client
    NotebookClientInline._paris1944_clean = True


def setup(app):
    _inline_execution_starts_clean()
    directives.setup(app)
    corrections.setup(app)
    editions.setup(app)
    app.connect("config-inited", _static_paths)
    app.connect("builder-inited", _other_builders)
    app.connect("builder-inited", outputs.static_changed)
    app.connect("doctree-read", inputs.note_inputs)
    app.connect("html-page-context", pages.page_context)
    app.connect("doctree-resolved", reuse.figure_blocks)
    app.connect("build-finished", outputs.build_finished)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
