"""What a reader's browser sees, on every page of the table of contents."""

import pytest

from .conftest import toc_pages

PAGES = toc_pages()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_offline(visit, path):
    v = visit(path)
    assert v.response.status == 200
    v.page.wait_for_load_state("networkidle")
    assert v.console_errors == []
    assert v.failed == []
    assert v.offsite == [], "every asset must ship with the build"


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_draws_from_the_local_plotly(visit, path):
    v = visit(path)
    charts = v.page.locator(".p44-chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        static = chart.locator("img.p44-chart-static")
        assert static.get_attribute("alt"), "every chart needs alt text"
        assert static.evaluate("img => img.complete && img.naturalWidth > 0"), "static image missing"
        chart.scroll_into_view_if_needed()
        chart.hover()
        v.page.wait_for_function("el => el.dataset.state === 'drawn'", arg=chart.element_handle(), timeout=20000)
        assert chart.locator(".p44-chart-plot .main-svg").count() >= 1
        assert chart.locator(".p44-chart-plot .trace, .p44-chart-plot .point, .p44-chart-plot .bars path").count() > 0
    assert v.console_errors == []
    assert v.failed == []
    assert v.offsite == []


def test_plotly_is_not_loaded_before_a_reader_asks(visit):
    pages_with_charts = [p for p in PAGES if "notebooks/" in p]
    v = visit(pages_with_charts[0])
    v.page.wait_for_load_state("networkidle")
    assert v.page.evaluate("typeof window.Plotly") == "undefined"
    assert v.page.locator(".p44-chart").count() >= 1


def _figure_pages():
    return [p for p in PAGES if p.startswith("notebooks/")]


@pytest.mark.parametrize("path", _figure_pages())
def test_every_figure_has_its_downloads_and_citation(visit, site_url, path):
    import csv
    import io
    import urllib.request

    v = visit(path)
    figures = v.page.locator("figure[id^='fig-']")
    for i in range(figures.count()):
        fig_id = figures.nth(i).get_attribute("id")
        block = v.page.locator(f"figure#{fig_id} + .p44-figure-cite")
        assert block.count() == 1, f"{fig_id} has no download block"
        links = {a.inner_text(): a.get_attribute("href") for a in block.locator("a").all()}
        hrefs = [h for t, h in links.items() if h.endswith((".png", ".svg", ".csv"))]
        assert sorted(h.rsplit(".", 1)[1] for h in hrefs) == ["csv", "png", "svg"]
        for href in hrefs:
            url = v.page.evaluate("h => new URL(h, document.baseURI).href", href)
            with urllib.request.urlopen(url) as r:
                assert r.status == 200
                body = r.read()
            if href.endswith(".csv"):
                rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
                assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
        text = block.inner_text()
        assert "CC BY 4.0" in text
        block.locator("summary").click()
        cite = block.inner_text()
        assert f"#{fig_id}" in cite and "@misc{" in cite and "version" in cite
        caption = figures.nth(i).locator("figcaption").inner_text()
        assert caption.startswith("Fig.") and "Source" in caption


def test_russian_and_arabic_quotes_carry_language_and_direction(visit):
    v = visit("book/source-texts.html")
    assert v.page.locator("[lang='ar'][dir='rtl']").count() >= 10
    assert v.page.locator("[lang='ru'][dir='ltr']").count() >= 4
    arabic = v.page.locator(".p44-original[lang='ar']").first
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    ledger = visit("book/ledger.html")
    assert ledger.page.locator("td[lang='ar'][dir='rtl']").count() > 0
    assert ledger.page.locator("td[lang='ru']").count() > 0
    for page in ("notebooks/02-chronology.html", "notebooks/05-conflicts.html"):
        w = visit(page)
        quotes = w.page.locator("td.p44-quote")
        langs = {quotes.nth(i).get_attribute("lang") for i in range(quotes.count())}
        assert {"en", "ar"} <= langs


# Every run of Arabic or Cyrillic text on a page, quotes and notes alike, sits in an element of its language.
UNMARKED_SCRIPT = """() => {
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  const bad = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(n.parentElement.tagName)) continue;  // chart data, not text
    const t = n.textContent, host = n.parentElement.closest('[lang]');
    const lang = host ? host.getAttribute('lang') : '';
    if (/[\u0600-\u06FF]/.test(t) && !(lang === 'ar' && host.getAttribute('dir') === 'rtl')) bad.push(t.trim().slice(0, 40));
    if (/[\u0400-\u04FF]/.test(t) && lang !== 'ru') bad.push(t.trim().slice(0, 40));
  }
  return bad;
}"""


@pytest.mark.parametrize("path", ["book/source-texts.html", "book/ledger.html", "notebooks/02-chronology.html",
                                  "notebooks/03-troops.html", "notebooks/05-conflicts.html"])
def test_no_arabic_or_russian_text_without_its_language(visit, path):
    assert visit(path).page.evaluate(UNMARKED_SCRIPT) == []


def test_claim_marks_and_ledger_rows_link_both_ways(visit):
    v = visit("book/source-texts.html")
    ref = v.page.locator("a.p44-claim-ref").first
    ref.click()
    v.page.wait_for_load_state("load")
    assert "ledger.html#claim-" in v.page.url
    row_id = v.page.url.split("#", 1)[1]
    assert v.page.locator(f"tr#{row_id}").count() == 1
    v.page.locator(f"tr#{row_id} a").first.click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(row_id.replace("claim-", "#mark-"))


def test_the_ledger_filters_as_you_type(visit):
    v = visit("book/ledger.html")
    rows = v.page.locator("#p44-ledger-table tbody tr")
    total = rows.count()
    v.page.fill("#p44-ledger-filter", "Choltitz")
    visible = v.page.locator("#p44-ledger-table tbody tr:not([hidden])").count()
    assert 0 < visible < total
    assert "of" in v.page.locator(".p44-filter-count").inner_text()


def test_search_finds_a_name_from_the_sources(visit):
    v = visit("search.html?q=Choltitz")
    v.page.wait_for_selector("#search-results li", timeout=20000)
    results = v.page.locator("#search-results li a").all_inner_texts()
    assert any("source texts" in r.lower() for r in results), results
    arabic = visit("search.html?q=" + "شولتيتز")
    arabic.page.wait_for_selector("#search-results li", timeout=20000)


def test_binder_button_opens_the_same_notebook(visit):
    import yaml

    from .conftest import ROOT

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = cfg["repository"]["url"].removeprefix("https://github.com/")
    for path in _figure_pages():
        v = visit(path)
        href = v.page.locator("a[href*='mybinder.org']").first.get_attribute("href")
        name = path.removeprefix("notebooks/").removesuffix(".html")
        assert href.startswith(f"https://mybinder.org/v2/gh/{repo}/{cfg['repository']['branch']}?")
        assert f"notebooks/{name}.ipynb" in href


def test_citation_metadata_agrees_with_citation_cff(visit):
    import yaml

    from .conftest import ROOT

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for path in ("book/index.html", "notebooks/02-chronology.html"):
        v = visit(path)
        meta = lambda name: v.page.locator(f"meta[name='{name}']").evaluate_all("els => els.map(e => e.content)")  # noqa: E731
        assert meta("citation_author") == [a["name"] for a in cff["authors"]]
        assert meta("citation_publication_date") == [str(cff["date-released"]).replace("-", "/")]
        title = meta("citation_title")[0]
        assert title == cff["title"] or meta("citation_inbook_title") == [cff["title"]]
        assert v.page.locator("meta[property='og:title']").count() == 1
        assert v.page.locator("meta[property='og:site_name']").get_attribute("content") == cff["title"]
        assert v.page.locator("meta[property='og:image']").get_attribute("content").endswith("figures/fig-timeline.png")
    cite = visit("book/cite.html").page.locator(".p44-citation").inner_text()
    assert cff["title"] in cite and f"version {cff['version']}" in cite
    assert cff["authors"][0]["name"] in cite
    # One address for the book everywhere: CITATION.cff, its preferred citation, the cite page, the build's base URL.
    assert cff["url"] == cff["preferred-citation"]["url"] and cff["preferred-citation"]["type"] == "book"
    assert f"url = {{{cff['url']}}}" in cite and "@book{" in cite
    assert yaml.safe_load((ROOT / "_config.yml").read_text())["html"]["baseurl"] == cff["url"]


def test_sitemap_lists_every_page():
    from .conftest import SITE

    sitemap = (SITE / "sitemap.xml").read_text(encoding="utf-8")
    for path in PAGES:
        assert path in sitemap
