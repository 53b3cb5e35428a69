"""Every internal link and anchor in the built book resolves, checked offline."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import SITE


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "preconnect", "dns-prefetch")):
                self.links.append((tag, a[key]))


def _parse(path: Path) -> _Collect:
    c = _Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


@pytest.fixture(scope="module")
def pages():
    if not (SITE / "index.html").exists():
        pytest.fail("no built book: run `make book` first")
    return {p: _parse(p) for p in sorted(SITE.rglob("*.html"))}


def test_every_internal_link_and_anchor_resolves(pages):
    broken = []
    for page, parsed in pages.items():
        for _tag, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "mailto:", "data:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)}: {url} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(SITE)}: {url} (no anchor #{parts.fragment})")
    assert broken == []


def test_the_check_sees_the_links(pages):
    # Guard against a parser that finds nothing: the ledger alone links every claim.
    ledger = pages[SITE / "book" / "ledger.html"]
    assert sum(1 for _, u in ledger.links if "#mark-C" in u) > 100
    assert any(re.search(r"figures/fig-timeline\.png$", u) for _, u in pages[SITE / "notebooks" / "02-chronology.html"].links)
