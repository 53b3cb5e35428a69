"""Charts as a reader meets them at 390 px and 1280 px, light and dark: a swipe on an interactive chart
scrolls the page, no label covers another, text is at least 12 px, the interactive chart keeps the
static one's title, names and key, and the theme does not dim charts drawn for dark mode."""

import pytest

from .conftest import toc_pages

CHART_PAGES = [p for p in toc_pages() if p.startswith("notebooks/0") and not p.startswith(("notebooks/01", "notebooks/06"))]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}

# Text boxes of a drawn chart (the interactive SVG), in page coordinates, with their size in px.
TEXTS = r"""el => [...el.querySelectorAll('text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height, size: parseFloat(getComputedStyle(t).fontSize)};
}).filter(t => t.text && t.w > 0 && t.h > 0)"""


@pytest.fixture(scope="module", params=[(v, m) for v in VIEWPORTS for m in ("light", "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def drawn(request, browser, site_url):
    """Each chart page with every chart turned interactive, once per viewport and mode."""
    name, mode = request.param
    w, h = VIEWPORTS[name]
    ctx = browser.new_context(viewport={"width": w, "height": h}, color_scheme=mode, has_touch=name == "phone", is_mobile=name == "phone")
    ctx.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page = ctx.new_page()
    seen = {}

    def load(path):
        if path not in seen:
            page.goto(f"{site_url}/{path}", wait_until="load")
            filters = page.locator(".p44-chart-static img").evaluate_all("imgs => imgs.map(i => getComputedStyle(i).filter)")
            page.evaluate("window.paris1944Charts.drawAll()")
            page.wait_for_function("[...document.querySelectorAll('.p44-chart')].every(c => c.dataset.state === 'drawn')", timeout=60000)
            charts = page.locator(".p44-chart")
            seen[path] = {
                "filters": filters,
                "charts": [
                    {
                        "texts": charts.nth(i).locator(".p44-chart-plot").evaluate(TEXTS),
                        "spec": charts.nth(i).locator(".p44-chart-spec").evaluate("s => JSON.parse(s.textContent)"),
                    }
                    for i in range(charts.count())
                ],
            }
        return seen[path]

    yield name, mode, page, load
    ctx.close()


def overlaps(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_chart_label_covers_another(drawn, path):
    for chart in drawn[3](path)["charts"]:
        texts = chart["texts"]
        hits = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1 :] if overlaps(a, b)]
        assert hits == [], f"{drawn[0]}: labels collide: {hits[:5]}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_at_least_12_px(drawn, path):
    for chart in drawn[3](path)["charts"]:
        small = sorted({(t["size"], t["text"]) for t in chart["texts"] if t["size"] < 12})
        assert small == [], f"{drawn[0]}: chart text under 12 px: {small[:5]}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_interactive_chart_keeps_the_title_and_the_key(drawn, path):
    for chart in drawn[3](path)["charts"]:
        shown = " ".join(t["text"] for t in chart["texts"])
        title = chart["spec"]["layout"]["title"]["text"].replace("<br>", " ")
        assert title.split()[:4] == shown.split()[: len(title.split()[:4])] or " ".join(title.split()[:4]) in shown, "the chart's title is drawn"
        keyed = [t["name"] for t in chart["spec"]["data"] if t.get("showlegend", True) and t.get("name")]
        assert keyed, "the chart has a key"
        for name in keyed:
            assert name in shown, f"key entry {name!r} is not drawn"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_theme_does_not_dim_charts(drawn, path):
    assert set(drawn[3](path)["filters"]) == {"none"}


def swipe(page, cdp, x: float, y: float, distance: int = 300) -> float:
    """A finger drawn up the screen from (x, y): how far the page scrolled."""
    before = page.evaluate("scrollY")
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for k in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * k / 10}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(300)
    return page.evaluate("scrollY") - before


@pytest.mark.parametrize("path", CHART_PAGES)
def test_a_swipe_on_an_interactive_chart_scrolls_the_page(drawn, path):
    name, _, page, load = drawn
    if name != "phone":
        pytest.skip("touch: the phone")
    load(path)
    cdp = page.context.new_cdp_session(page)
    page.evaluate("scrollTo(0, 0)")
    assert swipe(page, cdp, 200, 500) >= 200, "a swipe on the text scrolls (the check can see a scroll)"
    for i in range(page.locator(".p44-chart").count()):
        plot = page.locator(".p44-chart-plot").nth(i)
        plot.scroll_into_view_if_needed()
        box = plot.bounding_box()
        y = max(box["y"], 80) + min(box["height"], 500) / 2
        assert swipe(page, cdp, box["x"] + box["width"] / 2, y) >= 200, "a swipe that starts on the chart must scroll the page"
