"""The mention finder: every date and number expression, in three languages."""

from paris1944.mentions import find_mentions


def texts(text, language):
    return [m.text for m in find_mentions(text, language)]


def test_digits_with_any_grouping():
    assert texts("2,000,000 troops and 100\u00a0000 men, 100 000 people, 226,000 450,000", "en") == [
        "2,000,000", "100\u00a0000", "100 000", "226,000", "450,000"]


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
    import pytest

    with pytest.raises(ValueError, match="expected en, ru or ar"):
        find_mentions("x", "fr")
