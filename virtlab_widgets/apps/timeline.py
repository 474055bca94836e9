"""Interactive timeline: filter by kind and by 'lecture events only', updated in place."""
from __future__ import annotations

import ipywidgets as W

from ..figures.timeline import LANES, events, timeline_figure, trace_keys
from ..static import Dim, State, menu_dim
from ..text import t
from ..validate import check_choice
from .controls import App, figure_widget, row, summary, summary_html


class Timeline(App):
    """Toggle buttons (lecture events / all) and a checkbox per kind over one figure."""

    def __init__(self, section: int = 4, kinds: list[str] | None = None, lecture_only: bool = False):
        if section not in (4, 6):
            raise ValueError(f"section must be 4 (containers) or 6 (VM software), got {section!r}")
        self.section = section
        chosen = list(LANES) if kinds is None else [check_choice(k, "event kind", LANES) for k in kinds]
        self.events = events()
        self.scope = W.ToggleButtons(options=[(t("tl.lecture"), True), (t("tl.all"), False)],
                                     value=bool(lecture_only), description=t("tl.filter"),
                                     style={"button_width": "auto"})  # labels never cut off
        self.kind_boxes = {k: W.Checkbox(value=k in chosen, description=t(f"tl.kind.{k}"), indent=False,
                                         layout=W.Layout(width="auto"))
                           for k in LANES}
        self.figure = figure_widget(timeline_figure(section, self.events))
        self.summary = summary()
        self.widget = W.VBox([self.scope, row(*self.kind_boxes.values()), self.figure, self.summary])
        self._refresh()
        self.scope.observe(self._refresh, names="value")
        for box in self.kind_boxes.values():
            box.observe(self._refresh, names="value")

    def set(self, *, lecture_only: bool | None = None, kinds: list[str] | None = None) -> Timeline:
        """Change the filters from code."""
        if lecture_only is not None:
            if not isinstance(lecture_only, bool):
                raise TypeError(f"lecture_only must be True or False, got {lecture_only!r}")
            self.scope.value = lecture_only
        if kinds is not None:
            wanted = {check_choice(k, "event kind", LANES) for k in kinds}
            with self.figure.batch_update():
                for k, box in self.kind_boxes.items():
                    box.value = k in wanted
        return self

    def visible_events(self):
        """The events the figure currently shows."""
        shown = {k for k, box in self.kind_boxes.items() if box.value}
        return [e for e in self.events if e.kind in shown
                and (not self.scope.value or e.lecture_section == self.section)]

    def summary_text(self) -> str:
        """One line: how many events are shown, over which years, and the lecture's own."""
        shown = self.visible_events()
        if not shown:
            return t("tl.none")
        text = t("tl.summary", count=len(shown), first=shown[0].date[:4], last=shown[-1].date[:4])
        titles = ", ".join(f"{e.date[:4]} {e.title}" for e in shown if e.lecture_section == self.section)
        return text + t("tl.summary_lecture", titles=titles) if titles else text

    # --- kernel-less mode (virtlab_widgets/static.py) -----------------------------------
    def _static_dims(self) -> list[Dim]:
        return [menu_dim("lecture_only", self.scope)] + [menu_dim(k, box) for k, box in self.kind_boxes.items()]

    def _static_base_figure(self):
        return self.figure

    def _static_state(self, v: dict) -> State:
        saved = (self.scope.value, [k for k, b in self.kind_boxes.items() if b.value])
        self.set(lecture_only=v["lecture_only"], kinds=[k for k in LANES if v[k]])
        state = State(data={(i, "visible"): vis for i, vis in enumerate(self._visible())},
                      summary=[self.summary_text()])
        self.set(lecture_only=saved[0], kinds=saved[1])
        return state

    def _visible(self) -> list[bool]:
        """Per trace: markers by kind and scope, then each kind's labels (its section events) by kind."""
        markers = [self.kind_boxes[k].value and (lecture or not self.scope.value) for k, lecture in trace_keys()]
        return markers + [self.kind_boxes[k].value for k in LANES]

    def _refresh(self, _change=None) -> None:
        self.figure.plotly_restyle({"visible": self._visible()})
        self.summary.value = summary_html(self.summary_text())


def timeline(section: int = 4, kinds: list[str] | None = None, lecture_only: bool = False) -> Timeline:
    """Show the history timeline for notebook 4 (containers) or 6 (VM software)."""
    return Timeline(section, kinds, lecture_only)
