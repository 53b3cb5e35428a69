"""Chapter 2: the dates."""

from __future__ import annotations

from ... import vocabulary as v
from .. import words as w
from ..book import Book, Results
from ..charts import timeline
from ..tables import Column, Table, claim_link, words
from . import findings_table, unpublished_words


class ChronologyView:
    def __init__(self, book: Book, results: Results):
        self.book, self.results = book, results
        self.claims = results.claims[results.claims["category"].map(book.vocabulary.measure) == v.DAYS]
        self.verdicts = results.verdicts[results.verdicts["claim_id"].isin(self.claims["claim_id"])]
        self.published, self.under_review = results.published, results.under_review

    def counts(self) -> dict:
        by = self.claims.merge(self.verdicts, on="claim_id")
        decided = by[by["outcome"].map(self.book.vocabulary.decided)]
        flagged = set(by.loc[by["outcome"].isin([v.IN_ERROR, v.UNDER_REVIEW]), "subject"])
        return {
            "n_dated": len(by),
            "n_events": by["subject"].nunique(),
            "events_counted": w.count(by["subject"].nunique(), "event"),
            "n_decided": len(decided),
            "n_checkable": decided["subject"].nunique(),
            "n_agreeing": len(set(decided["subject"]) - flagged),
            "n_date_findings": len(self.published),
            "n_under_review": len(self.under_review),
            "decided_words": w.tally(decided["outcome"], self.book.vocabulary),
            "findings_words": f"{w.are(len(self.published), 'date finding')} published; "
            + unpublished_words(self.book, self.under_review, "more finding"),
        }

    def title(self) -> str:
        c = self.counts()
        return (
            f"A first-rank work dates {c['n_checkable']} of the {w.count(c['n_events'], 'event')} the sources date; of the "
            f"{w.count(c['n_decided'], 'dated claim')} it decides, {c['decided_words']}"
        )

    def glue(self) -> dict:
        return {
            **self.counts(),
            "conventions": self.results.variant,
            "finding": self.title(),
            "timeline_note": w.sentence(timeline.note(self.book, self.results)) + ".",
        }

    def chart(self):
        return timeline.timeline(self.book, self.results, self.title())

    def findings_table(self) -> Table:
        title = f"Dates in error or in a finding not published ({self.results.variant} conventions)"
        return findings_table(self.book, self.results, self.results.shown, title)

    def dated_table(self) -> Table:
        """Every dated claim, earliest first; claims with no date of their own at the end."""
        win = self.results.windows.set_index("id")
        rows = []
        for c in self.claims.merge(self.verdicts, on="claim_id").to_dict("records"):
            window = win.loc[c["claim_id"]] if c["claim_id"] in win.index else None
            low = window["low"] if window is not None else ""
            stated = w.say_days(window["low"], window["high"]) if window is not None else "no date of its own"
            rows.append(
                {
                    **c,
                    "source": w.sentence(self.book.label[c["source_id"]]),
                    "event": self.book.topic[c["subject"]],
                    "stated": stated,
                    "lang": self.book.language[c["source_id"]],
                    "sort": (window is None, low or "0000", window["high"] if window is not None else ""),
                }
            )
        rows.sort(key=lambda r: (r["sort"], r["claim_id"]))
        return Table(
            rows,
            [
                Column("claim_id", "Claim", lambda r: claim_link(r["claim_id"]), kind="key"),
                Column("source", "Source"),
                Column("event", "Event"),
                Column("stated", "Date it gives"),
                Column("quote", "The source's words", lambda r: words(r["quote"], r["quote_en"], r["lang"], r["translation"]), kind="words"),
                Column("outcome", "Status", lambda r: self.book.vocabulary.words(r["outcome"])),
            ],
            f"Every dated claim, earliest first ({w.count(len(rows), 'claim')})",
            name="dated",
        )
