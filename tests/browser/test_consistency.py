"""One claim, one status, on every page a reader opens; a count in a caption is the rows under it.

Read from the rendered pages (the text a reader sees), not from attributes added for the test."""

import csv
import re

import pytest

from .conftest import ROOT, toc_pages

# Every table row that names a claim and a status: (page, claim id, status text).
PAIRS = r"""() => {
  const out = [];
  for (const table of document.querySelectorAll('table.p44-table')) {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const claim = heads.indexOf('Claim'), status = heads.indexOf('Status');
    if (claim < 0 || status < 0) continue;
    for (const tr of table.querySelectorAll('tbody tr')) {
      const cells = tr.querySelectorAll('td');
      out.push([cells[claim].textContent.trim(), cells[status].textContent.trim()]);
    }
  }
  return out;
}"""
CAPTIONS = r"""() => [...document.querySelectorAll('table.p44-table')]
  .map(t => [t.querySelector('caption').textContent, t.querySelectorAll('tbody tr').length])"""


def _rows(name: str) -> list[dict]:
    with open(ROOT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def pages(browser, site_url):
    page = browser.new_context().new_page()
    seen = {}
    for path in toc_pages():
        page.goto(f"{site_url}/{path}", wait_until="load")
        seen[path] = {"pairs": page.evaluate(PAIRS), "captions": page.evaluate(CAPTIONS)}
    page.context.close()
    return seen


def test_every_claim_reads_the_same_status_on_every_page(pages):
    words = {r["words"]: r["status"] for r in _rows("data/vocabulary/statuses.csv")}
    outcome = {r["claim_id"]: r["outcome"] for r in _rows("data/derived/verdicts.csv")}
    seen: dict[str, set] = {}
    for path, got in pages.items():
        for claim, text in got["pairs"]:
            status = next((s for w, s in words.items() if text.startswith(w)), None)
            assert status, f"{path}: {claim}'s status {text!r} is not in the words of statuses.csv"
            seen.setdefault(claim, set()).add((status, path))
    assert len(seen) == len(outcome), "the ledger shows every claim"
    for claim, found in seen.items():
        statuses = {s for s, _ in found}
        assert statuses == {outcome[claim]}, f"{claim}: {sorted(found)} (verdicts.csv: {outcome[claim]})"


COUNTED = re.compile(r"\((\d[\d,]*) (claims?|findings?|figures?|rows?)\b")


def test_a_count_in_a_caption_is_the_rows_under_it(pages):
    checked = 0
    for path, got in pages.items():
        for caption, n in got["captions"]:
            m = COUNTED.search(caption)
            if m:
                checked += 1
                assert int(m.group(1).replace(",", "")) == n, f"{path}: {caption!r} over {n} rows"
    assert checked > 0
