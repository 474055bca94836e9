"""Notebook 5-2: multi-booting vs a VM over a day of OS switches."""
from __future__ import annotations

import numpy as np
import pytest

from virtlab_widgets import model, multiboot_vs_vm
from virtlab_widgets import presets as P
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.multiboot import NOW
from virtlab_widgets.models import multiboot as mb


def test_reboot_is_the_sum_of_its_cited_and_assumed_parts():
    # 10 s shutdown + 10 s firmware (assumed) + 5 s GRUB menu (GRUB manual) + boot + 60 s session (assumed)
    assert mb.reboot_s("ubuntu-server") == pytest.approx(10 + 10 + 5 + 11.3 + 60)  # Ubuntu Minimal 11.3 s
    assert mb.reboot_s("ubuntu-desktop") == pytest.approx(10 + 10 + 5 + 20 + 60)
    assert P.cite("multiboot", "boot_menu_s").startswith("GNU GRUB Manual")
    for key in ("shutdown_s", "firmware_s", "session_restore_s", "window_switch_s", "work_day_h"):
        assert P.cite("multiboot", key).startswith("assumed: ")


def test_lost_time_is_linear_for_multiboot_and_one_start_for_a_vm():
    k = np.arange(0, 41)
    multi, vm = mb.multiboot_lost_s(k, "ubuntu-desktop"), mb.vm_lost_s(k, "ubuntu-desktop")
    assert multi[0] == vm[0] == 0
    assert np.allclose(np.diff(multi), mb.reboot_s("ubuntu-desktop"))
    assert vm[1] == pytest.approx(mb.vm_start_s("ubuntu-desktop") + 2)
    assert np.allclose(np.diff(vm)[1:], 2)
    assert np.all(vm[1:] < multi[1:])  # with these numbers the VM wins on time from the first switch


def test_vm_memory_cost_comes_from_the_model():
    assert mb.vm_memory_cost_mib("ubuntu-desktop") == pytest.approx(float(model.vm_memory_mib(1, "ubuntu-desktop")))
    # 4096 MiB guest + KVM overhead 0.002*4096 + 218 + 8*2 + 16 = 4354.2 MiB
    assert mb.vm_memory_cost_mib("ubuntu-desktop") == pytest.approx(4354.192)


def test_day_of_work_winners_and_fit():
    day = mb.day_of_work(6, "laptop-16", "ubuntu-desktop")
    assert day.time_winner == "vm" and day.memory_winner == "multiboot"
    assert day.vm_fits and day.free_with_vm_mib == pytest.approx(16384 - 3072 - 4354.192)
    assert mb.day_of_work(0).time_winner == "tie"
    tiny = P.custom_host(5, 4, 256)  # reserve 1.25 GiB + 4.25 GiB guest > 5 GiB
    squeezed = mb.day_of_work(3, tiny, "ubuntu-desktop")
    assert not squeezed.vm_fits and squeezed.vm_relative_performance < 1


@pytest.mark.parametrize("bad, exc", [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("3", TypeError)])
def test_bad_switches(bad, exc):
    with pytest.raises(exc):
        mb.day_of_work(bad)


def test_bad_guest_and_host():
    with pytest.raises(ValueError):
        mb.reboot_s("microvm")
    with pytest.raises(ValueError):
        mb.day_of_work(1, "mainframe")
    with pytest.raises(ValueError):
        multiboot_vs_vm(host="mainframe")


def test_widget_updates_in_place():
    app = multiboot_vs_vm(switches=6, host="laptop-8")
    fig = app.figure
    assert app.summary_text().startswith("OS 전환 6회: 멀티부팅 10.5 분")
    app.set(switches=20)
    assert fig is app.figure
    now = trace(fig, NOW["multiboot"])
    assert now.x == (20,) and now.y[0] == pytest.approx(20 * 105 / 60)
    assert "OS 전환 20회" in app.summary_text() and "35.0 분" in app.summary_text()
    app.set(host="laptop-16")
    assert fig.layout.shapes[0].x0 == pytest.approx(16)
    assert trace(fig, "free").x[1] == pytest.approx((16384 - 3072 - 4354.192) / 1024)  # RAM left with the VM
    app.set(guest="ubuntu-server")
    assert trace(fig, "second_os").x[1] == pytest.approx(mb.vm_memory_cost_mib("ubuntu-server") / 1024)
    assert app.summary.value.endswith("</div>") and "시간은 VM" in app.summary.value


def test_widget_rejects_out_of_range_values():
    app = multiboot_vs_vm()
    with pytest.raises(ValueError):
        app.set(switches=mb.MAX_SWITCHES + 1)
    with pytest.raises(TypeError):
        app.set(switches=2.5)
    with pytest.raises(TypeError):
        app.set(vms=2)
