"""Notebook 7-2: the VM sizing planner on the learner's own machine."""
from __future__ import annotations

import numpy as np
import pytest
from fake_hosts import fake, fixture_report

from virtlab_widgets import model, vm_planner
from virtlab_widgets import presets as P
from virtlab_widgets.figures.carving import vm_trace
from virtlab_widgets.figures.common import trace
from virtlab_widgets.models import planner as pl


def test_machine_size_from_the_probe():
    size = pl.machine_size(fake())
    assert (size.ram_gib, size.cores, size.disk_free_gib, size.measured) == (16.0, 8, 200.0, True)
    assert pl.machine_size(fake(cpu_quota_cores=2.0)).cores == 2
    missing = pl.machine_size(fake(mem_total_mib=None))
    assert not missing.measured and missing.ram_gib == 8.0
    with pytest.raises(TypeError):
        pl.machine_size("big")


def test_capacity_is_the_models():
    size = pl.machine_size(fake())
    g = pl.guest(4, 2, 25)
    p = pl.plan(size, g, 2)
    host = P.custom_host(16, 8, 200 - 6)
    assert p.capacity == model.vm_capacity(host, g)
    # memory: (16384 - 3072) / 4354.2 -> 3 guests; disk: 194 // 25 -> 7
    assert p.capacity == 3 and p.limit == "memory" and p.fits
    assert not pl.plan(size, g, 4).fits
    assert pl.plan(pl.machine_size(fake(disk_free_gib=60.0)), g, 1).capacity == 2  # (60 - 6) // 25


def test_carving_view_matches_the_plan():
    p = pl.plan(pl.machine_size(fake()), pl.guest(4, 2, 25), 3)
    c = p.carving()
    assert np.allclose(c.capacity, [8, 16, 200])
    assert np.allclose(c.promised, [6, 12, 75])
    assert c.ratio[1] <= 1 and c.ratio[0] == pytest.approx(6 / 7)


def test_suggestion_fits_and_shrinks_with_more_guests():
    host = pl.planning_host(pl.machine_size(fake()))
    sizes = [pl.suggest(host, n) for n in range(1, 6)]
    for n, s in enumerate(sizes, start=1):
        assert s is not None and model.vm_capacity(host, s) >= n
        assert s.guest_mib % 512 == 0 and 1 <= s.vcpus <= 4
    assert sizes[0].guest_mib == 4096 and sizes[-1].guest_mib < 4096
    assert pl.suggest(pl.planning_host(pl.machine_size(fake(mem_total_mib=2048))), 3) is None


@pytest.mark.parametrize("args, exc", [((0, 2, 25), ValueError), ((4, 0, 25), ValueError), ((4, 1.5, 25), TypeError),
                                       ((4, 2, 0), ValueError), (("4", 2, 25), TypeError)])
def test_bad_guest(args, exc):
    with pytest.raises(exc):
        pl.guest(*args)


def test_widget_updates_in_place():
    app = vm_planner(report=fake(), vms=2)
    fig = app.figure
    assert app.summary_text().startswith("내 컴퓨터: RAM 16.0 GiB, 코어 8개, 디스크 여유 200 GiB")
    assert "최대 3대 (메모리 기준)" in app.summary_text() and "2대: 들어감" in app.summary_text()
    app.set(vms=4)
    assert fig is app.figure and "4대: ⚠ 안 들어감" in app.summary_text()
    assert "권장: 4대라면 각각 RAM 3.0 GiB, vCPU 1" in app.summary_text()
    assert trace(fig, vm_trace(3)).x[1] > 0 and trace(fig, vm_trace(4)).x[1] == 0  # 4 VM segments drawn, the 5th empty
    app.set(base="ubuntu-server")
    assert app.values["ram_gib"] == 2.0 and app.values["vcpus"] == 1 and app.values["disk_gib"] == 10
    assert "4대: 들어감" in app.summary_text()
    with pytest.raises(ValueError):
        app.set(vms=99)
    with pytest.raises(ValueError):
        app.set(ram_gib=0.1)


def test_widget_on_fixture_layouts_and_this_machine():
    for name in ("binder", "bare_metal", "wsl2"):
        assert vm_planner(report=fixture_report(name)).summary_text()
    assert vm_planner().summary_text()
