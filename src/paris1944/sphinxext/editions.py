"""Other editions than the HTML book: the directives write HTML, which an EPUB needs as well-formed
XHTML and a text or LaTeX edition cannot take at all. At write time, for those builders only, each
piece of raw HTML becomes XHTML (EPUB) or plain paragraphs that keep every word and its order."""

from __future__ import annotations

from bs4 import BeautifulSoup
from docutils import nodes

# The elements whose text a reader takes as one paragraph of a plain edition.
BLOCKS = ("p", "li", "tr", "h1", "h2", "h3", "h4", "summary", "figcaption", "caption", "blockquote", "dt", "dd", "pre")
HIDDEN = ("script", "style", "template", "svg", "button", "input")


def xhtml(markup: str) -> str:
    """The same HTML as well-formed XHTML: void elements closed, attributes quoted, entities as characters."""
    return str(BeautifulSoup(markup, "html.parser"))


def paragraphs(markup: str) -> list[str]:
    """The text of the HTML as paragraphs, in reading order: one per block, table cells joined by ' | '."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(HIDDEN):
        tag.decompose()
    out = []
    for block in soup.find_all(BLOCKS):
        if block.find_parent(BLOCKS):  # its text is already in the enclosing block's paragraph
            continue
        sep = " | " if block.name == "tr" else " "
        cells = block.find_all(["td", "th"]) if block.name == "tr" else [block]
        text = sep.join(" ".join(c.get_text(" ").split()) for c in cells).strip(" |")
        if text:
            out.append(text)
    if not out:  # markup without blocks (a span, a link): its text as one paragraph
        text = " ".join(soup.get_text(" ").split())
        out = [text] if text else []
    return out


def degrade(app, doctree, docname) -> None:
    """Runs once every other handler has added its HTML to the page (the reuse blocks included)."""
    epub = app.builder.name.startswith("epub")
    if app.builder.format == "html" and not epub:
        return
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        if epub:
            node.replace_self(nodes.raw("", xhtml(node.astext()), format="html"))
        else:
            node.replace_self([nodes.paragraph(text=t) for t in paragraphs(node.astext())])


def setup(app) -> None:
    app.connect("doctree-resolved", degrade, priority=900)
