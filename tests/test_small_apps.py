"""Timeline, quiz, start-up race and overhead chart, driven programmatically."""
from __future__ import annotations

import pytest

from virtlab_widgets import model, overhead_chart, quiz, startup_race, timeline
from virtlab_widgets.apps.quiz import Question, Quiz, questions, quiz_keys
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.startup import BARS, NO_FIT
from virtlab_widgets.figures.timeline import LANES, events, marker_trace
from virtlab_widgets.text import seconds

LECTURE_4 = ["chroot", "FreeBSD Jail", "Google Borg", "LXC", "Docker", "Kubernetes"]


def test_timeline_shows_the_six_lecture_events_in_order():
    tl = timeline(section=4, lecture_only=True)
    shown = tl.visible_events()
    assert [e.date[:4] for e in shown] == ["1979", "2000", "2003", "2008", "2013", "2015"]
    assert all(any(word in e.title for e in shown) for word in LECTURE_4)
    assert all(trace(tl.figure, marker_trace(kind, False)).visible is False for kind in LANES)
    assert all(trace(tl.figure, marker_trace(kind, True)).visible is True for kind in LANES)


def test_timeline_filters_update_in_place():
    tl = timeline(section=4)
    fig = tl.figure
    everything = len(tl.visible_events())
    tl.set(kinds=["hardware"])
    assert fig is tl.figure
    assert {e.kind for e in tl.visible_events()} == {"hardware"}
    assert len(tl.visible_events()) < everything
    assert tl.summary_text().startswith(f"사건 {len(tl.visible_events())}개")
    tl.set(kinds=[])
    assert "표시할 사건이 없습니다" in tl.summary_text()
    with pytest.raises(ValueError):
        tl.set(kinds=["aliens"])
    with pytest.raises(ValueError):
        timeline(section=5)


def test_timeline_section_6_flags_vmware_history():
    tl = timeline(section=6, lecture_only=True)
    titles = " ".join(e.title for e in tl.visible_events())
    assert "VMware" in titles and "CP-40" in titles
    assert all(e.source for e in events())
    assert {e.kind for e in events()} <= set(LANES)


def test_every_quiz_is_well_formed():
    assert "04" in quiz_keys()
    for key in quiz_keys():
        items = questions(key)
        assert 3 <= len(items) <= 8, key
        for q in items:
            assert q.explanation and len(set(q.choices)) == len(q.choices)


def test_quiz_feedback():
    q = quiz("04")
    assert q.check(0) is None and "답을 고른" in q.feedback[0].value
    q.answer(0, 0)
    assert q.check(0) is False and "다시 생각해" in q.feedback[0].value
    q.answer(0, questions("04")[0].answer)
    assert q.check(0) is True and "정답입니다" in q.feedback[0].value
    assert f"{len(q.items)}문제 중 1문제 정답" in q.score.value
    with pytest.raises(ValueError):
        q.answer(0, 9)
    with pytest.raises(ValueError):
        q.check(99)
    with pytest.raises(ValueError, match="unknown quiz"):
        quiz("99")
    with pytest.raises(ValueError):
        Quiz([])
    with pytest.raises(ValueError):
        Question("?", ("a", "b"), 2, "")


def test_startup_race_follows_the_model():
    race = startup_race(count=1)
    fig = race.figure
    race.set(count=30, host="laptop-8")
    assert race.figure is fig
    expected = [float(v) for v in (model.app_ready_all_s("vm", 30, "laptop-8", vm="ubuntu-server"),
                                   model.app_ready_all_s("vm", 30, "laptop-8", vm="microvm"),
                                   model.app_ready_all_s("container", 30, "laptop-8"),
                                   model.app_ready_all_s("process", 30, "laptop-8"))]
    bars = trace(fig, BARS)
    assert bars.y[0] is None and trace(fig, NO_FIT).text[0] == "들어가지 않음 (최대 2개)"  # 30 VMs do not fit
    assert list(bars.y[1:]) == pytest.approx(expected[1:])
    assert race.summary_text() == "동시에 30개: Ubuntu 서버 VM 들어가지 않음 (최대 2개) · " + " · ".join(
        f"{name} {seconds(v)}" for name, v in zip(
            ["마이크로VM (Firecracker)", "docker run (runc)", "프로세스 (fork/exec)"], expected[1:]))
    with pytest.raises(ValueError):
        race.set(count=0)
    with pytest.raises(ValueError):
        race.set(count=301)


def test_overhead_chart_shows_felter():
    from virtlab_widgets.text import t

    chart = overhead_chart()
    vm_bars = next(trace for trace in chart.figure.data if trace.name == t("vm"))
    assert vm_bars.orientation == "h" and vm_bars.x[2] == pytest.approx(100 * 46173 / 84044)
    assert "KVM: CPU 98 %, 무작위 읽기 55 %, 왕복 지연 +30 µs" in chart.summary_text()


def test_lab_checklist_shows_commands_as_code_not_backticks():
    from fake_hosts import fake

    from virtlab_widgets import lab_checklist, readiness_check
    from virtlab_widgets.apps.controls import html_with_code

    assert html_with_code("run `free -h` & <b>") == "run <code>free -h</code> &amp; &lt;b&gt;"
    page = "".join(w.value for box in lab_checklist().widget.children[1:] for w in box.children[1:])
    assert "<code>free -h</code>" in page and "`" not in page
    table = readiness_check(report=fake(mem_total_mib=None, logical_cores=None, disk_free_gib=None)).table.value
    assert "<code>" in table and "`" not in table


def test_dropdowns_are_as_wide_as_their_longest_option():
    from virtlab_widgets import hypervisor_stacks, multiboot_vs_vm

    # e.g. "CPU 위주 (튜닝한 KVM, 오버헤드 2 %)" was cut off in a fixed 360-px menu
    for menu in (multiboot_vs_vm().controls["host"], hypervisor_stacks().controls["you_are_here"]):
        assert menu.layout.width == "max-content" and menu.layout.max_width == "100%"


def test_every_app_is_exported_from_the_package():
    """A demo module's ``__all__`` is what notebooks import (``apps.demos()``): an app class left
    out of it, or its one-call factory, would be unreachable from ``virtlab_widgets``."""
    import virtlab_widgets as V
    from virtlab_widgets.apps import demos
    from virtlab_widgets.apps.base import ModelApp
    from virtlab_widgets.apps.controls import App

    classes, todo = set(), list(App.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("virtlab_widgets.apps."):  # not a test's own subclass
            classes.add(cls)
    exported = demos()
    assert classes - {ModelApp} <= set(exported.values())
    for name, value in exported.items():
        assert getattr(V, name) is value and name in V.__all__
        if isinstance(value, type):  # its factory too, annotated to return it
            assert any(f.__annotations__.get("return") in (value, value.__name__) for f in exported.values()
                       if callable(f) and not isinstance(f, type)), name
