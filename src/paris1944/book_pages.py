"""Directives that render the evidence as book pages, straight from data/.

Text is emitted as docutils Text nodes inside HTML elements of our own, so
the book's search finds words of the sources, and every string is escaped by
the HTML writer (source text is data, never markup).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import compare, dictionary, evidence, paths
from .sources import DIRECTION, LANGUAGE_NAMES, read_text


class element(nodes.Element):
    """An HTML element with attributes; its children are ordinary nodes."""


def visit_element(self, node):
    attrs = "".join(f' {k}="{html.escape(str(v), quote=True)}"' for k, v in node["attrs"].items())
    self.body.append(f"<{node['tag']}{attrs}>")


def depart_element(self, node):
    if node["tag"] not in ("input", "br"):
        self.body.append(f"</{node['tag']}>")


def el(tag, children=(), text=None, **attrs):
    node = element(tag=tag, attrs={k.rstrip("_").replace("__", "-"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        node += nodes.Text(text)
    for c in children:
        node += c
    return node


def link(href, text, **attrs):
    return el("a", text=text, href=href, **attrs)


# Runs of Arabic or Cyrillic script inside our English notes, so they get their own lang and dir.
FOREIGN_RUN = re.compile(r"(?P<ar>[\u0600-\u06FF](?:[\u0600-\u06FF\s]*[\u0600-\u06FF])?)|(?P<ru>[\u0400-\u04FF](?:[\u0400-\u04FF\s]*[\u0400-\u04FF])?)")


def mixed(text: str) -> list:
    """English text as nodes, with each Arabic or Russian run marked with its language."""
    out, at = [], 0
    for m in FOREIGN_RUN.finditer(text):
        out.append(nodes.Text(text[at:m.start()]))
        lang = m.lastgroup
        out.append(el("span", text=m.group(), lang=lang, dir=DIRECTION[lang]))
        at = m.end()
    out.append(nodes.Text(text[at:]))
    return [n for n in out if not isinstance(n, nodes.Text) or str(n)]


# ----------------------------------------------------------------- source texts
def _segments(text: str, start: int, end: int, claims: list[dict]):
    """Split text[start:end] at every claim boundary; yield (a, b, covering claims, starting, ending)."""
    inside = [c for c in claims if c["start"] < end and c["end"] > start]
    cuts = sorted({start, end, *[max(start, c["start"]) for c in inside], *[min(end, c["end"]) for c in inside]})
    for a, b in zip(cuts, cuts[1:]):
        covering = [c for c in inside if c["start"] <= a and c["end"] >= b]
        yield a, b, covering


def marked_paragraph(text: str, start: int, end: int, claims: list[dict], ledger_uri: str):
    """A paragraph of a source with each claim marked, anchored and linked to its ledger row."""
    out = []
    for a, b, covering in _segments(text, start, end, claims):
        for c in claims:
            if c["start"] == a and start <= a < end:
                out.append(el("span", id=f"mark-{c['claim_id']}", class_="p44-anchor"))
        piece = text[a:b]
        if covering:
            ids = " ".join(c["claim_id"] for c in covering)
            out.append(el("mark", text=piece, class_="p44-claim", title=f"Claims {ids}"))
        else:
            out.append(nodes.Text(piece))
        for c in claims:
            if c["end"] == b and start < b <= end:
                out.append(el("sup", [link(f"{ledger_uri}#claim-{c['claim_id']}", c["claim_id"],
                                           class_="p44-claim-ref", aria__label=f"Claim {c['claim_id']} in the ledger")]))
    return out


def paragraphs(text: str):
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            yield pos, pos + len(para)
        pos += len(para) + 1


class SourceText(SphinxDirective):
    """The full text of one source, claims marked; Russian and Arabic beside our English."""

    required_arguments = 1
    option_spec = {"ledger": directives.unchanged}

    def run(self):
        sid = self.arguments[0]
        ev = evidence.load()
        reg = ev.registry.set_index("source_id")
        if sid not in reg.index:
            raise self.error(f"unknown source id {sid!r}; expected one of {', '.join(reg.index)}")
        row = reg.loc[sid]
        lang = row["language"]
        text = read_text(sid)
        claims = [dict(c, start=int(c["start"]), end=int(c["end"])) for c in ev.claims[ev.claims["source_id"] == sid].to_dict("records")]
        ledger = self.options.get("ledger", "ledger.html")
        self.env.note_dependency(str(paths.DATA / "claims.csv"))
        box = el("div", class_="p44-source", id=f"text-{sid}")
        facts = el("dl", class_="p44-source-facts")
        for key, value in [("Language", LANGUAGE_NAMES[lang]), ("Kind of text", row["genre"]), ("Publisher", row["publisher"]),
                           ("Address", row["url"]), ("Licence", row["licence"]), ("Cites", row["cites"]),
                           ("Claims in the ledger", str(len(claims))), ("SHA-256", row["sha256"])]:
            facts += el("dt", text=key)
            facts += el("dd", text=value)
        box += facts
        if lang == "en":
            body = el("div", class_="p44-text", lang="en")
            for a, b in paragraphs(text):
                body += el("p", marked_paragraph(text, a, b, claims, ledger))
            box += body
        else:
            tr = ev.translations[ev.translations["source_id"] == sid].set_index("start")["text_en"]
            table = el("div", class_="p44-parallel", role="table", aria__label=f"{LANGUAGE_NAMES[lang]} original and our English working translation")
            head = el("div", class_="p44-parallel-row p44-parallel-head", role="row")
            head += el("div", role="columnheader", text=f"Original ({LANGUAGE_NAMES[lang]})")
            head += el("div", role="columnheader", text="English (our working translation)")
            table += head
            for a, b in paragraphs(text):
                r = el("div", class_="p44-parallel-row", role="row")
                r += el("div", [el("p", marked_paragraph(text, a, b, claims, ledger))], role="cell",
                        class_="p44-original", lang=lang, dir=DIRECTION[lang])
                r += el("div", [el("p", text=tr[a])], role="cell", class_="p44-english", lang="en")
                table += r
            box += table
        return [box]


# ----------------------------------------------------------------- ledger
class ClaimsLedger(SphinxDirective):
    """Every claim, filterable in the page, each row anchored and linked back to its mark."""

    option_spec = {"texts": directives.unchanged}

    def run(self):
        ev = evidence.load()
        self.env.note_dependency(str(paths.DATA / "claims.csv"))
        texts = self.options.get("texts", "source-texts.html")
        langs = dict(zip(ev.registry["source_id"], ev.registry["language"]))
        status = ev.status
        desc = ev.subjects.set_index("subject")["description"]
        wrap = el("div", class_="p44-ledger")
        wrap += el("label", text="Filter the ledger: ", for_="p44-ledger-filter")
        wrap += el("input", type="search", id="p44-ledger-filter", class_="p44-filter",
                   placeholder="a name, a date, a claim id…", aria__controls="p44-ledger-table")
        wrap += el("p", text=f"{len(ev.claims)} claims.", class_="p44-filter-count", aria__live="polite")
        table = el("table", class_="p44-table p44-ledger-table", id="p44-ledger-table")
        table += el("caption", text="The claims ledger (data/claims.csv)")
        head = el("tr")
        for h in ["Claim", "Source", "Subject", "Category", "Original words", "English", "Reading", "Status", "Note"]:
            head += el("th", text=h, scope="col")
        table += el("thead", [head])
        body = el("tbody")
        for c in ev.claims.to_dict("records"):
            lang = langs[c["source_id"]]
            tr = el("tr", id=f"claim-{c['claim_id']}")
            tr += el("td", [link(f"{texts}#mark-{c['claim_id']}", c["claim_id"], aria__label=f"{c['claim_id']} in its source text")])
            tr += el("td", text=ev.label(c["source_id"]))
            tr += el("td", text=desc[c["subject"]])
            tr += el("td", text=c["category"])
            tr += el("td", text=c["quote"], lang=lang, dir=DIRECTION[lang], class_="p44-quote")
            english = c["quote_en"] + (" (our working translation)" if c["translation"] == "working translation" else "")
            tr += el("td", text=english, lang="en")
            tr += el("td", text=compare.say(c))
            tr += el("td", text=status[c["claim_id"]])
            tr += el("td", mixed(c["note"]))
            body += tr
        table += body
        wrap += table
        return [wrap]


# ----------------------------------------------------------------- data dictionary and citation
class DataDictionary(SphinxDirective):
    """Field, type and description of one table, with its download link."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        if name not in dictionary.TABLES:
            raise self.error(f"unknown table {name!r}; expected one of {', '.join(dictionary.TABLES)}")
        title, description, key, fields = dictionary.TABLES[name]
        data_uri = f"../data/{dictionary.path_of(name)}"
        wrap = el("div", class_="p44-dictionary")
        wrap += el("p", [nodes.Text(description + " "), link(data_uri, f"Download {dictionary.path_of(name)}", download="")])
        table = el("table", class_="p44-table")
        table += el("caption", text=f"Fields of {dictionary.path_of(name)}")
        head = el("tr")
        for h in ["Field", "Type", "Description", "Allowed values"]:
            head += el("th", text=h, scope="col")
        table += el("thead", [head])
        body = el("tbody")
        for field, ftype, desc, constraints in fields:
            tr = el("tr")
            tr += el("td", [el("code", text=field)])
            tr += el("td", text=ftype)
            tr += el("td", text=desc)
            allowed = constraints.get("enum")
            tr += el("td", text=", ".join(v or "(empty)" for v in allowed) if allowed else "")
            body += tr
        table += body
        wrap += table
        return [wrap]


def citation_metadata(root: Path | None = None) -> dict:
    """The book's citation, from CITATION.cff (the one source of truth)."""
    cff = yaml.safe_load((Path(root or paths.ROOT) / "CITATION.cff").read_text(encoding="utf-8"))
    return {
        "title": cff["title"], "authors": [a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]],
        "version": str(cff["version"]), "date": str(cff["date-released"]), "year": str(cff["date-released"])[:4],
        "repository": cff["repository-code"], "url": cff["url"], "licence": "CC BY 4.0",
    }


def book_bibtex(meta: dict, url: str) -> str:
    return (f"@book{{paris1944,\n  title = {{{meta['title']}}},\n  author = {{{{{' and '.join(meta['authors'])}}}}},\n"
            f"  year = {{{meta['year']}}},\n  version = {{{meta['version']}}},\n  url = {{{url}}},\n"
            f"  note = {{Licence {meta['licence']}}}\n}}")


class BookCitation(SphinxDirective):
    """How to cite the book, generated from CITATION.cff."""

    def run(self):
        meta = citation_metadata()
        url = meta["url"]
        self.env.note_dependency(str(paths.ROOT / "CITATION.cff"))
        authors = ", ".join(meta["authors"])
        wrap = el("div", class_="p44-citation")
        wrap += el("p", [el("strong", text="Short credit: "),
                         nodes.Text(f"{meta['title']} ({authors}), {meta['licence']}")])
        wrap += el("p", [el("strong", text="Full reference: "),
                         nodes.Text(f"{authors} ({meta['year']}). {meta['title']}, version {meta['version']}. "),
                         link(url, url)])
        wrap += el("p", [el("strong", text="BibTeX:")])
        wrap += el("pre", [el("code", text=book_bibtex(meta, url))], class_="p44-bibtex")
        return [wrap]


def setup_directives(app):
    app.add_node(element, html=(visit_element, depart_element))
    app.add_directive("source-text", SourceText)
    app.add_directive("claims-ledger", ClaimsLedger)
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("book-citation", BookCitation)
