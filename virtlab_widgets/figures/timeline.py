"""History timeline (notebooks 4 and 6): events by kind, lecture events emphasised."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import plotly.graph_objects as go

from ..style import COLORS, base_layout, marker_size
from ..text import language, t

LANES = ("mainframe", "theory", "vm", "hardware", "container", "orchestration")
LANE_COLORS = {"mainframe": COLORS["muted"], "theory": COLORS["accent"], "vm": COLORS["vm"],
               "hardware": COLORS["process"], "container": COLORS["container"],
               "orchestration": COLORS["warn"]}


@dataclass(frozen=True)
class Event:
    """One dated event with its source."""

    id: str
    date: str
    kind: str
    lecture_section: int | None
    title: str
    description: str
    source: str

    @property
    def x(self) -> float:
        """The date as a decimal year (month and day when known)."""
        parts = [int(p) for p in self.date.split("-")]
        year, month, day = (parts + [1, 1])[:3] if len(parts) > 1 else (parts[0], 7, 1)
        return year + (month - 1) / 12 + (day - 1) / 365


@cache
def _raw_events() -> tuple[dict, ...]:
    text = resources.files("virtlab_widgets").joinpath("data/timeline.json").read_text("utf-8")
    return tuple(json.loads(text)["events"])


def events() -> list[Event]:
    """All events, in date order, in the current language."""
    lang = "ko" if language() == "ko" else "en"
    return [Event(e["id"], e["date"], e["kind"], e.get("lecture_section") if e.get("lecture") else None,
                  e[f"title_{lang}"], e[f"description_{lang}"], e["source"]) for e in _raw_events()]


def trace_keys() -> list[tuple[str, bool]]:
    """(kind, is_lecture_event) of every trace, in trace order."""
    return [(kind, lecture) for kind in LANES for lecture in (True, False)]


LABEL_LIMIT = 5
"""A lane with more lecture events than this labels them with their year only (titles on hover)."""
MIN_LABEL_GAP = 10
"""Years between two labels on the same side of a lane (labels alternate above/below) below which they would overlap."""
X_START = {4: 1962, 6: 1958}
"""Left end of the year axis per section (section 6 leaves room for the 1964 CP-40 label)."""


def _label(e: Event, lecture: bool, crowded: bool) -> str:
    if not lecture:
        return e.title
    return f"<b>{e.date[:4]}</b>" if crowded else f"<b>{e.date[:4]} {e.title}</b>"


def timeline_figure(section: int, items: list[Event] | None = None) -> go.Figure:
    """Events in lanes by kind; those of lecture ``section`` (4 or 6) are large and labelled."""
    items = events() if items is None else items
    fig = go.Figure()
    for kind, lecture in trace_keys():
        chosen = [e for e in items if e.kind == kind and (e.lecture_section == section) == lecture]
        lane = t(f"tl.kind.{kind}")
        crowded = len(chosen) > LABEL_LIMIT or any(b.x - a.x < MIN_LABEL_GAP for a, b in zip(chosen, chosen[2:]))
        fig.add_scatter(
            x=[e.x for e in chosen], y=[lane] * len(chosen),
            mode="markers+text" if lecture else "markers",
            text=[_label(e, lecture, crowded) for e in chosen],
            textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(chosen))],
            customdata=[[e.date, e.description, e.source, e.title] for e in chosen],
            hovertemplate="<b>%{customdata[0]} %{customdata[3]}</b><br>%{customdata[1]}<br><i>"
                          + t("tl.source") + ": %{customdata[2]}</i><extra></extra>",
            marker=dict(color=LANE_COLORS[kind], size=marker_size() + (6 if lecture else -2),
                        symbol="circle" if lecture else "circle-open", line=dict(width=2, color=LANE_COLORS[kind])),
            name=lane + (" ★" if lecture else ""), legendgroup=kind, showlegend=lecture,
        )
    fig.update_layout(**base_layout(height=520, title=t("tl.title"), showlegend=False))
    fig.update_xaxes(title_text=t("tl.year"), dtick=5, range=[X_START.get(section, 1962), 2027])
    fig.update_yaxes(categoryorder="array", categoryarray=[t(f"tl.kind.{k}") for k in LANES],
                     range=[-0.7, len(LANES) - 0.3])
    return fig
