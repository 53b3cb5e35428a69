"""What a reader's browser sees, on every page of the table of contents."""

import csv
import io
import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, SITE, toc_pages

PAGES = toc_pages()
NOTEBOOK_PAGES = [p for p in PAGES if p.startswith("notebooks/")]
# The chapters that draw figures (a code cell with a figure name in its metadata).
CHART_PAGES = [p for p in NOTEBOOK_PAGES if '"figure"' in (ROOT / p.replace(".html", ".ipynb")).read_text(encoding="utf-8")]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url) as r:
        assert r.status == 200, url
        return r.read()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_offline(visit, path):
    v = visit(path)
    assert v.response.status == 200
    v.page.wait_for_load_state("networkidle")
    assert v.console_errors == []
    assert v.failed == []
    assert v.offsite == [], "every asset must ship with the build"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_turns_interactive_and_only_one_version_shows(visit, path):
    v = visit(path)
    charts = v.page.locator(".p44-chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        img = chart.locator(".p44-chart-static img")
        assert img.get_attribute("alt"), "every chart needs alt text"
        chart.scroll_into_view_if_needed()  # drawings load as the reader nears them
        v.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle(), timeout=10000)
        chart.locator(".p44-chart-static").click()
        v.page.wait_for_function("el => el.dataset.state === 'drawn'", arg=chart.element_handle(), timeout=30000)
        assert not chart.locator(".p44-chart-static").is_visible(), "after a tap, the static drawing goes"
        assert chart.locator(".p44-chart-plot").is_visible()
        assert chart.locator(".p44-chart-plot .main-svg").count() >= 1
        sizes = chart.locator(".p44-chart-plot text").evaluate_all(
            "els => els.filter(e => e.getBBox().width > 0).map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 9, f"interactive text at {min(sizes)} px"
    assert v.console_errors == [] and v.failed == [] and v.offsite == []


def test_the_interactive_chart_is_dark_in_dark_mode(browser, site_url):
    ctx = browser.new_context(color_scheme="dark")
    ctx.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = ctx.new_page()
    page.goto(f"{site_url}/notebooks/02-chronology.html", wait_until="load")
    chart = page.locator(".p44-chart").first
    assert "-dark.svg" in chart.locator(".p44-chart-static img").evaluate("img => img.currentSrc")
    chart.locator(".p44-chart-open").click()
    page.wait_for_function("el => el.dataset.state === 'drawn'", arg=chart.element_handle(), timeout=30000)
    bg = chart.locator(".p44-chart-plot .main-svg").first.evaluate("el => getComputedStyle(el).backgroundColor")
    ctx.close()
    assert bg in ("rgb(18, 18, 18)", "rgba(18, 18, 18, 1)"), bg


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_figure_has_its_reuse_block(visit, path):
    v = visit(path)
    figures = v.page.locator("figure[id^='fig-']")
    assert figures.count() >= 1
    for i in range(figures.count()):
        fig_id = figures.nth(i).get_attribute("id")
        block = v.page.locator(f"figure#{fig_id} + .p44-reuse")
        assert block.count() == 1, f"{fig_id} has no reuse block"
        hrefs = [a.get_attribute("href") for a in block.locator(".p44-downloads a").all()]
        kinds = sorted(h.rsplit(".", 1)[1] for h in hrefs if "/figures/" in h or h.startswith("../figures/"))
        assert kinds == ["csv", "json", "png", "svg", "zip"], hrefs
        for href in hrefs:
            if "figures/" not in href:
                continue
            body = _get(v.page.evaluate("h => new URL(h, document.baseURI).href", href))
            if href.endswith(".csv"):
                assert not body.startswith(b"\xef\xbb\xbf"), "plain UTF-8 is the default download"
                rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
                assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
        block.scroll_into_view_if_needed()  # laid out as the reader nears it, a frame later
        expect(block.locator(".p44-credit")).to_contain_text("CC BY 4.0", use_inner_text=True)
        credit = block.locator(".p44-credit").inner_text()
        assert f"#{fig_id}" in credit and "CC BY 4.0" in credit
        block.locator("summary").click()
        details = block.inner_text()
        assert "@misc{" in details and "<iframe" in details and f"embed/{fig_id}.html" in details
        caption = figures.nth(i).locator("figcaption").inner_text()
        assert caption.startswith("Fig.") and "Source" in caption


@pytest.mark.parametrize("name", sorted(p.stem for p in (SITE / "embed").glob("fig-*.html")) or ["missing"])
def test_every_embed_page_shows_the_figure_its_credit_and_a_link_back(visit, name):
    assert name != "missing", "no embed pages were built"
    v = visit(f"embed/{name}.html")
    img = v.page.locator("figure img")
    assert img.evaluate("img => img.complete && img.naturalWidth > 0")
    caption = v.page.locator("figcaption")
    assert "CC BY 4.0" in caption.inner_text()
    back = caption.locator("a", has_text="See it in the book").get_attribute("href")
    assert back.endswith(f"#{name}")
    assert v.page.locator("link[rel='canonical']").get_attribute("href") == back
    assert v.failed == [] and v.offsite == []


def test_the_embed_count_matches_the_figures():
    figures = {p.name.removesuffix(".metadata.json") for p in (ROOT / "figures").glob("fig-*.metadata.json")}
    assert figures and figures == {p.stem for p in (SITE / "embed").glob("fig-*.html")}


# ------------------------------------------------------------------ languages
def test_russian_and_arabic_quotes_carry_language_and_direction(visit):
    v = visit("book/source-texts.html")
    assert v.page.locator("[lang='ar'][dir='rtl']").count() >= 10
    assert v.page.locator("[lang='ru']").count() >= 4
    assert v.page.locator(".p44-original[lang='ar']").first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    ledger = visit("book/ledger.html")
    assert ledger.page.locator("td [lang='ar'][dir='rtl']").count() > 0
    assert ledger.page.locator("td [lang='ru']").count() > 0


UNMARKED_SCRIPT = """() => {
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  const bad = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(n.parentElement.tagName)) continue;
    if (n.parentElement.closest('.p44-chart-plot')) continue;
    const t = n.textContent, host = n.parentElement.closest('[lang]');
    const lang = host ? host.getAttribute('lang') : '';
    if (/[\u0600-\u06ff]/.test(t) && !(lang === 'ar' && host.getAttribute('dir') === 'rtl')) bad.push(t.trim().slice(0, 40));
    if (/[\u0400-\u04ff]/.test(t) && lang !== 'ru') bad.push(t.trim().slice(0, 40));
  }
  return bad;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_arabic_or_russian_text_without_its_language(visit, path):
    assert visit(path).page.evaluate(UNMARKED_SCRIPT) == []


# ------------------------------------------------------------------ links, claims, findings
def test_claim_marks_and_ledger_rows_link_both_ways(visit):
    v = visit("book/source-texts.html")
    v.page.locator("a.p44-claim-ref").first.click()
    v.page.wait_for_load_state("load")
    assert "ledger.html#claim-" in v.page.url
    row_id = v.page.url.split("#", 1)[1]
    assert v.page.locator(f"tr#{row_id}").count() == 1
    v.page.locator(f"tr#{row_id} a").first.click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(row_id.replace("claim-", "#mark-"))


@pytest.mark.parametrize("path", ["notebooks/02-chronology.html", "notebooks/03-troops.html", "notebooks/05-findings.html"])
def test_claim_ids_in_tables_are_links(visit, path):
    v = visit(path)
    # (a step of the analysis shows its table as the code has it: ids there are data, set as code)
    plain = v.page.evaluate(r"""() => [...document.querySelectorAll('main table:not(.p44-table-step) td')].flatMap(td =>
        [...td.childNodes].filter(n => n.nodeType === 3 && /\bC\d{3}-\d{2}\b/.test(n.textContent)).map(n => n.textContent))""")
    assert plain == []
    assert v.page.locator("main td a[href*='ledger.html#claim-']").count() > 0


def test_the_ledger_filters_as_you_type_across_its_groups(visit):
    v = visit("book/ledger.html")
    rows = v.page.locator(".p44-ledger-group tbody tr")
    total = rows.count()
    v.page.fill("#p44-ledger-filter", "Choltitz")
    shown = v.page.locator(".p44-ledger-group tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("choltitz" in t.lower() for t in shown.all_inner_texts())
    assert v.page.locator("details.p44-ledger-group[open]").count() >= 1, "a group with a match opens"
    assert f"of {total} claims" in v.page.locator(".p44-filter-count").inner_text()


def test_the_ledger_keeps_only_the_claims_in_a_finding(visit):
    import pandas as pd

    verdicts = pd.read_csv(ROOT / "data" / "derived" / "verdicts.csv", dtype=str, keep_default_na=False)
    v = visit("book/ledger.html")
    v.page.check("#p44-ledger-findings")
    ids = {i.removeprefix("claim-") for i in v.page.locator(".p44-ledger-group tbody tr:not([hidden])").evaluate_all("rs => rs.map(r => r.id)")}
    assert ids == set(verdicts.loc[verdicts["finding_id"] != "", "claim_id"]) != set()


def test_a_link_to_a_claim_opens_its_group(visit):
    v = visit("book/ledger.html#claim-C004-35")
    v.page.wait_for_timeout(300)
    assert v.page.locator("tr#claim-C004-35").is_visible()
    assert v.page.locator("#claim-C004-35").evaluate("r => r.closest('details').open")


def test_the_findings_page_carries_a_claimreview_for_every_published_finding():
    """Parsed out of the built HTML with a JSON-LD processor, as fact-check tools read it; only a finding signed off
    in a review on record (and holding under the default conventions) is offered to them."""
    import pandas as pd
    from pyld import jsonld

    html = (SITE / "book" / "findings.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json" class="p44-claimreview">(.*?)</script>', html, re.S)
    f = pd.read_csv(ROOT / "data" / "derived" / "findings.csv", dtype=str, keep_default_na=False)
    judging = f[(f["gate"] == "published") & f["holds"].str.split().map(lambda h: "default" in h)]
    assert len(blocks) == len(judging) > 0

    def loader(url, options=None):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    S = "https://schema.org/"
    ids = set()
    for block in blocks:
        (node,) = jsonld.expand(json.loads(block), {"documentLoader": loader})
        assert node["@type"] == [S + "ClaimReview"]
        for field in ("claimReviewed", "itemReviewed", "author", "datePublished", "url", "reviewRating"):
            assert S + field in node, field
        url = node[S + "url"][0]["@value"]
        ids.add(url.split("#")[1])
        assert f'id="{url.split("#")[1]}"' in html, "the review's url is the finding's anchor"
    assert ids == set(judging["finding_id"])


def test_front_page_numbers_are_the_findings_tables(visit):
    import pandas as pd

    f = pd.read_csv(ROOT / "data" / "derived" / "findings.csv", dtype=str, keep_default_na=False)
    published = f[(f["gate"] == "published") & f["holds"].str.split().map(lambda h: "default" in h)]
    text = visit("book/index.html").page.locator("main").inner_text()
    assert f"{len(published)} published findings" in text
    for grade in ("major", "minor"):
        n = int((published["severity"] == grade).sum())
        if n:
            assert f"{n} {grade}" in text
    assert text.count("read the finding") == len(published), "the front page lists every published finding"


# ------------------------------------------------------------------ search, citation, Binder, root
def test_search_finds_a_name_from_the_sources_and_opens_at_the_match(visit):
    v = visit("search.html?q=Choltitz")
    v.page.wait_for_selector("#search-results li", timeout=20000)
    results = v.page.locator("#search-results li a")
    assert any("source texts" in r.lower() for r in results.all_inner_texts())
    arabic = visit("search.html?q=" + "شولتيتز")
    arabic.page.wait_for_selector("#search-results li", timeout=20000)
    target = visit("book/source-texts.html?highlight=Choltitz")
    target.page.wait_for_function("() => window.scrollY > 200", timeout=10000)


def test_a_wide_page_shows_one_search_field_not_two(visit):
    """The sidebar holds the search; the theme's top bar used to add a second field above every page."""
    v = visit("book/index.html")  # the default viewport, 1280 px wide
    fields = [f for f in v.page.locator(".search-button-field").all() if f.is_visible()]
    assert len(fields) == 1


def test_table_cells_are_separate_words_in_the_search_index():
    index = (SITE / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    # Sphinx keeps the words of an earlier build with no page ([]) after an incremental one: only live words count.
    glued = [t for t, docs in terms.items() if docs != [] and re.search(r"[a-z]", t) and re.search(r"[\u0600-\u06ff\u0400-\u04ff]", t)]
    assert terms and glued == []


def test_binder_button_opens_the_same_notebook(visit):
    import yaml

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    repo = cfg["repository"]["url"].removeprefix("https://github.com/")
    for path in NOTEBOOK_PAGES:
        href = visit(path).page.locator("a[href*='mybinder.org']").first.get_attribute("href")
        assert href.startswith(f"https://mybinder.org/v2/gh/{repo}/{cfg['repository']['branch']}?")
        assert f"notebooks/{path.removeprefix('notebooks/').removesuffix('.html')}.ipynb" in href


def test_citation_metadata_agrees_with_citation_cff(visit):
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for path in ("book/index.html", "notebooks/02-chronology.html"):
        v = visit(path)

        def meta(name, v=v):
            return v.page.locator(f"meta[name='{name}']").evaluate_all("els => els.map(e => e.content)")

        assert meta("citation_author") == [a["name"] for a in cff["authors"]]
        assert meta("citation_publication_date") == [str(cff["date-released"]).replace("-", "/")]
        assert v.page.locator("meta[property='og:site_name']").get_attribute("content") == cff["title"]
        assert v.page.locator("meta[property='og:image']").get_attribute("content").endswith("figures/fig-timeline.png")
    cite = visit("book/cite.html").page.locator(".p44-citation").inner_text()
    assert cff["title"] in cite and f"version {cff['version']}" in cite and "@book{" in cite


def test_the_root_address_is_a_real_page_with_its_card(visit):
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    html = (SITE / "index.html").read_text(encoding="utf-8")
    for needle in (
        f"<title>{cff['title']}</title>",
        'property="og:title"',
        'property="og:image"',
        'rel="canonical"',
        'name="description"',
        "book/index.html",
    ):
        assert needle in html, needle
    v = visit("index.html")
    v.page.wait_for_url("**/book/index.html", timeout=10000)


def test_sitemap_lists_every_page():
    sitemap = (SITE / "sitemap.xml").read_text(encoding="utf-8")
    for path in PAGES:
        assert path in sitemap


def test_the_theme_scripts_run_when_the_reader_first_does_anything(visit):
    """They are not run with the page (a long page would wait for them), but the first scroll runs them."""
    v = visit("book/ledger.html")
    v.page.wait_for_timeout(1000)
    assert v.page.evaluate("() => !window.bootstrap"), "not while the page loads"
    v.page.mouse.wheel(0, 400)
    v.page.wait_for_function("() => window.bootstrap && window.bootstrap.Tooltip", timeout=15000)
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('[data-bs-toggle=tooltip]')].some(b => window.bootstrap.Tooltip.getInstance(b))", timeout=15000
    )
    assert v.console_errors == [] and v.failed == []


def test_a_click_on_the_theme_switch_before_the_theme_scripts_run_is_not_lost(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    held = []
    page.route("**/_static/scripts/bootstrap.js*", lambda route: held.append(route))  # held until released
    page.goto(f"{site_url}/book/ledger.html", wait_until="load")
    before = page.evaluate("document.documentElement.dataset.mode")
    page.locator(".theme-switch-button:visible").first.click()
    page.wait_for_timeout(300)
    assert held, "the theme's scripts are requested at the first click"
    assert page.evaluate("document.documentElement.dataset.mode") == before, "nothing can switch the theme yet"
    for route in held:
        route.continue_()
    page.wait_for_function(f"() => document.documentElement.dataset.mode !== {before!r}", timeout=10000)
    context.close()


def test_the_search_shortcut_before_the_theme_scripts_run_opens_the_search(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    held = []
    page.route("**/_static/scripts/bootstrap.js*", lambda route: held.append(route))
    page.goto(f"{site_url}/book/findings.html", wait_until="load")
    page.keyboard.press("Control+k")
    page.wait_for_timeout(300)
    assert held and not page.evaluate("document.getElementById('pst-search-dialog').open")
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.getElementById('pst-search-dialog').open", timeout=10000)
    context.close()


def test_the_ledger_gives_the_reviewers_reason_beside_every_withheld_verdict():
    """'Verdict withheld on review' alone would leave a reader guessing: the row carries the review and its words."""
    import pandas as pd

    reviews = pd.read_csv(ROOT / "data" / "claim_reviews.csv", dtype=str, keep_default_na=False)
    latest = reviews.drop_duplicates("claim_id", keep="last")  # the latest review of a claim rules
    held = latest[latest["outcome"] == "withheld"]
    assert len(held)
    page = (SITE / "book" / "ledger.html").read_text(encoding="utf-8")
    for r in held.itertuples():
        row = page[page.index(f'id="claim-{r.claim_id}"') :]
        row = re.sub(r"<[^>]+>", "", row[: row.index("</tr>")])  # ids in the note are links
        assert f"Review {r.review_id} withheld the verdict" in row, r.claim_id
