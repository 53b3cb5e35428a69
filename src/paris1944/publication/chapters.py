"""What each chapter shows, computed once from data/: counts for the prose, tables and charts.

Notebooks narrate and call these; nothing here is written twice. Every count
says what it counts: findings, distinct claims, or distinct events (subjects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths
from ..evidence import package, sources
from . import wording as w

FIGURE_CATEGORIES = ("troops", "casualties", "distance", "count", "share")
NAMED = ("participation", "command", "order", "request", "place")
FAMILIES = {
    "date": "Dates",
    "troops": "Figures",
    "casualties": "Figures",
    "distance": "Figures",
    "count": "Figures",
    "share": "Figures",
    "participation": "Who acted",
    "command": "Who acted",
    "order": "Who acted",
    "request": "Who acted",
    "place": "Places",
}
KIND_WORDS = {
    "source_vs_reference": "against a reference",
    "source_vs_source": "between sources",
    "internal": "within a source",
    "scope": "another place or period",
}
ROBUST_WORDS = {
    "all conventions": "under every convention",
    "strict and default": "not under the loose convention",
    "default and loose": "not under the strict convention",
    "strict only": "only under the strict convention",
    "default only": "only under the default convention",
    "loose only": "only under the loose convention",
    "strict and loose": "not under the default convention",
}
ORIGIN_WORDS = {
    "own": "the copy's own",
    "inherited": "inherited from its upstream",
    "upstream not identified": "no upstream identified",
    "upstream not readable": "upstream not readable on this point",
    "not applicable": "not applicable",
}


@dataclass
class Book:
    """Every table the chapters read, loaded once from a data folder."""

    data_dir: Path

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Book:
        return cls(Path(data_dir or paths.DATA))

    def table(self, name: str) -> pd.DataFrame:
        return package.frame(name, self.data_dir)

    @cached_property
    def registry(self) -> pd.DataFrame:
        return self.table("sources")

    @cached_property
    def claims(self) -> pd.DataFrame:
        return self.table("claims")

    @cached_property
    def subjects(self) -> pd.DataFrame:
        return self.table("subjects")

    @cached_property
    def references(self) -> pd.DataFrame:
        return self.table("reference")

    @cached_property
    def findings(self) -> pd.DataFrame:
        return self.table("findings")

    @cached_property
    def verdicts(self) -> pd.DataFrame:
        return self.table("verdicts")

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return self.table("timeline")

    @cached_property
    def windows(self) -> pd.DataFrame:
        return self.table("windows")

    @cached_property
    def conventions(self) -> pd.DataFrame:
        return self.table("conventions")

    @cached_property
    def classes(self) -> pd.DataFrame:
        return self.table("reliability_classes")

    @cached_property
    def label(self) -> dict:
        return dict(zip(self.registry["source_id"], self.registry["label"]))

    @cached_property
    def language(self) -> dict:
        return dict(zip(self.registry["source_id"], self.registry["language"]))

    @cached_property
    def topic(self) -> dict:
        return dict(zip(self.subjects["subject"], self.subjects["description"]))

    @cached_property
    def convention_label(self) -> dict:
        return dict(zip(self.conventions["convention"], self.conventions["label"]))

    def readable(self, text: str) -> str:
        """A note for readers: the ids of subjects and conventions it names, in words."""
        words = {**{k: f"'{v}'" for k, v in self.topic.items()}, **self.convention_label}
        return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b(?!\.csv)", lambda m: words.get(m.group(), m.group()), text)

    def depends_words(self, conventions: str) -> str:
        """The conventions a finding depends on, in a reader's words."""
        return "; ".join(self.convention_label[c] for c in conventions.split()) or "no convention whose variants differ"

    @cached_property
    def class_label(self) -> dict:
        return dict(zip(self.classes["reliability"], self.classes["label"]))

    def status(self) -> pd.Series:
        """Each claim's status for charts: in a finding (default conventions) counts as 'conflicts'."""
        v = self.verdicts.set_index("claim_id")
        return v["status"].where(v["finding_id"] == "", "conflicts")

    @property
    def default_findings(self) -> pd.DataFrame:
        return self.findings[self.findings["default"] != ""]


# ------------------------------------------------------------------ sources
def source_table(book: Book) -> list[dict]:
    rows = []
    for r in book.registry.to_dict("records"):
        rows.append({**r, "language_name": sources.LANGUAGE_NAMES[r["language"]], "claims": int((book.claims["source_id"] == r["source_id"]).sum())})
    return rows


def claims_by_family(book: Book) -> pd.DataFrame:
    """Claims per source and family of category (dates, figures, who acted, places)."""
    c = book.claims.assign(source=book.claims["source_id"].map(book.label), family=book.claims["category"].map(FAMILIES))
    order = list(book.registry["label"])
    table = (
        c.groupby(["source", "family"])
        .size()
        .rename("claims")
        .reset_index()
        .pivot(index="source", columns="family", values="claims")
        .reindex(index=order, columns=list(dict.fromkeys(FAMILIES.values())))
        .fillna(0)
        .astype(int)
    )
    return table.reset_index().melt(id_vars="source", var_name="family", value_name="claims")


# ------------------------------------------------------------------ chronology
def dated(book: Book) -> pd.DataFrame:
    """Every dated claim with its status and, where it conflicts, the reference date it departs from."""
    t = book.timeline.copy()
    status = book.status()
    t["status"] = t["claim_id"].map(status)
    refs = book.references.set_index("ref_id")
    f = book.default_findings.set_index("finding_id")
    ref_date = {}
    for cid, fid in zip(book.verdicts["claim_id"], book.verdicts["finding_id"]):
        if fid and fid in f.index and f.loc[fid, "kind"] == "source_vs_reference":
            rid = f.loc[fid, "verdict_reference"]
            if rid in refs.index and refs.loc[rid, "date"]:
                ref_date[cid] = (rid, refs.loc[rid, "date"], refs.loc[rid, "date_end"])
    t["reference_id"] = t["claim_id"].map(lambda c: ref_date.get(c, ("", "", ""))[0])
    t["reference_date"] = t["claim_id"].map(lambda c: ref_date.get(c, ("", "", ""))[1])
    return t


@dataclass
class Counts:
    """How many claims, events and findings a chapter speaks of, each counted once."""

    claims: int
    events: int
    checkable_events: int  # events on which a first-rank reference decides at least one claim
    agreeing_events: int
    events_with_findings: int
    findings: int
    major: int

    def sentence(self, what: str) -> str:
        return (
            f"{w.count(self.claims, what)} about {w.count(self.events, 'event')}; a first-rank reference decides "
            f"{self.checkable_events} of the events, and on {w.count(self.events_with_findings, 'event')} a source is in error "
            f"({w.count(self.findings, 'finding')}, {self.major} major)"
        )


def counts(book: Book, claims: pd.DataFrame) -> Counts:
    v = book.verdicts.set_index("claim_id").loc[claims["claim_id"]]
    subjects = claims.assign(status=v["status"].to_numpy(), finding=v["finding_id"].to_numpy())
    decided = subjects[subjects["status"].isin(["agrees", "conflicts"])]["subject"].unique()
    with_findings = subjects[subjects["finding"] != ""]["subject"].unique()
    agreeing = [s for s in decided if s not in with_findings]
    fids = set(subjects["finding"]) - {""}
    f = book.default_findings[book.default_findings["finding_id"].isin(fids)]
    return Counts(
        len(claims), claims["subject"].nunique(), len(decided), len(agreeing), len(with_findings), len(f), int((f["severity"] == "major").sum())
    )


# ------------------------------------------------------------------ figures against references
def figures_table(book: Book, categories: tuple[str, ...]) -> pd.DataFrame:
    """The sources' figures in some categories beside every reference figure on the same subjects (default windows)."""
    win = book.windows[book.windows["variant"] == "default"].set_index("id")
    status = book.status()
    claims = book.claims[book.claims["category"].isin(categories)]
    claims = claims[claims["claim_id"].isin(win.index)]
    rows = []
    for subject in sorted(claims["subject"].unique(), key=lambda s: book.topic[s]):
        refs = book.references[(book.references["subject"] == subject) & book.references["ref_id"].isin(win.index)]
        mine = claims[claims["subject"] == subject]
        if refs.empty and not (mine["claim_id"].map(status) == "conflicts").any():
            continue  # nothing to set the figure beside, and no finding to show: a panel would say nothing
        for c in mine.to_dict("records"):
            rows.append(_figure_row(book, c, win.loc[c["claim_id"]], kind="source", status=status[c["claim_id"]]))
        for r in refs.to_dict("records"):
            rows.append(_figure_row(book, r, win.loc[r["ref_id"]], kind="reference", status="reference"))
    return pd.DataFrame(rows)


def _figure_row(book: Book, s: dict, window, kind: str, status: str) -> dict:
    record = package.typed("claims" if kind == "source" else "reference", s)
    return {
        "panel": book.topic[s["subject"]],
        "subject": s["subject"],
        "kind": kind,
        "id": s.get("claim_id") or s["ref_id"],
        "who": book.label[s["source_id"]] if kind == "source" else s["reference_title"],
        "rank": "" if kind == "source" else s["rank"],
        "reliability": "" if kind == "source" else book.class_label[s["reliability"]],
        "low": float(window["low"]) if window["low"] else float("nan"),
        "high": float(window["high"]) if window["high"] else float("nan"),
        "value": float(s["value"]) if s["value"] else float("nan"),
        "unit": s["unit"],
        "stated": w.say_value(record),
        "scope": (s["scope_place"] + (" " if s["scope_place"] else "") + s["scope_to"]).strip(),
        "status": status,
        "quote": s.get("quote") or s["excerpt"],
        "quote_en": s.get("quote_en") or "",
        "url": "" if kind == "source" else s["reference_url"],
        "publisher": book.label[s["source_id"]] if kind == "source" else s["publisher"],
    }


def left_out(book: Book, categories: tuple[str, ...]) -> pd.DataFrame:
    """Reference figures, of the first and second rank, on subjects no source speaks of."""
    spoken = set(book.claims["subject"])
    refs = book.references[
        book.references["category"].isin(categories) & ~book.references["subject"].isin(spoken) & (book.references["rank"].astype(int) <= 2)
    ]
    return refs.assign(topic=refs["subject"].map(book.topic))


# ------------------------------------------------------------------ findings
def findings_rows(book: Book, findings: pd.DataFrame | None = None) -> list[dict]:
    """Findings for a table: plain words, with the source's own words and the record's."""
    f = book.findings if findings is None else findings
    claims = book.claims.set_index("claim_id")
    refs = book.references.set_index("ref_id")
    rows = []
    for r in f.to_dict("records"):
        first = r["claim_ids"].split()[0]
        c = claims.loc[first]
        ref = refs.loc[r["verdict_reference"]] if r["verdict_reference"] in refs.index else None
        rows.append(
            {
                **r,
                "_anchor": "",
                "source": book.label[r["source_id"]],
                "topic": book.topic[r["subject"]],
                "quote": c["quote"],
                "quote_en": c["quote_en"],
                "translation": c["translation"],
                "language": book.language[c["source_id"]],
                "kind_words": KIND_WORDS[r["kind"]],
                "robust_words": ROBUST_WORDS[r["robustness"]],
                "origin_words": ORIGIN_WORDS[r["origin"]],
                "depends_words": book.depends_words(r["conventions"]),
                "record_shown": (f"elsewhere the same source says {r['record']}" if r["kind"] == "internal" else r["record"]),
                "reference_title": "" if ref is None else ref["reference_title"],
                "reference_url": "" if ref is None else ref["reference_url"],
                "reference_class": "" if ref is None else book.class_label[ref["reliability"]],
                "reference_excerpt": "" if ref is None else ref["excerpt"],
                "reference_lang": "" if ref is None else ref["excerpt_lang"],
            }
        )
    return rows


@dataclass
class FindingCounts:
    findings: int  # under the default conventions
    major: int
    minor: int
    claims: int  # distinct claims in them
    sources: int  # distinct sources in error
    by_kind: dict
    robust: int  # hold under every convention
    depend: int  # hold by default but not under every convention
    strict_only: int  # hold only under a stricter reading
    by_source: dict  # source label -> findings (default)


def finding_counts(book: Book) -> FindingCounts:
    f = book.default_findings
    ids = {c for cs in f["claim_ids"] for c in cs.split()}
    allf = book.findings
    by_source = {book.label[s]: int((f["source_id"] == s).sum()) for s in book.registry["source_id"]}
    return FindingCounts(
        len(f),
        int((f["severity"] == "major").sum()),
        int((f["severity"] == "minor").sum()),
        len(ids),
        f["source_id"].nunique(),
        f["kind"].value_counts().to_dict(),
        int((f["robustness"] == "all conventions").sum()),
        int((f["robustness"] != "all conventions").sum()),
        int(((allf["default"] == "") & (allf["strict"] != "")).sum()),
        by_source,
    )


def per_source_status(book: Book) -> pd.DataFrame:
    """For each source: how many of its claims agree, conflict (are in a finding), cannot be checked, or count another scope."""
    status = book.status()
    c = book.claims.assign(status=book.claims["claim_id"].map(status), source=book.claims["source_id"].map(book.label))
    order = list(book.registry["label"])
    statuses = ["agrees", "conflicts", "other scope", "unverifiable"]
    return (
        c.groupby(["source", "status"])
        .size()
        .rename("claims")
        .reset_index()
        .pivot(index="source", columns="status", values="claims")
        .reindex(index=order, columns=statuses)
        .fillna(0)
        .astype(int)
        .reset_index()
    )


def weaker_only(book: Book) -> pd.DataFrame:
    """Claims no first-rank reference decides, that weaker references contradict: said, but not counted as findings."""
    v = book.verdicts.set_index("claim_id")
    win = book.windows[book.windows["variant"] == "default"].set_index("id")
    refs = book.references
    rows = []
    for c in book.claims.to_dict("records"):
        if v.loc[c["claim_id"], "status"] != "unverifiable" or c["claim_id"] not in win.index:
            continue
        mine = win.loc[c["claim_id"]]
        for r in refs[(refs["subject"] == c["subject"]) & (refs["rank"].astype(int) > 1)].to_dict("records"):
            if r["ref_id"] not in win.index or win.loc[r["ref_id"], "measure"] != mine["measure"]:
                continue
            theirs = win.loc[r["ref_id"]]
            if _apart(mine, theirs):
                rows.append(
                    {
                        "claim_id": c["claim_id"],
                        "source": book.label[c["source_id"]],
                        "topic": book.topic[c["subject"]],
                        "claimed": c["quote_en"],
                        "reference": r["reference_title"],
                        "url": r["reference_url"],
                        "class": book.class_label[r["reliability"]],
                        "says": r["excerpt"],
                        "lang": r["excerpt_lang"],
                    }
                )
    return pd.DataFrame(rows)


def _apart(a, b) -> bool:
    lo_a, hi_a, lo_b, hi_b = (x or "" for x in (a["low"], a["high"], b["low"], b["high"]))
    if a["measure"] == "days":
        return bool((hi_a and lo_b and hi_a < lo_b) or (hi_b and lo_a and hi_b < lo_a))
    f = lambda x: float(x) if x else None
    return bool(
        (f(hi_a) is not None and f(lo_b) is not None and f(hi_a) < f(lo_b)) or (f(hi_b) is not None and f(lo_a) is not None and f(hi_b) < f(lo_a))
    )


# ------------------------------------------------------------------ what each notebook shows
from . import charts as _charts  # noqa: E402  (charts build on the views above)
from .html import E, link  # noqa: E402
from .tables import Column, Table, claim_link, finding_link, linked, reference_cell, text, words  # noqa: E402


def _findings_table(book: Book, findings: pd.DataFrame, caption: str) -> Table:
    """Five columns, so that the whole finding reads in a desktop column: the claim with the source's own
    words under it, the record with its reference under it."""
    rows = findings_rows(book, findings)
    return Table(
        rows,
        [
            Column(
                "finding_id",
                "Finding",
                lambda r: [
                    E("span", r["severity"], class_=f"p44-badge p44-badge-{r['severity']}"),
                    E("br"),
                    finding_link(r["finding_id"], "read the finding"),
                ],
                kind="key",
            ),
            Column("source", "Source"),
            Column("topic", "About"),
            Column(
                "claimed",
                "It says",
                lambda r: [E("strong", r["claimed"]), E("br"), words(r["quote"], r["quote_en"], r["language"], r["translation"])],
                kind="words",
            ),
            Column(
                "record",
                "The record says",
                lambda r: (
                    [E("strong", r["record"]), E("br"), reference_cell(r["reference_title"], r["reference_url"], r["reference_class"])]
                    if r["reference_title"]
                    else E("strong", r["record_shown"])
                ),
                kind="words",
            ),
        ],
        caption,
        name="findings",
    )


class SourcesView:
    """Chapter 1: what each source is, how long, what it claims."""

    def __init__(self, book: Book):
        self.book = book
        self.registry = book.registry
        self.upstreams = book.table("upstreams")

    def glue(self) -> dict:
        reg, up = self.registry, self.upstreams
        identified = up[up["status"] == "identified"]
        langs = [sources.LANGUAGE_NAMES[x] for x in reg["language"].drop_duplicates()]
        return {
            "n_sources": len(reg),
            "n_languages": len(langs),
            "languages_list": w.join_words(langs),
            "total_characters": f"{int(sources.profile(self.book.data_dir)['characters'].sum()):,}",
            "n_claims": f"{len(self.book.claims):,}",
            "n_with_address": w.number_word(int(reg["url"].str.startswith("http").sum())),
            "n_with_address_at_start": w.number_word(int(reg["url"].str.startswith("http").sum())).capitalize(),
            "n_no_publisher": w.number_word(int(reg["publisher"].str.startswith("not identified").sum())),
            "n_named_author": w.number_word(
                int((~reg["author"].str.startswith("not identified") & ~reg["author"].str.startswith("community")).sum())
            ),
            "n_upstreams": w.number_word(identified["source_id"].nunique()),
            "no_publisher": _has(int(reg["publisher"].str.startswith("not identified").sum()), "source has", "sources have"),
            "no_upstream": _has(len(reg) - identified["source_id"].nunique(), "source has", "sources have"),
            "named_author": _has(
                int((~reg["author"].str.startswith("not identified") & ~reg["author"].str.startswith("community")).sum()),
                "of them names",
                "of them name",
            ),
        }

    def registry_table(self) -> Table:
        rows = source_table(self.book)
        return Table(
            rows,
            [
                Column("label", "Source", kind="key"),
                Column("title", "Title"),
                Column("language_name", "Language"),
                Column("genre", "Kind of text"),
                Column("publisher", "Publisher"),
                Column("url", "Address", lambda r: link(r["url"], r["site"]) if r["url"].startswith("http") else r["url"]),
                Column("claims", "Claims", kind="number"),
            ],
            "The five sources (data/sources.csv)",
            name="sources",
            cards_always=True,
        )

    def criticism_table(self) -> Table:
        return Table(
            self.registry.to_dict("records"),
            [
                Column("label", "Source", kind="key"),
                Column("author", "Author"),
                Column("cites", "Cites"),
                Column("criticism", "Source criticism", kind="words"),
            ],
            "Source criticism (data/sources.csv)",
            name="criticism",
        )

    def upstream_table(self) -> Table:
        rows = [{**u, "source": self.book.label[u["source_id"]]} for u in self.upstreams.to_dict("records")]
        return Table(
            rows,
            [
                Column("source", "Source", kind="key"),
                Column("status", "Upstream"),
                Column("title", "What it follows", lambda r: link(r["url"], r["title"]) if r["url"] else (r["title"] or "—"), kind="words"),
                Column("confidence", "How sure"),
                Column("established_by", "How we know", kind="words"),
            ],
            "What each source copies, translates or follows (data/upstreams.csv)",
            name="upstreams",
        )

    def lengths(self):
        return _charts.source_lengths(self.book)

    def lengths_table(self) -> Table:
        profile = sources.profile(self.book.data_dir)
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
        return _charts.coverage(self.book)

    def coverage_table(self) -> Table:
        d = claims_by_family(self.book).pivot(index="source", columns="family", values="claims").reindex(list(self.registry["label"]))
        rows = [{"source": s, **{f: int(d.loc[s, f]) for f in d.columns}, "total": int(d.loc[s].sum())} for s in d.index]
        return Table(
            rows,
            [Column("source", "Source", kind="key")]
            + [Column(f, f, kind="number") for f in _charts.FAMILY_ORDER]
            + [Column("total", "All", kind="number")],
            "Claims per source and kind",
            name="coverage",
        )


class ChronologyView:
    """Chapter 2: the dates."""

    def __init__(self, book: Book):
        self.book = book
        self.claims = book.claims[book.claims["category"] == "date"]
        self.counts = counts(book, self.claims)
        self.findings = book.default_findings[
            book.default_findings["subject"].isin(self.claims["subject"])
            & book.default_findings["claim_ids"].str.split().map(lambda ids: any(i in set(self.claims["claim_id"]) for i in ids))
        ]

    def title(self) -> str:
        c = self.counts
        worst = self.findings["source_id"].map(self.book.label).value_counts()
        lead = f"; {w.the(worst.index[0])} accounts for {worst.iloc[0]} of them" if len(worst) and worst.iloc[0] > 1 else ""
        return (
            f"On {c.agreeing_events} of the {c.checkable_events} events a first-rank reference dates, the sources agree with it; "
            f"{w.count(len(self.findings), 'date')} {'is' if len(self.findings) == 1 else 'are'} wrong{lead}"
        )

    def glue(self) -> dict:
        c = self.counts
        dated = self.claims
        years = sorted(v for v in self.book.timeline["earliest"].str[:4].tolist() + self.book.timeline["latest"].str[:4].tolist() if v)
        worst = self.findings["source_id"].map(self.book.label).value_counts()
        return {
            "n_dated": c.claims,
            "n_events": c.events,
            "n_checkable": c.checkable_events,
            "n_agreeing": c.agreeing_events,
            "n_date_findings": len(self.findings),
            "n_date_major": int((self.findings["severity"] == "major").sum()),
            "n_sources_dating": dated["source_id"].nunique(),
            "first_year": years[0],
            "last_year": years[-1],
            "worst_dates": w.the(worst.index[0]) if len(worst) else "no source",
            "worst_dates_n": int(worst.iloc[0]) if len(worst) else 0,
            "finding": self.title(),
            "timeline_note": w.sentence(_charts.timeline_note(self.book)) + ".",
        }

    def chart(self):
        return _charts.timeline(self.book, self.title())

    def findings_table(self) -> Table:
        return _findings_table(self.book, self.findings, "Dates in error (under the default conventions)")

    def dated_table(self) -> Table:
        d = dated(self.book)
        status_words = {"agrees": "agrees", "conflicts": "in error", "unverifiable": "no first-rank reference", "other scope": "other scope"}
        rows = [{**r, "lang": self.book.language[r["source_id"]]} for r in d.to_dict("records")]
        return Table(
            rows,
            [
                Column("claim_id", "Claim", lambda r: claim_link(r["claim_id"]), kind="key"),
                Column("source", "Source"),
                Column("event", "Event"),
                Column("stated", "Date it gives"),
                Column("quote", "The source's words", lambda r: words(r["quote"], r["quote_en"], r["lang"], r["translation"]), kind="words"),
                Column("status", "Verdict", lambda r: status_words[r["status"]]),
            ],
            "Every dated claim, in date order",
            name="dated",
        )


class FiguresView:
    """Chapters 3 and 4: figures beside the references."""

    def __init__(self, book: Book, categories: tuple[str, ...], name: str, page: str):
        self.book, self.categories, self.name, self.page = book, categories, name, page
        self.claims = book.claims[book.claims["category"].isin(categories)]
        self.counts = counts(book, self.claims)
        self.table = figures_table(book, categories)
        ids = set(self.claims["claim_id"])
        self.findings = book.default_findings[book.default_findings["claim_ids"].str.split().map(lambda x: any(i in ids for i in x))]

    def title(self) -> str:
        c = self.counts
        given = self.table[self.table["kind"] == "source"]
        decided = given[given["status"].isin(["agrees", "conflicts"])]
        wrong = decided[decided["status"] == "conflicts"]
        if not len(decided):
            return (
                f"No first-rank reference decides any of the {len(given)} figures the sources give here; "
                f"{w.count(int((given['status'] == 'other scope').sum()), 'matches a reference', 'match references')} for another place or period"
            )
        return (
            f"{len(decided) - len(wrong)} of the {len(decided)} figures a first-rank reference decides agree with it; "
            f"{w.count(c.claims - len(decided), 'other figure')} cannot be checked against one"
        )

    def glue(self) -> dict:
        given = self.table[self.table["kind"] == "source"] if len(self.table) else self.table
        giving = [self.book.label[s] for s in self.book.registry["source_id"] if s in set(self.claims["source_id"])]
        decided = given[given["status"].isin(["agrees", "conflicts"])] if len(given) else given
        return {
            "n_given": len(self.claims),
            "n_in_chart": len(given),
            "n_sources_giving": w.number_word(len(giving)),
            "n_sources_giving_at_start": w.number_word(len(giving)).capitalize(),
            "sources_giving": w.join_words(w.the(s) for s in giving),
            "n_decided": len(decided),
            "n_agree": int((decided["status"] == "agrees").sum()) if len(decided) else 0,
            "n_findings": len(self.findings),
            "n_scope": int((given["status"] == "other scope").sum()) if len(given) else 0,
            "n_left_out": left_out(self.book, self.categories)["subject"].nunique(),
            "finding": self.title(),
        }

    def chart(self, subtitle: str, caption: str):
        return _charts.against_references(self.table, self.name, self.page, self.title(), subtitle, caption)

    def findings_table(self) -> Table:
        return _findings_table(self.book, self.findings, "Figures in error or for another place or period (default conventions)")

    def figures_list(self) -> Table:
        src = self.table[self.table["kind"] == "source"]
        claims = self.book.claims.set_index("claim_id")
        status_words = {
            "agrees": "agrees",
            "conflicts": "in error",
            "unverifiable": "no first-rank reference",
            "other scope": "other place or period",
        }
        rows = [
            {
                **r,
                "quote_en": claims.loc[r["id"], "quote_en"],
                "translation": claims.loc[r["id"], "translation"],
                "lang": self.book.language[claims.loc[r["id"], "source_id"]],
            }
            for r in src.to_dict("records")
        ]
        return Table(
            rows,
            [
                Column("id", "Claim", lambda r: claim_link(r["id"]), kind="key"),
                Column("who", "Source"),
                Column("panel", "About"),
                Column("stated", "Figure"),
                Column("quote", "The source's words", lambda r: words(r["quote"], r["quote_en"], r["lang"], r["translation"]), kind="words"),
                Column("status", "Verdict", lambda r: status_words[r["status"]]),
            ],
            "The figures the sources give",
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
            "What the reference works say on the same subjects",
            name="references",
        )

    def left_out_list(self) -> Table:
        refs = left_out(self.book, self.categories)
        rows = [
            {**r, "figure": w.say_value(package.typed("reference", {k: v for k, v in r.items() if k in package.columns("reference")}))}
            for r in refs.to_dict("records")
        ]
        return Table(
            rows,
            [
                Column("topic", "About", kind="key"),
                Column("figure", "Figure"),
                Column(
                    "reference_title",
                    "Reference",
                    lambda r: reference_cell(r["reference_title"], r["reference_url"], self.book.class_label[r["reliability"]]),
                    kind="words",
                ),
            ],
            "Figures in the reference works that no source gives",
            name="left-out",
        )


class FindingsView:
    """Chapter 5: every finding, counted once; what depends on a convention."""

    def __init__(self, book: Book):
        self.book = book
        self.c = finding_counts(book)

    def title(self) -> str:
        worst = max(self.c.by_source.items(), key=lambda kv: kv[1])
        return (
            f"{w.sentence(w.the(worst[0]))} holds {worst[1]} of the {self.c.findings} findings; "
            f"{w.count(sum(1 for v in self.c.by_source.values() if v == 0), 'source has', 'sources have')} none"
        )

    def glue(self) -> dict:
        c = self.c
        f = self.book.default_findings
        worst = max(c.by_source.items(), key=lambda kv: kv[1])
        return {
            "n_findings": c.findings,
            "n_major": c.major,
            "n_minor": c.minor,
            "n_claims_in_findings": c.claims,
            "n_sources_in_error": w.number_word(c.sources),
            "n_robust": c.robust,
            "n_depend": c.depend,
            "n_strict_only": c.strict_only,
            "n_against_reference": c.by_kind.get("source_vs_reference", 0),
            "n_internal": c.by_kind.get("internal", 0),
            "n_scope": c.by_kind.get("scope", 0),
            "n_between_sources": c.by_kind.get("source_vs_source", 0),
            "n_inherited": int((f["origin"] == "inherited").sum()),
            "n_own": int((f["origin"] == "own").sum()),
            "worst_source": w.the(worst[0]),
            "worst_source_n": worst[1],
            "finding": self.title(),
            "n_weaker_only": len(weaker_only(self.book)),
        }

    def chart(self):
        return _charts.outcomes(self.book, self.title())

    def findings_table(self) -> Table:
        return _findings_table(self.book, self.book.default_findings, "Every finding under the default conventions (data/derived/findings.csv)")

    def headline_table(self) -> Table:
        """The findings for the front page: major first, in plain words, each linked to its card."""
        rows = findings_rows(self.book, self.book.default_findings)
        rows.sort(key=lambda r: (r["severity"] != "major", r["source"], r["topic"]))
        return Table(
            rows,
            [
                Column("topic", "About", kind="key"),
                Column("source", "Source"),
                Column("claimed", "The source says"),
                Column("record_shown", "The record says"),
                Column("severity", "Severity"),
                Column("finding_id", "Finding", lambda r: finding_link(r["finding_id"], "read the finding")),
            ],
            "The findings under the default conventions, major first",
            name="headline",
        )

    def sensitivity_table(self) -> Table:
        rows = [
            {**r, "source": self.book.label[r["source_id"]], "topic": self.book.topic[r["subject"]]} for r in self.book.findings.to_dict("records")
        ]
        mark = lambda v: v or "does not hold"
        return Table(
            rows,
            [
                Column("finding_id", "Finding", lambda r: finding_link(r["finding_id"], "read"), kind="key"),
                Column("source", "Source"),
                Column("topic", "About"),
                Column("strict", "Strict", lambda r: mark(r["strict"])),
                Column("default", "Default", lambda r: mark(r["default"])),
                Column("loose", "Loose", lambda r: mark(r["loose"])),
                Column("conventions", "Depends on", lambda r: self.book.depends_words(r["conventions"])),
            ],
            "Each finding under the strict, default and loose conventions",
            name="sensitivity",
        )

    def per_source_table(self) -> Table:
        d = per_source_status(self.book)
        rows = [{**r, "findings": self.c.by_source[r["source"]]} for r in d.to_dict("records")]
        return Table(
            rows,
            [
                Column("source", "Source", kind="key"),
                Column("findings", "Findings", kind="number"),
                Column("agrees", "Claims that agree", kind="number"),
                Column("conflicts", "In error", kind="number"),
                Column("other scope", "Other place or period", kind="number"),
                Column("unverifiable", "Cannot be checked", kind="number"),
            ],
            "Each source's claims by outcome",
            name="outcomes",
        )

    def weaker_table(self) -> Table:
        d = weaker_only(self.book)
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
            "Claims no first-rank reference decides, which weaker references contradict (not counted as findings)",
            name="weaker",
        )


class MethodsView:
    """Chapter 6: how claims were found, read and weighed; what was checked, and by whom."""

    def __init__(self, book: Book):
        self.book = book
        self.accounted = self._accounted()

    def _accounted(self) -> pd.DataFrame:
        from ..evidence import entity_records, mentions

        texts = sources.read_texts(self.book.data_dir)
        rows = mentions.account(
            texts,
            self.book.language,
            self.book.claims.to_dict("records"),
            self.book.table("excluded_mentions").to_dict("records"),
            entity_records(self.book.table("entities").to_dict("records")),
        )
        return pd.DataFrame(
            [{"source_id": a.mention.source_id, "kind": "actor" if a.mention.kind == "actor" else "number or date", "status": a.status} for a in rows]
        )

    def glue(self) -> dict:
        b = self.book
        a = self.accounted
        refs = b.references
        decided = b.verdicts[b.verdicts["status"].isin(["agrees", "conflicts"])]
        spoken = set(b.claims["subject"])
        rank1 = set(refs[refs["rank"].astype(int) == 1]["subject"])
        conv = b.conventions.set_index("convention")
        return {
            "n_claims": f"{len(b.claims):,}",
            "n_mentions": int((a["kind"] == "number or date").sum()),
            "n_actor_mentions": int((a["kind"] == "actor").sum()),
            "n_excluded": int((a["status"] == "excluded").sum()),
            "n_unaccounted": w.count(int((a["status"] == "unaccounted").sum()), "mention"),
            "n_reference_rows": len(refs),
            "n_rank1_rows": int((refs["rank"].astype(int) == 1).sum()),
            "n_received_facts": len(b.table("reference_facts")),
            "n_added_facts": len(b.table("added_facts")),
            "n_publishers": len(b.table("publishers")),
            "n_subjects_spoken": len(spoken),
            "n_subjects_rank1": len(spoken & rank1),
            "n_decided": len(decided),
            "n_conventions": len(b.conventions),
            "n_varying": int((b.conventions["strict"] != b.conventions["loose"]).sum()),
            "about_default": _percent(conv.loc["about", "default"]),
            "minor_days": conv.loc["minor_days", "default"],
            "minor_ratio": conv.loc["minor_ratio", "default"],
            "n_reviews": len(b.table("reviews")),
            "n_translated": len(b.table("translations")),
        }

    def coverage_table(self) -> Table:
        a = self.accounted
        rows = []
        for sid in self.book.registry["source_id"]:
            mine = a[a["source_id"] == sid]
            row = {"source": self.book.label[sid]}
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
        refs = self.book.references
        pubs = self.book.table("publishers")
        rows = [
            {**c, "publishers": int((pubs["reliability"] == c["reliability"]).sum()), "rows": int((refs["reliability"] == c["reliability"]).sum())}
            for c in self.book.classes.to_dict("records")
        ]
        return Table(
            rows,
            [
                Column("label", "Class", lambda r: w.sentence(r["label"]), kind="key"),
                Column("rank", "Rank", kind="number"),
                Column("carries_verdict", "Can carry a verdict alone"),
                Column("description", "What it covers", kind="words"),
                Column("publishers", "Publishers", kind="number"),
                Column("rows", "Reference rows", kind="number"),
            ],
            "Classes of reference (data/reference/reliability_classes.csv)",
            name="classes",
        )

    def conventions_table(self) -> Table:
        return Table(
            self.book.conventions.to_dict("records"),
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

    def unreferenced_table(self) -> Table:
        """Subjects the sources speak of on which no first-rank reference was found."""
        b = self.book
        refs = b.references
        rank1 = set(refs[refs["rank"].astype(int) == 1]["subject"])
        c = b.claims[~b.claims["subject"].isin(rank1)]
        rows = [
            {
                "topic": b.topic[s],
                "claims": len(g),
                "sources": w.join_words(sorted({b.label[x] for x in g["source_id"]})),
                "weaker": int(((refs["subject"] == s) & (refs["rank"].astype(int) > 1)).sum()),
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
                Column("weaker", "Weaker references", kind="number"),
            ],
            "Subjects with no first-rank reference: their claims carry no verdict",
            name="unreferenced",
        )

    def reviews_table(self) -> Table:
        return Table(
            self.book.table("reviews").to_dict("records"),
            [
                Column("review_id", "Review", kind="key"),
                Column("date", "Date"),
                Column("kind", "Kind"),
                Column("what", "What", kind="words"),
                Column("reviewer", "By", kind="words"),
                Column("method", "How", kind="words"),
                Column("outcome", "Outcome", lambda r: linked(r["outcome"]), kind="words"),
            ],
            "Reviews and searches (data/reviews.csv)",
            name="reviews",
            cards_always=True,
        )


def _has(n: int, singular: str, plural: str) -> str:
    """'no source has', 'one source has', 'two sources have': a count with its verb."""
    return f"{w.number_word(n)} {singular if n == 1 else plural}"


def _percent(text: str) -> str:
    return f"{float(text) * 100:.0f}%"


def glue(values: dict) -> None:
    """Glue every value for the book's prose ({glue:text} roles), without displaying it."""
    from myst_nb import glue as _glue

    for key, value in values.items():
        # Numbers as text, so that a page that glues from another notebook formats them the same way.
        _glue(key, f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value, display=False)
