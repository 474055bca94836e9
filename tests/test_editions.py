"""The editions stay in step (tools/editions.py): every Korean notebook, quiz and kit page has a
translation with the same code cells and structure, reviewed against the current Korean text.

``test_a_korean_change_alone_is_caught`` shows the sync check failing on a copy of the
repository where one Korean notebook changed and its translation did not, and passing again
once the translation is updated and recorded.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_text import EDITIONS, KOREAN

from virtlab_widgets import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402 - tools/editions.py, importable only after the insert above

TRANSLATIONS = [e for e in EDITIONS.values() if e.is_translation]


def test_there_is_an_english_edition():
    assert "en" in EDITIONS and EDITIONS["en"].source == KOREAN.folder.resolve()
    assert {p.name for p in EDITIONS["en"].notebooks} == {p.name for p in KOREAN.notebooks}


@pytest.mark.parametrize("edition", TRANSLATIONS, ids=lambda e: e.language)
def test_every_translation_is_in_step(edition):
    problems = editions.check_translation(edition, KOREAN)
    assert not problems, "\n".join(f"{where}: {'; '.join(items)}" for where, items in problems.items())


@pytest.mark.parametrize("edition", EDITIONS.values(), ids=lambda e: e.language)
def test_each_edition_names_a_language_the_package_speaks(edition):
    assert edition.language in text.TEXT
    assert text.edition_language(edition.folder) == edition.language
    assert set(edition.markers) == set(KOREAN.markers) and set(edition.site) == set(KOREAN.site)
    assert len(edition.skeleton) == len(KOREAN.skeleton)


def test_outside_an_edition_the_package_speaks_korean(tmp_path):
    assert text.edition_language(tmp_path) == text.DEFAULT
    (tmp_path / "edition.json").write_text("{not json", "utf-8")
    assert text.edition_language(tmp_path) == text.DEFAULT
    (tmp_path / "edition.json").write_text('{"language": "no-such-language"}', "utf-8")
    assert text.edition_language(tmp_path) == text.DEFAULT


def test_a_kernel_started_in_the_english_folder_speaks_english():
    """What JupyterLab, nbval and the site build do: start the kernel in the notebook's folder."""
    code = "from virtlab_widgets import text, quiz; print(text.language()); print(quiz('01').items[0].question)"
    out = subprocess.run([sys.executable, "-c", code], cwd=EDITIONS["en"].folder, capture_output=True,
                         text=True, timeout=120, check=True).stdout.splitlines()
    assert out[0] == "en"
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in out[1]), f"the English quiz is not English: {out[1]}"


def test_the_indexes_link_each_other():
    ko = (KOREAN.folder / "00_index.ipynb").read_text("utf-8")
    en = (EDITIONS["en"].folder / "00_index.ipynb").read_text("utf-8")
    assert "en/00_index.ipynb" in ko and "../00_index.ipynb" in en


def _copy_repo(tmp_path: Path) -> Path:
    """The editions, quizzes and kits of this checkout in ``tmp_path`` (a repository's shape)."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "instructor", tmp_path / "instructor")
    shutil.copytree(ROOT / "virtlab_widgets" / "data" / "quizzes", tmp_path / "virtlab_widgets" / "data" / "quizzes")
    return tmp_path / "notebooks"


def _edit_first_markdown(path: Path, suffix: str) -> None:
    nb = json.loads(path.read_text("utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = ["".join(cell["source"]) + suffix]
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", "utf-8")


def test_a_korean_change_alone_is_caught(tmp_path):
    root = _copy_repo(tmp_path)
    assert editions.check(root) == {}, "the copy starts in step"
    _edit_first_markdown(root / "02_pros_and_cons.ipynb", "\n\n새 문장을 한 줄 더했습니다.")
    problems = editions.check(root)
    behind = [f"notebooks/{e.language}/02_pros_and_cons.ipynb" for e in TRANSLATIONS]
    assert sorted(problems) == sorted(behind)
    assert all(problems[p][0].startswith("behind: 02_pros_and_cons.ipynb changed") for p in behind)
    # each translator updates their notebook and records the review: in step again
    for e in TRANSLATIONS:
        _edit_first_markdown(root / e.language / "02_pros_and_cons.ipynb", "\n\nOne more sentence was added.")
        assert editions.record(editions.editions(root)[e.language], ["02"]) == ["02_pros_and_cons.ipynb"]
    assert editions.check(root) == {}


def test_structure_and_code_must_match(tmp_path):
    root = _copy_repo(tmp_path)
    path = root / "en" / "04_containers.ipynb"
    nb = json.loads(path.read_text("utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["source"] = ["set_language('en')\n"] + code["source"]
    heading = next(c for c in nb["cells"] if "".join(c["source"]).startswith("## 4-1."))
    heading["source"] = ["## 4-9." + "".join(heading["source"])[6:]]
    nb["cells"].pop()
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", "utf-8")
    found = editions.check(root)["notebooks/en/04_containers.ipynb"]
    assert any("cells, the source has" in p for p in found)
    nb["cells"].append(json.loads((root / "04_containers.ipynb").read_text("utf-8"))["cells"][-1])
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", "utf-8")
    found = editions.check(root)["notebooks/en/04_containers.ipynb"]
    assert any("code differs" in p for p in found) and any("section numbers" in p for p in found)


def test_quiz_answers_must_match(tmp_path):
    root = _copy_repo(tmp_path)
    path = tmp_path / "virtlab_widgets/data/quizzes/en/03.json"
    quiz = json.loads(path.read_text("utf-8"))
    quiz[0]["answer"] = (quiz[0]["answer"] + 1) % len(quiz[0]["choices"])
    path.write_text(json.dumps(quiz, ensure_ascii=False), "utf-8")
    assert any("answer" in p for p in editions.check(root)["virtlab_widgets/data/quizzes/en/03.json"])


def test_status_and_record_from_the_command_line():
    out = subprocess.run([sys.executable, str(ROOT / "tools/editions.py"), "status", "en"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and "in step" in out.stdout and "BEHIND" not in out.stdout
    bad = subprocess.run([sys.executable, str(ROOT / "tools/editions.py"), "record", "no-such-language", "02"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "no translated edition" in bad.stderr


@pytest.mark.parametrize("edition", EDITIONS.values(), ids=lambda e: e.language)
def test_make_lab_opens_each_edition(edition):
    """``make lab`` opens the Korean index, ``make lab EDITION=en`` the English one."""
    args = [] if edition.language == editions.DEFAULT else [f"EDITION={edition.language}"]
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "EDITION", "NOTEBOOK")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "lab", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)
    opened = next(line for line in done.stdout.splitlines() if "jupyter lab" in line).split()[-1]
    assert (ROOT / opened).resolve() == (edition.folder / "00_index.ipynb").resolve(), done.stdout
