"""The VM-vs-container explorer driven like a student would: move sliders, read figure and summary."""
from __future__ import annotations

import numpy as np
import pytest

from virtlab_widgets import VmVsContainer, model, vm_vs_container
from virtlab_widgets.figures import explorer as F
from virtlab_widgets.text import gib, seconds


@pytest.fixture
def app() -> VmVsContainer:
    return vm_vs_container(vms=4, containers=10, host="laptop-16")


def y_of(app, trace) -> list:
    return list(app.figure.data[trace].y)


def test_initial_state_follows_the_model(app):
    s = model.simulate(4, 10, "laptop-16")
    assert app.figure.data[F.MEM_VM_NOW].x == (4,)
    assert y_of(app, F.MEM_TOTAL)[0] == pytest.approx(s.total_memory_mib / 1024)
    assert y_of(app, F.READY_VM_NOW)[0] == pytest.approx(s.vm_ready_all_s)
    assert app.summary_text().startswith("VM 4대: 메모리 8.9 GiB")
    assert "여유 있음" in app.summary_text()


def test_moving_the_vm_slider_moves_markers_and_summary(app):
    figure_before = app.figure
    app.vms_slider.value = 9
    s = model.simulate(9, 10, "laptop-16")
    assert app.figure is figure_before                      # updated in place
    assert app.figure.data[F.MEM_VM_NOW].x == (9,)
    assert y_of(app, F.MEM_VM_NOW)[0] == pytest.approx((s.os_reserve_mib + s.vm_memory_mib) / 1024)
    assert y_of(app, F.DISK_VM_NOW)[0] == pytest.approx(s.vm_disk_gib)
    assert y_of(app, F.PERF_NOW)[0] == pytest.approx(s.relative_performance * 100)
    assert not s.fits and "과할당" in app.summary_text()
    assert f"모두 부팅까지 {seconds(s.vm_ready_all_s)}" in app.summary_text()
    assert f"합계 {gib(s.total_memory_mib)}" in app.summary.value


def test_container_slider(app):
    app.containers_slider.value = 300
    s = model.simulate(4, 300, "laptop-16")
    assert app.figure.data[F.MEM_CT_NOW].x == (300,)
    assert y_of(app, F.READY_CT_NOW)[0] == pytest.approx(s.container_ready_all_s)
    assert "컨테이너 300개" in app.summary_text()


def test_zero_instances_hide_log_axis_markers(app):
    app.set(vms=0, containers=0)
    assert y_of(app, F.DISK_VM_NOW) == [None] and y_of(app, F.READY_CT_NOW) == [None]
    assert "VM 0대" in app.summary_text()


def test_changing_presets_recomputes_curves(app):
    before = np.array(y_of(app, F.MEM_VM), dtype=float)
    app.set(host="laptop-8", vm="ubuntu-desktop", runtime="kata")
    after = np.array(y_of(app, F.MEM_VM), dtype=float)
    k = np.arange(301)
    expected = (3072 + model.vm_memory_mib(k, "ubuntu-desktop")) / 1024
    assert np.allclose(after, expected) and not np.allclose(before, after)
    assert list(app.figure.data[F.MEM_CAP].y) == [8.0, 8.0]
    assert app.scenario() == model.simulate(4, 10, "laptop-8", "ubuntu-desktop", runtime="kata")


def test_page_sharing_checkbox_lowers_vm_memory(app):
    app.set(vms=10)
    before = y_of(app, F.MEM_VM_NOW)[0]
    app.set(page_sharing=True)
    assert y_of(app, F.MEM_VM_NOW)[0] == pytest.approx(before - 0.15 * 2048 * 9 / 1024)


def test_sliders_clamp_but_the_api_raises(app):
    app.vms_slider.value = 10_000          # a widget clamps to its range
    assert app.vms == 300
    for bad, error in ((-1, ValueError), (301, ValueError), (2.5, TypeError), ("4", TypeError)):
        with pytest.raises(error):
            app.set(vms=bad)
    with pytest.raises(ValueError, match="unknown host preset"):
        app.set(host="moon")
    with pytest.raises(TypeError):
        app.set(page_sharing="yes")
    with pytest.raises(ValueError):
        vm_vs_container(vms=-5)


def test_summary_lines_are_deterministic():
    a, b = vm_vs_container(vms=7, containers=3), vm_vs_container(vms=7, containers=3)
    assert a.summary_text() == b.summary_text()


def test_the_figure_has_titles_units_and_consistent_colours(app):
    layout = app.figure.layout
    assert layout.yaxis.title.text and "GiB" in layout.yaxis.title.text
    assert layout.yaxis.type == "log"
    assert app.figure.data[F.MEM_VM].line.color == app.figure.data[F.DISK_VM].line.color
    assert app.figure.data[F.MEM_VM].line.color != app.figure.data[F.MEM_CT].line.color
