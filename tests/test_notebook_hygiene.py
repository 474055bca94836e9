"""Notebooks are committed clean (no outputs, no widget state) and follow NOTEBOOK_GUIDE.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from notebook_text import ALL_NOTEBOOKS, DEEP_DIVE, SECTION_NOTEBOOKS, minutes, split_core

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = SECTION_NOTEBOOKS
LECTURE = json.loads((ROOT / "virtlab_widgets/data/lecture.json").read_text("utf-8"))
SECTIONS = {f"{s['number']:02d}": s for s in LECTURE["sections"]}
SKELETON = ["학습 목표", "선수 지식", "소요 시간", "요약", "스스로 점검", "참고 자료", "다음"]
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "-"}  # no "notes": speaker notes live in instructor/


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def headings(nb: dict) -> list[str]:
    return [line.strip() for c in nb["cells"] if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("#")]


def test_index_and_every_written_section_exist():
    names = {p.name for p in NOTEBOOKS}
    assert any(n.startswith("00_") for n in names), "the index notebook 00_*.ipynb is missing"
    assert "04_containers.ipynb" in names


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_widget_state(path):
    nb = load(path)
    assert "widgets" not in nb["metadata"], "widget state stored: run `make strip`"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"outputs stored in {path.name}: run `make strip`"
            assert cell["execution_count"] is None
        assert "slideshow" in cell["metadata"], f"a cell of {path.name} has no slide metadata"
        assert cell["metadata"]["slideshow"]["slide_type"] in SLIDE_TYPES


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00_")], ids=lambda p: p.name)
def test_section_notebook_follows_the_guide(path):
    nb = load(path)
    section = SECTIONS[path.name[:2]]
    assert path.name == section["notebook"]
    heads = headings(nb)
    assert re.match(rf"# {section['number']}\. ", heads[0]), f"title must be '# {section['number']}. …'"
    positions = []
    for word in SKELETON:
        found = [i for i, h in enumerate(heads) if h.startswith("## ") and word in h]
        assert found, f"{path.name} lacks a '## {word}' section"
        positions.append(found[0])
    lecture_heads = [next(i for i, h in enumerate(heads) if h.startswith(f"## {sub.split('.')[0]}."))
                     for sub in section["subsections"]]
    assert lecture_heads == sorted(lecture_heads), "lecture sections out of order"
    assert positions[:3] == sorted(positions[:3]) and positions[3:] == sorted(positions[3:])
    if lecture_heads:
        assert positions[2] < lecture_heads[0] and lecture_heads[-1] < positions[3]
    assert any("직접 해보기" in h for h in heads), "no interactive demo (직접 해보기)"
    assert any("생각해 보기" in h for h in heads), "no question to think about (생각해 보기)"
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "virtlab_widgets" in code[0], "the first code cell imports from virtlab_widgets"
    deep = [i for i, h in enumerate(heads) if h.startswith(DEEP_DIVE)]
    assert len(deep) == 1, f"{path.name} needs exactly one '{DEEP_DIVE} (Deep dive)' section"
    if lecture_heads:
        assert lecture_heads[-1] < deep[0] < positions[3], "the deep dive comes after the core path, before 요약"
    core_cells, _ = split_core(nb)
    assert any("직접 해보기" in text for text in core_cells), "the core path has no demo (직접 해보기)"
    core_minutes, deep_minutes = minutes(nb)
    assert 0 < core_minutes <= 20 and deep_minutes > 0
    assert any("quiz(" in c for c in code), "no self-check quiz"
    too_long = [c for c in code if len(c.splitlines()) > 8]
    assert not too_long, f"code cells longer than 8 lines belong in the package: {too_long[0][:80]!r}"


def test_nbstripout_would_change_nothing():
    """The committed notebooks are exactly what ``make strip`` (nbstripout) produces."""
    import subprocess
    import sys

    tool = Path(sys.executable).parent / "nbstripout"
    proc = subprocess.run([str(tool), "--verify", *map(str, ALL_NOTEBOOKS)], capture_output=True, text=True)
    assert proc.returncode == 0, f"run `make strip`: {proc.stdout or proc.stderr}"


def test_index_links_every_section():
    index = next(p for p in NOTEBOOKS if p.name.startswith("00_"))
    text = "".join("".join(c["source"]) for c in load(index)["cells"])
    for section in LECTURE["sections"]:
        assert section["notebook"] in text, f"the index does not link {section['notebook']}"


def test_lecture_outline_matches_the_seed():
    seed = ROOT.parent / "shared/seed/Chapter04_Virtualization.md"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    text = seed.read_text("utf-8")
    for section in LECTURE["sections"][:6]:
        assert f"## {section['number']}." in text
        for sub in section["subsections"]:
            assert sub in text, f"{sub!r} is not in the lecture"
