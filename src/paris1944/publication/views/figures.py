"""Chapters 3 and 4: the figures (troops and other counts; casualties) beside the reference works."""

from __future__ import annotations

import pandas as pd

from ... import vocabulary as v
from ...evidence import package
from .. import words as w
from ..book import Book, Results
from ..charts import ranges
from ..tables import Column, Table, claim_link, reference_cell, words
from . import findings_table


class FiguresView:
    def __init__(self, book: Book, results: Results, name: str, page: str):
        self.book, self.results, self.name, self.page = book, results, name, page
        chapter = book.vocabulary.chapter(page.rsplit("/", 1)[-1])  # the claims read against them belong to other chapters
        self.claims = results.claims[results.claims["category"].isin(chapter)]
        self.verdicts = results.verdicts[results.verdicts["claim_id"].isin(self.claims["claim_id"])]
        self.table = ranges.figures_table(book, results, self.claims)

    def counts(self) -> dict:
        by = self.claims.merge(self.verdicts, on="claim_id")
        decided = by[by["outcome"].map(self.book.vocabulary.decided)]
        in_chart = self.table[self.table["kind"] == "source"]
        giving = [self.book.label[s] for s in self.book.registry["source_id"] if s in set(by["source_id"])]
        return {
            "n_given": len(by),
            "n_in_chart": len(in_chart),
            "n_panels": self.table["panel"].nunique(),
            "n_decided": len(decided),
            "n_agree": int((by["outcome"] == v.AGREES).sum()),
            "n_in_error": int((by["outcome"] == v.IN_ERROR).sum()),
            "n_under_review": int((by["outcome"] == v.UNDER_REVIEW).sum()),
            "n_scope": int((by["outcome"] == v.OTHER_SCOPE).sum()),
            "n_undecided": len(by) - len(decided),
            "n_findings": len(self.results.published),
            "n_sources_giving": w.number_word(len(giving)),
            "n_sources_giving_at_start": w.sentence(w.number_word(len(giving))),
            # 'One of the sources gives', 'Two of the sources give', 'No source gives': a count with its verb.
            "sources_giving_lead": w.sentence(w.has(len(giving), "of the sources gives", "of the sources give")) if giving else "No source gives",
            "n_claims_given": w.count(len(by), "claim"),
            "sources_giving": w.join_words(w.the(s) for s in giving),
            "n_left_out": self.left_out()["subject"].nunique(),
            "decided_words": w.tally(decided["outcome"], self.book.vocabulary),
        }

    def title(self) -> str:
        c = self.counts()
        scope = f" ({c['n_scope']} of them counted by the record for another place or period)" if c["n_scope"] else ""
        # 'not decided', not 'cannot be': some were decided by a work and withheld by a reviewer
        rest = f"{w.are(c['n_undecided'], 'other')} not decided{scope}" if c["n_undecided"] else "none is left undecided"
        return f"A first-rank work decides {c['n_decided']} of the {w.count(c['n_given'], 'figure')} the sources give: {c['decided_words']}; {rest}"

    def glue(self) -> dict:
        return {**self.counts(), "conventions": self.results.variant, "finding": self.title()}

    def chart(self, subtitle: str, caption: str):
        c = self.counts()
        subtitle = f"{subtitle} ({w.count(c['n_in_chart'], 'figure')} in {w.count(c['n_panels'], 'panel')})"
        return ranges.ranges(self.book, self.results, self.claims, self.name, self.page, self.title(), subtitle, caption)

    def findings_table(self) -> Table:
        return findings_table(
            self.book,
            self.results,
            self.results.shown,
            f"Figures in error, for another place or period, or under review ({self.results.variant} conventions)",
        )

    def figures_list(self) -> Table:
        """Every figure the sources give in this chapter, with its status; those in the chart first."""
        win = self.results.windows.set_index("id")
        rows = []
        for c in self.claims.merge(self.verdicts, on="claim_id").to_dict("records"):
            record = package.typed("claims", {k: c[k] for k in package.columns("claims")})
            rows.append({**c, "source": w.sentence(self.book.label[c["source_id"]]), "topic": self.book.topic[c["subject"]],
                         "stated": w.say_value(record), "lang": self.book.language[c["source_id"]], "charted": c["claim_id"] in set(self.table["id"]),
                         "ranged": c["claim_id"] in win.index})
        rows.sort(key=lambda r: (not r["charted"], r["topic"], r["claim_id"]))
        return Table(
            rows,
            [
                Column("claim_id", "Claim", lambda r: claim_link(r["claim_id"]), kind="key"),
                Column("source", "Source"),
                Column("topic", "About"),
                Column("stated", "Figure"),
                Column("quote", "The source's words", lambda r: words(r["quote"], r["quote_en"], r["lang"], r["translation"]), kind="words"),
                Column("outcome", "Status", lambda r: self.book.vocabulary.words(r["outcome"]) + ("" if r["charted"] else " (not in the chart)")),
            ],
            f"Every figure the sources give here ({w.count(len(rows), 'claim')}, {sum(r['charted'] for r in rows)} of them in the chart)",
            name="figures",
        )

    def references_list(self) -> Table:
        refs = self.table[self.table["kind"] == "reference"]
        return Table(
            refs.to_dict("records"),
            [
                Column("panel", "About", kind="key"),
                Column("stated", "Figure"),
                Column("scope", "Counted for"),
                Column("who", "Reference", lambda r: reference_cell(r["who"], r["url"], r["reliability"]), kind="words"),
            ],
            f"What the reference works say on the same subjects ({w.count(len(refs), 'figure')})",
            name="references",
        )

    def left_out(self) -> pd.DataFrame:
        """Reference figures of the chapter's categories, of the first and second rank, on subjects no source speaks of."""
        cats = set(self.claims["category"])
        refs = self.book.references
        chosen = (
            refs["category"].isin(cats)
            & ~refs["subject"].isin(set(self.book.claims["subject"]))
            & (refs["rank"].astype(int) <= self.book.siding_rank)
        )
        return refs[chosen].assign(topic=refs.loc[chosen, "subject"].map(self.book.topic))

    def left_out_list(self) -> Table:
        rows = []
        for r in self.left_out().to_dict("records"):
            work = self.book.reference_work(r["ref_id"])
            rows.append({**r, "figure": w.say_value(package.typed("reference", {k: r[k] for k in package.columns("reference")})), "work": work})
        return Table(
            rows,
            [
                Column("topic", "About", kind="key"),
                Column("figure", "Figure"),
                Column(
                    "reference_title",
                    "Reference",
                    lambda r: reference_cell(r["work"]["cite"], r["reference_url"], r["work"]["class_words"]),
                    kind="words",
                ),
            ],
            "Figures in the reference works that no source gives",
            name="left-out",
        )
