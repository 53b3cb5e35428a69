"""Citation, licences and Binder: what lets others cite and re-run the book."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import paris1944

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name):
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def _cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def test_citation_cff_validates():
    out = subprocess.run([_tool("cffconvert"), "--validate", "-i", str(ROOT / "CITATION.cff")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_citation_agrees_with_the_book_and_the_package():
    cff, cfg = _cff(), _config()
    assert cff["title"] == cfg["title"]
    assert cff["version"] == paris1944.__version__
    assert cff["repository-code"] == cfg["repository"]["url"]
    assert [a["name"] for a in cff["authors"]] == [cfg["author"]]
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}


def test_licences_are_stated():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content
    assert "004_58820600d2b39b52" in content and "CC BY-SA" in content
    assert "criticism and analysis" in content


def test_binder_builds_the_python_311_environment_from_requirements():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "environment.yml").exists(), "would switch Binder to the conda build pack"
    out = subprocess.run([_tool("repo2docker"), "--no-build", "--debug", str(ROOT)],
                         capture_output=True, text=True, timeout=120)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log
    assert "python=3.11" in log
    assert 'pip install --no-cache-dir -r "requirements.txt"' in log


def test_requirements_are_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line != "-e .":
            assert "==" in line, f"unpinned: {line}"


def test_launch_buttons_open_notebooks_on_binder():
    cfg = _config()
    assert cfg["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert cfg["repository"]["url"].startswith("https://github.com/")
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", "_build", "node_modules"} <= set(ignored)
