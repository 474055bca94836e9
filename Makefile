# Two entry points (see README):  make lab   |   make test
# Both create .venv if missing and install the pinned dependencies plus the package
# (editable).  Re-running is fast: the install step only runs again when
# pyproject.toml or requirements/pins.txt change.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.virtlab-installed
NOTEBOOK ?= notebooks/00_index.ipynb

.PHONY: lab test setup bench strip clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/pins.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "virtlab needs Python >= 3.10, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/pins.txt -e ".[test]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(NOTEBOOK)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_notebooks.py

strip:
	$(PYTHON) tools/strip_notebooks.py notebooks || true

clean:
	rm -rf $(VENV) build *.egg-info
