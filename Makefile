# Paris 1944: what the sources say.
#   make book   build the HTML book into _build/html (executes notebooks)
#   make test   every test: unit, data, nbval, warnings-as-errors build, browser
#   make bench  timings and page weights (not part of make test)
#   make screenshots  every page at 390 and 1280 px, light and dark, into _build/screenshots/
# Both create .venv from the pinned requirements on first use.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test unit nbval browser bench clean help lock venv validate data notebooks lint screenshots incremental

help:
	@sed -n '2,7p' Makefile

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required (runtime.txt); set PYTHON=/path/to/python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	# cffconvert 2.0.0 pins ruamel.yaml<0.16, which does not build on 3.11;
	# its real dependencies are pinned in requirements-test.txt.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps cffconvert==2.0.0
	touch $@

venv: $(STAMP)

# Validates and derives data/, then builds when any input changed (FORCE=1 always builds);
# Sphinx re-reads exactly the pages whose inputs changed (src/paris1944/sphinxext/inputs.py).
book: $(STAMP)
	$(BIN)/paris1944 book $(if $(FORCE),--force)

# Validate data/ (or another folder: make validate DIR=path).
validate: $(STAMP)
	$(BIN)/paris1944 validate $(or $(DIR),data)

# Re-derive data/derived/ and book/references.bib after editing the inputs.
data: $(STAMP)
	$(BIN)/paris1944 data

# Re-execute the notebooks in place after changing them or the package (make notebooks NB=03-troops.ipynb).
notebooks: $(STAMP)
	$(BIN)/paris1944 notebooks $(NB)

lint: $(STAMP)
	$(BIN)/ruff check src tests notebooks bench

unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser -m "not book_build"

# Every kind of edit reaches the page: three builds in a copy of the project.
incremental: $(STAMP)
	$(BIN)/python -m pytest tests -m book_build

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval notebooks
	@# Notebooks rewrite figures/ when they run; the committed copy must match.
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  stale=$$(git status --porcelain -- figures data/derived); \
	  if [ -n "$$stale" ]; then echo "$$stale"; \
	    echo "figures/ or data/derived/ differ from the commit: the notebooks wrote something new; commit it"; exit 1; fi; fi

browser: $(STAMP)
	bash tests/browser/ensure-chromium.sh
	$(BIN)/python -m pytest tests/browser

test: validate lint unit nbval book browser incremental

# Timings, page weights and Lighthouse scores; needs Chromium and npm (Lighthouse is installed in bench/).
bench: $(STAMP)
	bash tests/browser/ensure-chromium.sh
	$(BIN)/python bench/run.py

screenshots: $(STAMP)
	bash tests/browser/ensure-chromium.sh
	$(BIN)/python tests/browser/screenshots.py $(PAGES) $(if $(FULL),--full)

clean:
	rm -rf _build .jupyter_cache

# Re-pin requirements.txt from its direct dependencies (needs the network to PyPI).
lock:
	rm -rf /tmp/paris1944-lock && $(PYTHON) -m venv /tmp/paris1944-lock
	/tmp/paris1944-lock/bin/pip install --quiet $$(sed -n 's/^#lock: //p' requirements.txt)
	/tmp/paris1944-lock/bin/pip freeze --exclude-editable | grep -v '^paris1944' > /tmp/paris1944-lock.txt
	{ sed -n '/^#/p' requirements.txt | grep -v '^# The project'; cat /tmp/paris1944-lock.txt; echo; \
	  echo "# The project's own package (src/paris1944), editable so notebooks find data/."; echo "-e ."; } > requirements.txt
