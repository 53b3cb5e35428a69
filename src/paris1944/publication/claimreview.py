"""schema.org ClaimReview for every finding that judges a claim, as fact-check tools ingest it.

Follows the published guidance for ClaimReview markup (Google's fact-check
structured data and the schema.org ClaimReview type): claimReviewed, an
itemReviewed Claim with its author and appearance, a reviewRating on a numeric
scale with its alternateName in plain words, the reviewing author,
datePublished and the url of the review. Only published findings (signed off
by a reviewer) get one; findings between sources with no reference to decide
are not reviews of a claim and get none.
"""

from __future__ import annotations

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


def review(finding: dict, claim: dict, source: dict, book: dict, finding_url: str, copy_url: str) -> dict:
    """One ClaimReview for one finding (dicts of the findings, claims and sources tables; the book's metadata)."""
    value, words = RATINGS[(finding["kind"], finding["severity"])]
    author = source["publisher"] if not source["publisher"].startswith("not identified") else source["site"]
    appearance = {
        "@type": "CreativeWork",
        "url": source["url"] if source["url"].startswith("http") else copy_url,
        "headline": source["title"],
        "inLanguage": source["language"],
    }
    item = {"@type": "Claim", "appearance": appearance, "text": claim["quote"], "inLanguage": source["language"]}
    if author and not author.startswith("not identified"):
        item["author"] = {"@type": "Organization", "name": author}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": finding_url,
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
