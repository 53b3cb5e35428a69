"""Chapter 1: what each source is, how long, what it follows and what it claims."""

from __future__ import annotations

from ...evidence import sources
from .. import words as w
from ..book import Book
from ..charts import bars
from ..html import link
from ..tables import Column, Table, linked


class SourcesView:
    def __init__(self, book: Book):
        self.book = book
        self.registry = book.registry
        self.upstreams = book.table("upstreams")

    def glue(self) -> dict:
        reg = self.registry
        identified = self.upstreams[self.upstreams["status"] == "identified"]["source_id"].nunique()
        langs = [self.book.vocabulary.language_name(x) for x in reg["language"].drop_duplicates()]
        no_publisher = int(reg["publisher"].str.startswith("not identified").sum())
        named = int((~reg["author"].str.startswith("not identified") & ~reg["author"].str.startswith("community")).sum())
        traced = int(reg["url"].str.startswith("http").sum())
        unclaimed = [self.book.label[s] for s in reg["source_id"] if not (self.book.claims["source_id"] == s).any()]
        return {
            "n_sources": len(reg),
            "sources_list": w.join_words(w.the(self.book.label[s]) for s in reg["source_id"]),
            "n_sources_words": w.number_word(len(reg)),
            "n_languages": len(langs),
            "texts_counted": w.has(len(reg), "text", "texts"),
            "languages_counted": w.count(len(langs), "language"),
            "claims_counted": w.count(len(self.book.claims), "claim"),
            "languages_list": w.join_words(langs),
            "total_characters": f"{int(sources.profile(self.book.data_dir)['characters'].sum()):,}",
            "n_claims": f"{len(self.book.claims):,}",
            "n_with_address_at_start": w.sentence(w.number_word(traced)),
            "no_publisher": w.has(no_publisher, "source has", "sources have"),
            "named_author": "none of them names" if named == 0 else w.has(named, "of them names", "of them name"),
            "n_upstreams": w.number_word(identified),
            "no_upstream": w.has(len(reg) - identified, "source has", "sources have"),
            "no_upstream_at_start": w.sentence(w.has(len(reg) - identified, "source has", "sources have")),
            "unclaimed": ("Every source has claims in the ledger." if not unclaimed
                          else f"No claim of {w.join_words(w.the(x) for x in unclaimed)} has been read into the ledger yet."),
        }

    def registry_table(self) -> Table:
        rows = [{**r, "name": w.sentence(r["label"]), "language_name": self.book.vocabulary.language_name(r["language"]),
                 "claims": int((self.book.claims["source_id"] == r["source_id"]).sum())} for r in self.registry.to_dict("records")]
        return Table(
            rows,
            [
                Column("name", "Source", kind="key"),
                Column("title", "Title"),
                Column("language_name", "Language"),
                Column("genre", "Kind of text"),
                Column("publisher", "Publisher"),
                Column("url", "Address", lambda r: link(r["url"], r["site"]) if r["url"].startswith("http") else r["url"]),
                Column("claims", "Claims", kind="number"),
            ],
            f"The {w.number_word(len(rows))} sources (data/sources.csv)",
            name="sources",
            cards_always=True,
        )

    def criticism_table(self) -> Table:
        rows = [{**r, "name": w.sentence(r["label"])} for r in self.registry.to_dict("records")]
        return Table(
            rows,
            [
                Column("name", "Source", kind="key"),
                Column("author", "Author"),
                Column("cites", "Cites"),
                Column("criticism", "Source criticism", lambda r: linked(self.book.readable(r["criticism"])), kind="words"),
            ],
            "Source criticism (data/sources.csv)",
            name="criticism",
        )

    def upstream_table(self) -> Table:
        rows = [{**u, "source": w.sentence(self.book.label[u["source_id"]])} for u in self.upstreams.to_dict("records")]
        return Table(
            rows,
            [
                Column("source", "Source", kind="key"),
                Column("status", "Upstream"),
                Column("title", "What it follows", lambda r: link(r["url"], r["title"]) if r["url"] else (r["title"] or "—"), kind="words"),
                Column("confidence", "How sure"),
                Column("established_by", "How we know", lambda r: linked(self.book.readable(r["established_by"])), kind="words"),
            ],
            "What each source copies, translates or follows (data/upstreams.csv)",
            name="upstreams",
        )

    def lengths(self):
        return bars.source_lengths(self.book)

    def lengths_table(self) -> Table:
        profile = sources.profile(self.book.data_dir)
        profile["label"] = profile["label"].map(w.sentence)
        return Table(
            profile.to_dict("records"),
            [
                Column("label", "Source", kind="key"),
                Column("language_name", "Language"),
                Column("characters", "Characters", lambda r: f"{r['characters']:,}", kind="number"),
                Column("words", "Words", lambda r: f"{r['words']:,}", kind="number"),
                Column("paragraphs", "Paragraphs", kind="number"),
            ],
            "Length of each source",
            name="lengths",
        )

    def coverage(self):
        return bars.coverage(self.book)

    def coverage_table(self) -> Table:
        d = bars.claims_by_family(self.book).pivot(index="source", columns="family", values="claims")
        families = self.book.vocabulary.families()
        order = list(dict.fromkeys(bars.claims_by_family(self.book)["source"]))
        rows = [{"source": s, **{f: int(d.loc[s, f]) for f in families}, "total": int(d.loc[s].sum())} for s in order]
        return Table(
            rows,
            [Column("source", "Source", kind="key")] + [Column(f, f, kind="number") for f in families] + [Column("total", "All", kind="number")],
            "Claims per source and kind",
            name="coverage",
        )
