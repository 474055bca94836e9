"""Interactive timeline: filter by kind and by 'lecture events only', updated in place."""
from __future__ import annotations

import ipywidgets as W

from ..figures.timeline import LANES, events, label_trace, marker_trace, timeline_figure
from ..text import t
from ..validate import check_choice
from .base import ModelApp
from .controls import row

__all__ = ["Timeline", "timeline"]


class Timeline(ModelApp):
    """Toggle buttons (lecture events / all) and a checkbox per kind over one figure."""

    def __init__(self, section: int = 4, kinds: list[str] | None = None, lecture_only: bool = False):
        if section not in (4, 6):
            raise ValueError(f"section must be 4 (containers) or 6 (VM software), got {section!r}")
        self.section = section
        chosen = list(LANES) if kinds is None else [check_choice(k, "event kind", LANES) for k in kinds]
        self.events = events()
        self.controls = {
            "lecture_only": W.ToggleButtons(options=[(t("tl.lecture"), True), (t("tl.all"), False)],
                                            value=bool(lecture_only), description=t("tl.filter"),
                                            style={"button_width": "auto"}),  # labels never cut off
            **{k: W.Checkbox(value=k in chosen, description=t(f"tl.kind.{k}"), indent=False,
                             layout=W.Layout(width="auto")) for k in LANES},
        }
        self._finish(timeline_figure(section, self.events),
                     [self.controls["lecture_only"], row(*(self.controls[k] for k in LANES))])

    def set(self, *, lecture_only: bool | None = None,  # type: ignore[override]  # kinds as one list
            kinds: list[str] | None = None) -> Timeline:
        """Change the filters from code (``kinds``: exactly the kinds to show)."""
        values: dict[str, object] = {}
        if lecture_only is not None:
            values["lecture_only"] = lecture_only
        if kinds is not None:
            wanted = {check_choice(k, "event kind", LANES) for k in kinds}
            values.update({k: k in wanted for k in LANES})
        self._set(values)
        return self

    def visible_events(self):
        """The events the figure currently shows."""
        v = self.values
        return [e for e in self.events if v[e.kind] and (not v["lecture_only"] or e.lecture_section == self.section)]

    def summary_text(self) -> str:
        """One line: how many events are shown, over which years, and the lecture's own."""
        shown = self.visible_events()
        if not shown:
            return t("tl.none")
        text = t("tl.summary", count=len(shown), first=shown[0].date[:4], last=shown[-1].date[:4])
        titles = ", ".join(f"{e.date[:4]} {e.title}" for e in shown if e.lecture_section == self.section)
        return text + t("tl.summary_lecture", titles=titles) if titles else text

    def _restyle(self):
        """Markers by kind and scope (the others hidden with "lecture events only"), labels by kind."""
        v = self.values
        update = {label_trace(k): {"visible": v[k]} for k in LANES}
        for k in LANES:
            update[marker_trace(k, True)] = {"visible": v[k]}
            update[marker_trace(k, False)] = {"visible": v[k] and not v["lecture_only"]}
        return update


def timeline(section: int = 4, kinds: list[str] | None = None, lecture_only: bool = False) -> Timeline:
    """Show the history timeline for notebook 4 (containers) or 6 (VM software)."""
    return Timeline(section, kinds, lecture_only)
