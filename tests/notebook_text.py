"""Reading notebooks as a student sees them: markdown prose, headings, sections, bullets.

Shared by the hygiene, prose and instructor-kit tests.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
SECTION_NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
ALL_NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
DEEP_DIVE = "## 더 알아보기"
CORE_MINUTES = re.compile(r"^- 핵심 경로: (\d+)분\s*$", re.M)
DEEP_MINUTES = re.compile(r"^- 더 알아보기: (\d+)분\s*$", re.M)


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


def split_core(nb: dict) -> tuple[list[str], list[str]]:
    """Markdown cells of the core path (everything before ``## 더 알아보기``, and the summary
    onwards) and of the deep dive (from ``## 더 알아보기`` up to ``## 요약``)."""
    core, deep, inside = [], [], False
    for text in markdown_cells(nb):
        first = text.strip().splitlines()[0] if text.strip() else ""
        if first.startswith(DEEP_DIVE):
            inside = True
        elif first.startswith("## ") and inside:
            inside = False
        (deep if inside else core).append(text)
    return core, deep


def think_questions(nb: dict) -> list[str]:
    """Every question under a ``### 생각해 보기`` heading (one ``- `` bullet each), in order."""
    out = []
    for text in markdown_cells(nb):
        inside = False
        for line in text.splitlines():
            if line.startswith("#"):
                inside = "생각해 보기" in line
            elif inside and line.startswith("- "):
                out.append(line[2:].strip())
    return out


def minutes(nb: dict) -> tuple[int, int]:
    """(core path, deep dive) minutes stated in the notebook's ``소요 시간`` section."""
    text = "\n".join(markdown_cells(nb))
    core, deep = CORE_MINUTES.search(text), DEEP_MINUTES.search(text)
    if not (core and deep):
        raise AssertionError("the 소요 시간 section must state '- 핵심 경로: N분' and '- 더 알아보기: M분'")
    return int(core.group(1)), int(deep.group(1))
