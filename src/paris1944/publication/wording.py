"""Plain English for readers: dates, figures, names and findings in words.

Pure functions of structured data: nothing in the analysis reads their output.
"""

from __future__ import annotations

import datetime as dt
import math

UNIT_WORDS = {
    "killed_or_wounded": "killed or wounded",
    "killed_or_missing": "killed or missing",
    "men": "troops",
    "casualties": "casualties",
    "share": "",
}
QUALIFIER_WORDS = {"about": "about ", "nearly": "nearly ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to "}
ORDER_WORDS = {10: "tens", 100: "hundreds", 1000: "thousands", 10000: "tens of thousands", 100000: "hundreds of thousands", 1000000: "millions"}
THE = {"United Kingdom", "United States"}


def day(ordinal: float) -> str:
    d = dt.date.fromordinal(int(ordinal))
    return f"{d.day} {d:%B %Y}"


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


def say_value(s) -> str:
    """A figure as the statement gives it: 'about 30 miles', 'tens of thousands captured', 'more than half'."""
    unit = UNIT_WORDS.get(s.unit, s.unit)
    e = s.expression
    if e == "unknown":
        return "not counted"
    if e == "share":
        return "most (more than half)"
    if e == "order_of":
        return f"{ORDER_WORDS.get(int(s.amount), f'multiples of {s.amount:,.0f}')} {unit}".strip()
    if s.value_low is not None and s.value_high is not None:
        return f"{s.value_low:,.0f} to {s.value_high:,.0f} {unit}".strip()
    if s.value is None:
        return "no figure"
    return f"{QUALIFIER_WORDS.get(e, '')}{s.value:,.0f} {unit}".strip()


def say_date(s, window) -> str:
    """A dated statement in words: the date as stated, or the range a convention gives it."""
    if window is None:
        return "no date of its own"
    if s.expression == "stated" and s.date_precision in ("month", "year") and not s.date_end:
        return say_window(window.lo, window.hi)
    return say_window(window.lo, window.hi)


def say(s, window=None) -> str:
    """What a claim or reference says, in words."""
    if s.category == "date":
        return say_date(s, window)
    if s.category in ("participation", "command", "order", "request", "place"):
        return s.entity
    return say_value(s)


def the(label: str, capital: bool = False) -> str:
    """A source's label inside a sentence: 'the fan wiki', 'the Arabic news article'."""
    first = label.split()[0].strip("'")
    keep = first.isupper() or first in ("Russian", "Arabic", "English", "WWII")
    body = label if keep else (label[0].lower() + label[1:] if label[0] != "'" else "'" + label[1].lower() + label[2:])
    phrase = "the " + body
    return "T" + phrase[1:] if capital else phrase


def nation(name: str) -> str:
    return f"the {name}" if name in THE else name


def sentence(text: str) -> str:
    """The text with its first letter capitalised, the rest untouched ('the fan wiki' -> 'The fan wiki')."""
    return text[:1].upper() + text[1:]


def join_words(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 finding', '3 findings', 'no finding'."""
    if n == 0:
        return f"no {singular}"
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def number_word(n: int) -> str:
    return ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")[n] if 0 <= n <= 10 else f"{n:,}"


def lower_first(text: str) -> str:
    """A description inside a sentence: 'Crowd at the parade' -> 'crowd at the parade'; names stay."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:2].isupper() or first in PROPER_STARTS):
        return text
    return text[:1].lower() + text[1:]


PROPER_STARTS = {
    "German",
    "Germans",
    "French",
    "Allied",
    "Allies",
    "Canadian",
    "Polish",
    "Free",
    "FFI",
    "US",
    "UK",
    "D-Day",
    "De",
    "Hitler",
    "Hitler's",
    "Rol-Tanguy",
    "Eisenhower",
    "Eisenhower's",
    "Leclerc",
    "Rommel",
    "Paris",
    "Parisians",
    "Choltitz",
    "Kluge",
    "Operation",
    "Bastille",
    "Patton",
    "Bradley",
    "British",
    "American",
    "Americans",
    "Chaban-Delmas",
    "Gerow",
    "Swedish",
    "Resistance",
    "Cherbourg",
    "Caen",
    "Brest",
    "Lorient",
    "Saint-Lô",
    "Normandy",
    "Falaise",
    "Notre-Dame",
    "Champs-Élysées",
    "Montgomery",
    "Model",
    "Hausser",
    "Simonds",
    "Bidault",
    "Parodi",
    "Nordling",
    "Dronne",
    "Goodwood",
    "Cobra",
    "Army",
    "Third",
    "V",
}
