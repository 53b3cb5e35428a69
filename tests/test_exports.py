"""The site's data/ folder as a reader downloads it: typed exports, a plain CSV by default and an Excel-ready
copy labelled so, and a data package that frictionless validates where it stands."""

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paris1944.evidence import package
from paris1944.publication import exports

ROOT = Path(__file__).resolve().parents[1]
FRICTIONLESS = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")
JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "date": str, "array": list}


def frictionless(descriptor: Path) -> None:
    out = subprocess.run([FRICTIONLESS, "validate", str(descriptor)], cwd=descriptor.parent, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


@pytest.fixture(scope="module")
def site(tmp_path_factory, book) -> Path:
    """The site's figures/ and data/ as the build writes them (sphinxext/outputs.downloads), from the real data and
    its derived tables."""
    from paris1944.sphinxext import outputs

    out = tmp_path_factory.mktemp("site")
    outputs.downloads(out)
    return out / "data"


@pytest.fixture(scope="module")
def descriptor(site) -> dict:
    return json.loads((site / "datapackage.json").read_text(encoding="utf-8"))


def test_the_sites_data_package_validates_where_it_stands(site):
    frictionless(site / "datapackage.json")


def test_every_file_the_package_names_is_published_and_every_export_is_described(site, descriptor):
    names = [r["name"] for r in descriptor["resources"]]
    assert len(names) == len(set(names))
    for r in descriptor["resources"]:
        assert (site / r["path"]).is_file(), r["path"]
    described = {r["path"] for r in descriptor["resources"]}
    assert {str(p.relative_to(site)) for p in (site / "exports").iterdir()} <= described


def test_the_plain_csv_is_the_default_and_the_excel_copy_is_labelled(site, descriptor):
    by_path = {r["path"]: r for r in descriptor["resources"]}
    for name in ("findings", "claims"):
        plain, excel = (site / f"exports/{name}.csv").read_bytes(), (site / f"exports/{name}-excel.csv").read_bytes()
        assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain
        assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
        rows = lambda b: list(csv.reader(io.StringIO(b.decode("utf-8-sig"), newline="")))
        assert rows(excel) == rows(plain), "the same rows and cells, only the encoding and line ends differ"
        assert excel.decode("utf-8-sig").replace("\r\n", "\n") == plain.decode("utf-8")
        assert by_path[f"exports/{name}.csv"]["encoding"] == "utf-8"
        labelled = by_path[f"exports/{name}-excel.csv"]
        assert labelled["encoding"] == "utf-8-sig" and "Excel-ready" in labelled["title"] and "byte-order mark" in labelled["description"]
    cite = (ROOT / "book" / "cite.md").read_text(encoding="utf-8")
    assert cite.index("exports/claims.csv") < cite.index("exports/claims-excel.csv") and "Excel-ready" in cite


def test_exports_have_real_types():
    """Dates, whole numbers, numbers and lists, each list with its separator stated in its description."""
    for res in package.descriptor()["paris1944_exports"]:
        if "schema" not in res:
            continue
        types = {f["type"] for f in res["schema"]["fields"]}
        assert "list" in types, res["name"]
        for f in res["schema"]["fields"]:
            if f["type"] == "list":
                assert f["delimiter"] == " " and "separated by a space" in f["description"], f["name"]
    claims = {f["name"]: f["type"] for f in exports.export_fields("claims_export")}
    assert {claims["earliest"], claims["latest"], claims["start"], claims["low"]} == {"date", "integer", "number"}
    findings = {f["name"]: f["type"] for f in exports.export_fields("findings_export")}
    assert {findings["review_date"], findings["steps"], findings["difference"]} == {"date", "integer", "number"}


def _csv_typed(path: Path, fields: list[dict]) -> list[dict]:
    """A CSV read as its schema says (the csv module and the standard library, not frictionless)."""
    cast = {"integer": int, "number": float, "date": lambda x: dt.date.fromisoformat(x).isoformat(), "string": lambda x: x}
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = []
    for r in rows:
        row = {}
        for f in fields:
            text = r[f["name"]]
            if f["type"] == "list":
                row[f["name"]] = text.split(f["delimiter"]) if text else []
            else:
                row[f["name"]] = None if text == "" and f["type"] != "string" else cast[f["type"]](text)
        out.append(row)
    return out


@pytest.mark.parametrize("name", ["findings", "claims"])
def test_json_lines_carry_the_types_and_agree_with_the_csv(site, descriptor, name):
    (jsonl,) = [r for r in descriptor["resources"] if r["path"] == f"exports/{name}.jsonl"]
    fields = jsonl["schema"]["fields"]
    rows = [json.loads(line) for line in (site / jsonl["path"]).read_text(encoding="utf-8").splitlines()]
    if name == "claims":
        assert len(rows) == len(package.read_rows("claims"))
        assert any(r["earliest"] for r in rows) and any(r["low"] is not None for r in rows) and any(r["references"] for r in rows)
    for r in rows:
        assert list(r) == [f["name"] for f in fields]
        for f in fields:
            value = r[f["name"]]
            assert value is None or isinstance(value, JSON_TYPES[f["type"]]), (f["name"], value)
            if f["type"] == "date" and value:
                dt.date.fromisoformat(value)
            if f["type"] == "array":
                assert all(isinstance(x, str) for x in value)
    # The plain CSV says the same, but for the apostrophe that keeps a formula from running.
    csv_rows = _csv_typed(site / f"exports/{name}.csv", exports.export_fields(f"{name}_export"))
    for r in csv_rows:
        for k, v in r.items():
            if isinstance(v, list) and v:
                v[0] = unquote(v[0])
            elif isinstance(v, str):
                r[k] = unquote(v)
    assert csv_rows == rows


def unquote(cell: str) -> str:
    """A cell as it was before the apostrophe that keeps a spreadsheet from running it (OWASP's triggers)."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def test_the_annotations_say_where_they_are_published(site):
    collection = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["id"].endswith("/data/annotations.jsonld") and collection["id"].startswith("https://")


# ------------------------------------------------------------------ the built site (after make book)
@pytest.mark.book_build
def test_the_built_sites_data_package_validates_in_place():
    """The data package as published by `make book`, validated where it stands (run after the build, in `make incremental`)."""
    built = ROOT / "_build" / "html" / "data" / "datapackage.json"
    if not built.exists():
        pytest.fail("no built book in the checkout: run `make book` first (make test does)")
    frictionless(built)
