"""Sphinx extension for the book (listed in _config.yml).

- ships plotly.js from the installed plotly package (no CDN) and the small
  loader that draws charts on demand, on the pages that have a chart only;
- drops sphinx-thebe's assets (the book launches Binder, it never runs code
  in the page);
- copies figures/ and the data tables into the build, so every download link
  resolves;
- puts under every numbered figure its downloads, licence and citations, and
  on every page the citation meta tags that reference managers read;
- writes sitemap.xml and robots.txt;
- registers the directives that render the evidence (book_pages).
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import plotly
from docutils import nodes
from sphinx.util.osutil import relative_uri

from . import icons, paths
from .book_pages import citation_metadata, setup_directives

ASSETS = Path(__file__).parent / "assets"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _static_paths(app, config):
    config.html_static_path.extend([str(ASSETS), str(PLOTLY_JS)])


def _is_thebe(asset) -> bool:
    # sphinx-thebe's inline script is emitted twice on Sphinx 7.4 (a console error).
    text = str(getattr(asset, "filename", "") or "") + str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in text.lower()


def _page_url(app, pagename: str) -> str:
    return (app.config.html_baseurl or "").rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def _unused_design(asset, body: str) -> bool:
    # sphinx-design (loaded by Jupyter Book) styles cards, tabs and grids; most pages have none.
    name = str(getattr(asset, "filename", "") or "")
    return ("sphinx-design" in name or "design-tabs" in name) and 'class="sd-' not in body


def _deferred(asset):
    """Sphinx's helper scripts block the first paint; none of them is needed before it,
    except documentation_options.js, which the theme's inline scripts read at once."""
    name = getattr(asset, "filename", None)
    if name and "documentation_options" not in name and not {"body", "async", "defer"} & set(asset.attributes):
        # A new asset: the builder shares asset objects between pages, and the
        # search page needs these scripts before its own.
        return type(asset)(name, priority=asset.priority, **{**asset.attributes, "defer": "defer"})
    return asset


def _page_assets(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a) and not _unused_design(a, body)]
    if "script_files" in context and pagename != "search":
        context["script_files"][:] = [_deferred(a) for a in context["script_files"]]
    if 'role="doc-biblioentry"' in body:
        # docutils puts doc-biblioentry items (a deprecated role) in a role="list":
        # axe reports a critical aria-required-children. Items of a list are listitems.
        context["body"] = body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if 'class="p44-chart"' in body:
        app.add_js_file("charts.js", loading_method="defer")
    if 'class="p44-ledger"' in body:
        app.add_js_file("ledger.js", loading_method="defer")
    # Citation meta tags (Zotero, Google Scholar) for every page.
    meta = citation_metadata()
    title = html.unescape(context.get("title", "")) or meta["title"]
    tags = [("citation_title", title)]
    if title != meta["title"]:
        tags.append(("citation_inbook_title", meta["title"]))
    tags += [("citation_author", a) for a in meta["authors"]]
    tags += [("citation_publication_date", meta["date"].replace("-", "/")), ("citation_online_date", meta["date"].replace("-", "/")),
             ("citation_public_url", _page_url(app, pagename)), ("citation_language", "en"),
             ("citation_publisher", meta["authors"][0]), ("DC.rights", f"{meta['licence']} ({CC_BY})"),
             ("DC.relation.ispartof", f"{meta['title']}, version {meta['version']}")]
    if pagename == "search":  # the only page without a description of its own (sphinxext-opengraph skips it)
        tags.append(("description", f"Search {meta['title']}: the five sources, their claims and the comparison."))
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{k}" content="{html.escape(v, quote=True)}" />' for k, v in tags)


def _figure_citations(app, doctree, docname):
    """Under each numbered figure: downloads, licence, short and full citation, BibTeX."""
    if app.builder.format != "html":
        return
    numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
    meta = citation_metadata()
    authors = ", ".join(meta["authors"])
    here = app.builder.get_target_uri(docname)
    for fig in list(doctree.findall(nodes.figure)):
        name = next((i for i in fig["ids"] if i.startswith("fig-")), None)
        info_path = paths.FIGURES / f"{name}.json"
        if not name or not info_path.exists():
            continue
        info = json.loads(info_path.read_text(encoding="utf-8"))
        number = ".".join(map(str, numbers.get(name, ())))
        url = f"{_page_url(app, docname)}#{name}"
        files = {ext: relative_uri(here, f"figures/{name}.{ext}") for ext in ("png", "svg", "csv")}
        short = f"{meta['title']}, Figure {number} ({authors}), {meta['licence']}"
        full = (f"{authors} ({meta['year']}). \u201c{info['title']}\u201d. Figure {number} in {meta['title']}, "
                f"version {meta['version']}. {url}")
        bibtex = (f"@misc{{paris1944-{name},\n  title = {{{info['title']}}},\n  author = {{{{{' and '.join(meta['authors'])}}}}},\n"
                  f"  year = {{{meta['year']}}},\n  howpublished = {{Figure {number} in {meta['title']}, version {meta['version']}}},\n"
                  f"  url = {{{url}}},\n  note = {{Licence {meta['licence']}}}\n}}")
        e = html.escape
        block = (
            f'<div class="p44-figure-cite" aria-label="Download and cite Figure {e(number)}">'
            f'<p class="p44-downloads"><strong>Download</strong> '
            f'<a href="{files["png"]}" download>PNG (print, 300 dpi)</a> · <a href="{files["svg"]}" download>SVG</a> · '
            f'<a href="{files["csv"]}" download>the data (CSV)</a> · '
            f'Licence <a href="{CC_BY}" rel="license">CC BY 4.0</a> · <a href="#{name}">Link to this figure</a></p>'
            f'<details><summary>Cite this figure</summary>'
            f'<p><strong>Short credit:</strong> {e(short)}</p>'
            f'<p><strong>Full reference:</strong> {e(full)}</p>'
            f'<pre class="p44-bibtex"><code>{e(bibtex)}</code></pre></details></div>'
        )
        fig.parent.insert(fig.parent.index(fig) + 1, nodes.raw("", block, format="html"))


def _copy_outputs(app, exception):
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    copies = [(f, out / "figures" / f.name) for f in sorted(paths.FIGURES.glob("fig-*"))]
    copies += [(f, out / "data" / f.name) for f in sorted(paths.DATA.glob("*.csv"))]
    copies += [(f, out / "data" / "derived" / f.name) for f in sorted((paths.DATA / "derived").glob("*.csv"))]
    copies += [(f, out / "data" / "sources" / f.name) for f in sorted(paths.SOURCE_TEXTS.glob("*.txt"))]
    copies += [(paths.ROOT / "datapackage.json", out / "data" / "datapackage.json")]
    for src, dest in copies:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.read_bytes() != src.read_bytes():
            shutil.copy2(src, dest)


def _lighter_theme(app, exception):
    """Icons as a small generated CSS; the theme's Font Awesome script and source maps left out."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    scripts = out / "_static" / "scripts"
    fa = _theme_static() / "scripts" / "fontawesome.js"
    text = icons.css(icons.read_packs(fa.read_text(encoding="utf-8")), icons.used_icons(sorted(out.rglob("*.html"))))
    target = out / "_static" / "icons.css"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    # Also the theme's Jinja macro files, which its static folder ships as if they were pages.
    for unused in [scripts / "fontawesome.js", *out.joinpath("_static").rglob("*.map"),
                   *out.joinpath("_static").glob("*webpack-macros.html")]:
        unused.unlink(missing_ok=True)


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _sitemap(app, exception):
    """sitemap.xml of every page, whatever this build rewrote (sphinx-sitemap lists only
    the pages written in the current build, so an incremental build loses pages)."""
    if exception or app.builder.format != "html" or not app.config.html_baseurl:
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    urls = "".join(f"<url><loc>{html.escape(base + app.builder.get_target_uri(d))}</loc></url>"
                   for d in sorted(app.env.found_docs))
    text = ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n')
    (Path(app.outdir) / "sitemap.xml").write_text(text, encoding="utf-8")
    (Path(app.outdir) / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def _code_version() -> int:
    """Changes whenever the package's code does, so Sphinx rebuilds every page then
    (an incremental build would otherwise keep pages made by the old code)."""
    import hashlib

    digest = hashlib.sha256()
    for f in sorted(Path(__file__).parent.rglob("*")):
        if f.suffix in (".py", ".js", ".css"):
            digest.update(f.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app):
    setup_directives(app)
    app.connect("config-inited", _static_paths)
    app.connect("html-page-context", _page_assets)
    app.connect("doctree-resolved", _figure_citations)
    app.connect("build-finished", _copy_outputs)
    app.connect("build-finished", _lighter_theme)
    app.connect("build-finished", _sitemap)
    return {"version": "1", "env_version": _code_version(), "parallel_read_safe": True, "parallel_write_safe": True}
