"""Chapter 6: how claims were found, read and weighed; what was checked, and by whom."""

from __future__ import annotations

import pandas as pd

from ...evidence import entity_records, mentions, sources
from .. import words as w
from ..book import Book
from ..html import E, link
from ..tables import Column, Table, linked


class MethodsView:
    def __init__(self, book: Book):
        self.book = book
        self.accounted = self._accounted()

    def _accounted(self) -> pd.DataFrame:
        texts = sources.read_texts(self.book.data_dir)
        readable = {s: t for s, t in texts.items() if self.book.language[s] in mentions.LANGUAGES}
        rows = mentions.account(
            readable,
            self.book.language,
            self.book.claims.to_dict("records"),
            self.book.table("excluded_mentions").to_dict("records"),
            entity_records(self.book.table("entities").to_dict("records")),
        )
        return pd.DataFrame(
            [
                {"source_id": a.mention.source_id, "kind": "actor" if a.mention.kind == "actor" else "number or date", "status": a.status}
                for a in rows
            ],
            columns=["source_id", "kind", "status"],
        )

    def glue(self) -> dict:
        b, a, refs = self.book, self.accounted, self.book.references
        spoken = set(b.claims["subject"])
        rank1 = set(refs[refs["rank"].map(b.decides)]["subject"])
        works = b.table("works")
        cited = set(refs["work_id"])
        conv = b.table("conventions").set_index("convention")
        unread = [b.label[s] for s in b.registry["source_id"] if b.language[s] not in mentions.LANGUAGES]
        n = {  # counts, then each with the word it counts (read right for none, one and many)
            "claims": len(b.claims),
            "mentions": int((a["kind"] == "number or date").sum()),
            "actor_mentions": int((a["kind"] == "actor").sum()),
            "received": len(b.table("reference_facts")),
            "works": len(works[works["work_id"].isin(cited)]),
            "spoken": len(spoken),
            "conventions": len(conv),
            "reviews": len(b.table("reviews")),
            "translated": len(b.table("translations")),
            "searches": len(b.table("searches")),
        }
        excluded, unaccounted, rank1_spoken = int((a["status"] == "excluded").sum()), int((a["status"] == "unaccounted").sum()), len(spoken & rank1)
        return {
            "claims_counted": w.count(n["claims"], "claim"),
            "mentions_counted": w.count(n["mentions"], "mention"),
            "actor_mentions_counted": w.count(n["actor_mentions"], "mention"),
            "excluded_are": w.are(excluded, "mention"),
            "unaccounted_is": w.are(unaccounted, "mention"),
            "received_counted": w.count(n["received"], "fact"),
            "works_counted": w.count(n["works"], "work"),
            "subjects_spoken_counted": w.count(n["spoken"], "subject"),
            "subjects_searched": w.count(len(spoken & set(b.table("searches")["subject"])), "subject"),
            "subjects_rank1_have": f"{rank1_spoken:,} {w.verb(rank1_spoken, 'has', 'have')}",
            "conventions_counted": w.count(n["conventions"], "convention"),
            "reviews_counted": w.count(n["reviews"], "review"),
            "translated_counted": w.count(n["translated"], "paragraph"),
            "searches_counted": w.count(n["searches"], "search", "searches"),
            "n_claims": f"{len(b.claims):,}",
            "n_mentions": int((a["kind"] == "number or date").sum()),
            "n_actor_mentions": int((a["kind"] == "actor").sum()),
            "n_excluded": int((a["status"] == "excluded").sum()),
            "n_unaccounted": w.count(int((a["status"] == "unaccounted").sum()), "mention"),
            "coverage_languages": w.join_words(b.vocabulary.language_name(x) for x in mentions.LANGUAGES),
            "coverage_unread": (
                f"The finder cannot read {w.join_words(w.the(x) for x in unread)}, so coverage there rests on reading alone."
                if unread
                else "The finder reads the language of every source."
            ),
            "n_reference_rows": len(refs),
            "n_rank1_rows": int(refs["rank"].map(b.decides).sum()),
            "n_received_facts": len(b.table("reference_facts")),
            "n_added_facts": len(b.table("added_facts")),
            "n_works": len(works[works["work_id"].isin(cited)]),
            "n_official_works": int(works[works["work_id"].isin(cited)]["reliability"].eq("official_history").sum()),
            "n_publishers": len(b.table("publishers")),
            "n_subjects_spoken": len(spoken),
            "n_subjects_rank1": len(spoken & rank1),
            "n_conventions": len(conv),
            "n_varying": int((conv["strict"] != conv["loose"]).sum()),
            "about_default": f"{float(conv.loc['about', 'default']) * 100:.0f}%",
            "n_reviews": len(b.table("reviews")),
            "n_signoffs": len(b.table("finding_reviews")),
            "n_translated": len(b.table("translations")),
            "n_searches": len(b.table("searches")),
        }

    def coverage_table(self) -> Table:
        a = self.accounted
        rows = []
        for sid in self.book.registry["source_id"]:
            mine = a[a["source_id"] == sid]
            row = {"source": w.sentence(self.book.label[sid])}
            for kind, key in (("number or date", "n"), ("actor", "a")):
                k = mine[mine["kind"] == kind]
                row |= {
                    f"{key}_found": len(k),
                    f"{key}_claim": int((k["status"] == "claim").sum()),
                    f"{key}_excluded": int((k["status"] == "excluded").sum()),
                    f"{key}_open": int((k["status"] == "unaccounted").sum()),
                }
            rows.append(row)
        return Table(
            rows,
            [
                Column("source", "Source", kind="key"),
                Column("n_found", "Numbers and dates found", kind="number"),
                Column("n_claim", "in a claim", kind="number"),
                Column("n_excluded", "excluded, with a reason", kind="number"),
                Column("a_found", "Named actors found", kind="number"),
                Column("a_claim", "in a claim naming them", kind="number"),
                Column("a_excluded", "excluded, with a reason", kind="number"),
                Column("open", "Not accounted for", lambda r: str(r["n_open"] + r["a_open"]), kind="number"),
            ],
            "What the mention finder found in each text, and how each mention is accounted for",
            name="coverage",
        )

    def classes_table(self) -> Table:
        refs, works = self.book.references, self.book.table("works")
        rows = [{**c, "works": int(works[works["work_id"].isin(set(refs["work_id"]))]["reliability"].eq(c["reliability"]).sum()),
                 "rows": int((refs["reliability"] == c["reliability"]).sum())} for c in self.book.table("reliability_classes").to_dict("records")]
        return Table(
            rows,
            [
                Column("label", "Class", lambda r: w.sentence(r["label"]), kind="key"),
                Column("rank", "Rank", kind="number"),
                Column("carries_verdict", "Can decide"),
                Column("description", "What it covers", kind="words"),
                Column("works", "Works cited", kind="number"),
                Column("rows", "Reference rows weighed in it", kind="number"),
            ],
            "Classes of reference (data/reference/reliability_classes.csv)",
            name="classes",
        )

    def works_table(self) -> Table:
        """The works of the first rank the verdicts rest on, official histories first."""
        refs, works = self.book.references, self.book.table("works").set_index("work_id")
        first = refs[refs["rank"].map(self.book.decides)]
        rows = []
        for wid, g in first.groupby("work_id"):
            wk = works.loc[wid]
            rows.append(
                {
                    "work": wk["title"],
                    "author": "" if wk["author"] == "not named" else wk["author"],
                    "publisher": wk["publisher"],
                    "year": wk["year"],
                    "class": self.book.class_label[wk["reliability"]],
                    "rows": len(g),
                    "official": wk["reliability"] == "official_history",
                    "url": g["reference_url"].iloc[0],
                }
            )
        rows.sort(key=lambda r: (not r["official"], -r["rows"], r["work"]))
        return Table(
            rows,
            [
                Column("work", "Work", lambda r: link(r["url"], r["work"]), kind="key"),
                Column("author", "Author"),
                Column("publisher", "Publisher, year", lambda r: ", ".join(x for x in (r["publisher"], str(r["year"])) if x)),
                Column("class", "Class"),
                Column("rows", "Facts", kind="number"),
            ],
            f"The first-rank works the verdicts can rest on ({w.count(len(rows), 'work')})",
            name="works",
        )

    def conventions_table(self) -> Table:
        return Table(
            self.book.table("conventions").to_dict("records"),
            [
                Column("example", "Words such as", kind="key"),
                Column(
                    "rule",
                    "Read as",
                    lambda r: (
                        [r["rule"], E("br"), E("span", f"The numbers are {r['parameter']}.", class_="p44-muted")] if r["parameter"] else r["rule"]
                    ),
                    kind="words",
                ),
                Column("strict", "Strict"),
                Column("default", "Default"),
                Column("loose", "Loose"),
                Column("reason", "Why", kind="words"),
            ],
            "The conventions (data/conventions.csv)",
            name="conventions",
        )

    def consequences_table(self) -> Table:
        return Table(
            self.book.table("consequences").to_dict("records"),
            [
                Column("consequence", "Consequence", lambda r: E("code", r["consequence"]), kind="key"),
                Column("severity", "Severity"),
                Column("description", "What a reader would wrongly believe", kind="words"),
            ],
            "How severity is set: by what a reader would wrongly believe (data/vocabulary/consequences.csv)",
            name="consequences",
        )

    def unreferenced_table(self) -> Table:
        """Subjects the sources speak of on which no first-rank work was found, with the search on record."""
        b, refs = self.book, self.book.references
        rank1 = set(refs[refs["rank"].map(b.decides)]["subject"])
        searched = b.table("searches").groupby("subject")["why"].first().to_dict()
        c = b.claims[~b.claims["subject"].isin(rank1)]
        rows = [
            {
                "topic": b.topic[s],
                "claims": len(g),
                "sources": w.join_words(sorted({w.sentence(b.label[x]) for x in g["source_id"]})),
                "why": searched.get(s, ""),
            }
            for s, g in c.groupby("subject")
        ]
        rows.sort(key=lambda r: (-r["claims"], r["topic"]))
        return Table(
            rows,
            [
                Column("topic", "About", kind="key"),
                Column("claims", "Claims", kind="number"),
                Column("sources", "Sources"),
                Column("why", "What the search found", lambda r: linked(b.readable(r["why"])), kind="words"),
            ],
            "Subjects with no first-rank work: their claims carry no verdict",
            name="unreferenced",
        )

    def reviews_table(self) -> Table:
        return Table(
            self.book.table("reviews").to_dict("records"),
            [
                Column("review_id", "Review", kind="key"),
                Column("date", "Date"),
                Column("kind", "Kind"),
                Column("reviewer", "By", kind="words"),
                Column("method", "How", kind="words"),
                Column("what", "What", lambda r: linked(self.book.readable(r["what"])), kind="words"),
                Column("outcome", "Outcome", lambda r: linked(self.book.readable(r["outcome"])), kind="words"),
            ],
            "Reviews and searches (data/reviews.csv)",
            name="reviews",
            cards_always=True,
        )
