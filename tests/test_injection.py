"""No live formula in any spreadsheet-bound file. Each formula trigger (OWASP's list) is put at the start of every
free-text column of a copy of the inputs; the validator warns about each and still finds the data valid; the
whole pipeline runs (derived tables, a sign-off that publishes findings, the figures' data, the site's data/
and figures/ folders); then no cell of any CSV the site publishes begins as a formula, and JSON, JSON Lines and
ClaimReview keep the exact text."""

import csv
import io
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from paris1944 import paths
from paris1944.evidence import package

ROOT = Path(__file__).resolve().parents[1]
TRIGGERS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?")
# Every column that holds free text: not ids, codes, numbers, dates, addresses or words the validator matches
# against a text (a claim's quote, an excluded mention, an English source's quote_en, which is its quote).
FREE_TEXT = {
    "sources": ["label", "title", "genre", "author", "publisher", "site", "cites", "licence", "notes", "criticism"],
    "upstreams": ["title", "author", "publisher", "upstream_excerpt", "source_excerpt", "established_by"],
    "upstream_readings": ["upstream_says", "excerpt"],
    "claims": ["quote_en", "note", "scope_place"],
    "subjects": ["description"],
    "entities": ["description"],
    "conventions": ["label", "example", "rule", "reason"],
    "units": ["words", "description"],
    "translations": ["text_en"],
    "excluded_mentions": ["reason"],
    "categories": ["label", "description"],
    "statuses": ["words", "short", "one", "many", "description"],
    "languages": ["name", "translation"],
    "finding_kinds": ["words", "description"],
    "origins": ["words", "description"],
    "consequences": ["description"],
    "degrees": ["words", "description"],
    "gates": ["words", "description"],
    "reviews": ["what", "reviewer", "method", "outcome"],
    "reference_facts": ["description", "reference_title", "excerpt"],
    "added_facts": ["description", "reference_title", "excerpt", "found_by"],
    "works": ["author", "title", "container", "publisher", "note"],
    "fact_works": ["locator", "copy_check"],
    "computed_facts": ["description"],
    "searches": ["queries", "pages_read", "why"],
    "fact_subjects": ["note"],
    "participation_readings": ["note"],
    "publishers": ["reason"],
    "reliability_classes": ["label", "description"],
}
SIGNED = f"{TRIGGERS[0]} a reader would believe it"


def live_formula(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not NUMBER.fullmatch(cell)


def write_table(name: str, rows: list[dict], data: Path) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a cell may hold a bare carriage return
    w.writerow(package.columns(name))
    w.writerows([[r.get(c, "") for c in package.columns(name)] for r in rows])
    package.table_path(name, data).write_text(out.getvalue(), encoding="utf-8")


def inject(data: Path) -> dict[tuple[str, int, str], str]:
    """Every trigger into every free-text column (non-empty cells, the triggers in turn); the cells, by
    (path, spreadsheet row, column)."""
    english = {r["source_id"] for r in package.read_rows("sources", data) if r["language"] == "en"}
    cells = {}
    for name, columns in FREE_TEXT.items():
        rows = package.read_rows(name, data)
        for i, r in enumerate(rows):
            for j, c in enumerate(columns):
                if r[c] and not (name == "claims" and c == "quote_en" and r["source_id"] in english):
                    r[c] = f"{TRIGGERS[(i + j) % len(TRIGGERS)]} {r[c]}"
                    cells[(str(package.table_path(name, data)), i + 2, c)] = r[c]
        write_table(name, rows, data)
    return cells


def figure_charts(book):
    """The charts the notebooks publish, made from this data as the notebooks make them."""
    from paris1944.analysis import steps
    from paris1944.publication.book import Results
    from paris1944.publication.views.chronology import ChronologyView
    from paris1944.publication.views.figures import FiguresView
    from paris1944.publication.views.findings import FindingsView
    from paris1944.publication.views.sources import SourcesView

    ev = book.evidence
    results = lambda chapter: Results.of(steps.examine(ev, "default", steps.select(ev, chapter=chapter) if chapter else None), ev, "default")
    sources = SourcesView(book)
    return [
        sources.lengths(),
        sources.coverage(),
        ChronologyView(book, results("02-chronology")).chart(),
        FiguresView(book, results("03-troops"), "fig-troops", "notebooks/03-troops").chart("Troop strengths", "Figures."),
        FiguresView(book, results("04-casualties"), "fig-casualties", "notebooks/04-casualties").chart("Casualties", "Figures."),
        FindingsView(book, results(None)).chart(),
    ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from paris1944 import pipeline
    from paris1944.evidence.validate import validate
    from paris1944.publication import figures
    from paris1944.publication.book import Book
    from paris1944.sphinxext import outputs

    project = tmp_path_factory.mktemp("hostile")
    for name in ("datapackage.json", "CITATION.cff"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "data", project / "data")
    data = project / "data"
    cells = inject(data)
    warnings = []
    assert [str(p) for p in validate(data, warn=warnings.append)] == [], "hostile text is still valid data"
    pipeline.write(data)
    # Sign every finding (a hostile consequence), so that published findings reach the exports and ClaimReview.
    findings = package.read_rows("findings", data)
    write_table("finding_reviews", [{"finding_id": f["finding_id"], "fingerprint": f["fingerprint"], "review_id": "R-01", "outcome": "signed",
                                     "consequence_kind": "wrong_day", "consequence": SIGNED, "note": TRIGGERS[3]} for f in findings], data)
    assert [str(p) for p in validate(data, warn=lambda w: None)] == []
    pipeline.write(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths, "root", lambda: project)  # the site's build reads this project, not the checkout
        book = Book.load(data)
        (project / "figures").mkdir()
        for chart in figure_charts(book):
            (project / "figures" / f"{chart.name}.csv").write_text(figures.csv_of(chart), encoding="utf-8", newline="")
        site = project / "_build" / "html"
        outputs.downloads(site)
        yield SimpleNamespace(project=project, data=data, site=site, cells=cells, warnings=warnings, book=book)


def spreadsheet_csvs(hostile) -> list[Path]:
    """Every CSV the site publishes, and the figures' data as the notebooks write it into figures/ (and its zip)."""
    found = sorted(hostile.site.rglob("*.csv")) + sorted((hostile.project / "figures").glob("*.csv"))
    assert {p.parent.name for p in found} >= {"figures", "exports", "data", "derived", "reference", "vocabulary"}
    return found


def test_the_validator_warns_about_every_hostile_cell(hostile):
    warned = {(w.path, w.row, w.column) for w in hostile.warnings}
    assert all(w.message.startswith("warning: ") for w in hostile.warnings)
    assert set(hostile.cells) <= warned
    assert len(hostile.cells) > 1000 and {t for t in TRIGGERS if any(v.startswith(t) for v in hostile.cells.values())} == set(TRIGGERS)


def test_a_warning_is_printed_and_does_not_fail_validation(tmp_path, capsys):
    from paris1944.evidence.validate import validate

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rows = package.read_rows("sources", data)
    rows[0]["notes"] = "=1+1 " + rows[0]["notes"]
    write_table("sources", rows, data)
    assert validate(data) == []
    printed = capsys.readouterr().err.splitlines()
    assert f"{data / 'sources.csv'}:2: notes: warning: '=1+1 " in "\n".join(printed)


def test_no_csv_the_site_publishes_holds_a_live_formula(hostile):
    neutralised = set()
    for path in spreadsheet_csvs(hostile):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert rows and all(len(r) == len(rows[0]) for r in rows), f"{path}: a cell broke its row"
        for r in rows:
            for cell in r:
                assert not live_formula(cell), f"{path}: {cell[:40]!r}"
                if cell.startswith("'") and live_formula(cell[1:]):
                    neutralised.add(path.relative_to(hostile.project).as_posix())
    # The hostile text did reach them: the exports, the figures' data and the tables, each neutralised.
    site = ["exports/claims.csv", "exports/claims-excel.csv", "exports/findings.csv", "sources.csv", "derived/reference.csv"]
    figures = ["figures/fig-timeline.csv", "figures/fig-troops.csv", "figures/fig-source-length.csv"]
    expected = [f"_build/html/data/{p}" for p in site] + figures + [f"_build/html/{p}" for p in figures]
    assert [p for p in expected if p not in neutralised] == []


def test_the_figures_data_is_plain_utf8_in_the_repository_and_on_the_site(hostile):
    for chart in (hostile.project / "figures").glob("*.csv"):
        raw, published = chart.read_bytes(), (hostile.site / "figures" / chart.name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "plain UTF-8, the default download"
        cells = lambda text: list(csv.reader(io.StringIO(text, newline="")))
        assert cells(raw.decode("utf-8")) == cells(published.decode("utf-8"))


def test_json_and_json_lines_keep_the_exact_text(hostile):
    translated = {c["claim_id"]: c["quote_en"] for c in package.read_rows("claims", hostile.data) if c["translation"] != "original"}
    hostile_en = {k: v for k, v in translated.items() if live_formula(v)}
    assert hostile_en
    rows = {r["claim_id"]: r for r in map(json.loads, (hostile.site / "data/exports/claims.jsonl").read_text(encoding="utf-8").splitlines())}
    assert all(rows[k]["source_words_english"] == v for k, v in hostile_en.items())
    findings = [json.loads(line) for line in (hostile.site / "data/exports/findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert findings and all(f["consequence"] == SIGNED for f in findings)
    notes = json.loads((hostile.site / "data/annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    bodies = {n["id"].rsplit("claim-", 1)[1]: " ".join(b["value"] for b in n["body"]) for n in notes}
    assert all(f"Our working translation: {v}" in bodies[k] for k, v in hostile_en.items())


def test_claimreview_keeps_the_exact_text(hostile):
    from paris1944.publication import citation, claimreview
    from paris1944.publication.views import finding_rows

    book, meta = hostile.book, citation.book()
    claims = {c["claim_id"]: c for c in book.claims.to_dict("records")}
    registry = {s["source_id"]: s for s in book.registry.to_dict("records")}
    rows = finding_rows(book, book.results.findings, book.results)
    reviews = claimreview.reviews(rows, claims, registry, meta, lambda f: f"book/findings.html#{f}", lambda s: f"data/sources/{s}.txt")
    judged = [f for f in rows if f["kind"] in claimreview.JUDGING and f["gate"] == "published"]
    assert reviews and len(reviews) == len(judged)
    for review, f in zip(reviews, judged):
        claim = claims[f["claim_ids"].split()[0]]
        review = json.loads(json.dumps(review, ensure_ascii=False))
        assert review["claimReviewed"] == claim["quote_en"] and review["itemReviewed"]["text"] == claim["quote"]
        assert review["itemReviewed"]["appearance"]["headline"] == registry[claim["source_id"]]["title"]
    assert any(live_formula(r["itemReviewed"]["appearance"]["headline"]) for r in reviews), "the hostile titles reached them"
