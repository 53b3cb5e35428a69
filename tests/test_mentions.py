"""The mention finder: dates, numbers and named actors, in three languages, and how each is accounted for."""

import pytest

from paris1944.evidence import entity_records, mentions, package
from paris1944.evidence.mentions import find_actors, find_mentions


def texts(text, language):
    return [m.text for m in find_mentions(text, language)]


def test_digits_with_any_grouping():
    assert texts("2,000,000 troops and 100\u00a0000 men, 100 000 people, 226,000 450,000", "en") == [
        "2,000,000",
        "100\u00a0000",
        "100 000",
        "226,000",
        "450,000",
    ]


def test_english_dates_years_ordinals_and_words():
    found = texts("On June 6, D-Day; Date June 6-August 20, 1944; since 1940; the 2nd Armored; four years; tens of thousands", "en")
    assert found == ["June 6", "June 6-August 20, 1944", "1940", "2nd", "four", "thousands"]


def test_page_furniture_is_found_so_that_it_must_be_excluded():
    assert texts("25px Britain", "en") == ["25px"]


def test_russian_dates_with_month_names_and_numbers():
    found = texts("6 июня 1944 года началась; К июлю 1944 года; 14 июля; почти 100 000 жителей; 4-й пехотной; две недели", "ru")
    assert found == ["6 июня 1944 года", "июлю 1944 года", "14 июля", "100 000", "4-й", "две"]


def test_arabic_dates_written_in_words():
    found = texts("في التاسع عشر من أغسطس من عام 1944، وفي الثالث والعشرين من أغسطس، قبل شهرين، أكثر من 600 حاجز", "ar")
    assert found == ["التاسع عشر من أغسطس من عام 1944", "الثالث والعشرين من أغسطس", "شهرين", "600"]


def test_arabic_indic_digits():
    assert texts("عام ١٩٤٤", "ar") == ["١٩٤٤"]


def test_an_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="expected en, ru or ar"):
        find_mentions("x", "fr")


@pytest.fixture(scope="module")
def entities():
    return entity_records(package.read_rows("entities"))


def actors(text, language, entities):
    return [(m.text, m.entity) for m in find_actors(text, language, entities)]


def test_actors_by_name_rank_and_unit_in_english(entities):
    found = actors("General Eisenhower sent the 4th Infantry Division and Gen. Leclerc; Colonel Smithers stayed.", "en", entities)
    assert ("General Eisenhower", "Dwight D. Eisenhower") in found
    assert any(text == "4th Infantry Division" for text, _ in found)
    assert ("Colonel Smithers", "") in found  # a rank and a name the entities table does not know is still found


def test_actors_in_russian_and_arabic_with_inflections_and_clitics(entities):
    ru = actors("Генерал Эйзенхауэр направил поддержку; приказ Эйзенхауэра", "ru", entities)
    assert sum(e == "Dwight D. Eisenhower" for _, e in ru) == 2
    ar = actors("وأمر أيضا أيزنهاور قواته، ولأيزنهاور خطة", "ar", entities)
    assert [e for _, e in ar].count("Dwight D. Eisenhower") == 2


def test_account_finds_a_mention_no_claim_covers(entities):
    text = "On August 19, 1944, General Eisenhower waited."
    claims = [{"source_id": "s", "start": 0, "end": 18, "entity": "", "party": ""}]
    out = mentions.account({"s": text}, {"s": "en"}, claims, [], entities)
    status = {a.mention.text: a.status for a in out}
    assert status["August 19, 1944"] == "claim"
    assert status["General Eisenhower"] == "unaccounted"
    excluded = [{"source_id": "s", "start": text.index("General"), "end": text.index(" waited")}]
    out = mentions.account({"s": text}, {"s": "en"}, claims, excluded, entities)
    assert {a.status for a in out} == {"claim", "excluded"}


def test_an_actor_is_covered_only_by_a_claim_that_names_it(entities):
    text = "General Eisenhower and General Bradley agreed."
    claims = [{"source_id": "s", "start": 0, "end": len(text), "entity": "Dwight D. Eisenhower", "party": ""}]
    out = {a.mention.text: a.status for a in mentions.account({"s": text}, {"s": "en"}, claims, [], entities)}
    assert out["General Eisenhower"] == "claim"
    assert out["General Bradley"] == "unaccounted"
