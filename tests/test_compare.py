"""The comparison rules, each with the cases that must not be flagged."""

import pandas as pd
import pytest

from paris1944 import compare
from paris1944.compare import CrossExamination, Span, date_span, say_value, value_span


def D(date, date_end="", precision="day", qualifier=""):
    return {"category": "date", "date": date, "date_end": date_end, "date_precision": precision, "qualifier": qualifier}


def N(value="", low="", high="", qualifier="exact", unit="men", category="troops"):
    return {"category": category, "value": value, "value_low": low, "value_high": high, "qualifier": qualifier, "unit": unit}


# ------------------------------------------------------------------ dates
def test_a_month_does_not_contradict_a_day_inside_it():
    assert compare.compare(D("1944-08", precision="month"), D("1944-08-25")).agrees


def test_a_year_does_not_contradict_a_day_inside_it():
    assert compare.compare(D("1966", precision="year"), D("1966-11-05")).agrees


def test_around_midnight_of_the_24th_is_not_a_different_day_from_the_evening_of_the_24th():
    midnight = D("1944-08-24", "1944-08-25", "approximate", "about")
    assert compare.compare(midnight, D("1944-08-24")).agrees
    assert compare.compare(midnight, D("1944-08-25")).agrees


def test_by_a_date_agrees_with_any_earlier_day():
    assert compare.compare(D("1944-08-25", qualifier="by"), D("1944-08-24")).agrees
    assert not compare.compare(D("1944-08-25", qualifier="by"), D("1944-08-26")).agrees


def test_different_days_differ_by_the_gap():
    c = compare.compare(D("1944-08-30"), D("1944-08-25"))
    assert (c.agrees, c.difference, c.measure) == (False, 5, "days")
    assert compare.severity(c) == "major"
    assert compare.severity(compare.compare(D("1944-07-19"), D("1944-07-18"))) == "minor"


def test_a_range_is_measured_from_its_nearest_end():
    c = compare.compare(D("1944-06-06", "1944-08-20", "approximate"), D("1944-10-14"))
    assert c.difference == 55


def test_date_spans():
    assert date_span("1944-08").hi - date_span("1944-08").lo == 30
    assert date_span("1944-02", precision="month").hi - date_span("1944-02", precision="month").lo == 28  # 1944 is a leap year


# ------------------------------------------------------------------ figures
def test_rounding_is_not_a_conflict():
    assert compare.compare(N("226000", unit="casualties"), N("226386", unit="casualties")).agrees
    assert compare.compare(N("2000000"), N("2052299")).agrees


def test_rounding_covers_at_most_five_percent():
    c = compare.compare(N("1000000"), N("640000"))
    assert not c.agrees and c.difference == pytest.approx(950000 / 645000)  # 640,000 rounds to +/-5,000


def test_more_than_600_agrees_with_650_but_not_with_6000():
    more = N("600", qualifier="more_than", unit="barricades", category="count")
    assert compare.compare(more, N("650", unit="barricades", category="count")).agrees
    assert not compare.compare(more, N("6000", unit="barricades", category="count")).agrees
    assert not compare.compare(more, N("500", unit="barricades", category="count")).agrees


def test_about_and_nearly():
    assert compare.compare(N("100000", qualifier="nearly", unit="people"), N("100000", qualifier="about", unit="people")).agrees
    assert compare.compare(N("100000", qualifier="about", unit="people"), N("108000", unit="people")).agrees
    assert not compare.compare(N("100000", qualifier="nearly", unit="people"), N("120000", unit="people")).agrees


def test_ranges_compare_by_their_bounds():
    tens_of_thousands = N(low="20000", high="99999", qualifier="about", unit="captured")
    assert compare.compare(tens_of_thousands, N("50000", unit="captured")).agrees
    c = compare.compare(tens_of_thousands, N("200000", unit="captured"))
    assert not c.agrees and compare.severity(c) == "major"


def test_units_are_converted_before_comparing():
    assert compare.compare(N("241", unit="km", category="distance"), N("150", unit="miles", category="distance")).agrees
    assert not compare.compare(N("150", unit="km", category="distance"), N("150", unit="miles", category="distance")).agrees


def test_different_kinds_of_figure_are_not_compared():
    c = compare.compare(N("1000", unit="killed", category="casualties"), N("1000", unit="wounded", category="casualties"))
    assert not c.comparable


def test_a_figure_without_a_number_is_not_compared():
    assert not compare.compare(N(unit="", category="casualties"), N("1000", unit="killed", category="casualties")).comparable


def test_a_vague_quantity_is_said_in_words_and_compared_as_its_range():
    row = {"qualifier": "order_of", "value": "", "value_low": "20000", "value_high": "99999", "unit": "captured"}
    assert say_value(row) == "tens of thousands captured"
    assert value_span("", "20000", "99999", "order_of") == Span(20000, 99999)


def test_a_loose_phrase_is_at_most_a_minor_conflict():
    cl = claims(dict(claim_id="A1", source_id="A", subject="dead", category="casualties", value_low="20000",
                     value_high="99999", unit="killed", qualifier="order_of"))
    rf = refs(dict(ref_id="R1", subject="dead", category="casualties", value="200000", unit="killed", qualifier="exact"))
    [row] = exam(cl, rf).conflict_table().to_dict("records")
    assert row["severity"] == "minor" and "tens of thousands" in row["explanation"].lower()


def test_differences_between_ranges_are_said_as_at_least():
    a, b = N("150", unit="miles", category="distance"), N("30", qualifier="about", unit="miles", category="distance")
    assert compare.direction(a, b, compare.compare(a, b)).startswith("at least ")
    a, b = D("1944-08-30"), D("1944-08-25")
    assert compare.direction(a, b, compare.compare(a, b)) == "5 days later"


def test_value_spans():
    assert value_span("600", qualifier="more_than") == Span(600, 900)
    assert value_span("226000") == Span(225500, 226500)
    assert value_span("71") == Span(71, 71)


# ------------------------------------------------------------------ whole tables
REG = pd.DataFrame({"source_id": ["A", "B", "C"], "label": ["Source A", "Source B", "Source C"]})
SUBJECTS = pd.DataFrame([
    {"subject": "entry", "category": "date", "unit": "", "description": "Troops enter the city"},
    {"subject": "period", "category": "date", "unit": "", "description": "End of the campaign"},
    {"subject": "forces", "category": "participation", "unit": "", "description": "Who took part"},
    {"subject": "dead", "category": "casualties", "unit": "killed", "description": "Dead"},
])
CLAIM = dict(claim_id="", source_id="", subject="", category="", value="", value_low="", value_high="", unit="",
             date="", date_end="", date_precision="", qualifier="", entity="", within="")
REF = dict(ref_id="", subject="", category="", value="", value_low="", value_high="", unit="", qualifier="", date="",
           date_end="", date_precision="", entity="", stance="", reliability="encyclopedia", reference_title="Ref",
           description="")


def claims(*rows):
    return pd.DataFrame([{**CLAIM, **r} for r in rows])


def refs(*rows):
    return pd.DataFrame([{**REF, **r} for r in rows], columns=list(REF))


def exam(cl, rf=None):
    return CrossExamination(cl, rf if rf is not None else refs(), SUBJECTS, REG)


def test_sources_that_agree_are_not_flagged():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="entry", category="date", date="1944-08-25", date_precision="day"),
        dict(claim_id="B1", source_id="B", subject="entry", category="date", date="1944-08", date_precision="month"),
    )
    e = exam(cl, refs(dict(ref_id="R1", subject="entry", category="date", date="1944-08-25", date_precision="day")))
    assert e.conflict_table().empty
    ag = e.agreement_table().set_index(["source_id", "subject"])
    assert ag.loc[("A", "entry"), "status"] == "agrees"
    assert ag.loc[("A", "entry"), "corroborated_by"] == "B"
    assert ag.loc[("C", "entry"), "status"] == "silent"


def test_a_source_that_departs_from_the_others_and_the_reference_is_flagged_once_per_pair():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="entry", category="date", date="1944-08-25", date_precision="day"),
        dict(claim_id="B1", source_id="B", subject="entry", category="date", date="1944-08-30", date_precision="day"),
    )
    e = exam(cl, refs(dict(ref_id="R1", subject="entry", category="date", date="1944-08-25", date_precision="day")))
    ct = e.conflict_table()
    assert set(ct["conflict_id"]) == {"B1~A1", "B1~R1"}
    row = ct.set_index("kind").loc["source_vs_reference"]
    assert row["difference"] == "5" and row["severity"] == "major"
    assert "30 August 1944" in row["explanation"] and "25 August 1944" in row["explanation"]
    assert e.agreement_table().set_index(["source_id", "subject"]).loc[("B", "entry"), "status"] == "conflicts"


def test_a_claim_matching_only_weaker_references_is_a_minor_conflict():
    cl = claims(dict(claim_id="A1", source_id="A", subject="entry", category="date", date="1944-07-19", date_precision="day"))
    rf = refs(
        dict(ref_id="R1", subject="entry", category="date", date="1944-07-18", date_precision="day", reliability="press"),
        dict(ref_id="R2", subject="entry", category="date", date="1944-07-19", date_precision="day", reliability="blog_or_forum"),
    )
    [row] = exam(cl, rf).conflict_table().to_dict("records")
    assert (row["other"], row["severity"]) == ("R1", "minor")
    assert "Only weaker references agree" in row["explanation"]


def test_a_claim_matching_a_strongest_reference_agrees_even_if_others_differ():
    cl = claims(dict(claim_id="A1", source_id="A", subject="dead", category="casualties", value="1000", unit="killed", qualifier="about"))
    rf = refs(
        dict(ref_id="R1", subject="dead", category="casualties", value="1000", unit="killed", qualifier="about"),
        dict(ref_id="R2", subject="dead", category="casualties", value="1600", unit="killed", qualifier="exact"),
    )
    e = exam(cl, rf)
    assert e.conflict_table().empty
    row = e.agreement_table().set_index(["source_id", "subject"]).loc[("A", "dead")]
    assert (row["status"], row["references"]) == ("agrees", "R1")


def test_a_claim_with_no_reference_is_unverifiable():
    cl = claims(dict(claim_id="A1", source_id="A", subject="dead", category="casualties", value="10", unit="killed", qualifier="exact"))
    assert exam(cl).agreement_table().set_index(["source_id", "subject"]).loc[("A", "dead"), "status"] == "unverifiable"


def test_participation_is_compared_as_sets_of_nations():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="forces", category="participation", entity="France"),
        dict(claim_id="A2", source_id="A", subject="forces", category="participation", entity="United Kingdom"),
        dict(claim_id="B1", source_id="B", subject="forces", category="participation", entity="French 2nd Armored Division"),
        dict(claim_id="C1", source_id="C", subject="forces", category="participation", entity="US 4th Infantry Division"),
    )
    rf = refs(
        dict(ref_id="R1", subject="forces", category="participation", entity="France", stance="took_part", reliability="official_or_academic"),
        dict(ref_id="R2", subject="forces", category="participation", entity="United Kingdom", stance="did_not_take_part", reliability="official_or_academic"),
        dict(ref_id="R3", subject="forces", category="participation", entity="United Kingdom", stance="took_part", reliability="encyclopedia"),
    )
    ct = exam(cl, rf).conflict_table()
    # A's British forces conflict with the strongest reference, once. B and C are
    # silent about the United Kingdom (and C about France): silence is no conflict.
    [row] = ct.to_dict("records")
    assert (row["conflict_id"], row["kind"]) == ("A2~R2", "source_vs_reference")
    # An encyclopedia names the UK too: the references are split, so the conflict is minor.
    assert row["severity"] == "minor" and "Only weaker references agree" in row["explanation"]
    ct = exam(cl, rf[rf["ref_id"] != "R3"]).conflict_table()
    assert ct.set_index("conflict_id").loc["A2~R2", "severity"] == "major"


def test_a_named_nation_the_best_reference_confirms_is_not_flagged():
    cl = claims(dict(claim_id="A1", source_id="A", subject="forces", category="participation", entity="United Kingdom"))
    rf = refs(dict(ref_id="R1", subject="forces", category="participation", entity="United Kingdom", stance="took_part", reliability="encyclopedia"),
              dict(ref_id="R2", subject="forces", category="participation", entity="United Kingdom", stance="did_not_take_part", reliability="blog_or_forum"))
    assert exam(cl, rf).conflict_table().empty


def test_a_source_that_contradicts_itself_is_an_internal_conflict():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="entry", category="date", date="1944-08-25", date_precision="day"),
        dict(claim_id="A2", source_id="A", subject="entry", category="date", date="1944-08-30", date_precision="day"),
    )
    [row] = exam(cl).conflict_table().to_dict("records")
    assert (row["kind"], row["claim_id"], row["other"]) == ("internal", "A2", "A1")
    assert "contradicts itself" in row["explanation"]


def test_a_source_repeating_itself_is_not_flagged():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="entry", category="date", date="1944-08-25", date_precision="day"),
        dict(claim_id="A2", source_id="A", subject="entry", category="date", date="1944-08", date_precision="month"),
    )
    assert exam(cl).conflict_table().empty


def test_an_event_dated_after_the_end_of_the_period_it_is_placed_in_is_internal():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="period", category="date", date="1944-08-20", date_precision="day"),
        dict(claim_id="A2", source_id="A", subject="entry", category="date", date="1944-08-30", date_precision="day", within="A1"),
        dict(claim_id="A3", source_id="A", subject="dead", category="casualties", value="5", unit="killed"),
    )
    [row] = exam(cl).conflict_table().to_dict("records")
    assert (row["kind"], row["claim_id"], row["other"], row["difference"]) == ("internal", "A2", "A1", "10")


def test_an_event_inside_its_period_is_not_flagged():
    cl = claims(
        dict(claim_id="A1", source_id="A", subject="period", category="date", date="1944-08-20", date_precision="day"),
        dict(claim_id="A2", source_id="A", subject="entry", category="date", date="1944-07-19", date_precision="day", within="A1"),
        dict(claim_id="A3", source_id="A", subject="entry", category="date", date="1944-06-06", date_end="1944-08-20",
             date_precision="approximate", within="A1"),
    )
    assert exam(cl).conflict_table().empty


def test_explanations_name_the_source_and_keep_proper_nouns():
    assert compare.the("US Army history (web copy)") == "the US Army history (web copy)"
    assert compare.the("Fan wiki") == "the fan wiki"
    assert compare.the("Arabic news article") == "the Arabic news article"
    assert compare.nation("United Kingdom") == "the United Kingdom"


def test_every_participation_entity_in_the_ledger_has_a_nation():
    from paris1944 import paths
    ledger = pd.read_csv(paths.DATA / "claims.csv", dtype=str, keep_default_na=False)
    entities = set(ledger.loc[ledger["category"] == "participation", "entity"])
    assert entities <= set(compare.NATION)
