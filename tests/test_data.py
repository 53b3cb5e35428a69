"""The data package: one description of every table, valid, complete, and never stale."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from paris1944 import paths, pipeline
from paris1944.evidence import package

FRICTIONLESS = str(Path(sys.executable).parent / "frictionless")


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_committed_derived_files_are_fresh(tmp_path):
    """`make data` was run after the last edit: re-deriving into a copy changes no byte."""
    shutil.copytree(paths.DATA, tmp_path / "data")
    written = pipeline.write(tmp_path / "data")
    assert written
    stale = [
        str(p.relative_to(tmp_path))
        for p in sorted((tmp_path / "data").rglob("*"))
        if p.is_file() and p.read_bytes() != (paths.ROOT / p.relative_to(tmp_path)).read_bytes()
    ]
    assert not stale, f"stale derived files: {stale}; run `make data` and commit"


def test_every_table_in_data_is_described_with_its_header_and_descriptions():
    described = {r["path"] for r in package.resources()}
    on_disk = {f"data/{p.relative_to(paths.DATA)}" for p in paths.DATA.rglob("*") if p.suffix in (".csv", ".jsonld")}
    assert on_disk and on_disk == described
    for res in package.resources():
        assert res["description"] and res["title"]
        if "schema" not in res:
            continue
        header = list(_read(paths.ROOT / res["path"]).columns)
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]
        assert all(f["description"] for f in res["schema"]["fields"]), res["name"]


def test_datapackage_is_v2_with_contributors_and_the_books_version():
    import yaml

    d = package.descriptor()
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert d["version"] == yaml.safe_load((paths.ROOT / "CITATION.cff").read_text())["version"]
    assert {"creator", "publisher"} <= {role for c in d["contributors"] for role in c["roles"]}
    assert {r["paris1944"]["kind"] for r in d["resources"]} == {"input", "derived"}
    assert {r["paris1944"]["kind"] for r in d["paris1944_exports"]} == {"export"}, "what the site's build writes is described apart"


def test_no_column_list_is_written_in_the_code():
    """datapackage.json is the only place a table's columns are listed: no list of three or more of a table's
    column names appears in the package's code."""
    src = "\n".join(p.read_text(encoding="utf-8") for p in (paths.ROOT / "src" / "paris1944").rglob("*.py"))
    lists = re.findall(r"\[((?:\s*\"[a-z_]+\",){3,}\s*\"[a-z_]+\"\s*)\]", src)
    assert lists is not None
    for res in package.resources():
        if "schema" not in res:
            continue
        names = [f["name"] for f in res["schema"]["fields"]]
        for found in lists:
            items = re.findall(r"\"([a-z_]+)\"", found)
            assert not (len(items) >= 4 and items == names[: len(items)]), f"{res['name']} columns listed in code: {items}"


def test_frictionless_validates_the_data_package():
    out = subprocess.run([FRICTIONLESS, "validate", "datapackage.json"], cwd=paths.ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


def test_frictionless_rejects_a_broken_foreign_key(tmp_path):
    shutil.copytree(paths.DATA, tmp_path / "data")
    shutil.copy(paths.ROOT / "datapackage.json", tmp_path)
    claims = _read(tmp_path / "data" / "claims.csv")
    claims.loc[0, "subject"] = "no_such_subject"
    claims.to_csv(tmp_path / "data" / "claims.csv", index=False, lineterminator="\n")
    out = subprocess.run([FRICTIONLESS, "validate", "datapackage.json"], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode != 0 and "foreign-key" in out.stdout


def test_derived_tables_conform_to_their_schema():
    from paris1944.evidence import validate

    problems = []
    for name in package.names("derived"):
        if package.resource(name).get("type") != "table":
            continue
        problems += validate.row_problems(validate.Table(paths.DATA, name, problems))
    assert not problems, "\n".join(map(str, problems[:20]))


def test_every_reference_row_keeps_its_title_address_and_words():
    ref = _read(paths.DATA / "derived" / "reference.csv")
    assert len(ref) > 100
    assert (ref["reference_title"] != "").all()
    assert ref["reference_url"].str.match(r"https?://").all()
    assert (ref["excerpt"].str.len() >= 10).all()


def test_compound_reference_values_are_split():
    ref = _read(paths.DATA / "derived" / "reference.csv").set_index("ref_id")
    assert ref.loc["CAS-12", ["value", "unit"]].tolist() == ["30000", "killed"]
    assert ref.loc["CAS-12.2", ["value", "unit"]].tolist() == ["80000", "wounded"]
    assert ref.loc["CAS-12.3", ["value", "unit"]].tolist() == ["210000", "missing"]


def test_a_reference_is_weighed_as_its_work_where_the_copy_is_the_works_and_as_its_host_where_not():
    ref = _read(paths.DATA / "derived" / "reference.csv")
    pubs = _read(paths.DATA / "reference" / "publishers.csv")
    works = _read(paths.DATA / "reference" / "works.csv").set_index("work_id")
    classes = _read(paths.DATA / "reference" / "reliability_classes.csv").set_index("reliability")
    weighed = {"publisher_site": 0, "verified_copy": 0, "unverified_copy": 0}
    for r in ref[ref["inputs"] == ""].itertuples():
        host = max((p for p in pubs.itertuples() if r.reference_url.startswith(p.url_prefix)), key=lambda p: len(p.url_prefix))
        expected = works.loc[r.work_id, "reliability"] if r.copy in ("publisher_site", "verified_copy") else host.reliability
        assert r.reliability == expected, r.ref_id
        assert r.rank == classes.loc[r.reliability, "rank"], r.ref_id
        weighed[r.copy] += 1
    assert all(weighed.values()), weighed


def test_the_official_histories_are_among_the_works_that_decide():
    ref = _read(paths.DATA / "derived" / "reference.csv")
    deciding = ref[ref["rank"] == "1"]
    assert (deciding["reliability"] == "official_history").sum() >= 3
    assert {"C. P. Stacey"} <= set(deciding["author"])


def test_a_childrens_edition_never_decides():
    ref = _read(paths.DATA / "derived" / "reference.csv")
    kids = ref[ref["reference_url"].str.contains("kids.britannica|school.eb|student", case=False)]
    assert len(kids) and (kids["rank"] != "1").all(), kids[kids["rank"] == "1"]["ref_id"].tolist()


def test_every_russian_and_arabic_claim_has_a_working_translation(book):
    lang = book.claims["source_id"].map(book.language)
    foreign = book.claims[lang != "en"]
    assert len(foreign) > 50
    assert (foreign["translation"] == "working translation").all()
    assert foreign["quote_en"].str.contains("[A-Za-z]{3}").all()
    assert not foreign["quote_en"].str.contains("[\u0400-\u04ff\u0600-\u06ff]").any()
    english = book.claims[lang == "en"]
    assert (english["translation"] == "original").all() and (english["quote_en"] == english["quote"]).all()


def test_every_source_and_kind_of_claim_is_present(book):
    assert set(book.claims["source_id"]) == set(book.registry["source_id"])
    assert {"date", "troops", "casualties", "distance", "count", "share", "participation", "command", "order", "request", "place"} <= set(
        book.claims["category"]
    )


def test_reviews_claimed_in_the_book_are_recorded():
    """A page that says a review was done names a review id that data/reviews.csv holds."""
    reviews = set(_read(paths.DATA / "reviews.csv")["review_id"])
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*(paths.ROOT / "book").glob("*.md"), *(paths.ROOT / "notebooks").glob("*.ipynb")])
    cited = set(re.findall(r"\bR-\d\d\b", text))
    assert cited, "the book names the reviews it relies on"
    assert cited <= reviews


@pytest.mark.parametrize("word", ["checked twice", "sharpest", "extracts every", "every order"])
def test_no_claim_of_more_than_the_record_shows(word):
    text = "\n".join(
        p.read_text(encoding="utf-8").lower() for p in [*(paths.ROOT / "book").glob("*.md"), *(paths.ROOT / "notebooks").glob("*.ipynb")]
    )
    assert word not in text


def test_changelog_has_a_section_for_this_version():
    version = package.descriptor()["version"]
    assert f"## {version} (" in (paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_no_derived_table_holds_a_sentence_the_code_composed():
    """The pipeline writes ids, values and codes: no cell of a derived table is an English sentence, unless it passes
    an input's own words through (a quote, an excerpt, a description, a reviewer's consequence)."""
    passed = {
        "description",
        "excerpt",
        "consequence",
        "reference_title",
        "work_title",
        "author",
        "locator",
        "host",
        "publisher",
        "scope_place",
        "entity",
    }
    for name in package.names("derived"):
        table = _read(paths.ROOT / package.resource(name)["path"])
        for column in set(table.columns) - passed:
            sentences = table[column][table[column].str.contains(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+", regex=True)]
            assert sentences.empty, f"{name}.{column}: {sentences.iloc[0]!r}"


def test_no_step_writes_the_readme(tmp_path):
    shutil.copytree(paths.DATA, tmp_path / "data")
    written = pipeline.write(tmp_path / "data")
    assert written and all(p.is_relative_to(tmp_path / "data" / "derived") for p in written)


def test_every_subject_with_a_claim_that_carries_no_verdict_has_its_search_on_record():
    """The methods chapter says so: a claim without a verdict is never left without the search that failed."""
    claims = _read(paths.DATA / "claims.csv")
    verdicts = _read(paths.DATA / "derived" / "verdicts.csv")
    statuses = _read(paths.DATA / "vocabulary" / "statuses.csv")
    searches = _read(paths.DATA / "reference" / "searches.csv")
    undecided = set(statuses.loc[statuses["decided"] == "no", "status"])
    open_claims = claims.merge(verdicts, on="claim_id")
    open_claims = open_claims[open_claims["outcome"].isin(undecided)]
    assert len(open_claims)
    missing = sorted(set(open_claims["subject"]) - set(searches["subject"]))
    assert not missing, missing
    # and the search names the claim, so a reader can find why it stayed open
    named = set(" ".join(searches["claim_ids"]).split())
    assert not sorted(set(open_claims["claim_id"]) - named)


def test_a_search_on_record_holds_its_own_text_and_no_report_pasted_after_it():
    """Each field is what a reader of the methods chapter sees: a report's next heading or summary is not part of it."""
    searches = _read(paths.DATA / "reference" / "searches.csv")
    for field in ("queries", "pages_read", "why"):
        leftovers = searches.loc[searches[field].str.contains(r"(?:^|\s)(?:#{2,}|---)\s|\*\*", regex=True), "subject"]
        assert not len(leftovers), (field, sorted(leftovers))


def test_a_search_on_record_says_decided_only_when_the_verdicts_do():
    """searches.csv is written by people; its outcome must not go stale when a later round decides or withholds a claim."""
    searches = _read(paths.DATA / "reference" / "searches.csv")
    verdicts = _read(paths.DATA / "derived" / "verdicts.csv").set_index("claim_id")
    statuses = _read(paths.DATA / "vocabulary" / "statuses.csv")
    decided = set(statuses.loc[statuses["decided"] == "yes", "status"])
    stale = [
        r.subject
        for r in searches.itertuples()
        if (r.outcome == "decided") != all(verdicts.loc[c, "outcome"] in decided for c in r.claim_ids.split())
    ]
    assert not stale, stale
