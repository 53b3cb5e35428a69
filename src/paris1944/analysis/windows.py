"""Windows: the range of days or of figures a statement admits.

A date window is a span of day numbers (proleptic Gregorian ordinals); a
figure window is a span of numbers in a base unit. Each is the convention of
the statement's expression (conventions.py) applied to what it states, under
one variant. Open ends are infinite.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from .. import vocabulary as vocab
from .conventions import Conventions

INF = math.inf
DAYS_PER_MONTH = 365.25 / 12
# Expressions that count from another claim (their anchor) rather than state a date.
RELATIVE = {
    "same_day",
    "next_day",
    "following_days",
    "months_before",
    "weeks_before",
    "during",
    "implied",
    "before",
    "after",
    "between",
    "same_time",
    "days_after",
}


@dataclass(frozen=True)
class Window:
    lo: float
    hi: float
    measure: str  # "days" or "figure" (vocabulary.DAYS, FIGURE)
    convention: str

    def overlaps(self, other: Window) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def point(self) -> bool:
        return self.lo == self.hi


# ------------------------------------------------------------------ days
def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def stated_span(date: str, date_end: str = "") -> tuple[int, int]:
    """The days a stated date covers: a day is itself, a month or a year all its days."""
    return first_day(date).toordinal(), last_day(date_end or date).toordinal()


def months_earlier(ordinal: float, months: float) -> float:
    """A day less a number of calendar months (fractions by average month length)."""
    d = dt.date.fromordinal(int(ordinal))
    whole = int(months)
    year, month = divmod(d.month - 1 - whole, 12)
    target = dt.date(d.year + year, month + 1, 1)
    day = min(d.day, calendar.monthrange(target.year, target.month)[1])
    return dt.date(target.year, target.month, day).toordinal() - (months - whole) * DAYS_PER_MONTH


def iso(ordinal: float) -> str:
    """A window end as an ISO date; '' for an open end."""
    return "" if math.isinf(ordinal) else dt.date.fromordinal(int(ordinal)).isoformat()


# ------------------------------------------------------------------ figures
def rounding(value: float, cap: float) -> float:
    """Half the unit of a figure's last significant digit, capped at a share of the figure."""
    if value == 0 or value != int(value):
        return 0.0
    v, unit = int(value), 1
    while v % (unit * 10) == 0:
        unit *= 10
    return min(unit / 2, abs(value) * cap) if unit > 1 else 0.0


class Windows:
    """Windows of claims and references under one variant of the conventions."""

    def __init__(self, conventions: Conventions, variant: str, claims_by_id: dict, units: dict, vocabulary: vocab.Vocabulary | None = None):
        self.c, self.variant, self.claims, self.units = conventions, variant, claims_by_id, units
        self.vocabulary = vocabulary or vocab.read()

    def base_unit(self, unit: str) -> str:
        """The unit a figure is compared in (units.csv): kilometres meet miles."""
        return self.units[unit].base if unit in self.units else unit

    # -- dates
    def date(self, s) -> Window | None:
        """The days a dated statement admits; None when it gives no date of its own."""
        e = s.expression
        if e in RELATIVE:
            return self._relative(s)
        if not s.date:
            return None
        lo, hi = stated_span(s.date, s.date_end)
        if e == "by":
            lo = -INF
        elif e == "around_midnight":
            hi = lo + 1
        elif e == "early_month":
            hi = min(hi, lo + self.c.number(e, self.variant) - 1)
        return Window(lo, hi, vocab.DAYS, e)

    def _base(self, anchor) -> Window | None:
        """What a relative expression counts from: the day the anchor names, else its window."""
        if anchor.date and anchor.expression not in RELATIVE:
            return Window(*stated_span(anchor.date, anchor.date_end), vocab.DAYS, "stated")
        return self.date(anchor)

    def _relative(self, s) -> Window | None:
        e = s.expression
        if not hasattr(s, "anchor"):  # a reference: 'after' or 'by' its own date
            base = Window(*stated_span(s.date, s.date_end), vocab.DAYS, "stated") if s.date else None
        else:
            anchor = self.claims.get(s.anchor)
            base = self._base(anchor) if anchor else None
        if base is None:
            return None
        if e in ("same_day", "implied", "same_time"):
            return Window(base.lo, base.hi, vocab.DAYS, e)
        if e == "before":
            return Window(-INF, base.hi, vocab.DAYS, e)
        if e == "after":
            return Window(base.lo, INF, vocab.DAYS, e)
        if e == "days_after":
            fewest, most = self.c.value(e, self.variant)
            return Window(base.lo + fewest, base.hi + most, vocab.DAYS, e)
        if e == "next_day":
            return Window(base.lo + 1, base.hi + 1, vocab.DAYS, e)
        if e == "following_days":  # from the day after the earliest the anchor can be, so that wider anchors nest
            return Window(base.lo + 1, base.hi + self.c.number(e, self.variant), vocab.DAYS, e)
        if e == "months_before":
            share = self.c.number(e, self.variant)
            spread = share * s.amount * DAYS_PER_MONTH
            return Window(
                math.floor(months_earlier(base.lo, s.amount) - spread), math.ceil(months_earlier(base.hi, s.amount) + spread), vocab.DAYS, e
            )
        if e == "weeks_before":
            fewest, most = self.c.value(e, self.variant)
            return Window(base.lo - 7 * most, base.hi - 7 * fewest, vocab.DAYS, e)
        if e in ("during", "between"):
            end = self.claims.get(s.within)
            end_window = self.date(end) if end else None
            if end_window is None:
                return None
            return Window(base.lo, end_window.hi, vocab.DAYS, e)
        raise ValueError(f"no window rule for {e!r}")

    # -- figures
    def figure(self, s) -> Window | None:
        """The figures a numeric statement admits, in its base unit; None when it gives no figure."""
        e = s.expression
        v, low, high = s.value, s.value_low, s.value_high
        if e in ("unknown", "vague"):
            return None
        if e == "range" or (low is not None and high is not None):
            lo, hi = (low if low is not None else v), (high if high is not None else v)
        elif e == "order_of":
            lowest, highest = self.c.value(e, self.variant)
            lo, hi = lowest * s.amount, highest * s.amount
        elif e == "most":
            lo, hi = self.c.value(e, self.variant)
        elif e == "share_of":  # a part over a whole, each read by its own hedge
            part, whole = (self.figure(self.claims[i]) for i in s.inputs.split())
            lo, hi = part.lo / whole.hi, part.hi / whole.lo
        elif e == "plural":  # no number: at least the fewest of the order named (amount, 1 by default), no upper bound
            lo, hi = self.c.number(e, self.variant) * (s.amount or 1), INF
        elif v is None:
            return None
        elif e == "about":
            p = self.c.number(e, self.variant)
            lo, hi = v * (1 - p), v * (1 + p)
        elif e == "nearly":
            lo, hi = v * (1 - self.c.number(e, self.variant)), v
        elif e in ("more_than", "at_least"):
            lo, hi = v, v * self.c.number(e, self.variant)
        elif e == "up_to":
            lo, hi = 0.0, v
        else:  # exact, or a figure stated plainly: what rounds to it
            r = rounding(v, self.c.number("exact", self.variant))
            lo, hi, e = v - r, v + r, "exact"
        factor = self.units[s.unit].factor if s.unit in self.units else 1.0
        return Window(lo * factor, hi * factor, vocab.FIGURE, e)

    def of(self, s) -> Window | None:
        measure = self.vocabulary.measure(s.category)
        if measure == vocab.DAYS:
            return self.date(s)
        if measure == vocab.FIGURE:
            return self.figure(s)
        return None

    # -- scope
    def same_scope(self, a, b) -> bool:
        """Whether two figures count over the same place and the same period, each end no
        further apart than the scope_dates convention allows (a month-long end covers its days)."""
        if a.scope_place and b.scope_place and a.scope_place.lower() != b.scope_place.lower():
            return False
        tolerance = self.c.number("scope_dates", self.variant)
        for end_a, end_b in ((a.scope_from or a.scope_to, b.scope_from or b.scope_to), (a.scope_to or a.scope_from, b.scope_to or b.scope_from)):
            if end_a and end_b and span_gap(stated_span(end_a), stated_span(end_b)) > tolerance:
                return False
        return True


def span_gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Days between two spans; 0 when they overlap."""
    return max(0.0, a[0] - b[1], b[0] - a[1])
