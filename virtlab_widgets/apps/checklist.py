"""App: the lab's steps as a checklist with how to verify each (notebook 7, section 7-3)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

import ipywidgets as W

from ..text import localized, t
from ..validate import check_choice
from .controls import App, html_with_code, summary, summary_html

__all__ = ["LabChecklist", "lab_checklist"]


@dataclass(frozen=True)
class Step:
    """One lab step: what to do and how to check it worked."""

    id: str
    title: str
    do: str
    verify: str


@cache
def _raw() -> tuple[dict, ...]:
    text = resources.files("virtlab_widgets").joinpath("data/lab_steps.json").read_text("utf-8")
    return tuple(json.loads(text)["steps"])


def steps() -> list[Step]:
    """The lab's steps in order, in the current language."""
    return [Step(s["id"], localized(s, "title"), localized(s, "do"), localized(s, "verify")) for s in _raw()]


class LabChecklist(App):
    """One checkbox per step, each with what to do and how to verify; a progress line on top."""

    def __init__(self, done: list[str] | None = None):
        self.steps = steps()
        self.boxes = {s.id: W.Checkbox(value=False, description=f"{i + 1}. {s.title}", indent=False,
                                       layout=W.Layout(width="auto"))
                      for i, s in enumerate(self.steps)}
        self.summary = summary()
        items = [W.VBox([self.boxes[s.id], W.HTML(
            f"<div style='margin-left:1.6em'>{html_with_code(s.do)}<br><i>{escape(t('lab.verify'))}</i> "
            f"{html_with_code(s.verify)}</div>")], layout=W.Layout(margin="0 0 8px 0")) for s in self.steps]
        self.widget = W.VBox([self.summary, *items])
        self.set(done=done or [])
        self._refresh()
        for box in self.boxes.values():
            box.observe(self._refresh, names="value")

    def set(self, *, done: list[str] | None = None) -> LabChecklist:
        """Tick exactly the steps in ``done`` (step ids, see :func:`steps`)."""
        if done is not None:
            if isinstance(done, str):
                raise TypeError("done must be a list of step ids, not one string")
            wanted = {check_choice(d, "lab step", list(self.boxes)) for d in done}
            for sid, box in self.boxes.items():
                box.value = sid in wanted
        return self

    @property
    def done(self) -> list[str]:
        return [sid for sid, box in self.boxes.items() if box.value]

    def summary_text(self) -> str:
        """Progress and the next step to do."""
        nxt = next((s for s in self.steps if not self.boxes[s.id].value), None)
        text = t("lab.sum", done=len(self.done), total=len(self.steps))
        return text + (t("lab.sum.next", step=nxt.title) if nxt else t("lab.sum.all"))

    def _refresh(self, _change=None) -> None:
        self.summary.value = summary_html(self.summary_text())


def lab_checklist(done: list[str] | None = None) -> LabChecklist:
    """Show the lab steps as a checklist (see :class:`LabChecklist`)."""
    return LabChecklist(done)
