"""`paris1944 add-source`: a sixth source, registered in a copy of the project, validates, derives and builds.

Bad input is refused in one line, with a non-zero exit, and leaves data/ as it was, byte for byte; so does a
result that does not validate (the copied text is removed, sources.csv restored). The build test (slow, like
the incremental builds: `make incremental`) builds the whole book with the sixth source and finds it, not yet
read, on the source-texts page and the front page.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paris1944 import cli
from paris1944.evidence import package, register
from paris1944.evidence.validate import validate

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "paris1944"
SKIP = {".venv", "_build", ".git", ".jupyter_cache", "node_modules", ".pytest_cache", "__pycache__", ".ipynb_checkpoints"}
SHAPE = re.compile(r"[^:\n]+:\d+: [^:\n]+: [^\n]+")  # path:row: column: message

# A short English text, UTF-8 (an accented name, typographic quotes), with dates, numbers and names a reader
# would claim: it is registered before anyone reads it.
SIXTH = """The liberation of Paris, as a city guide tells it

On 19 August 1944 the Resistance rose in Paris, and barricades went up across the city while German troops still held its bridges.

General Leclerc's 2nd Armored Division reached the Hôtel de Ville late on 24 August; on 25 August the German garrison surrendered.

The next day General de Gaulle walked down the Champs-Élysées before about a million people – “the greatest crowd Paris had seen”.
"""
TITLE, URL, LABEL = "The liberation of Paris, 1944", "https://guide.example.org/paris-1944", "city guide"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the inputs (the validator and add-source read the repository's datapackage.json)."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns("derived"))
    return copy


@pytest.fixture
def sixth(tmp_path) -> Path:
    path = tmp_path / "incoming" / "city-guide.txt"
    path.parent.mkdir()
    path.write_text(SIXTH, encoding="utf-8", newline="")
    return path


def add(data: Path, text: Path, *options: str) -> list[str]:
    return ["add-source", str(text), "--title", TITLE, "--language", "en", "--url", URL, "--label", LABEL, *options, "--dir", str(data)]


# ------------------------------------------------------------------ a sixth source
def test_a_sixth_source_is_registered_validated_and_derived(tmp_path, sixth):
    """Through the command, in a copy of the project (PARIS1944_ROOT): the row, the file, its hash, then
    `paris1944 validate` and `paris1944 data` pass, and the sources chapter counts six with one not yet read."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "book", project / "book")  # `paris1944 data` writes book/references.bib
    shutil.copy(ROOT / "datapackage.json", project)
    env = {**os.environ, "PARIS1944_ROOT": str(project)}
    run = lambda *args: subprocess.run([str(CLI), *args], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    before = rows(project / "data" / "sources.csv")

    out = run(*add(project / "data", sixth, "--publisher", "Example Guides", "--date", "2024-08-25")[:-2])
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr

    after = rows(project / "data" / "sources.csv")
    assert after[:-1] == before, "the rows already there are kept as they were"
    row = after[-1]
    digest = hashlib.sha256(sixth.read_bytes()).hexdigest()
    number = max(int(r["source_id"][:3]) for r in before) + 1
    assert row["source_id"] == f"{number:03d}_{digest[:16]}"
    assert row["file"] == f"sources/{row['source_id']}.txt"
    copied = project / "data" / row["file"]
    assert copied.read_bytes() == sixth.read_bytes(), "the text is kept byte for byte"
    assert row["sha256"] == digest == hashlib.sha256(copied.read_bytes()).hexdigest()
    assert int(row["characters"]) == len(SIXTH)
    assert (row["label"], row["title"], row["language"], row["url"]) == (LABEL, TITLE, "en", URL)
    assert (row["publisher"], row["site"], row["author"]) == ("Example Guides", "guide.example.org", "not identified")
    assert "2024-08-25" in row["notes"]
    assert int(row["lane"]) == max(int(r["lane"]) for r in before) + 1
    assert all(row[c] for c in package.columns("sources")), "every column is filled"
    palette = sorted(rows(project / "data" / "vocabulary" / "palette.csv"), key=lambda p: int(p["order"]))
    unused = [p for p in palette if p["colour_light"] not in {r["colour_light"] for r in before}]
    assert (row["colour_light"], row["colour_dark"]) == (unused[0]["colour_light"], unused[0]["colour_dark"]), "the next colours of the palette"
    assert "registered" in out.stdout and "claims.csv" in out.stdout, "it says what to do next"

    assert run("validate").returncode == 0
    derived = run("data")
    assert derived.returncode == 0, derived.stdout[-3000:] + derived.stderr[-3000:]

    from paris1944.publication.book import Book
    from paris1944.publication.views.sources import SourcesView

    book = Book.load(project / "data")
    assert len(book.registry) == len(before) + 1 and book.registry["source_id"].iloc[-1] == row["source_id"]
    assert book.claims[book.claims["source_id"] == row["source_id"]].empty
    glue = SourcesView(book).glue()
    assert glue["n_sources"] == 6 and glue["n_sources_words"] == "six"
    assert LABEL in glue["unclaimed"] and "yet" in glue["unclaimed"]


def test_a_text_not_in_english_and_not_yet_read_validates(data, tmp_path):
    """A Russian text registered before it is read owes no translation and no coverage yet."""
    text = tmp_path / "ru.txt"
    text.write_text("25 августа 1944 года немецкий гарнизон Парижа капитулировал.\n\nГенерал Леклерк вошёл в город.\n", encoding="utf-8")
    assert cli.main(["add-source", str(text), "--title", "not identified", "--language", "ru", "--url", "not identified", "--dir", str(data)]) == 0
    row = rows(data / "sources.csv")[-1]
    assert (row["language"], row["site"], row["label"]) == ("ru", "not identified", f"source {row['source_id'][:3]}")
    assert validate(data) == []


def test_a_source_in_a_language_the_charts_have_no_colour_for_is_drawn(data, tmp_path):
    """A French text: the chapter's charts of the sources draw it (once a KeyError: the style knew three languages)."""
    from paris1944.publication import figures, style
    from paris1944.publication.book import Book
    from paris1944.publication.views.sources import SourcesView

    text = tmp_path / "fr.txt"
    text.write_text("La libération de Paris.\n\nLe 25 août 1944, la garnison allemande se rend.\n", encoding="utf-8")
    argv = ["add-source", str(text), "--title", "La libération", "--language", "fr", "--url", "https://exemple.fr/paris", "--dir", str(data)]
    assert cli.main(argv) == 0
    view = SourcesView(Book.load(data))
    for chart in (view.lengths(), view.coverage()):
        for mode in style.MODES.values():
            chart.interactive(chart.data, mode)
            for width in style.WIDTHS.values():
                figures.draw(chart, mode, width)
    assert "French" in view.glue()["languages_list"]


def test_colours_go_round_the_palette_when_every_pair_is_used():
    palette = [{"order": str(i + 1), "colour_light": f"#00000{i}", "colour_dark": f"#FFFFF{i}"} for i in range(3)]
    registry = [{"colour_light": "#000000"}, {"colour_light": "#000001"}]
    assert register.next_colours(registry, palette) == ("#000002", "#FFFFF2"), "the first pair no source uses"
    registry += [{"colour_light": "#000002"}, {"colour_light": "#000000"}]
    assert register.next_colours(registry, palette) == ("#000001", "#FFFFF1"), "then the least used, in order"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _lab(hex_colour: str) -> tuple[float, float, float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, _luminance(hex_colour), (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_the_palette_stays_apart_and_legible_in_both_modes():
    """At least 8 pairs; each colour 3:1 against its page (WCAG, graphics), and every two of a mode at least 25 apart
    (CIE76), so that a new source's marks are told apart from the others' in light and in dark mode."""
    from paris1944.publication import style

    palette = rows(ROOT / "data" / "vocabulary" / "palette.csv")
    assert len(palette) >= 8
    for mode in (style.LIGHT, style.DARK):
        colours = [p[f"colour_{mode.name}"] for p in palette]
        bg = _luminance(mode.background)
        for c in colours:
            hi, lo = max(_luminance(c), bg), min(_luminance(c), bg)
            assert (hi + 0.05) / (lo + 0.05) >= 3, f"{c} on {mode.background}"
        for a, b in itertools.combinations(colours, 2):
            assert math.dist(_lab(a), _lab(b)) >= 25, f"{a} and {b} ({mode.name})"
    registry = rows(ROOT / "data" / "sources.csv")
    pairs = {(p["colour_light"], p["colour_dark"]) for p in palette}
    assert {(r["colour_light"], r["colour_dark"]) for r in registry} <= pairs, "the sources' colours come from the palette"


# ------------------------------------------------------------------ bad input: one line, non-zero, nothing changed
def _bad(data: Path, tmp_path: Path, case: str) -> list[str]:
    text = tmp_path / "bad.txt"
    if case == "missing file":
        return add(data, tmp_path / "nowhere.txt")
    if case == "not UTF-8":
        text.write_bytes("Paris libéré".encode("latin-1"))
        return add(data, text)
    if case == "binary":
        text.write_bytes(b"PK\x03\x04\x00\x00binary")
        return add(data, text)
    if case == "empty":
        text.write_bytes(b"\n \n")
        return add(data, text)
    text.write_text(SIXTH, encoding="utf-8")
    if case == "unknown language":
        return add(data, text)[:5] + ["xx"] + add(data, text)[6:]
    if case == "bad address":
        return add(data, text)[:7] + ["guide.example.org"] + add(data, text)[8:]
    if case == "bad date":
        return add(data, text, "--date", "25 August 2024")
    if case == "label taken":
        return add(data, text)[:9] + [rows(data / "sources.csv")[0]["label"]] + add(data, text)[10:]
    if case == "already registered":
        first = rows(data / "sources.csv")[0]
        shutil.copy(data / first["file"], text)
        return add(data, text)
    raise AssertionError(case)


CASES = {
    "missing file": "no such file",
    "not UTF-8": "not UTF-8",
    "binary": "binary",
    "empty": "empty",
    "unknown language": "unknown language 'xx'",
    "bad address": "--url",
    "bad date": "--date",
    "label taken": "--label",
    "already registered": "already registered as 000_",
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(data, tmp_path, capsys, case):
    argv = _bad(data, tmp_path, case)
    before = snapshot(data)
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code != 0
    assert out == "", "nothing is registered, so nothing is announced"
    [line] = err.splitlines()
    assert line.startswith("paris1944 add-source: ") and CASES[case] in line, line
    assert "Traceback" not in err
    assert snapshot(data) == before, "data/ is byte for byte as it was"


def test_the_same_text_twice_is_refused_the_second_time(data, sixth, capsys):
    assert cli.main(add(data, sixth)) == 0
    before = snapshot(data)
    assert cli.main(add(data, sixth)[:9] + ["another name"] + add(data, sixth)[10:]) == 1
    assert "already registered as" in capsys.readouterr().err
    assert snapshot(data) == before


def test_a_result_that_does_not_validate_is_undone(data, sixth, capsys):
    """When the data folder with the new source does not validate, the problems are printed one per line
    (path:row: column: message), the command fails, and sources.csv and data/sources/ are as they were."""
    claims = data / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",stated,", ",no_such_convention,", 1), encoding="utf-8")
    before = snapshot(data)
    assert cli.main(add(data, sixth)) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines and all(SHAPE.fullmatch(x) for x in lines), out
    assert any("no_such_convention" in x for x in lines)
    assert "nothing was added" in err.splitlines()[-1] and "Traceback" not in out + err
    assert snapshot(data) == before


def test_the_command_fails_without_a_traceback_on_a_damaged_registry(data, sixth):
    (data / "sources.csv").write_bytes(b"\xff\xfe not a table")
    before = snapshot(data)
    out = subprocess.run([str(CLI), *add(data, sixth)], capture_output=True, text=True, timeout=600)
    assert out.returncode != 0 and "Traceback" not in out.stdout + out.stderr
    assert out.stderr.startswith("paris1944 add-source: ") and len(out.stderr.splitlines()) == 1, out.stderr
    assert snapshot(data) == before


# ------------------------------------------------------------------ the book with six sources
def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.book_build
def test_the_book_builds_with_six_sources_and_shows_the_new_one_not_yet_read(tmp_path_factory):
    project = tmp_path_factory.mktemp("six") / "project"
    shutil.copytree(ROOT, project, ignore=lambda folder, names: [n for n in names if n in SKIP])
    env = {**os.environ, "PARIS1944_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    text = project.parent / "city-guide.txt"
    text.write_text(SIXTH, encoding="utf-8")
    added = subprocess.run([str(CLI), *add(project / "data", text)[:-2]], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert added.returncode == 0, added.stdout + added.stderr
    built = subprocess.run([str(CLI), "book"], cwd=project, env=env, capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    row = rows(project / "data" / "sources.csv")[-1]
    html = project / "_build" / "html"

    texts = (html / "book" / "source-texts.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section id="text-(\d{3})"', texts)
    assert len(sections) == 6 and sections[-1] == row["source_id"][:3], "every registered source has its text, in lane order"
    assert 'class="p44-source"' in texts and texts.count('class="p44-source"') == 6
    new = texts[texts.index(f'id="text-{row["source_id"][:3]}"') :]
    assert "City guide" in new and "the greatest crowd Paris had seen" in _text(new)
    assert "none read into the ledger yet" in _text(new)

    front = _text((html / "book" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"\bsix\b", front, re.I), "the front page counts six sources"
    said = [s for s in re.split(r"(?<=[.!?]) ", front) if LABEL in s and "yet" in s]
    assert said, "the front page names the new source as not yet read"

    chapter = _text((html / "notebooks" / "01-sources.html").read_text(encoding="utf-8"))
    assert "The six sources" in chapter and "cross-examines six texts" in chapter
