"""What a newsroom takes from the book works where it is put: each figure's embed code, pasted into another
site's page, shows the whole figure at a phone's and a desktop's width (and, without script, is never cut off
and links back to the figure); every page offers "Report an error"; the Corrections page lists every version.

The embed code is taken from the figure page's "Copy embed code" button, exactly as a reader copies it, and
pasted into a page of another site (https://newsroom.example): the book's own address (html.baseurl) is
answered from the built site, so the frame is cross-origin, as it is for a real host, and nothing leaves the machine.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .conftest import ROOT, SITE, toc_pages

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASE = CONFIG["html"]["baseurl"].rstrip("/") + "/"
REPOSITORY = CONFIG["repository"]["url"].rstrip("/")
HOST = "https://newsroom.example/story.html"
FIGURES = sorted(p.name.removesuffix(".metadata.json") for p in (ROOT / "figures").glob("fig-*.metadata.json"))
WIDTHS = [390, 1280]


def _meta(name: str) -> dict:
    return json.loads((ROOT / "figures" / f"{name}.metadata.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def embed_codes(browser, site_url):
    """Each figure's embed code, as its page's "Copy embed code" button holds it."""
    codes = {}
    page = browser.new_page()
    for name in FIGURES:
        path = _meta(name)["url"].removeprefix(BASE).split("#")[0]
        page.goto(f"{site_url}/{path}", wait_until="load")
        button = page.locator(f"figure#{name} + .p44-reuse button.p44-copy", has_text="Copy embed code")
        assert button.count() == 1, f"{name}: no embed code under the figure"
        codes[name] = button.get_attribute("data-copy")
    page.close()
    return codes


def _host(browser, code: str, width: int, script: bool = True):
    """A page of another site with the embed code pasted in an article, at a screen width."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=script)
    offsite = []

    def answer(route):
        url = route.request.url
        if url == HOST:
            body = (
                '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<title>A story</title></head><body style="margin:0 16px"><p>The story so far.</p>{code}<p>The story goes on.</p></body></html>'
            )
            route.fulfill(body=body, content_type="text/html; charset=utf-8")
        elif url.startswith(BASE) and (SITE / urlsplit(url).path.removeprefix(urlsplit(BASE).path)).is_file():
            route.fulfill(path=SITE / urlsplit(url).path.removeprefix(urlsplit(BASE).path))
        else:
            offsite.append(url)
            route.abort()

    context.route("**/*", answer)
    page = context.new_page()
    page.goto(HOST, wait_until="load")
    return context, page, offsite


# What the embedded page measures: the height of its document (at least the frame's, if taller) and of its content.
MEASURE = "() => ({scroll: document.documentElement.scrollHeight, content: document.documentElement.getBoundingClientRect().height, "
MEASURE += "drawn: [...document.images].every(i => i.complete && i.naturalWidth > 0)})"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FIGURES)
def test_an_embedded_figure_fits_its_frame(browser, embed_codes, name, width):
    context, page, offsite = _host(browser, embed_codes[name], width)
    iframe = page.locator(f"iframe[data-paris1944-embed='{name}']")
    assert iframe.count() == 1, "the embed code is one frame"
    frame = iframe.element_handle().content_frame()
    frame.wait_for_load_state("load")
    for _ in range(100):  # the drawing loads, the page sends its height, the frame takes it
        height = iframe.evaluate("f => f.getBoundingClientRect().height")
        inside = frame.evaluate(MEASURE)  # after the frame's height: a document is never shorter than its frame
        if inside["drawn"] and abs(height - inside["content"]) <= 10 and abs(height - inside["scroll"]) <= 10:
            break
        page.wait_for_timeout(100)
    context.close()
    assert inside["drawn"], "the drawing loaded"
    assert abs(height - inside["scroll"]) <= 10, f"frame {height} px, its document {inside['scroll']} px"
    assert abs(height - inside["content"]) <= 10, f"frame {height} px, the figure and its caption {inside['content']} px"
    assert offsite == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FIGURES)
def test_without_script_an_embed_is_not_cut_off_and_links_to_its_figure(browser, embed_codes, name, width):
    context, page, _ = _host(browser, embed_codes[name], width, script=False)
    iframe = page.locator(f"iframe[data-paris1944-embed='{name}']")
    frame = iframe.element_handle().content_frame()
    frame.wait_for_load_state("load")
    height = iframe.evaluate("f => f.getBoundingClientRect().height")
    content = frame.evaluate("() => document.documentElement.getBoundingClientRect().height")
    back = frame.locator("figcaption a", has_text="See it in the book")
    visible, href = back.is_visible(), back.get_attribute("href")
    context.close()
    assert content <= height, f"{content} px of figure in a {height} px frame: cut off"
    assert height - content < 1500, "not absurdly tall either"
    assert visible and href == _meta(name)["url"]


def test_the_embed_code_is_small_and_escapes_the_title(embed_codes):
    for name, code in embed_codes.items():
        assert code.count("<iframe") == 1 and code.count("<script>") == 1 and len(code) < 1200, name
        title = re.search(r'title="([^"]*)"', code).group(1)
        assert "<" not in title and ">" not in title, name


# ------------------------------------------------------------------ report an error
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_offers_report_an_error_with_the_page_filled_in(browser, site_url, width, mode):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    problems = []
    for path in toc_pages():  # the search page (the theme's own template) has no content to be wrong
        page.goto(f"{site_url}/{path}", wait_until="load")
        link = page.locator(".p44-report a.p44-report-link")
        if link.count() != 1:
            problems.append(f"{path}: {link.count()} links")
            continue
        link.scroll_into_view_if_needed()
        href = link.get_attribute("href")
        query = parse_qs(urlsplit(href).query)
        if not (link.is_visible() and link.inner_text() == "Report an error"):
            problems.append(f"{path}: not visible")
        if not href.startswith(f"{REPOSITORY}/issues/new?"):
            problems.append(f"{path}: {href}")
        if query.get("title") != [f"Error on {path.removesuffix('.html')}"] or f"{BASE}{path}" not in query.get("body", [""])[0]:
            problems.append(f"{path}: the page is not filled in: {query}")
    context.close()
    assert problems == []


def test_every_finding_card_has_its_own_report_link(visit):
    v = visit("book/findings.html")
    cards = v.page.locator("article.p44-finding")
    assert cards.count() > 0
    for i in range(cards.count()):
        fid = cards.nth(i).get_attribute("id")
        href = cards.nth(i).locator(".p44-tools a.p44-report-link").get_attribute("href")
        query = parse_qs(urlsplit(href).query)
        # the same repository as the page's link (CITATION.cff's repository-code and _config.yml's repository.url)
        assert href.startswith(f"{REPOSITORY}/issues/new?"), href
        assert query["title"] == [f"Error in finding {fid}"] and f"findings.html#{fid}" in query["body"][0]


# ------------------------------------------------------------------ corrections
def test_the_corrections_page_lists_every_version_of_the_changelog(visit):
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## v?(\S+) \((\d{4}-\d{2}-\d{2})\)", changelog, re.M)
    assert versions
    v = visit("book/corrections.html")
    headings = v.page.locator("section[id^='version-'] > h2").all_inner_texts()
    assert [re.match(r"Version (\S+),", h).group(1) for h in headings] == [version for version, _ in versions]
    years = [day[:4] for _, day in versions]
    assert all(year in h for year, h in zip(years, headings)), "each version with its date"
    assert v.page.locator("section[id^='version-'] li").count() >= len(versions)
    assert v.console_errors == [] and v.failed == []
