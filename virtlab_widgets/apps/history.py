"""The lecture's own history events as a table with their sources (notebook 6; also usable in 4).

Shares the events of :mod:`virtlab_widgets.figures.timeline` (``data/timeline.json``).
"""
from __future__ import annotations

import ipywidgets as W

from ..figures.timeline import events
from ..tables import html_table
from ..text import t

__all__ = ["timeline_sources"]


def events_table_html(section: int = 6, lecture_only: bool = True) -> str:
    """Date, event, what happened and the source of each event (the lecture's own by default)."""
    if section not in (4, 6):
        raise ValueError(f"section must be 4 or 6, got {section!r}")
    if not isinstance(lecture_only, bool):
        raise TypeError(f"lecture_only must be True or False, got {lecture_only!r}")
    chosen = [e for e in events() if e.lecture_section == section or not lecture_only]
    rows = [(e.date, e.title, e.description, e.source) for e in chosen]
    headers = [t("tl.h.date"), t("tl.h.event"), t("tl.h.what"), t("tl.source")]
    return html_table(t("tl.caption", section=section, n=len(rows)), headers, rows)


def timeline_sources(section: int = 6, lecture_only: bool = True) -> W.HTML:
    """Show :func:`events_table_html` under a timeline."""
    return W.HTML(events_table_html(section, lecture_only))
