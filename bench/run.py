"""make bench: how fast the book builds and how light its pages are.

Prints a table and writes bench/results.json. Not part of `make test`: these
are measurements with targets, not pass/fail tests that would flicker.

  build   clean build (with notebook execution), no-change rebuild (`make book`,
          and Sphinx's own incremental build for comparison), rebuild after
          changing one notebook, notebook execution alone (the floor), nbval
  pages   bytes transferred per page, raw and compressed, by kind of file,
          served gzip-compressed from 127.0.0.1
  lighthouse  mobile scores for every page (median of three runs), beside a stock Jupyter Book built
          in the same run (a text page and a page with one plotly chart)
  charts  tap-to-interactive for every chart on Lighthouse's mobile profile (slow 4G:
          150 ms round trip, 1.6 Mbit/s down; CPU slowed 4x), and the bytes a tap fetches
  many sources  derive (`paris1944 data`) and clean build times in a copy of the project, as it is
          and with 50 synthetic sources added by `paris1944 add-source`; `python bench/run.py
          --many-sources` (or --many-sources=N) runs this part alone and updates its entry in results.json
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
from serve import serve  # noqa: E402

BIN = Path(sys.executable).parent
JB = [str(BIN / "jupyter-book"), "build"]
FLAGS = ["--builder", "html", "-W", "-n", "--keep-going"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync --disable-quic"
)
TARGETS = {
    "no_change_rebuild_share_of_clean": 0.05,
    "clean_build_over_execution_floor": 2.0,
    "heaviest_page_compressed_bytes": 1_000_000,
    "lighthouse_performance_min": 95,
    "lighthouse_other_categories": 100,
    "tap_to_interactive_s": 3.0,
    "bytes_per_tap": 500_000,
}


def timed(cmd, **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f"{p}.html" for p in pages] + ["search.html"]


# ------------------------------------------------------------------ build times
def build_times() -> dict:
    out = {}
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    out["clean_build_s"] = timed([str(BIN / "paris1944"), "book"], cwd=ROOT)
    out["no_change_rebuild_s"] = timed([str(BIN / "paris1944"), "book"], cwd=ROOT)
    out["no_change_sphinx_incremental_s"] = timed([*JB, str(ROOT), *FLAGS], cwd=ROOT)
    nb_path = ROOT / "notebooks" / "05-findings.ipynb"
    original = nb_path.read_bytes()
    try:
        nb = nbformat.read(nb_path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        first.source += "\n# changed for the benchmark"
        nbformat.write(nb, nb_path)
        out["one_notebook_changed_rebuild_s"] = timed([str(BIN / "paris1944"), "book"], cwd=ROOT)
    finally:
        nb_path.write_bytes(original)
        timed([str(BIN / "paris1944"), "book"], cwd=ROOT)  # back to the committed state
    out["execution_floor_s"], out["execution_per_notebook_s"] = execution_floor()
    out["nbval_s"] = timed([sys.executable, "-m", "pytest", "--nbval", "notebooks", "-q", "-p", "no:cacheprovider"], cwd=ROOT)
    out["no_change_rebuild_share_of_clean"] = out["no_change_rebuild_s"] / out["clean_build_s"]
    out["clean_build_over_execution_floor"] = out["clean_build_s"] / out["execution_floor_s"]
    return out


def execution_floor() -> tuple[float, dict]:
    """Executing every notebook once, one after the other, as the build does: no build can beat it."""
    per = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        per[path.name] = round(time.perf_counter() - start, 2)
    return sum(per.values()), per


# ------------------------------------------------------------------ many sources
MANY_SOURCES = 50
SKIP = {".venv", "_build", ".git", ".jupyter_cache", "node_modules", ".pytest_cache", "__pycache__", ".ipynb_checkpoints"}


def synthetic_text(i: int) -> str:
    """A short English text, different for each i: what a source looks like before anyone reads it."""
    return (
        f"Synthetic source {i + 1}: a short account of the liberation of Paris, for the benchmark.\n\n"
        f"On {15 + i % 15} August 1944 crowds gathered in the streets, and about {1000 * (i + 1):,} people watched the columns pass.\n\n"
        "Nobody has read this text into the ledger yet.\n"
    )


def many_sources(n: int = MANY_SOURCES) -> dict:
    """In a copy of the project: derive and build it as it is, add n synthetic sources one by one with
    `paris1944 add-source` (each validates data/), then derive and build again (clean builds both times)."""
    out = {"sources_added": n}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=lambda folder, names: [x for x in names if x in SKIP])
        env = {**os.environ, "PARIS1944_ROOT": str(project), "PYTHONPATH": str(project / "src")}
        run = lambda *args: timed([str(BIN / "paris1944"), *args], cwd=project, env=env)
        registered = lambda: len(list(csv.DictReader((project / "data" / "sources.csv").open(encoding="utf-8", newline=""))))
        out["sources_before"] = registered()
        out["derive_s"] = run("data")
        out["clean_build_s"] = run("book", "--force")
        added = []
        for i in range(n):
            text = Path(tmp) / f"synthetic-{i + 1:03d}.txt"
            text.write_text(synthetic_text(i), encoding="utf-8")
            added.append(run("add-source", str(text), "--title", f"Synthetic source {i + 1}", "--language", "en",
                             "--url", f"https://example.org/synthetic/{i + 1}", "--label", f"synthetic source {i + 1}"))
        out["add_source_mean_s"], out["add_source_last_s"] = sum(added) / n, added[-1]
        out["sources_after"] = registered()
        out["derive_with_added_s"] = run("data")
        shutil.rmtree(project / "_build")
        out["clean_build_with_added_s"] = run("book", "--force")
    return out


def report_many_sources(m: dict) -> None:
    print(f"\nMany sources: a copy of the project, then {m['sources_added']} synthetic sources added by paris1944 add-source (seconds)")
    print(f"  {'':<34} {m['sources_before']:>4} sources {m['sources_after']:>4} sources")
    print(f"  {'derive (paris1944 data)':<34} {m['derive_s']:12.2f} {m['derive_with_added_s']:12.2f}")
    print(f"  {'clean build (paris1944 book)':<34} {m['clean_build_s']:12.2f} {m['clean_build_with_added_s']:12.2f}")
    print(f"  {'add-source, mean / the last one':<34} {m['add_source_mean_s']:12.2f} {m['add_source_last_s']:12.2f}")


# ------------------------------------------------------------------ page weights
KIND = {"document": "html", "script": "js", "stylesheet": "css", "image": "images", "font": "fonts"}


def page_weights(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    pages = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        for path in toc_pages():
            page = browser.new_page()
            responses = []
            page.on("requestfinished", lambda r, responses=responses: responses.append(r))
            page.goto(f"{url}/{path}", wait_until="networkidle")
            totals = {k: {"raw": 0, "compressed": 0} for k in [*KIND.values(), "other"]}
            for r in responses:
                kind = KIND.get(r.resource_type, "other")
                resp = r.response()
                raw = len(resp.body()) if resp else 0
                totals[kind]["raw"] += raw
                totals[kind]["compressed"] += r.sizes()["responseBodySize"]
            totals["total"] = {"raw": sum(v["raw"] for v in totals.values()), "compressed": sum(v["compressed"] for v in totals.values())}
            pages[path] = totals
            page.close()
        browser.close()
    server.shutdown()
    return pages


# ------------------------------------------------------------------ charts on a slow phone
READING_MS = 3000
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}


def tap_to_interactive(site: Path) -> dict:
    """For each chart: open its page as a phone on slow 4G, scroll to the chart, give the reader three
    seconds on it (the book fetches and runs plotly.js, at idle, once the reader scrolls or touches the
    page), tap the chart, and time until the interactive chart is drawn.
    Also the bytes fetched from the tap on, and in all for the chart library."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        for path in toc_pages():
            if not path.startswith("notebooks/"):
                continue
            for index in range(8):
                ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
                page = ctx.new_page()
                cdp = ctx.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", SLOW_4G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                finished = []  # sizes are read before the page closes: a late event would find it gone
                page.on("requestfinished", lambda r, finished=finished: finished.append(r))
                page.goto(f"{url}/{path}", wait_until="load")
                charts = page.locator(".p44-chart")
                if index >= charts.count():
                    ctx.close()
                    break
                chart = charts.nth(index)
                name = chart.get_attribute("data-chart")
                chart.scroll_into_view_if_needed()
                page.wait_for_timeout(READING_MS)  # a reader looks at the drawing before tapping it
                page.wait_for_load_state("networkidle")
                before = len(finished)
                start = time.perf_counter()
                chart.locator(".p44-chart-static").tap()
                page.wait_for_function("el => el.dataset.state === 'drawn'", arg=chart.element_handle(), timeout=60000)
                seconds = time.perf_counter() - start
                sizes = [(r.url, r.sizes()["responseBodySize"]) for r in list(finished)]
                library = sum(n for u, n in sizes if "plotly-basic" in u)
                out[name] = {
                    "page": path,
                    "tap_to_interactive_s": round(seconds, 2),
                    "bytes_after_tap": sum(max(n, 0) for _, n in sizes[before:]),
                    "plotly_js_compressed_bytes": library,
                }
                ctx.close()
        browser.close()
    server.shutdown()
    return out


# ------------------------------------------------------------------ lighthouse
def ensure_lighthouse() -> Path:
    exe = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True, stdout=subprocess.DEVNULL)
    return exe


RUNS = 3  # Lighthouse varies from run to run on a shared machine: each page's median of three


def lighthouse_median(exe: Path, url: str) -> dict:
    runs = [lighthouse(exe, url) for _ in range(RUNS)]
    ranked = sorted(runs, key=lambda r: r["performance"])
    middle = ranked[len(ranked) // 2]
    return {**middle, "performance_runs": [r["performance"] for r in runs]}


def lighthouse(exe: Path, url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    r = subprocess.run(
        [
            str(exe),
            url,
            "--output=json",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    rep = json.loads(r.stdout)
    a = rep["audits"]
    return {
        **{k: round(v["score"] * 100) for k, v in rep["categories"].items()},
        "fcp_s": round(a["first-contentful-paint"]["numericValue"] / 1000, 2),
        "lcp_s": round(a["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(a["total-blocking-time"]["numericValue"]),
        "cls": round(a["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": int(a["total-byte-weight"]["numericValue"]),
    }


def stock_book(tmp: Path) -> Path:
    """A stock Jupyter Book (the template) plus one page with one plotly chart, built offline."""
    book = tmp / "stock"
    subprocess.run([str(BIN / "jupyter-book"), "create", str(book)], check=True, stdout=subprocess.DEVNULL)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A plotly chart"),
        nbformat.v4.new_code_cell(
            "import plotly.express as px\nimport plotly.io as pio\n"
            "pio.renderers.default = 'notebook'  # offline: plotly.js inlined, as stock does\n"
            "px.bar(x=['a', 'b', 'c'], y=[1, 3, 2])"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "plotly.ipynb")
    toc = (book / "_toc.yml").read_text() + "- file: plotly\n"
    (book / "_toc.yml").write_text(toc)
    subprocess.run([str(BIN / "jupyter-book"), "build", str(book)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return book / "_build" / "html"


def lighthouse_all(site: Path) -> dict:
    exe = ensure_lighthouse()
    out = {"book": {}, "stock": {}}
    server, url = serve(site)
    for path in toc_pages():
        out["book"][path] = lighthouse_median(exe, f"{url}/{path}")
    server.shutdown()
    with tempfile.TemporaryDirectory() as tmp:
        stock = stock_book(Path(tmp))
        server, url = serve(stock)
        out["stock"]["intro.html (text page)"] = lighthouse_median(exe, f"{url}/intro.html")
        out["stock"]["plotly.html (one plotly chart)"] = lighthouse_median(exe, f"{url}/plotly.html")
        weights = page_weights_of(stock, ["intro.html", "plotly.html"])
        server.shutdown()
    return out, weights


def page_weights_of(site: Path, paths: list[str]) -> dict:
    global toc_pages
    saved = toc_pages
    toc_pages = lambda: paths
    try:
        return page_weights(site)
    finally:
        toc_pages = saved


# ------------------------------------------------------------------ report
def kb(n: int) -> str:
    return f"{n / 1000:,.0f} kB"


def report(results: dict) -> None:
    b = results["build"]
    print("\nBuild (seconds)")
    for key in (
        "clean_build_s",
        "no_change_rebuild_s",
        "no_change_sphinx_incremental_s",
        "one_notebook_changed_rebuild_s",
        "execution_floor_s",
        "nbval_s",
    ):
        print(f"  {key:<34} {b[key]:8.2f}")
    print(
        f"  no-change rebuild / clean build    {b['no_change_rebuild_share_of_clean']:8.1%}"
        f"   target <= {TARGETS['no_change_rebuild_share_of_clean']:.0%}"
    )
    print(
        f"  clean build / execution floor      {b['clean_build_over_execution_floor']:8.2f}x"
        f"  target <= {TARGETS['clean_build_over_execution_floor']:g}x"
    )
    print("\nPages: bytes transferred, compressed (raw)")
    header = f"  {'page':<34}" + "".join(f"{k:>19}" for k in ("html", "js", "css", "images", "fonts", "total"))
    print(header)
    for name, group in (("book", results["pages"]), ("stock", results["stock_pages"])):
        for path, t in group.items():
            row = "".join(f"{kb(t[k]['compressed']) + ' (' + kb(t[k]['raw']) + ')':>19}" for k in ("html", "js", "css", "images", "fonts", "total"))
            print(f"  {(name + ': ' + path)[:34]:<34}{row}")
    heaviest = max(results["pages"].values(), key=lambda t: t["total"]["compressed"])["total"]["compressed"]
    print(f"  heaviest page of the book: {kb(heaviest)} compressed   target <= {kb(TARGETS['heaviest_page_compressed_bytes'])}")
    print(
        f"  interactive charts load plotly.js on demand: {kb(results['plotly_js']['compressed'])} compressed ({kb(results['plotly_js']['raw'])} raw)"
    )
    print(
        "\nCharts on a phone over slow 4G, CPU slowed 4x, tapped 3 s after reaching them: tap to interactive;"
        " bytes a tap fetches   targets <= 3 s, <= 500 kB"
    )
    for name, c in results["charts"].items():
        print(
            f"  {name:<22} {c['page']:<30} {c['tap_to_interactive_s']:6.2f} s  {kb(c['bytes_after_tap']):>9}"
            f"   (plotly.js fetched: {kb(c['plotly_js_compressed_bytes'])})"
        )
    if not results["lighthouse"]["book"]:
        return
    print(f"\nLighthouse, mobile, the median of {RUNS} runs (performance, accessibility, best practices, SEO; FCP, LCP, TBT; each run's score)")
    for name in ("book", "stock"):
        for path, s in results["lighthouse"][name].items():
            print(
                f"  {(name + ': ' + path)[:44]:<44} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} {s['seo']:>4}"
                f"   {s['fcp_s']:.1f}s {s['lcp_s']:.1f}s {s['tbt_ms']}ms  {kb(s['bytes'])}  {s.get('performance_runs', '')}"
            )
    book = results["lighthouse"]["book"].values()
    print(f"  lowest performance in the book: {min(s['performance'] for s in book)}   target >= {TARGETS['lighthouse_performance_min']}")
    print(
        f"  lowest accessibility / best practices / SEO: {min(s['accessibility'] for s in book)} / "
        f"{min(s['best-practices'] for s in book)} / {min(s['seo'] for s in book)}   target 100"
    )


def main() -> int:
    import gzip

    only = next((a for a in sys.argv[1:] if a.startswith("--many-sources")), None)
    if only:  # this part alone: its entry in results.json is replaced, the others kept
        n = int(only.partition("=")[2] or MANY_SOURCES)
        path = BENCH / "results.json"
        results = json.loads(path.read_text()) if path.exists() else {}
        results["many_sources"] = many_sources(n)
        path.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        report_many_sources(results["many_sources"])
        print(f"\nSaved {path}")
        return 0
    results = {"build": build_times()}
    site = ROOT / "_build" / "html"
    results["pages"] = page_weights(site)
    plotly_js = (site / "_static" / "plotly-basic.min.js").read_bytes()
    results["plotly_js"] = {"raw": len(plotly_js), "compressed": len(gzip.compress(plotly_js, 9))}
    results["charts"] = tap_to_interactive(site)
    if "--no-lighthouse" in sys.argv:
        results["lighthouse"], results["stock_pages"] = {"book": {}, "stock": {}}, {}
    else:
        results["lighthouse"], results["stock_pages"] = lighthouse_all(site)
    results["many_sources"] = many_sources()
    results["targets"] = TARGETS
    (BENCH / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    report(results)
    report_many_sources(results["many_sources"])
    print(f"\nSaved {BENCH / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
