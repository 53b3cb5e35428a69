"""`python -m paris1944.build`: build the book only when an input changed.

Sphinx takes over a second just to start and find nothing to do. Like make, we
fingerprint every input of the book (notebooks, pages, data, figures, the
package, the configuration and the pinned environment) and skip the build when
the fingerprint matches the last successful build. `--force` always builds.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

from . import paths

INPUTS = ["_config.yml", "_toc.yml", "CITATION.cff", "requirements.txt", "datapackage.json",
          "notebooks", "book", "data", "figures", "src/paris1944"]
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
FLAGS = ["--builder", "html", "-W", "-n", "--keep-going"]


def fingerprint(root: Path | None = None) -> str:
    root = Path(root or paths.ROOT)
    digest = hashlib.sha256()
    for entry in INPUTS:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if SKIP_PARTS & set(f.parts) or f.suffix == ".pyc":
                continue
            digest.update(str(f.relative_to(root)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    args = parser.parse_args(argv)
    root = paths.ROOT
    stamp = root / "_build" / ".inputs.sha256"
    site = root / "_build" / "html" / "index.html"
    if not args.force and site.exists() and stamp.exists() and stamp.read_text() == fingerprint(root):
        print("The book is up to date: no input changed since the last build (make book FORCE=1 rebuilds).")
        return 0
    jb = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jb), "build", str(root), *FLAGS])
    if result.returncode == 0:
        # After the build: executing notebooks rewrites figures/, which are inputs too.
        stamp.write_text(fingerprint(root))
    else:
        stamp.unlink(missing_ok=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
