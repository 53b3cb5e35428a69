"""Windows: every rule of analysis/windows.py under each variant of the conventions.

Each expectation is computed by hand from the values in data/conventions.csv and
data/units.csv, read here with the csv module; no number that lives in those tables
is written down in this file except as an expectation derived from them (and then
the comment says how).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict

import builders
import pytest
from builders import DATA, o, one, pair, read_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from paris1944.analysis.conventions import VARIANTS, Conventions
from paris1944.analysis.windows import (
    DAYS_PER_MONTH,
    INF,
    RELATIVE,
    Window,
    Windows,
    first_day,
    iso,
    last_day,
    months_earlier,
    rounding,
    span_gap,
    stated_span,
)
from paris1944.evidence import package


# ------------------------------------------------------------------ fixtures and builders
# table (data/conventions.csv keyed by convention), conventions, units and real (the pipeline's analysis of
# the real data) are session fixtures of conftest.py; one, pair, o and read_csv come from builders.py.
@pytest.fixture(scope="session")
def unit_rows() -> dict[str, dict[str, str]]:
    return {r["unit"]: r for r in read_csv(DATA / "units.csv")}


def claim(claim_id="C9-01", **kw):
    """builders.claim with this module's defaults: claim C9-01 of source S9 on test_subject."""
    return builders.claim(claim_id, source="S9", subject="test_subject", **kw)


def ref(ref_id="R9-01", **kw):
    """builders.ref with this module's defaults: reference R9-01 (fact R9-01) on test_subject."""
    return builders.ref(ref_id, subject="test_subject", **kw)


def windows_for(conventions, units, variant, *claims) -> Windows:
    return Windows(conventions, variant, {c.claim_id: c for c in claims}, units)


def figure(conventions, units, variant, **kw) -> Window | None:
    kw.setdefault("category", "count")
    kw.setdefault("unit", "people")
    return windows_for(conventions, units, variant).figure(claim(**kw))


def contains(outer: Window, inner: Window) -> bool:
    return outer.lo <= inner.lo and inner.hi <= outer.hi


# ------------------------------------------------------------------ small helpers
def test_stated_span_of_a_day_a_month_a_leap_february_and_a_year():
    assert stated_span("1944-08-25") == (o("1944-08-25"), o("1944-08-25"))
    assert stated_span("1944-08") == (o("1944-08-01"), o("1944-08-31"))
    assert stated_span("1944-02") == (o("1944-02-01"), o("1944-02-29"))  # 1944 is a leap year
    assert stated_span("1943-02") == (o("1943-02-01"), o("1943-02-28"))
    assert stated_span("1944") == (o("1944-01-01"), o("1944-12-31"))
    assert stated_span("1944-08-19", "1944-08-25") == (o("1944-08-19"), o("1944-08-25"))
    assert stated_span("1944-06", "1944-08") == (o("1944-06-01"), o("1944-08-31"))


def test_first_and_last_day():
    assert first_day("1944") == dt.date(1944, 1, 1) and last_day("1944") == dt.date(1944, 12, 31)
    assert first_day("1944-09") == dt.date(1944, 9, 1) and last_day("1944-09") == dt.date(1944, 9, 30)


def test_span_gap_is_zero_when_spans_overlap_or_touch_and_symmetric():
    assert span_gap((1, 5), (3, 9)) == 0
    assert span_gap((1, 5), (5, 9)) == 0
    assert span_gap((1, 2), (5, 6)) == 3 == span_gap((5, 6), (1, 2))
    assert span_gap((-INF, 10), (12, INF)) == 2


def test_iso_of_open_and_closed_ends():
    assert iso(o("1944-08-25")) == "1944-08-25"
    assert iso(INF) == "" and iso(-INF) == ""


def test_window_overlap_and_point():
    a = Window(1, 5, "days", "stated")
    assert a.overlaps(Window(5, 8, "days", "stated")) and not a.overlaps(Window(6, 8, "days", "stated"))
    assert Window(3, 3, "days", "stated").point() and not a.point()


def test_months_earlier_keeps_the_day_clamps_it_and_crosses_years():
    assert months_earlier(o("1944-08-19"), 2) == o("1944-06-19")
    assert months_earlier(o("1944-03-31"), 1) == o("1944-02-29")  # no 31 February: its last day
    assert months_earlier(o("1944-01-15"), 2) == o("1943-11-15")
    assert months_earlier(o("1944-08-19"), 1.5) == pytest.approx(o("1944-07-19") - 0.5 * 365.25 / 12)
    assert pytest.approx(365.25 / 12) == DAYS_PER_MONTH


# ------------------------------------------------------------------ stated dates: must not widen
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_day_is_itself_under_every_variant(variant, conventions, units):
    w = windows_for(conventions, units, variant).date(claim(date="1944-08-25"))
    assert (w.lo, w.hi, w.measure, w.convention) == (o("1944-08-25"), o("1944-08-25"), "days", "stated")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "written, first, last",
    [
        pytest.param({"date": "1944-08", "date_precision": "month"}, "1944-08-01", "1944-08-31", id="a_month_covers_all_its_days_and_no_more"),
        pytest.param({"date": "1944", "date_precision": "year"}, "1944-01-01", "1944-12-31", id="a_year_covers_all_its_days"),
        pytest.param({"date": "1944-08-19", "date_end": "1944-08-25"}, "1944-08-19", "1944-08-25", id="a_stated_range_of_days_is_its_own_window"),
    ],
)
def test_a_stated_month_year_or_range_is_its_own_days(variant, written, first, last, conventions, units):
    w = windows_for(conventions, units, variant).date(claim(**written))
    assert (w.lo, w.hi) == (o(first), o(last))


@pytest.mark.parametrize("variant", VARIANTS)
def test_by_covers_everything_up_to_the_end_of_the_date(variant, conventions, units):
    w = windows_for(conventions, units, variant).date(claim(date="1944-08-25", expression="by"))
    assert (w.lo, w.hi, w.convention) == (-INF, o("1944-08-25"), "by")
    month = windows_for(conventions, units, variant).date(claim(date="1944-07", expression="by"))
    assert (month.lo, month.hi) == (-INF, o("1944-07-31"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_around_midnight_covers_the_day_and_the_next(variant, conventions, units):
    w = windows_for(conventions, units, variant).date(claim(date="1944-08-24", expression="around_midnight"))
    assert (w.lo, w.hi, w.convention) == (o("1944-08-24"), o("1944-08-25"), "around_midnight")


@pytest.mark.parametrize("variant", VARIANTS)
def test_early_month_is_the_first_days_of_the_month(variant, table, conventions, units):
    days = one(table, "early_month", variant)
    w = windows_for(conventions, units, variant).date(claim(date="1944-08", expression="early_month"))
    # the 1st of August and the (days - 1) days after it
    assert (w.lo, w.hi, w.convention) == (o("1944-08-01"), o("1944-08-01") + days - 1, "early_month")


def test_early_month_default_reads_the_first_ten_days(table, conventions, units):
    # The table's default for early_month is its 'first third': a month's days 1 to the value given.
    days = int(one(table, "early_month", "default"))
    w = windows_for(conventions, units, "default").date(claim(date="1944-08", expression="early_month"))
    assert iso(w.hi) == f"1944-08-{days:02d}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_date_and_no_anchor_gives_no_window(variant, conventions, units):
    assert windows_for(conventions, units, variant).date(claim(date="")) is None


# ------------------------------------------------------------------ relative dates
ANCHOR_DAY = "1944-08-19"


def relative(conventions, units, variant, expression, anchor_date=ANCHOR_DAY, **kw) -> Window | None:
    anchor = claim("C9-00", date=anchor_date)
    c = claim("C9-01", expression=expression, anchor="C9-00", **kw)
    return windows_for(conventions, units, variant, anchor, c).date(c)


def test_every_relative_expression_is_a_convention(table):
    assert set(table) >= RELATIVE


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("expression", ["same_day", "implied", "same_time"])
def test_same_day_implied_and_same_time_are_the_anchors_days(variant, expression, conventions, units):
    w = relative(conventions, units, variant, expression)
    assert (w.lo, w.hi, w.convention) == (o(ANCHOR_DAY), o(ANCHOR_DAY), expression)
    month = relative(conventions, units, variant, expression, anchor_date="1944-08")
    assert (month.lo, month.hi) == (o("1944-08-01"), o("1944-08-31"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_next_day_is_the_day_after_the_anchor(variant, conventions, units):
    w = relative(conventions, units, variant, "next_day")
    assert (w.lo, w.hi) == (o("1944-08-20"), o("1944-08-20"))
    month = relative(conventions, units, variant, "next_day", anchor_date="1944-08")
    assert (month.lo, month.hi) == (o("1944-08-02"), o("1944-09-01"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_following_days_run_from_the_day_after_up_to_the_conventions_count(variant, table, conventions, units):
    days = one(table, "following_days", variant)
    w = relative(conventions, units, variant, "following_days")
    assert (w.lo, w.hi) == (o(ANCHOR_DAY) + 1, o(ANCHOR_DAY) + days)


@pytest.mark.parametrize("variant", VARIANTS)
def test_days_after_runs_fewest_to_most_days_after_the_anchor(variant, table, conventions, units):
    fewest, most = pair(table, "days_after", variant)
    w = relative(conventions, units, variant, "days_after")
    assert (w.lo, w.hi) == (o(ANCHOR_DAY) + fewest, o(ANCHOR_DAY) + most)


@pytest.mark.parametrize("variant", VARIANTS)
def test_before_and_after_are_open_on_one_side(variant, conventions, units):
    before = relative(conventions, units, variant, "before")
    after = relative(conventions, units, variant, "after")
    assert (before.lo, before.hi) == (-INF, o(ANCHOR_DAY))
    assert (after.lo, after.hi) == (o(ANCHOR_DAY), INF)


@pytest.mark.parametrize("variant", VARIANTS)
def test_months_before_is_the_anchor_less_the_months_give_or_take_a_share(variant, table, conventions, units):
    share = one(table, "months_before", variant)
    w = relative(conventions, units, variant, "months_before", amount=2)
    # Two calendar months before 19 August is 19 June; the spread is the share of two average months.
    spread = share * 2 * (365.25 / 12)
    assert (w.lo, w.hi) == (math.floor(o("1944-06-19") - spread), math.ceil(o("1944-06-19") + spread))
    assert w.convention == "months_before"


def test_months_before_strict_excludes_d_day_and_default_includes_it(table, conventions, units):
    """'Two months earlier' than 19 August (C003-06, the real case): D-Day, 6 June, is 13 days before 19 June.
    The strict share of two months is 2 * 30.44 * strict (under 13 days when strict < 0.2136), the default's is
    2 * 30.44 * default (over 13 days when default > 0.2136)."""
    d_day = o("1944-06-06")
    needed = (o("1944-06-19") - d_day) / (2 * 365.25 / 12)  # the share that reaches 6 June
    strict = relative(conventions, units, "strict", "months_before", amount=2)
    default = relative(conventions, units, "default", "months_before", amount=2)
    assert one(table, "months_before", "strict") < needed < one(table, "months_before", "default")
    assert not strict.lo <= d_day <= strict.hi
    assert default.lo <= d_day <= default.hi


@pytest.mark.parametrize("variant", VARIANTS)
def test_months_before_with_a_fraction_of_a_month(variant, table, conventions, units):
    share = one(table, "months_before", variant)
    w = relative(conventions, units, variant, "months_before", amount=1.5)
    centre = o("1944-07-19") - 0.5 * (365.25 / 12)
    spread = share * 1.5 * (365.25 / 12)
    assert (w.lo, w.hi) == (math.floor(centre - spread), math.ceil(centre + spread))


@pytest.mark.parametrize("variant", VARIANTS)
def test_weeks_before_runs_from_most_to_fewest_weeks_before_the_anchor(variant, table, conventions, units):
    fewest, most = pair(table, "weeks_before", variant)
    w = relative(conventions, units, variant, "weeks_before")
    assert (w.lo, w.hi) == (o(ANCHOR_DAY) - 7 * most, o(ANCHOR_DAY) - 7 * fewest)
    assert w.convention == "weeks_before"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("expression", ["during", "between"])
def test_during_and_between_run_from_the_anchor_to_the_end_of_within(variant, expression, conventions, units):
    start = claim("C9-00", date="1944-06-06")
    end = claim("C9-02", date="1944-08-20")
    c = claim("C9-01", expression=expression, anchor="C9-00", within="C9-02")
    w = windows_for(conventions, units, variant, start, end, c).date(c)
    assert (w.lo, w.hi, w.convention) == (o("1944-06-06"), o("1944-08-20"), expression)
    # An end given as a month runs to its last day.
    end_month = claim("C9-02", date="1944-08", date_precision="month")
    w = windows_for(conventions, units, variant, start, end_month, c).date(c)
    assert (w.lo, w.hi) == (o("1944-06-06"), o("1944-08-31"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_between_counts_from_the_named_month_of_an_early_month_anchor(variant, conventions, units):
    """C002-42: between the call to mobilise ('at the beginning of August') and the strike (18 August).
    A relative expression counts from the day (or month) its anchor names, so the start is 1 August."""
    start = claim("C9-00", date="1944-08", expression="early_month")
    end = claim("C9-02", date="1944-08-18")
    c = claim("C9-01", expression="between", anchor="C9-00", within="C9-02")
    w = windows_for(conventions, units, variant, start, end, c).date(c)
    assert (w.lo, w.hi) == (o("1944-08-01"), o("1944-08-18"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_relative_expression_counts_from_the_day_the_anchor_names(variant, conventions, units):
    """C000-10/C000-11/C000-38: 'around midnight of the 24th', 'the next day', 'that day'. The next day counts
    from the day named (the 24th), not from the night's two days, and 'that day' follows a relative anchor."""
    midnight = claim("C9-00", date="1944-08-24", expression="around_midnight")
    nxt = claim("C9-01", expression="next_day", anchor="C9-00")
    same = claim("C9-02", expression="same_day", anchor="C9-01")
    ws = windows_for(conventions, units, variant, midnight, nxt, same)
    assert (ws.date(nxt).lo, ws.date(nxt).hi) == (o("1944-08-25"), o("1944-08-25"))
    assert (ws.date(same).lo, ws.date(same).hi) == (o("1944-08-25"), o("1944-08-25"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_missing_or_undated_anchor_gives_no_window(variant, conventions, units):
    undated = claim("C9-00", date="")
    c = claim("C9-01", expression="next_day", anchor="C9-00")
    assert windows_for(conventions, units, variant, undated, c).date(c) is None
    orphan = claim("C9-01", expression="same_day", anchor="C9-77")
    assert windows_for(conventions, units, variant, orphan).date(orphan) is None
    start = claim("C9-00", date="1944-06-06")
    no_end = claim("C9-01", expression="during", anchor="C9-00", within="C9-77")
    assert windows_for(conventions, units, variant, start, no_end).date(no_end) is None


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_references_after_and_by_count_from_its_own_date(variant, conventions, units):
    ws = windows_for(conventions, units, variant)
    after = ws.date(ref(date="1944-08-07", expression="after"))
    by = ws.date(ref(date="1944-08-21", expression="by"))
    assert (after.lo, after.hi) == (o("1944-08-07"), INF)
    assert (by.lo, by.hi) == (-INF, o("1944-08-21"))


def test_the_next_day_after_a_stated_range_reaches_the_day_after_its_end(conventions, units):
    period = claim("C9-00", date="1944-08-19", date_end="1944-08-25")
    nxt = claim("C9-01", expression="next_day", anchor="C9-00")
    w = windows_for(conventions, units, "default", period, nxt).date(nxt)
    # The anchor's own window is 19-25 August, so the next day must be able to be the 26th (the rule for a month
    # anchor, the day after each of its days, would give 20-26 August; 'the day after the period' gives the 26th).
    # Today the window is 20 August only.
    assert w.hi == o("1944-08-26")


def test_following_days_after_a_relative_anchor_still_nest(conventions, units):
    first = claim("C9-00", date="1944-08-24")
    then = claim("C9-01", expression="following_days", anchor="C9-00")
    after_that = claim("C9-02", expression="following_days", anchor="C9-01")
    got = {v: windows_for(conventions, units, v, first, then, after_that).date(after_that) for v in VARIANTS}
    assert contains(got["default"], got["strict"]) and contains(got["loose"], got["default"]), got


# ------------------------------------------------------------------ figures
@pytest.mark.parametrize("variant", VARIANTS)
def test_exact_stands_for_what_rounds_to_it(variant, table, conventions, units):
    cap = one(table, "exact", variant)
    w = figure(conventions, units, variant, value=226000, expression="exact", unit="casualties", category="casualties")
    # 226,000: the last significant digit is the thousands, half of it is 500 (capped at cap * 226,000).
    half = min(500, 226000 * cap)
    assert (w.lo, w.hi, w.convention, w.measure) == (226000 - half, 226000 + half, "exact", "figure")
    # 226,386 is 386 above: inside exactly when half a unit reaches it
    assert (w.lo <= 226386 <= w.hi) is (half >= 386)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_round_million_is_capped_at_a_share_of_itself(variant, table, conventions, units):
    cap = one(table, "exact", variant)
    w = figure(conventions, units, variant, value=2000000, expression="exact", unit="men", category="troops")
    # Half the unit (500,000) is more than the cap allows: the cap decides.
    assert 2000000 * cap < 500000
    assert (w.lo, w.hi) == pytest.approx((2000000 * (1 - cap), 2000000 * (1 + cap)))
    assert not w.lo <= 1500000 <= w.hi


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_figure_with_a_significant_last_digit_is_a_point(variant, conventions, units):
    w = figure(conventions, units, variant, value=226386, expression="exact")
    assert (w.lo, w.hi) == (226386, 226386) and w.point()
    small = figure(conventions, units, variant, value=4, expression="exact", unit="years")
    assert (small.lo, small.hi) == (4, 4)
    decimal = figure(conventions, units, variant, value=1.5, expression="exact")
    assert (decimal.lo, decimal.hi) == (1.5, 1.5)


@pytest.mark.parametrize("variant", VARIANTS)
def test_rounding_of_a_small_round_figure(variant, table, conventions, units):
    cap = one(table, "exact", variant)
    w = figure(conventions, units, variant, value=150, expression="exact", unit="miles", category="distance")
    assert (w.lo, w.hi) == pytest.approx((150 - min(5, 150 * cap), 150 + min(5, 150 * cap)))


def test_rounding_helper():
    assert rounding(0, 0.05) == 0 and rounding(1.5, 0.05) == 0 and rounding(7, 0.05) == 0
    assert rounding(226000, 0.05) == 500
    assert rounding(2000000, 0.05) == pytest.approx(100000)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_plain_figure_is_read_as_exact(variant, conventions, units):
    plain = figure(conventions, units, variant, value=226000, expression="stated")
    exact = figure(conventions, units, variant, value=226000, expression="exact")
    assert plain == exact


@pytest.mark.parametrize("variant", VARIANTS)
def test_about_is_a_share_either_side(variant, table, conventions, units):
    p = one(table, "about", variant)
    w = figure(conventions, units, variant, value=100000, expression="about")
    assert (w.lo, w.hi, w.convention) == (pytest.approx(100000 * (1 - p)), pytest.approx(100000 * (1 + p)), "about")


@pytest.mark.parametrize("variant", VARIANTS)
def test_nearly_is_up_to_a_share_below_and_never_above(variant, table, conventions, units):
    p = one(table, "nearly", variant)
    w = figure(conventions, units, variant, value=100000, expression="nearly")
    assert (w.lo, w.hi) == (pytest.approx(100000 * (1 - p)), 100000)
    assert not w.lo <= 100001 <= w.hi


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("expression", ["more_than", "at_least"])
def test_more_than_and_at_least_run_from_the_figure_to_a_multiple(variant, expression, table, conventions, units):
    m = one(table, expression, variant)
    w = figure(conventions, units, variant, value=600, expression=expression, unit="barricades")
    assert (w.lo, w.hi, w.convention) == (600, pytest.approx(600 * m), expression)
    assert not w.lo <= 599 <= w.hi


@pytest.mark.parametrize("variant", VARIANTS)
def test_up_to_runs_from_zero(variant, conventions, units):
    w = figure(conventions, units, variant, value=100000, expression="up_to")
    assert (w.lo, w.hi) == (0, 100000)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_range_is_its_own_bounds_whatever_the_variant(variant, conventions, units):
    w = figure(conventions, units, variant, value_low=80000, value_high=100000, expression="range")
    assert (w.lo, w.hi, w.convention) == (80000, 100000, "range")
    # Two bounds given win over the hedge word.
    hedged = figure(conventions, units, variant, value_low=80000, value_high=100000, expression="about")
    assert (hedged.lo, hedged.hi) == (80000, 100000)
    half_open = figure(conventions, units, variant, value=90000, value_low=80000, expression="range")
    assert (half_open.lo, half_open.hi) == (80000, 90000)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_reference_more_than_with_its_low_bound_uses_the_multiple(variant, table, conventions, units):
    # reference.normalise writes 'more than 300,000' with value == value_low and no high bound
    m = one(table, "more_than", variant)
    r = ref(category="casualties", value=300000, value_low=300000, unit="casualties", expression="more_than")
    w = windows_for(conventions, units, variant).figure(r)
    assert (w.lo, w.hi) == (300000, pytest.approx(300000 * m))


@pytest.mark.parametrize("variant", VARIANTS)
def test_tens_of_thousands(variant, table, conventions, units):
    lowest, highest = pair(table, "order_of", variant)
    w = figure(conventions, units, variant, expression="order_of", amount=10000, unit="captured", category="casualties")
    assert (w.lo, w.hi, w.convention) == (pytest.approx(lowest * 10000), pytest.approx(highest * 10000), "order_of")


@pytest.mark.parametrize("variant", VARIANTS)
def test_most_is_a_share_of_the_whole(variant, table, conventions, units):
    lowest, highest = pair(table, "most", variant)
    w = figure(conventions, units, variant, expression="most", unit="share", category="share")
    assert (w.lo, w.hi, w.convention) == (lowest, highest, "most")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("expression", ["unknown", "vague"])
def test_unknown_and_vague_give_no_window(variant, expression, conventions, units):
    assert figure(conventions, units, variant, value=100, expression=expression) is None


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_figure_with_no_number_gives_no_window(variant, conventions, units):
    assert figure(conventions, units, variant, expression="exact") is None
    assert figure(conventions, units, variant, expression="about") is None


# ------------------------------------------------------------------ units
def test_base_units(conventions, units, unit_rows):
    ws = windows_for(conventions, units, "default")
    assert ws.base_unit("km") == unit_rows["km"]["base"] == "miles"
    assert ws.base_unit("percent") == unit_rows["percent"]["base"] == "share"
    assert ws.base_unit("men") == "men"
    assert ws.base_unit("furlongs") == "furlongs"  # not in the table: compared as itself


def about_in_base_unit(table, unit_rows, conventions, units, variant, value, unit, category) -> Window:
    """The window of 'about value unit', checked to be the 'about' share either side converted by the unit's factor."""
    factor = float(unit_rows[unit]["factor"])
    p = one(table, "about", variant)
    w = figure(conventions, units, variant, value=value, expression="about", unit=unit, category=category)
    assert (w.lo, w.hi) == (pytest.approx(value * (1 - p) * factor), pytest.approx(value * (1 + p) * factor))
    return w


@pytest.mark.parametrize("variant", VARIANTS)
def test_kilometres_are_compared_in_miles(variant, table, unit_rows, conventions, units):
    about_in_base_unit(table, unit_rows, conventions, units, variant, 50, "km", "distance")
    factor = float(unit_rows["km"]["factor"])
    cap = one(table, "exact", variant)
    exact = figure(conventions, units, variant, value=240, expression="exact", unit="km", category="distance")
    half = min(5, 240 * cap)  # 240: the tens are significant
    assert (exact.lo, exact.hi) == (pytest.approx((240 - half) * factor), pytest.approx((240 + half) * factor))
    miles = figure(conventions, units, variant, value=150, expression="exact", unit="miles", category="distance")
    assert exact.overlaps(miles)  # 240 km is about 149 miles


@pytest.mark.parametrize("variant", VARIANTS)
def test_percent_is_compared_as_a_share(variant, table, unit_rows, conventions, units):
    w = about_in_base_unit(table, unit_rows, conventions, units, variant, 60, "percent", "share")
    lowest, highest = pair(table, "most", variant)
    most = figure(conventions, units, variant, expression="most", unit="share", category="share")
    assert most.lo == lowest and w.overlaps(most)


@pytest.mark.parametrize("variant", VARIANTS)
def test_of_dispatches_on_category(variant, conventions, units):
    ws = windows_for(conventions, units, variant)
    assert ws.of(claim(date="1944-08-25")).measure == "days"
    assert ws.of(claim(category="troops", value=1000, unit="men")).measure == "figure"
    assert ws.of(claim(category="participation", entity="United States", date="1944-08-25")) is None


# ------------------------------------------------------------------ scope
def scoped(claim_id, place="Normandy", start="", end=""):
    return claim(claim_id, category="casualties", value=1000, unit="casualties", scope_place=place, scope_from=start, scope_to=end)


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_scope_needs_the_same_place(variant, conventions, units):
    ws = windows_for(conventions, units, variant)
    assert ws.same_scope(scoped("a", "Normandy"), scoped("b", "normandy"))
    assert not ws.same_scope(scoped("a", "Paris"), scoped("b", "Paris and suburbs"))
    assert ws.same_scope(scoped("a", ""), scoped("b", "Paris"))  # an unnamed place does not exclude


@pytest.mark.parametrize("variant", VARIANTS)
def test_same_scope_allows_ends_up_to_the_scope_dates_convention_apart(variant, table, conventions, units):
    tolerance = int(one(table, "scope_dates", variant))
    ws = windows_for(conventions, units, variant)
    end = dt.date(1944, 8, 20)
    ok = (end + dt.timedelta(days=tolerance)).isoformat()
    too_far = (end + dt.timedelta(days=tolerance + 1)).isoformat()
    base = scoped("a", start="1944-06-06", end="1944-08-20")
    assert ws.same_scope(base, scoped("b", start="1944-06-06", end=ok))
    assert not ws.same_scope(base, scoped("b", start="1944-06-06", end=too_far))
    # the start of a period is held to the same tolerance as its end
    assert not ws.same_scope(base, scoped("b", start="1944-08-01", end="1944-08-20"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_month_long_end_covers_its_days(variant, conventions, units):
    ws = windows_for(conventions, units, variant)
    assert ws.same_scope(scoped("a", start="1944-06-06", end="1944-08-20"), scoped("b", start="1944-06-06", end="1944-08"))
    assert ws.same_scope(scoped("a", end="1944-08-20"), scoped("b"))  # no period given: not excluded


def test_scope_strict_and_default_differ_by_the_table(table, conventions, units):
    # one day apart: in scope exactly when the variant's tolerance is at least one day
    a, b = scoped("a", end="1944-08-20"), scoped("b", end="1944-08-21")
    for variant in VARIANTS:
        assert windows_for(conventions, units, variant).same_scope(a, b) is (one(table, "scope_dates", variant) >= 1)


# ------------------------------------------------------------------ nesting: strict in default in loose
@functools.cache
def _tables() -> tuple[Conventions, dict]:
    """The conventions and units, read once for the hypothesis tests (which cannot take session fixtures)."""
    return Conventions.read(DATA), {u.unit: u for u in package.records("units", DATA)}


ANCHORED = ["same_day", "next_day", "following_days", "months_before", "weeks_before", "implied", "before", "after", "same_time", "days_after"]
FIGURE_EXPRESSIONS = ["exact", "about", "nearly", "more_than", "at_least", "up_to", "order_of", "share", "stated"]


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(dt.date(1939, 1, 1), dt.date(1949, 12, 31)),
    precision=st.sampled_from(["day", "month"]),
    expression=st.sampled_from(ANCHORED),
    amount=st.sampled_from([1, 1.5, 2, 3]),
)
def test_anchored_windows_nest_from_strict_to_loose(day, precision, expression, amount):
    conventions, units = _tables()
    text = day.isoformat() if precision == "day" else day.isoformat()[:7]
    anchor = claim("C9-00", date=text)
    c = claim("C9-01", expression=expression, anchor="C9-00", amount=amount)
    got = [windows_for(conventions, units, v, anchor, c).date(c) for v in VARIANTS]
    assert all(w is not None for w in got)
    assert contains(got[1], got[0]) and contains(got[2], got[1]), got


@settings(max_examples=60, deadline=None)
@given(value=st.integers(1, 10_000_000), expression=st.sampled_from(FIGURE_EXPRESSIONS), unit=st.sampled_from(["men", "km", "percent"]))
def test_figure_windows_nest_from_strict_to_loose(value, expression, unit):
    conventions, units = _tables()
    got = [figure(conventions, units, v, value=value, expression=expression, unit=unit, amount=10000) for v in VARIANTS]
    assert all(w is not None for w in got)
    assert contains(got[1], got[0]) and contains(got[2], got[1]), got


def test_every_real_window_nests_from_strict_to_loose(real):
    """For every claim and reference of the real data: the strict window lies inside the default one, which lies
    inside the loose one."""
    statements = [*real.claims, *real.references]
    checked = 0
    for s in statements:
        ws = {v: real.exams[v].window(s) for v in VARIANTS}
        name = getattr(s, "claim_id", None) or s.ref_id
        if all(w is None for w in ws.values()):
            continue
        assert all(w is not None for w in ws.values()), (name, ws)
        assert contains(ws["default"], ws["strict"]), (name, ws)
        assert contains(ws["loose"], ws["default"]), (name, ws)
        assert len({w.convention for w in ws.values()}) == 1 and len({w.measure for w in ws.values()}) == 1, (name, ws)
        checked += 1
    assert checked > 200, checked
    # every kind of window occurs among them
    conventions = {real.exams["default"].window(s).convention for s in statements if real.exams["default"].window(s)}
    assert {"stated", "by", "early_month", "months_before", "weeks_before", "exact", "about", "plural", "share_of"} <= conventions


# ------------------------------------------------------------------ the committed windows table
@pytest.fixture(scope="session")
def window_rows() -> list[dict[str, str]]:
    return read_csv(DATA / "derived" / "windows.csv")


def test_every_window_rows_convention_is_in_the_conventions_table(window_rows, table):
    unknown = sorted({r["convention"] for r in window_rows} - set(table))
    assert not unknown, unknown
    assert {r["variant"] for r in window_rows} == set(VARIANTS)


def test_every_claim_with_a_window_has_one_per_variant(window_rows, real):
    claim_ids = {c.claim_id for c in real.claims}
    per_id: dict[str, list[str]] = defaultdict(list)
    for r in window_rows:
        per_id[r["id"]].append(r["variant"])
    with_windows = [i for i in per_id if i in claim_ids]
    assert len(with_windows) > 50
    for i in with_windows:
        assert sorted(per_id[i]) == sorted(VARIANTS), (i, per_id[i])
    # and conversely every claim the analysis gives a window has its rows
    for c in real.claims:
        if real.exams["default"].window(c) is not None:
            assert c.claim_id in per_id, c.claim_id
    assert all(sorted(v) == sorted(VARIANTS) for v in per_id.values())


def test_the_table_shows_the_early_month_claim_under_each_variant(window_rows, table):
    # C002-10, 'at the beginning of August': its high end is the early_month value's day of August.
    rows = {r["variant"]: r for r in window_rows if r["id"] == "C002-10"}
    assert set(rows) == set(VARIANTS)
    for variant, r in rows.items():
        assert r["convention"] == "early_month"
        assert (r["low"], r["high"]) == ("1944-08-01", f"1944-08-{int(one(table, 'early_month', variant)):02d}")
