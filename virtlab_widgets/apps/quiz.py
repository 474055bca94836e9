"""A self-check quiz with immediate feedback, shared by every notebook.

Questions live in ``data/quizzes/<key>.json``, one file per notebook (``04.json``, …): a
list of ``{"question": str, "choices": [str, ...], "answer": int, "explanation": str}``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

import ipywidgets as W

from ..style import COLORS
from ..text import t
from ..validate import check_choice
from .controls import App


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; ``answer`` indexes ``choices``."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str

    def __post_init__(self):
        if len(self.choices) < 2:
            raise ValueError(f"a question needs at least two choices: {self.question!r}")
        if not isinstance(self.answer, int) or not 0 <= self.answer < len(self.choices):
            raise ValueError(f"answer {self.answer!r} is not a valid choice index for {self.question!r}")


_QUIZZES = resources.files("virtlab_widgets").joinpath("data/quizzes")


def quiz_keys() -> list[str]:
    """The notebooks that have a quiz (``["04", …]``)."""
    return sorted(p.name.removesuffix(".json") for p in _QUIZZES.iterdir() if p.name.endswith(".json"))


@cache
def questions(key: str) -> tuple[Question, ...]:
    """The questions of one notebook's quiz."""
    check_choice(key, "quiz", quiz_keys())
    raw = json.loads(_QUIZZES.joinpath(f"{key}.json").read_text("utf-8"))
    return tuple(Question(q["question"], tuple(q["choices"]), q["answer"], q["explanation"]) for q in raw)


class Quiz(App):
    """Radio buttons per question, a check button and feedback with the explanation."""

    def __init__(self, items: "list[Question] | tuple[Question, ...]"):
        if not items:
            raise ValueError("a quiz needs at least one question")
        self.items = list(items)
        self.choices = [W.RadioButtons(options=[(c, j) for j, c in enumerate(q.choices)], value=None,
                                       description=t("quiz.answer_label", i=i + 1),
                                       style={"description_width": "0px"}, layout=W.Layout(width="auto"))
                        for i, q in enumerate(self.items)]
        self.feedback = [W.HTML() for _ in self.items]
        self.results: list[bool | None] = [None] * len(self.items)
        self.score = W.HTML()
        boxes = []
        for i, q in enumerate(self.items):
            button = W.Button(description=t("quiz.check"), tooltip=t("quiz.check"), button_style="primary")
            button.on_click(lambda _b, i=i: self.check(i))
            boxes.append(W.VBox([W.HTML(f"<b>{i + 1}. {escape(q.question)}</b>"), self.choices[i],
                                 button, self.feedback[i]], layout=W.Layout(margin="0 0 12px 0")))
        self.widget = W.VBox(boxes + [self.score])
        self._update_score()

    def answer(self, i: int, choice: int) -> "Quiz":
        """Select ``choice`` for question ``i`` from code (both 0-based)."""
        self._index(i)
        if not isinstance(choice, int) or not 0 <= choice < len(self.items[i].choices):
            raise ValueError(f"question {i + 1} has choices 0..{len(self.items[i].choices) - 1}, got {choice!r}")
        self.choices[i].value = choice
        return self

    def check(self, i: int) -> bool | None:
        """Show feedback for question ``i``; ``None`` if nothing is chosen yet."""
        q = self.items[self._index(i)]
        chosen = self.choices[i].value
        if chosen is None:
            self.feedback[i].value = f"<div role='status'>{t('quiz.choose')}</div>"
            self.results[i] = None
        else:
            right = chosen == q.answer
            self.results[i] = right
            head = t("quiz.correct") if right else t("quiz.wrong")
            color = COLORS["process"] if right else COLORS["warn"]
            mark = "✔" if right else "✘"
            self.feedback[i].value = (f"<div role='status' style='color:{color}'><b>{mark} {head}</b></div>"
                                      f"<div>{escape(q.explanation)}</div>")
        self._update_score()
        return self.results[i]

    def static_html(self) -> str:
        """Without a kernel: each question with its choices; answer and explanation folded."""
        out = []
        for i, q in enumerate(self.items):
            choices = "".join(f"<li>{escape(c)}</li>" for c in q.choices)
            out.append(f"<div class='virtlab-quiz-q' style='margin:0 0 12px 0'><b>{i + 1}. {escape(q.question)}</b>"
                       f"<ol type='A'>{choices}</ol><details><summary>{escape(t('quiz.check'))}</summary>"
                       f"<div style='color:{COLORS['process']}'><b>✔ {chr(65 + q.answer)}. "
                       f"{escape(q.choices[q.answer])}</b></div><div>{escape(q.explanation)}</div></details></div>")
        return f"<div class='virtlab-static virtlab-quiz'>{''.join(out)}</div>"

    def summary_text(self) -> str:
        """The score line (``N문제 중 M문제 정답``)."""
        return t("quiz.score", right=sum(r is True for r in self.results), total=len(self.items))

    def _index(self, i: int) -> int:
        if not isinstance(i, int) or not 0 <= i < len(self.items):
            raise ValueError(f"question index must be 0..{len(self.items) - 1}, got {i!r}")
        return i

    def _update_score(self) -> None:
        right = sum(r is True for r in self.results)
        self.score.value = f"<div role='status'>{t('quiz.score', right=right, total=len(self.items))}</div>"


def quiz(key: str) -> Quiz:
    """Show the self-check quiz of notebook ``key`` (e.g. ``quiz("04")``)."""
    return Quiz(questions(key))
