"""What the build writes beside the pages: downloads, embed pages, the root page, the sitemap,
the interactive-chart library and the icons. Files are rewritten only when their bytes change,
so that two builds of the same commit are the same bytes."""

from __future__ import annotations

import html
import json
import tarfile
from pathlib import Path

from .. import paths
from ..publication import citation
from ..publication.html import E, Raw, link
from . import icons, stylesheets

VENDOR = Path(__file__).parent / "vendor"


def write(path: Path, data: bytes | str) -> None:
    data = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def static_changed(app) -> None:
    """builder-inited: Sphinx copies static files (the stylesheet, the scripts) only when it writes a page,
    and writes a page only when its source changed. So when a static file differs from its published copy,
    every page is marked for writing (its output removed): the new file is copied and each page links it
    with a new checksum, so no browser keeps the old one. Pages are re-written, not re-read."""
    if app.builder.format != "html":
        return
    out = Path(app.outdir)
    if not (out / "_static").is_dir():
        return
    for entry in app.config.html_static_path:
        folder = Path(app.confdir, entry)
        for source in (p for p in folder.rglob("*") if p.is_file()):
            published = out / "_static" / source.relative_to(folder)
            if not published.exists() or published.read_bytes() != source.read_bytes():
                for page in out.rglob("*.html"):
                    if page.parent.name != "embed":
                        page.unlink()
                return


def build_finished(app, exception):
    # An EPUB is one file: the downloads and embeds belong to the site, not beside its packaged pages.
    if exception or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    out = Path(app.outdir)
    downloads(out)
    plotly(out)
    lighter_theme(out)
    embed_pages(out)
    root_page(app, out)
    sitemap(app, out)
    theme_stylesheet(out)  # last: it reads every page and script written above


def downloads(out: Path) -> None:
    """figures/ and data/ as readers download them, with the exports, the annotations and a data package whose
    paths hold where it is published. Every CSV is safe to open in a spreadsheet (exports.safe_csv)."""
    from ..publication import exports
    from ..publication.book import Book

    for f in sorted(paths.FIGURES.glob("fig-*")):
        data = exports.safe_csv(f.read_text(encoding="utf-8-sig")) if f.suffix == ".csv" else f.read_bytes()
        write(out / "figures" / f.name, data)
    for f in sorted(p for p in paths.DATA.rglob("*") if p.is_file()):
        data = exports.safe_csv(f.read_text(encoding="utf-8")) if f.suffix == ".csv" else f.read_bytes()
        write(out / "data" / f.relative_to(paths.DATA), data)
    for rel, text in exports.site_files(Book.load()).items():
        write(out / "data" / rel, text)


def plotly(out: Path) -> None:
    """The basic plotly.js bundle and its licence, from the vendored npm package (checked against its integrity by the tests)."""
    lock = json.loads((VENDOR / "plotly.json").read_text(encoding="utf-8"))
    tgz = VENDOR / f"{lock['package']}-{lock['version']}.tgz"
    with tarfile.open(tgz, "r:gz") as tar:
        script = tar.extractfile(lock["file"]).read()
        licence = tar.extractfile(lock["licence_file"]).read()
    write(out / "_static" / "plotly-basic.min.js", script)
    write(out / "_static" / "plotly-LICENSE.txt", licence)


def lighter_theme(out: Path) -> None:
    """Icons as a small generated CSS; the theme's Font Awesome script and source maps left out."""
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    fa = static / "scripts" / "fontawesome.js"
    text = icons.css(icons.read_packs(fa.read_text(encoding="utf-8")), icons.used_icons(sorted(out.rglob("*.html"))))
    write(out / "_static" / "icons.css", text)
    for unused in [
        out / "_static" / "scripts" / "fontawesome.js",
        *out.joinpath("_static").rglob("*.map"),
        *out.joinpath("_static").glob("*webpack-macros.html"),
    ]:
        unused.unlink(missing_ok=True)


def theme_stylesheet(out: Path) -> None:
    """The theme's stylesheet without the rules that can match nothing here, made from the theme's own file
    every build (never from the copy already published, which would lose a rule a new page needs)."""
    import pydata_sphinx_theme

    name = Path("styles") / "pydata-sphinx-theme.css"
    source = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / name
    if (out / "_static" / name).exists():  # a site built with another theme has none
        stylesheets.lighter(source, out / "_static" / name, out)


EMBED_CSS = """
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f1f1f;background:#fff}
figure{margin:0;padding:8px}img{max-width:100%;height:auto;display:block}
figcaption{font-size:14px;line-height:1.4;margin-top:6px}a{color:#005a8c}
@media (prefers-color-scheme: dark){body{background:#121212;color:#ececec}a{color:#8cc8ff}}
"""

# Sent to the page that embeds the figure whenever the figure's height changes (its drawing loads, the frame
# narrows and the narrow drawing takes over, the caption wraps): the embed code (reuse.py) fits the frame to it.
EMBED_SCRIPT = """(() => {
  if (parent === window) return;
  const post = () => parent.postMessage({"paris1944-embed": NAME, height: Math.ceil(document.documentElement.getBoundingClientRect().height)}, "*");
  new ResizeObserver(post).observe(document.documentElement);
  addEventListener("load", post);
})();"""


def embed_caption(meta: dict) -> str:
    return meta["citation"]["short"].rsplit(",", 1)[0] + ". See it in the book · Get the data · CC BY 4.0"


def embed_height(meta: dict) -> int:
    """The frame's height before (or without) its script: room for the figure at its tallest, so that nothing is
    cut off on any screen. Each drawing shows at most at its own size (the tallest is the narrow one, on a
    phone), plus the padding and a caption of 35 characters a line on the narrowest phone (20 px a line)."""
    tallest = max(size["height"] for size in meta["sizes"].values())
    return tallest + 16 + 6 + 20 * -(-len(embed_caption(meta)) // 35)


def embed_pages(out: Path) -> None:
    """A page per figure without the book's navigation, for <iframe> embedding: the figure, its credit, a link back
    to the figure in the book (so that a reader can always reach it), and the height sent to the embedding page."""
    for meta_path in sorted(paths.FIGURES.glob("fig-*.metadata.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        f = {k: f"../figures/{v}" for k, v in meta["files"].items()}
        narrow, wide = meta["sizes"]["narrow"], meta["sizes"]["wide"]
        picture = E(
            "picture",
            # Each drawing's own size, so that the frame knows its height before it loads and a drawing is never
            # enlarged beyond it (the narrow one, stretched to 640 px, would be twice as tall as it needs).
            E("source", media="(max-width: 640px) and (prefers-color-scheme: dark)", srcset=f["svg_narrow_dark"], **narrow),
            E("source", media="(max-width: 640px)", srcset=f["svg_narrow"], **narrow),
            E("source", media="(prefers-color-scheme: dark)", srcset=f["svg_dark"], **wide),
            E("img", src=f["svg"], alt=meta["alt"], **wide),
        )
        caption = E(
            "figcaption",
            meta["citation"]["short"].rsplit(",", 1)[0],
            ". ",
            link(meta["url"], "See it in the book", target="_top"),
            " · ",
            link(f["csv"], "Get the data"),
            " · ",
            link(citation.CC_BY, "CC BY 4.0", rel="license", target="_top"),
        )
        script = EMBED_SCRIPT.replace("NAME", json.dumps(meta["name"]).replace("<", "\\u003c"))
        doc = "<!DOCTYPE html>\n" + str(
            E(
                "html",
                E(
                    "head",
                    E("meta", charset="utf-8"),
                    E("meta", name="viewport", content="width=device-width, initial-scale=1"),
                    E("title", meta["title"]),
                    E("link", rel="canonical", href=meta["url"]),
                    E("meta", name="robots", content="noindex"),
                    E("style", Raw(EMBED_CSS)),
                ),
                E("body", E("figure", picture, caption), E("script", Raw(script))),
                lang="en",
            )
        )
        write(out / "embed" / f"{meta['name']}.html", doc)


def root_page(app, out: Path) -> None:
    """The address people share: a real page with the book's title, description, canonical link and Open Graph card,
    that sends readers on to the front page."""
    meta = citation.book()
    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    target = app.builder.get_target_uri(app.config.root_doc)
    if target == "index.html":  # the front page is already at the root address
        return
    description = meta["abstract"].replace("\n", " ")
    tags = [
        ("og:title", meta["title"]),
        ("og:description", description),
        ("og:type", "website"),
        ("og:url", base),
        ("og:site_name", meta["title"]),
        ("og:image", getattr(app.config, "ogp_image", None)),
        ("og:image:alt", getattr(app.config, "ogp_image_alt", None)),
    ]
    head = E(
        "head",
        E("meta", charset="utf-8"),
        E("meta", name="viewport", content="width=device-width, initial-scale=1"),
        E("title", meta["title"]),
        E("meta", name="description", content=description),
        E("link", rel="canonical", href=base + target),
        E("meta", http_equiv="refresh", content=f"0; url={target}"),
        *[E("meta", property=k, content=v) for k, v in tags if v],
        E("meta", name="twitter:card", content="summary_large_image"),
    )
    body = E("body", E("main", E("h1", meta["title"]), E("p", description), E("p", link(target, "Read the book"))))
    write(out / "index.html", "<!DOCTYPE html>\n" + str(E("html", head, body, lang="en")))


def sitemap(app, out: Path) -> None:
    """sitemap.xml of every page, whatever this build rewrote (an incremental build writes only some)."""
    if not app.config.html_baseurl:
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    urls = "".join(f"<url><loc>{html.escape(base + app.builder.get_target_uri(d))}</loc></url>" for d in sorted(app.env.found_docs) if d != "search")
    write(
        out / "sitemap.xml", f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )
    write(out / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
