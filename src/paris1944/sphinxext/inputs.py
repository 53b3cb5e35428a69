"""What every page reads, declared to Sphinx, so that an edit to any input reaches the page.

Sphinx re-reads a page when its source changes or when a file it noted as a
dependency is newer than the page. Notebook pages compute from the whole data
folder with the package's code; pages that glue numbers from a notebook show
what that notebook computed; directives read tables and texts. Each is noted
here, once, so a correction to a table, a text, the package or a notebook is
published by the next build, and nothing else is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..evidence import package

PACKAGE = Path(__file__).resolve().parents[1]


def data_files() -> list[Path]:
    """Every file of the data folder (tables, texts, editorial tables) and datapackage.json."""
    found = [p for p in paths.DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return sorted(found) + [paths.ROOT / "datapackage.json", paths.ROOT / "CITATION.cff"]


def package_files() -> list[Path]:
    """The package's code and assets (its output changes when they do)."""
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".js", ".css", ".json", ".tgz"))


def changelog() -> Path:
    return paths.ROOT / "CHANGELOG.md"


def changelog_page() -> list[Path]:
    """What the Corrections page reads: the CHANGELOG, the ids it may link to (findings, claims, figures), its code."""
    found = [
        changelog(),
        package.table_path("findings"),
        package.table_path("claims"),
        package.table_path("finding_aliases"),
        *sorted(paths.FIGURES.glob("fig-*.metadata.json")),
    ]
    return found + [PACKAGE / "sphinxext" / "corrections.py", PACKAGE / "sphinxext" / "inputs.py"]


def computed() -> list[Path]:
    """What a page computed from the data depends on."""
    return data_files() + package_files()


def note_inputs(app, doctree) -> None:
    """doctree-read: note the inputs of notebook pages and of pages that glue from notebooks."""
    from myst_nb.ext.glue.utils import PendingGlueReference

    env = app.env
    notes: set[str] = set()
    if env.docname.startswith("notebooks/"):
        notes |= {str(p) for p in computed()}
    glued = {n.refdoc for n in doctree.findall(PendingGlueReference)}
    if glued:
        notes |= {str(p) for p in computed()}
        notes |= {str(Path(env.doc2path(doc))) for doc in glued}
    for path in sorted(notes):
        env.note_dependency(path)
