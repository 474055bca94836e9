"""Notebook 5-3: "your host, your guest" — probe verdicts mapped to the stack diagram."""
from __future__ import annotations

import pytest
from fake_hosts import LAYOUTS, NO, UNKNOWN, YES, fake, fixture_report

from virtlab_widgets import where_am_i
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.stack import HERE, layers
from virtlab_widgets.models.whereami import EXAMPLES, locate

EXPECTED = {  # fixture layout -> (kind, arch, layer)
    "bare_metal": ("host", "type2", "host_os"),
    "binder": ("container_in_vm", "container_in_vm", "container"),
    "docker_cgroup_v1": ("container", "container", "container"),
    "docker_cgroup_v2": ("container_in_vm", "container_in_vm", "container"),
    "kubernetes": ("container_in_vm", "container_in_vm", "container"),
    "kvm_guest": ("guest", "type1", "guest_os"),
    "podman": ("container", "container", "container"),
    "vmware_guest": ("guest", "type2", "guest_os"),
    "wsl2": ("wsl2", "type1", "guest_os"),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_fixture_layout_maps_to_a_layer_of_its_stack(name):
    loc = locate(fixture_report(name))
    assert (loc.kind, loc.arch, loc.layer) == EXPECTED[name]
    assert loc.layer in layers(loc.arch)
    assert loc.evidence, "the location must carry the probe's evidence"


def test_hand_made_machines():
    assert locate(fake()).layer == "host_os"
    guest = locate(fake(in_vm=YES, hypervisor_vendor="VirtualBox"))
    assert (guest.arch, guest.layer, guest.arch_guessed) == ("type2", "guest_os", False)
    cloud = locate(fake(in_vm=YES, hypervisor_vendor="Amazon EC2"))
    assert cloud.arch == "type1"
    unknown_vendor = locate(fake(in_vm=YES))
    assert unknown_vendor.arch_guessed and unknown_vendor.layer == "guest_os"
    nothing = locate(fake(in_vm=UNKNOWN, in_container=UNKNOWN))
    assert nothing.kind == "unknown" and nothing.layer is None and not nothing.certain
    mac = locate(fake(os_name="Darwin", in_container=NO, in_vm=NO))
    assert mac.kind == "host"


def test_bad_report():
    with pytest.raises(TypeError):
        locate({"in_vm": True})
    with pytest.raises(TypeError):
        where_am_i(report="laptop")


def test_widget_marks_you_are_here_and_switches_views_in_place():
    app = where_am_i(report=fixture_report("binder"))
    fig = app.figure
    assert "현재 위치: 컨테이너 (binder) 안" in app.summary_text()
    assert "◀ 현재 위치" in trace(fig, HERE).text[0]
    assert "컨테이너 안인가?" in app.details.value and "/proc/" in app.details.value
    for view in EXAMPLES:
        app.set(view=view)
        assert fig is app.figure and app.summary_text().startswith("예시:")
        assert app.details.value == ""
    app.set(view="mine")
    app.set_report(fake())
    assert app.summary_text().startswith("현재 위치: 실제 하드웨어 위의 호스트 OS")
    assert fig.layout.title.text.startswith("Type 2")
    app.set_report(fake(in_vm=YES, hypervisor_vendor="KVM"))
    assert fig.layout.title.text.startswith("Type 1") and "게스트 OS" in app.summary_text()
    with pytest.raises(ValueError):
        app.set(view="mars")


def test_widget_on_this_machine_runs_whatever_it_is():
    app = where_am_i()
    assert app.summary_text()  # verdicts differ per machine; structure does not
    assert app.location.layer is None or app.location.layer in layers(app.location.arch)
