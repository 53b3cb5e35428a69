"""Find every date and number expression in a text, in English, Russian and Arabic.

The finder is deliberately greedy: it exists to prove coverage. Every mention
it returns must sit inside a claim's quote or be listed, with a reason, in
data/excluded_mentions.csv (page furniture such as image sizes is excluded,
not ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spaces that may group thousands: ASCII, no-break, narrow no-break, thin.
_GROUP = "[,\u00a0\u202f\u2009 ]"
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"

EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
EN_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundreds?|thousands?|millions?|billions?|dozens?|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|half|single|double"
)
RU_MONTHS = (r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяею]|июн\w*|июл\w*|август\w*|"
             r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*")
RU_NUMBER_WORDS = (
    r"од(?:ин|на|но|ного|ной|ному|ним|ном|ну)|дв(?:а|е|ух|ум|умя)|тр(?:и|ёх|ех|ем|ём|емя)|"
    r"четыр\w*|пят(?:ь|и|ью)|шест(?:ь|и|ью)|сем(?:ь|и|ью)|восем\w*|девят\w*|десят\w*|"
    r"\w*надцат\w*|двадцат\w*|тридцат\w*|сорок\w*|пятьдесят\w*|сто|сот\w*|сотн\w*|"
    r"тысяч\w*|миллион\w*|миллиард\w*|"
    r"перв\w*|втор(?:ой|ая|ое|ого|ому|ую|ым|ом|ые|ых)|трет\w*|четв[её]рт\w*|пят(?:ый|ая|ое|ого|ой|ую)|"
    r"шест(?:ой|ая|ое|ого)|седьм\w*|восьм\w*|девят(?:ый|ая|ое|ого)|десят(?:ый|ая|ое|ого)|"
    r"полтор\w*|дюжин\w*|пар[ау]"
)
AR_MONTHS = ("يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
             "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول")
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
    kind: str  # number, date, number_word


def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    # One separator throughout a number, so "226,000 450,000" is two numbers.
    digits = rf"(?<![\w.]){_DIGIT}{{1,3}}({_GROUP}){_DIGIT}{{3}}(?:\1{_DIGIT}{{3}})*(?!{_DIGIT})|{_DIGIT}+(?:[.,]{_DIGIT}+)?"
    digits_en = rf"(?:{digits})(?:st|nd|rd|th|d|px|s)?"
    if language == "en":
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        date = (rf"\b(?:{day}\s+)?(?:{EN_MONTHS})(?:\s+{day}(?:\s*[-–]\s*(?:{EN_MONTHS})\s+{day})?)?(?:,?\s+\d{{4}})?\b")
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
            if not m.group().strip() or any(taken[m.start():m.end()]):
                continue
            found.append(Mention(source_id, m.start(), m.end(), m.group(), kind))
            for i in range(m.start(), m.end()):
                taken[i] = True
    return sorted(found, key=lambda x: x.start)
