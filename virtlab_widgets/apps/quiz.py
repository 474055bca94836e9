"""A self-check quiz with immediate, per-choice feedback, shared by every notebook.

Questions live in ``data/quizzes/<language>/<key>.json``, one file per notebook (``ko/01.json`` …
``07.json``). Each file is a list of questions::

    {"section": "4-1",               # the chapter subsection it checks ("7" for the lab)
     "skill": "reason",              # "reason" (predict a demo, pick a design) or "recall"
     "question": "…",
     "choices": [{"text": "…", "feedback": "why this choice is wrong (or right)"}, …],
     "answer": 2,                    # index into "choices"
     "explanation": "…"}             # shown with the right answer

The choices are stored in a fixed, already shuffled order, so the right answer's position
varies from question to question and every reader (live widget, kernel-less page, slides)
shows the same order. ``tests/test_quizzes.py`` keeps the give-aways out (the right answer
as the longest option, absurd short distractors, generic feedback).

The widget shows one radio group per question. Nothing is scored before the first check;
a wrong pick shows that choice's own feedback, the right pick shows its feedback and the
explanation. Long options wrap inside their own label (see ``_CSS``), so every option stays
clickable where it is drawn at any width.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

import ipywidgets as W

from ..style import COLORS
from ..text import DEFAULT, language, t
from ..validate import check_choice
from .controls import App

__all__ = ["Quiz", "quiz"]

SKILLS = ("reason", "recall")
"""What a question asks for: reasoning (predict a demo, choose a design) or recalling a fact."""

# ipywidgets 8 draws each option as <label>text<input type=radio></label> with a fixed height
# (--jp-widgets-radio-item-height) and a floated radio: a label that wraps spills over the next
# option, whose label is drawn on top and takes the click. Scoped to this quiz's classes, the
# labels grow with their text (height:auto) and the radio sits in its own flex column. The
# group's description ("문제 N의 보기") repeats the numbered question above it: kept for screen
# readers, hidden from sight.
_CSS = """<style>
.virtlab-quiz .virtlab-quiz-choices {width:auto; max-width:100%; height:auto; position:relative}
.virtlab-quiz .widget-html {word-break:keep-all; overflow-wrap:anywhere}
.virtlab-quiz .virtlab-quiz-choices > .widget-label {position:absolute; width:1px !important; height:1px;
  overflow:hidden; clip-path:inset(50%); white-space:nowrap}
.virtlab-quiz .virtlab-quiz-choices .widget-radio-box {min-width:0; flex:1 1 auto; margin-bottom:0 !important}
.virtlab-quiz .virtlab-quiz-choices .widget-radio-box label {display:flex; align-items:flex-start;
  height:auto; min-height:var(--jp-widgets-radio-item-height); line-height:1.45; padding:3px 0;
  white-space:normal; word-break:keep-all; overflow-wrap:anywhere; overflow:visible; cursor:pointer}
.virtlab-quiz .virtlab-quiz-choices .widget-radio-box input {order:-1; float:none; flex:none;
  height:auto; margin:0.2em 0.6em 0 1px; cursor:pointer}
</style>"""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; ``answer`` indexes ``choices`` (and ``feedback``)."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    feedback: tuple[str, ...] = ()
    section: str = ""
    skill: str = ""

    def __post_init__(self):
        if len(self.choices) < 2:
            raise ValueError(f"a question needs at least two choices: {self.question!r}")
        if not isinstance(self.answer, int) or isinstance(self.answer, bool) \
                or not 0 <= self.answer < len(self.choices):
            raise ValueError(f"answer {self.answer!r} is not a valid choice index for {self.question!r}")
        if self.feedback and len(self.feedback) != len(self.choices):
            raise ValueError(f"{len(self.feedback)} feedback texts for {len(self.choices)} choices "
                             f"in {self.question!r}: give one per choice")
        if self.skill and self.skill not in SKILLS:
            raise ValueError(f"skill must be one of {SKILLS}, got {self.skill!r}")

    def feedback_for(self, choice: int) -> str:
        """The feedback of one choice ('' when the quiz gives none)."""
        return self.feedback[choice] if self.feedback else ""


_QUIZZES = resources.files("virtlab_widgets").joinpath("data/quizzes")


def quiz_keys() -> list[str]:
    """The notebooks that have a quiz (``["01", …]``), from the default language's folder."""
    folder = _QUIZZES.joinpath(DEFAULT)
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))


def _quiz_language(key: str) -> str:
    """The current language if quiz ``key`` is translated into it, else the default language."""
    return language() if _QUIZZES.joinpath(language(), f"{key}.json").is_file() else DEFAULT


def parse_question(raw: dict, where: str = "quiz") -> Question:
    """One question from its JSON form (see the module docstring)."""
    if not isinstance(raw, dict):
        raise TypeError(f"{where}: a question must be a JSON object, got {type(raw).__name__}")
    missing = {"question", "choices", "answer", "explanation"} - set(raw)
    if missing:
        raise ValueError(f"{where}: question is missing {sorted(missing)}")
    choices = raw["choices"]
    if not isinstance(choices, list) or not all(isinstance(c, dict) and {"text", "feedback"} <= set(c)
                                                for c in choices):
        raise ValueError(f"{where}: every choice must be an object with 'text' and 'feedback'")
    return Question(raw["question"], tuple(c["text"] for c in choices), raw["answer"], raw["explanation"],
                    tuple(c["feedback"] for c in choices), raw.get("section", ""), raw.get("skill", ""))


def questions(key: str) -> tuple[Question, ...]:
    """The questions of one notebook's quiz, in the current language."""
    check_choice(key, "quiz", quiz_keys())
    return _questions(_quiz_language(key), key)


@cache
def _questions(lang: str, key: str) -> tuple[Question, ...]:
    raw = json.loads(_QUIZZES.joinpath(lang, f"{key}.json").read_text("utf-8"))
    return tuple(parse_question(q, f"quiz {key}, question {i + 1}") for i, q in enumerate(raw))


def verdict_html(q: Question, choice: int, live: bool = True) -> str:
    """What a learner sees after checking ``choice``: the verdict, that choice's feedback and,
    for the right answer, the explanation. Shared by the widget (``live``: announced to screen
    readers as a status) and the kernel-less page (folded, not announced)."""
    right = choice == q.answer
    color = COLORS["process"] if right else COLORS["warn"]
    head = f"{'✔' if right else '✘'} {t('quiz.correct') if right else t('quiz.wrong')}"
    parts = [q.feedback_for(choice)] + ([q.explanation] if right else [])
    body = "".join(f"<div>{escape(p)}</div>" for p in parts if p)
    role = " role='status'" if live else ""
    return f"<div{role} style='color:{color}'><b>{escape(head)}</b></div>{body}"


class Quiz(App):
    """Radio buttons per question, a check button and per-choice feedback."""

    def __init__(self, items: list[Question] | tuple[Question, ...]):
        if not items:
            raise ValueError("a quiz needs at least one question")
        self.items = list(items)
        self.choices = []
        for i, q in enumerate(self.items):
            radio = W.RadioButtons(options=[(c, j) for j, c in enumerate(q.choices)], value=None,
                                   description=t("quiz.answer_label", i=i + 1),
                                   style={"description_width": "0px"}, layout=W.Layout(width="auto"))
            radio.add_class("virtlab-quiz-choices")
            self.choices.append(radio)
        self.feedback = [W.HTML() for _ in self.items]
        self.results: list[bool | None] = [None] * len(self.items)
        self.score = W.HTML(layout=W.Layout(display="none"))  # shown from the first check on
        boxes = []
        for i, q in enumerate(self.items):
            button = W.Button(description=t("quiz.check"), tooltip=t("quiz.check"), button_style="primary")
            button.on_click(lambda _b, i=i: self.check(i))
            boxes.append(W.VBox([W.HTML(f"<b>{i + 1}. {escape(q.question)}</b>"), self.choices[i],
                                 button, self.feedback[i]], layout=W.Layout(margin="0 0 12px 0")))
        style = W.HTML(_CSS, layout=W.Layout(display="none"))
        self.widget = W.VBox([style, *boxes, self.score])
        self.widget.add_class("virtlab-quiz")

    @property
    def checked(self) -> bool:
        """Has any answer been checked yet?"""
        return any(r is not None for r in self.results)

    def answer(self, i: int, choice: int) -> Quiz:
        """Select ``choice`` for question ``i`` from code (both 0-based)."""
        self._index(i)
        if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < len(self.items[i].choices):
            raise ValueError(f"question {i + 1} has choices 0..{len(self.items[i].choices) - 1}, got {choice!r}")
        self.choices[i].value = choice
        return self

    def check(self, i: int) -> bool | None:
        """Show feedback for question ``i``; ``None`` if nothing is chosen yet."""
        q = self.items[self._index(i)]
        chosen = self.choices[i].value
        if chosen is None:
            self.feedback[i].value = f"<div role='status'>{escape(t('quiz.choose'))}</div>"
            self.results[i] = None
        else:
            self.results[i] = chosen == q.answer
            self.feedback[i].value = verdict_html(q, chosen)
        self._update_score()
        return self.results[i]

    def static_html(self) -> str:
        """Without a kernel: each question with its choices; each choice's verdict and feedback
        folded under it (the right one with the explanation)."""
        out = []
        for i, q in enumerate(self.items):
            choices = "".join(f"<li><details><summary>{escape(c)}</summary>"
                              f"<div style='margin:4px 0 8px 0'>{verdict_html(q, j, live=False)}</div></details></li>"
                              for j, c in enumerate(q.choices))
            out.append(f"<div class='virtlab-quiz-q' style='margin:0 0 12px 0'><b>{i + 1}. {escape(q.question)}</b>"
                       f"<ol type='A'>{choices}</ol></div>")
        return f"<div class='virtlab-static virtlab-quiz'>{''.join(out)}</div>"

    def summary_text(self) -> str:
        """The score line (``N문제 중 M문제 정답``), or how many questions wait before any check."""
        if not self.checked:
            return t("quiz.unscored", total=len(self.items))
        return t("quiz.score", right=sum(r is True for r in self.results), total=len(self.items))

    def _index(self, i: int) -> int:
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < len(self.items):
            raise ValueError(f"question index must be 0..{len(self.items) - 1}, got {i!r}")
        return i

    def _update_score(self) -> None:
        if not self.checked:
            self.score.layout.display = "none"
            self.score.value = ""
            return
        self.score.value = f"<div role='status'>{escape(self.summary_text())}</div>"
        self.score.layout.display = None


def quiz(key: str) -> Quiz:
    """Show the self-check quiz of notebook ``key`` (e.g. ``quiz("04")``)."""
    return Quiz(questions(key))
