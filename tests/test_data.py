"""The data package and the derived tables: valid, complete, and never stale."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from paris1944 import dictionary, paths, pipeline, reference, sources

FRICTIONLESS = str(Path(sys.executable).parent / "frictionless")


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("rel", sorted(pipeline.derived_tables(paths.DATA)))
def test_committed_derived_table_is_fresh(rel):
    expected = pipeline.derived_tables(paths.DATA)[rel]
    committed = _read(paths.DATA / rel)
    pd.testing.assert_frame_equal(committed, expected.astype(str).replace("nan", ""), check_dtype=False,
                                  obj=f"data/{rel} is stale: run `make data` and commit")


def test_datapackage_is_fresh():
    committed = json.loads((paths.ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == dictionary.datapackage(), "datapackage.json is stale: run `make data`"


def test_bibliography_is_fresh():
    from paris1944 import bibliography

    expected = bibliography.bibtex(sources.load_registry(), reference.load())
    assert (paths.ROOT / "book" / "references.bib").read_text(encoding="utf-8") == expected, "run `make data`"


def test_datapackage_describes_every_table_and_field():
    pkg = dictionary.datapackage()
    for res in pkg["resources"]:
        header = list(_read(paths.ROOT / res["path"]).columns)
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]
        assert all(f["description"] for f in res["schema"]["fields"])
    # Every table in data/ is in the package, derived ones included (the raw reference copy is an input).
    described = {res["path"] for res in pkg["resources"]}
    tables = {f"data/{p.relative_to(paths.DATA)}" for p in paths.DATA.rglob("*.csv")} - {"data/reference/reference_facts.csv"}
    assert tables == described


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


def test_reference_keeps_every_fact_with_its_title_and_url():
    raw = reference.load_raw()
    ref = reference.load()
    assert set(raw["fact_id"]) == set(ref["fact_id"])
    assert (ref["reference_title"] != "").all() and ref["reference_url"].str.startswith("http").all()
    merged = ref.merge(raw[["fact_id", "reference_url"]], on="fact_id", suffixes=("", "_raw"))
    assert (merged["reference_url"] == merged["reference_url_raw"]).all()


def test_compound_reference_values_are_split():
    ref = reference.load().set_index("ref_id")
    assert ref.loc["CAS-12", ["value", "unit"]].tolist() == ["30000", "killed"]
    assert ref.loc["CAS-12.2", ["value", "unit"]].tolist() == ["80000", "wounded"]
    assert ref.loc["CAS-12.3", ["value", "unit"]].tolist() == ["210000", "missing"]
    assert ref.loc["TRP-19.2", "subject"] == "german_troops_paris_outskirts"


def test_reliability_classes_weigh_the_references():
    assert reference.reliability_of("https://www.cheminsdememoire.gouv.fr/en/x") == "official_or_academic"
    assert reference.reliability_of("https://en.wikipedia.org/wiki/Falaise_pocket") == "encyclopedia"
    assert reference.reliability_of("https://www.nrc.nl/nieuws/x") == "press"
    assert reference.reliability_of("http://ww2talk.com/index.php?threads/x") == "blog_or_forum"
    assert reference.reliability_of("https://museedelaresistanceenligne.org./expo.php") == "official_or_academic"


def test_every_russian_and_arabic_claim_has_a_working_translation():
    claims = _read(paths.DATA / "claims.csv")
    reg = sources.load_registry().set_index("source_id")
    foreign = claims[claims["source_id"].map(reg["language"]) != "en"]
    assert len(foreign) > 0
    assert (foreign["translation"] == "working translation").all()
    assert (foreign["quote_en"] != foreign["quote"]).all()
    assert foreign["quote_en"].str.contains("[A-Za-z]{3}").all()
    assert not foreign["quote_en"].str.contains("[\u0400-\u04ff\u0600-\u06ff]").any()


def test_every_source_and_category_of_claim_is_present():
    claims = _read(paths.DATA / "claims.csv")
    assert set(claims["source_id"]) == set(sources.load_registry()["source_id"])
    assert {"date", "troops", "casualties", "distance", "count", "participation", "command"} <= set(claims["category"])
