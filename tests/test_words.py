"""Sentences built from counts read right for none, one and many; the chapter sentences say what their
tables count, in the words of statuses.csv."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from paris1944 import paths
from paris1944 import vocabulary as v
from paris1944.publication import words as w

BROKEN = re.compile(r"\b(1 \w+s are|1 \w+s have|\d+ \w+[^s] are|no \w+s is|none are|\bno of\b|0 \w+)\b")


@pytest.fixture(scope="module")
def vocabulary():
    return v.read()


@pytest.mark.parametrize("n, expected", [(0, "no finding is"), (1, "1 finding is"), (2, "2 findings are"), (1200, "1,200 findings are")])
def test_a_count_takes_its_verb(n, expected):
    assert w.are(n, "finding") == expected


@pytest.mark.parametrize("n, expected", [(0, "no claim"), (1, "1 claim"), (3, "3 claims")])
def test_a_count_takes_its_number(n, expected):
    assert w.count(n, "claim") == expected


@pytest.mark.parametrize(
    "outcomes, expected",
    [
        ([], "none is in error"),
        ([v.AGREES], "1 agrees with it and none is in error"),
        ([v.AGREES, v.AGREES, v.IN_ERROR], "2 agree with it and 1 is in error"),
        ([v.AGREES, v.UNDER_REVIEW, v.UNDER_REVIEW], "1 agrees with it, none is in error and 2 are in findings under review"),
        ([v.IN_ERROR, v.IN_ERROR, v.UNDER_REVIEW], "2 are in error and 1 is in a finding under review"),
    ],
)
def test_a_tally_of_statuses_reads_right_and_always_says_how_many_are_in_error(outcomes, expected, vocabulary):
    assert w.tally(outcomes, vocabulary) == expected


def test_every_status_has_its_verb_for_one_and_for_many(vocabulary):
    for status, row in vocabulary.statuses.items():
        assert row.one.split()[0] in ("is", "agrees", "depends", "has"), status
        assert row.many.split()[0] in ("are", "agree", "depend", "have"), status


def _views(book, results):
    from paris1944.publication.views.chronology import ChronologyView
    from paris1944.publication.views.figures import FiguresView
    from paris1944.publication.views.findings import FindingsView

    return [
        ChronologyView(book, results).title(),
        FiguresView(book, results, "fig-troops", "notebooks/03-troops").title(),
        FiguresView(book, results, "fig-casualties", "notebooks/04-casualties").title(),
        FindingsView(book, results).title(),
        FindingsView(book, results).glue()["published_sentence"],
        ChronologyView(book, results).glue()["findings_words"],
    ]


@pytest.mark.parametrize("published", [0, 1, "all"])
def test_the_chapter_sentences_read_right_with_none_one_or_every_finding_published(published):
    """The same book with no finding, one finding or every finding signed off: each headline sentence is grammatical
    and counts what the tables hold."""
    from paris1944.publication.book import Book

    book = Book.load()
    results = book.results
    f = results.findings.copy()
    keep = {0: 0, 1: 1, "all": len(f)}[published]
    f["gate"] = ["published" if i < keep else "not_signed" for i in range(len(f))]
    results.findings = f
    for text in _views(book, results):
        assert not BROKEN.search(text), text
        assert "  " not in text and " ," not in text, text


def test_the_figure_chapters_count_what_their_tables_list():
    from paris1944.publication.book import Book
    from paris1944.publication.views.figures import FiguresView

    book = Book.load()
    for name, page in (("fig-troops", "notebooks/03-troops"), ("fig-casualties", "notebooks/04-casualties")):
        view = FiguresView(book, book.results, name, page)
        c = view.counts()
        outcomes = pd.Series([r["outcome"] for r in view.figures_list().rows])
        assert c["n_given"] == len(outcomes)
        assert c["n_decided"] == outcomes.map(book.vocabulary.decided).sum()
        assert f"decides {c['n_decided']} of the {w.count(c['n_given'], 'figure')}" in view.title()


# A number glued into notebook prose, followed by a word that must agree with it.
DISAGREES = re.compile(
    r"\b1 (?!(?:is|was|has|this|its|as|us|yes|days?)\b)[a-z]+s\b(?! of)"  # '1 claims'
    r"|\b(?:1|[Oo]ne) (?:of the \w+ )?(?:are|have|give|agree|appear|were)\b"  # '1 are', 'One of the sources give'
    r"|\b[02] (?:\w+s )?(?:is|has|gives|agrees|appears|was)\b"  # '2 is left', '0 mentions is'
)


@pytest.mark.parametrize("path", sorted((paths.ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_a_number_in_the_notebook_prose_agrees_with_its_words_for_none_one_and_many(path, n):
    """Every count a notebook glues into its prose is set to 0, 1 and 2 in turn; the words after it must agree."""
    import json

    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        rendered = re.sub(r"\{eval\}`page\.(\w+)`", lambda m: str(n) if m[1].startswith("n_") else "Q", text)
        bad = [m.group(0) for m in DISAGREES.finditer(rendered)]
        assert not bad, f"{path.name}: {bad} in: {text[:200]}"


def test_how_far_apart_never_says_more_than_the_bare_figures():
    """The gap is measured between the two windows (the nearest readings of both figures), so it is a floor:
    150 miles against 30 is 'at least 4.6 times as large', never a bare '4.6 times', which a reader would check
    against 150 / 30 = 5 and find wrong."""
    from paris1944.publication.explain import _apart

    ratio = _apart({"measure": "ratio", "later": "True", "difference": 146.25 / 31.5})
    assert ratio.startswith("at least 4.6 times as large") and "margin" in ratio
    assert _apart({"measure": "days", "later": "True", "difference": 3}) == "at least 3 days later"


def test_a_distance_is_counted_from_its_place_not_in_it():
    """'30 miles, in Paris' would say the troops were in the city; the place of a distance is where it is measured from."""
    from types import SimpleNamespace

    distance = SimpleNamespace(category="distance", scope_place="Paris", scope_from="1944-08-19", scope_to="1944-08-19")
    crowd = SimpleNamespace(category="count", scope_place="Paris", scope_from="", scope_to="")
    assert w.scope_words(distance) == " from Paris, 19 August 1944"
    assert w.scope_words(crowd) == " in Paris"


def test_a_note_names_subjects_in_words_but_leaves_an_id_whole(book):
    """'F-003-allied_distance_from_paris_19_aug' is a finding's id: turning its subject into words broke the link."""
    subject = "allied_distance_from_paris_19_aug"
    assert book.readable(f"the subject {subject}.") == f"the subject {book.readable(subject)}."
    assert book.readable(subject) != subject
    for kept in (f"F-003-{subject}", f"F-004-{subject}-scope", "data/claim_reviews.csv"):
        assert book.readable(f"see {kept} here") == f"see {kept} here"


def test_a_reviewers_note_links_finding_ids_and_says_codes_in_words(book):
    """A review's note shown in the ledger: a finding id is a link to its card, a status or a consequence code is said."""
    from paris1944.publication import tables

    note = "'other_scope' rests on F-004-allied_strength_end_of_campaign-scope; a wrong_sequence candidate"
    parts = [str(p) for p in tables.linked(book.readable(note))]
    html = "".join(parts)
    assert 'href="../book/findings.html#F-004-allied_strength_end_of_campaign-scope"' in html
    assert "other_scope" not in html.replace("F-004-allied_strength_end_of_campaign-scope", "")
    assert "wrong_sequence" not in html and "wrong sequence" in html
