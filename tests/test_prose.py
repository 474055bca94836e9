"""The lecture's own voice, as a student reads it (NOTEBOOK_GUIDE.md, "Voice").

Notebook prose, quiz text and widget labels are the lecture itself: no instructor material,
no talk about "the lecture" or about the package's machinery, one spelling per term, Markdown
that renders as written, and a glossary that explains the technical terms used.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from notebook_text import ALL_NOTEBOOKS, EDITIONS, KOREAN, load, markdown_cells, prose, split_core

from virtlab_widgets import text as catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "virtlab_widgets" / "data"
GLOSSARY = ROOT / "notebooks" / "glossary.ipynb"

# 국립국어원 표기: the wrong spelling -> the one the lecture uses
SPELLING = {"데스크탑": "데스크톱", "스냅샷": "스냅숏", "어플리케이션": "애플리케이션", "디렉토리": "디렉터리",
            "메세지": "메시지", "컨텐츠": "콘텐츠", "엑세스": "액세스", "셋팅": "세팅", "쉘 ": "셸 ",
            "하이퍼 바이저": "하이퍼바이저", "프로비져닝": "프로비저닝", "윈도우즈": "윈도"}
# talking about the lecture as someone else's text, or about the machinery behind the page
META = re.compile(r"강의(는|의|가|에서|에|를|와|처럼|대로)|발표 메모|화면 읽기|스크린 리더|screen reader"
                  r"|nbval|테스트가|JSON")
# every technical term a second-year student may not know must be in the glossary
GLOSSARY_TERMS = ["하이퍼바이저", "게스트 OS", "호스트 OS", "컨테이너", "네임스페이스", "cgroup", "copy-on-write",
                  "IOPS", "KSM", "벌루닝", "스왑", "과할당", "NAT", "SLAT", "VT-x", "VBS", "DMI", "VDI", "DaaS",
                  "SDN", "NFV", "IaC", "스케일 업", "스케일 아웃", "가용성", "부팅 폭주", "마이크로VM",
                  "오케스트레이션", "스냅숏", "이미지"]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def student_texts() -> dict[str, list[str]]:
    """Everything a student reads, by where it comes from."""
    out = {p.name: [prose(t) for t in markdown_cells(load(p))] for p in ALL_NOTEBOOKS}
    out["text.py (ko)"] = _strings(catalog.TEXT["ko"])
    for path in sorted(DATA.rglob("*.json")):
        out[str(path.relative_to(DATA))] = _strings(json.loads(path.read_text("utf-8")))
    return out


TEXTS = student_texts()


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_one_spelling_per_term(where):
    wrong = {bad: good for bad, good in SPELLING.items() for t in TEXTS[where] if bad in t}
    assert not wrong, f"{where}: write {wrong}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_the_lecture_not_about_it(path):
    nb = load(path)
    assert not any(c["metadata"].get("slideshow", {}).get("slide_type") == "notes" for c in nb["cells"]), \
        "speaker notes belong in instructor/, not in the students' notebook"
    hits = [m.group(0) + ": " + t[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            for t in map(prose, markdown_cells(nb)) for m in META.finditer(t)]
    assert not hits, f"{path.name} talks about the lecture or its machinery: {hits[:3]}"


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_markdown_renders_as_written(where):
    """Two '~' on one line render as strikethrough; a lone backtick shows literally.

    Widget text may mark code with a pair of backticks: ``virtlab_widgets.apps.controls``
    turns each pair into ``<code>`` (tested with the apps that show such text).
    """
    for t in TEXTS[where]:
        for line in t.splitlines():
            assert line.count("~") < 2, f"{where}: strikethrough from '~…~' in {line.strip()[:90]!r}"
        assert t.count("`") % 2 == 0, f"{where}: an unpaired backtick shows literally: {t[:90]!r}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_english_gloss_only_at_first_use(path):
    """'한국어 (English)' once per notebook: the same parenthesised gloss is not repeated."""
    seen: dict[str, int] = {}
    for text in markdown_cells(load(path)):
        for line in prose(text).splitlines():
            if line.startswith("#"):  # headings of the fixed skeleton carry their own gloss
                continue
            for gloss in re.findall(r"[가-힣]\s?\(([A-Za-z][A-Za-z .\-/]{2,})\)", line):
                seen[gloss.lower()] = seen.get(gloss.lower(), 0) + 1
    repeated = {g: n for g, n in seen.items() if n > 1}
    assert not repeated, f"{path.name} repeats English glosses (first use only): {repeated}"


def test_glossary_explains_every_technical_term():
    assert GLOSSARY.exists(), "notebooks/glossary.ipynb (용어집) is missing"
    nb = load(GLOSSARY)
    entries = [line for t in markdown_cells(nb) for line in t.splitlines() if line.startswith("### ")]
    body = "\n".join(markdown_cells(nb))
    missing = [term for term in GLOSSARY_TERMS if not any(term.lower() in e.lower() for e in entries)]
    assert not missing, f"the glossary has no entry for {missing}"
    for entry in entries:  # every entry says something
        after = body.split(entry, 1)[1].split("\n### ", 1)[0].strip()
        assert len(after) >= 20, f"glossary entry {entry!r} has no explanation"


def test_glossary_terms_are_used_in_the_lecture():
    """The glossary explains the lecture's terms, not a dictionary's: each required term occurs."""
    lecture = "\n".join(t for p in ALL_NOTEBOOKS if p != GLOSSARY for t in markdown_cells(load(p))).lower()
    unused = [term for term in GLOSSARY_TERMS if term.lower() not in lecture]
    assert not unused, f"glossary terms no notebook uses (drop them from GLOSSARY_TERMS): {unused}"


TRANSLATED = [(e, p) for e in EDITIONS.values() if e.is_translation for p in e.notebooks]
HANGUL = re.compile(r"[\u3131-\u318e\uac00-\ud7a3]")
# the same rule in English: no talk about the lecture as a text or about the machinery behind the page
META_EN = re.compile(r"\bthe lecture (says|text)|speaker notes|screen reader|nbval|\bJSON\b", re.I)


@pytest.mark.parametrize(("edition", "path"), TRANSLATED, ids=[f"{e.language}/{p.name}" for e, p in TRANSLATED])
def test_a_translation_speaks_its_own_language(edition, path):
    """No Korean left in an English notebook, except the Korean terms in the glossary's entry
    headings (exchange students match them to the Korean class) and the link to the Korean edition."""
    leftovers = []
    for text in markdown_cells(load(path)):
        for line in text.splitlines():
            allowed = line.startswith("### ") and path.name == "glossary.ipynb"
            allowed |= bool(re.search(r"\]\(\.\./[\w-]+\.ipynb\)", line))
            if HANGUL.search(line) and not allowed:
                leftovers.append(line.strip()[:80])
    assert not leftovers, f"{edition.language}/{path.name} has Korean text: {leftovers[:3]}"
    hits = [m.group(0) for t in map(prose, markdown_cells(load(path))) for m in META_EN.finditer(t)]
    assert not hits, f"{edition.language}/{path.name} talks about the lecture or its machinery: {hits[:3]}"


@pytest.mark.parametrize("edition", [e for e in EDITIONS.values() if e.is_translation], ids=lambda e: e.language)
def test_every_glossary_entry_names_the_korean_term(edition):
    entries = [line for t in markdown_cells(load(edition.folder / "glossary.ipynb")) for line in t.splitlines()
               if line.startswith("### ")]
    korean = [line for t in markdown_cells(load(KOREAN.folder / "glossary.ipynb")) for line in t.splitlines()
              if line.startswith("### ")]
    assert len(entries) == len(korean), f"{len(entries)} glossary entries, the Korean glossary has {len(korean)}"
    # a Korean heading's Korean term (하이퍼바이저) is named in the English heading, in the same order
    words = re.compile(r"[\uac00-\ud7a3][\uac00-\ud7a3 ]*[\uac00-\ud7a3]|[\uac00-\ud7a3]")
    unnamed = [(en, ko) for en, ko in zip(entries, korean) if any(w not in en for w in words.findall(ko))]
    assert not unnamed, f"entries without the Korean term of the Korean entry: {unnamed[:3]}"


@pytest.mark.parametrize("edition", EDITIONS.values(), ids=lambda e: e.language)
def test_prose_is_a_lecture_not_a_book(edition):
    """The core paths together can be taught in one class; the deep dives stay compact.

    The chapter itself is about 3,800 characters of Korean; a lecturer speaks roughly 250–300
    characters of Korean prose a minute besides the demos.
    """
    core = deep = 0
    for path in edition.notebooks:
        if path.name == GLOSSARY.name:
            continue
        c, d = split_core(load(path), edition)
        core += sum(len(t) for t in c)
        deep += sum(len(t) for t in d)
    # edition.json: characters per Korean character for the same content (English: measured 1.74
    # over the core paths when the English edition was written, 50,807 / 29,282)
    limit = 30_000 * edition.characters_per_korean
    assert core <= limit, f"core paths hold {core} characters of prose: too long for a 75-minute class"
    assert deep <= limit, f"deep dives hold {deep} characters"
