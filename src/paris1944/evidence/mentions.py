"""Find every date, number and named actor in a text, in English, Russian and Arabic.

The finder is deliberately greedy: it exists to prove coverage. Every date or
number it returns must sit inside a claim's quote, and every actor (a nation,
formation, person or organisation) inside the quote of a claim that names
that actor, or be listed with a reason in data/excluded_mentions.csv (page
furniture such as image sizes is excluded, not ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spaces that may group thousands: ASCII, no-break, narrow no-break, thin.
_GROUP = "[,\u00a0\u202f\u2009 ]"
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"

EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
EN_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundreds?|thousands?|millions?|billions?|dozens?|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|half|single|double"
)
RU_MONTHS = (
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяею]|июн\w*|июл\w*|август\w*|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
)
RU_NUMBER_WORDS = (
    r"од(?:ин|на|но|ного|ной|ному|ним|ном|ну)|дв(?:а|е|ух|ум|умя)|тр(?:и|ёх|ех|ем|ём|емя)|"
    r"четыр\w*|пят(?:ь|и|ью)|шест(?:ь|и|ью)|сем(?:ь|и|ью)|восем\w*|девят\w*|десят\w*|"
    r"\w*надцат\w*|двадцат\w*|тридцат\w*|сорок\w*|пятьдесят\w*|сто|сот\w*|сотн\w*|"
    r"тысяч\w*|миллион\w*|миллиард\w*|"
    r"перв\w*|втор(?:ой|ая|ое|ого|ому|ую|ым|ом|ые|ых)|трет\w*|четв[её]рт\w*|пят(?:ый|ая|ое|ого|ой|ую)|"
    r"шест(?:ой|ая|ое|ого)|седьм\w*|восьм\w*|девят(?:ый|ая|ое|ого)|десят(?:ый|ая|ое|ого)|"
    r"полтор\w*|дюжин\w*|пар[ау]"
)
AR_MONTHS = (
    "يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
)
# Arabic cardinals and ordinals, with the article and feminine forms, and
# duals of time units (شهرين "two months").
AR_NUMBER_WORDS = (
    "واحد|واحدة|اثنان|اثنين|اثنتان|اثنتين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثمان|ثماني|ثمانية|"
    "تسع|تسعة|عشر|عشرة|عشرون|عشرين|ثلاثون|ثلاثين|أربعون|أربعين|خمسون|خمسين|مئة|مائة|مئات|ألف|آلاف|ألوف|"
    "مليون|ملايين|مليار|"
    "الأول|الأولى|الثاني|الثانية|الثالث|الثالثة|الرابع|الرابعة|الخامس|الخامسة|السادس|السادسة|السابع|السابعة|"
    "الثامن|الثامنة|التاسع|التاسعة|العاشر|العاشرة|العشرين|الثلاثين|"
    "شهرين|شهران|يومين|يومان|أسبوعين|أسبوعان|عامين|عامان|سنتين|سنتان|بضع|بضعة|بضعه"
)
AR_PREFIX = "(?:و|ب|ل|ف)?"  # conjunction/preposition glued to the word
AR_LETTER = "[\u0621-\u065f\u066e-\u06d3]"  # letters and marks, not punctuation


@dataclass(frozen=True)
class Mention:
    source_id: str
    start: int
    end: int
    text: str
    kind: str  # number, date, number_word, actor
    entity: str = ""  # for actors: the entity the name belongs to ("" when only a rank or unit pattern found it)


def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    # One separator throughout a number, so "226,000 450,000" is two numbers.
    digits = rf"(?<![\w.]){_DIGIT}{{1,3}}({_GROUP}){_DIGIT}{{3}}(?:\1{_DIGIT}{{3}})*(?!{_DIGIT})|{_DIGIT}+(?:[.,]{_DIGIT}+)?"
    digits_en = rf"(?:{digits})(?:st|nd|rd|th|d|px|s)?"
    if language == "en":
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        date = rf"\b(?:{day}\s+)?(?:{EN_MONTHS})(?:\s+{day}(?:\s*[-–]\s*(?:{EN_MONTHS})\s+{day})?)?(?:,?\s+\d{{4}})?\b"
        return [
            ("date", re.compile(date)),
            ("number", re.compile(digits_en)),
            ("number_word", re.compile(rf"\b(?:{EN_NUMBER_WORDS})\b", re.IGNORECASE)),
        ]
    if language == "ru":
        date = rf"(?:\b\d{{1,2}}\s+)?\b(?:{RU_MONTHS})\b(?:\s+\d{{4}}(?:\s+год\w*)?)?"
        return [
            ("date", re.compile(date, re.IGNORECASE)),
            ("number", re.compile(rf"(?:{digits})(?:-?(?:й|я|е|го|м|х|ми))?")),
            ("number_word", re.compile(rf"\b(?:{RU_NUMBER_WORDS})\b", re.IGNORECASE)),
        ]
    if language == "ar":
        ordinal = rf"{AR_PREFIX}(?:{AR_NUMBER_WORDS})(?:\s+و(?:{AR_NUMBER_WORDS}))?(?:\s+(?:{AR_NUMBER_WORDS}))?"
        date = rf"(?:{ordinal}\s+(?:من\s+)?)?(?:شهر\s+)?(?:{AR_MONTHS})(?:\s+(?:من\s+)?(?:عام\s+)?{_DIGIT}{{4}})?"
        return [
            ("date", re.compile(date)),
            ("number", re.compile(digits)),
            ("number_word", re.compile(rf"(?<!{AR_LETTER}){ordinal}(?!{AR_LETTER})")),
        ]
    raise ValueError(f"unknown language {language!r}: expected en, ru or ar")


def find_mentions(text: str, language: str, source_id: str = "") -> list[Mention]:
    """All date and number expressions, longest first where they overlap."""
    found: list[Mention] = []
    taken = [False] * len(text)
    for kind, pattern in _patterns(language):
        for m in pattern.finditer(text):
            if not m.group().strip() or any(taken[m.start() : m.end()]):
                continue
            found.append(Mention(source_id, m.start(), m.end(), m.group(), kind))
            for i in range(m.start(), m.end()):
                taken[i] = True
    return sorted(found, key=lambda x: x.start)


# ------------------------------------------------------------------ actors
# Names the entities table does not know are still found by their shape: a
# rank before a name, or a numbered unit.
RANK_NAME = {
    "en": r"\b(?:General|Gen\.|Colonel|Col\.|Field Marshal|Marshal|Admiral|Adm\.|Major|Maj\.|Captain|Capt\.)\s+(?:[A-Z][\w'’.-]*\s?)+",
    "ru": r"(?<!\w)(?:генерал|полковник|фельдмаршал|маршал|капитан|майор)\w*\s+(?:[А-ЯЁ][\w-]*\s?)+",
    "ar": r"(?<!\w)(?:ال)?(?:جنرال|عقيد|مارشال|قائد|القنصل)\w*(?:\s+[\u0621-\u064a]+){1,2}",
}
UNIT = {
    "en": r"\b(?:\d+(?:st|nd|rd|th|d)|First|Second|Third|Fifth|Seventh|Fifteenth)\s+"
    r"(?:(?:Armou?red|Infantry|Airborne|Panzer)\s+)?(?:Division|Corps|Army)\b|\bArmy Group [A-Z]\b",
    "ru": r"\d+-й\s+(?:\w+\s+){0,2}дивизи\w*|(?<!\w)арми\w+\s+США",
    "ar": r"(?<!\w)(?:ال)?فرقة\s+[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2}",
}
LANGUAGES = tuple(RANK_NAME)  # the languages the finder can read
# Arabic writes conjunctions, prepositions and the article onto the word.
AR_CLITICS = "(?:[وف]?[بلك]?(?:ال)?|[وف]?لل)"  # a conjunction, then a preposition, then the article


def actor_patterns(language: str, entities) -> list[tuple[str, re.Pattern]]:
    """(entity, pattern) for every alias of every entity, then the rank and unit shapes ('' entity)."""
    out = []
    for e in entities:
        for alias in filter(None, (a.strip() for a in e.aliases.split("|"))):
            script_ar = bool(re.search("[\u0600-\u06ff]", alias))
            prefix = AR_CLITICS if script_ar else ""
            # A name is matched at the start of a word; inflected endings are allowed (Эйзенхауэра, Germans).
            out.append((e.entity, re.compile(rf"(?<!\w){prefix}{re.escape(alias)}\w*")))
    out.append(("", re.compile(RANK_NAME[language])))
    out.append(("", re.compile(UNIT[language])))
    return out


def find_actors(text: str, language: str, entities, source_id: str = "") -> list[Mention]:
    """Every named actor, longest first where names overlap; a name inside a longer one is not counted twice."""
    hits, named = [], []
    for entity, pattern in actor_patterns(language, entities):
        for m in pattern.finditer(text):
            words = m.group().rstrip()
            if entity:
                named.append((m.start(), m.start() + len(words), entity))
            hits.append((m.start(), m.start() + len(words), entity, words))
    # A rank or unit shape that contains a known name is that entity ('General Eisenhower').
    hits = [(a, b, e or next((n for x, y, n in named if a <= x and y <= b), ""), words) for a, b, e, words in hits]
    # Longest first, then known entities before shapes, so 'Gen. Jacques Philippe Leclerc' is Leclerc.
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[2] == "", h[0]))
    taken = [False] * len(text)
    found = []
    for start, end, entity, words in hits:
        if any(taken[start:end]):
            continue
        found.append(Mention(source_id, start, end, words, "actor", entity))
        for i in range(start, end):
            taken[i] = True
    return sorted(found, key=lambda x: x.start)


# ------------------------------------------------------------------ accounting
@dataclass(frozen=True)
class Accounted:
    """One mention and how it is accounted for: 'claim' (inside a claim that covers it),
    'excluded' (listed with a reason) or 'unaccounted' (a gap in the ledger)."""

    mention: Mention
    status: str
    why: str = ""


def account(texts: dict[str, str], languages: dict[str, str], claims: list[dict], excluded: list[dict], entities) -> list[Accounted]:
    """Every date, number and named actor in the texts, each accounted for once.

    A number or date is covered by any claim whose quote contains it; an actor
    only by a claim that names that entity (or its nation) as its actor or party.
    """
    skip = {(r["source_id"], int(r["start"]), int(r["end"])) for r in excluded if str(r["start"]).isdigit() and str(r["end"]).isdigit()}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for c in claims:
        if not (str(c["start"]).isdigit() and str(c["end"]).isdigit()):
            continue
        named = {c.get("entity", ""), c.get("party", "")} - {""}
        for who in named or {""}:
            spans.setdefault(c["source_id"], []).append((int(c["start"]), int(c["end"]), who))
    nation = {e.entity: e.nation for e in entities}
    out = []
    for sid, text in texts.items():
        for m in find_mentions(text, languages[sid], sid) + find_actors(text, languages[sid], entities, sid):
            if (sid, m.start, m.end) in skip:
                out.append(Accounted(m, "excluded"))
                continue
            around = [who for a, b, who in spans.get(sid, []) if a <= m.start and m.end <= b]
            if m.kind != "actor":
                covered, why = bool(around), "is in no claim"
            elif m.entity:
                covered, why = any(who == m.entity or nation.get(who) == m.entity for who in around), "is in no claim that names it"
            else:  # a rank or unit the finder could not name, inside a claim that names who it is
                covered, why = any(around), "is a name the entities table does not know"
            out.append(Accounted(m, "claim") if covered else Accounted(m, "unaccounted", why))
    return out
