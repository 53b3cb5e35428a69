"""Where the project's folders are, wherever a notebook or test runs from."""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    # An explicit setting wins (useful for tests on a copy of the data).
    if env := os.environ.get("PARIS1944_ROOT"):
        return Path(env).resolve()
    # Editable install (requirements.txt installs `-e .`): src/paris1944/ -> repo.
    here = Path(__file__).resolve().parents[2]
    if (here / "data" / "sources.csv").exists():
        return here
    # Otherwise walk up from the working directory (a notebook in notebooks/).
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "data" / "sources.csv").exists():
            return folder
    raise FileNotFoundError(
        "cannot find the project root (a folder with data/sources.csv); "
        "set PARIS1944_ROOT"
    )


ROOT = _find_root()
DATA = ROOT / "data"
SOURCE_TEXTS = DATA / "sources"
DERIVED = DATA / "derived"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
