"""Carving a host into VMs: model values, properties, the widget and bad inputs."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from virtlab_widgets import carve_host, model
from virtlab_widgets import presets as P
from virtlab_widgets.figures.carving import FREE, HYPERVISOR, MAX_VMS, RATIO, vm_trace
from virtlab_widgets.figures.common import trace
from virtlab_widgets.models.carving import carve


def test_default_example_matches_the_cited_rules():
    c = carve(16, 256, 2048, 6, 4, 32, 100)
    overhead = float(model.hypervisor_overhead_mib(32 * 1024, 4, "kvm")) / 1024  # OpenShift KVM rule
    assert overhead == pytest.approx((0.002 * 32768 + 218 + 8 * 4) / 1024)
    assert c.reserved[0] == P.value("carving", "hypervisor_cores")
    assert c.reserved[1] == pytest.approx(P.value("hosts", "lab-server", "os_reserve_mib") / 1024 + 6 * overhead)
    assert c.reserved[2] == P.value("carving", "hypervisor_disk_gib")
    assert c.ratio[0] == pytest.approx(24 / 15)
    assert c.overcommitted == {"cpu": True, "ram": False, "disk": False}


def test_no_vms_promises_nothing():
    c = carve(8, 32, 500, 0, 2, 4, 20)
    assert np.all(c.promised == 0) and np.all(c.ratio == 0) and not any(c.overcommitted.values())


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 31), vcpus=st.integers(1, 16), ram=st.floats(1, 64), disk=st.floats(10, 500))
def test_ratio_grows_with_vm_count(n, vcpus, ram, disk):
    a, b = carve(16, 256, 2048, n, vcpus, ram, disk), carve(16, 256, 2048, n + 1, vcpus, ram, disk)
    assert np.all(b.ratio >= a.ratio - 1e-12)
    assert np.all(a.reserved + a.free <= a.capacity + 1e-9) or any(a.overcommitted.values())
    assert np.all(a.free >= 0)


@pytest.mark.parametrize("args, error", [
    ((16, 256, 2048, -1, 4, 32, 100), ValueError),
    ((16, 256, 2048, 2.5, 4, 32, 100), TypeError),
    ((0, 256, 2048, 2, 4, 32, 100), ValueError),
    ((16, -5, 2048, 2, 4, 32, 100), ValueError),
    ((16, 256, 2048, 2, 4, "32", 100), TypeError),
])
def test_bad_values_raise(args, error):
    with pytest.raises(error):
        carve(*args)


def test_unknown_hypervisor_is_rejected():
    with pytest.raises(ValueError, match="hypervisor"):
        carve(16, 256, 2048, 2, 4, 32, 100, hypervisor="vmm9000")


def test_widget_follows_the_model_and_updates_in_place():
    app = carve_host()
    fig = app.figure
    app.set(vms=12)
    c = carve(**app.values)
    assert len(fig.data) == MAX_VMS + 3
    assert trace(fig, vm_trace(11)).x[0] == pytest.approx(4 / 16 * 100)   # VM 12 gets 4 of 16 cores
    assert trace(fig, vm_trace(12)).x[0] == 0                             # VM 13 does not exist
    assert trace(fig, HYPERVISOR).x[1] == pytest.approx(c.reserved[1] / 256 * 100)
    assert trace(fig, FREE).x[0] == 0                                     # CPU overcommitted: nothing free
    assert "⚠" in trace(fig, RATIO).text[1]                               # memory 12 x 32 GiB > 256 GiB
    assert app.figure is fig
    text = app.summary_text()
    assert text.startswith("VM 12대") and "48/15" in text and "스왑 위험" in text
    assert app.summary.value.count(text) == 1


def test_widget_rejects_bad_values_and_clamps_to_its_ranges():
    app = carve_host()
    with pytest.raises(ValueError):
        app.set(vms=MAX_VMS + 1)
    with pytest.raises(TypeError):
        app.set(vms=2.0)
    with pytest.raises(TypeError, match="unknown control"):
        app.set(gpus=2)
    app.controls["vms"].value = 10_000          # a widget clamps instead of failing
    assert app.values["vms"] == MAX_VMS
