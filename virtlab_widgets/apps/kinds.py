"""Exercise: sort real-world situations into the lecture's six kinds of virtualization."""
from __future__ import annotations

from html import escape

import ipywidgets as W

from ..models.kinds import KINDS, grade, scenarios
from ..style import COLORS
from ..text import t
from ..validate import check_choice
from .controls import App, summary, summary_html

__all__ = ["SortKinds", "sort_kinds"]


class SortKinds(App):
    """One dropdown per situation, one check button, feedback with the reason per situation."""

    def __init__(self):
        self.items = scenarios()
        options = [(t("kinds.pick"), None)] + [(t(f"kind.{k}"), k) for k in KINDS]
        self.menus = [W.Dropdown(options=options, value=None, description=t("kinds.label", i=i + 1),
                                 style={"description_width": "initial"}, layout=W.Layout(width="auto"))
                      for i in range(len(self.items))]
        self.feedback = [W.HTML() for _ in self.items]
        self.button = W.Button(description=t("kinds.check"), button_style="primary", tooltip=t("kinds.check"))
        self.button.on_click(lambda _b: self.check())
        self.summary = summary()
        self.results: list[bool | None] = [None] * len(self.items)
        rows = [W.VBox([W.HTML(f"<b>{i + 1}.</b> {escape(s.text)}"), menu, fb],
                       layout=W.Layout(margin="0 0 8px 0"))
                for i, (s, menu, fb) in enumerate(zip(self.items, self.menus, self.feedback))]
        self.widget = W.VBox([*rows, self.button, self.summary])
        self.summary.value = summary_html(self.summary_text())

    def choose(self, i: int, kind: str | None) -> SortKinds:
        """Pick ``kind`` (or None) for situation ``i`` (0-based) from code."""
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(self.items):
            raise ValueError(f"situation index must be 0..{len(self.items) - 1}, got {i!r}")
        self.menus[i].value = None if kind is None else check_choice(kind, "kind of virtualization", KINDS)
        return self

    def check(self) -> list[bool | None]:
        """Grade every situation and show the feedback."""
        self.results = grade([m.value for m in self.menus])
        for fb, s, ok in zip(self.feedback, self.items, self.results):
            if ok is None:
                fb.value = f"<span>{t('kinds.unanswered')}</span>"
                continue
            head = t("kinds.right") if ok else t("kinds.wrong", kind=t(f"kind.{s.answer}"))
            color = COLORS["process"] if ok else COLORS["warn"]
            fb.value = f"<div style='color:{color}'><b>{escape(head)}</b> {escape(s.why)}</div>"
        self.summary.value = summary_html(self.summary_text())
        return self.results

    def summary_text(self) -> str:
        """``10개 중 7개 정답 (고른 것 8개)`` after checking."""
        return t("kinds.score", total=len(self.items), right=sum(r is True for r in self.results),
                 answered=sum(r is not None for r in self.results))


def sort_kinds() -> SortKinds:
    """Show the sorting exercise (see :class:`SortKinds`)."""
    return SortKinds()
