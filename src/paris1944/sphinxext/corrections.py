"""The Corrections page: CHANGELOG.md as dated versions, each change linked to what it names.

A reader who quoted a finding or a figure needs to see what changed, when and why. The CHANGELOG
already says it, version by version, so the page is read from it at every build (never copied by
hand) and re-read when it changes. A finding id (F-...), a claim id (C004-26) or a figure name
(fig-...) in a change links to it when the book still has it; a dropped one stays plain text, so no
link on the page ever points nowhere. Text is turned into docutils nodes, so it is always escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import paths
from ..evidence import package
from . import inputs

VERSION = re.compile(r"^##\s+v?(?P<version>\d[\w.+-]*)\s+\((?P<date>\d{4}-\d{2}-\d{2})\)\s*$")
BULLET = re.compile(r"^[-*+]\s+|^\d+[.)]\s+")
# What a change may name, and the two inline marks the CHANGELOG uses (bold lead-ins, code).
TOKEN = re.compile(
    r"\*\*(?P<strong>.+?)\*\*|`(?P<code>[^`]+)`"
    r"|(?P<finding>\bF-[A-Za-z0-9_]+(?:[-+][A-Za-z0-9_]+)*)"
    r"|(?P<claim>\bC\d{3}-\d{2,3}\b)"
    r"|(?P<figure>\bfig-[a-z0-9]+(?:-[a-z0-9]+)*)"
)


@dataclass
class Version:
    version: str
    date: str  # ISO 8601, as the CHANGELOG writes it
    changes: list[str] = field(default_factory=list)  # each paragraph or bullet, its lines joined


def parse(text: str) -> list[Version]:
    """The released versions of a CHANGELOG (`## 0.2.0 (2026-11-29)`), newest first as written. A `##`
    heading without a date (e.g. "Unreleased") and the text before the first version are not published;
    a `###` heading inside a version becomes a change of its own, in bold."""
    versions: list[Version] = []
    current: Version | None = None
    block: list[str] = []

    def flush():
        if block and current:
            current.changes.append(" ".join(block))
        block.clear()

    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            flush()
            if m := VERSION.match(s):
                current = Version(m["version"], m["date"])
                versions.append(current)
            elif s.startswith("###") and current:
                current.changes.append(f"**{s.lstrip('#').strip()}**")
            elif s.startswith("##"):
                current = None  # unreleased or unknown: not a published correction
        elif not s:
            flush()
        elif BULLET.match(s):
            flush()
            block.append(BULLET.sub("", s))
        else:
            block.append(s)
    flush()
    return versions


def pieces(text: str) -> list[tuple[str, str]]:
    """A change as (kind, text) runs: kind is text, strong, code, finding, claim or figure."""
    out, at = [], 0
    for m in TOKEN.finditer(text):
        if m.start() > at:
            out.append(("text", text[at : m.start()]))
        out.append((m.lastgroup, m.group(m.lastgroup)))
        at = m.end()
    if at < len(text):
        out.append(("text", text[at:]))
    return out


def human(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


class Corrections(SphinxDirective):
    """Every released version of CHANGELOG.md, newest first, with its date and its changes."""

    option_spec = {"findings": directives.unchanged, "ledger": directives.unchanged}

    def run(self):
        for path in inputs.changelog_page():
            self.env.note_dependency(str(path))
        known = {
            # a finding's earlier ids land on it too (or on why it was withdrawn): finding_aliases.csv
            "finding": {r["finding_id"] for r in package.read_rows("findings")} | {r["alias"] for r in package.read_rows("finding_aliases")},
            "claim": {r["claim_id"] for r in package.read_rows("claims")},
            "figure": {p.name.removesuffix(".metadata.json") for p in paths.FIGURES.glob("fig-*.metadata.json")},
        }
        findings, ledger = self.options.get("findings", "findings.html"), self.options.get("ledger", "ledger.html")
        out = []
        for v in parse(inputs.changelog().read_text(encoding="utf-8")):
            section = nodes.section(ids=[nodes.make_id(f"version-{v.version}")], names=[f"version {v.version}"])
            section += nodes.title(text=f"Version {v.version}, {human(v.date)}")
            items = nodes.bullet_list()
            for change in v.changes:
                para = nodes.paragraph()
                for kind, text in pieces(change):
                    para += self.node(kind, text, known, findings, ledger)
                items += nodes.list_item("", para)
            section += items if v.changes else nodes.paragraph(text="No change described.")
            out.append(section)
        return out or [nodes.paragraph(text="No version has been released yet.")]

    def node(self, kind: str, text: str, known: dict, findings: str, ledger: str):
        if kind == "strong":
            return nodes.strong(text=text)
        if kind == "code":
            return nodes.literal(text=text)
        if kind == "text" or text not in known[kind]:
            return nodes.Text(text)
        if kind == "finding":  # an identifier, set as one
            ref = nodes.reference("", "", refuri=f"{findings}#{text}", classes=["p44-id", "p44-fid"])
            ref += nodes.literal(text, text)
            return ref
        if kind == "claim":
            return nodes.reference("", text, refuri=f"{ledger}#claim-{text}", classes=["p44-id"])
        # A figure: Sphinx finds the page that holds it (its name is a label of the notebook's figure).
        ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=text, refexplicit=True, refwarn=True, refdoc=self.env.docname)
        ref += nodes.inline(text, text, classes=["p44-id"])
        return ref


def setup(app):
    app.add_directive("corrections", Corrections)
