"""Command line (`paris1944 ...`; the Makefile calls these).

validate [DIR]       check a data folder: every problem at once, as path:row: column: message
locate SOURCE QUOTE  the offsets of a quote in a source text, for adding a claim by hand
add-source PATH ...  register a new source text (copied into data/sources/, a row in sources.csv, validated)
data                 re-derive data/derived/ and the bibliography from the inputs
notebooks [NB ...]   re-execute notebooks in place and store their outputs
book [--force]       validate, derive, and build the book when any input changed
hypothesis [--group] the claims as Hypothesis API payloads, one JSON object per line (see book/cite.md)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import signal
import subprocess
import sys
from pathlib import Path

from . import paths

# Everything the book is built from. `book` hashes all of it; a build is skipped only when the hash
# matches the last successful build's, and Sphinx then rebuilds exactly the pages whose inputs changed.
BOOK_INPUTS = [
    "_config.yml",
    "_toc.yml",
    "CITATION.cff",
    "CHANGELOG.md",  # the Corrections page
    "requirements.txt",
    "requirements-test.txt",
    "pyproject.toml",
    "datapackage.json",
    "notebooks",
    "book",
    "data",
    "figures",
    "src/paris1944",
]
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
SPHINX_FLAGS = ["--builder", "html", "-W", "-n", "--keep-going"]


def _validate(args) -> int:
    from .evidence.validate import validate

    problems = validate(Path(args.dir))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"{args.dir}: valid")
    return 0


def _locate(args) -> int:
    from .evidence.sources import read_text

    text = read_text(args.source_id, Path(args.dir))
    hits, at = [], text.find(args.quote)
    while at >= 0:
        hits.append(at)
        at = text.find(args.quote, at + 1)
    if not hits:
        print(f"not in {args.source_id}: {args.quote!r}", file=sys.stderr)
        return 1
    for h in hits:
        print(f"{h}\t{h + len(args.quote)}")
    return 0


def _add_source(args) -> int:
    from .evidence import register

    details = register.Details(
        title=args.title, language=args.language, url=args.url, label=args.label, publisher=args.publisher,
        author=args.author, genre=args.genre, licence=args.licence, date=args.date, notes=args.notes,
    )
    try:
        row = register.add_source(Path(args.path), details, Path(args.dir))
    except register.RegisterError as err:
        print(f"paris1944 add-source: {err}", file=sys.stderr)
        return 1
    except register.ValidationFailed as failed:
        for p in failed.problems:
            print(p)
        print(f"paris1944 add-source: {len(failed.problems)} problem(s) with the new source: nothing was added", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"paris1944 add-source: {err.filename or args.path}: {err.strerror}: nothing was added", file=sys.stderr)
        return 1
    except Exception as err:  # a damaged data folder, say: one line, never a traceback (paris1944 validate says more)
        print(f"paris1944 add-source: {type(err).__name__}: {err}: nothing was added; run paris1944 validate", file=sys.stderr)
        return 1
    print(f"registered {row['source_id']} ({row['label']}): {row['file']}, {row['characters']:,} characters, lane {row['lane']}")
    print("next: read its claims into data/claims.csv (paris1944 locate gives a quote's offsets), then run make book")
    return 0


def _data(args) -> int:
    from . import pipeline
    from .publication import bibliography

    for path in pipeline.write(Path(args.dir)):
        print(f"derived {path}")
    if Path(args.dir).resolve() == paths.DATA.resolve():
        print(f"wrote {bibliography.write()}")
    return 0


EVAL = re.compile(r"\{eval\}`([^`]+)`")


def _notebooks(args) -> int:
    """Re-execute notebooks in place, each in a fresh kernel from its own folder (as Binder runs it); a markdown cell's
    {eval} expressions are evaluated where the cell stands and stored as its user_expressions, so that JupyterLab
    (with jupyterlab-myst) shows the numbers in the prose before anything is run."""
    import nbclient
    import nbformat

    class Client(nbclient.NotebookClient):
        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if cell.cell_type != "markdown":
                return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            expressions = list(dict.fromkeys(EVAL.findall(cell.source)))
            cell.metadata.pop("user_expressions", None)
            if expressions:
                msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={e: e for e in expressions})
                reply = await self.async_wait_for_reply(msg_id, cell)
                results = reply["content"]["user_expressions"]
                failed = [e for e in expressions if results[e]["status"] != "ok"]
                if failed:
                    raise RuntimeError(f"cell {cell_index}: cannot evaluate {', '.join(failed)}")
                cell.metadata["user_expressions"] = [{"expression": e, "result": results[e]} for e in expressions]
            return cell

    for name in args.notebooks or sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb")):
        path = paths.NOTEBOOKS / Path(name).name
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        # No timing metadata: a re-run that changes nothing leaves the file unchanged.
        Client(nb, timeout=600, record_timing=False, resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(paths.ROOT)}")
    return 0


def fingerprint(root: Path | None = None) -> str:
    """A hash of every input of the book (names and bytes)."""
    root = Path(root or paths.ROOT)
    digest = hashlib.sha256()
    for entry in BOOK_INPUTS:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            if SKIP_PARTS & set(f.parts) or f.suffix == ".pyc":
                continue
            digest.update(str(f.relative_to(root)).encode())
            digest.update(b"\0")
            digest.update(f.read_bytes())
    return digest.hexdigest()


def _book(args) -> int:
    root = paths.ROOT
    stamp = root / "_build" / ".inputs.sha256"
    site = root / "_build" / "html" / "index.html"
    # The stamp hashes the inputs, the package and data/derived/ as they were after the last successful build,
    # so an unchanged hash means validating and deriving again would write the same bytes: skip all of it.
    if not args.force and site.exists() and stamp.exists() and stamp.read_text() == fingerprint(root):
        print("The book is up to date: no input changed since the last successful build (make book FORCE=1 rebuilds).")
        return 0
    stamp.unlink(missing_ok=True)

    from . import pipeline
    from .evidence.validate import validate

    problems = validate(paths.DATA)
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in data/: the book is not built until they are fixed", file=sys.stderr)
        return 1
    pipeline.write(paths.DATA)  # an edited input reaches the derived tables before the pages read them
    from .publication import bibliography

    bibliography.write()
    jb = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jb), "build", str(root), *SPHINX_FLAGS])
    if result.returncode == 0:
        # Stamped after the build: executing the notebooks rewrites figures/, an input too.
        stamp.write_text(fingerprint(root))
    return result.returncode


def _hypothesis(args) -> int:
    import json

    from .publication import annotations, citation, exports
    from .publication.book import Book

    base = citation.book()["url"]
    collection = exports.annotation_collection(Book.load(), lambda rel: base + rel)
    for note in collection["first"]["items"]:
        print(json.dumps(annotations.hypothesis_payload(note, args.group), ensure_ascii=False))
    return 0


def main(argv=None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `paris1944 hypothesis | head` ends quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(prog="paris1944", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="validate a data folder (default: data/)")
    p.add_argument("dir", nargs="?", default=None)
    p.set_defaults(run=_validate)
    p = sub.add_parser("locate", help="print the offsets of a quote in a source text")
    p.add_argument("source_id")
    p.add_argument("quote")
    p.add_argument("--dir", default=None)
    p.set_defaults(run=_locate)
    p = sub.add_parser("add-source", help="register a new source text: copy it into data/sources/ and add its row to sources.csv")
    p.add_argument("path", help="the text, UTF-8, exactly as received")
    p.add_argument("--title", required=True, help="title of the page, or 'not identified'")
    p.add_argument("--language", required=True, help="a language code of data/vocabulary/languages.csv (en, ru, ar...)")
    p.add_argument("--url", required=True, help="address of the page, or 'not identified'")
    p.add_argument("--label", help="the one name the book gives the source (default: its site, as '<site> page')")
    p.add_argument("--publisher", help="who published it (default: not identified)")
    p.add_argument("--author", help="who wrote it (default: not identified)")
    p.add_argument("--genre", help="what kind of text it is (default: web page)")
    p.add_argument("--licence", help="its licence (default: not stated; quoted for criticism and analysis)")
    p.add_argument("--date", help="the page's date, YYYY[-MM[-DD]] (kept in the notes)")
    p.add_argument("--notes", help="what is known of its provenance")
    p.add_argument("--dir", default=None, help="the data folder (default: data/)")
    p.set_defaults(run=_add_source)
    p = sub.add_parser("data", help="re-derive data/derived/ and the bibliography from the inputs")
    p.add_argument("--dir", default=None)
    p.set_defaults(run=_data)
    p = sub.add_parser("notebooks", help="re-execute notebooks in place (default: all) and store their outputs")
    p.add_argument("notebooks", nargs="*")
    p.set_defaults(run=_notebooks)
    p = sub.add_parser("book", help="validate, derive and build the book when an input changed")
    p.add_argument("--force", action="store_true", help="build even if no input changed")
    p.set_defaults(run=_book)
    p = sub.add_parser("hypothesis", help="print the claims as Hypothesis API payloads (JSON Lines)")
    p.add_argument("--group", default="", help="a Hypothesis group id (default: the account's public channel)")
    p.set_defaults(run=_hypothesis)
    args = parser.parse_args(argv)
    if getattr(args, "dir", "unset") is None:
        args.dir = str(paths.DATA)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
