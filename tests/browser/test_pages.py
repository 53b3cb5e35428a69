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
