"""Per page: only the assets the page uses, and the tags reference managers and search engines read."""

from __future__ import annotations

import html

from ..publication import citation

CC_BY = citation.CC_BY


def _is_thebe(asset) -> bool:
    # sphinx-thebe's inline script is emitted twice on Sphinx 7.4 (a console error); the book never runs code in the page.
    text = str(getattr(asset, "filename", "") or "") + str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in text.lower()


def _unused_design(asset, body: str) -> bool:
    # sphinx-design (loaded by Jupyter Book) styles cards, tabs and grids; most pages have none.
    name = str(getattr(asset, "filename", "") or "")
    return ("sphinx-design" in name or "design-tabs" in name) and 'class="sd-' not in body


def _deferred(asset):
    """Sphinx's helper scripts block the first paint; none is needed before it, except
    documentation_options.js, which the theme's inline scripts read at once."""
    name = getattr(asset, "filename", None)
    if name and "documentation_options" not in name and not {"body", "async", "defer"} & set(asset.attributes):
        # A new asset: the builder shares asset objects between pages.
        return type(asset)(name, priority=asset.priority, **{**asset.attributes, "defer": "defer"})
    return asset


def page_url(app, pagename: str) -> str:
    return (app.config.html_baseurl or "").rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def page_context(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a) and not _unused_design(a, body)]
    if "script_files" in context and pagename != "search":
        context["script_files"][:] = [_deferred(a) for a in context["script_files"]]
    if 'role="doc-biblioentry"' in body:
        # docutils puts doc-biblioentry items (a deprecated role) in a role="list": axe reports a critical
        # aria-required-children. Items of a list are listitems.
        context["body"] = body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    app.add_js_file("page.js", loading_method="defer")
    if 'class="p44-chart"' in body:
        app.add_js_file("charts.js", loading_method="defer")
    if 'class="p44-ledger"' in body:
        app.add_js_file("ledger.js", loading_method="defer")
    meta = citation.book()
    title = html.unescape(context.get("title", "")) or meta["title"]
    tags = [("citation_title", title)]
    if title != meta["title"]:
        tags.append(("citation_inbook_title", meta["title"]))
    tags += [("citation_author", a) for a in meta["authors"]]
    tags += [
        ("citation_publication_date", meta["date"].replace("-", "/")),
        ("citation_online_date", meta["date"].replace("-", "/")),
        ("citation_public_url", page_url(app, pagename)),
        ("citation_language", "en"),
        ("citation_publisher", meta["authors"][0]),
        ("DC.rights", f"{meta['licence']} ({CC_BY})"),
        ("DC.relation.ispartof", f"{meta['title']}, version {meta['version']}"),
    ]
    if pagename == "search":  # the only page without a description of its own (sphinxext-opengraph skips it)
        tags.append(("description", f"Search {meta['title']}: the sources, their claims and the findings."))
    context["metatags"] = context.get("metatags", "") + "".join(f'\n<meta name="{k}" content="{html.escape(v, quote=True)}" />' for k, v in tags)
