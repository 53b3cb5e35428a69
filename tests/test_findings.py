"""Findings (analysis/findings.py): one per distinct error, with its severity and robustness.

The first part builds small cases the way pipeline.py builds claims and references
(package.typed rows) and runs findings.findings on them; the second checks
properties of the committed derived tables in data/derived/, and that they are
exactly what the pipeline produces now.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import shutil
from pathlib import Path

import pytest
from builders import DATA, claim, day, o, one, pair, read_csv, ref, share_case, subjects_for

from paris1944 import pipeline
from paris1944.analysis import findings as findings_mod
from paris1944.analysis.conventions import VARIANTS
from paris1944.analysis.findings import ORDER, ROBUSTNESS, Finding
from paris1944.evidence import package

DERIVED = DATA / "derived"


# ------------------------------------------------------------------ fixtures and builders
# table (data/conventions.csv keyed by convention), conventions, units and real (the pipeline's analysis of the
# real data) are session fixtures of conftest.py; claim, ref and the rest build typed rows (builders.py).
def run(conventions, units, claims, refs, subjects=None) -> tuple[list[Finding], dict]:
    return findings_mod.findings(claims, refs, subjects_for([*claims, *refs], subjects), {}, units, conventions)


def severity_of_gap(table, variant, gap: float) -> str:
    """The expected severity column of a date finding: '' when the windows meet, else by minor_days."""
    if gap <= 0:
        return ""
    return "minor" if gap <= one(table, "minor_days", variant) else "major"


def robustness_of(columns: dict[str, str]) -> str:
    """The test's own wording of robustness from the per-variant severity columns."""
    held = [v for v in VARIANTS if columns[v]]
    if held == list(VARIANTS):
        return "all conventions"
    if len(held) == 1:
        return f"{held[0]} only"
    return f"{held[0]} and {held[1]}"


# ------------------------------------------------------------------ synthetic cases
def test_a_date_far_from_the_first_rank_reference_is_one_major_finding(table, conventions, units):
    gap = int(max(one(table, "minor_days", v) for v in VARIANTS)) + 5
    fs, _ = run(conventions, units, [claim("C1", date=day("1944-08-25", gap))], [ref("R1", date="1944-08-25")])
    assert len(fs) == 1
    f = fs[0]
    assert f.key == ("source_vs_reference", "S1", "event") and f.kind == "source_vs_reference"
    assert (f.finding_id, f.claim_ids(), f.evidence_ids()) == ("F-C1", ["C1"], ["R1"])
    assert f.variants == list(VARIANTS) and f.robustness == "all conventions"
    assert [f.severity(v) for v in VARIANTS] == ["major"] * 3
    assert f.headline_variant == "default"


def test_a_date_within_minor_days_is_one_minor_finding(table, conventions, units):
    gap = int(min(one(table, "minor_days", v) for v in VARIANTS))
    assert gap >= 1
    fs, _ = run(conventions, units, [claim("C1", date=day("1944-07-18", gap))], [ref("R1", date="1944-07-18")])
    assert [(f.kind, f.claim_ids()) for f in fs] == [("source_vs_reference", ["C1"])]
    assert [fs[0].severity(v) for v in VARIANTS] == [severity_of_gap(table, v, gap) for v in VARIANTS]
    assert fs[0].severity("default") == "minor"


def test_a_claim_matching_a_first_rank_reference_makes_no_finding(conventions, units):
    fs, exams = run(conventions, units, [claim("C1", date="1944-08-25")], [ref("R1", date="1944-08-25")])
    assert fs == []
    assert {exams[v].verdicts["C1"].status for v in VARIANTS} == {"agrees"}


def test_a_claim_contradicted_only_by_weaker_references_is_no_finding(conventions, units):
    refs = [ref("W2", date="1944-08-25", rank=2), ref("W3", date="1944-08-25", rank=3)]
    fs, exams = run(conventions, units, [claim("C1", date="1944-08-30")], refs)
    assert fs == []
    assert {exams[v].verdicts["C1"].status for v in VARIANTS} == {"unverifiable"}


def test_a_source_silent_on_something_is_not_in_conflict(conventions, units):
    claims = [
        claim("A1", source="A", subject="took_part", category="participation", entity="United States"),
        claim("B1", source="B", subject="took_part", category="participation", entity="United Kingdom"),
        claim("A2", source="A", date="1944-08-25"),
    ]
    fs, exams = run(conventions, units, claims, [ref("R1", date="1944-08-25")])
    assert fs == []
    assert all(e.pairs == [] for e in exams.values())


def test_a_figure_whose_only_reference_counts_another_place_is_a_scope_finding(conventions, units):
    c = claim(
        "C1",
        subject="crowd",
        category="count",
        unit="people",
        expression="nearly",
        value=100000,
        scope_place="Paris",
        scope_from="1944-07-14",
        scope_to="1944-07-14",
    )
    r = ref("R1", subject="crowd", category="count", unit="people", expression="about", value=100000, scope_place="Paris and suburbs")
    fs, exams = run(conventions, units, [c], [r])
    assert [(f.kind, f.finding_id, f.robustness) for f in fs] == [("scope", "F-C1", "all conventions")]
    assert [fs[0].severity(v) for v in VARIANTS] == ["minor"] * 3
    assert fs[0].evidence_ids() == ["C1", "R1"]
    assert {exams[v].verdicts["C1"].status for v in VARIANTS} == {"other scope"}


def test_a_figure_counted_to_another_date_is_a_scope_finding_where_scope_dates_says_so(table, conventions, units):
    gap = int(one(table, "scope_dates", "default")) + 1
    c = claim("C1", subject="strength", category="troops", unit="men", value=2000000, scope_place="Normandy", scope_to="1944-08-20")
    r = ref("R1", subject="strength", category="troops", unit="men", value=2000000, scope_place="Normandy", scope_to=day("1944-08-20", gap))
    fs, exams = run(conventions, units, [c], [r])
    expected = {v: ("minor" if gap > one(table, "scope_dates", v) else "") for v in VARIANTS}
    assert any(expected.values()), "the case must make a finding under some variant"
    assert [f.kind for f in fs] == ["scope"]
    assert {v: fs[0].severity(v) for v in VARIANTS} == expected
    assert fs[0].robustness == robustness_of(expected)
    for v in VARIANTS:
        assert exams[v].verdicts["C1"].status == ("other scope" if expected[v] else "agrees")


def share_severity(table, variant) -> str:
    """The test's own expected severity of the share_case claims (C004-22 + C004-38 in small) ('' = none)."""
    _, _, implied_lo, part_hi = share_case(table, variant)
    if part_hi >= implied_lo:
        return ""
    return "minor" if implied_lo / part_hi < one(table, "minor_ratio", variant) else "major"


def test_a_share_its_own_figures_cannot_hold_is_one_internal_finding(table, conventions, units):
    claims, subjects, _, _ = share_case(table, "default")
    expected = {v: share_severity(table, v) for v in VARIANTS}
    assert expected["default"], "the case must contradict under the default conventions"
    fs, _ = run(conventions, units, claims, [], subjects)
    assert [(f.kind, f.finding_id, f.claim_ids()) for f in fs] == [("internal", "F-P+S", ["P", "S"])]
    assert fs[0].key == ("internal", "S1", "pow_share")
    assert {v: fs[0].severity(v) for v in VARIANTS} == expected
    assert fs[0].robustness == robustness_of(expected)


def test_one_wrong_date_contradicted_by_several_references_and_sources_is_one_finding(conventions, units):
    """As F-C004-35: 30 August against 25 August in three references and three other sources."""
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
    assert (f.kind, f.finding_id, f.claim_ids()) == ("source_vs_reference", "F-X1", ["X1"])
    assert f.evidence_ids() == ["A1", "B1", "C1", "R1"]  # the nearest first-rank reference and every other source
    for v in VARIANTS:
        assert [p.kind for p in f.pairs[v]] == ["source_vs_reference"]
        assert sorted((p.kind, p.claim_id, p.other_id) for p in f.evidence[v]) == [
            ("source_vs_source", "X1", "A1"),
            ("source_vs_source", "X1", "B1"),
            ("source_vs_source", "X1", "C1"),
        ]
        assert {c: exams[v].verdicts[c].status for c in ("X1", "A1", "B1", "C1")} == {
            "X1": "conflicts",
            "A1": "agrees",
            "B1": "agrees",
            "C1": "agrees",
        }


def test_sources_that_disagree_where_no_reference_decides_make_one_finding_per_subject(conventions, units):
    claims = [claim("A1", source="A", date="1944-08-20"), claim("B1", source="B", date="1944-08-25"), claim("C1", source="C", date="1944-08-30")]
    fs, _ = run(conventions, units, claims, [])
    assert [(f.kind, f.key, f.claim_ids()) for f in fs] == [("source_vs_source", ("source_vs_source", "", "event"), ["A1", "B1", "C1"])]
    assert len(fs[0].pairs["default"]) == 3  # three pairs, one finding


def test_months_before_robustness_follows_the_table(table, conventions, units):
    """As F-C003-06: 'two months earlier' than 19 August, against D-Day on 6 June."""
    anchor = claim("C0", subject="anchor", date="1944-08-19")
    c = claim("C1", expression="months_before", anchor="C0", amount=2)
    fs, _ = run(conventions, units, [anchor, c], [ref("R1", date="1944-06-06")])
    expected = {}
    for v in VARIANTS:
        lo = math.floor(o("1944-06-19") - one(table, "months_before", v) * 2 * 365.25 / 12)
        expected[v] = severity_of_gap(table, v, lo - o("1944-06-06"))
    assert any(expected.values()) and not all(expected.values()), "the case must separate the variants"
    assert len(fs) == 1
    assert {v: fs[0].severity(v) for v in VARIANTS} == expected
    assert fs[0].robustness == robustness_of(expected)


def test_weeks_before_robustness_follows_the_table(table, conventions, units):
    """As F-C003-10: 'a few weeks earlier' than 19 August, against a reference 'after 7 August'."""
    anchor = claim("C0", subject="anchor", date="1944-08-19")
    c = claim("C1", expression="weeks_before", anchor="C0")
    fs, _ = run(conventions, units, [anchor, c], [ref("R1", date="1944-08-07", expression="after")])
    expected = {}
    for v in VARIANTS:
        fewest, _ = pair(table, "weeks_before", v)
        expected[v] = severity_of_gap(table, v, o("1944-08-07") - (o("1944-08-19") - 7 * fewest))
    assert any(expected.values()) and not all(expected.values())
    assert len(fs) == 1 and {v: fs[0].severity(v) for v in VARIANTS} == expected
    assert fs[0].robustness == robustness_of(expected)


def test_findings_are_ordered_default_first_then_major_then_by_kind(table, conventions, units):
    claims = [
        claim("M1", subject="major", date="1944-08-30"),  # major, all variants
        claim("N1", subject="minor", date=day("1944-08-25", 1)),  # minor, all variants
        claim("T0", subject="anchor", date="1944-08-19"),
        claim("T1", subject="strict_only", expression="months_before", anchor="T0", amount=2),
        claim("I1", subject="twice", date="1944-08-01", source="S2"),
        claim("I2", subject="twice", date="1944-08-10", source="S2"),
    ]
    refs = [
        ref("RM", subject="major", date="1944-08-25"),
        ref("RN", subject="minor", date="1944-08-25"),
        ref("RT", subject="strict_only", date="1944-06-06"),
    ]
    fs, _ = run(conventions, units, claims, refs)
    keys = [(0 if "default" in f.variants else 1, f.severity(f.headline_variant) != "major", ORDER[f.kind], f.finding_id) for f in fs]
    assert keys == sorted(keys)
    assert [f.finding_id for f in fs] == ["F-M1", "F-I1+I2", "F-N1", "F-T1"]


def test_robustness_labels_are_the_data_packages():
    assert all(key and key <= set(VARIANTS) for key in ROBUSTNESS)
    assert set(ROBUSTNESS.values()) >= {"all conventions", "strict only", "loose only", "strict and default", "default and loose", "strict and loose"}
    enum = set(package.enum("findings", "robustness"))
    assert set(ROBUSTNESS.values()) <= enum


def test_a_finding_that_holds_under_the_default_only_has_a_robustness(table, conventions, units):
    """Scope and windows pull in opposite directions: under strict the reference is of another period
    (scope_dates), under loose the wider windows meet, and only the default finds a conflict."""
    c = claim("C1", subject="strength", category="troops", unit="men", value=100000, scope_place="Normandy", scope_to="1944-08-20")
    r = ref("R1", subject="strength", category="troops", unit="men", value=120000, expression="about", scope_place="Normandy", scope_to="1944-08-22")
    fs, exams = run(conventions, units, [c], [r])
    assert [exams[v].verdicts["C1"].status for v in VARIANTS] == ["other scope", "conflicts", "agrees"]
    assert len(fs) == 1 and fs[0].variants == ["default"]
    assert fs[0].robustness == "default only"


def test_one_wrong_date_of_a_source_that_also_gives_the_right_one_is_one_finding(conventions, units):
    claims = [claim("C1", date="1944-08-25"), claim("C2", date="1944-08-30")]
    fs, exams = run(conventions, units, claims, [ref("R1", date="1944-08-25")])
    assert exams["default"].verdicts["C1"].status == "agrees"
    assert exams["default"].verdicts["C2"].status == "conflicts"
    # one error (C2); C1 agrees with the record and is no claim in error
    assert [f.claim_ids() for f in fs] == [["C2"]]


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
    ids = [f.finding_id for f in edited.findings]
    assert "F-C004-35" not in ids
    assert edited.exams["default"].verdicts["C004-35"].status == "agrees"
    # everything else is as before
    assert sorted(ids) == sorted(r["finding_id"] for r in read_csv(DERIVED / "findings.csv") if r["finding_id"] != "F-C004-35")


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


def test_every_claim_is_in_at_most_one_finding_under_the_default(findings_rows):
    default = [r for r in findings_rows if r["default"]]
    assert default
    seen: dict[str, str] = {}
    for r in default:
        for cid in r["claim_ids"].split():
            assert cid not in seen, f"{cid} is in {seen.get(cid)} and {r['finding_id']}"
            seen[cid] = r["finding_id"]


def test_finding_ids_are_their_claims(findings_rows):
    ids = [r["finding_id"] for r in findings_rows]
    assert len(ids) == len(set(ids))
    for r in findings_rows:
        assert r["finding_id"] == "F-" + "+".join(sorted(r["claim_ids"].split()))


def test_every_reference_finding_rests_on_a_first_rank_reference(findings_rows, rank_of):
    decided = [r for r in findings_rows if r["kind"] in ("source_vs_reference", "scope")]
    assert decided
    for r in decided:
        assert r["verdict_reference"] in rank_of, r["finding_id"]
        assert rank_of[r["verdict_reference"]] == 1, (r["finding_id"], r["verdict_reference"])
        assert r["verdict_reference"] in r["evidence"].split()
    for r in findings_rows:
        if r["kind"] in ("internal", "source_vs_source"):
            assert r["verdict_reference"] == ""


def test_verdicts_cite_only_first_rank_references(verdict_rows, rank_of):
    decided = [v for v in verdict_rows if v["status"] in ("agrees", "conflicts")]
    assert {v["status"] for v in decided} == {"agrees", "conflicts"}
    for v in decided:
        refs = v["references"].split()
        assert refs, v["claim_id"]
        assert all(rank_of[r] == 1 for r in refs), (v["claim_id"], refs)
        if v["status"] == "conflicts":
            assert len(refs) == 1
    for v in verdict_rows:
        assert all(rank_of[r] > 1 for r in v["weaker"].split()), v["claim_id"]
        if v["status"] == "unverifiable":
            assert v["references"] == ""


def test_every_claim_has_one_verdict(verdict_rows):
    claim_ids = [c["claim_id"] for c in read_csv(DATA / "claims.csv")]
    assert [v["claim_id"] for v in verdict_rows] == claim_ids


def test_verdicts_point_at_their_findings(verdict_rows, findings_rows):
    default = {r["finding_id"]: r for r in findings_rows if r["default"]}
    pointed = [v for v in verdict_rows if v["finding_id"]]
    assert pointed
    for v in pointed:
        assert v["finding_id"] in default and v["claim_id"] in default[v["finding_id"]]["claim_ids"].split()
    for fid, r in default.items():
        for cid in r["claim_ids"].split():
            assert next(v for v in verdict_rows if v["claim_id"] == cid)["finding_id"] == fid


def test_robustness_agrees_with_the_variant_columns(findings_rows):
    assert {r["robustness"] for r in findings_rows} >= {"all conventions", "strict only", "strict and default"}
    for r in findings_rows:
        columns = {v: r[v] for v in VARIANTS}
        assert any(columns.values()), r["finding_id"]
        assert r["robustness"] == robustness_of(columns), r["finding_id"]
        headline = r["default"] or next(r[v] for v in VARIANTS if r[v])
        assert r["severity"] == headline, r["finding_id"]


def test_f_c004_35_is_exactly_one_finding(findings_rows, real):
    rows = [r for r in findings_rows if "C004-35" in r["claim_ids"].split()]
    assert len(rows) == 1
    r = rows[0]
    assert (r["finding_id"], r["kind"], r["robustness"], r["severity"], r["verdict_reference"]) == (
        "F-C004-35",
        "source_vs_reference",
        "all conventions",
        "major",
        "D-82",
    )
    assert r["evidence"].split() == ["C000-11", "C001-16", "C003-21", "D-82"]
    # The other sources' claims are evidence, not findings of their own.
    for other in ("C000-11", "C001-16", "C003-21"):
        assert not any(other in f["claim_ids"].split() for f in findings_rows)
    comparisons = [c for c in read_csv(DERIVED / "comparisons.csv") if c["finding_id"] == "F-C004-35"]
    assert sorted((c["kind"], c["other"]) for c in comparisons) == [
        ("source_vs_reference", "D-82"),
        ("source_vs_source", "C000-11"),
        ("source_vs_source", "C001-16"),
        ("source_vs_source", "C003-21"),
    ]
    # In the analysis itself: several statements contradict the claim, and they make one finding.
    exam = real.exams["default"]
    c = exam.by_id["C004-35"]
    refs_against = [
        x for x in real.references if x.subject == c.subject and exam.window(x) is not None and not exam.window(x).overlaps(exam.window(c))
    ]
    assert len(refs_against) >= 2
    holding = [f for f in real.findings if "C004-35" in f.claim_ids()]
    assert len(holding) == 1 and holding[0].finding_id == "F-C004-35"


def test_the_internal_share_finding_of_the_real_data(findings_rows, table):
    """F-C004-22+C004-38: 'mostly' prisoners of 450,000 losses against 'tens of thousands' of prisoners."""
    r = next(r for r in findings_rows if r["finding_id"] == "F-C004-22+C004-38")
    assert r["kind"] == "internal" and r["claim_ids"].split() == ["C004-22", "C004-38"]
    assert {v: r[v] for v in VARIANTS} == {v: share_severity(table, v) for v in VARIANTS}


def _claims_and_refs():
    claims = {c["claim_id"]: c for c in read_csv(DATA / "claims.csv")}
    refs = {r["ref_id"]: r for r in read_csv(DERIVED / "reference.csv")}
    return claims, refs


@pytest.mark.parametrize("finding_id", ["F-C003-10", "F-C003-06", "F-C002-10"])
def test_real_date_findings_hold_under_the_variants_the_table_implies(finding_id, findings_rows, table):
    """The severity columns of three real findings, recomputed by hand from the claims, the references
    and the conventions table."""
    claims, refs = _claims_and_refs()
    r = next(r for r in findings_rows if r["finding_id"] == finding_id)
    c, reference = claims[finding_id[2:]], refs[r["verdict_reference"]]
    expected = {}
    for v in VARIANTS:
        if c["expression"] == "weeks_before":  # before the anchor by fewest-most weeks; the reference: 'after' its date
            assert reference["expression"] == "after"
            hi = o(claims[c["anchor"]]["date"]) - 7 * pair(table, "weeks_before", v)[0]
            gap = o(reference["date"]) - hi
        elif c["expression"] == "months_before":  # the anchor less the months, give or take a share of them
            anchor = dt.date.fromisoformat(claims[c["anchor"]]["date"])
            months = float(c["amount"])
            assert months == int(months)
            back = anchor.replace(
                year=anchor.year + (anchor.month - 1 - int(months)) // 12, month=(anchor.month - 1 - int(months)) % 12 + 1
            ).toordinal()
            lo = math.floor(back - one(table, "months_before", v) * months * 365.25 / 12)
            gap = lo - o(reference["date"])
        else:  # early_month: the month's first days
            assert c["expression"] == "early_month"
            hi = o(c["date"] + "-01") + one(table, "early_month", v) - 1
            gap = o(reference["date"]) - hi
        expected[v] = severity_of_gap(table, v, gap)
    assert {v: r[v] for v in VARIANTS} == expected
    assert r["robustness"] == robustness_of(expected)


def test_the_analysis_finds_what_the_findings_table_says(real, findings_rows):
    assert [f.finding_id for f in real.findings] == [r["finding_id"] for r in findings_rows]
    for f, r in zip(real.findings, findings_rows):
        assert f.robustness == r["robustness"] and f.kind == r["kind"]
        assert {v: f.severity(v) for v in VARIANTS} == {v: r[v] for v in VARIANTS}


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
