"""Reading notebooks as a student sees them: markdown prose, headings, sections, bullets.

Shared by the hygiene, prose and instructor-kit tests. Every edition (``tools/editions.py``)
is read by its own markers; ``SECTION_NOTEBOOKS`` / ``ALL_NOTEBOOKS`` are the Korean ones,
``EVERY_SECTION`` / ``EVERY_NOTEBOOK`` those of every edition (pytest ids ``ko/…``, ``en/…``).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from editions import DEFAULT, Edition, editions  # noqa: E402 - tools/ is on sys.path only now
from editions import minutes as stated_minutes  # noqa: E402
from editions import think_questions as edition_questions  # noqa: E402

EDITIONS = editions()
KOREAN = EDITIONS[DEFAULT]
SECTION_NOTEBOOKS = KOREAN.sections
ALL_NOTEBOOKS = KOREAN.notebooks
EVERY_SECTION = [(e, p) for e in EDITIONS.values() for p in e.sections]
EVERY_NOTEBOOK = [(e, p) for e in EDITIONS.values() for p in e.notebooks]


def ids(case: tuple[Edition, Path]) -> str:
    """``ko/04_containers.ipynb``: a pytest id for an (edition, notebook) pair."""
    return f"{case[0].language}/{case[1].name}"


def edition_of(path: Path) -> Edition:
    return next(e for e in EDITIONS.values() if e.folder.resolve() == path.parent.resolve())


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def markdown_cells(nb: dict) -> list[str]:
    return [source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]


def prose(text: str) -> str:
    """Markdown without fenced code blocks and inline code spans (what is read as prose)."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def headings(nb: dict) -> list[str]:
    return [line.strip() for text in markdown_cells(nb) for line in text.splitlines() if line.startswith("#")]


def split_core(nb: dict, edition: Edition = KOREAN) -> tuple[list[str], list[str]]:
    """Markdown cells of the core path (everything before the deep dive's heading, and the
    summary onwards) and of the deep dive (from ``## 더 알아보기`` up to ``## 요약``)."""
    core, deep, inside = [], [], False
    for text in markdown_cells(nb):
        first = text.strip().splitlines()[0] if text.strip() else ""
        if first.startswith(edition.markers["deep_dive"]):
            inside = True
        elif first.startswith("## ") and inside:
            inside = False
        (deep if inside else core).append(text)
    return core, deep


def think_questions(nb: dict, edition: Edition = KOREAN) -> list[str]:
    """Every question under a ``### 생각해 보기`` (``### Think about it``) heading, in order."""
    return edition_questions(nb, edition)


def minutes(nb: dict, edition: Edition = KOREAN) -> tuple[int, int]:
    """(core path, deep dive) minutes stated in the notebook's time-to-learn section."""
    found = stated_minutes(nb, edition)
    if found is None:
        raise AssertionError(f"the time-to-learn section must state {edition.markers['core_minutes']!r} "
                             f"and {edition.markers['deep_minutes']!r}")
    return found
