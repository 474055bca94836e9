# Two entry points (see README):  make lab   |   make test
# Both create .venv if missing and install the locked dependencies (requirements/lock.txt,
# every transitive version with its hashes) plus the package (editable). Re-running is fast:
# tools/setup_venv.py only installs again when the lock, pyproject.toml, the server config or
# the Python version change, and rebuilds a venv left by another Python or a failed install.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The Korean edition opens by default; `make lab EDITION=en` opens the English one
# (notebooks/en/: every notebook, quiz and widget in English, the same code).
EDITION ?= ko
NOTEBOOK ?= $(if $(filter ko,$(EDITION)),notebooks/00_index.ipynb,notebooks/$(EDITION)/00_index.ipynb)
# JupyterLab refuses to run as root (Docker, WSL, lab machines) unless told
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.PHONY: lab test setup lock bench strip clean html slides kit

setup:
	@$(PYTHON) tools/setup_venv.py --venv $(VENV)

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) $(NOTEBOOK)

test: setup
	$(BIN)/python -m pytest

# Regenerate requirements/lock.txt (universal: every supported Python and platform) with uv,
# keeping the locked versions unless pyproject.toml's bounds force a change.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" -o requirements/lock.txt
	echo "uv==$$($(PYTHON) -m uv --version | cut -d' ' -f2)" | $(PYTHON) -m uv pip compile - --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" -o requirements/installer.txt

# Kernel-less lecture (tools/build_site.py): executed pages / reveal.js slides in _site/,
# working offline (plotly.js, MathJax, reveal.js served from _site/assets).
html: setup
	$(BIN)/python tools/build_site.py --html

slides: setup
	$(BIN)/python tools/build_site.py --slides

# Instructor's kit (tools/kit.py): run sheet, speaker notes, model answers, lab rubric and the
# printable student handout (HTML, and PDF where Chromium exists) in _site/instructor/.
kit: setup
	$(BIN)/python tools/build_site.py --kit

bench: setup
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_notebooks.py

# Remove outputs, execution counts and widget state (nbstripout; the test suite runs --verify).
# `$(BIN)/nbstripout --install` makes git do it on every commit (see CONTRIBUTING.md).
strip: setup
	$(BIN)/nbstripout notebooks/*.ipynb notebooks/*/*.ipynb

clean:
	rm -rf $(VENV) build _site *.egg-info
