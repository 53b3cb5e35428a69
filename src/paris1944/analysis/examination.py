"""The cross-examination under one variant of the conventions.

Each claim gets a verdict against the references of the first rank on its
subject; pairs that disagree (a claim and a reference, two sources, two claims
of one source, or a figure and a reference of another scope) are recorded as
evidence. Grouping pairs into findings is findings.py's work.

The rules (each unit-tested in tests/test_examination.py):

- dates and figures agree when their windows overlap; otherwise they differ by
  the days between them or the ratio of their nearest ends;
- figures are compared only with references of the same kind (unit), and only
  with references counted over the same place and period (scope_dates); a
  figure that matches only a reference of another scope is a scope finding;
- nations, formations and people are compared by name, a nation being
  confirmed by any of its formations, and a command by its holder at the time;
- only references of the first rank decide (verdict_rank); when weaker ones up
  to split_rank side with the source, a conflict is minor;
- a loose phrase ('tens of thousands', 'mostly') is at most a minor conflict;
- a source contradicts itself when it gives two incompatible values for one
  subject, dates an event it places inside a period after that period's end,
  or states a share its own figures cannot hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

from .conventions import Conventions
from .windows import Window, Windows, span_gap, stated_span

FIGURES = ("troops", "casualties", "distance", "count", "share")
NAMED = ("participation", "command", "order", "request", "place")
LOOSE = {"order_of", "share"}


@dataclass(frozen=True)
class Comparison:
    agrees: bool
    difference: float  # days apart, or a ratio >= 1; 0 for names and scopes
    measure: str  # days | ratio | set | scope
    later: bool = False  # the first statement's window lies after (or above) the second's


def compare(a: Window, b: Window) -> Comparison:
    if a.measure == "days":
        gap = span_gap((a.lo, a.hi), (b.lo, b.hi))
        return Comparison(gap == 0, gap, "days", a.lo > b.hi)
    if a.overlaps(b):
        return Comparison(True, 1.0, "ratio")
    near_lo, near_hi = (a.hi, b.lo) if a.hi < b.lo else (b.hi, a.lo)
    return Comparison(False, math.inf if near_lo <= 0 else near_hi / near_lo, "ratio", a.lo > b.hi)


@dataclass(frozen=True)
class Pair:
    """Two statements that disagree: the evidence behind a finding."""

    kind: str  # source_vs_reference | source_vs_source | internal | scope
    claim_id: str
    other_id: str
    comparison: Comparison
    severity: str  # major | minor
    reasons: tuple[str, ...] = ()  # why the severity or the pairing: loose_phrase, split_record, entity, containment, share, scope


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    status: str  # agrees | conflicts | unverifiable | other scope
    references: tuple[str, ...] = ()  # first-rank references that decide
    weaker: tuple[str, ...] = ()  # weaker references that side with the claim


@dataclass
class Examination:
    """The claims examined under one variant of the conventions."""

    claims: list
    references: list
    subjects: dict
    entities: dict
    units: dict
    conventions: Conventions
    variant: str
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)

    def __post_init__(self):
        self.by_id = {c.claim_id: c for c in self.claims}
        self.windows = Windows(self.conventions, self.variant, self.by_id, self.units)
        self.verdict_rank = self.conventions.number("verdict_rank", self.variant)
        self.split_rank = self.conventions.number("split_rank", self.variant)

    def run(self) -> Examination:
        refs_by: dict[str, list] = {}
        for r in self.references:
            refs_by.setdefault(r.subject, []).append(r)
        claims_by: dict[str, list] = {}
        for c in self.claims:
            claims_by.setdefault(c.subject, []).append(c)
        for subject, claims in claims_by.items():
            refs = refs_by.get(subject, [])
            for c in claims:
                self.verdicts[c.claim_id] = self._against_references(c, refs)
            self._between_sources(claims)
            self._within_sources(claims)
        self._containment()
        self._shares(claims_by)
        return self

    # ------------------------------------------------------------ helpers
    def window(self, s) -> Window | None:
        return self.windows.of(s)

    def severity(self, comp: Comparison, *softer: bool) -> str:
        if any(softer):
            return "minor"
        if comp.measure == "days":
            return "minor" if comp.difference <= self.conventions.number("minor_days", self.variant) else "major"
        if comp.measure == "ratio":
            return "minor" if comp.difference < self.conventions.number("minor_ratio", self.variant) else "major"
        return "major"

    def first_rank(self, refs) -> list:
        return [r for r in refs if r.rank <= self.verdict_rank]

    def comparable(self, claim, ref) -> bool:
        if claim.category in FIGURES:
            return self.windows.base_unit(claim.unit) == self.windows.base_unit(ref.unit) and ref.category == claim.category
        return ref.category == claim.category

    # ------------------------------------------------------------ against the references
    def _against_references(self, c, refs) -> Verdict:
        refs = [r for r in refs if self.comparable(c, r)]
        if c.category == "date" or c.category in FIGURES:
            return self._measured(c, refs)
        return self._named(c, refs)

    def _measured(self, c, refs) -> Verdict:
        mine = self.window(c)
        if mine is None:
            return Verdict(c.claim_id, "unverifiable")
        results = [(r, self.window(r)) for r in refs]
        results = [(r, compare(mine, w)) for r, w in results if w is not None]
        in_scope = [(r, comp) for r, comp in results if c.category not in FIGURES or self.windows.same_scope(c, r)]
        weaker = tuple(sorted(r.ref_id for r, comp in in_scope if comp.agrees and r.rank > self.verdict_rank))
        top = [(r, comp) for r, comp in in_scope if r.rank <= self.verdict_rank]
        if not top:
            other = [(r, comp) for r, comp in results if r.rank <= self.verdict_rank and (r, comp) not in in_scope]
            matching = [r for r, comp in other if comp.agrees]
            if matching:
                # The figure is a first-rank reference's figure, but for another place or period.
                self.pairs.append(Pair("scope", c.claim_id, matching[0].ref_id, Comparison(False, 0, "scope"), "minor", ("scope",)))
                return Verdict(c.claim_id, "other scope", tuple(r.ref_id for r in matching), weaker)
            return Verdict(c.claim_id, "other scope" if other else "unverifiable", (), weaker)
        agreeing = tuple(sorted(r.ref_id for r, comp in top if comp.agrees))
        if agreeing:
            return Verdict(c.claim_id, "agrees", agreeing, weaker)
        ref, comp = min(top, key=lambda rc: (rc[1].difference, rc[0].ref_id))
        split = any(r.rank <= self.split_rank for r, comp in in_scope if comp.agrees and r.rank > self.verdict_rank)
        loose = c.expression in LOOSE
        reasons = tuple(x for x, on in (("split_record", split), ("loose_phrase", loose)) if on)
        self.pairs.append(Pair("source_vs_reference", c.claim_id, ref.ref_id, comp, self.severity(comp, split, loose), reasons))
        return Verdict(c.claim_id, "conflicts", (ref.ref_id,), weaker)

    def _members(self, entity: str) -> set[str]:
        """The nations a nation or group stands for (entities.csv, column nation)."""
        e = self.entities.get(entity)
        if e is None or e.kind not in ("nation", "coalition"):
            return set()
        return {entity, *filter(None, e.nation.split("|"))}

    def _names(self, claim_entity: str, ref_entity: str) -> bool:
        """Whether a reference's entity confirms the claim's: the same, or a formation or person of a nation the
        claim names (a nation, or a group of nations such as 'the Allies')."""
        if claim_entity == ref_entity:
            return True
        ref = self.entities.get(ref_entity)
        ref_nations = {ref_entity} if ref is not None and ref.kind == "nation" else set(filter(None, (ref.nation if ref else "").split("|")))
        return bool(ref_nations) and ref_nations <= self._members(claim_entity)

    def _when(self, s) -> tuple[float, float] | None:
        start, end = s.scope_from or s.scope_to or s.date, s.scope_to or s.scope_from or s.date_end or s.date
        return (stated_span(start)[0], stated_span(end)[1]) if start and end else None

    def _named(self, c, refs) -> Verdict:
        """Participation, command, orders, requests and places: who, not how much."""
        when = self._when(c)
        if c.category == "command" and when is not None:
            # A post changes hands: only references for a tenure that overlaps the claim's time speak to it.
            refs = [r for r in refs if (w := self._when(r)) is None or span_gap(w, when) == 0]
        top = self.first_rank(refs)
        confirm = [r for r in top if self._names(c.entity, r.entity) and r.stance != "did_not_take_part"]
        weaker = tuple(
            sorted(r.ref_id for r in refs if r.rank > self.verdict_rank and self._names(c.entity, r.entity) and r.stance != "did_not_take_part")
        )
        if confirm:
            return Verdict(c.claim_id, "agrees", tuple(sorted(r.ref_id for r in confirm)), weaker)
        if c.category == "participation":
            deny = [r for r in top if self._names(c.entity, r.entity) and r.stance == "did_not_take_part"]
        elif self.subjects[c.subject].exclusive == "yes":
            # A post held by one person at a time, or an act one person did: a first-rank reference naming
            # someone else for the claim's time contradicts the claim.
            deny = [r for r in top if r.entity and not self._names(c.entity, r.entity)]
        else:  # many can command, order, ask or take places: naming others does not deny
            deny = []
        if not deny:
            return Verdict(c.claim_id, "unverifiable", (), weaker)
        ref = sorted(deny, key=lambda r: r.ref_id)[0]
        split = any(r.rank <= self.split_rank for r in refs if r.ref_id in weaker)
        self.pairs.append(
            Pair(
                "source_vs_reference",
                c.claim_id,
                ref.ref_id,
                Comparison(False, 0, "set"),
                "minor" if split else "major",
                ("entity",) + (("split_record",) if split else ()),
            )
        )
        return Verdict(c.claim_id, "conflicts", (ref.ref_id,), weaker)

    # ------------------------------------------------------------ between sources
    def _between_sources(self, claims) -> None:
        by_source: dict[str, list] = {}
        for c in claims:
            by_source.setdefault(c.source_id, []).append(c)
        for a, b in combinations(sorted(by_source), 2):
            ca, cb = by_source[a], by_source[b]
            category = ca[0].category
            if category in ("participation", "place", "request"):
                continue  # naming one does not deny another: silence is no conflict
            if category in ("command", "order"):
                if self.subjects[ca[0].subject].exclusive != "yes":
                    continue
                ea, eb = {c.entity for c in ca}, {c.entity for c in cb}
                if ea.isdisjoint(eb) and not any(self._names(x, y) or self._names(y, x) for x in ea for y in eb):
                    self.pairs.append(Pair("source_vs_source", cb[0].claim_id, ca[0].claim_id, Comparison(False, 0, "set"), "minor", ("entity",)))
                continue
            comps = []
            for x in ca:
                for y in cb:
                    wx, wy = self.window(x), self.window(y)
                    if (
                        wx is None
                        or wy is None
                        or (
                            category in FIGURES
                            and (self.windows.base_unit(x.unit) != self.windows.base_unit(y.unit) or not self.windows.same_scope(x, y))
                        )
                    ):
                        continue
                    comps.append((x, y, compare(wx, wy)))
            if not comps or any(comp.agrees for _, _, comp in comps):
                continue
            x, y, comp = min(comps, key=lambda t: (t[2].difference, t[0].claim_id, t[1].claim_id))
            # Report against the claim the references contradict, when only one is.
            x_bad = self.verdicts.get(x.claim_id, Verdict("", "")).status == "conflicts"
            y_bad = self.verdicts.get(y.claim_id, Verdict("", "")).status == "conflicts"
            claim, other = (x, y) if x_bad and not y_bad else (y, x)
            flipped = compare(self.window(claim), self.window(other))
            loose = claim.expression in LOOSE or other.expression in LOOSE
            self.pairs.append(
                Pair("source_vs_source", claim.claim_id, other.claim_id, flipped, self.severity(flipped, loose), ("loose_phrase",) if loose else ())
            )

    # ------------------------------------------------------------ within a source
    def _within_sources(self, claims) -> None:
        by_source: dict[str, list] = {}
        for c in claims:
            by_source.setdefault(c.source_id, []).append(c)
        for cs in by_source.values():
            for x, y in combinations(cs, 2):
                if x.category in NAMED:
                    continue
                wx, wy = self.window(x), self.window(y)
                if wx is None or wy is None:
                    continue
                if x.category in FIGURES and (self.windows.base_unit(x.unit) != self.windows.base_unit(y.unit) or not self.windows.same_scope(x, y)):
                    continue  # counts of different things, places or periods do not contradict each other
                comp = compare(wy, wx)
                if not comp.agrees:
                    self.pairs.append(Pair("internal", y.claim_id, x.claim_id, comp, self.severity(comp)))

    def _containment(self) -> None:
        """An event the source places inside a period, dated after the period's end."""
        for c in self.claims:
            period = self.by_id.get(c.within)
            if period is None or c.category != "date" or c.expression == "during":
                continue
            inner, outer = self.window(c), self.window(period)
            if inner is None or outer is None or inner.lo <= outer.hi:
                continue
            comp = Comparison(False, inner.lo - outer.hi, "days", True)
            self.pairs.append(Pair("internal", c.claim_id, period.claim_id, comp, self.severity(comp), ("containment",)))

    def _shares(self, claims_by) -> None:
        """A share ('mostly the latter') set against the source's own figures for the part and the whole."""
        for c in self.claims:
            if c.category != "share":
                continue
            subject = self.subjects[c.subject]
            share = self.window(c)
            wholes = [w for w in claims_by.get(subject.whole_subject, []) if w.source_id == c.source_id]
            parts = [p for p in claims_by.get(subject.part_subject, []) if p.source_id == c.source_id]
            for whole in wholes:
                ww = self.window(whole)
                if ww is None or share is None:
                    continue
                implied = Window(share.lo * ww.lo, share.hi * ww.hi, "figure", "share")
                for part in parts:
                    wp = self.window(part)
                    if wp is None:
                        continue
                    comp = compare(wp, implied)
                    if not comp.agrees:
                        self.pairs.append(Pair("internal", c.claim_id, part.claim_id, comp, self.severity(comp), ("share",)))
