"""Notebooks are committed clean (no outputs, no widget state) and follow NOTEBOOK_GUIDE.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from notebook_text import EVERY_NOTEBOOK, EVERY_SECTION, SECTION_NOTEBOOKS, ids, minutes, split_core

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = SECTION_NOTEBOOKS
LECTURE = json.loads((ROOT / "virtlab_widgets/data/lecture.json").read_text("utf-8"))
SECTIONS = {f"{s['number']:02d}": s for s in LECTURE["sections"]}
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


@pytest.mark.parametrize("path", [p for _, p in EVERY_NOTEBOOK], ids=[ids(c) for c in EVERY_NOTEBOOK])
def test_committed_without_outputs_or_widget_state(path):
    nb = load(path)
    assert "widgets" not in nb["metadata"], "widget state stored: run `make strip`"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"outputs stored in {path.name}: run `make strip`"
            assert cell["execution_count"] is None
        assert "slideshow" in cell["metadata"], f"a cell of {path.name} has no slide metadata"
        assert cell["metadata"]["slideshow"]["slide_type"] in SLIDE_TYPES


SECTION_CASES = [c for c in EVERY_SECTION if not c[1].name.startswith("00_")]


@pytest.mark.parametrize(("edition", "path"), SECTION_CASES, ids=[ids(c) for c in SECTION_CASES])
def test_section_notebook_follows_the_guide(edition, path):
    nb = load(path)
    try_it, think, deep_dive = (edition.markers[k] for k in ("try_it", "think", "deep_dive"))
    section = SECTIONS[path.name[:2]]
    assert path.name == section["notebook"]
    heads = headings(nb)
    assert re.match(rf"# {section['number']}\. ", heads[0]), f"title must be '# {section['number']}. …'"
    positions = []
    for word in edition.skeleton:
        found = [i for i, h in enumerate(heads) if h.startswith("## ") and word in h]
        assert found, f"{path.name} lacks a '## {word}' section"
        positions.append(found[0])
    lecture_heads = [next(i for i, h in enumerate(heads) if h.startswith(f"## {sub.split('.')[0]}."))
                     for sub in section["subsections"]]
    assert lecture_heads == sorted(lecture_heads), "lecture sections out of order"
    assert positions[:3] == sorted(positions[:3]) and positions[3:] == sorted(positions[3:])
    if lecture_heads:
        assert positions[2] < lecture_heads[0] and lecture_heads[-1] < positions[3]
    assert any(try_it in h for h in heads), f"no interactive demo ({try_it})"
    assert any(think in h for h in heads), f"no question to think about ({think})"
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "virtlab_widgets" in code[0], "the first code cell imports from virtlab_widgets"
    deep = [i for i, h in enumerate(heads) if h.startswith(deep_dive)]
    assert len(deep) == 1, f"{path.name} needs exactly one '{deep_dive}' section"
    if lecture_heads:
        assert lecture_heads[-1] < deep[0] < positions[3], "the deep dive comes after the core path, before the summary"
    core_cells, _ = split_core(nb, edition)
    assert any(try_it in text for text in core_cells), f"the core path has no demo ({try_it})"
    core_minutes, deep_minutes = minutes(nb, edition)
    assert 0 < core_minutes <= 20 and deep_minutes > 0
    assert any("quiz(" in c for c in code), "no self-check quiz"
    too_long = [c for c in code if len(c.splitlines()) > 8]
    assert not too_long, f"code cells longer than 8 lines belong in the package: {too_long[0][:80]!r}"


def test_nbstripout_would_change_nothing():
    """The committed notebooks are exactly what ``make strip`` (nbstripout) produces."""
    import subprocess
    import sys

    tool = Path(sys.executable).parent / "nbstripout"
    proc = subprocess.run([str(tool), "--verify", *(str(p) for _, p in EVERY_NOTEBOOK)], capture_output=True, text=True)
    assert proc.returncode == 0, f"run `make strip`: {proc.stdout or proc.stderr}"


@pytest.mark.parametrize(("edition", "index"), [c for c in EVERY_SECTION if c[1].name.startswith("00_")],
                         ids=lambda c: getattr(c, "language", None) or c.name)
def test_index_links_every_section(edition, index):
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
