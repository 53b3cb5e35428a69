"""Plain English for readers: dates, figures, names, counts and findings in words.

Pure functions of the tables: the analysis writes ids, values and codes, and
only this module turns them into sentences. Nothing in the analysis reads
what it writes. Every count goes through `count` or `number_word`, so that
0, 1 and many read right.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable

from .. import vocabulary as v
from ..analysis.windows import stated_span

QUALIFIER_WORDS = {"about": "about ", "nearly": "nearly ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to "}
ORDER_WORDS = {10: "tens", 100: "hundreds", 1000: "thousands", 10000: "tens of thousands", 100000: "hundreds of thousands", 1000000: "millions"}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


# ------------------------------------------------------------------ dates
def day(ordinal: float) -> str:
    d = dt.date.fromordinal(int(ordinal))
    return f"{d.day} {d:%B %Y}"


def ordinal(iso: str) -> float:
    """An ISO day as an ordinal; an empty end is open (infinite)."""
    return dt.date.fromisoformat(iso).toordinal() if iso else math.inf


def say_window(lo: float, hi: float) -> str:
    """A span of day ordinals in words: '25 August 1944', 'by 25 August 1944', 'between 4 June and 4 July 1944'."""
    if math.isinf(lo) and math.isinf(hi):
        return "no date"
    if math.isinf(lo):
        return f"by {day(hi)}"
    if math.isinf(hi):
        return f"on or after {day(lo)}"
    if lo == hi:
        return day(lo)
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    if a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.month == b.month and a.year == b.year:
        return f"{a:%B %Y}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    if a.year == b.year:
        return f"between {a.day} {a:%B} and {b.day} {b:%B %Y}"
    return f"between {day(lo)} and {day(hi)}"


def say_days(low: str, high: str) -> str:
    """A window from the windows table (ISO days, an empty end open) in words."""
    return say_window(ordinal(low) if low else -math.inf, ordinal(high))


# ------------------------------------------------------------------ figures and statements
def say_value(s, vocabulary: v.Vocabulary | None = None) -> str:
    """A figure as the statement gives it: 'about 30 miles', 'tens of thousands captured', 'more than half'."""
    unit = (vocabulary or v.read()).unit_words(s.unit)
    e = s.expression
    if e == "unknown":
        return "not counted"
    if e == "vague":
        return "no figure (words only)"
    if e == "most":
        return "most (more than half)"
    if e == "order_of":
        return f"{ORDER_WORDS.get(int(s.amount), f'multiples of {s.amount:,.0f}')} {unit}".strip()
    if e == "plural":
        return f"{ORDER_WORDS.get(int(s.amount or 1), '')} {unit}".strip() if s.amount else f"{unit} (a plural, no number)"
    if e == "share_of":
        return "a share computed from a part and a whole"
    if s.value_low is not None and s.value_high is not None:
        return f"{s.value_low:,.0f} to {s.value_high:,.0f} {unit}".strip()
    if s.value is None:
        return "no figure"
    return f"{QUALIFIER_WORDS.get(e, '')}{s.value:,.0f} {unit}".strip()


def say(s, window: dict | None, vocabulary: v.Vocabulary) -> str:
    """What a claim or reference says, in words; `window` is its row of the windows table (low, high) or None."""
    measure = vocabulary.measure(s.category)
    if measure == v.DAYS:
        return say_days(window["low"], window["high"]) if window is not None else "no date of its own"
    if measure == v.NAME:
        return s.entity
    return say_value(s, vocabulary)


def scope_words(s, vocabulary: v.Vocabulary | None = None) -> str:
    """Where and when a figure counts: ' in Paris and suburbs, from 6 June to 31 August 1944'; a distance is
    counted from its place (categories.csv, place_word): ' from Paris, 19 August 1944'."""
    place_word = (vocabulary or v.read()).categories[s.category].place_word if s.scope_place else ""
    parts = [f"{place_word} {s.scope_place}"] if s.scope_place else []
    start, end = s.scope_from or s.scope_to, s.scope_to or s.scope_from
    if start:
        parts.append(say_window(stated_span(start)[0], stated_span(end)[1]).replace("between ", "from ").replace(" and ", " to "))
    return (" " + ", ".join(parts)) if parts else ""


# ------------------------------------------------------------------ names and counts
def the(label: str) -> str:
    """A source's one name inside a sentence: 'the fan wiki', 'the WWII history website'."""
    return "the " + label


def sentence(text: str) -> str:
    """The text with its first letter capitalised ('the fan wiki' -> 'The fan wiki'; a leading quote is skipped)."""
    lead = len(text) - len(text.lstrip("'\"‘“"))
    return text[:lead] + text[lead : lead + 1].upper() + text[lead + 1 :]


def join_words(items, last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'no finding', '1 finding', '3 findings'."""
    if n == 0:
        return f"no {singular}"
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def are(n: int, singular: str, plural: str | None = None) -> str:
    """'no finding is', '1 finding is', '3 findings are': a count with its verb."""
    return f"{count(n, singular, plural)} {'are' if n > 1 else 'is'}"


def verb(n: int, one: str, many: str) -> str:
    """'no finding appears', '1 finding appears', '3 findings appear': the verb agrees with the count."""
    return one if n <= 1 else many


def number_word(n: int) -> str:
    """'no', 'one' ... 'ten', then digits."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def has(n: int, singular: str, plural: str) -> str:
    """'no source has', 'one source has', 'two sources have': a count with its verb."""
    return f"{number_word(n)} {singular if n == 1 else plural}"


def tally(outcomes: Iterable[str], vocabulary: v.Vocabulary) -> str:
    """Claims by status, in the words of statuses.csv: '6 agree with it, none is in error, 2 are in findings
    under review'. 'None is in error' is always said: a reader should not have to infer it."""
    n = Counter(outcomes)
    parts = []
    for status, row in sorted(vocabulary.statuses.items(), key=lambda kv: int(kv[1].order)):
        if n[status]:
            parts.append(f"{n[status]:,} {row.one if n[status] == 1 else row.many}")
        elif status == v.IN_ERROR:
            parts.append(f"none {row.one}")
    return join_words(parts)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "no"


def holds(variants: str, all_variants: tuple[str, ...]) -> str:
    """Under which readings of the conventions a finding holds, in words."""
    chosen = variants.split()
    if set(chosen) == set(all_variants):
        return "under every reading of the conventions"
    missing = [x for x in all_variants if x not in chosen]
    return f"under the {join_words(chosen)} reading{'s' if len(chosen) > 1 else ''}, not the {join_words(missing, 'or')}"


def direction(difference: float, measure: str, later: bool) -> str:
    """How far apart: '3 days later', '1.8 times as large'."""
    if measure == v.DAYS:
        n = int(difference)
        return f"{count(n, 'day')} {'later' if later else 'earlier'}"
    if measure == "ratio":
        return f"{difference:.1f} times {'as large' if later else 'smaller'}"
    return ""
