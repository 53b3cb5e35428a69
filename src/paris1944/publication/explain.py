"""Findings in words: what the source says, what the record says, and why it matters.

Built from the structured finding (its pairs, their comparison and reasons);
the analysis never reads these sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.windows import stated_span
from . import wording as w


@dataclass
class Context:
    """What the words need: claims and references by id, source labels, subject descriptions,
    reliability labels, and the examinations (for windows under each variant)."""

    claims: dict
    references: dict
    labels: dict
    subjects: dict
    classes: dict
    exams: dict

    def statement(self, some_id: str):
        return self.claims.get(some_id) or self.references[some_id]

    def says(self, some_id: str, variant: str) -> str:
        s = self.statement(some_id)
        return w.say(s, self.exams[variant].window(s))

    def who(self, some_id: str) -> str:
        if some_id in self.claims:
            return w.the(self.labels[self.claims[some_id].source_id])
        r = self.references[some_id]
        return f"{r.reference_title} ({self.classes[r.reliability]})"

    def topic(self, subject: str) -> str:
        return self.subjects[subject].description


def direction(pair) -> str:
    comp = pair.comparison
    if comp.measure == "days":
        n = int(comp.difference)
        return f"{n} day{'s' if n != 1 else ''} {'later' if comp.later else 'earlier'}"
    if comp.measure == "ratio":
        return f"{comp.difference:.1f} times {'as large' if comp.later else 'smaller'}"
    return ""


def explain(finding, ctx: Context) -> dict:
    """claimed, record and explanation of a finding, in words, under its headline variant."""
    v = finding.headline_variant
    pairs = finding.pairs[v]
    first = pairs[0]
    claim = ctx.claims[first.claim_id]
    source = w.the(ctx.labels[claim.source_id])
    topic = ctx.topic(finding.subject)
    claimed = ctx.says(first.claim_id, v)
    record = ctx.says(first.other_id, v)
    kind = finding.kind
    if kind == "source_vs_reference":
        ref = ctx.references[first.other_id]
        if "entity" in first.reasons:
            if claim.category == "participation":
                text = (
                    f"{topic}: {source} names {w.nation(claim.entity)}; the first-rank reference, {ctx.who(ref.ref_id)}, "
                    f"does not count it among them ({ref.description})."
                )
                record = f"{ref.entity}: not among them"
            else:
                text = f"{topic}: {source} names {claim.entity}; {ctx.who(ref.ref_id)} names {ref.entity} ({ref.description})."
        else:
            gap = direction(first)
            text = (
                f"{topic}: {source} says {claimed}; {ctx.who(ref.ref_id)} says {record}. "
                f"The source's {'date' if claim.category == 'date' else 'figure'} is {'at least ' if not _points(ctx, first, v) else ''}{gap}."
            )
        if "split_record" in first.reasons:
            weaker = sorted({ctx.who(r) for r in ctx.exams[v].verdicts[claim.claim_id].weaker if ctx.references[r].rank <= ctx.exams[v].split_rank})
            text += f" The record is split: weaker references side with the source ({'; '.join(weaker)})."
        if "loose_phrase" in first.reasons:
            text += f" '{w.sentence(claimed)}' is a loose phrase, not a count, so this is at most a minor error."
        others = sorted({p.other_id if p.claim_id in finding.claim_ids() else p.claim_id for p in finding.evidence.get(v, [])})
        if others:
            text += " " + w.sentence(w.join_words(f"{ctx.who(o)} says {ctx.says(o, v)}" for o in others)) + "."
    elif kind == "scope":
        ref = ctx.references[first.other_id]
        text = (
            f"{topic}: {source} gives {claimed}{_scope_words(claim)}; that is the figure {ctx.who(ref.ref_id)} gives "
            f"{_scope_words(ref).strip() or 'for another scope'}, a different place or period, so the figure is not "
            "checked for the source's own scope."
        )
        record = f"{record}{_scope_words(ref)}"
    elif kind == "internal":
        other = ctx.claims[first.other_id]
        if "containment" in first.reasons:
            text = (
                f"{topic}: {source} places this within a period it says ended {record} "
                f"({w.lower_first(ctx.topic(other.subject))}), yet dates it {claimed}."
            )
        elif "share" in first.reasons:
            whole = [c for c in ctx.claims.values() if c.source_id == claim.source_id and c.subject == ctx.subjects[claim.subject].whole_subject]
            whole_words = w.say(whole[0]) if whole else "its total"
            text = (
                f"{topic}: {source} says prisoners were {claimed} of the losses it counts ({whole_words}), "
                f"which would be more than {ctx.exams[v].window(whole[0]).lo * ctx.exams[v].window(claim).lo:,.0f}; "
                f"yet it also puts the prisoners at {record}. The two cannot both hold."
            )
        else:
            text = f"{topic}: {source} contradicts itself, saying {record} in one place and {claimed} in another."
    else:  # source_vs_source
        said = sorted({(c, ctx.says(c, v)) for p in pairs for c in (p.claim_id, p.other_id)})
        text = (
            f"{topic}: the sources disagree and no first-rank reference decides. "
            + "; ".join(f"{ctx.who(c)} says {words}" for c, words in said)
            + "."
        )
        claimed, record = said[0][1], said[-1][1]
    return {"claimed": claimed, "record": record, "explanation": text}


def _points(ctx: Context, pair, variant: str) -> bool:
    a = ctx.exams[variant].window(ctx.statement(pair.claim_id))
    b = ctx.exams[variant].window(ctx.statement(pair.other_id))
    return a is not None and b is not None and a.point() and b.point()


def _scope_words(s) -> str:
    """Where and when a figure counts, in words: ' in Paris and suburbs, 6 June to 31 August 1944'."""
    parts = []
    if s.scope_place:
        parts.append(f"in {s.scope_place}")
    start, end = s.scope_from or s.scope_to, s.scope_to or s.scope_from
    if start:
        parts.append(w.say_window(stated_span(start)[0], stated_span(end)[1]).replace("between ", "from ").replace(" and ", " to "))
    return (" " + ", ".join(parts)) if parts else ""
