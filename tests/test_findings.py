"""Findings (analysis/findings.py) and the editorial gate (analysis/review.py).

The first part builds small cases the way pipeline.py builds claims and references
(package.typed rows), runs the examination's steps under each variant and groups
and gathers their pairs into findings; the second runs the steps of a notebook
(analysis.steps) on a small ledger of the same rows, with reviews written into a
temporary data folder, to check the gate; the third checks properties of the
committed derived tables in data/derived/, and that they are exactly what the
pipeline produces now.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from builders import DATA, claim, day, o, one, pair, read_csv, ref, share_case, subjects_for

from paris1944 import pipeline
from paris1944 import vocabulary as v
from paris1944.analysis import review as gate_mod
from paris1944.analysis import steps
from paris1944.analysis.conventions import VARIANTS
from paris1944.analysis.examination import Examination, Pair
from paris1944.analysis.findings import FINDING_COLUMNS, Finding, gather, group
from paris1944.evidence import Evidence, package

DERIVED = DATA / "derived"
VOCABULARY = v.read(DATA)
KIND_ORDER = {r["kind"]: int(r["order"]) for r in read_csv(DATA / "vocabulary" / "finding_kinds.csv")}
GATES = [r["gate"] for r in read_csv(DATA / "vocabulary" / "gates.csv")]
CONSEQUENCES = {r["consequence"]: r["severity"] for r in read_csv(DATA / "vocabulary" / "consequences.csv")}
# The gate's codes (data/vocabulary/gates.csv); test_the_gates_are_the_gates_table checks them against the table.
PUBLISHED, NOT_SIGNED, REJECTED, INFERENCE_CHAIN, CONVENTION_EDGE = gate_mod.PUBLISHED, "not_signed", "rejected", "inference_chain", "convention_edge"
SUFFIX = {v.AGAINST_RECORD: "", v.SCOPE: "-scope", v.INTERNAL: "-internal", v.BETWEEN_SOURCES: "-sources"}


# ------------------------------------------------------------------ fixtures and builders
# table (data/conventions.csv keyed by convention), conventions and units are session fixtures of conftest.py;
# analysis (the pipeline's analysis of the real data) is this module's; claim, ref and the rest build typed rows
# (builders.py).
@pytest.fixture(scope="session")
def analysis() -> pipeline.Analysis:
    """The pipeline's analysis of the real data: each variant's tables by step, and the findings it writes."""
    return pipeline.analysis(DATA)


def examinations(conventions, units, claims, refs, subjects=None) -> dict[str, Examination]:
    """The examination of the statements under each variant, run."""
    subjects = subjects_for([*claims, *refs], subjects)
    return {x: Examination(list(claims), list(refs), subjects, {}, units, conventions, x, VOCABULARY).run() for x in VARIANTS}


def across(exams: dict[str, Examination], claims) -> list[Finding]:
    """The test's own combiner of the variants: one Finding per key, with each variant's proof and corroboration as
    findings.group gives them (the pipeline combines the variants' findings tables the same way, by finding_id)."""
    by_id = {c.claim_id: c for c in claims}
    out: dict[tuple, Finding] = {}
    for x in VARIANTS:
        for key, (proof, corroboration) in group(exams[x].pairs, by_id).items():
            f = out.setdefault(key, Finding(key))
            f.pairs[x], f.evidence[x] = proof, corroboration
    return sorted(out.values(), key=lambda f: (KIND_ORDER[f.kind], f.finding_id))


def run(conventions, units, claims, refs, subjects=None) -> tuple[list[Finding], dict[str, Examination]]:
    exams = examinations(conventions, units, claims, refs, subjects)
    return across(exams, claims), exams


def gathered(conventions, units, claims, refs, subjects=None) -> dict[str, pd.DataFrame]:
    """Each variant's findings table, by the steps one at a time: match, decide, cross_check, gather."""
    subjects = subjects_for([*claims, *refs], subjects)
    by_id = {c.claim_id: c for c in claims}
    out = {}
    for x in VARIANTS:
        e = Examination(list(claims), list(refs), subjects, {}, units, conventions, x, VOCABULARY)
        verdicts = e.decide(claims, e.match(claims))
        out[x] = gather(verdicts, e.cross_check(claims, verdicts), by_id)
    return out


def held(variants) -> str:
    """The test's own wording of robustness: the variants it holds under, in the table's order."""
    return " ".join(x for x in VARIANTS if x in variants)


def statuses(exams, claim_id) -> list[str]:
    return [exams[x].verdicts[claim_id].status for x in VARIANTS]


# ------------------------------------------------------------------ a finding
def test_a_finding_id_is_its_source_number_its_subject_and_its_kind():
    source = "004_58820600d2b39b52"
    assert Finding((v.AGAINST_RECORD, source, "main_entry_into_paris")).finding_id == "F-004-main_entry_into_paris"
    assert Finding((v.SCOPE, "002_3a15b560a6a0dcb7", "bastille_day_demonstrators")).finding_id == "F-002-bastille_day_demonstrators-scope"
    assert Finding((v.INTERNAL, source, "german_prisoners_share_normandy")).finding_id == "F-004-german_prisoners_share_normandy-internal"
    assert Finding((v.BETWEEN_SOURCES, "", "main_entry_into_paris")).finding_id == "F-main_entry_into_paris-sources"
    # nothing but the key: the same finding has the same id under every variant, whatever pairs prove it
    p = Pair(v.AGAINST_RECORD, "C004-35", "D-82", None)
    assert (
        Finding((v.AGAINST_RECORD, source, "x"), {"strict": [p]}).finding_id == Finding((v.AGAINST_RECORD, source, "x"), {"loose": [p, p]}).finding_id
    )


def test_robustness_is_the_variants_it_holds_under_in_order():
    p = Pair(v.AGAINST_RECORD, "C1", "R1", None)
    f = Finding((v.AGAINST_RECORD, "S1", "event"), {"loose": [p], "strict": [p], "default": []})
    assert f.variants == ["strict", "loose"]  # in the table's order; a variant with no pair does not count
    assert f.robustness == "strict loose"
    assert f.headline_variant == "strict"
    every = Finding(f.key, {x: [p] for x in reversed(VARIANTS)})
    assert every.variants == list(VARIANTS) and every.robustness == " ".join(VARIANTS) == "strict default loose"
    assert every.headline_variant == "default"


# ------------------------------------------------------------------ synthetic cases
@pytest.mark.parametrize("gap", [1, 10])
def test_a_date_off_the_first_rank_reference_is_one_finding_under_every_variant(gap, conventions, units):
    """One day off or ten: one finding, the same under every variant; its severity waits for a reviewer."""
    claims, refs = [claim("C1", date=day("1944-08-25", gap))], [ref("R1", date="1944-08-25")]
    fs, exams = run(conventions, units, claims, refs)
    assert len(fs) == 1
    f = fs[0]
    assert f.key == (v.AGAINST_RECORD, "S1", "event") and f.kind == v.AGAINST_RECORD
    assert (f.finding_id, f.claim_ids(), f.evidence_ids()) == ("F-S1-event", ["C1"], ["R1"])
    assert f.variants == list(VARIANTS) and f.robustness == "strict default loose"
    assert f.headline_variant == "default"
    assert not hasattr(f, "severity")
    tables = gathered(conventions, units, claims, refs)
    for x in VARIANTS:
        assert list(tables[x].columns) == FINDING_COLUMNS
        assert tables[x].to_dict("records") == [
            {
                "finding_id": "F-S1-event",
                "kind": v.AGAINST_RECORD,
                "source_id": "S1",
                "subject": "event",
                "claim_ids": "C1",
                "evidence": "R1",
                "verdict_reference": "R1",
                "difference": gap,
                "measure": v.DAYS,
                "later": True,
                "reasons": "",
            }
        ]


def test_a_claim_matching_a_first_rank_reference_makes_no_finding(conventions, units):
    claims, refs = [claim("C1", date="1944-08-25")], [ref("R1", date="1944-08-25")]
    fs, exams = run(conventions, units, claims, refs)
    assert fs == []
    assert set(statuses(exams, "C1")) == {v.AGREES}
    assert all(t.empty and list(t.columns) == FINDING_COLUMNS for t in gathered(conventions, units, claims, refs).values())


def test_a_claim_contradicted_only_by_weaker_references_is_no_finding(conventions, units):
    refs = [ref("W2", date="1944-08-25", rank=2), ref("W3", date="1944-08-25", rank=3)]
    fs, exams = run(conventions, units, [claim("C1", date="1944-08-30")], refs)
    assert fs == []
    assert set(statuses(exams, "C1")) == {v.UNVERIFIABLE}


def test_a_source_silent_on_something_is_not_in_conflict(conventions, units):
    claims = [
        claim("A1", source="A", subject="took_part", category="participation", entity="United States"),
        claim("B1", source="B", subject="took_part", category="participation", entity="United Kingdom"),
        claim("A2", source="A", date="1944-08-25"),
    ]
    fs, exams = run(conventions, units, claims, [ref("R1", date="1944-08-25")])
    assert fs == []
    assert all(e.pairs == [] for e in exams.values())


def crowd(claim_id="C1", **kw):
    """C002-07 in small: nearly 100,000 in Paris on 14 July."""
    return claim(
        claim_id,
        subject="crowd",
        category="count",
        unit="people",
        expression="nearly",
        value=100000,
        scope_place="Paris",
        scope_from="1944-07-14",
        scope_to="1944-07-14",
        **kw,
    )


def crowd_ref(ref_id="R1"):
    """DAT-28.2 in small: about 100,000 in Paris and suburbs."""
    return ref(ref_id, subject="crowd", category="count", unit="people", expression="about", value=100000, scope_place="Paris and suburbs")


def test_a_figure_whose_only_reference_counts_another_place_is_a_scope_finding(conventions, units):
    fs, exams = run(conventions, units, [crowd()], [crowd_ref()])
    assert [(f.kind, f.finding_id, f.robustness) for f in fs] == [(v.SCOPE, "F-S1-crowd-scope", "strict default loose")]
    assert fs[0].evidence_ids() == ["C1", "R1"]
    assert set(statuses(exams, "C1")) == {v.OTHER_SCOPE}
    row = gathered(conventions, units, [crowd()], [crowd_ref()])["default"].iloc[0]
    assert (row["verdict_reference"], row["measure"], row["reasons"], row["difference"]) == ("R1", "scope", "scope", 0)


def test_a_figure_counted_to_another_date_is_a_scope_finding_where_scope_dates_says_so(table, conventions, units):
    gap = int(one(table, "scope_dates", "default")) + 1
    c = claim("C1", subject="strength", category="troops", unit="men", value=2000000, scope_place="Normandy", scope_to="1944-08-20")
    r = ref("R1", subject="strength", category="troops", unit="men", value=2000000, scope_place="Normandy", scope_to=day("1944-08-20", gap))
    fs, exams = run(conventions, units, [c], [r])
    expected = [x for x in VARIANTS if gap > one(table, "scope_dates", x)]
    assert expected, "the case must make a finding under some variant"
    assert [f.kind for f in fs] == [v.SCOPE]
    assert fs[0].variants == expected and fs[0].robustness == held(expected)
    assert statuses(exams, "C1") == [v.OTHER_SCOPE if x in expected else v.AGREES for x in VARIANTS]


def share_holds(table, variant, amount=10000) -> bool:
    """The test's own arithmetic: whether the share_case claims (C004-22 + C004-38 in small) contradict each other."""
    _, _, implied_lo, part_hi = share_case(table, variant, amount)
    return part_hi < implied_lo


def test_a_share_its_own_figures_cannot_hold_is_one_internal_finding(table, conventions, units):
    claims, subjects, _, _ = share_case(table, "default")
    expected = [x for x in VARIANTS if share_holds(table, x)]
    assert "default" in expected, "the case must contradict under the default conventions"
    fs, _ = run(conventions, units, claims, [], subjects)
    assert [(f.kind, f.finding_id, f.claim_ids()) for f in fs] == [(v.INTERNAL, "F-S1-pow_share-internal", ["P", "S"])]
    assert fs[0].key == (v.INTERNAL, "S1", "pow_share")
    assert fs[0].variants == expected and fs[0].robustness == held(expected)
    assert [(p.claim_id, p.other_id, p.reasons) for p in fs[0].pairs["default"]] == [("S", "P", ("part_of_whole",))]
    # 'hundreds of thousands' of prisoners can be most of 450,000: no finding
    more, _, _, _ = share_case(table, "default", 100000)
    assert not any(share_holds(table, x, 100000) for x in VARIANTS)
    assert run(conventions, units, more, [], subjects)[0] == []


def test_a_share_whose_part_the_record_contradicts_is_evidence_for_that_finding(table, conventions, units):
    """As F-004-german_prisoners_normandy: the prisoners conflict with a first-rank figure, and the share that
    the source's own figures cannot hold is evidence for that finding, not a second one."""
    claims, subjects, _, _ = share_case(table, "default")
    pows = ref("R1", subject="pows", category="casualties", unit="captured", expression="about", value=200000)
    fs, exams = run(conventions, units, claims, [pows], subjects)
    assert [(f.kind, f.finding_id, f.claim_ids()) for f in fs] == [(v.AGAINST_RECORD, "F-S1-pows", ["P"])]
    assert fs[0].evidence_ids() == ["R1", "S"]
    for x in fs[0].variants:
        assert [(p.kind, p.claim_id, p.other_id) for p in fs[0].evidence[x]] == ([(v.INTERNAL, "S", "P")] if share_holds(table, x) else [])


def test_one_wrong_date_contradicted_by_several_references_and_sources_is_one_finding(conventions, units):
    """As F-004-main_entry_into_paris: 30 August against 25 August in three references and three other sources."""
    claims = [
        claim("X1", source="X", date="1944-08-30"),
        claim("A1", source="A", date="1944-08-25"),
        claim("B1", source="B", date="1944-08-25", expression="by"),
        claim("C1", source="C", date="1944-08-25"),
    ]
    refs = [ref("R1", date="1944-08-25"), ref("R2", date="1944-08-24"), ref("R3", date="1944-08-25"), ref("W1", date="1944-08-25", rank=3)]
    fs, exams = run(conventions, units, claims, refs)
    assert len(fs) == 1
    f = fs[0]
    assert (f.kind, f.finding_id, f.claim_ids()) == (v.AGAINST_RECORD, "F-X-event", ["X1"])
    assert f.evidence_ids() == ["A1", "B1", "C1", "R1"]  # the nearest first-rank reference and every other source
    for x in VARIANTS:
        assert [p.kind for p in f.pairs[x]] == [v.AGAINST_RECORD]
        assert sorted((p.kind, p.claim_id, p.other_id) for p in f.evidence[x]) == [
            (v.BETWEEN_SOURCES, "X1", "A1"),
            (v.BETWEEN_SOURCES, "X1", "B1"),
            (v.BETWEEN_SOURCES, "X1", "C1"),
        ]
        assert {c: exams[x].verdicts[c].status for c in ("X1", "A1", "B1", "C1")} == {
            "X1": v.CONFLICTS,
            "A1": v.AGREES,
            "B1": v.AGREES,
            "C1": v.AGREES,
        }
    table = gathered(conventions, units, claims, refs)["default"]
    assert list(zip(table["finding_id"], table["evidence"])) == [("F-X-event", "A1 B1 C1 R1")]


def test_sources_that_disagree_where_no_reference_decides_make_one_finding_per_subject(conventions, units):
    claims = [claim("A1", source="A", date="1944-08-20"), claim("B1", source="B", date="1944-08-25"), claim("C1", source="C", date="1944-08-30")]
    fs, _ = run(conventions, units, claims, [])
    assert [(f.kind, f.key, f.finding_id, f.claim_ids()) for f in fs] == [
        (v.BETWEEN_SOURCES, (v.BETWEEN_SOURCES, "", "event"), "F-event-sources", ["A1", "B1", "C1"])
    ]
    assert len(fs[0].pairs["default"]) == 3  # three pairs, one finding
    row = gathered(conventions, units, claims, [])["default"].iloc[0]
    assert (row["finding_id"], row["claim_ids"], row["verdict_reference"]) == ("F-event-sources", "A1 B1 C1", "")
    assert row["source_id"] in {"A", "B", "C"}


def test_months_before_robustness_follows_the_table(table, conventions, units):
    """As F-003-normandy_landings_begin: 'two months earlier' than 19 August, against D-Day on 6 June."""
    anchor = claim("C0", subject="anchor", date="1944-08-19")
    c = claim("C1", expression="months_before", anchor="C0", amount=2)
    fs, _ = run(conventions, units, [anchor, c], [ref("R1", date="1944-06-06")])
    expected = []
    for x in VARIANTS:
        lo = math.floor(o("1944-06-19") - one(table, "months_before", x) * 2 * 365.25 / 12)
        if lo - o("1944-06-06") > 0:
            expected.append(x)
    assert expected and expected != list(VARIANTS), "the case must separate the variants"
    assert len(fs) == 1
    assert fs[0].variants == expected and fs[0].robustness == held(expected)


def test_weeks_before_robustness_follows_the_table(table, conventions, units):
    """As F-003-hitler_orders_crush_uprising: 'a few weeks earlier' than 19 August, against 'after 7 August'."""
    anchor = claim("C0", subject="anchor", date="1944-08-19")
    c = claim("C1", expression="weeks_before", anchor="C0")
    fs, _ = run(conventions, units, [anchor, c], [ref("R1", date="1944-08-07", expression="after")])
    expected = [x for x in VARIANTS if o("1944-08-07") - (o("1944-08-19") - 7 * pair(table, "weeks_before", x)[0]) > 0]
    assert expected and expected != list(VARIANTS)
    assert len(fs) == 1 and fs[0].variants == expected
    assert fs[0].robustness == held(expected)


def mixed_case():
    """Findings of every kind, and a claim that makes none."""
    claims = [
        claim("M1", subject="zulu", date="1944-08-30"),
        claim("N1", subject="alpha", date=day("1944-08-25", 1)),
        claim("OK", subject="fine", date="1944-08-25"),
        claim("I1", subject="twice", date="1944-08-01", source="S2"),
        claim("I2", subject="twice", date="1944-08-10", source="S2"),
        claim("A1", subject="disputed", date="1944-08-01", source="A"),
        claim("B1", subject="disputed", date="1944-08-10", source="B"),
        crowd("K1"),
    ]
    refs = [
        ref("RM", subject="zulu", date="1944-08-25"),
        ref("RN", subject="alpha", date="1944-08-25"),
        ref("RF", subject="fine", date="1944-08-25"),
        crowd_ref("RK"),
    ]
    return claims, refs


def test_gather_orders_findings_by_kind_then_id(conventions, units):
    claims, refs = mixed_case()
    t = gathered(conventions, units, claims, refs)["default"]
    assert list(t["finding_id"]) == ["F-S1-alpha", "F-S1-zulu", "F-S2-twice-internal", "F-S1-crowd-scope", "F-disputed-sources"]
    keys = [(KIND_ORDER[k], fid) for k, fid in zip(t["kind"], t["finding_id"])]
    assert keys == sorted(keys)
    assert list(t.index) == list(range(len(t)))


def test_gather_and_group_find_the_same_findings(conventions, units):
    claims, refs = mixed_case()
    fs, _ = run(conventions, units, claims, refs)
    tables = gathered(conventions, units, claims, refs)
    for x in VARIANTS:
        mine = [f for f in fs if x in f.variants]
        assert [(f.finding_id, f.kind, " ".join(f.claim_ids())) for f in mine] == list(
            zip(tables[x]["finding_id"], tables[x]["kind"], tables[x]["claim_ids"])
        )


def test_group_keys_each_pair_by_the_finding_it_proves_or_corroborates(conventions, units):
    claims, refs = mixed_case()
    claims = [*claims, claim("M2", subject="zulu", source="S3", date="1944-08-25")]  # agrees with RM, disagrees with M1
    pairs = examinations(conventions, units, claims, refs)["default"].pairs
    grouped = group(pairs, {c.claim_id: c for c in claims})
    assert set(grouped) == {
        (v.AGAINST_RECORD, "S1", "zulu"),
        (v.AGAINST_RECORD, "S1", "alpha"),
        (v.INTERNAL, "S2", "twice"),
        (v.SCOPE, "S1", "crowd"),
        (v.BETWEEN_SOURCES, "", "disputed"),
    }
    proof, corroboration = grouped[v.AGAINST_RECORD, "S1", "zulu"]
    assert [(p.kind, p.claim_id, p.other_id) for p in proof] == [(v.AGAINST_RECORD, "M1", "RM")]
    assert [(p.kind, p.claim_id, p.other_id) for p in corroboration] == [(v.BETWEEN_SOURCES, "M1", "M2")]
    assert grouped[v.BETWEEN_SOURCES, "", "disputed"][1] == []
    # every pair is in one group, as proof or corroboration
    assert sorted(map(repr, pairs)) == sorted(repr(p) for proof, more in grouped.values() for p in [*proof, *more])


def test_a_finding_that_holds_under_the_default_only_has_a_robustness(table, conventions, units):
    """Scope and windows pull in opposite directions: under strict the reference is of another period
    (scope_dates), under loose the wider windows meet, and only the default finds a conflict."""
    c = claim("C1", subject="strength", category="troops", unit="men", value=100000, scope_place="Normandy", scope_to="1944-08-20")
    r = ref("R1", subject="strength", category="troops", unit="men", value=120000, expression="about", scope_place="Normandy", scope_to="1944-08-22")
    fs, exams = run(conventions, units, [c], [r])
    assert statuses(exams, "C1") == [v.OTHER_SCOPE, v.CONFLICTS, v.AGREES]
    assert len(fs) == 1 and fs[0].variants == ["default"]
    assert fs[0].robustness == "default"


def test_one_wrong_date_of_a_source_that_also_gives_the_right_one_is_one_finding(conventions, units):
    claims = [claim("C1", date="1944-08-25"), claim("C2", date="1944-08-30")]
    fs, exams = run(conventions, units, claims, [ref("R1", date="1944-08-25")])
    assert exams["default"].verdicts["C1"].status == v.AGREES
    assert exams["default"].verdicts["C2"].status == v.CONFLICTS
    # one error (C2); C1 agrees with the record and is no claim in error; the contradiction is its evidence
    assert [(f.finding_id, f.claim_ids()) for f in fs] == [("F-S1-event", ["C2"])]
    assert [(p.kind, p.claim_id, p.other_id) for p in fs[0].evidence["default"]] == [(v.INTERNAL, "C2", "C1")]


# ------------------------------------------------------------------ the editorial gate, on a small ledger
def _cells(record, table: str) -> dict[str, str]:
    """A typed record as the strings of its table's row."""
    out = {}
    for name in package.columns(table):
        value = getattr(record, name)
        out[name] = "" if value is None else str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return out


def _write(path: Path, table: str, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=package.columns(table), lineterminator="\n")
        w.writeheader()
        w.writerows({k: r.get(k, "") for k in package.columns(table)} for r in rows)


def ledger(folder: Path, conventions, units, claims, refs, reviews=(), subjects=None, claim_reviews=()) -> Evidence:
    """The evidence of a small data folder: the claims and references given (as the pipeline reads them, strings
    and typed records), the project's conventions, units and vocabulary, and the reviews written to
    finding_reviews.csv in the folder (with empty upstream tables: no upstream is identified)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "finding_reviews.csv", "finding_reviews", list(reviews))
    _write(folder / "claim_reviews.csv", "claim_reviews", list(claim_reviews))
    for table in ("upstreams", "upstream_readings"):
        _write(folder / package.relative_path(table), table, [])
    e = Evidence(folder)
    e.claims = pd.DataFrame([_cells(c, "claims") for c in claims], columns=package.columns("claims"), dtype=str)
    e.references = pd.DataFrame([_cells(r, "reference") for r in refs], columns=package.columns("reference"), dtype=str)
    e.claim_records = {c.claim_id: c for c in claims}
    e.statements = {**e.claim_records, **{r.ref_id: r for r in refs}}
    e.subjects = subjects_for([*claims, *refs], subjects)
    e.entities, e.units, e.conventions, e.vocabulary = {}, units, conventions, VOCABULARY
    return e


def examined(folder, conventions, units, claims, refs, reviews=(), variant="default", subjects=None) -> dict[str, pd.DataFrame]:
    """Every step of a notebook (analysis.steps.examine) on the small ledger, under one variant."""
    return steps.examine(ledger(folder, conventions, units, claims, refs, reviews, subjects), variant)


def sign(finding: pd.Series | dict, consequence_kind="wrong_day", outcome=gate_mod.SIGNED, fingerprint=None) -> dict:
    return {
        "finding_id": finding["finding_id"],
        "fingerprint": fingerprint or finding["fingerprint"],
        "review_id": "RV-T1",
        "outcome": outcome,
        "consequence_kind": consequence_kind,
        "consequence": "A reader would hold the wrong day.",
        "note": "",
    }


def one_finding(tables) -> dict:
    assert len(tables["findings"]) == 1, tables["findings"]
    return tables["findings"].iloc[0].to_dict()


def outcome_of(tables, claim_id) -> str:
    return tables["verdicts"].set_index("claim_id").loc[claim_id, "outcome"]


WRONG_DAY = ([claim("C1", date="1944-08-30"), claim("C9", subject="other", date="1944-08-01")], [ref("R1", date="1944-08-25")])


def test_the_gates_are_the_gates_table():
    assert GATES[0] == PUBLISHED
    assert set(GATES) == {PUBLISHED, NOT_SIGNED, REJECTED, INFERENCE_CHAIN, CONVENTION_EDGE}
    assert set(package.enum("findings", "gate")) == set(GATES)


def test_a_finding_no_review_signs_is_not_published(tmp_path, conventions, units):
    t = examined(tmp_path, conventions, units, *WRONG_DAY)
    f = one_finding(t)
    assert (f["finding_id"], f["holds"], f["steps"]) == ("F-S1-event", "strict default loose", 0)
    assert re.fullmatch(r"[0-9a-f]{12}", f["fingerprint"])
    assert (f["review_id"], f["outcome"], f["consequence_kind"], f["severity"]) == ("", "", "", "")
    assert f["gate"] == NOT_SIGNED
    assert outcome_of(t, "C1") == v.UNDER_REVIEW
    assert outcome_of(t, "C9") == v.UNVERIFIABLE  # a claim in no finding is told its verdict
    assert t["verdicts"].set_index("claim_id").loc["C1", "finding_id"] == "F-S1-event"


@pytest.mark.parametrize("consequence_kind", sorted(CONSEQUENCES))
def test_a_finding_is_published_when_a_signed_review_matches_its_fingerprint(consequence_kind, tmp_path, conventions, units):
    f = one_finding(examined(tmp_path / "unsigned", conventions, units, *WRONG_DAY))
    t = examined(tmp_path / "signed", conventions, units, *WRONG_DAY, reviews=[sign(f, consequence_kind)])
    signed = one_finding(t)
    assert signed["fingerprint"] == f["fingerprint"]
    assert (signed["review_id"], signed["outcome"], signed["consequence_kind"]) == ("RV-T1", gate_mod.SIGNED, consequence_kind)
    assert signed["severity"] == CONSEQUENCES[consequence_kind]  # the rubric sets the severity, not the gap
    assert signed["gate"] == PUBLISHED
    assert outcome_of(t, "C1") == v.IN_ERROR
    assert outcome_of(t, "C9") == v.UNVERIFIABLE


def test_a_review_of_another_fingerprint_or_a_rejection_does_not_publish(tmp_path, conventions, units):
    f = one_finding(examined(tmp_path / "unsigned", conventions, units, *WRONG_DAY))
    stale = examined(tmp_path / "stale", conventions, units, *WRONG_DAY, reviews=[sign(f, fingerprint="0" * 12)])
    assert (one_finding(stale)["gate"], one_finding(stale)["review_id"]) == (NOT_SIGNED, "")
    assert outcome_of(stale, "C1") == v.UNDER_REVIEW
    rejected = examined(tmp_path / "rejected", conventions, units, *WRONG_DAY, reviews=[sign(f, outcome="rejected")])
    r = one_finding(rejected)
    assert (r["gate"], r["review_id"], r["outcome"], r["severity"]) == (REJECTED, "RV-T1", "rejected", "")
    assert outcome_of(rejected, "C1") == v.WITHHELD  # read on review and refused: not an error, not decided


def test_a_changed_claim_sends_a_signed_finding_back_under_review(tmp_path, conventions, units):
    claims, refs = WRONG_DAY
    f = one_finding(examined(tmp_path / "first", conventions, units, claims, refs))
    review = sign(f)
    assert one_finding(examined(tmp_path / "signed", conventions, units, claims, refs, [review]))["gate"] == PUBLISHED
    # the source's claim now says the 31st: the same finding (its id is stable), but not what the reviewer signed
    moved = [claim("C1", date="1944-08-31"), claims[1]]
    t = examined(tmp_path / "moved", conventions, units, moved, refs, [review])
    g = one_finding(t)
    assert g["finding_id"] == f["finding_id"] and g["fingerprint"] != f["fingerprint"]
    assert (g["gate"], g["review_id"], g["severity"]) == (NOT_SIGNED, "", "")
    assert outcome_of(t, "C1") == v.UNDER_REVIEW
    # so does a change to the deciding reference
    reworded = [ref("R1", date="1944-08-25", excerpt="another excerpt")]
    assert one_finding(examined(tmp_path / "reworded", conventions, units, claims, reworded, [review]))["gate"] == NOT_SIGNED
    # a claim outside the finding changes nothing
    elsewhere = [claims[0], claim("C9", subject="other", date="1944-08-02")]
    assert one_finding(examined(tmp_path / "elsewhere", conventions, units, elsewhere, refs, [review]))["gate"] == PUBLISHED


def chain(links: int, expression="stated"):
    """A date counted from a date (links times: 'the next day' of 'the next day' of 19 August), against a first-rank
    reference it misses by days; the reference states its day, or only bounds the event ('after')."""
    claims = [claim("C0", subject="event" if links == 0 else "anchor0", date="1944-08-19")]
    for i in range(1, links + 1):
        claims.append(claim(f"C{i}", subject="event" if i == links else f"anchor{i}", expression="next_day", anchor=f"C{i - 1}"))
    return claims, [ref("R1", date="1944-08-30" if expression == "stated" else "1944-08-28", expression=expression)]


@pytest.mark.parametrize(
    "links, expression, steps_expected, gate",
    [
        (1, "stated", 1, PUBLISHED),
        (2, "stated", 2, INFERENCE_CHAIN),
        (1, "after", 2, INFERENCE_CHAIN),  # a reference that only bounds the event is one more step
        (0, "after", 1, PUBLISHED),
    ],
)
def test_more_than_one_step_of_inference_is_not_published(links, expression, steps_expected, gate, tmp_path, conventions, units):
    claims, refs = chain(links, expression)
    f = one_finding(examined(tmp_path / "first", conventions, units, claims, refs))
    assert f["holds"] == "strict default loose" and f["claim_ids"] == claims[-1].claim_id
    assert f["steps"] == steps_expected
    evidence = ledger(tmp_path / "ledger", conventions, units, claims, refs)
    assert gate_mod.inferences(f, evidence) == steps_expected
    assert gate_mod.steps(claims[-1].claim_id, evidence) == links
    t = examined(tmp_path / "signed", conventions, units, claims, refs, [sign(f)])
    assert one_finding(t)["gate"] == gate
    assert outcome_of(t, claims[-1].claim_id) == (v.IN_ERROR if gate == PUBLISHED else v.UNDER_REVIEW)


def test_a_finding_that_does_not_hold_under_every_variant_is_not_published(tmp_path, conventions, units):
    """The finding of test_a_finding_that_holds_under_the_default_only_has_a_robustness, signed: it rests on the edge
    of a window a convention set."""
    c = claim("C1", subject="strength", category="troops", unit="men", value=100000, scope_place="Normandy", scope_to="1944-08-20")
    r = ref("R1", subject="strength", category="troops", unit="men", value=120000, expression="about", scope_place="Normandy", scope_to="1944-08-22")
    f = one_finding(examined(tmp_path / "first", conventions, units, [c], [r]))
    assert (f["holds"], f["steps"], f["gate"]) == ("default", 0, NOT_SIGNED)
    t = examined(tmp_path / "signed", conventions, units, [c], [r], [sign(f, "wrong_figure")])
    g = one_finding(t)
    assert (g["outcome"], g["severity"], g["gate"]) == (gate_mod.SIGNED, CONSEQUENCES["wrong_figure"], CONVENTION_EDGE)
    assert outcome_of(t, "C1") == v.UNDER_REVIEW
    assert g["conventions"].split() and set(g["conventions"].split()) <= {"exact", "about", "scope_dates"}


def test_a_finding_under_another_variant_is_gated_in_that_variants_table(tmp_path, conventions, units):
    """'Two months earlier' (F-003-normandy_landings_begin in small) holds under some variants only: it never
    reaches publication, and where it does not hold the claim is told its verdict."""
    anchor = claim("C0", subject="anchor", date="1944-08-19")
    claims, refs = [anchor, claim("C1", expression="months_before", anchor="C0", amount=2)], [ref("R1", date="1944-06-06")]
    folder = tmp_path / "ledger"
    first = {x: examined(folder / x, conventions, units, claims, refs, variant=x) for x in VARIANTS}
    holding = [x for x in VARIANTS if len(first[x]["findings"])]
    assert holding and holding != list(VARIANTS)
    f = first[holding[0]]["findings"].iloc[0]
    for x in VARIANTS:
        t = examined(folder / f"signed-{x}", conventions, units, claims, refs, [sign(f)], variant=x)
        if x in holding:
            g = one_finding(t)
            assert (g["holds"], g["gate"]) == (" ".join(holding), CONVENTION_EDGE)
            assert outcome_of(t, "C1") == v.UNDER_REVIEW
        else:
            # it agrees under this reading and conflicts under another: a reader is told neither
            assert t["findings"].empty
            assert outcome_of(t, "C1") == v.DEPENDS


def test_claims_in_a_disagreement_between_sources_keep_their_verdict(tmp_path, conventions, units):
    claims = [claim("A1", source="A", date="1944-08-01"), claim("B1", source="B", date="1944-08-10")]
    f = one_finding(examined(tmp_path / "first", conventions, units, claims, []))
    assert (f["finding_id"], f["kind"]) == ("F-event-sources", v.BETWEEN_SOURCES)
    t = examined(tmp_path / "signed", conventions, units, claims, [], [sign(f)])
    assert one_finding(t)["gate"] == PUBLISHED
    verdicts = t["verdicts"].set_index("claim_id")
    assert list(verdicts.loc[["A1", "B1"], "outcome"]) == [v.UNVERIFIABLE, v.UNVERIFIABLE]
    assert list(verdicts.loc[["A1", "B1"], "finding_id"]) == ["", ""]


def test_a_published_contradiction_within_a_source_names_neither_claim_in_error(tmp_path, conventions, units):
    """Two claims that cannot both hold: one is wrong, the finding cannot say which; each keeps its verdict."""
    claims = [claim("C1", date="1944-08-25"), claim("C2", date="1944-08-30")]
    f = one_finding(examined(tmp_path / "first", conventions, units, claims, []))
    assert (f["finding_id"], f["kind"], f["claim_ids"]) == ("F-S1-event-internal", v.INTERNAL, "C1 C2")
    t = examined(tmp_path / "signed", conventions, units, claims, [], [sign(f)])
    verdicts = t["verdicts"].set_index("claim_id")
    assert list(verdicts.loc[["C1", "C2"], "status"]) == [v.UNVERIFIABLE, v.UNVERIFIABLE]
    assert list(verdicts.loc[["C1", "C2"], "outcome"]) == [v.UNVERIFIABLE, v.UNVERIFIABLE]
    assert list(verdicts.loc[["C1", "C2"], "finding_id"]) == [f["finding_id"]] * 2


def test_the_gate_checks_the_sign_off_then_the_inferences_then_the_variants():
    every = list(VARIANTS)
    signed = {"outcome": gate_mod.SIGNED, "steps": 1}
    assert gate_mod.gate(signed, every, VARIANTS) == PUBLISHED
    assert gate_mod.gate(signed, list(reversed(VARIANTS)), VARIANTS) == PUBLISHED  # the order of the variants is no matter
    assert gate_mod.gate({**signed, "steps": 2}, every, VARIANTS) == INFERENCE_CHAIN
    assert gate_mod.gate(signed, every[:2], VARIANTS) == CONVENTION_EDGE
    assert gate_mod.gate(signed, [], VARIANTS) == CONVENTION_EDGE
    assert gate_mod.gate({"outcome": "", "steps": 0}, every, VARIANTS) == NOT_SIGNED
    assert gate_mod.gate({"outcome": "rejected", "steps": 0}, every, VARIANTS) == REJECTED
    # when several rules hold a finding back, the gate names the first in the gates table's order
    assert gate_mod.gate({**signed, "steps": 2}, every[:1], VARIANTS) == INFERENCE_CHAIN
    assert gate_mod.gate({"outcome": "", "steps": 2}, every[:1], VARIANTS) == NOT_SIGNED
    assert gate_mod.gate({"outcome": "rejected", "steps": 2}, every[:1], VARIANTS) == REJECTED
    assert GATES.index(NOT_SIGNED) < GATES.index(REJECTED) < GATES.index(INFERENCE_CHAIN) < GATES.index(CONVENTION_EDGE)
    # what a reader is told of a claim in a finding
    assert gate_mod.outcome(v.CONFLICTS, PUBLISHED) == v.IN_ERROR
    for g in GATES[1:]:
        assert gate_mod.outcome(v.CONFLICTS, g) == (v.WITHHELD if g == REJECTED else v.UNDER_REVIEW)
    for status in (v.AGREES, v.OTHER_SCOPE, v.UNVERIFIABLE):
        assert gate_mod.outcome(status, "") == status


def test_outcomes_point_each_claim_at_its_finding():
    verdicts = pd.DataFrame(
        {"claim_id": ["C1", "C2", "C3", "C4", "C5"], "status": [v.CONFLICTS, v.CONFLICTS, v.AGREES, v.UNVERIFIABLE, v.UNVERIFIABLE]}
    )
    findings = pd.DataFrame(
        [
            {"finding_id": "F-S1-a", "kind": v.AGAINST_RECORD, "claim_ids": "C1", "gate": PUBLISHED},
            {"finding_id": "F-S1-b", "kind": v.AGAINST_RECORD, "claim_ids": "C2", "gate": CONVENTION_EDGE},
            {"finding_id": "F-c-sources", "kind": v.BETWEEN_SOURCES, "claim_ids": "C4 C5", "gate": PUBLISHED},
        ]
    )
    out = gate_mod.outcomes(verdicts, findings)
    assert list(out["finding_id"]) == ["F-S1-a", "F-S1-b", "", "", ""]
    assert list(out["outcome"]) == [v.IN_ERROR, v.UNDER_REVIEW, v.AGREES, v.UNVERIFIABLE, v.UNVERIFIABLE]
    assert list(out["status"]) == list(verdicts["status"])  # the verdicts themselves are untouched
    # a verdict a reviewer withheld is not decided, even when a finding under review holds its claim
    held = gate_mod.outcomes(verdicts, findings, withheld=frozenset({"C2", "C3"}))
    assert list(held["outcome"]) == [v.IN_ERROR, v.WITHHELD, v.WITHHELD, v.UNVERIFIABLE, v.UNVERIFIABLE]


def test_a_claim_in_a_finding_no_reviewer_signed_is_not_counted_as_decided():
    """Rates count a claim as decided only when a first-rank work decides it and, for an error, a reviewer signed the finding."""
    assert VOCABULARY.decided(v.AGREES) and VOCABULARY.decided(v.IN_ERROR)
    assert not VOCABULARY.decided(v.UNDER_REVIEW)


def test_outcomes_with_no_finding_need_no_incompatible_fill():
    import warnings

    verdicts = pd.DataFrame({"claim_id": ["C1", "C2"], "status": [v.AGREES, v.UNVERIFIABLE]})
    findings = pd.DataFrame(columns=["finding_id", "kind", "claim_ids", "gate"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = gate_mod.outcomes(verdicts, findings)
    assert list(out["finding_id"]) == ["", ""]
    assert list(out["outcome"]) == [v.AGREES, v.UNVERIFIABLE]


# ------------------------------------------------------------------ an edited copy of the real data
def test_correcting_the_wrong_date_in_a_copy_of_the_data_removes_its_finding(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rows = read_csv(data / "claims.csv")
    fields = list(rows[0])
    target = [r for r in rows if r["claim_id"] == "C004-35"]
    assert len(target) == 1 and target[0]["date"] == "1944-08-30"
    target[0]["date"] = "1944-08-25"
    with (data / "claims.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    edited = pipeline.Analysis(data)
    ids = list(edited.findings["finding_id"])
    assert "F-004-main_entry_into_paris" not in ids
    verdict = edited.verdicts.set_index("claim_id").loc["C004-35"]
    assert (verdict["status"], verdict["outcome"], verdict["finding_id"]) == (v.AGREES, v.AGREES, "")
    # everything else is as before
    assert sorted(ids) == sorted(r["finding_id"] for r in read_csv(DERIVED / "findings.csv") if r["finding_id"] != "F-004-main_entry_into_paris")


# ------------------------------------------------------------------ the committed derived tables
@pytest.fixture(scope="session")
def findings_rows() -> list[dict[str, str]]:
    return read_csv(DERIVED / "findings.csv")


@pytest.fixture(scope="session")
def verdict_rows() -> list[dict[str, str]]:
    return read_csv(DERIVED / "verdicts.csv")


@pytest.fixture(scope="session")
def rank_of() -> dict[str, int]:
    return {r["ref_id"]: int(r["rank"]) for r in read_csv(DERIVED / "reference.csv")}


def holds_under(row, variant="default") -> bool:
    return variant in row["holds"].split()


def test_every_claim_is_in_at_most_one_finding_under_the_default(findings_rows):
    default = [r for r in findings_rows if holds_under(r)]
    assert default
    seen: dict[str, str] = {}
    for r in default:
        for cid in r["claim_ids"].split():
            assert cid not in seen, f"{cid} is in {seen.get(cid)} and {r['finding_id']}"
            seen[cid] = r["finding_id"]


def test_finding_ids_are_their_source_subject_and_kind(findings_rows):
    ids = [r["finding_id"] for r in findings_rows]
    assert len(ids) == len(set(ids))
    claims = {c["claim_id"]: c for c in read_csv(DATA / "claims.csv")}
    for r in findings_rows:
        if r["kind"] == v.BETWEEN_SOURCES:
            assert r["finding_id"] == f"F-{r['subject']}-sources"
        else:
            assert r["finding_id"] == f"F-{r['source_id'][:3]}-{r['subject']}{SUFFIX[r['kind']]}"
            assert {claims[c]["source_id"] for c in r["claim_ids"].split()} == {r["source_id"]}
        assert r["kind"] in KIND_ORDER


def test_every_reference_finding_rests_on_a_first_rank_reference(findings_rows, rank_of):
    decided = [r for r in findings_rows if r["kind"] in (v.AGAINST_RECORD, v.SCOPE)]
    assert decided
    for r in decided:
        assert r["verdict_reference"] in rank_of, r["finding_id"]
        assert rank_of[r["verdict_reference"]] == 1, (r["finding_id"], r["verdict_reference"])
        assert r["verdict_reference"] in r["evidence"].split()
    for r in findings_rows:
        if r["kind"] in (v.INTERNAL, v.BETWEEN_SOURCES):
            assert r["verdict_reference"] == ""


def test_verdicts_cite_only_first_rank_references(verdict_rows, rank_of):
    decided = [x for x in verdict_rows if x["status"] in (v.AGREES, v.CONFLICTS)]
    assert {x["status"] for x in decided} == {v.AGREES, v.CONFLICTS}
    for x in decided:
        refs = x["references"].split()
        assert refs, x["claim_id"]
        assert all(rank_of[r] == 1 for r in refs), (x["claim_id"], refs)
        if x["status"] == v.CONFLICTS:
            assert len(refs) == 1
    for x in verdict_rows:
        assert all(rank_of[r] > 1 for r in x["weaker"].split()), x["claim_id"]
        if x["status"] == v.UNVERIFIABLE:
            assert x["references"] == ""


def test_every_claim_has_one_verdict(verdict_rows):
    claim_ids = [c["claim_id"] for c in read_csv(DATA / "claims.csv")]
    assert [x["claim_id"] for x in verdict_rows] == claim_ids


def test_verdicts_point_at_their_findings(verdict_rows, findings_rows):
    default = {r["finding_id"]: r for r in findings_rows if holds_under(r) and r["kind"] != v.BETWEEN_SOURCES}
    latest = {r["claim_id"]: r["outcome"] for r in read_csv(DATA / "claim_reviews.csv")}  # the latest review of a claim rules
    withheld = {c for c, o in latest.items() if o == "withheld"}
    pointed = [x for x in verdict_rows if x["finding_id"]]
    assert pointed
    for x in pointed:
        assert x["finding_id"] in default and x["claim_id"] in default[x["finding_id"]]["claim_ids"].split()
        gate = default[x["finding_id"]]["gate"]
        if gate == PUBLISHED:
            assert x["outcome"] == v.IN_ERROR
        else:  # a refused finding, or a verdict withheld, leaves the claim withheld on review, not in a finding under review
            assert x["outcome"] == (v.WITHHELD if x["claim_id"] in withheld or gate == REJECTED else v.UNDER_REVIEW)
    for fid, r in default.items():
        for cid in r["claim_ids"].split():
            assert next(x for x in verdict_rows if x["claim_id"] == cid)["finding_id"] == fid
    latest = {r["claim_id"]: r["outcome"] for r in read_csv(DATA / "claim_reviews.csv")}  # the latest review of a claim rules
    withheld = {c for c, o in latest.items() if o == "withheld"}
    for x in verdict_rows:
        if not x["finding_id"]:
            assert x["status"] != v.CONFLICTS, x["claim_id"]  # every conflict is in a finding
            if x["claim_id"] in withheld:  # a verdict a reviewer withheld reads as withheld on review, not decided
                assert x["outcome"] == v.WITHHELD, x["claim_id"]
            elif x["outcome"] != x["status"]:  # or an agreement that another reading turns into a conflict
                assert (x["status"], x["outcome"]) == (v.AGREES, v.DEPENDS), x["claim_id"]
    assert {x["outcome"] for x in verdict_rows} <= set(v.OUTCOMES)


def test_holds_gate_and_severity_agree(findings_rows):
    assert {r["holds"] for r in findings_rows} >= {"strict default loose", "strict default", "strict"}
    for r in findings_rows:
        variants = r["holds"].split()
        assert variants and variants == [x for x in VARIANTS if x in variants], r["finding_id"]
        assert r["gate"] in GATES
        signed = r["outcome"] == gate_mod.SIGNED
        assert r["severity"] == (CONSEQUENCES[r["consequence_kind"]] if signed else ""), r["finding_id"]
        published = signed and int(r["steps"]) <= 1 and variants == list(VARIANTS)
        assert (r["gate"] == PUBLISHED) == published, r["finding_id"]
        if not r["outcome"]:
            assert r["gate"] == NOT_SIGNED and r["review_id"] == ""
        elif signed and int(r["steps"]) > 1:
            assert r["gate"] == INFERENCE_CHAIN
        elif signed and variants != list(VARIANTS):
            assert r["gate"] == CONVENTION_EDGE


def test_findings_are_ordered_the_defaults_first_then_by_kind(findings_rows):
    default = [i for i, r in enumerate(findings_rows) if holds_under(r)]
    assert default == list(range(len(default)))  # those that hold under the default come first
    keys = [(KIND_ORDER[findings_rows[i]["kind"]], findings_rows[i]["finding_id"]) for i in default]
    assert keys == sorted(keys)
    assert len(default) < len(findings_rows), "the data has findings that hold only under another variant"


def test_f_004_main_entry_into_paris_is_exactly_one_finding(findings_rows, analysis):
    rows = [r for r in findings_rows if "C004-35" in r["claim_ids"].split()]
    assert len(rows) == 1
    r = rows[0]
    assert (r["finding_id"], r["kind"], r["holds"], r["verdict_reference"]) == (
        "F-004-main_entry_into_paris",
        v.AGAINST_RECORD,
        "strict default loose",
        "D-82",
    )
    assert r["evidence"].split() == ["C000-11", "C001-16", "C003-21", "D-82"]
    # The other sources' claims are evidence, not findings of their own.
    for other in ("C000-11", "C001-16", "C003-21"):
        assert not any(other in f["claim_ids"].split() for f in findings_rows)
    comparisons = [c for c in read_csv(DERIVED / "comparisons.csv") if c["finding_id"] == "F-004-main_entry_into_paris"]
    assert sorted((c["kind"], c["other"]) for c in comparisons) == [
        (v.AGAINST_RECORD, "D-82"),
        (v.BETWEEN_SOURCES, "C000-11"),
        (v.BETWEEN_SOURCES, "C001-16"),
        (v.BETWEEN_SOURCES, "C003-21"),
    ]
    # In the analysis itself: several statements contradict the claim, and they make one finding.
    exam = steps.examination(analysis.evidence, "default")
    c = exam.by_id["C004-35"]
    refs_against = [
        x for x in exam.references if x.subject == c.subject and exam.window(x) is not None and not exam.window(x).overlaps(exam.window(c))
    ]
    assert len(refs_against) >= 2
    holding = analysis.findings[analysis.findings["claim_ids"].str.split().map(lambda ids: "C004-35" in ids)]
    assert list(holding["finding_id"]) == ["F-004-main_entry_into_paris"]


def _figure_window(row: dict, table, variant) -> tuple[float, float]:
    """The test's own window of a figure claim of the real data, for the expressions the share's claims use."""
    e = row["expression"]
    if e == "most":
        return pair(table, "most", variant)
    if e == "order_of":
        lowest, highest = pair(table, "order_of", variant)
        return lowest * float(row["amount"]), highest * float(row["amount"])
    if e == "plural":
        return one(table, "plural", variant) * float(row["amount"] or 1), math.inf
    assert e == "exact", e
    value = float(row["value"])
    unit = 10 ** (len(row["value"]) - len(row["value"].rstrip("0")))  # the last significant digit's unit
    r = min(unit / 2, value * one(table, "exact", variant)) if unit > 1 else 0.0
    return value - r, value + r


def test_a_share_its_own_figures_cannot_hold_in_the_real_data(analysis, table):
    """C004-22 ('mostly' prisoners of C004-21's 450,000 losses) against C004-38 (the prisoners): a contradiction
    exactly under the variants the test's own arithmetic gives, and then evidence for a finding the record makes
    of either claim, or else a finding of its own."""
    claims = {c["claim_id"]: c for c in read_csv(DATA / "claims.csv")}
    share, whole, part = claims["C004-22"], claims["C004-21"], claims["C004-38"]
    shares = {s["subject"]: s for s in read_csv(DATA / "subjects.csv")}[share["subject"]]
    assert (shares["whole_subject"], shares["part_subject"]) == (whole["subject"], part["subject"])
    assert share["source_id"] == whole["source_id"] == part["source_id"]
    for x in VARIANTS:
        (s_lo, s_hi), (w_lo, w_hi), (p_lo, p_hi) = (_figure_window(c, table, x) for c in (share, whole, part))
        contradicts = p_hi < s_lo * w_lo or p_lo > s_hi * w_hi
        pairs = analysis.results[x]["pairs"]
        mine = pairs[(pairs["kind"] == v.INTERNAL) & (pairs["claim_id"] == "C004-22")]
        assert list(mine["other_id"]) == (["C004-38"] if contradicts else []), x
        if not contradicts:
            continue
        assert mine["reasons"].iloc[0] == "part_of_whole"
        assert float(mine["difference"].iloc[0]) == pytest.approx(s_lo * w_lo / p_hi if p_hi < s_lo * w_lo else p_lo / (s_hi * w_hi))
        found = analysis.results[x]["findings"].set_index("finding_id")
        against = [f"F-004-{c['subject']}" for c in (share, part) if f"F-004-{c['subject']}" in found.index]
        if against:
            assert "F-004-german_prisoners_share_normandy-internal" not in found.index
            assert any({"C004-22", "C004-38"} <= {*found.loc[f, "claim_ids"].split(), *found.loc[f, "evidence"].split()} for f in against)
        else:
            assert found.loc["F-004-german_prisoners_share_normandy-internal", "claim_ids"] == "C004-22 C004-38"


def _claims_and_refs():
    claims = {c["claim_id"]: c for c in read_csv(DATA / "claims.csv")}
    refs = {r["ref_id"]: r for r in read_csv(DERIVED / "reference.csv")}
    return claims, refs


@pytest.mark.parametrize("claim_id", ["C003-06", "C002-10"])
def test_real_date_findings_hold_under_the_variants_the_table_implies(claim_id, findings_rows, table):
    """The variants two real findings hold under, recomputed by hand from the claims, the references and the
    conventions table."""
    claims, refs = _claims_and_refs()
    (r,) = [r for r in findings_rows if claim_id in r["claim_ids"].split()]
    c, reference = claims[claim_id], refs[r["verdict_reference"]]
    expected = []
    for x in VARIANTS:
        if c["expression"] == "weeks_before":  # before the anchor by fewest-most weeks; the reference: 'after' its date
            assert reference["expression"] == "after"
            hi = o(claims[c["anchor"]]["date"]) - 7 * pair(table, "weeks_before", x)[0]
            gap = o(reference["date"]) - hi
        elif c["expression"] == "months_before":  # the anchor less the months, give or take a share of them
            anchor = dt.date.fromisoformat(claims[c["anchor"]]["date"])
            months = float(c["amount"])
            assert months == int(months)
            back = anchor.replace(
                year=anchor.year + (anchor.month - 1 - int(months)) // 12, month=(anchor.month - 1 - int(months)) % 12 + 1
            ).toordinal()
            lo = math.floor(back - one(table, "months_before", x) * months * 365.25 / 12)
            gap = lo - o(reference["date"])
        else:  # early_month: the month's first days
            assert c["expression"] == "early_month"
            hi = o(c["date"] + "-01") + one(table, "early_month", x) - 1
            gap = o(reference["date"]) - hi
        if gap > 0:
            expected.append(x)
    assert expected
    assert r["holds"].split() == expected


def test_the_analysis_finds_what_the_findings_table_says(analysis, findings_rows):
    assert list(analysis.findings["finding_id"]) == [r["finding_id"] for r in findings_rows]
    for f, r in zip(analysis.findings.to_dict("records"), findings_rows):
        assert (f["holds"], f["kind"], f["gate"], f["claim_ids"]) == (r["holds"], r["kind"], r["gate"], r["claim_ids"])
    # each variant's findings are the ones that hold under it
    for x in VARIANTS:
        assert sorted(analysis.results[x]["findings"]["finding_id"]) == sorted(r["finding_id"] for r in findings_rows if holds_under(r, x))


@pytest.fixture(scope="session")
def regenerated(tmp_path_factory) -> Path:
    """A copy of data/ with every derived file removed, then written again by the pipeline."""
    data = tmp_path_factory.mktemp("regenerated") / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "derived")
    pipeline.write(data)
    return data


def test_the_committed_derived_tables_are_what_the_pipeline_writes_now(regenerated):
    committed = sorted(p.relative_to(DERIVED) for p in DERIVED.rglob("*") if p.is_file())
    written = sorted(p.relative_to(regenerated / "derived") for p in (regenerated / "derived").rglob("*") if p.is_file())
    assert committed, "nothing committed in data/derived"
    tables = {Path(package.relative_path(n)).relative_to("derived") for n in package.names("derived")}
    assert tables <= set(committed), sorted(tables - set(committed))
    assert written == committed
    differ = [str(rel) for rel in committed if (DERIVED / rel).read_bytes() != (regenerated / "derived" / rel).read_bytes()]
    assert not differ, f"data/derived is stale; rerun the pipeline: {differ}"
