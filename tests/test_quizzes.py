"""The self-check quizzes: no give-aways, feedback for every choice, and the widget's behaviour.

The give-away rules are functions (``problems``) so that they can be shown to catch a bad
question (the old notebook-5 question below), not only to pass on the current files.
"""
from __future__ import annotations

import json
import re
import statistics
import unicodedata
from html import escape
from importlib import resources

import pytest

from virtlab_widgets import quiz
from virtlab_widgets.apps.quiz import SKILLS, Question, Quiz, parse_question, questions, quiz_keys
from virtlab_widgets.text import DEFAULT, set_language, t

KEYS = [f"{n:02d}" for n in range(1, 8)]
_FOLDER = resources.files("virtlab_widgets").joinpath("data/quizzes")
LANGUAGES = sorted(p.name for p in _FOLDER.iterdir() if p.is_dir())  # every edition's quizzes
CASES = [(lang, key) for lang in LANGUAGES for key in KEYS]
MAX_RIGHT_TO_MEDIAN_WRONG = 1.3   # the right answer may not stand out by length …
MIN_RIGHT_TO_MEDIAN_WRONG = 0.7   # … in either direction
MAX_LONGEST_TO_SHORTEST = 1.6     # and no absurdly short distractor
MAX_SHARE_EXTREME = 1 / 3         # right answer longest (or shortest) in at most a third of all questions
# A choice named by its place ("두 번째 보기", "보기 B") breaks as soon as the order changes:
# that is how notebook 5's old explanation came to name the wrong choice.
POSITIONAL = re.compile(r"(첫|두|세|네|다섯|여섯|[1-6])\s*번째\s*(보기|선택지)|(보기|선택지)\s*[A-F1-6](?![\w.])"
                        r"|\b[A-F]번\b|\b(first|second|third|fourth|fifth|sixth|last)\s+(option|choice)"
                        r"|\b(option|choice)\s+[A-F1-6]\b", re.I)
# talking about the lecture as someone else's text; telling a wrong choice it is right
META = re.compile(r"강의|\bthe lecture\b", re.I)
RIGHT = re.compile(r"\s*(맞습니다|정답|correct\b|right\b)", re.I)

# Notebook 5's old first question (before this rewrite), in the new shape: the right answer is
# by far the longest, the distractors are short, and the explanation names choices by place.
OLD_05_Q1 = Question(
    "가상머신 (Virtual Machine)의 정의로 가장 알맞은 것은?",
    ("하드디스크를 여러 파티션으로 나누어 부팅할 때 OS를 고르는 기술",
     "현재 사용 중인 운영체제 (Host OS) 안에 가상의 컴퓨터를 만들고, 그 위에 다른 운영체제 (Guest OS)를 "
     "설치해 실행하는 기술",
     "호스트 커널을 공유하며 프로세스만 격리하는 기술", "원격 서버의 화면을 내 컴퓨터로 전송하는 기술"),
    1, "강의 5-1의 정의입니다. 두 번째 보기는 멀티부팅, 세 번째는 컨테이너 (OS 수준 가상화), 네 번째는 원격 "
       "데스크톱에 가깝습니다.",
    ("틀렸습니다.",) * 4)


def width(text: str) -> int:
    """Display width: a Hangul syllable (or any wide character) counts as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def strings(q: Question) -> list[str]:
    return [q.question, q.explanation, *q.choices, *q.feedback]


def problems(q: Question) -> list[str]:
    """Every give-away and every broken text rule of one question (empty: fine)."""
    found = []
    lengths = [width(c) for c in q.choices]
    wrong = [n for j, n in enumerate(lengths) if j != q.answer]
    ratio = lengths[q.answer] / statistics.median(wrong)
    if not MIN_RIGHT_TO_MEDIAN_WRONG <= ratio <= MAX_RIGHT_TO_MEDIAN_WRONG:
        found.append(f"right answer is {ratio:.2f}× the median wrong choice")
    if max(lengths) / min(lengths) > MAX_LONGEST_TO_SHORTEST:
        found.append(f"choices range from {min(lengths)} to {max(lengths)} wide")
    if len(q.feedback) != len(q.choices) or not all(f.strip() for f in q.feedback):
        found.append("a choice has no feedback")
    elif len(set(q.feedback)) != len(q.feedback) or q.explanation in q.feedback:
        found.append("feedback repeated between choices (or equal to the explanation)")
    if len(set(q.choices)) != len(q.choices):
        found.append("two choices are the same")
    for j, f in enumerate(q.feedback):
        if j != q.answer and RIGHT.match(f):
            found.append(f"wrong choice {j} is told it is right")
    for s in strings(q):
        if META.search(s):
            found.append(f"talks about the lecture: {s[:30]!r}")
        if s.count("~") >= 2:
            found.append(f"two '~' render as strikethrough: {s[:30]!r}")
        if "`" in s:
            found.append(f"backticks are not code in widget HTML: {s[:30]!r}")
    for s in [q.explanation, *q.feedback]:
        if POSITIONAL.search(s):
            found.append(f"names a choice by its place: {POSITIONAL.search(s).group(0)!r}")
    return found


def questions_in(lang: str, key: str) -> tuple[Question, ...]:
    set_language(lang)
    try:
        return questions(key)
    finally:
        set_language(DEFAULT)


def all_questions(lang: str) -> list[tuple[str, int, Question]]:
    return [(key, i, q) for key in KEYS for i, q in enumerate(questions_in(lang, key))]


def lecture_subsections() -> dict[str, list[str]]:
    raw = json.loads(resources.files("virtlab_widgets").joinpath("data/lecture.json").read_text("utf-8"))
    return {f"{s['number']:02d}": [sub.split(".")[0] for sub in s["subsections"]] or [str(s["number"])]
            for s in raw["sections"]}


def test_every_section_notebook_has_a_quiz():
    assert quiz_keys() == KEYS
    for lang in LANGUAGES:
        assert sorted(p.name.removesuffix(".json") for p in _FOLDER.joinpath(lang).iterdir()) == KEYS, lang


def test_the_old_notebook_5_question_is_caught():
    found = " | ".join(problems(OLD_05_Q1))
    for expected in ("median wrong choice", "feedback repeated", "lecture", "by its place"):
        assert expected in found, found


@pytest.mark.parametrize(("lang", "key"), CASES, ids=[f"{lang}/{key}" for lang, key in CASES])
def test_quiz_shape(lang, key):
    items = questions_in(lang, key)
    assert 4 <= len(items) <= 6
    assert len({q.answer for q in items}) > 1, "the right answer is always in the same place"
    assert all(len(q.choices) == 4 for q in items)
    assert all(q.skill in SKILLS for q in items)
    reasoning = sum(q.skill == "reason" for q in items)
    assert reasoning * 2 >= len(items), f"only {reasoning} of {len(items)} questions ask for reasoning"
    covered = {q.section for q in items}
    assert set(lecture_subsections()[key]) <= covered, f"sections without a question: {covered}"


@pytest.mark.parametrize(("lang", "key"), CASES, ids=[f"{lang}/{key}" for lang, key in CASES])
def test_no_giveaways_or_broken_text(lang, key):
    bad = {i + 1: found for i, q in enumerate(questions_in(lang, key)) if (found := problems(q))}
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGUAGES)
def test_right_answer_is_not_the_longest_or_shortest_too_often(lang):
    qs = [q for _k, _i, q in all_questions(lang)]
    lengths = [[width(c) for c in q.choices] for q in qs]
    longest = sum(L[q.answer] == max(L) for q, L in zip(qs, lengths))
    shortest = sum(L[q.answer] == min(L) for q, L in zip(qs, lengths))
    assert longest <= MAX_SHARE_EXTREME * len(qs), f"right answer is the longest in {longest} of {len(qs)}"
    assert shortest <= MAX_SHARE_EXTREME * len(qs), f"right answer is the shortest in {shortest} of {len(qs)}"
    places = [q.answer for q in qs]
    assert max(places.count(p) for p in set(places)) <= 0.4 * len(qs), "the answers crowd one position"


def test_parse_rejects_the_old_shape_in_plain_words():
    old = {"question": "?", "choices": ["a", "b"], "answer": 0, "explanation": "e"}
    with pytest.raises(ValueError, match="'text' and 'feedback'"):
        parse_question(old)
    with pytest.raises(ValueError, match="missing"):
        parse_question({"question": "?"})
    with pytest.raises(TypeError):
        parse_question(["not", "a", "question"])
    with pytest.raises(ValueError, match="one per choice"):
        Question("?", ("a", "b"), 0, "e", ("only one",))
    with pytest.raises(ValueError, match="skill"):
        Question("?", ("a", "b"), 0, "e", ("x", "y"), skill="guess")


def test_score_is_hidden_until_the_first_check():
    q = quiz("05")
    assert q.score.layout.display == "none" and q.score.value == ""
    assert q.summary_text() == t("quiz.unscored", total=len(q.items))
    assert q.check(0) is None  # nothing chosen: a hint, still no score
    assert q.score.layout.display == "none"
    q.answer(0, questions("05")[0].answer).check(0)
    assert q.score.layout.display != "none"
    assert t("quiz.score", right=1, total=len(q.items)) in q.score.value
    assert q.summary_text() == t("quiz.score", right=1, total=len(q.items))


def test_each_wrong_choice_shows_its_own_feedback_and_the_right_one_the_explanation():
    items = questions("04")
    app = quiz("04")
    for i, item in enumerate(items):
        shown = set()
        for j, _choice in enumerate(item.choices):
            right = app.answer(i, j).check(i)
            html = app.feedback[i].value
            assert right is (j == item.answer)
            assert escape(item.feedback[j]) in html
            assert (escape(item.explanation) in html) is right
            assert (t("quiz.correct") if right else t("quiz.wrong")) in html
            shown.add(html)
        assert len(shown) == len(item.choices)


def test_static_html_folds_every_choice_with_its_feedback():
    items = questions("02")
    html = Quiz(items).static_html()
    total = sum(len(q.choices) for q in items)
    assert html.count("<details>") == total and html.count("<summary>") == total
    for q in items:
        for c, f in zip(q.choices, q.feedback):
            assert f"<summary>{escape(c)}</summary>" in html and escape(f) in html
        assert html.count(escape(q.explanation)) == 1


def test_quiz_widget_carries_the_wrapping_css():
    app = quiz("01")
    assert "virtlab-quiz" in app.widget._dom_classes
    assert all("virtlab-quiz-choices" in r._dom_classes for r in app.choices)
    css = app.widget.children[0].value
    assert "height:auto" in css and "white-space:normal" in css and ".virtlab-quiz-choices" in css
