"""The linter and the type checker pass, with the settings in pyproject.toml ([tool.ruff], [tool.mypy]).

Both run from the environment running the tests (``python -m ruff``, ``python -m mypy``), on
what CI checks: ``ruff check`` on the whole repository (code, tests, tools, benchmarks and the
notebooks' code cells) and ``mypy`` on the package, whose public API modules are fully typed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)


def _fail_unless_clean(done: subprocess.CompletedProcess[str], what: str) -> None:
    if done.returncode != 0:
        pytest.fail(f"{what} (exit status {done.returncode}):\n{done.stdout}{done.stderr}", pytrace=False)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--output-format", "concise", ".")
    _fail_unless_clean(done, "ruff check (`ruff check --fix` fixes the import order)")


def test_mypy_finds_nothing():
    done = _run("mypy")  # files and strictness from [tool.mypy] in pyproject.toml
    _fail_unless_clean(done, "mypy")
    assert "Success: no issues found" in done.stdout, done.stdout
