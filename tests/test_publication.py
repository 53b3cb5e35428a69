"""What lets others cite, reuse, re-run and annotate the book: citation files, licences, Binder,
exports, Web Annotations, ClaimReview, and HTML that never lets a source's text become markup."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import paris1944
from paris1944.evidence import package, sources
from paris1944.publication import annotations, citation, claimreview, tables
from paris1944.publication.html import E, mixed, quote

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name):
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def _cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


# ------------------------------------------------------------------ citation and archive
def test_citation_cff_validates():
    out = subprocess.run([_tool("cffconvert"), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_citation_agrees_with_the_book_the_package_and_the_data():
    cff, cfg = _cff(), _config()
    assert cff["title"] == cfg["title"]
    assert cff["version"] == paris1944.__version__ == package.descriptor()["version"]
    assert cff["repository-code"] == cfg["repository"]["url"]
    assert cff["url"] == cfg["html"]["baseurl"]
    assert [a["name"] for a in cff["authors"]] == [cfg["author"]]
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}


def test_zenodo_metadata_agrees_with_citation_cff():
    cff = _cff()
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zen["title"] == cff["title"]
    assert zen["version"] == cff["version"]
    assert zen["publication_date"] == str(cff["date-released"])
    assert [c["name"] for c in zen["creators"]] == [a["name"] for a in cff["authors"]]
    assert zen["description"] == " ".join(cff["abstract"].split())
    assert zen["keywords"] == cff["keywords"]
    assert zen["license"] == "cc-by-4.0" and "CC-BY-4.0" in cff["license"]
    related = {r["identifier"]: r["relation"] for r in zen["related_identifiers"]}
    assert related == {cff["repository-code"]: "isSupplementTo", cff["url"]: "isIdenticalTo"}


def test_book_citation_and_figure_citation_carry_the_address_and_version():
    meta = citation.book()
    c = citation.book_citation(meta)
    assert meta["url"] in c["full"] and meta["version"] in c["full"] and "@book{paris1944," in c["bibtex"]
    f = citation.figure("A title with & and %", meta["url"] + "notebooks/02-chronology.html#fig-timeline", "4", meta)
    assert f["short"].endswith("#fig-timeline") and "Figure 4" in f["full"]
    assert 'url = "' + meta["url"] + 'notebooks/02-chronology.html#fig-timeline"' in f["bibtex"]
    assert "\\&" in f["bibtex"] and "\\%" in f["bibtex"]


def test_licences_are_stated():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content and "CC BY-SA" in content and "criticism and analysis" in content


# ------------------------------------------------------------------ Binder and the environment
def test_binder_builds_the_python_311_environment_from_requirements():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "environment.yml").exists(), "would switch Binder to the conda build pack"
    out = subprocess.run([_tool("repo2docker"), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=120)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log
    assert "python=3.11" in log and 'pip install --no-cache-dir -r "requirements.txt"' in log


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_requirements_are_pinned(name):
    lines = [line.strip() for line in (ROOT / name).read_text().splitlines()]
    pins = [line for line in lines if line and not line.startswith(("#", "-r", "-e"))]
    assert pins and all("==" in line for line in pins), [line for line in pins if "==" not in line]


def test_launch_buttons_open_notebooks_on_binder():
    cfg = _config()
    assert cfg["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert cfg["repository"]["url"].startswith("https://github.com/")
    assert {".venv", "_build", "node_modules"} <= set((ROOT / ".dockerignore").read_text().split())


# ------------------------------------------------------------------ HTML
def test_text_from_a_source_is_escaped_everywhere():
    hostile = '</td><script>alert("x")</script>&amp;'
    html = str(E("td", hostile, title=hostile))
    assert "<script>" not in html and "&lt;/td&gt;" in html and 'title="&lt;/td&gt;&lt;script&gt;' in html
    assert "<script>" not in str(quote(hostile, "ar"))
    table = tables.Table([{"a": hostile}], [tables.Column("a", "A", kind="words")], "Caption <b>")
    assert "<script>" not in str(table) and "Caption &lt;b&gt;" in str(table)


def test_foreign_words_in_english_text_carry_their_language():
    out = "".join(map(str, mixed("The article says استسلم شولتيتز and the page says Париж.")))
    assert '<span lang="ar" dir="rtl">استسلم شولتيتز</span>' in out
    assert '<span lang="ru" dir="ltr">Париж</span>' in out


def test_translated_words_show_the_original_beside_our_translation():
    cell = "".join(map(str, tables.words("Париж освобождён", "Paris is liberated", "ru", "working translation")))
    assert 'lang="ru"' in cell and "Paris is liberated" in cell and tables.TRANSLATION_NOTE in cell
    english = str(tables.words("Paris", "Paris", "en", "original"))
    assert tables.TRANSLATION_NOTE not in english


def test_claim_ids_in_tables_are_links_to_the_ledger():
    link = str(tables.claim_link("C004-35"))
    assert 'href="../book/ledger.html#claim-C004-35"' in link


def test_cells_are_separated_for_the_search_index():
    html = str(tables.Table([{"a": "August", "b": "باريس"}], [tables.Column("a", "A"), tables.Column("b", "B")], "c"))
    assert "August</td>\n" in html


# ------------------------------------------------------------------ Web Annotations
@pytest.fixture(scope="module")
def collection(book):
    from paris1944.publication import exports

    base = citation.book()["url"]
    return exports.annotation_collection(book, lambda rel: base + rel)


def test_one_annotation_per_claim_in_the_w3c_model(collection, book):
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and "code points" in collection["offsetUnit"]
    items = collection["first"]["items"]
    assert len(items) == collection["total"] == len(book.claims)
    for note in items:
        assert note["type"] == "Annotation" and note["motivation"] in ("assessing", "describing")
        kinds = [s["type"] for s in note["target"]["selector"]]
        assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
        assert note["target"]["source"].startswith("http") and note["target"]["language"] in ("en", "ru", "ar")


def test_every_annotation_re_anchors_from_its_quote_alone(collection, book):
    """As an annotation client does when a page changes: prefix + exact + suffix occurs exactly once,
    and where it sits is exactly what the position selector says."""
    texts = sources.read_texts()
    by_page = {r["url"]: r["source_id"] for r in book.registry.to_dict("records")}
    items = collection["first"]["items"]
    assert items
    for note in items:
        text = texts[by_page[note["target"]["source"]]]
        quote_sel, position = note["target"]["selector"]
        assert annotations.anchor(text, quote_sel) == (position["start"], position["end"]), note["id"]


def test_the_quote_selector_grows_its_context_until_it_is_unique():
    text = "the city, the city, the city of Paris"
    sel = annotations.quote_selector(text, 10, 18)  # the second "the city"
    assert annotations.anchor(text, sel) == (10, 18)
    assert annotations.anchor(text + " " + text, sel) is None  # ambiguous after the page changed: not anchored


def test_hypothesis_payloads_anchor_by_words(collection):
    note = collection["first"]["items"][0]
    payload = annotations.hypothesis_payload(note, group="abc")
    assert payload["uri"] == note["target"]["source"] and payload["group"] == "abc"
    assert [s["type"] for s in payload["target"][0]["selector"]] == ["TextQuoteSelector"]
    assert note["id"] in payload["text"] and payload["tags"][0] == "paris1944"


# ------------------------------------------------------------------ ClaimReview
SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def _expand(doc: dict) -> list:
    """Expand with a JSON-LD processor, schema.org's context served locally (the tests run offline)."""
    from pyld import jsonld

    def loader(url, options=None):
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}

    return jsonld.expand(doc, {"documentLoader": loader})


def test_annotations_call_a_claim_in_error_only_when_its_finding_is_published(collection, book):
    from paris1944 import vocabulary as v

    outcome = book.results.verdicts.set_index("claim_id")["outcome"]
    for note in collection["first"]["items"]:
        cid = note["id"].rsplit("claim-", 1)[1]
        body = note["body"][0]["value"]
        assert (book.vocabulary.words(v.IN_ERROR) in body) == (outcome[cid] == v.IN_ERROR), body
        assert ("finding F-" in body) == (outcome[cid] == v.IN_ERROR), body


def test_claimreviews_for_every_published_finding_that_judges_a_claim(book):
    """Every other finding is marked published (the data's own sign-offs change as reviews come in): a review for
    each published one that judges a claim, none for the rest; each Claim with its first appearance, the source's
    page, and its date where the registry knows it; every address absolute."""
    from paris1944.publication.views import finding_rows

    meta = citation.book()
    findings = finding_rows(book, book.results.findings, book.results)
    assert findings
    for i, f in enumerate(findings):
        f["gate"], f["severity"] = ("published", "major") if i % 2 == 0 else ("not_signed", "")
    claims = {c["claim_id"]: c for c in book.claims.to_dict("records")}
    registry = {s["source_id"]: dict(s) for s in book.registry.to_dict("records")}
    dated = claims[findings[0]["claim_ids"].split()[0]]["source_id"]
    registry[dated]["notes"] += " Dated 2019-08-23 (as given when it was registered)."  # as `paris1944 add-source --date` keeps it
    reviews = claimreview.reviews(findings, claims, registry, meta, lambda f: f"book/findings.html#{f}", lambda s: f"data/sources/{s}.txt")
    judging = [f for f in findings if f["gate"] == "published" and f["kind"] in claimreview.JUDGING]
    assert judging and len(reviews) == len(judging), "a ClaimReview for each published finding, and only for those"
    S = "https://schema.org/"
    for review, f in zip(reviews, judging):
        source = registry[claims[f["claim_ids"].split()[0]]["source_id"]]
        (node,) = _expand(review)
        assert node["@type"] == [S + "ClaimReview"]
        for field in ("claimReviewed", "itemReviewed", "author", "datePublished", "url", "reviewRating"):
            assert S + field in node, field
        rating = node[S + "reviewRating"][0]
        assert 1 <= rating[S + "ratingValue"][0]["@value"] <= 5 and rating[S + "alternateName"][0]["@value"]
        item = node[S + "itemReviewed"][0]
        assert item["@type"] == [S + "Claim"] and item[S + "appearance"][0][S + "url"]
        first = item[S + "firstAppearance"][0]
        assert first["@type"] == [S + "CreativeWork"] and first[S + "url"][0]["@value"] == source["url"]
        date = [d["@value"] for d in item.get(S + "datePublished", [])]
        assert date == (["2019-08-23"] if source["source_id"] == dated else [])
        assert node[S + "url"][0]["@value"] == f"{meta['url']}book/findings.html#{f['finding_id']}"
        assert all(u.startswith(("http://", "https://")) for u in _urls(review))
    assert any(r["itemReviewed"].get("datePublished") == "2019-08-23" for r in reviews)


def _urls(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from [v] if k == "url" else _urls(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _urls(v)
