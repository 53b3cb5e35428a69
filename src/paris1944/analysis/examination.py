"""The cross-examination under one variant of the conventions, in steps.

Each step takes tables and returns a table, so that a notebook can run them
one at a time and show what lies between (analysis.steps wraps them for a
reader); the pipeline runs the same steps in the same order.

1. match: every reference on a claim's subject that speaks to it, with how
   the two compare (their windows overlap or not, how far apart, whether the
   reference counts the same place and period, whether it can decide);
2. decide: each claim's verdict from its matches. Only references of the
   first rank decide (verdict_rank); a claim agrees when it matches one of
   them, conflicts when it matches none; a figure that matches only a
   first-rank figure for another place or period is "other scope";
3. cross_check: what no single reference shows: two sources that disagree
   where no reference decides, a source that contradicts itself (two values
   for one subject, an event dated after the period it is placed in, a share
   its own figures cannot hold).

The rules for names (categories.csv, name_rule): a nation is confirmed by any
of its formations or people; a command by its holder at the time (tenure);
on an exclusive subject (one post, one act) naming someone else denies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

import pandas as pd

from .. import vocabulary as v
from ..evidence import package
from .conventions import Conventions
from .windows import Window, Windows, span_gap, stated_span

DID_NOT_TAKE_PART = "did_not_take_part"


@dataclass(frozen=True)
class Comparison:
    agrees: bool
    difference: float  # days apart, or a ratio >= 1; 0 for names and scopes
    measure: str  # days | ratio | set | scope
    later: bool = False  # the first statement's window lies after (or above) the second's


def compare(a: Window, b: Window) -> Comparison:
    if a.measure == v.DAYS:
        gap = span_gap((a.lo, a.hi), (b.lo, b.hi))
        return Comparison(gap == 0, gap, v.DAYS, a.lo > b.hi)
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
    reasons: tuple[str, ...] = ()  # what shaped the pairing: split_record, entity, containment, share, scope


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    status: str  # agrees | conflicts | unverifiable | other_scope
    references: tuple[str, ...] = ()  # first-rank references that decide
    weaker: tuple[str, ...] = ()  # weaker references that side with the claim


MATCH_COLUMNS = ["claim_id", "ref_id", "rank", "decides", "same_scope", "agrees", "denies", "difference", "measure", "later"]
# The verdicts table (datapackage.json) without what the editorial gate adds to it.
VERDICT_COLUMNS = [c for c in package.columns("verdicts") if c not in ("finding_id", "outcome")]
PAIR_COLUMNS = ["kind", "claim_id", "other_id", "difference", "measure", "later", "reasons"]


@dataclass
class Examination:
    """What one variant of the conventions needs: the statements, the tables that read them, the windows.

    `run()` runs the three steps over every claim and keeps their results as `verdicts` and `pairs`."""

    claims: list
    references: list
    subjects: dict
    entities: dict
    units: dict
    conventions: Conventions
    variant: str
    vocabulary: v.Vocabulary = None
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)

    def __post_init__(self):
        self.vocabulary = self.vocabulary or v.read()
        self.by_id = {c.claim_id: c for c in self.claims}
        # Windows read anchors (claims) and the inputs of computed references by id.
        statements = {**{r.ref_id: r for r in self.references}, **self.by_id}
        self.windows = Windows(self.conventions, self.variant, statements, self.units, self.vocabulary)
        self.verdict_rank = self.conventions.number("verdict_rank", self.variant)
        self.split_rank = self.conventions.number("split_rank", self.variant)

    @cached_property
    def refs_by_subject(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for r in self.references:
            out.setdefault(r.subject, []).append(r)
        return out

    @cached_property
    def claims_by_subject(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for c in self.claims:
            out.setdefault(c.subject, []).append(c)
        return out

    def run(self) -> Examination:
        matches = self.match(self.claims)
        verdicts = self.decide(self.claims, matches)
        pairs = self.cross_check(self.claims, verdicts)
        self.verdicts = {r.claim_id: Verdict(r.claim_id, r.status, _ids(r.references), _ids(r.weaker)) for r in verdicts.itertuples()}
        self.pairs = [_pair(r) for r in evidence_pairs(verdicts).itertuples()] + [_pair(r) for r in pairs.itertuples()]
        return self

    # ------------------------------------------------------------ helpers
    def window(self, s) -> Window | None:
        return self.windows.of(s)

    def measure(self, s) -> str:
        return self.vocabulary.measure(s.category)

    def comparable(self, claim, ref) -> bool:
        if ref.category != claim.category:
            return False
        return self.measure(claim) != v.FIGURE or self.windows.base_unit(claim.unit) == self.windows.base_unit(ref.unit)

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

    # ------------------------------------------------------------ 1. match
    def match(self, claims) -> pd.DataFrame:
        """Every reference on each claim's subject that can speak to it, and how the two compare."""
        rows = []
        for c in claims:
            refs = [r for r in self.refs_by_subject.get(c.subject, []) if self.comparable(c, r)]
            rows += self._measured_matches(c, refs) if self.measure(c) != v.NAME else self._named_matches(c, refs)
        return pd.DataFrame(rows, columns=MATCH_COLUMNS)

    def _measured_matches(self, c, refs) -> list[dict]:
        mine = self.window(c)
        if mine is None:
            return self._degree_matches(c, refs)
        out = []
        for r in refs:
            theirs = self.window(r)
            if theirs is None:
                continue
            comp = compare(mine, theirs)
            scope = self.measure(c) != v.FIGURE or self.windows.same_scope(c, r)
            out.append(self._row(c, r, scope, comp.agrees, False, comp))
        return out

    def _degree_matches(self, c, refs) -> list[dict]:
        """A quantity in words only, against works that say the same quantity in words (degrees.csv): the same
        degree agrees, the opposite conflicts; no number is read into a word."""
        if not c.degree:
            return []
        opposite = self.vocabulary.degrees[c.degree].opposite
        return [self._row(c, r, True, r.degree == c.degree, r.degree == opposite, Comparison(False, 0, "degree")) for r in refs if r.degree]

    def _named_matches(self, c, refs) -> list[dict]:
        rule = self.vocabulary.categories[c.category].name_rule
        when = self._when(c)
        if rule == v.TENURE and when is not None:
            # A post changes hands: only references for a tenure that overlaps the claim's time speak to it.
            refs = [r for r in refs if (w := self._when(r)) is None or span_gap(w, when) == 0]
        exclusive = self.subjects[c.subject].exclusive == "yes"
        out = []
        for r in refs:
            names = self._names(c.entity, r.entity)
            if rule == v.TOOK_PART:
                denies = names and r.stance == DID_NOT_TAKE_PART
            else:  # many can command, order, ask or take places: naming others denies only one post or one act
                denies = exclusive and bool(r.entity) and not names
            out.append(self._row(c, r, True, names and r.stance != DID_NOT_TAKE_PART, denies, Comparison(False, 0, "set")))
        return out

    def _row(self, c, r, same_scope: bool, agrees: bool, denies: bool, comp: Comparison) -> dict:
        return {
            "claim_id": c.claim_id,
            "ref_id": r.ref_id,
            "rank": r.rank,
            "decides": r.rank <= self.verdict_rank,
            "same_scope": same_scope,
            "agrees": agrees,
            "denies": denies,
            "difference": comp.difference,
            "measure": comp.measure,
            "later": comp.later,
        }

    # ------------------------------------------------------------ 2. decide
    def decide(self, claims, matches: pd.DataFrame) -> pd.DataFrame:
        """Each claim's verdict from its matches: only the first rank decides."""
        by_claim = {k: g for k, g in matches.groupby("claim_id", sort=False)} if len(matches) else {}
        empty = pd.DataFrame(columns=MATCH_COLUMNS)
        rows = []
        for c in claims:
            m = by_claim.get(c.claim_id, empty)
            if self.measure(c) == v.NAME or (self.window(c) is None and c.degree):
                rows.append(self._decide_named(c, m))
            elif self.window(c) is None:
                rows.append(_verdict(c.claim_id, v.UNVERIFIABLE))
            else:
                rows.append(self._decide_measured(c, m))
        return pd.DataFrame(rows, columns=VERDICT_COLUMNS)

    def _decide_measured(self, c, m: pd.DataFrame) -> dict:
        in_scope = m[m["same_scope"].astype(bool)]
        weaker = sorted(in_scope.loc[in_scope["agrees"].astype(bool) & ~in_scope["decides"].astype(bool), "ref_id"])
        top = in_scope[in_scope["decides"].astype(bool)]
        if top.empty:
            other = m[m["decides"].astype(bool) & ~m["same_scope"].astype(bool)]
            matching = sorted(other.loc[other["agrees"].astype(bool), "ref_id"])
            if matching:  # the figure is a first-rank reference's figure, but for another place or period
                return _verdict(c.claim_id, v.OTHER_SCOPE, matching, weaker, matching[0], 0, "scope", reasons=("scope",))
            return _verdict(c.claim_id, v.OTHER_SCOPE if len(other) else v.UNVERIFIABLE, (), weaker)
        agreeing = sorted(top.loc[top["agrees"].astype(bool), "ref_id"])
        if agreeing:
            return _verdict(c.claim_id, v.AGREES, agreeing, weaker)
        nearest = top.sort_values(["difference", "ref_id"], kind="stable").iloc[0]
        split = bool((in_scope["agrees"].astype(bool) & ~in_scope["decides"].astype(bool) & (in_scope["rank"] <= self.split_rank)).any())
        return _verdict(
            c.claim_id,
            v.CONFLICTS,
            [nearest["ref_id"]],
            weaker,
            nearest["ref_id"],
            nearest["difference"],
            nearest["measure"],
            bool(nearest["later"]),
            ("split_record",) if split else (),
        )

    def _decide_named(self, c, m: pd.DataFrame) -> dict:
        decides, agrees = m["decides"].astype(bool), m["agrees"].astype(bool)
        confirm = sorted(m.loc[decides & agrees, "ref_id"])
        weaker = sorted(m.loc[~decides & agrees, "ref_id"])
        if confirm:
            return _verdict(c.claim_id, v.AGREES, confirm, weaker)
        deny = sorted(m.loc[decides & m["denies"].astype(bool), "ref_id"])
        if not deny:
            return _verdict(c.claim_id, v.UNVERIFIABLE, (), weaker)
        split = bool((~decides & agrees & (m["rank"] <= self.split_rank)).any())
        measure, reason = ("set", "entity") if self.measure(c) == v.NAME else ("degree", "degree")
        return _verdict(c.claim_id, v.CONFLICTS, deny[:1], weaker, deny[0], 0, measure, reasons=(reason,) + (("split_record",) if split else ()))

    # ------------------------------------------------------------ 3. cross-check
    def cross_check(self, claims, verdicts: pd.DataFrame) -> pd.DataFrame:
        """Disagreements no single reference shows: between sources, and within a source."""
        status = dict(zip(verdicts["claim_id"], verdicts["status"]))
        chosen = {c.claim_id for c in claims}
        pairs: list[Pair] = []
        for subject in dict.fromkeys(c.subject for c in claims):
            on_subject = self.claims_by_subject.get(subject, [])
            pairs += self._between_sources(on_subject, status)
            pairs += self._within_sources(on_subject)
        pairs += self._containment()
        pairs += self._shares()
        rows = [_pair_row(p) for p in pairs if p.claim_id in chosen or p.other_id in chosen]
        return pd.DataFrame(rows, columns=PAIR_COLUMNS)

    def _comparable_figures(self, x, y) -> bool:
        return self.windows.base_unit(x.unit) == self.windows.base_unit(y.unit) and self.windows.same_scope(x, y)

    def _between_sources(self, claims, status: dict) -> list[Pair]:
        by_source: dict[str, list] = {}
        for c in claims:
            by_source.setdefault(c.source_id, []).append(c)
        out = []
        for a, b in combinations(sorted(by_source), 2):
            ca, cb = by_source[a], by_source[b]
            category = self.vocabulary.categories[ca[0].category]
            if category.between_sources == "never":
                continue  # naming one does not deny another: silence is no conflict
            if category.measure == v.NAME:
                if self.subjects[ca[0].subject].exclusive != "yes":
                    continue
                ea, eb = {c.entity for c in ca}, {c.entity for c in cb}
                if ea.isdisjoint(eb) and not any(self._names(x, y) or self._names(y, x) for x in ea for y in eb):
                    out.append(Pair(v.BETWEEN_SOURCES, cb[0].claim_id, ca[0].claim_id, Comparison(False, 0, "set"), ("entity",)))
                continue
            comps = []
            for x in ca:
                for y in cb:
                    wx, wy = self.window(x), self.window(y)
                    if wx is None or wy is None or (category.measure == v.FIGURE and not self._comparable_figures(x, y)):
                        continue
                    comps.append((x, y, compare(wx, wy)))
            if not comps or any(comp.agrees for _, _, comp in comps):
                continue
            x, y, _ = min(comps, key=lambda t: (t[2].difference, t[0].claim_id, t[1].claim_id))
            # Report against the claim the references contradict, when only one is.
            x_bad, y_bad = status.get(x.claim_id) == v.CONFLICTS, status.get(y.claim_id) == v.CONFLICTS
            claim, other = (x, y) if x_bad and not y_bad else (y, x)
            out.append(Pair(v.BETWEEN_SOURCES, claim.claim_id, other.claim_id, compare(self.window(claim), self.window(other))))
        return out

    def _within_sources(self, claims) -> list[Pair]:
        by_source: dict[str, list] = {}
        for c in claims:
            by_source.setdefault(c.source_id, []).append(c)
        out = []
        for cs in by_source.values():
            for x, y in combinations(cs, 2):
                if self.measure(x) == v.NAME:
                    continue
                wx, wy = self.window(x), self.window(y)
                if wx is None or wy is None:
                    continue
                if self.measure(x) == v.FIGURE and not self._comparable_figures(x, y):
                    continue  # counts of different things, places or periods do not contradict each other
                comp = compare(wy, wx)
                if not comp.agrees:
                    out.append(Pair(v.INTERNAL, y.claim_id, x.claim_id, comp))
        return out

    def _containment(self) -> list[Pair]:
        """An event the source places inside a period, dated after the period's end."""
        out = []
        for c in self.claims:
            period = self.by_id.get(c.within)
            if period is None or self.measure(c) != v.DAYS or c.expression == "during":
                continue
            inner, outer = self.window(c), self.window(period)
            if inner is None or outer is None or inner.lo <= outer.hi:
                continue
            out.append(Pair(v.INTERNAL, c.claim_id, period.claim_id, Comparison(False, inner.lo - outer.hi, v.DAYS, True), ("containment",)))
        return out

    def _shares(self) -> list[Pair]:
        """A share ('mostly the latter') set against the source's own figures for the part and the whole."""
        out = []
        for c in self.claims:
            subject = self.subjects[c.subject]
            if not subject.whole_subject:
                continue
            share = self.window(c)
            wholes = [w for w in self.claims_by_subject.get(subject.whole_subject, []) if w.source_id == c.source_id]
            parts = [p for p in self.claims_by_subject.get(subject.part_subject, []) if p.source_id == c.source_id]
            for whole in wholes:
                ww = self.window(whole)
                if ww is None or share is None:
                    continue
                implied = Window(share.lo * ww.lo, share.hi * ww.hi, v.FIGURE, "most")
                for part in parts:
                    wp = self.window(part)
                    if wp is None:
                        continue
                    comp = compare(wp, implied)
                    if not comp.agrees:
                        out.append(Pair(v.INTERNAL, c.claim_id, part.claim_id, comp, ("part_of_whole",)))
        return out


def evidence_pairs(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The disagreements the verdicts themselves show: a claim against the reference that decides it, or a figure
    that is a first-rank reference's figure for another place or period."""
    rows = []
    for r in verdicts.itertuples():
        if r.status == v.CONFLICTS:
            rows.append(
                dict(
                    kind=v.AGAINST_RECORD,
                    claim_id=r.claim_id,
                    other_id=r.against,
                    difference=r.difference,
                    measure=r.measure,
                    later=r.later,
                    reasons=r.reasons,
                )
            )
        elif r.status == v.OTHER_SCOPE and r.against:
            rows.append(dict(kind=v.SCOPE, claim_id=r.claim_id, other_id=r.against, difference=0, measure="scope", later=False, reasons=r.reasons))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _verdict(claim_id, status, references=(), weaker=(), against="", difference=0.0, measure="", later=False, reasons=()) -> dict:
    return {
        "claim_id": claim_id,
        "status": status,
        "references": " ".join(references),
        "weaker": " ".join(weaker),
        "against": against,
        "difference": difference,
        "measure": measure,
        "later": later,
        "reasons": " ".join(reasons),
    }


def _pair_row(p: Pair) -> dict:
    c = p.comparison
    return dict(
        kind=p.kind, claim_id=p.claim_id, other_id=p.other_id, difference=c.difference, measure=c.measure, later=c.later, reasons=" ".join(p.reasons)
    )


def _pair(r) -> Pair:
    return Pair(r.kind, r.claim_id, r.other_id, Comparison(False, float(r.difference), r.measure, bool(r.later)), _ids(r.reasons))


def _ids(text: str) -> tuple[str, ...]:
    return tuple(str(text or "").split())
