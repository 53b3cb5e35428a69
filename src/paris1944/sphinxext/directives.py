"""Directives that render the evidence as book pages, straight from data/.

Every directive notes the files it reads (so an edit rebuilds the page) and
writes its HTML with publication.html: text from the sources is always escaped,
and marked with its language.
"""

from __future__ import annotations

import json
from urllib import parse

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .. import paths
from .. import vocabulary as v
from ..evidence import package, sources
from ..publication import citation, claimreview, tables
from ..publication import words as w
from ..publication.book import Book
from ..publication.html import E, Raw, direction, link, quote
from ..publication.views import finding_rows, severity_badge
from . import inputs


class DataDirective(SphinxDirective):
    """A directive whose page depends on the tables it reads."""

    reads: tuple[str, ...] = ()

    def note(self, *names: str, texts: bool = False) -> None:
        for name in names or self.reads:
            self.env.note_dependency(str(package.table_path(name)))
        for path in inputs.data_files() if not (names or self.reads) else []:
            self.env.note_dependency(str(path))
        self.env.note_dependency(str(paths.ROOT / "datapackage.json"))
        self.env.note_dependency(str(paths.ROOT / "CITATION.cff"))  # citations and addresses on the page
        for path in inputs.package_files():  # the words and markup around the data come from the package
            self.env.note_dependency(str(path))
        if texts:
            for p in sorted(paths.SOURCE_TEXTS.glob("*.txt")):
                self.env.note_dependency(str(p))

    def html(self, element) -> list:
        return [nodes.raw("", str(element), format="html")]

    @property
    def book(self) -> Book:
        return Book.load()


# ------------------------------------------------------------------ source texts
def segments(start: int, end: int, claims: list[dict]):
    """Split text[start:end] at every claim boundary: (a, b, claims covering a..b)."""
    inside = [c for c in claims if c["start"] < end and c["end"] > start]
    cuts = sorted({start, end, *[max(start, c["start"]) for c in inside], *[min(end, c["end"]) for c in inside]})
    for a, b in zip(cuts, cuts[1:]):
        yield a, b, [c for c in inside if c["start"] <= a and c["end"] >= b]


def marked(text: str, start: int, end: int, claims: list[dict], ledger: str) -> list:
    """A paragraph with each claim marked, anchored and linked to its row in the ledger."""
    out = []
    for a, b, covering in segments(start, end, claims):
        out += [E("span", id=f"mark-{c['claim_id']}", class_="p44-anchor") for c in claims if c["start"] == a]
        piece = text[a:b]
        out.append(E("mark", piece, class_="p44-claim", title="Claims " + " ".join(c["claim_id"] for c in covering)) if covering else piece)
        # The space keeps the id apart from the source's word for the search index (it does not show: sup has it at the start).
        out += [
            E(
                "sup",
                " ",
                link(f"{ledger}#claim-{c['claim_id']}", c["claim_id"], class_="p44-claim-ref", aria_label=f"Claim {c['claim_id']} in the ledger"),
            )
            for c in claims
            if c["end"] == b
        ]
    return out


def source_box(book: Book, sid: str, ledger: str):
    """The full text of one source with its facts, claims marked; a text not in English beside our English."""
    row = book.registry.set_index("source_id").loc[sid]
    lang, name = row["language"], book.vocabulary.language_name(row["language"])
    text = sources.read_text(sid, book.data_dir)
    claims = [dict(c, start=int(c["start"]), end=int(c["end"])) for c in book.claims[book.claims["source_id"] == sid].to_dict("records")]
    facts = E("dl", class_="p44-source-facts")
    address = link(row["url"], row["url"]) if row["url"].startswith("http") else row["url"]
    for key, value in [
        ("Language", name),
        ("Kind of text", row["genre"]),
        ("Publisher", row["publisher"]),
        ("Address", address),
        ("Licence", row["licence"]),
        ("Cites", row["cites"]),
        ("Claims in the ledger", str(len(claims)) if claims else "none read into the ledger yet"),
        ("SHA-256 of the file", E("code", row["sha256"])),
    ]:
        facts.add(E("dt", key), E("dd", value))
    box = E("div", facts, class_="p44-source", id=f"text-{sid}")
    if lang == "en":
        body = E("div", class_="p44-text", lang="en")
        for a, b in sources.paragraphs(text):
            body.add(E("p", marked(text, a, b, claims, ledger)))
        return box.add(body)
    tr = book.table("translations")
    tr = tr[tr["source_id"] == sid].set_index("start")["text_en"]
    label = book.vocabulary.languages[lang].translation
    grid = E("div", class_="p44-parallel", role="table", aria_label=f"{name} original and {label}")
    grid.add(
        E(
            "div",
            E("div", f"Original ({name})", role="columnheader"),
            E("div", f"English ({label})", role="columnheader"),
            class_="p44-parallel-row p44-parallel-head",
            role="row",
        )
    )
    for a, b in sources.paragraphs(text):
        english = tr[str(a)] if str(a) in tr.index else "(not yet translated)"
        grid.add(
            E(
                "div",
                E("div", E("p", marked(text, a, b, claims, ledger)), role="cell", class_="p44-original", lang=lang, dir=direction(lang)),
                E("div", E("p", english), role="cell", class_="p44-english", lang="en"),
                class_="p44-parallel-row",
                role="row",
            )
        )
    return box.add(grid)


class SourceTexts(DataDirective):
    """Every source in the registry, in its lane order: a section each, titled with its one name."""

    option_spec = {"ledger": directives.unchanged}
    reads = ("sources", "claims", "translations", "languages")

    def run(self):
        self.note(texts=True)
        book = self.book
        out = []
        for r in book.registry.to_dict("records"):
            section = nodes.section(ids=[f"text-{r['source_id'][:3]}"], names=[f"text-{r['source_id'][:3]}"])
            section += nodes.title(text=w.sentence(r["label"]))
            section += nodes.raw("", str(source_box(book, r["source_id"], self.options.get("ledger", "ledger.html"))), format="html")
            out.append(section)
        return out


class SourceText(DataDirective):
    """The full text of one source (by id), claims marked."""

    required_arguments = 1
    option_spec = {"ledger": directives.unchanged}
    reads = ("sources", "claims", "translations", "languages")

    def run(self):
        self.note(texts=True)
        book = self.book
        if self.arguments[0] not in set(book.registry["source_id"]):
            raise self.error(f"unknown source id {self.arguments[0]!r}; expected one of {', '.join(book.registry['source_id'])}")
        return self.html(source_box(book, self.arguments[0], self.options.get("ledger", "ledger.html")))


# ------------------------------------------------------------------ ledger
class ClaimsLedger(DataDirective):
    """Every claim, grouped by source, filterable in the page, with a switch for the claims in a finding; each row
    anchored and linked to its marked words and to its finding; each status in the words of statuses.csv."""

    option_spec = {"texts": directives.unchanged}
    reads = ("sources", "claims", "subjects", "verdicts", "statuses", "windows", "claim_reviews")

    def run(self):
        self.note()
        book = self.book
        texts = self.options.get("texts", "source-texts.html")
        verdicts = book.results.verdicts.set_index("claim_id")
        # the latest review of each claim rules (claim_reviews.csv): a withheld verdict shows the reviewer's reason
        self.reviews = {r.claim_id: r for r in book.table("claim_reviews").itertuples()}
        wrap = E("div", class_="p44-ledger")
        wrap.add(
            E(
                "div",
                E("input", type="search", id="p44-ledger-filter", class_="p44-filter", placeholder="Filter: a name, a date, a claim id…",
                  aria_label="Filter the claims", aria_controls="p44-ledger-groups"),
                E("label", E("input", type="checkbox", id="p44-ledger-findings"), " only claims in a finding", class_="p44-switch"),
                E("p", f"{len(book.claims)} claims.", class_="p44-filter-count", aria_live="polite"),
                class_="p44-ledger-controls",
            )
        )
        groups = E("div", id="p44-ledger-groups")
        for sid in book.registry["source_id"]:
            groups.add(self.group(book, sid, verdicts, texts))
        return self.html(wrap.add(groups))

    def group(self, book: Book, sid: str, verdicts, texts: str):
        claims = book.claims[book.claims["source_id"] == sid]
        outcome = claims["claim_id"].map(verdicts["outcome"])
        counts = ", ".join(
            f"{book.vocabulary.statuses[s].short} {int((outcome == s).sum())}" for s in book.vocabulary.statuses if (outcome == s).any()
        )
        name = w.sentence(book.label[sid])
        summary = E(
            "summary",
            E("span", name, class_="p44-group-name"),
            " ",
            E("span", f"{w.count(len(claims), 'claim')}" + (f": {counts}" if counts else ""), class_="p44-muted"),
        )
        rows = [self.row(book, c, verdicts.loc[c["claim_id"]]) for c in claims.to_dict("records")]
        table = tables.Table(
            rows,
            [
                tables.Column(
                    "claim_id",
                    "Claim",
                    lambda r: link(
                        f"{texts}#mark-{r['claim_id']}", r["claim_id"], class_="p44-id", aria_label=f"Claim {r['claim_id']} in its source text"
                    ),
                    kind="key",
                ),
                tables.Column("topic", "About"),
                tables.Column(
                    "quote", "The source's words", lambda r: tables.words(r["quote"], r["quote_en"], r["lang"], r["translation"]), kind="words"
                ),
                tables.Column("reading", "Our reading"),
                tables.Column("status", "Status", lambda r: r["status_cell"]),
                tables.Column("note", "Note", lambda r: tables.linked(book.readable(r["note"])), kind="words"),
            ],
            f"Claims of the {book.label[sid]} (data/claims.csv)",
            name="ledger",
        )
        return E("details", summary, table.element(), class_="p44-ledger-group", id=f"ledger-{sid[:3]}", data_source=sid)

    def row(self, book: Book, c: dict, verdict) -> dict:
        status = [book.vocabulary.words(verdict["outcome"])]
        if verdict["finding_id"]:
            status += [E("br"), tables.finding_link(verdict["finding_id"], "the finding")]
        s = book.evidence.statements[c["claim_id"]]
        review = self.reviews.get(c["claim_id"])
        if verdict["outcome"] == v.WITHHELD and review is not None and review.outcome == v.WITHHELD:
            c = {**c, "note": f"Review {review.review_id} withheld the verdict: {review.note}" + (f" Our note: {c['note']}" if c["note"] else "")}
        return {
            **c,
            "_anchor": f"claim-{c['claim_id']}",
            "_data_finding": "yes" if verdict["finding_id"] else "",
            "topic": book.topic[c["subject"]],
            "reading": w.say(s, book.window(c["claim_id"]), book.vocabulary),
            "status_cell": status,
            "lang": book.language[c["source_id"]],
        }


# ------------------------------------------------------------------ findings
class Findings(DataDirective):
    """Every finding as an anchored card: the published ones (with their ClaimReview JSON-LD), then those under
    review, then those that hold only under another reading of the conventions."""

    reads = ()

    def run(self):
        self.note()
        book = self.book
        meta = citation.book()
        base = meta["url"]
        results = book.results
        every = results.findings
        held = every["holds"].str.split().map(lambda h: "default" in h)
        groups = (
            ("published", "Published findings", every[held & (every["gate"] == "published")]),
            ("review", "Under review: not published", every[held & (every["gate"] != "published")]),
            ("other", "Only under another reading of the conventions", every[~held]),
        )
        aliases = book.table("finding_aliases")
        wrap = E("div", class_="p44-findings")
        for key, title, chosen in groups:
            if chosen.empty:
                continue
            wrap.add(E("h2", f"{title} ({len(chosen)})", id=f"findings-{key}"))
            for r in finding_rows(book, chosen, results):
                wrap.add(card(r, base, list(aliases.loc[aliases["finding_id"] == r["finding_id"], "alias"])))
        withdrawn = aliases[aliases["finding_id"] == ""]
        if len(withdrawn):  # an old link to a finding that was withdrawn lands on the reason
            wrap.add(E("h2", f"Withdrawn findings ({len(withdrawn)})", id="findings-withdrawn"))
            items = E("ul", class_="p44-withdrawn")
            for a in withdrawn.itertuples():
                note = tables.linked(book.readable(a.note))
                items.add(E("li", E("code", a.alias), ": ", *note, " ", link("corrections.html", "Corrections"), ".", id=a.alias))
            wrap.add(items)
        claims = {c["claim_id"]: c for c in book.claims.to_dict("records")}
        registry = {s["source_id"]: s for s in book.registry.to_dict("records")}
        for review in claimreview.reviews(
            finding_rows(book, every[held], results),
            claims,
            registry,
            meta,
            url_of=lambda fid: f"{base}book/findings.html#{fid}",
            copy_url_of=lambda sid: f"{base}data/sources/{sid}.txt",
        ):
            wrap.add(
                E("script", Raw(json.dumps(review, ensure_ascii=False).replace("<", "\\u003c")), type="application/ld+json", class_="p44-claimreview")
            )
        return self.html(wrap)


def card(r: dict, base: str, aliases: list[str] = ()):
    fid = r["finding_id"]
    url = f"{base}book/findings.html#{fid}"
    cite = citation.item("Finding", fid, f"{r['topic']} ({r['source']})", url, citation.book())
    words = tables.words(r["quote"], r["quote_en"], r["language"], r["translation"])
    ref = r["reference"]
    record = (
        [
            link(ref["reference_url"], ref["cite"]),
            f" ({ref['class_words']})",
            E("br"),
            quote(ref["excerpt"], ref["excerpt_lang"] or "en", class_="p44-quote"),
        ]
        if ref
        else None
    )
    facts = E("dl", class_="p44-finding-facts")
    published = r["gate"] == "published"
    for key, value in [
        ("What the source says", [E("strong", r["claimed"]), E("br"), words]),
        (
            "What it says elsewhere" if r["kind"] == v.INTERNAL else "What the record says",
            [E("strong", r["record"]), E("br"), record] if record else E("strong", r["record"]),
        ),
        ("How far apart", r["explanation"]),
        ("What a reader would wrongly believe", r["consequence"] if r["consequence"] else None),
        ("Holds", r["holds_words"]),
        ("Depends on", r["depends_words"]),
        ("The error is", r["origin_words"]),
        ("Review", f"Signed off in review {r['review_id']}" if published else r["gate_words"]),
        ("Claims", tables.claim_links(r["claim_ids"])),
        ("Evidence", tables.claim_links(" ".join(x for x in r["evidence"].split() if tables.CLAIM_ID.fullmatch(x))) or "the reference above"),
    ]:
        if value is not None:
            facts.add(E("dt", key), E("dd", value))
    head = E(
        "header",
        severity_badge(r),
        E("span", r["kind_words"], class_="p44-badge"),
        E("h3", f"{r['topic']}: {r['source']}", class_="p44-finding-title"),
    )
    tools = E(
        "div",
        copy_button("Copy link", url),
        copy_button("Copy citation", cite["full"]),
        copy_button("Copy BibTeX", cite["bibtex"]),
        link(f"#{fid}", "Link to this finding", class_="p44-permalink"),
        report_link(f"finding {fid}", url),
        class_="p44-tools",
    )
    earlier = [E("span", id=a, class_="p44-anchor") for a in aliases]  # the ids it was cited under before
    return E("article", *earlier, head, facts, tools, id=fid, class_="p44-finding" + ("" if published else " p44-finding-review"))


def report_link(what: str, url: str):
    """A "Report an error" link for one item: the repository's new-issue form, the item and its address filled in."""
    query = parse.urlencode({"title": f"Error in {what}", "body": f"{what[0].upper()}{what[1:]}: {url}\n\nWhat is wrong:\n"}, quote_via=parse.quote)
    form = f"{citation.book()['repository'].rstrip('/')}/issues/new?{query}"
    return link(form, "Report an error", class_="p44-report-link", aria_label=f"Report an error in {what}")


def copy_button(label: str, text: str):
    return E("button", label, type="button", class_="p44-copy", data_copy=text)


# ------------------------------------------------------------------ data dictionary and citation
class DataDictionary(DataDirective):
    """Field, type, description and allowed values of one table, from datapackage.json."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        if name not in package.names():
            raise self.error(f"unknown table {name!r}; expected one of {', '.join(package.names())}")
        self.note(name)
        res = package.resource(name)
        rel = package.relative_path(name)
        table = dictionary_table(res)
        intro = E("p", res["description"] + " ", link(f"../data/{rel}", f"Download {rel}", download=True))
        return self.html(E("div", intro, table.element(), class_="p44-dictionary"))


KIND_WORDS = {
    "input": "Inputs: the texts, the ledger, the references and the editorial tables",
    "derived": "Derived by `make data` from the inputs",
    "export": "One-file exports, written by the book's build (findings and claims in words)",
}


class DataPackage(DataDirective):
    """Every resource of datapackage.json, grouped by kind, each with its download and its fields."""

    def run(self):
        self.note()
        wrap = E("div", class_="p44-datapackage")
        every = package.resources() + package.descriptor()["paris1944_exports"]
        for kind, title in KIND_WORDS.items():
            chosen = [r for r in every if r["paris1944"]["kind"] == kind]
            wrap.add(E("h2", title.replace("`make data`", "make data"), id=f"data-{kind}"))
            for res in chosen:
                rel = res["path"].removeprefix("data/")
                section = E("section", E("h3", res["title"], " ", E("code", rel)), id=f"table-{res['name']}")
                section.add(E("p", res["description"], " ", link(f"../data/{rel}", f"Download {rel.split('/')[-1]}", download=True)))
                if "schema" in res:
                    section.add(dictionary_table(res).element())
                wrap.add(section)
        return self.html(wrap)


def dictionary_table(res: dict) -> tables.Table:
    rows = []
    fks = {fk["fields"][0]: fk["reference"]["resource"] for fk in res["schema"].get("foreignKeys", [])}
    for f in res["schema"]["fields"]:
        cons = f.get("constraints", {})
        allowed = ", ".join(cons["enum"]) if "enum" in cons else (f"a {fks[f['name']]} id" if f["name"] in fks else "")
        rows.append(
            {
                "field": f["name"],
                "type": f["type"],
                "description": f["description"],
                "required": "yes" if cons.get("required") else "",
                "allowed": allowed,
            }
        )
    return tables.Table(
        rows,
        [
            tables.Column("field", "Field", lambda r: E("code", r["field"]), kind="key"),
            tables.Column("type", "Type"),
            tables.Column("required", "Required"),
            tables.Column("description", "Description", kind="words"),
            tables.Column("allowed", "Allowed values", kind="words"),
        ],
        f"Fields of {res['path'].removeprefix('data/')}",
        name="dictionary",
    )


class BookCitation(DataDirective):
    """How to cite the book, from CITATION.cff."""

    def run(self):
        self.note()
        meta = citation.book()
        c = citation.book_citation(meta)
        wrap = E("div", class_="p44-citation")
        wrap.add(
            E("p", E("strong", "Short credit: "), c["short"], " ", copy_button("Copy", c["short"])),
            E("p", E("strong", "Full reference: "), c["full"], " ", copy_button("Copy", c["full"])),
            E("p", E("strong", "BibTeX: "), copy_button("Copy BibTeX", c["bibtex"])),
            E("pre", E("code", c["bibtex"]), class_="p44-bibtex"),
        )
        return self.html(wrap)


class ConventionsTable(DataDirective):
    """The conventions, with their strict, default and loose numbers."""

    reads = ("conventions",)

    def run(self):
        self.note()
        rows = package.read_rows("conventions")
        table = tables.Table(
            rows,
            [
                tables.Column("convention", "Convention", lambda r: E("code", r["convention"]), kind="key"),
                tables.Column("example", "For example", kind="words"),
                tables.Column("rule", "Rule", kind="words"),
                tables.Column("strict", "Strict"),
                tables.Column("default", "Default"),
                tables.Column("loose", "Loose"),
                tables.Column("parameter", "The numbers are", kind="words"),
                tables.Column("reason", "Why", kind="words"),
            ],
            "The conventions (data/conventions.csv)",
        )
        return self.html(table.element())


def setup(app):
    for name, cls in [
        ("source-text", SourceText),
        ("source-texts", SourceTexts),
        ("claims-ledger", ClaimsLedger),
        ("findings", Findings),
        ("data-dictionary", DataDictionary),
        ("data-package", DataPackage),
        ("book-citation", BookCitation),
        ("conventions", ConventionsTable),
    ]:
        app.add_directive(name, cls)
