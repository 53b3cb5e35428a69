"""What the reader sees at 390 px (a phone) and 1280 px (a laptop), light and dark: nothing scrolls
sideways, text is big enough, key columns are in view, and no jargon."""

import re

import pytest

from .conftest import toc_pages

PAGES = toc_pages()
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}

TEXT = r"""() => {
  const main = document.querySelector('main') || document.body;
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest('script,style,template,.p44-chart-plot')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    out.push({text: n.textContent, size: parseFloat(getComputedStyle(el).fontSize),
              code: !!el.closest('code,pre,kbd,.p44-dictionary,.p44-datapackage,.p44-bibtex,.p44-table-step'), link: !!el.closest('a')});
  }
  return out;
}"""


# In a card, each cell's label sits at its start and the value beside it: no part of the value may
# start in the label's column (6rem of the 7.5rem it takes).
UNDER_LABELS = r"""() => {
  const out = [];
  const range = document.createRange();
  for (const td of document.querySelectorAll('table.p44-table td[data-label]')) {
    if (getComputedStyle(td).display === 'table-cell' || getComputedStyle(td, '::before').content === 'none') continue;
    const box = td.getBoundingClientRect();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    range.selectNodeContents(td);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.left < box.left + 6 * rem) { out.push(td.dataset.label + ': ' + td.textContent.trim().slice(0, 40)); break; }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module", params=[(v, m) for v in VIEWPORTS for m in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def reader(request, browser, site_url):
    name, mode = request.param
    w, h = VIEWPORTS[name]
    ctx = browser.new_context(viewport={"width": w, "height": h}, color_scheme=mode)
    ctx.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page = ctx.new_page()
    seen = {}

    def measure(path):
        """Everything the checks read from one page, loaded once per viewport and mode."""
        if path not in seen:
            page.goto(f"{site_url}/{path}", wait_until="load")
            seen[path] = {
                "width": page.evaluate("document.documentElement.scrollWidth"),
                "texts": page.evaluate(TEXT),
                # a table wider than its column, unless its key (first) column stays in view as the rest scrolls
                "wide_tables": page.locator(".p44-table-wrap").evaluate_all(
                    "ws => ws.filter(w => w.scrollWidth > w.clientWidth + 1)"
                    ".filter(w => { const td = w.querySelector('tbody td'); return !td || getComputedStyle(td).position !== 'sticky'; })"
                    ".map(w => (w.querySelector('caption') || {}).textContent)"
                ),
                # a caption narrower than half its table (one word a line) next to its own table's width
                "squeezed_captions": page.locator("table caption").evaluate_all(
                    "cs => cs.filter(c => c.getBoundingClientRect().width < 0.5 * c.closest('table').getBoundingClientRect().width)"
                    ".map(c => c.textContent)"
                ),
                "under_labels": page.evaluate(UNDER_LABELS),
            }
        return seen[path]

    yield name, measure
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways(reader, path):
    name, measure = reader
    width = measure(path)["width"]
    assert width <= VIEWPORTS[name][0], f"{path} is {width} px wide at {name} width"


@pytest.mark.parametrize("path", PAGES)
def test_no_text_smaller_than_11_px(reader, path):
    _, measure = reader
    small = [(t["text"][:30], t["size"]) for t in measure(path)["texts"] if t["size"] < 11]
    assert small == []


@pytest.mark.parametrize("path", PAGES)
def test_no_table_hides_columns(reader, path):
    name, measure = reader
    wide = measure(path)["wide_tables"]
    assert wide == [], "key columns must be in view without scrolling (on a phone, tables are cards)"


@pytest.mark.parametrize("path", PAGES)
def test_no_table_caption_is_squeezed_to_a_word_a_line(reader, path):
    _, measure = reader
    assert measure(path)["squeezed_captions"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_value_in_a_card_starts_under_the_labels(reader, path):
    _, measure = reader
    assert measure(path)["under_labels"] == []


@pytest.mark.parametrize("path", [p for p in PAGES if p != "book/data.html"])
def test_no_jargon_or_raw_ids_for_readers(reader, path):
    """snake_case names and internal ids appear only in code, in the data dictionary, or as links."""
    _, measure = reader
    texts = measure(path)["texts"]
    snake, ids = set(), set()
    for t in texts:
        if t["code"] or (t["link"] and t["text"].strip().startswith("http")):  # code, and addresses shown as links
            continue
        snake |= {m for m in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?!\.(?:csv|jsonld|jsonl|json|txt))", t["text"])}
        if not t["link"]:
            ids |= set(re.findall(r"\b(?:C\d{3}-\d{2}|F-C\d{3}[-+\dC]*|(?:DAT|TRP|CAS|DST|PAR|D|F)-\d+(?:\.\d)?)\b|\w~\w", t["text"]))
    assert snake == set() and ids == set()


def test_the_checks_see_the_page(reader):
    """Guard: the text the checks read is the page's (a reader sees hundreds of words on the ledger)."""
    _, measure = reader
    assert len(measure("book/ledger.html")["texts"]) > 500
