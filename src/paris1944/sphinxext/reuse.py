"""Under every numbered figure: "Reuse this figure", as data desks offer it.

Downloads (PNG for print, SVG, the data as CSV, the metadata, everything as a
zip), the licence, a short credit with its address, the full citation and
BibTeX with copy buttons, and the code to embed the figure elsewhere.
"""

from __future__ import annotations

import html
import json

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .. import paths
from ..publication import citation
from ..publication.html import E, link
from . import outputs
from .directives import copy_button
from .pages import page_url

# The embed code's few lines: fit each frame to the height its page sends (outputs.EMBED_SCRIPT), as
# Datawrapper's and Our World in Data's embeds do. Only a message from the frame itself counts.
RESIZE = """<script>
  addEventListener("message", (e) => {
    const d = e.data || {};
    for (const f of document.querySelectorAll("iframe[data-paris1944-embed]"))
      if (f.contentWindow === e.source && f.dataset.paris1944Embed === d["paris1944-embed"] && d.height > 0)
        f.style.height = Math.ceil(d.height) + "px";
  });
</script>"""


def embed_code(base: str, meta: dict) -> str:
    """An iframe tall enough for the figure on any screen without script (outputs.embed_height), and RESIZE."""
    width = max(size["width"] for size in meta["sizes"].values()) + 16  # the drawing at its own size, and the padding
    return (
        f'<iframe src="{base}embed/{meta["name"]}.html" title="{html.escape(meta["title"])}" data-paris1944-embed="{html.escape(meta["name"])}"\n'
        f'  width="100%" height="{outputs.embed_height(meta)}" style="border:0;max-width:{width}px" loading="lazy"></iframe>\n' + RESIZE
    )


def figure_blocks(app, doctree, docname):
    if app.builder.format != "html":
        return
    numbers = app.env.toc_fignumbers.get(docname, {}).get("figure", {})
    here = app.builder.get_target_uri(docname)
    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    for fig in list(doctree.findall(nodes.figure)):
        name = next((i for i in fig["ids"] if i.startswith("fig-")), None)
        meta_path = paths.FIGURES / f"{name}.metadata.json" if name else None
        if not meta_path or not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        number = ".".join(map(str, numbers.get(name, ())))
        url = f"{page_url(app, docname)}#{name}"
        cite = citation.figure(meta["title"], url, number, sources=[s["title"] for s in meta["sources"]])
        files = {k: relative_uri(here, f"figures/{v}") for k, v in meta["files"].items()}
        embed = embed_code(base, meta)
        block = E("section", class_="p44-reuse", aria_label=f"Reuse Figure {number}")
        block.add(
            E(
                "p",
                E("strong", "Reuse this figure"),
                " · ",
                link(files["png"], "PNG (300 dpi)", download=True),
                " · ",
                link(files["svg"], "SVG", download=True),
                " · ",
                link(files["csv"], "the data (CSV)", download=True),
                " · ",
                link(files["zip"], "everything (zip)", download=True),
                " · ",
                link(files["metadata"], "metadata (JSON)"),
                " · Licence ",
                link(citation.CC_BY, "CC BY 4.0", rel="license"),
                class_="p44-downloads",
            )
        )
        block.add(
            E(
                "p",
                E("strong", "Credit: "),
                cite["short"],
                " ",
                copy_button("Copy link", url),
                " ",
                copy_button("Copy citation", cite["full"]),
                class_="p44-credit",
            )
        )
        details = E("details", E("summary", "Full citation, BibTeX and embed code"))
        details.add(
            E("p", cite["full"]),
            E(
                "p",
                "Sources: ",
                *sum(
                    [[link(s["url"] if s["url"].startswith("http") else relative_uri(here, s["url"]), s["title"]), "; "] for s in meta["sources"]], []
                )[:-1],
            ),
            E("p", E("strong", "BibTeX "), copy_button("Copy BibTeX", cite["bibtex"])),
            E("pre", E("code", cite["bibtex"]), class_="p44-bibtex"),
            E("p", E("strong", "Embed "), copy_button("Copy embed code", embed)),
            E("pre", E("code", embed), class_="p44-bibtex"),
        )
        block.add(details)
        fig.parent.insert(fig.parent.index(fig) + 1, nodes.raw("", str(block), format="html"))
