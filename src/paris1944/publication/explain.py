"""Findings in words: what the source says, what the record says, and how far apart.

Built from a finding's row (data/derived/findings.csv or a notebook's own
findings table), the statements it names and their windows; the analysis
never reads these sentences.
"""

from __future__ import annotations

from .. import vocabulary as v
from . import words as w
from .book import Book, Results


def says(book: Book, results: Results, some_id: str) -> str:
    s = book.evidence.statements[some_id]
    return w.say(s, results.window(some_id), book.vocabulary)


def who(book: Book, some_id: str) -> str:
    """A claim's source ('the fan wiki') or a reference's work and class."""
    s = book.evidence.statements[some_id]
    if hasattr(s, "claim_id"):
        return w.the(book.label[s.source_id])
    r = book.reference_work(some_id)
    return f"{r['cite']} ({r['class_words']})"


def explain(f: dict, book: Book, results: Results) -> dict:
    """claimed, record and explanation of a finding, in words, under the results' variant."""
    claim_ids = f["claim_ids"].split()
    first = book.evidence.statements[claim_ids[0]]
    source = w.the(book.label[first.source_id])
    topic = book.topic[f["subject"]]
    claimed = says(book, results, claim_ids[0])
    kind = f["kind"]
    if kind == v.AGAINST_RECORD:
        return _against_record(f, book, results, source, topic, claimed)
    if kind == v.SCOPE:
        ref = book.evidence.statements[f["verdict_reference"]]
        record = says(book, results, ref.ref_id) + w.scope_words(ref)
        text = (
            f"{topic}: {source} gives {claimed}{w.scope_words(first)}; {who(book, ref.ref_id)} gives that figure"
            f"{w.scope_words(ref) or ' for another place or period'}, so the figure is not checked for the source's own scope."
        )
        return {"claimed": claimed, "record": record, "explanation": text}
    if kind == v.INTERNAL:
        return _internal(f, book, results, source, topic)
    said = sorted({(c, says(book, results, c)) for c in claim_ids})
    text = f"{topic}: the sources disagree and no first-rank work decides. " + "; ".join(f"{who(book, c)} says {x}" for c, x in said) + "."
    return {"claimed": said[0][1], "record": said[-1][1], "explanation": text}


def _against_record(f: dict, book: Book, results: Results, source: str, topic: str, claimed: str) -> dict:
    claim = book.evidence.statements[f["claim_ids"].split()[0]]
    ref = book.evidence.statements[f["verdict_reference"]]
    record = says(book, results, ref.ref_id)
    reasons = f["reasons"].split()
    if "entity" in reasons and book.vocabulary.categories[claim.category].name_rule == v.TOOK_PART:
        text = f"{topic}: {source} names {claim.entity}; {who(book, ref.ref_id)} does not count it among them."
        record = f"{ref.entity}: not among them"
    elif "entity" in reasons:
        text = f"{topic}: {source} names {claim.entity}; {who(book, ref.ref_id)} names {ref.entity}."
    else:
        what = "date" if book.vocabulary.measure(claim.category) == v.DAYS else "figure"
        text = f"{topic}: {source} says {claimed}; {who(book, ref.ref_id)} says {record}. The source's {what} is {_apart(f)}."
    if "split_record" in reasons:
        text += " The record is split: a weaker reference sides with the source."
    return {"claimed": claimed, "record": record, "explanation": text}


def _apart(f: dict) -> str:
    measure, later = f["measure"], str(f["later"]) == "True"
    gap = w.direction(float(f["difference"] or 0), measure, later)
    if not gap:
        return "apart"
    # the gap is between the two windows, so the nearest readings of both figures: never more than the bare numbers say
    return f"at least {gap}" + (", even read with the margin each figure's wording allows" if measure != v.DAYS else "")


def _internal(f: dict, book: Book, results: Results, source: str, topic: str) -> dict:
    ids = f["claim_ids"].split()
    reasons = f["reasons"].split()
    a, b = (book.evidence.statements[i] for i in ids[:2])
    one, other = says(book, results, a.claim_id), says(book, results, b.claim_id)
    if "containment" in reasons:
        text = f"{topic}: {source} places this within a period it says ended {other}, yet dates it {one}."
    elif "part_of_whole" in reasons:
        share, part = (a, b) if book.evidence.subjects[a.subject].whole_subject else (b, a)
        text = (
            f"{topic}: {source} says the prisoners were {says(book, results, share.claim_id)} of the losses it counts, "
            f"yet it also puts them at {says(book, results, part.claim_id)}. The two cannot both hold."
        )
        one, other = says(book, results, share.claim_id), says(book, results, part.claim_id)
    else:
        text = f"{topic}: {source} says {one} in one place and {other} in another."
    return {"claimed": one, "record": f"elsewhere the same source: {other}", "explanation": text}
