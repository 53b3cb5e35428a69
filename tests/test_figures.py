"""Figures: deterministic files, safe HTML, one style."""

import hashlib

import pandas as pd
import plotly.graph_objects as go
import pytest

from paris1944 import charts, figures, sources


def _chart(title="A finding", data=None):
    data = data if data is not None else pd.DataFrame({"label": ["a", "b"], "n": [1, 2]})
    return figures.Chart(
        name="fig-test",
        title=title,
        caption="A caption.",
        alt="Bar chart of n by label.",
        source_line="Source: test",
        data=data,
        static=lambda ax, d: ax.bar(d["label"], d["n"]),
        interactive=lambda d: go.Figure(go.Bar(x=d["label"], y=d["n"], hovertext=d["label"])),
    )


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_publish_writes_png_svg_csv_and_metadata(tmp_path):
    figures.publish(_chart(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fig-test.csv", "fig-test.json", "fig-test.png", "fig-test.svg"]
    assert (tmp_path / "fig-test.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pd.read_csv(tmp_path / "fig-test.csv").equals(_chart().data)


def test_publish_is_byte_for_byte_reproducible(tmp_path):
    figures.publish(_chart(), tmp_path / "a")
    figures.publish(_chart(), tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    svg = (tmp_path / "a" / "fig-test.svg").read_text()
    assert "<dc:date>" not in svg


def test_chart_html_shows_static_image_first_and_escapes_text(tmp_path):
    hostile = "</script><img src=x onerror=alert(1)>"
    data = pd.DataFrame({"label": [hostile, "b"], "n": [1, 2]})
    fig = figures.publish(_chart(title=hostile, data=data), tmp_path)
    html = figures.chart_html(fig.to_dict())
    assert html.startswith('<div class="p44-chart" data-chart="fig-test">')
    assert '<img class="p44-chart-static" src="../figures/fig-test.svg"' in html
    # Exactly one closing script tag: the text cannot break out of the JSON.
    assert html.count("</script>") == 1
    assert "<img src=x" not in html


def test_chart_html_refuses_figures_made_elsewhere():
    with pytest.raises(ValueError, match="publish"):
        figures.chart_html(go.Figure().to_dict())


def test_every_chart_uses_the_palette_and_states_its_source(tmp_path):
    fig = figures.publish(charts.source_lengths(sources.profile()), tmp_path)
    layout = fig.to_dict()["layout"]
    assert layout["colorway"] == figures.COLOURWAY
    assert "Source:" in layout["annotations"][-1]["text"]
    colours = {bar["marker"]["color"] for bar in fig.to_dict()["data"]}
    assert colours <= set(figures.PALETTE.values())


def test_conflicts_show_both_sides_words_in_their_language():
    from paris1944 import evidence, tables

    ev = evidence.load()
    rows = ev.with_words(ev.conflicts)
    assert len(rows) == len(ev.conflicts) and rows["quote"].ne("").all() and rows["other_quote"].ne("").all()
    langs = dict(zip(ev.registry["source_id"], ev.registry["language"]))
    html = tables.quotes(rows, langs, columns={"conflict_id": "Conflict"}).data
    for r in rows[rows["other_lang"] == "ar"].itertuples():
        assert f'lang="ar" dir="rtl">{r.other_quote}' in html.replace("&quot;", '"')
    # English words are not repeated as their own "translation".
    assert html.count('colspan="2" lang="en"') == int((rows["translation"] == "original").sum())
