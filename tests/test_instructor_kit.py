"""The instructor's kit: a 75-minute run sheet that matches the notebooks, speaker notes tied
to real slides, a model answer for every "생각해 보기", the lab rubric and the handout."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_text import SECTION_NOTEBOOKS, headings, load, minutes, think_questions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import kit  # noqa: E402 - tools/ is on sys.path only after the insert above

NOTEBOOK = {p.name[:2]: p for p in SECTION_NOTEBOOKS}
KEYS = sorted(NOTEBOOK)


def test_every_notebook_has_instructor_material():
    assert kit.keys() == KEYS
    for name in ("README.md", "rubric.md", "handout.md"):
        assert (kit.KIT / name).exists(), f"instructor/{name} is missing"


def test_run_sheets_tile_the_class():
    """Row after row, notebook after notebook: minute 0 to 75 with no gap and no overlap."""
    minute = 0
    for key in KEYS:
        for row in kit.load(key).rows:
            assert row.start == minute, f"instructor/{key}.md: row {row.start}–{row.end} should start at {minute}"
            assert row.end > row.start
            assert len(row.cells) == 4 and all(row.cells), \
                f"instructor/{key}.md {row.start}–{row.end}: fill every column"
            minute = row.end
    assert minute == kit.CLASS_MINUTES


@pytest.mark.parametrize("key", [k for k in KEYS if k != "00"])
def test_run_sheet_matches_the_notebooks_core_path(key):
    start, end = kit.load(key).window
    core, _ = minutes(load(NOTEBOOK[key]))
    assert core == end - start, f"{NOTEBOOK[key].name} says 핵심 경로 {core}분, its run sheet covers {end - start}"


def test_index_sums_the_core_paths():
    index = load(NOTEBOOK["00"])
    text = "\n".join("".join(c["source"]) for c in index["cells"] if c["cell_type"] == "markdown")
    rows = dict(re.findall(r"^\|\s*\[[^\]]+\]\((\d\d)_[\w-]+\.ipynb\)\s*\|\s*(\d+)분\s*\|", text, re.M))
    assert sorted(rows) == [k for k in KEYS if k != "00"], "the index lists every section's minutes"
    for key, stated in rows.items():
        assert int(stated) == minutes(load(NOTEBOOK[key]))[0], f"index says {stated}분 for {key}"
    start, end = kit.load("00").window
    assert sum(map(int, rows.values())) + (end - start) == kit.CLASS_MINUTES


@pytest.mark.parametrize("key", KEYS)
def test_speaker_notes_belong_to_real_slides(key):
    material = kit.load(key)
    assert material.notes, f"instructor/{key}.md has no speaker notes"
    nb = nbformat.read(NOTEBOOK[key], as_version=4)
    placed = kit.add_speaker_notes(nb, material)
    assert placed == len(material.notes)
    notes = [i for i, c in enumerate(nb.cells) if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    assert len(notes) == placed and all(nb.cells[i].source.strip() for i in notes)


def test_renamed_heading_does_not_drop_its_notes():
    material = kit.parse("# t\n## 진행표\n| 0–1 | a | b | c | d |\n"
                         "## 발표 메모\n### 없는 제목\n메모\n## 생각해 보기 모범 답안\n", "99")
    with pytest.raises(ValueError, match="없는 제목"):
        kit.add_speaker_notes(nbformat.v4.new_notebook(), material)


@pytest.mark.parametrize("key", KEYS)
def test_every_question_has_a_model_answer(key):
    asked = think_questions(load(NOTEBOOK[key]))
    answered = [q for q, a in kit.load(key).answers]
    assert answered == asked, \
        f"instructor/{key}.md answers {len(answered)} of {len(asked)} questions, or in another order"
    assert all(len(a) >= 40 for _, a in kit.load(key).answers), "a model answer of a few sentences"


def test_students_never_see_the_kit():
    for path in SECTION_NOTEBOOKS:
        assert not any("instructor/" in h for h in headings(load(path)))
        text = path.read_text("utf-8")
        assert "모범 답안" not in text and "**A.**" not in text


def test_handout_fits_two_pages():
    text = (kit.KIT / "handout.md").read_text("utf-8")
    assert 1500 <= len(text) <= 6000, f"handout.md has {len(text)} characters: aim for 1–2 printed pages"
    for section in ("1.", "2.", "3.", "4.", "5.", "6.", "7."):
        assert re.search(rf"^#+ .*{re.escape(section)}", text, re.M), f"the handout covers section {section}"


def test_rubric_scores_the_lab_report():
    text = (kit.KIT / "rubric.md").read_text("utf-8")
    points = [int(p) for p in re.findall(r"(\d+)\s*점", text)]
    assert points and "|" in text, "a rubric table with points"


def test_kit_builds_offline(tmp_path):
    written = {p.name for p in kit.build(tmp_path)}
    assert {"index.html", "notes.html", "answers.html", "rubric.html", "handout.html"} <= written
    sheet = (tmp_path / "index.html").read_text("utf-8")
    assert "0–4" in sheet and f"–{kit.CLASS_MINUTES}" in sheet
    if kit.print_pdf.__defaults__ and Path(kit.print_pdf.__defaults__[0]).exists():
        pdf = (tmp_path / "handout.pdf").read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, f"the printed handout has {pages} pages"


def test_kit_readme_agrees_with_the_run_sheets():
    text = (kit.KIT / "README.md").read_text("utf-8")
    listed = {k: (int(a), int(b)) for a, b, k in
              re.findall(r"^\|\s*(\d+)–(\d+)\s*\|\s*\[[^\]]+\]\(\.\./notebooks/(\d\d)_", text, re.M)}
    assert listed == {k: kit.load(k).window for k in KEYS}
