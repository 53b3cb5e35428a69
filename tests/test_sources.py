"""The source texts are evidence: they must stay byte for byte as received."""

import re

import pytest

from paris1944 import sources

# As received (shared/seeds/README.md). Kept here, apart from data/sources.csv,
# so that editing a text *and* its registry row still fails.
RECEIVED_SHA256 = {
    "000_0502907062a6db50": "c79b2da1a81711a735a419b0fc72d9f42f4ead259205b9697dd8bb62634a7ae0",
    "001_14f9cd03a0686601": "d1004a20b67da49690296b6525258d47f27e27588109181b3418e0854c87aff8",
    "002_3a15b560a6a0dcb7": "5662b6da61608c9178f0306df7fc3186ffa23bc7d3fdba04e77006dc8244f760",
    "003_e33d0282d66cdbe0": "8492d25c5986a6175e8d1eca7be9ddb8e4cce2cf0f3f9a76f7995e201bcc6375",
    "004_58820600d2b39b52": "eeaf35e0042ca7cc43e8b3adb5ebed9e4a2550ea6bad37758bb5df99b30dc10c",
}


@pytest.fixture(scope="module")
def registry():
    return sources.load_registry()


def test_registry_lists_exactly_the_received_sources(registry):
    assert sorted(registry["source_id"]) == sorted(RECEIVED_SHA256)


@pytest.mark.parametrize("source_id", sorted(RECEIVED_SHA256))
def test_source_text_is_byte_identical_to_what_was_received(source_id, registry):
    path = sources.text_path(source_id)
    digest = sources.sha256_of(path)
    assert digest == RECEIVED_SHA256[source_id], f"{path} was edited"
    row = registry.set_index("source_id").loc[source_id]
    assert row["sha256"] == digest
    assert row["file"] == f"sources/{source_id}.txt"
    assert int(row["characters"]) == len(sources.read_text(source_id))


def test_registry_fields_are_filled_and_controlled(registry):
    required = ["source_id", "file", "sha256", "characters", "label", "title", "language",
                "genre", "author", "publisher", "site", "url", "cites", "licence", "notes", "criticism"]
    assert list(registry.columns) == required
    for col in required:
        assert (registry[col].str.strip() != "").all(), f"empty {col}: unknown values say 'not identified'"
    assert set(registry["language"]) == {"en", "ru", "ar"}
    assert (registry["language"] == "en").sum() == 3
    for url in registry["url"]:
        assert url == "not identified" or re.match(r"https://\S+$", url)
    assert registry.loc[registry["source_id"].str.startswith("004"), "licence"].item() == "CC BY-SA"


def test_texts_decode_and_keep_their_own_script():
    texts = sources.read_texts()
    assert re.search("[а-я]{5}", texts["002_3a15b560a6a0dcb7"])
    assert re.search("[\u0600-\u06ff]{5}", texts["003_e33d0282d66cdbe0"])


def test_profile_measures_every_source():
    profile = sources.profile()
    assert len(profile) == 5
    assert (profile["characters"] > 2000).all()
    assert profile.set_index("source_id").loc["002_3a15b560a6a0dcb7", "language_name"] == "Russian"
