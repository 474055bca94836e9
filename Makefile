# Two entry points (see README):  make lab   |   make test
# Both create .venv if missing and install the pinned dependencies plus the package
# (editable).  Re-running is fast: the install step only runs again when
# pyproject.toml or requirements/pins.txt change.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.virtlab-installed
NOTEBOOK ?= notebooks/00_index.ipynb

.PHONY: lab test setup bench strip clean html slides kit

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/pins.txt jupyter-config/jupyter_server_config.d/virtlab_widgets.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "virtlab needs Python >= 3.10, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/pins.txt -e ".[test]"
	@# editable installs skip data files: enable the server extension (virtlab_widgets/server_ext.py) by hand
	@mkdir -p $(VENV)/etc/jupyter/jupyter_server_config.d
	@cp jupyter-config/jupyter_server_config.d/virtlab_widgets.json $(VENV)/etc/jupyter/jupyter_server_config.d/
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(NOTEBOOK)

test: $(STAMP)
	$(BIN)/python -m pytest

# Kernel-less lecture (tools/build_site.py): executed pages / reveal.js slides in _site/,
# working offline (plotly.js, MathJax, reveal.js served from _site/assets).
html: $(STAMP)
	$(BIN)/python tools/build_site.py --html

slides: $(STAMP)
	$(BIN)/python tools/build_site.py --slides

# Instructor's kit (tools/kit.py): run sheet, speaker notes, model answers, lab rubric and the
# printable student handout (HTML, and PDF where Chromium exists) in _site/instructor/.
kit: $(STAMP)
	$(BIN)/python tools/build_site.py --kit

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_notebooks.py

strip:
	$(PYTHON) tools/strip_notebooks.py notebooks || true

clean:
	rm -rf $(VENV) build _site *.egg-info
