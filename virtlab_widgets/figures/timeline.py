"""History timeline (notebooks 4 and 6): events by kind, lecture events emphasised."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import plotly.graph_objects as go

from ..style import COLORS, base_layout, em, font_size, marker_size
from ..text import localized, t
from .common import LINE_HEIGHT, fit_layout, narrow_width, text_width

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
    return [Event(e["id"], e["date"], e["kind"], e.get("lecture_section") if e.get("lecture") else None,
                  localized(e, "title"), localized(e, "description"), e["source"]) for e in _raw_events()]


def marker_trace(kind: str, lecture: bool) -> str:
    """The id of the trace of the markers of ``kind``: the section's events (large, labelled) or the others."""
    return f"{kind}:{'lecture' if lecture else 'other'}"


def label_trace(kind: str) -> str:
    """The id of the trace holding the labels of the section's events of ``kind``."""
    return f"{kind}:labels"


X_START = {4: 1962, 6: 1958}
"""Left end of the year axis per section."""
X_END = 2027
FULL_TITLES_UP_TO = 5
"""A lane with more of the section's events than this labels them with their year only (titles on hover)."""
LEVELS = 2
"""Rows of titled labels above and below a lane; a lane whose titles need more uses years only."""
YEAR_LEVELS = 4
"""Rows of year-only labels above and below a lane (the lane grows to hold them)."""


@dataclass(frozen=True)
class Label:
    """Where one event's label goes: its text, anchor and row (+1, +2 above the lane; -1, -2 below)."""

    event: Event
    text: str
    position: str
    row: int
    x: float


def _x_range(section: int) -> tuple[int, int]:
    return X_START.get(section, 1962), X_END


def _px_per_year(section: int) -> float:
    """Pixels per year when the figure is at its narrowest (lane names on the left)."""
    x0, x1 = _x_range(section)
    return (narrow_width() - max(text_width(t(f"tl.kind.{k}")) for k in LANES) - em(3)) / (x1 - x0)


def _radius() -> float:
    """Radius (px) of the section's event markers."""
    return (marker_size() + 6) / 2


def _pitch() -> float:
    """Distance (px) between two rows of labels: a line of text and a little air."""
    return (LINE_HEIGHT + 0.15) * font_size()


def _row_offset(row: int) -> float:
    """Height (px) of the middle of label row ``row`` above (+) or below (−) its lane."""
    return (_radius() + em(0.3) + (abs(row) - 0.5) * _pitch()) * (1 if row > 0 else -1)


def _span(x: float, width: float, x0: float, x1: float) -> tuple[float, float, str]:
    """Horizontal extent (years) of a label of ``width`` years at ``x``, and its textposition:
    centred on the event, or beside it where centring would cross an end of the axis."""
    if x - width / 2 < x0:
        return x, x + width, "middle right"
    if x + width / 2 > x1:
        return x - width, x, "middle left"
    return x - width / 2, x + width / 2, "middle center"


def place_labels(chosen: list[Event], section: int, full: bool | None = None) -> list[Label] | None:
    """Labels of one lane's events, each in the first row (above, below, above, …) where it
    clears the labels already placed, at the figure's narrowest width (:func:`narrow_width`);
    None if ``LEVELS`` (titles) or ``YEAR_LEVELS`` (years only) rows each side are not enough.
    Deterministic: events in date order."""
    if full is None:
        placed = place_labels(chosen, section, True) if len(chosen) <= FULL_TITLES_UP_TO else None
        return placed if placed is not None else place_labels(chosen, section, False)
    x0, x1 = _x_range(section)
    years_per_px = 1 / _px_per_year(section)
    gap = em(0.8) * years_per_px
    ends: dict[int, float] = {}
    rows = [r for level in range(1, (LEVELS if full else YEAR_LEVELS) + 1) for r in (level, -level)]
    out: list[Label] = []
    groups: list[list[Event]] = []
    for e in chosen:  # years only: one label for the events of one year, at their mean date
        if not full and groups and groups[-1][0].date[:4] == e.date[:4]:
            groups[-1].append(e)
        else:
            groups.append([e])
    for group in groups:
        e, x = group[0], sum(g.x for g in group) / len(group)
        text = f"<b>{e.date[:4]} {e.title}</b>" if full else f"<b>{e.date[:4]}</b>"
        left, right, position = _span(x, (text_width(text) + em(0.4)) * years_per_px, x0, x1)
        row = next((r for r in rows if ends.get(r, -1e9) + gap <= left), None)
        if row is None:
            return None
        ends[row] = right
        out.append(Label(e, text, position, row, x))
    return out


def year_step(section: int) -> int:
    """Years between the axis' tick labels: 5, or 10 where five-year labels would touch."""
    return 5 if 5 * _px_per_year(section) >= text_width("2000") + em(1) else 10


def _lanes(section: int, items: list[Event]) -> tuple[dict[str, float], dict[str, list[Label]], float]:
    """Lane heights (px from the bottom of the plot), labels per lane and the height of the
    plot (px). Lanes with labels get the room their rows need."""
    labels = {kind: place_labels([e for e in items if e.kind == kind and e.lecture_section == section], section)
              or [] for kind in LANES}

    def reach(n: int) -> float:
        return _row_offset(n) + _pitch() / 2 if n else max(_radius(), em(0.9))

    y: float = em(0.6)
    ys: dict[str, float] = {}
    previous = 0.0
    for kind in LANES:
        rows = [lb.row for lb in labels[kind]]
        below = reach(max([-r for r in rows if r < 0], default=0))
        above = reach(max([r for r in rows if r > 0], default=0))
        y += max(below + previous + em(0.8), em(3.0)) if ys else below
        ys[kind], previous = y, above
    return ys, labels, y + previous + em(0.6)


def timeline_figure(section: int, items: list[Event] | None = None) -> go.Figure:
    """Events in lanes by kind; those of ``section`` (4 or 6) are large and labelled, their
    labels in rows above and below the lane so that none overlaps another (see :func:`place_labels`)."""
    items = events() if items is None else items
    ys, labels, plot_px = _lanes(section, items)
    fig = go.Figure()
    hover = ("<b>%{customdata[0]} %{customdata[3]}</b><br>%{customdata[1]}<br><i>" + t("tl.source")
             + ": %{customdata[2]}</i><extra></extra>")

    def custom(chosen: list[Event]) -> list[list[str]]:
        return [[e.date, e.description, e.source, e.title] for e in chosen]

    for kind in LANES:
        lane, color = t(f"tl.kind.{kind}"), LANE_COLORS[kind]
        for lecture in (True, False):
            chosen = [e for e in items if e.kind == kind and (e.lecture_section == section) == lecture]
            fig.add_scatter(
                meta=marker_trace(kind, lecture), x=[e.x for e in chosen], y=[ys[kind]] * len(chosen),
                mode="markers", customdata=custom(chosen), hovertemplate=hover,
                marker=dict(color=color, size=marker_size() + (6 if lecture else -2),
                            symbol="circle" if lecture else "circle-open", line=dict(width=2, color=color)),
                name=lane + (" ★" if lecture else ""), legendgroup=kind, showlegend=lecture,
            )
    for kind in LANES:
        placed = labels[kind]
        fig.add_scatter(
            meta=label_trace(kind), x=[lb.x for lb in placed], y=[ys[kind] + _row_offset(lb.row) for lb in placed],
            mode="text", text=[lb.text for lb in placed], textposition=[lb.position for lb in placed], cliponaxis=False,
            hoverinfo="skip", name=t(f"tl.kind.{kind}"), legendgroup=kind, showlegend=False,
        )
    fig.update_layout(**base_layout(title=t("tl.title"), showlegend=False))
    fig.update_xaxes(title_text=t("tl.year"), dtick=year_step(section), range=list(_x_range(section)))
    fig.update_yaxes(tickvals=[ys[k] for k in LANES], ticktext=[t(f"tl.kind.{k}") for k in LANES],
                     range=[0, plot_px], fixedrange=True, zeroline=False)
    return fit_layout(fig, plot_px, grow=False)
