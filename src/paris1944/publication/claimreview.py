"""schema.org ClaimReview for every finding that judges a claim, as fact-check tools ingest it.

Follows the published guidance for ClaimReview markup (Google's fact-check
structured data and the schema.org ClaimReview type): claimReviewed, an
itemReviewed Claim with its author, its appearance (the source's page, or our
copy of its text), its firstAppearance (the source's page) and datePublished
where the registry knows the source's date, which fact-check tools use to
match a review to a claim; a reviewRating on a numeric scale with its
alternateName in plain words, the reviewing author, datePublished and the url
of the review. Every address is absolute. Only published findings (signed off
by a reviewer) get one; findings between sources with no reference to decide
are not reviews of a claim and get none.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .. import vocabulary as v

JUDGING = (v.AGAINST_RECORD, v.INTERNAL, v.SCOPE)
# 1 (worst) to 5 (best); the words are what a reader sees.
RATINGS = {
    (v.AGAINST_RECORD, "major"): (1, "Wrong"),
    (v.AGAINST_RECORD, "minor"): (2, "Slightly wrong"),
    (v.INTERNAL, "major"): (2, "Contradicts itself"),
    (v.INTERNAL, "minor"): (2, "Contradicts itself"),
    (v.SCOPE, "minor"): (3, "Right figure, wrong place or period"),
    (v.SCOPE, "major"): (3, "Right figure, wrong place or period"),
}


# The registry keeps a source's date where `paris1944 add-source --date` wrote it: in the source's notes.
DATED = re.compile(r"\bDated (\d{4}(?:-\d{2}(?:-\d{2})?)?) \(as given")


def source_date(source: dict) -> str:
    """The source's publication date (YYYY, YYYY-MM or YYYY-MM-DD) where the registry knows it, else ''."""
    m = DATED.search(source.get("notes", ""))
    return m.group(1) if m else ""


def absolute(book: dict, url: str) -> str:
    return urljoin(book["url"], url)


def review(finding: dict, claim: dict, source: dict, book: dict, finding_url: str, copy_url: str) -> dict:
    """One ClaimReview for one finding (dicts of the findings, claims and sources tables; the book's metadata)."""
    value, words = RATINGS[(finding["kind"], finding["severity"])]
    author = source["publisher"] if not source["publisher"].startswith("not identified") else source["site"]
    date = source_date(source)
    page = {"@type": "CreativeWork", "url": source["url"], "headline": source["title"], "inLanguage": source["language"]}
    page |= {"datePublished": date} if date else {}
    known = source["url"].startswith("http")
    copy = {"@type": "CreativeWork", "url": absolute(book, copy_url), "headline": source["title"], "inLanguage": source["language"]}
    item = {"@type": "Claim", "appearance": page if known else copy, "text": claim["quote"], "inLanguage": source["language"]}
    if known:
        item["firstAppearance"] = page  # the claim's own page: where fact-check tools look for it first
    if date:
        item["datePublished"] = date
    if author and not author.startswith("not identified"):
        item["author"] = {"@type": "Organization", "name": author}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(book, finding_url),
        "claimReviewed": claim["quote_en"],
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": ", ".join(book["authors"]), "url": book["url"]},
        "datePublished": book["date"],
        "inLanguage": "en",
        "reviewBody": finding["explanation"],
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": words},
    }


def reviews(findings: list[dict], claims: dict, sources: dict, book: dict, url_of, copy_url_of) -> list[dict]:
    """ClaimReviews for the published findings that judge a claim (rows with their explanation in words)."""
    out = []
    for f in findings:
        if f["kind"] not in JUDGING or f["gate"] != "published":
            continue
        claim = claims[f["claim_ids"].split()[0]]
        out.append(review(f, claim, sources[claim["source_id"]], book, url_of(f["finding_id"]), copy_url_of(claim["source_id"])))
    return out
