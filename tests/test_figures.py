"""Figures: every form a reader or a re-publisher needs, the same bytes every time, text that reads."""

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from paris1944.publication import figures, style

ROOT = Path(__file__).resolve().parents[1]


def _chart(title="A finding in a title", data=None):
    data = data if data is not None else pd.DataFrame({"label": ["a", "b"], "n": [1, 2]})

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        ax.bar(d["label"], d["n"], color=mode.colour("agrees"))

    return figures.Chart(
        name="fig-test",
        page="notebooks/99-test",
        title=title,
        subtitle="What is plotted",
        caption="A caption.",
        alt="Bar chart of n by label.",
        sources=[{"title": "a source", "url": "https://example.org/x"}],
        data=data,
        static=static,
        height=lambda width: 200,
        interactive=lambda d, mode: go.Figure(go.Bar(x=d["label"], y=d["n"]), layout=style.plotly_layout(mode)),
    )


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_publish_writes_every_form(tmp_path):
    figures.publish(_chart(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"fig-test{s}" for s in figures.FILES.values())
    assert (tmp_path / "fig-test.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    raw = (tmp_path / "fig-test.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw  # plain UTF-8, the default download
    assert pd.read_csv(tmp_path / "fig-test.csv", encoding="utf-8-sig").equals(_chart().data)


def test_metadata_and_bundle_carry_what_a_re_publisher_needs(tmp_path):
    figures.publish(_chart(), tmp_path)
    meta = json.loads((tmp_path / "fig-test.metadata.json").read_text(encoding="utf-8"))
    for key in ("title", "subtitle", "caption", "alt", "sources", "licence", "citation", "version", "url", "date_published", "sizes"):
        assert meta[key], key
    assert meta["url"].endswith("notebooks/99-test.html#fig-test")
    assert meta["citation"]["short"].endswith(meta["url"]) and "a source" in meta["citation"]["full"]
    assert meta["sizes"]["narrow"]["width"] == style.NARROW.pixels and meta["sizes"]["wide"]["height"] > 200
    with zipfile.ZipFile(io.BytesIO((tmp_path / "fig-test.zip").read_bytes())) as z:
        assert sorted(z.namelist()) == ["README.txt", "fig-test.csv", "fig-test.metadata.json", "fig-test.png", "fig-test.svg"]
        readme = z.read("README.txt").decode()
    assert "CC BY 4.0" in readme and meta["url"] in readme and "https://example.org/x" in readme


def test_publish_is_byte_for_byte_reproducible(tmp_path):
    figures.publish(_chart(), tmp_path / "a")
    figures.publish(_chart(), tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert "<dc:date>" not in (tmp_path / "a" / "fig-test.svg").read_text()


def test_an_unchanged_figure_is_not_rewritten(tmp_path):
    figures.publish(_chart(), tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    figures.publish(_chart(), tmp_path)
    assert before == {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}


def test_the_interactive_figure_carries_its_dark_colours_and_escapes_text(tmp_path):
    hostile = "<img src=x onerror=alert(1)>"
    fig = figures.publish(_chart(data=pd.DataFrame({"label": [hostile, "b"], "n": [1, 2]})), tmp_path)
    bundle = fig._repr_mimebundle_()
    spec = bundle[figures.Interactive.MIME]
    assert spec["layout"]["meta"]["paris1944"]["name"] == "fig-test"
    assert spec["layout"]["meta"]["paris1944"]["dark"]["layout"]["paper_bgcolor"] == style.DARK.background


def test_importing_the_figure_code_changes_no_global_setting():
    import subprocess
    import sys

    code = (
        "import matplotlib, plotly.io as pio; b = matplotlib.get_backend(); r = pio.renderers.default; "
        "import paris1944.publication.figures, paris1944.publication.charts; "
        "assert matplotlib.get_backend() == b and pio.renderers.default == r; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


FIGURES = sorted((ROOT / "figures").glob("fig-*.svg"))


def test_the_book_has_its_figures():
    assert {p.name.split(".")[0] for p in (ROOT / "figures").glob("fig-*.metadata.json")} == {
        "fig-source-length",
        "fig-coverage",
        "fig-timeline",
        "fig-troops",
        "fig-casualties",
        "fig-outcomes",
    }


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_no_text_in_a_static_drawing_is_smaller_than_11_px(path):
    """Drawn at the size shown (96 dpi), so a font size of s pt is s * 96 / 72 px."""
    svg = path.read_text(encoding="utf-8")
    # Text is text in an embedded font; the drawing's units are points (its viewBox is in pt).
    sizes = [float(s) * 96 / 72 for s in re.findall(r"<text [^>]*font-size: ([\d.]+)px", svg)]
    assert sizes, "no text found in the drawing"
    assert min(sizes) >= 10.9, f"{path.name}: text at {min(sizes):.1f} px"


def test_a_figure_is_redrawn_when_anything_it_is_made_from_changes(tmp_path, monkeypatch):
    figures.publish(_chart(), tmp_path)
    drawn = []
    real = figures.draw
    monkeypatch.setattr(figures, "draw", lambda *a: drawn.append(1) or real(*a))
    figures.publish(_chart(), tmp_path)
    assert not drawn, "nothing changed: nothing is drawn"
    figures.publish(_chart(data=pd.DataFrame({"label": ["a", "b"], "n": [1, 3]})), tmp_path)
    assert drawn, "the data changed: the figure is redrawn"
    assert "3" in (tmp_path / "fig-test.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "fig-test-dark.svg").unlink()
    drawn.clear()
    figures.publish(_chart(data=pd.DataFrame({"label": ["a", "b"], "n": [1, 3]})), tmp_path)
    assert drawn and (tmp_path / "fig-test-dark.svg").exists(), "a missing file is redrawn"


def test_the_timeline_accounts_for_every_date_in_a_finding():
    """Every dated claim in error or under review is ringed on the time line, or named in its caption as off it."""
    from paris1944.publication.book import Book
    from paris1944.publication.charts import timeline

    book = Book.load()
    results = book.results
    chart = timeline.timeline(book, results, "title")
    flagged = results.verdicts[results.verdicts["outcome"].isin(timeline.FLAGGED)]
    dated = flagged[flagged["claim_id"].map(lambda c: book.vocabulary.measure(book.evidence.statements[c].category)) == "days"]
    ringed = chart.data[(chart.data["kind"] == "claim") & chart.data["outcome"].isin(timeline.FLAGGED)]
    assert set(ringed["id"]) <= set(dated["claim_id"])
    off = set(dated["claim_id"]) - set(ringed["id"])
    if off:
        assert f"{len(ringed)} of the {len(dated)} dates in a finding are ringed" in chart.caption
        for c in off:
            topic = book.topic[book.evidence.statements[c].subject]
            assert topic in chart.caption and topic in chart.alt
    else:
        assert "in a finding, and ringed" in chart.caption


def _plotly_outputs():
    import nbformat

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get("application/vnd.plotly.v1+json")
                if spec:
                    yield path.name, spec


def test_every_mark_of_an_interactive_chart_has_a_place():
    """A mark whose date or value is missing ('NaT', null) silently vanishes from the interactive chart."""
    lost = []
    for name, spec in _plotly_outputs():
        for trace in spec["data"]:
            if trace.get("mode", "markers") == "lines":
                continue
            for axis in ("x", "y"):
                values = trace.get(axis) or []
                lost += [(name, trace.get("name"), axis, i) for i, v in enumerate(values) if v is None or v in ("NaT", "nan", "")]
    assert list(_plotly_outputs()), "no interactive chart found in the notebooks"
    assert lost == []


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_every_character_of_a_static_drawing_is_in_its_embedded_font(path):
    """Text is text, so a reader's browser draws it: in the font the drawing carries, never a fallback."""
    import base64
    import html
    import io

    from fontTools.ttLib import TTFont

    svg = path.read_text(encoding="utf-8")
    faces = {w: TTFont(io.BytesIO(base64.b64decode(b))) for w, b in re.findall(r"font-weight:(\d+);src:url\(data:font/woff;base64,([^)]+)\)", svg)}
    texts = re.findall(r"<text ([^>]*)>(.*?)</text>", svg, re.S)
    assert texts and faces
    for face in faces.values():
        names = {r.nameID: r.toUnicode() for r in face["name"].names}
        assert "Bitstream" in names[0] and "DejaVu changes are in public domain" in names[13], "the font's licence travels with it"
    for attrs, text in texts:
        assert "font-family: 'DejaVu Sans'" in attrs
        weight = "700" if "font-weight: 700" in attrs else "400"
        cmap = faces[weight].getBestCmap()
        missing = {c for c in html.unescape(text) if ord(c) not in cmap}
        assert not missing, f"{path.name}: {missing} not in the embedded {weight} font"


# ------------------------------------------------------------------ what a chart says against what it draws
RANGE_CHARTS = ["fig-troops", "fig-casualties"]


def _published(name: str) -> tuple[dict, pd.DataFrame]:
    meta = json.loads((ROOT / "figures" / f"{name}.metadata.json").read_text(encoding="utf-8"))
    data = pd.read_csv(ROOT / "figures" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return meta, data


@pytest.mark.parametrize("name", RANGE_CHARTS)
def test_a_ranges_chart_draws_the_figures_and_panels_it_announces(name):
    meta, data = _published(name)
    m = re.search(r"\((\S+) figures? in (\S+) panels?\)", meta["subtitle"])
    assert m, meta["subtitle"]
    n, panels = (0 if x == "no" else int(x.replace(",", "")) for x in m.groups())
    assert (data["kind"] == "source").sum() == n
    assert data["panel"].nunique() == panels


def _overlap(a_lo, a_hi, b_lo, b_hi) -> bool:
    return not (a_hi < b_lo or b_hi < a_lo)


@pytest.mark.parametrize("name", RANGE_CHARTS)
def test_each_figure_s_mark_agrees_with_its_status(name):
    """A mark drawn as in error (or under review) lies outside a first-rank reference's range in its panel, unless
    its finding is that the figure belongs to another place or period (and then the references say so); a mark
    drawn as agreeing overlaps one."""
    from paris1944.publication.book import Book

    book = Book.load()
    findings = book.results.findings
    scope_claims = {c for r in findings[findings["kind"] == "scope"].itertuples() for c in r.claim_ids.split()}
    _, data = _published(name)
    num = lambda x: float(x) if x else float("nan")
    for panel, rows in data.groupby("panel"):
        first = rows[(rows["kind"] == "reference") & rows["rank"].map(book.decides)]
        for r in rows[rows["kind"] == "source"].itertuples():
            lo, hi = num(r.low), num(r.high)
            overlaps = [_overlap(lo, hi, num(f.low), num(f.high)) for f in first.itertuples()]
            if r.outcome in ("in_error", "under_review"):
                if r.id in scope_claims:
                    assert any(f.scope != r.scope for f in first.itertuples()), (
                        f"{panel}: {r.id} is a scope finding but no reference shows another scope"
                    )
                else:
                    assert not all(overlaps), f"{panel}: {r.id} is drawn as {r.outcome} inside every first-rank range"
            if r.outcome == "agrees":
                assert any(overlaps), f"{panel}: {r.id} is drawn as agreeing but lies outside every first-rank range"


def test_each_date_s_mark_agrees_with_its_status():
    """The time line shows only first-rank dates: a ringed date lies outside one of them, an agreeing one within one."""
    _, data = _published("fig-timeline")
    for event, rows in data.groupby("event"):
        refs = rows[rows["kind"] == "reference"]
        for r in rows[rows["kind"] == "claim"].itertuples():
            spans = [_overlap(r.earliest or "0000", r.latest or "9999", f.earliest or "0000", f.latest or "9999") for f in refs.itertuples()]
            if r.outcome in ("in_error", "under_review") and len(refs):
                assert not all(spans), f"{event}: {r.id} is ringed but lies within every first-rank date"
            if r.outcome == "agrees":
                assert any(spans), f"{event}: {r.id} agrees but lies outside every first-rank date shown"
