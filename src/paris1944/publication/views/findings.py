"""Chapter 5 and the front page: every finding, counted once; how much could be checked; what rests on a convention."""

from __future__ import annotations

import pandas as pd

from ... import vocabulary as v
from ...analysis.conventions import VARIANTS
from .. import words as w
from ..book import Book, Results
from ..charts import bars
from ..html import E
from ..tables import Column, Table, claim_link, finding_link, reference_cell, text
from . import finding_rows, findings_table, severity_badge, unpublished_words


class FindingsView:
    def __init__(self, book: Book, results: Results):
        self.book, self.results = book, results
        self.published, self.under_review = results.published, results.under_review
        self.verdicts = results.verdicts

    # ------------------------------------------------------------ counts
    def by_source(self) -> dict:
        return {s: int((self.published["source_id"] == s).sum()) for s in self.book.registry["source_id"]}

    def checked(self) -> dict:
        """How many claims a first-rank work of the same scope decides, in all and by chapter."""
        by = self.results.claims.merge(self.verdicts, on="claim_id")
        decided = by["outcome"].map(self.book.vocabulary.decided)  # what a reader is told (statuses.csv, decided)
        out = {"n_claims": len(by), "claims_counted": w.count(len(by), "claim")}
        out |= {"n_decided": int(decided.sum()), "share_decided": w.percent(int(decided.sum()), len(by)),
               "n_undecided": int((~decided).sum()), "share_undecided": w.percent(int((~decided).sum()), len(by))}
        n = out["n_undecided"]
        out["others_not_decided"] = (
            "no claim is left undecided" if n == 0 else "the other claim is not decided" if n == 1 else f"the other {n:,} claims are not decided"
        )
        out["others_not_decided_sentence"] = w.sentence(out["others_not_decided"])
        for category in self.book.vocabulary.categories:  # n_troops, n_troops_decided, share_troops_decided ...
            mine = by["category"] == category
            n, d = int(mine.sum()), int((mine & decided).sum())
            out |= {f"n_{category}": n, f"n_{category}_decided": d, f"share_{category}_decided": w.percent(d, n)}
        return out

    def glue(self) -> dict:
        p, f = self.published, self.results.findings
        held = f["holds"].str.split()
        other_variant = int((~held.map(lambda h: "default" in h)).sum())
        none = [self.book.label[s] for s, n in self.by_source().items() if n == 0]
        return {
            **self.checked(),
            "conventions": self.results.variant,
            "n_findings": len(p),
            "n_major": int((p["severity"] == "major").sum()),
            "n_minor": int((p["severity"] == "minor").sum()),
            "n_under_review": len(self.under_review),
            "published_words": self.published_words(),
            "published_sentence": self.published_words() + (
                f", concerning {w.count(len({c for cs in p['claim_ids'] for c in cs.split()}), 'claim')} from "
                f"{w.number_word(p['source_id'].nunique())} of the {w.count(len(self.book.registry), 'source')}." if len(p) else "."),
            "under_review_words": unpublished_words(self.book, self.under_review, "more finding"),
            "n_claims_in_findings": len({c for cs in p["claim_ids"] for c in cs.split()}),
            "n_sources_in_error": w.number_word(p["source_id"].nunique()),
            "sources_without_findings": w.join_words(w.the(x) for x in none) or "none",
            "n_against_reference": int((p["kind"] == v.AGAINST_RECORD).sum()),
            "n_internal": int((p["kind"] == v.INTERNAL).sum()),
            "n_scope": int((p["kind"] == v.SCOPE).sum()),
            "n_between_sources": int((p["kind"] == v.BETWEEN_SOURCES).sum()),
            "n_convention_edge": int((self.under_review["gate"] == "convention_edge").sum()),
            "n_not_signed": int(self.under_review["gate"].isin(["not_signed", "rejected"]).sum()),
            "n_other_variant": other_variant,
            "other_variant_appear": f"{w.count(other_variant, 'finding')} {w.verb(other_variant, 'appears', 'appear')}",
            "n_inherited": int((p["origin"] == "inherited").sum()),
            "n_own": int((p["origin"] == "own").sum()),
            "finding": self.title(),
            "n_weaker_only": len(self.weaker_only()),
        }

    def published_words(self) -> str:
        """'No published finding', '1 published finding (major)', '3 published findings: 1 major, 2 minor'."""
        p = self.published
        if p.empty:
            return "No published finding yet"
        order = list(dict.fromkeys(r.severity for r in self.book.vocabulary.consequences.values()))  # major first
        grades = [f"{(p['severity'] == s).sum()} {s}" for s in order if (p["severity"] == s).any()]
        return w.sentence(w.count(len(p), "published finding")) + (f": {w.join_words(grades)}" if grades else "")

    def title(self) -> str:
        by = self.by_source()
        review = unpublished_words(self.book, self.under_review, "finding")
        if not len(self.published):
            return w.sentence(review)
        worst = max(by, key=lambda s: by[s])
        none = [self.book.label[s] for s, n in by.items() if n == 0]
        rest = f"; {w.join_words(w.the(x) for x in none)} {'has' if len(none) == 1 else 'have'} none" if none else ""
        holds = f"{w.sentence(w.the(self.book.label[worst]))} holds {by[worst]} of the {w.count(len(self.published), 'published finding')}"
        return f"{holds}{rest}; {unpublished_words(self.book, self.under_review, 'more finding')}"

    # ------------------------------------------------------------ chart and tables
    def chart(self):
        return bars.outcomes(self.book, self.verdicts, self.title())

    def findings_table(self) -> Table:
        return findings_table(self.book, self.results, self.published, f"Every published finding ({self.results.variant} conventions)")

    def under_review_table(self) -> Table:
        gates = self.book.table("gates").set_index("gate")["words"]
        rows = finding_rows(self.book, self.under_review, self.results)
        return Table(
            rows,
            [
                Column("finding_id", "Finding", lambda r: finding_link(r["finding_id"]), kind="key"),
                Column("source", "Source"),
                Column("topic", "About"),
                Column("claimed", "It says"),
                Column("record", "The record says"),
                Column("gate", "Why it is not published", lambda r: gates[r["gate"]]),
            ],
            f"Findings not published, each with why ({w.count(len(rows), 'finding')})",
            name="under-review",
        )

    def headline_table(self) -> Table:
        """The published findings for the front page, major first, each with how sure it is and what it rests on."""
        rows = finding_rows(self.book, self.published, self.results)
        rows.sort(key=lambda r: (r["severity"] != "major", r["source"], r["topic"]))
        return Table(
            rows,
            [
                Column("topic", "About", kind="key"),
                Column("source", "Source"),
                Column("claimed", "The source says"),
                Column("record", "The record says"),
                Column("severity", "Severity", severity_badge),
                Column(
                    "holds_words",
                    "How sure",
                    lambda r: [
                        f"Holds {r['holds_words']}",
                        E("br"),
                        E("span", f"Rests on: {r['reference']['cite'] if r['reference'] else 'the source itself'}", class_="p44-muted"),
                    ],
                    kind="words",
                ),
                Column("finding_id", "Finding", lambda r: finding_link(r["finding_id"], "read the finding")),
            ],
            f"The published findings under the {self.results.variant} conventions, major first ({w.count(len(rows), 'finding')})"
            + ("" if rows else ": none is signed off yet, and those under review are on the findings page"),
            name="headline",
        )

    def sensitivity_table(self) -> Table:
        f = self.results.findings
        rows = [{**r, "source": w.sentence(self.book.label[r["source_id"]]), "topic": self.book.topic[r["subject"]]} for r in f.to_dict("records")]
        mark = lambda r, x: "holds" if x in r["holds"].split() else "does not hold"
        return Table(
            rows,
            [
                Column("finding_id", "Finding", lambda r: finding_link(r["finding_id"]), kind="key"),
                Column("source", "Source"),
                Column("topic", "About"),
                *[Column(x, x.capitalize(), lambda r, x=x: mark(r, x)) for x in VARIANTS],
                Column("conventions", "Depends on", lambda r: self.book.depends_words(r["conventions"])),
            ],
            "Each finding under the strict, default and loose conventions",
            name="sensitivity",
        )

    def per_source_table(self) -> Table:
        d = bars.outcomes_by_source(self.book, self.verdicts).pivot(index="source", columns="outcome", values="claims")
        by = {w.sentence(self.book.label[s]): n for s, n in self.by_source().items()}
        # an outcome no claim has is a column of zeros: left out, so the table fits a page column (the chart's key lists it)
        statuses = [x for x in self.book.vocabulary.statuses if x in d.columns and d[x].sum() > 0]
        rows = [{"source": s, "findings": by[s], **{x: int(d.loc[s, x]) for x in statuses}} for s in by]
        return Table(
            rows,
            [Column("source", "Source", kind="key"), Column("findings", "Published findings", kind="number")]
            + [Column(x, w.sentence(self.book.vocabulary.statuses[x].short), kind="number") for x in statuses],
            "Each source's claims by outcome",
            name="outcomes",
        )

    def weaker_only(self) -> pd.DataFrame:
        """Claims no first-rank work decides that a weaker reference contradicts: said, not counted."""
        refs = self.book.references
        claims = self.results.claims.set_index("claim_id")
        rows = []
        for cid in self.verdicts.loc[self.verdicts["status"] == v.UNVERIFIABLE, "claim_id"]:
            mine, c = self.results.window(cid), claims.loc[cid]
            if mine is None:
                continue
            for r in refs[(refs["subject"] == c["subject"]) & ~refs["rank"].map(self.book.decides)].to_dict("records"):
                theirs = self.results.window(r["ref_id"])
                if theirs is not None and theirs["measure"] == mine["measure"] and _apart(mine, theirs):
                    work = self.book.reference_work(r["ref_id"])
                    rows.append(
                        {
                            "claim_id": cid,
                            "source": w.sentence(self.book.label[c["source_id"]]),
                            "topic": self.book.topic[c["subject"]],
                            "claimed": c["quote_en"],
                            "reference": work["cite"],
                            "url": r["reference_url"],
                            "class": work["class_words"],
                            "says": r["excerpt"],
                        }
                    )
        return pd.DataFrame(rows, columns=["claim_id", "source", "topic", "claimed", "reference", "url", "class", "says"])

    def weaker_table(self) -> Table:
        d = self.weaker_only()
        return Table(
            d.to_dict("records"),
            [
                Column("claim_id", "Claim", lambda r: claim_link(r["claim_id"]), kind="key"),
                Column("source", "Source"),
                Column("topic", "About"),
                Column("claimed", "The source says", kind="words"),
                Column(
                    "reference",
                    "A weaker reference says",
                    lambda r: [text(r["says"]), E("br"), reference_cell(r["reference"], r["url"], r["class"])],
                    kind="words",
                ),
            ],
            "Claims no first-rank work decides, which weaker references contradict (not counted as findings)",
            name="weaker",
        )


def _apart(a, b) -> bool:
    """Whether two windows (rows of the windows table) do not meet."""
    def num(x):
        return None if x in ("", None) else (x if a["measure"] == v.DAYS else float(x))

    lo_a, hi_a, lo_b, hi_b = (num(x) for x in (a["low"], a["high"], b["low"], b["high"]))
    return bool((hi_a is not None and lo_b is not None and hi_a < lo_b) or (hi_b is not None and lo_a is not None and hi_b < lo_a))
