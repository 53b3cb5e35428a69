"""book/references.bib: the five sources and every reference work, for sphinxcontrib-bibtex."""

from __future__ import annotations

from pybtex.database import Entry

from . import citation

HEADER = "% Written by `make data` from data/sources.csv and the reference tables: do not edit.\n\n"


def entries(registry, references, class_labels: dict) -> dict[str, Entry]:
    """One entry per source and one per reference address (several facts may share a page)."""
    out: dict[str, Entry] = {}
    for r in registry:
        url = r.url if r.url.startswith("http") else ""
        fields = {
            "title": "{" + r.title + "}",
            "howpublished": r.genre if url else f"{r.genre}; site: {r.site}",
            "note": f"One of the five sources of this book ({r.label}); language {r.language}; licence: {r.licence}",
        }
        if r.publisher != "not identified":
            fields["publisher"] = r.publisher
        if url:
            fields["url"] = url
        known = lambda value: value and not value.startswith("not identified")
        if not known(r.publisher):
            fields.pop("publisher", None)
        persons = {"author": [citation._org(r.author)]} if known(r.author) else {}
        out[f"source-{r.source_id[:3]}"] = Entry("misc", fields=fields, persons=persons)
    seen: dict[str, str] = {}
    for ref in references:
        if ref.reference_url in seen:
            continue
        key = f"ref-{ref.fact_id}"
        seen[ref.reference_url] = key
        facts = sorted({x.fact_id for x in references if x.reference_url == ref.reference_url})
        out[key] = Entry(
            "misc",
            fields={
                "title": "{" + ref.reference_title + "}",
                "organization": ref.publisher,
                "url": ref.reference_url,
                "note": f"{class_labels[ref.reliability][:1].upper()}{class_labels[ref.reliability][1:]}; "
                f"cited for {len(facts)} fact{'s' if len(facts) > 1 else ''} in the reference table",
            },
        )
    return out


def bibtex(registry, references, class_labels: dict) -> str:
    return HEADER + citation.bibtex(entries(registry, references, class_labels))
