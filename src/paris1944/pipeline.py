"""From the inputs to data/derived/: evidence in, analysis, tables out.

`paris1944 data` (make data) writes every derived table, the bibliography and
the one-file exports; `make book` runs it first, so an edited input always
reaches the page. Files whose content would not change are left untouched.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import paths
from .analysis.conventions import VARIANTS, Conventions
from .analysis.findings import Finding, findings
from .analysis.windows import iso
from .evidence import package, reference, sources
from .publication import annotations, bibliography, citation, explain, exports, wording


@dataclass
class Analysis:
    """The whole cross-examination of one data folder, computed once."""

    data_dir: Path

    @cached_property
    def claims(self) -> list:
        return package.records("claims", self.data_dir)

    @cached_property
    def reference_rows(self) -> list[dict]:
        return reference.normalise(self.data_dir)

    @cached_property
    def references(self) -> list:
        return [package.typed("reference", r) for r in self.reference_rows]

    @cached_property
    def subjects(self) -> dict:
        return {s.subject: s for s in package.records("subjects", self.data_dir)}

    @cached_property
    def entities(self) -> dict:
        return {e.entity: e for e in package.records("entities", self.data_dir)}

    @cached_property
    def units(self) -> dict:
        return {u.unit: u for u in package.records("units", self.data_dir)}

    @cached_property
    def registry(self) -> dict:
        return {s.source_id: s for s in package.records("sources", self.data_dir)}

    @cached_property
    def conventions(self) -> Conventions:
        return Conventions.read(self.data_dir)

    @cached_property
    def _run(self):
        return findings(self.claims, self.references, self.subjects, self.entities, self.units, self.conventions)

    @property
    def findings(self) -> list[Finding]:
        return self._run[0]

    @property
    def exams(self) -> dict:
        return self._run[1]

    @cached_property
    def context(self) -> explain.Context:
        classes = {c.reliability: c.label for c in package.records("reliability_classes", self.data_dir)}
        return explain.Context(
            {c.claim_id: c for c in self.claims},
            {r.ref_id: r for r in self.references},
            {s.source_id: s.label for s in self.registry.values()},
            self.subjects,
            classes,
            self.exams,
        )

    # ------------------------------------------------------------ derived tables
    def windows_table(self) -> list[dict]:
        rows = []
        for variant in VARIANTS:
            exam = self.exams[variant]
            for s in [*self.claims, *self.references]:
                win = exam.window(s)
                if win is None:
                    continue
                days = win.measure == "days"
                rows.append(
                    {
                        "id": getattr(s, "claim_id", None) or s.ref_id,
                        "variant": variant,
                        "convention": win.convention,
                        "low": iso(win.lo) if days else _figure(win.lo),
                        "high": iso(win.hi) if days else _figure(win.hi),
                        "measure": win.measure,
                    }
                )
        return rows

    def timeline_table(self) -> list[dict]:
        exam = self.exams["default"]
        rows = []
        for c in self.claims:
            if c.category != "date":
                continue
            win = exam.window(c)
            if win is None:
                continue
            source = self.registry[c.source_id]
            rows.append(
                {
                    "claim_id": c.claim_id,
                    "source_id": c.source_id,
                    "source": source.label,
                    "language": source.language,
                    "subject": c.subject,
                    "event": self.subjects[c.subject].description,
                    "date": c.date,
                    "expression": c.expression,
                    "earliest": iso(win.lo),
                    "latest": iso(win.hi),
                    "stated": wording.say(c, win),
                    "quote": c.quote,
                    "quote_en": c.quote_en,
                    "translation": c.translation,
                    "note": c.note,
                }
            )
        return sorted(rows, key=lambda r: (r["latest"], r["source_id"], r["claim_id"]))

    def findings_table(self) -> list[dict]:
        upstream = Upstream(self.data_dir, self.registry)
        rows = []
        for f in self.findings:
            v = f.headline_variant
            first = f.pairs[v][0]
            claim = self.context.claims[first.claim_id]
            words = explain.explain(f, self.context)
            rows.append(
                {
                    "finding_id": f.finding_id,
                    "kind": f.kind,
                    "severity": f.severity(v),
                    "robustness": f.robustness,
                    **{variant: f.severity(variant) for variant in VARIANTS},
                    "source_id": claim.source_id,
                    "subject": f.subject,
                    "claim_ids": " ".join(f.claim_ids()),
                    "evidence": " ".join(f.evidence_ids()),
                    "verdict_reference": first.other_id if f.kind in ("source_vs_reference", "scope") else "",
                    "conventions": " ".join(self.depends_on(f)),
                    "origin": upstream.origin(f) if f.kind != "source_vs_source" else "not applicable",
                    "claimed": words["claimed"],
                    "record": words["record"],
                    "explanation": words["explanation"],
                }
            )
        return rows

    def depends_on(self, f: Finding) -> list[str]:
        """The conventions whose variants differ and that shape the statements a finding rests on."""
        ids = set(f.claim_ids()) | set(f.evidence_ids())
        used = set()
        for i in ids:
            s = self.context.statement(i)
            for variant in VARIANTS:
                win = self.exams[variant].window(s)
                if win is not None:
                    used.add(win.convention)
            if s.category in ("troops", "casualties", "distance", "count"):
                used.add("scope_dates")
        used |= {"minor_days"} if any(p.comparison.measure == "days" for ps in f.pairs.values() for p in ps) else set()
        used |= {"minor_ratio"} if any(p.comparison.measure == "ratio" for ps in f.pairs.values() for p in ps) else set()
        return sorted(k for k in used if k in self.conventions and self.conventions[k].varies())

    def comparisons_table(self) -> list[dict]:
        rows = []
        ctx = self.context
        for f in self.findings:
            if "default" not in f.pairs:
                continue
            for p in [*f.pairs["default"], *f.evidence["default"]]:
                comp = p.comparison
                rows.append(
                    {
                        "comparison_id": f"{p.claim_id}~{p.other_id}",
                        "finding_id": f.finding_id,
                        "kind": p.kind,
                        "subject": ctx.statement(p.claim_id).subject,
                        "claim_id": p.claim_id,
                        "other": p.other_id,
                        "claimed": ctx.says(p.claim_id, "default"),
                        "other_says": ctx.says(p.other_id, "default"),
                        "difference": ""
                        if comp.measure in ("set", "scope") or math.isinf(comp.difference)
                        else (f"{comp.difference:.0f}" if comp.measure == "days" else f"{comp.difference:.2f}"),
                        "measure": comp.measure,
                    }
                )
        seen, out = set(), []
        for r in rows:
            if r["comparison_id"] not in seen:
                seen.add(r["comparison_id"])
                out.append(r)
        return out

    def agreement_table(self) -> list[dict]:
        exam = self.exams["default"]
        in_findings: dict[str, list[str]] = {}
        for f in self.findings:
            if "default" in f.pairs:
                for cid in f.claim_ids():
                    in_findings.setdefault(cid, []).append(f.finding_id)
        rows = []
        by_pair: dict[tuple[str, str], list] = {}
        for c in self.claims:
            by_pair.setdefault((c.source_id, c.subject), []).append(c)
        for (sid, subject), claims in sorted(by_pair.items()):
            verdicts = [exam.verdicts[c.claim_id] for c in claims]
            statuses = {v.status for v in verdicts}
            found = sorted({fid for c in claims for fid in in_findings.get(c.claim_id, [])})
            status = (
                "conflicts"
                if "conflicts" in statuses or found
                else "agrees"
                if "agrees" in statuses
                else "other scope"
                if "other scope" in statuses
                else "unverifiable"
            )
            others = sorted(
                {o.source_id for o in self.claims if o.subject == subject and o.source_id != sid and any(self._same(c, o) for c in claims)}
            )
            rows.append(
                {
                    "source_id": sid,
                    "subject": subject,
                    "category": claims[0].category,
                    "status": status,
                    "claims": " ".join(c.claim_id for c in claims),
                    "references": " ".join(sorted({r for v in verdicts for r in v.references})),
                    "findings": " ".join(found),
                    "corroborated_by": " ".join(others),
                }
            )
        return rows

    def _same(self, a, b) -> bool:
        exam = self.exams["default"]
        if a.category in ("participation", "command", "order", "request", "place"):
            return exam._names(a.entity, b.entity) or exam._names(b.entity, a.entity)
        wa, wb = exam.window(a), exam.window(b)
        return wa is not None and wb is not None and wa.overlaps(wb) and (a.category == "date" or exam.windows.same_scope(a, b))

    def verdicts_table(self) -> list[dict]:
        exam = self.exams["default"]
        finding_of = {cid: f.finding_id for f in self.findings if "default" in f.pairs for cid in f.claim_ids()}
        return [
            {
                "claim_id": c.claim_id,
                "reading": wording.say(c, exam.window(c)),
                "status": exam.verdicts[c.claim_id].status,
                "references": " ".join(exam.verdicts[c.claim_id].references),
                "weaker": " ".join(exam.verdicts[c.claim_id].weaker),
                "finding_id": finding_of.get(c.claim_id, ""),
            }
            for c in self.claims
        ]

    def tables(self) -> dict[str, list[dict]]:
        return {
            "reference": self.reference_rows,
            "windows": self.windows_table(),
            "verdicts": self.verdicts_table(),
            "timeline": self.timeline_table(),
            "findings": self.findings_table(),
            "comparisons": self.comparisons_table(),
            "agreement": self.agreement_table(),
        }


def _figure(x: float) -> str:
    if math.isinf(x):
        return ""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.4g}" if abs(x) < 10 else f"{x:.1f}"


class Upstream:
    """Whether a finding's error is the copy's own or inherited, from data/upstream_readings.csv."""

    def __init__(self, data_dir: Path, registry: dict):
        self.upstreams = package.records("upstreams", data_dir)
        self.readings = package.records("upstream_readings", data_dir)

    def origin(self, f: Finding) -> str:
        source = f.key[1]
        ups = [u for u in self.upstreams if u.source_id == source and u.status == "identified"]
        if not ups:
            return "upstream not identified"
        verdicts = {r.verdict for r in self.readings if r.claim_id in f.claim_ids()}
        if "same" in verdicts:
            return "inherited"
        if verdicts & {"differs", "silent"}:
            return "own"
        return "upstream not readable"


def analysis(data_dir: Path | None = None) -> Analysis:
    return Analysis(Path(data_dir or paths.DATA))


def files(a: Analysis, tables: dict[str, list[dict]]) -> dict[str, str]:
    """The derived files that are not tables of the data package's kind: annotations, exports, bibliography."""
    book = citation.book()
    url = lambda rel: book["url"] + rel
    rows = lambda name: [{k: "" if v is None else str(v) for k, v in r.items()} for r in tables[name]]
    claims = {c["claim_id"]: c for c in package.read_rows("claims", a.data_dir)}
    verdicts = {v["claim_id"]: v for v in rows("verdicts")}
    refs = {r["ref_id"]: r for r in rows("reference")}
    registry = {s["source_id"]: s for s in package.read_rows("sources", a.data_dir)}
    topics = {s: x.description for s, x in a.subjects.items()}
    classes = {c.reliability: c.label for c in package.records("reliability_classes", a.data_dir)}
    readings = {v["claim_id"]: v["reading"] for v in rows("verdicts")}
    copy_url = lambda sid: url(f"data/sources/{sid}.txt")
    texts = {sid: sources.read_text(sid, a.data_dir) for sid in registry}
    notes = [
        annotations.annotation(
            claims[c],
            verdicts[c],
            readings[c],
            texts[claims[c]["source_id"]],
            registry[claims[c]["source_id"]],
            book,
            copy_url(claims[c]["source_id"]),
        )
        for c in claims
    ]
    findings_rows = exports.finding_rows(
        [f for f in rows("findings") if f["default"]], claims, refs, {s: r["label"] for s, r in registry.items()}, topics, classes, url
    )
    claim_rows = exports.claim_rows(claims, verdicts, refs, registry, topics, readings, url)
    return {
        "derived/annotations.jsonld": json.dumps(annotations.collection(notes, book), ensure_ascii=False, indent=1) + "\n",
        "derived/exports/findings.csv": exports.excel_csv(findings_rows, exports.columns("findings_export")),
        "derived/exports/findings.jsonl": exports.json_lines(findings_rows),
        "derived/exports/claims.csv": exports.excel_csv(claim_rows, exports.columns("claims_export")),
        "derived/exports/claims.jsonl": exports.json_lines(claim_rows),
    }


def write(data_dir: Path | None = None) -> list[Path]:
    """Write every derived table and file of a data folder, and the book's bibliography when the folder is the
    project's; returns the paths (files whose content would not change are not rewritten)."""
    a = analysis(data_dir)
    tables = a.tables()
    written = [package.write(name, rows, a.data_dir) for name, rows in tables.items()]
    for rel, text in files(a, tables).items():
        written.append(_write_text(a.data_dir / rel, text))
    if a.data_dir.resolve() == paths.DATA.resolve():
        registry = package.records("sources", a.data_dir)
        labels = {c.reliability: c.label for c in package.records("reliability_classes", a.data_dir)}
        written.append(_write_text(paths.ROOT / "book" / "references.bib", bibliography.bibtex(registry, a.references, labels)))
        readme = paths.ROOT / "README.md"
        if readme.exists():
            written.append(_write_text(readme, readme_with_findings(readme.read_text(encoding="utf-8"), tables["findings"], a)))
    return written


README_START, README_END = "<!-- findings:start -->", "<!-- findings:end -->"


def readme_with_findings(text: str, findings: list[dict], a) -> str:
    """The README's "What we found": one line per finding under the default conventions, from the findings table."""
    if README_START not in text or README_END not in text:
        return text
    label = {s.source_id: s.label for s in a.registry.values()}
    topic = {k: s.description for k, s in a.subjects.items()}
    rows = ["| Source | About | It says | The record says | Severity | Holds |", "|---|---|---|---|---|---|"]
    cell = lambda value: str(value).replace("|", "\\|").replace("\n", " ")
    for f in findings:
        if f["default"]:
            record = f"elsewhere the same source: {f['record']}" if f["kind"] == "internal" else f["record"]
            values = (label[f["source_id"]], topic[f["subject"]], f["claimed"], record, f["severity"], f["robustness"])
            rows.append("| " + " | ".join(cell(v) for v in values) + " |")
    head, rest = text.split(README_START, 1)
    return head + README_START + "\n" + "\n".join(rows) + "\n" + README_END + rest.split(README_END, 1)[1]


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path
