"""Cross-examination: group claims by subject, compare them with each other and
with the reference table, and explain every disagreement.

The rules, each unit-tested (tests/test_compare.py):

- Dates are intervals set by their precision: a day is itself, a month or a
  year is every day in it, an approximate date is the range the ledger gives,
  "by" a date is anything up to it. Two dates agree when their intervals
  overlap; otherwise they differ by the gap in days.
- Figures are intervals set by their qualifier: "about" is +/-10%, "nearly" is
  up to 10% below, "more than"/"at least" is up to half as much again, a range
  is its bounds. An exact round figure stands for what it rounds (226,000
  covers 226,386), within 5% at most. Units are converted before comparing.
  Figures that do not overlap differ by the ratio of the nearest bounds.
- Participation is compared as sets of nations: a nation a source names as
  taking part, which the best reference says did not, is a conflict.
- References are weighed: a claim agrees if it matches any reference of the
  strongest reliability class available on its subject; if it matches only
  weaker references it is a (minor) conflict.
- A source that gives two incompatible values for one subject, or dates an
  event it places inside a period outside that period, contradicts itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from .reference import RELIABILITY_RANK
from .validate import ORDER_WORDS

MILES_PER_KM = 0.621371
TO_BASE = {"km": ("miles", MILES_PER_KM), "miles": ("miles", 1.0)}
MAX_ROUNDING = 0.05  # a round figure covers at most +/-5% of itself
ABOUT = 0.10
MORE_THAN_CAP = 1.5
MINOR_DAYS = 2  # dates up to two days apart are a minor conflict
MINOR_RATIO = 1.5  # figures less than half as much again apart are a minor conflict

# Nations that named forces belong to, for comparing participation as sets.
NATION = {
    "France": "France", "French 2nd Armored Division": "France", "French Resistance": "France",
    "French Forces of the Interior (FFI)": "France", "Paris police": "France", "Paris Liberation Committee": "France",
    "Civilians of Paris": "France",
    "United States": "United States", "US V Corps": "United States", "US 4th Infantry Division": "United States",
    "US Third Army": "United States",
    "United Kingdom": "United Kingdom", "Canada": "Canada", "Poland": "Poland", "Germany": "Germany",
}


# ---------------------------------------------------------------- intervals
@dataclass(frozen=True)
class Span:
    lo: float
    hi: float

    def overlaps(self, other: "Span") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def _day(text: str, last: bool = False) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
    month = parts[1]
    if len(parts) == 2:
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return dt.date(year, month, parts[2])


def date_span(date: str, date_end: str = "", precision: str = "day", qualifier: str = "") -> Span:
    """The days a dated statement covers, as ordinal day numbers."""
    # The span follows what the date spells out (a month covers its days);
    # precision is checked against the spelling by the validator.
    lo, hi = _day(date), _day(date_end or date, last=True)
    if qualifier == "by":
        lo = dt.date.min
    return Span(lo.toordinal(), hi.toordinal())


def rounding(value: float) -> float:
    """Half the unit of a figure's last significant digit, capped at 5%."""
    if value == 0:
        return 0.0
    v = int(round(value))
    if v != value:
        return 0.0
    unit = 1
    while v % (unit * 10) == 0:
        unit *= 10
    return min(unit / 2, abs(value) * MAX_ROUNDING) if unit > 1 else 0.0


def value_span(value: str, low: str = "", high: str = "", qualifier: str = "exact") -> Span | None:
    """The figures a numeric statement admits."""
    v = float(value) if value else None
    lo_b = float(low) if low else None
    hi_b = float(high) if high else None
    if qualifier == "range" or (lo_b is not None and hi_b is not None):
        return Span(lo_b if lo_b is not None else v, hi_b if hi_b is not None else v)
    if v is None:
        return None
    if qualifier == "about":
        return Span(v * (1 - ABOUT), v * (1 + ABOUT))
    if qualifier == "nearly":
        return Span(v * (1 - ABOUT), v)
    if qualifier in ("more_than", "at_least"):
        return Span(v, v * MORE_THAN_CAP)
    if qualifier == "up_to":
        return Span(0, v)
    r = rounding(v)
    return Span(v - r, v + r)


def convert(span: Span, unit: str) -> tuple[Span, str]:
    base, factor = TO_BASE.get(unit, (unit, 1.0))
    return Span(span.lo * factor, span.hi * factor), base


def gap_days(a: Span, b: Span) -> int:
    return 0 if a.overlaps(b) else int(max(a.lo - b.hi, b.lo - a.hi))


def ratio(a: Span, b: Span) -> float:
    if a.overlaps(b):
        return 1.0
    near_lo, near_hi = (a.hi, b.lo) if a.hi < b.lo else (b.hi, a.lo)
    return math.inf if near_lo <= 0 else near_hi / near_lo


# ---------------------------------------------------------------- one comparison
@dataclass(frozen=True)
class Comparison:
    agrees: bool
    difference: float  # days, or a ratio >= 1
    measure: str  # "days", "ratio" or "set"
    comparable: bool = True


def _span_of(row) -> tuple[Span | None, str]:
    if row["category"] == "date":
        return date_span(row["date"], row.get("date_end", ""), row["date_precision"], row.get("qualifier", "")), "days"
    span = value_span(row.get("value", ""), row.get("value_low", ""), row.get("value_high", ""), row.get("qualifier", "") or "exact")
    if span is None:
        return None, ""
    span, _ = convert(span, row.get("unit", ""))
    return span, "ratio"


def compare(a, b) -> Comparison:
    """Compare two statements (claims or reference rows) on the same subject."""
    sa, measure = _span_of(a)
    sb, _ = _span_of(b)
    if sa is None or sb is None:
        return Comparison(True, 0, measure or "none", comparable=False)
    if measure == "ratio" and TO_BASE.get(a.get("unit", ""), (a.get("unit", ""),))[0] != TO_BASE.get(b.get("unit", ""), (b.get("unit", ""),))[0]:
        return Comparison(True, 0, "ratio", comparable=False)
    if measure == "days":
        d = gap_days(sa, sb)
        return Comparison(d == 0, d, "days")
    r = ratio(sa, sb)
    return Comparison(r == 1.0, r, "ratio")


def severity(c: Comparison, minority: bool = False) -> str:
    if minority:
        return "minor"
    if c.measure == "days":
        return "minor" if c.difference <= MINOR_DAYS else "major"
    if c.measure == "ratio":
        return "minor" if c.difference < MINOR_RATIO else "major"
    return "major"


# ---------------------------------------------------------------- wording
def say_date(row) -> str:
    def fmt(text, precision):
        d = _day(text)
        if len(text) == 4 or precision == "year":
            return f"{d.year}"
        if len(text) == 7 or precision == "month":
            return d.strftime("%B %Y")
        return f"{d.day} {d.strftime('%B %Y')}"

    precision = row.get("date_precision", "day")
    if row.get("qualifier") == "by":
        return f"by {fmt(row['date'], precision)}"
    if row.get("date_end") and row["date_end"] != row["date"]:
        return f"between {fmt(row['date'], 'day')} and {fmt(row['date_end'], 'day')}"
    return fmt(row["date"], precision)


UNIT_WORDS = {"killed_or_wounded": "killed or wounded", "killed_or_missing": "killed or missing"}
QUALIFIER_WORDS = {"about": "about ", "nearly": "nearly ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to "}


def say_value(row) -> str:
    unit = UNIT_WORDS.get(row.get("unit", ""), row.get("unit", ""))
    if row.get("qualifier") == "unknown":
        return "not counted"
    if row.get("qualifier") == "order_of":
        return f"{ORDER_WORDS[round(math.log10(float(row['value_high']) + 1))]} {unit}".strip()
    if row.get("value_low") and row.get("value_high"):
        return f"{float(row['value_low']):,.0f} to {float(row['value_high']):,.0f} {unit}".strip()
    if not row.get("value"):
        return "no figure"
    return f"{QUALIFIER_WORDS.get(row.get('qualifier', ''), '')}{float(row['value']):,.0f} {unit}".strip()


def say(row) -> str:
    if row["category"] == "date":
        return say_date(row)
    if row["category"] in ("participation", "command"):
        return row.get("entity", "")
    return say_value(row)


CLASS_WORDS = {"official_or_academic": "an official or academic source", "encyclopedia": "an encyclopedia",
               "press": "a press source", "blog_or_forum": "a blog, forum or copy site"}
THE = {"United Kingdom", "United States"}


def the(label: str, capital: bool = False) -> str:
    """A source's label inside a sentence: 'the fan wiki', 'the US Army history'."""
    first = label.split()[0].strip("'")
    keep = first.isupper() or first in ("Russian", "Arabic", "English")
    phrase = "the " + (label if keep else label[0].lower() + label[1:] if label[0] != "'" else "'" + label[1].lower() + label[2:])
    return "T" + phrase[1:] if capital else phrase


def nation(name: str) -> str:
    return f"the {name}" if name in THE else name


def cite(ref) -> str:
    return f"{ref['reference_title']}, {CLASS_WORDS[ref['reliability']]},"


def direction(a_row, b_row, comp: "Comparison") -> str:
    """How a's value stands to b's: '5 days later', '4.6 times as large'."""
    sa, _ = _span_of(a_row)
    sb, _ = _span_of(b_row)
    # Differences are measured between the nearest ends of what each statement admits.
    ranged = "at least " if sa.lo != sa.hi or sb.lo != sb.hi else ""
    if comp.measure == "days":
        n = int(comp.difference)
        return f"{ranged}{n} day{'s' if n != 1 else ''} {'later' if sa.lo > sb.hi else 'earlier'}"
    if sa.lo > sb.hi:
        return f"{ranged}{comp.difference:.1f} times as large"
    return f"{ranged}{comp.difference:.1f} times smaller"


def say_difference(c: Comparison) -> str:
    if c.measure == "days":
        return f"{c.difference:.0f} day{'s' if c.difference != 1 else ''}"
    if c.measure == "ratio":
        return f"{c.difference:.1f} times"
    return ""


def _weaker_agree(refs) -> str:
    weaker = sorted({f"{r['reference_title']} ({CLASS_WORDS[r['reliability']]})" for r in refs})
    return f" Only weaker references agree with the source: {'; '.join(weaker)}."


# ---------------------------------------------------------------- the cross-examination
CONFLICT_COLUMNS = ["conflict_id", "subject", "kind", "severity", "claim_id", "source_id", "source", "claimed", "other",
                    "other_source", "other_value", "difference", "difference_unit", "reliability", "explanation"]
AGREEMENT_COLUMNS = ["source_id", "source", "subject", "category", "status", "claims", "references", "corroborated_by"]


def _records(df: pd.DataFrame) -> list[dict]:
    return df.fillna("").astype(str).to_dict("records")


class CrossExamination:
    def __init__(self, claims: pd.DataFrame, reference: pd.DataFrame, subjects: pd.DataFrame, registry: pd.DataFrame):
        self.claims = _records(claims)
        self.refs = _records(reference)
        self.subjects = {r["subject"]: r for r in _records(subjects)}
        self.label = dict(zip(registry["source_id"], registry["label"]))
        self.conflicts: list[dict] = []
        self.verdict: dict[str, tuple[str, list[str]]] = {}  # claim_id -> (agrees|conflicts|unverifiable, ref ids)
        self._run()

    # -- helpers
    def _by_subject(self, rows):
        out: dict[str, list[dict]] = {}
        for r in rows:
            out.setdefault(r["subject"], []).append(r)
        return out

    def _add(self, kind, claim, other_id, other_source, other_value, comp, sev, reliability, explanation):
        self.conflicts.append({
            "conflict_id": f"{claim['claim_id']}~{other_id}", "subject": claim["subject"], "kind": kind, "severity": sev,
            "claim_id": claim["claim_id"], "source_id": claim["source_id"], "source": self.label[claim["source_id"]],
            "claimed": say(claim), "other": other_id, "other_source": other_source, "other_value": other_value,
            "difference": "" if comp is None or comp.measure == "set" else (f"{comp.difference:.0f}" if comp.measure == "days" else f"{comp.difference:.2f}"),
            "difference_unit": "" if comp is None else comp.measure, "reliability": reliability, "explanation": explanation,
        })

    def _subject(self, claim) -> str:
        return self.subjects[claim["subject"]]["description"]

    # -- rules
    def _numeric_vs_reference(self, claim, refs):
        results = [(r, compare(claim, r)) for r in refs]
        results = [(r, c) for r, c in results if c.comparable]
        if not results:
            self.verdict[claim["claim_id"]] = ("unverifiable", [])
            return
        top = min(RELIABILITY_RANK[r["reliability"]] for r, _ in results)
        top_results = [(r, c) for r, c in results if RELIABILITY_RANK[r["reliability"]] == top]
        matched_top = [r["ref_id"] for r, c in top_results if c.agrees]
        matched_any = [r for r, c in results if c.agrees]
        if matched_top:
            self.verdict[claim["claim_id"]] = ("agrees", matched_top)
            return
        ref, comp = min(top_results, key=lambda rc: rc[1].difference)
        minority = bool(matched_any)
        self.verdict[claim["claim_id"]] = ("conflicts", [ref["ref_id"]])
        if comp.measure == "days":
            gap = f"The source's date is {direction(claim, ref, comp)}."
        elif direction(claim, ref, comp).endswith("as large"):
            gap = f"The source's figure is {direction(claim, ref, comp)}."
        else:
            gap = f"The reference's figure is {direction(ref, claim, comp)}."
        explanation = (f"{self._subject(claim)}: {the(self.label[claim['source_id']])} says {say(claim)}; "
                       f"{cite(ref)} says {say(ref)}. {gap}")
        if minority:
            explanation += _weaker_agree(matched_any)
        vague = claim["qualifier"] == "order_of"
        if vague:
            explanation += f" '{say_value(claim).capitalize()}' is a loose phrase, not a count, so this is a minor conflict."
        self._add("source_vs_reference", claim, ref["ref_id"], ref["reference_title"], say(ref), comp,
                  severity(comp, minority or vague), ref["reliability"], explanation)

    def _participation_vs_reference(self, claim, refs):
        """A named nation against the strongest references on it; weaker ones that confirm it make a conflict minor."""
        nation_ = NATION[claim["entity"]]
        about = [r for r in refs if NATION.get(r["entity"], r["entity"]) == nation_]
        if not about:
            self.verdict[claim["claim_id"]] = ("unverifiable", [])
            return
        top = min(RELIABILITY_RANK[r["reliability"]] for r in about)
        best = [r for r in about if RELIABILITY_RANK[r["reliability"]] == top]
        confirm = [r for r in best if r["stance"] == "took_part"]
        if confirm:
            self.verdict[claim["claim_id"]] = ("agrees", [confirm[0]["ref_id"]])
            return
        ref = best[0]
        weaker = [r for r in about if r["stance"] == "took_part"]
        self.verdict[claim["claim_id"]] = ("conflicts", [ref["ref_id"]])
        self._add("source_vs_reference", claim, ref["ref_id"], ref["reference_title"], f"{nation_}: not among the forces",
                  Comparison(False, 0, "set"), "minor" if weaker else "major", ref["reliability"],
                  f"{self._subject(claim)}: {the(self.label[claim['source_id']])} names {nation(nation_)}; "
                  f"the strongest reference, {cite(ref)} does not count it among them ({ref['description']})."
                  + (_weaker_agree(weaker) if weaker else ""))

    def _run(self):
        refs_by = self._by_subject(self.refs)
        claims_by = self._by_subject(self.claims)
        for subject, claims in claims_by.items():
            refs = refs_by.get(subject, [])
            for c in claims:
                if c["category"] == "participation":
                    self._participation_vs_reference(c, refs)
                elif c["category"] == "command":
                    self.verdict[c["claim_id"]] = ("unverifiable", [])
                else:
                    self._numeric_vs_reference(c, refs)
            self._between_sources(subject, claims, refs)
            self._within_sources(subject, claims)
        self._containment()

    def _between_sources(self, subject, claims, refs):
        by_source: dict[str, list[dict]] = {}
        for c in claims:
            by_source.setdefault(c["source_id"], []).append(c)
        for a, b in combinations(sorted(by_source), 2):
            ca, cb = by_source[a], by_source[b]
            category = ca[0]["category"]
            if category == "participation":
                continue  # a source silent about a nation does not contradict one that names it
            if category == "command":
                ea, eb = {c["entity"] for c in ca}, {c["entity"] for c in cb}
                if ea.isdisjoint(eb):
                    x, y = ca[0], cb[0]
                    self._add("source_vs_source", y, x["claim_id"], self.label[a], x["entity"], Comparison(False, 0, "set"), "minor", "",
                              f"{self._subject(y)}: {the(self.label[b])} names {', '.join(sorted(eb))}; "
                              f"{the(self.label[a])} names {', '.join(sorted(ea))}.")
                continue
            pairs = [(x, y, compare(x, y)) for x in ca for y in cb]
            pairs = [p for p in pairs if p[2].comparable]
            if not pairs or any(p[2].agrees for p in pairs):
                continue
            x, y, comp = min(pairs, key=lambda p: p[2].difference)
            # Report against the claim the references contradict, when only one is.
            x_bad = self.verdict.get(x["claim_id"], ("",))[0] == "conflicts"
            y_bad = self.verdict.get(y["claim_id"], ("",))[0] == "conflicts"
            claim, other = (x, y) if x_bad and not y_bad else (y, x)
            self._add("source_vs_source", claim, other["claim_id"], self.label[other["source_id"]], say(other), comp,
                      severity(comp), "",
                      f"{self._subject(claim)}: {the(self.label[claim['source_id']])} says {say(claim)}; "
                      f"{the(self.label[other['source_id']])} says {say(other)}. "
                      f"The first is {direction(claim, other, comp)}.")

    def _within_sources(self, subject, claims):
        by_source: dict[str, list[dict]] = {}
        for c in claims:
            by_source.setdefault(c["source_id"], []).append(c)
        for sid, cs in by_source.items():
            for x, y in combinations(cs, 2):
                if x["category"] in ("participation", "command"):
                    continue
                comp = compare(x, y)
                if comp.comparable and not comp.agrees:
                    self._add("internal", y, x["claim_id"], self.label[sid], say(x), comp, severity(comp), "",
                              f"{self._subject(y)}: {the(self.label[sid])} contradicts itself, "
                              f"saying {say(x)} in one place and {say(y)} in another.")

    def _containment(self):
        by_id = {c["claim_id"]: c for c in self.claims}
        for c in self.claims:
            period = by_id.get(c.get("within", ""))
            if not period or c["category"] != "date" or c["date"] == period["date"] and c.get("date_end") == period.get("date_end"):
                continue
            inner = date_span(c["date"], c.get("date_end", ""), c["date_precision"], c.get("qualifier", ""))
            outer = date_span(period["date"], period.get("date_end", ""), period["date_precision"], period.get("qualifier", ""))
            # Only an event certainly after the period's end contradicts it.
            if inner.lo > outer.hi:
                comp = Comparison(False, gap_days(inner, outer), "days")
                self._add("internal", c, period["claim_id"], self.label[c["source_id"]], say(period), comp, severity(comp), "",
                          f"{self._subject(c)}: {the(self.label[c['source_id']])} places this within a period it says ended "
                          f"{say(period)} ({self._subject(period).lower()}), yet dates it {say(c)}.")

    # -- outputs
    def conflict_table(self) -> pd.DataFrame:
        df = pd.DataFrame(self.conflicts, columns=CONFLICT_COLUMNS)
        order = {"internal": 0, "source_vs_source": 1, "source_vs_reference": 2}
        df = df.assign(_k=df["kind"].map(order), _s=df["severity"].map({"major": 0, "minor": 1}))
        return df.sort_values(["_s", "_k", "subject", "claim_id", "other"], kind="stable").drop(columns=["_k", "_s"]).reset_index(drop=True)

    def agreement_table(self) -> pd.DataFrame:
        conflicted = {c["claim_id"] for c in self.conflicts if c["kind"] != "source_vs_source"}
        rows = []
        claims_by = self._by_subject(self.claims)
        for sid in sorted(self.label):
            for subject in sorted(self.subjects):
                mine = [c for c in claims_by.get(subject, []) if c["source_id"] == sid]
                if not mine:
                    rows.append(dict(source_id=sid, source=self.label[sid], subject=subject,
                                     category=self.subjects[subject]["category"], status="silent", claims="",
                                     references="", corroborated_by=""))
                    continue
                ids = [c["claim_id"] for c in mine]
                verdicts = [self.verdict.get(i, ("unverifiable", []))[0] for i in ids]
                if any(i in conflicted for i in ids) or "conflicts" in verdicts:
                    status = "conflicts"
                elif "agrees" in verdicts:
                    status = "agrees"
                else:
                    status = "unverifiable"
                refs = sorted({r for i in ids for r in self.verdict.get(i, ("", []))[1]})
                others = self._corroborating(sid, mine, claims_by[subject])
                rows.append(dict(source_id=sid, source=self.label[sid], subject=subject, category=mine[0]["category"],
                                 status=status, claims=" ".join(ids), references=" ".join(refs), corroborated_by=" ".join(others)))
        return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)

    def _corroborating(self, sid, mine, all_claims):
        out = []
        for other_sid in sorted({c["source_id"] for c in all_claims} - {sid}):
            theirs = [c for c in all_claims if c["source_id"] == other_sid]
            if mine[0]["category"] in ("participation", "command"):
                key = (lambda c: NATION.get(c["entity"], c["entity"])) if mine[0]["category"] == "participation" else (lambda c: c["entity"])
                if {key(c) for c in mine} & {key(c) for c in theirs}:
                    out.append(other_sid)
                continue
            comps = [compare(x, y) for x in mine for y in theirs]
            if any(c.comparable and c.agrees for c in comps):
                out.append(other_sid)
        return out


def timeline(claims: pd.DataFrame, registry: pd.DataFrame, subjects: pd.DataFrame) -> pd.DataFrame:
    """One row per dated claim, in date order, with its words in both languages."""
    dated = claims[claims["date"] != ""].copy()
    reg = registry.set_index("source_id")
    desc = subjects.set_index("subject")["description"]
    spans = [date_span(r.date, r.date_end, r.date_precision, r.qualifier) for r in dated.itertuples()]
    out = pd.DataFrame({
        "claim_id": dated["claim_id"],
        "source_id": dated["source_id"],
        "source": dated["source_id"].map(reg["label"]),
        "language": dated["source_id"].map(reg["language"]),
        "subject": dated["subject"],
        "event": dated["subject"].map(desc),
        "category": dated["category"],
        "date": dated["date"],
        "date_end": dated["date_end"],
        "date_precision": dated["date_precision"],
        "qualifier": dated["qualifier"],
        "earliest": [dt.date.fromordinal(max(int(s.lo), 1)).isoformat() if s.lo > 1 else "" for s in spans],
        "latest": [dt.date.fromordinal(int(s.hi)).isoformat() for s in spans],
        "stated": [say_date(r) for r in _records(dated)],
        "quote": dated["quote"],
        "quote_en": dated["quote_en"],
        "translation": dated["translation"],
        "note": dated["note"],
    })
    return out.sort_values(["latest", "source_id", "claim_id"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- tidy tables for the figures
def claim_status(agreement: pd.DataFrame, conflicts: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """Status of each claim: its source's status on the subject, refined by the conflicts it is named in."""
    status = {}
    bad = set(conflicts.loc[conflicts["kind"] != "source_vs_source", "claim_id"])
    disputed = set(conflicts.loc[conflicts["kind"] == "source_vs_source", "claim_id"])
    verdicts = agreement.set_index(["source_id", "subject"])["status"]
    for r in claims.itertuples():
        s = verdicts.get((r.source_id, r.subject), "unverifiable")
        if r.claim_id in bad or r.claim_id in disputed:
            s = "conflicts"
        elif s == "conflicts":
            s = "agrees"  # another claim of the same source on this subject is the one in conflict
        status[r.claim_id] = s
    return pd.Series(status, name="status")


def figures_against_references(claims, reference, subjects, registry, status, categories) -> pd.DataFrame:
    """Every figure a source gives in the categories, beside every reference figure on the same subject."""
    desc = subjects.set_index("subject")["description"]
    label = registry.set_index("source_id")["label"]
    numeric = claims[claims["category"].isin(categories) & ((claims["value"] != "") | (claims["value_low"] != ""))]
    rows = []
    for subject in sorted(numeric["subject"].unique(), key=lambda s: (desc[s])):
        for r in _records(numeric[numeric["subject"] == subject]):
            span = value_span(r["value"], r["value_low"], r["value_high"], r["qualifier"] or "exact")
            rows.append(dict(subject=subject, panel=desc[subject], kind="source", id=r["claim_id"], who=label[r["source_id"]],
                             reliability="", low=span.lo, value=float(r["value"]) if r["value"] else float("nan"),
                             high=span.hi, unit=r["unit"], stated=say_value(r), status=status[r["claim_id"]],
                             quote=r["quote"], quote_en=r["quote_en"], url=""))
        for r in _records(reference[reference["subject"] == subject]):
            span = value_span(r["value"], r["value_low"], r["value_high"], r["qualifier"] or "exact")
            if span is None:
                continue
            rows.append(dict(subject=subject, panel=desc[subject], kind="reference", id=r["ref_id"], who=r["reference_title"],
                             reliability=r["reliability"], low=span.lo, value=float(r["value"]) if r["value"] else float("nan"),
                             high=span.hi, unit=r["unit"], stated=say_value(r), status="reference",
                             quote=r["excerpt"], quote_en=r["excerpt"], url=r["reference_url"]))
    return pd.DataFrame(rows)


def dated_claims_with_references(timeline: pd.DataFrame, reference: pd.DataFrame, status: pd.Series,
                                 conflicts: pd.DataFrame) -> pd.DataFrame:
    """The timeline, with each claim's status and, where it conflicts, the reference date it departs from."""
    ref_dates = reference.set_index("ref_id")["date"]
    other = {}
    for r in conflicts.itertuples():
        if r.kind == "source_vs_reference" and r.other in ref_dates.index and ref_dates[r.other]:
            other[r.claim_id] = (r.other, ref_dates[r.other])
    out = timeline.copy()
    out["status"] = out["claim_id"].map(status)
    out["reference_id"] = out["claim_id"].map(lambda c: other.get(c, ("", ""))[0])
    out["reference_date"] = out["claim_id"].map(lambda c: other.get(c, ("", ""))[1])
    return out


def join_words(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def agree_verb(n: int, singular: str, plural: str) -> str:
    """'1 does not', '2 do not', 'none does not' is avoided by the caller."""
    return f"{n} {singular if n == 1 else plural}"
