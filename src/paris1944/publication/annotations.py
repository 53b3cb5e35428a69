"""Every claim as a W3C Web Annotation on its source's own page.

Each annotation targets the source (its page where identified) with a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start,
end). The model leaves the unit of positions open: here they count Unicode code
points of the text as received (data/sources/), which may differ from the live
page; annotation clients then re-anchor on the quote. The body gives our
reading of the claim, its English (our working translation where the source is
not in English) and the verdict.
"""

from __future__ import annotations

from .. import vocabulary as v
from .words import number_word

CONTEXT = [
    "http://www.w3.org/ns/anno.jsonld",
    {
        "offsetUnit": {"@id": "https://paris1944-data.github.io/what-the-sources-say/vocab#offsetUnit"},
        "sourceCopy": {"@id": "https://paris1944-data.github.io/what-the-sources-say/vocab#sourceCopy", "@type": "@id"},
    },
]
CONTEXT_CHARS = 32
OFFSET_UNIT = "Unicode code points of the text as received (the file in data/sources/), counted from 0"


def quote_selector(text: str, start: int, end: int) -> dict:
    """exact, with as much context as needed (up to 32 characters each side) to match once."""
    exact = text[start:end]
    for size in (8, 16, CONTEXT_CHARS, 64, 128):
        prefix, suffix = text[max(0, start - size) : start], text[end : end + size]
        if count(text, prefix + exact + suffix) == 1:
            return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": text[max(0, start - 128) : start], "suffix": text[end : end + 128]}


def count(text: str, needle: str) -> int:
    n, at = 0, text.find(needle)
    while at >= 0:
        n += 1
        at = text.find(needle, at + 1)
    return n


def anchor(text: str, selector: dict) -> tuple[int, int] | None:
    """Re-anchor a quote selector on a text, as an annotation client does: the position of `exact`
    where prefix + exact + suffix occurs exactly once; None otherwise."""
    whole = selector["prefix"] + selector["exact"] + selector["suffix"]
    if count(text, whole) != 1:
        return None
    start = text.find(whole) + len(selector["prefix"])
    return start, start + len(selector["exact"])


def annotation(claim: dict, verdict: dict, reading: str, status: str, text: str, source: dict, book: dict, copy_url: str) -> dict:
    """One claim as an annotation of its source's page; `status` is the claim's outcome in a reader's words
    (a finding is named only when it is published)."""
    start, end = int(claim["start"]), int(claim["end"])
    page = source["url"] if source["url"].startswith("http") else copy_url
    bodies = [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "language": "en",
            "value": f"{claim['claim_id']}: {reading}. Status: {status}"
            + (f" (finding {verdict['finding_id']})" if verdict["outcome"] == v.IN_ERROR else "")
            + ".",
        },
        {"type": "TextualBody", "purpose": "classifying", "value": claim["category"], "language": "en"},
    ]
    if claim["translation"] == "working translation":
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/plain",
                "language": "en",
                "value": f"Our working translation: {claim['quote_en']}",
            }
        )
    return {
        "id": f"{book['url']}book/ledger.html#claim-{claim['claim_id']}",
        "type": "Annotation",
        "motivation": "assessing" if verdict["outcome"] in (v.AGREES, v.IN_ERROR) else "describing",
        "created": book["date"],
        "creator": {"type": "Organization", "name": ", ".join(book["authors"]), "homepage": book["url"]},
        "body": bodies,
        "target": {
            "source": page,
            "sourceCopy": copy_url,
            "language": source["language"],
            "selector": [quote_selector(text, start, end), {"type": "TextPositionSelector", "start": start, "end": end}],
        },
    }


def collection(annotations: list[dict], book: dict) -> dict:
    n = len({a["target"]["sourceCopy"] for a in annotations})  # the sources with a claim read
    return {
        "@context": CONTEXT,
        "id": f"{book['url']}data/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"Claims of the {number_word(n)} source{'' if n == 1 else 's'}, annotated by {book['title']}",
        "offsetUnit": OFFSET_UNIT,
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "items": annotations},
    }


def hypothesis_payload(note: dict, group: str = "") -> dict:
    """One annotation in the form the Hypothesis API's POST /api/annotations accepts: the page, the text
    quote to anchor on (positions are left out: they count our copy, not the live page) and the notes as text."""
    target = note["target"]
    quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
    text = "\n\n".join(b["value"] for b in note["body"] if b.get("purpose") != "classifying")
    tags = ["paris1944"] + [b["value"] for b in note["body"] if b.get("purpose") == "classifying"]
    payload = {
        "uri": target["source"],
        "text": f"{text}\n\n{note['id']}",
        "tags": tags,
        "target": [{"source": target["source"], "selector": [quote]}],
    }
    if group:
        payload["group"] = group
    return payload
