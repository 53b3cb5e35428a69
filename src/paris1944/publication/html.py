"""The one way this project writes HTML: small element trees, rendered escaped.

Source text from the web is data, never markup: every string given as a child
is escaped when rendered; only Element objects (and Raw, for markup we built
ourselves) become tags. Block-level elements and table cells are separated by
newlines, so Sphinx's search index (which strips tags from raw HTML) sees the
words of adjacent cells apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

BLOCK = {
    "div",
    "p",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "section",
    "details",
    "summary",
    "figure",
    "figcaption",
    "pre",
    "h2",
    "h3",
    "h4",
    "aside",
    "nav",
    "article",
    "header",
    "footer",
    "script",
}
VOID = {"br", "img", "input", "meta", "link", "hr"}
# Runs of Arabic or Cyrillic script inside English text, so they get their own lang and dir.
FOREIGN_RUN = re.compile(
    r"(?P<ar>[\u0600-\u06FF](?:[\u0600-\u06FF\s]*[\u0600-\u06FF])?)|"
    r"(?P<ru>[\u0400-\u04FF](?:[\u0400-\u04FF\s]*[\u0400-\u04FF])?)"
)


def direction(lang: str) -> str:
    """A language's writing direction (data/vocabulary/languages.csv)."""
    from .. import vocabulary

    return vocabulary.read().direction(lang)


@dataclass
class Raw:
    """Markup we built ourselves (never text from a source)."""

    markup: str

    def __str__(self) -> str:
        return self.markup


@dataclass
class Element:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    def __str__(self) -> str:
        attrs = "".join(_attr(k, v) for k, v in self.attrs.items() if v is not None and v is not False)
        if self.tag in VOID:
            return f"<{self.tag}{attrs}>" + ("\n" if self.tag == "br" else "")  # a line break separates words for search
        inner = "".join(render(c) for c in self.children)
        end = "\n" if self.tag in BLOCK else ""
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>{end}"

    def add(self, *children) -> Element:
        self.children.extend(children)
        return self


def _attr(key: str, value) -> str:
    name = key.rstrip("_").replace("_", "-")  # class_ -> class, aria_label -> aria-label
    if value is True:
        return f" {name}"
    return f' {name}="{html.escape(str(value), quote=True)}"'


def render(child) -> str:
    if child is None:
        return ""
    if isinstance(child, (Element, Raw)):
        return str(child)
    if isinstance(child, (list, tuple)):
        return "".join(render(c) for c in child)
    return html.escape(str(child), quote=False)


def E(tag: str, *children, **attrs) -> Element:
    """An element: E('td', 'text', class_='x', data_id='1') -> <td class="x" data-id="1">text</td>."""
    return Element(tag, attrs, [c for c in children if c is not None])


def mixed(text: str) -> list:
    """English text with each Arabic or Russian run marked with its language and direction."""
    out, at = [], 0
    for m in FOREIGN_RUN.finditer(text or ""):
        out.append(text[at : m.start()])
        lang = m.lastgroup
        out.append(E("span", m.group(), lang=lang, dir=direction(lang)))
        at = m.end()
    out.append((text or "")[at:])
    return [x for x in out if x != ""]


def quote(words: str, lang: str, **attrs) -> Element:
    """A source's own words, marked with their language (and, for Arabic, direction)."""
    return E("span", words, lang=lang or None, dir=direction(lang) if lang and lang != "en" else None, **attrs)


def link(href: str, text, **attrs) -> Element:
    return E("a", text, href=href, **attrs)
