"""axe-core on every page, in light and dark mode: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import toc_pages

PAGES = [*toc_pages(), "search.html"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(browser, site_url, axe, path, mode):
    context = browser.new_context()
    # The theme reads the reader's choice of mode from localStorage before drawing.
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    page.goto(f"{site_url}/{path}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    # every region that scrolls is made reachable by keyboard once the page is idle (page.js): axe reads it then
    page.wait_for_function("document.documentElement.dataset.p44Scrollers === 'ready'", timeout=10000)
    results = axe.run(page).response
    context.close()
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"] if v["impact"] in BLOCKING]
    assert blocking == []


def test_the_axe_check_can_fail(browser, site_url, axe):
    """Guard: a page with a known violation is reported."""
    page = browser.new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"><button></button></main></body></html>')
    ids = {v["id"] for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING}
    page.close()
    assert {"image-alt", "button-name"} <= ids
