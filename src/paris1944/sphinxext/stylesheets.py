"""The theme's stylesheet without the rules that can match nothing in the book.

pydata-sphinx-theme ships all of Bootstrap with its own rules: 397 kB (65 kB compressed) that
every page must download and parse before it shows anything. Most of it styles components the
book never uses (carousels, toasts, forms...). A rule is left out only when every one of its
selectors names a class that appears in no page and no script of the built site, so a class
that a script adds later (a dropdown's "show", a tooltip's classes) keeps its rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

GROUPS = ("@media", "@supports", "@layer", "@container")  # at-rules whose blocks hold rules to sift
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# Inside these, a class does not have to exist for the selector to match (":not(.x)") or is one
# alternative of several: the selector is kept whatever they name.
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|-webkit-any|-moz-any)\(")


def used_words(texts: Iterable[str]) -> set[str]:
    """Every word that could be a class name: in the pages (attributes, inline scripts) and the scripts."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(text))
    return words


def _without_functional(selector: str) -> str:
    out, i = [], 0
    while (m := _FUNCTIONAL.search(selector, i)) is not None:
        out.append(selector[i : m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


def _selector_can_match(selector: str, words: set[str], prefixes: tuple[str, ...]) -> bool:
    plain = re.sub(r"\[[^\]]*\]", "", _without_functional(selector))  # attribute values are not classes
    return all(cls in words or cls.startswith(prefixes) for cls in re.findall(r"\.(-?[A-Za-z_][\w-]*)", plain))


def _prelude_end(css: str, i: int) -> int:
    """Index of the "{" or ";" that ends the prelude starting at i (braces in strings do not count), or -1."""
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1) + 1
            continue
        if c in "{;":
            return i
        i += 1
    return -1


def _block_end(css: str, start: int) -> int:
    """Index just past the brace that closes the block opened at css[start] == '{'."""
    depth, i, n = 0, start, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1) + 1
            continue
        if css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces in the stylesheet")


def purge(css: str, words: set[str]) -> str:
    """The stylesheet with every rule whose selectors all name an unused class left out."""
    # A script may build a class from a stem ("bs-tooltip-" + placement): words ending in "-" are stems.
    prefixes = tuple(sorted(w for w in words if w.endswith("-") and len(w) > 2))
    return _sift(css, words, prefixes)


def _sift(css: str, words: set[str], prefixes: tuple[str, ...]) -> str:
    out, i, n = [], 0, len(css)
    while i < n:
        if css[i].isspace():
            i += 1
            continue
        if css.startswith("/*", i):
            end = css.index("*/", i + 2) + 2
            if css.startswith("/*!", i):  # licence notices stay
                out.append(css[i:end])
            i = end
            continue
        brace = _prelude_end(css, i)
        if brace == -1:
            break
        if css[brace] == ";":  # @charset, @import
            out.append(css[i : brace + 1])
            i = brace + 1
            continue
        prelude = css[i:brace].strip()
        end = _block_end(css, brace)
        if prelude.startswith(GROUPS):
            inner = _sift(css[brace + 1 : end - 1], words, prefixes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):  # @font-face, @keyframes, @property: kept whole
            out.append(css[i:end])
        else:
            kept = [s for s in _split_selectors(prelude) if _selector_can_match(s, words, prefixes)]
            if kept:
                out.append(",".join(kept) + css[brace:end])
        i = end
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside :is(...) or [...])."""
    parts, depth, start = [], 0, 0
    for j, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:j].strip())
            start = j + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def lighter(source: Path, published: Path, site: Path) -> None:
    """Write the purged copy of `source` to `published`, from the words of every page and script of `site`."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.suffix in (".html", ".js") and p.is_file()]
    text = purge(source.read_text(encoding="utf-8"), used_words(texts))
    if not published.exists() or published.read_text(encoding="utf-8") != text:
        published.write_text(text, encoding="utf-8")
