"""Command line: `paris1944 validate [DIR]`, `paris1944 locate`, `paris1944 build`, `paris1944 notebooks`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths


def _validate(args) -> int:
    from .validate import validate

    problems = validate(Path(args.dir))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"{args.dir}: valid")
    return 0


def _locate(args) -> int:
    """Offsets of a quote, for adding a claim by hand."""
    from .sources import read_text

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


def _build(args) -> int:
    from .pipeline import build

    for path in build(Path(args.dir)):
        print(f"wrote {path}")
    return 0


def _notebooks(args) -> int:
    """Re-execute notebooks in place, each in a fresh kernel from its own folder (as Binder runs it)."""
    import nbclient
    import nbformat

    for name in args.notebooks or sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb")):
        path = paths.NOTEBOOKS / Path(name).name
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        # No timing metadata: a re-run that changes nothing must leave the file unchanged.
        nbclient.NotebookClient(nb, timeout=600, record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(paths.ROOT)}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="paris1944", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="validate a data folder (default: data/)")
    p.add_argument("dir", nargs="?", default=str(paths.DATA))
    p.set_defaults(run=_validate)
    p = sub.add_parser("locate", help="print the offsets of a quote in a source text")
    p.add_argument("source_id")
    p.add_argument("quote")
    p.add_argument("--dir", default=str(paths.DATA))
    p.set_defaults(run=_locate)
    p = sub.add_parser("build", help="re-derive data/reference.csv and data/derived/ from the inputs")
    p.add_argument("--dir", default=str(paths.DATA))
    p.set_defaults(run=_build)
    p = sub.add_parser("notebooks", help="re-execute notebooks in place (default: all) and store their outputs")
    p.add_argument("notebooks", nargs="*")
    p.set_defaults(run=_notebooks)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
