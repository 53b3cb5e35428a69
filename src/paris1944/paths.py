"""Where the project's folders are, wherever a notebook, test or build runs from.

Nothing is looked up at import time: ``paths.DATA`` and friends resolve on
first use, so importing the package never fails outside a checkout.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_FOLDERS = {"DATA": "data", "FIGURES": "figures", "NOTEBOOKS": "notebooks", "BOOK": "book"}


@cache
def root() -> Path:
    """The checkout: PARIS1944_ROOT if set, else the checkout this package was
    installed from (editable install), else the nearest folder up from the
    working directory that holds data/sources.csv."""
    if env := os.environ.get("PARIS1944_ROOT"):
        return Path(env).resolve()
    here = Path(__file__).resolve().parents[2]
    if (here / "data" / "sources.csv").exists():
        return here
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "data" / "sources.csv").exists():
            return folder
    raise FileNotFoundError("cannot find the project root (a folder with data/sources.csv); set PARIS1944_ROOT")


def __getattr__(name: str) -> Path:
    # Module attributes resolved on first use (PEP 562): paths.ROOT, paths.DATA...
    if name == "ROOT":
        return root()
    if name == "FIGURES" and (env := os.environ.get("PARIS1944_FIGURES")):  # a test's run writes its figures aside
        return Path(env).resolve()
    if name in _FOLDERS:
        return root() / _FOLDERS[name]
    if name == "DERIVED":
        return root() / "data" / "derived"
    if name == "SOURCE_TEXTS":
        return root() / "data" / "sources"
    raise AttributeError(name)
