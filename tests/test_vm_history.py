"""Notebook 6-1/6-2: the shared timeline in section 6, and its table of sources."""
from __future__ import annotations

import pytest

from virtlab_widgets import timeline, timeline_sources
from virtlab_widgets.apps.history import events_table_html
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.timeline import LANES, label_trace, marker_trace, timeline_figure


def test_section_6_lecture_events_in_order():
    tl = timeline(section=6, lecture_only=True)
    years = [e.date[:4] for e in tl.visible_events()]
    assert years[:6] == ["1964", "1967", "1972", "1998", "1999", "2001"]
    assert years == sorted(years)
    assert "CP-40" in tl.summary_text() and "VMware 설립" in tl.summary_text()


def test_section_6_labels_do_not_crowd_and_section_4_keeps_full_titles():
    fig6 = timeline_figure(6)
    markers = [trace(fig6, marker_trace(kind, lecture)) for kind in LANES for lecture in (True, False)]
    vm_labels = trace(fig6, label_trace("vm")).text
    assert vm_labels and all(len(label) <= len("<b>2024</b>") for label in vm_labels)
    assert vm_labels.count("<b>2024</b>") == 1  # two 2024 events share one year label
    assert all("%{customdata[3]}" in marker.hovertemplate for marker in markers)
    fig4 = timeline_figure(4)
    assert trace(fig4, label_trace("container")).text[0] == "<b>1979 chroot (Version 7 Unix)</b>"
    assert fig4.layout.xaxis.range == (1962, 2027)
    assert fig6.layout.xaxis.range[0] < 1962


def test_filter_to_hardware_support_in_place():
    tl = timeline(section=6)
    fig = tl.figure
    tl.set(kinds=["hardware", "theory"])
    assert fig is tl.figure
    assert [e.date[:4] for e in tl.visible_events()] == ["1973", "1974", "2005", "2006"]


def test_sources_table():
    html = events_table_html(6)
    assert html.count('<th scope="row"') == 13 and "Creasy" in html and "<caption" in html
    assert events_table_html(6, lecture_only=False).count('<th scope="row"') > 13
    assert "1979" in events_table_html(4)
    assert timeline_sources(6).value == html
    with pytest.raises(ValueError):
        events_table_html(5)
    with pytest.raises(TypeError):
        events_table_html(6, lecture_only="yes")
