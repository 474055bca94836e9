"""Performance under contention: the extra layer, CPU sharing and the memory cliff."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from virtlab_widgets import contention
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.contention import CPU_LEFT, CT_EACH, VM_EACH, VM_NOW
from virtlab_widgets.models import model
from virtlab_widgets.models.contention import bound, contention_curves, first_overcommitted, layer_factor, per_instance


def test_layer_factor_is_felter():
    assert layer_factor("vm") == pytest.approx(284.2 / 290.8)
    assert layer_factor("vm", "random_read_iops") == pytest.approx(46173 / 84044)
    assert layer_factor("container") == pytest.approx(290.9 / 290.8)


def test_the_memory_cliff_on_a_16_gb_laptop():
    each = per_instance([5, 6, 7], "vm")
    assert each[0] == pytest.approx(284.2 / 290.8)            # fits: only the layer's 2 %
    assert first_overcommitted("vm") == 6
    assert each[1] < 0.5 and each[2] < 0.15                    # overcommitted: collapse
    demand = model.memory_demand_mib(7, 0)
    assert each[2] == pytest.approx(layer_factor("vm") * float(model.relative_performance(demand)))


def test_cpu_sharing_is_gradual():
    each = per_instance(np.arange(1, 17), "container", container="web-small")
    assert np.allclose(each[:8], layer_factor("container"))
    assert each[15] == pytest.approx(layer_factor("container") * 8 / 16)


@pytest.mark.parametrize("benchmark", ["random_read_iops", "network_gbits"])
@pytest.mark.parametrize("host", ["laptop-16", "lab-server"])
def test_a_device_bound_workload_does_not_scale_with_cores(benchmark, host):
    """Random reads share the disk's IOPS (one native fio run at qd 128 fills it); adding
    instances or cores never raises the total above one instance's layer factor."""
    assert bound(benchmark) != "cpu" and bound("linpack_gflops") == "cpu"
    k = np.arange(1, 41)
    for kind in ("vm", "container"):
        each = per_instance(k, kind, host, container="web-small", benchmark=benchmark)
        assert each == pytest.approx(per_instance(k, kind, host, container="web-small", benchmark=benchmark,
                                                  cores_each=0.25))   # the CPU demand plays no part
        fits = k < first_overcommitted(kind, host, container="web-small")
        total = (each * k)[fits]
        assert total == pytest.approx(layer_factor(kind, benchmark))   # flat: the device is the bound
    c = contention_curves(host, benchmark=benchmark)
    assert c.cpu_full == 1.0 and c.bound == bound(benchmark)


def test_random_read_on_the_lab_server_shares_its_84044_iops():
    each = per_instance([1, 2, 8], "container", "lab-server", benchmark="random_read_iops")
    assert each * 84044 == pytest.approx(84092 / np.array([1, 2, 8]))      # Felter: Docker 84,092 IOPS
    vm = per_instance(8, "vm", "lab-server", benchmark="random_read_iops")
    assert vm * 8 * 84044 == pytest.approx(46173)                           # KVM: 46,173 IOPS in total


@settings(max_examples=40, deadline=None)
@given(cores=st.floats(0.25, 4), kind=st.sampled_from(["vm", "container"]))
def test_per_instance_never_rises_and_stays_in_bounds(cores, kind):
    each = per_instance(np.arange(1, 41), kind, cores_each=cores)
    assert np.all(np.diff(each) <= 1e-12)
    assert np.all((each > 0) & (each <= 1.0 + 1e-3))


def test_zero_instances_is_nan_and_bad_inputs_raise():
    assert np.isnan(per_instance(0))
    with pytest.raises(ValueError):
        per_instance(-1)
    with pytest.raises(ValueError):
        per_instance(3, "unikernel")
    with pytest.raises(ValueError):
        per_instance(3, cores_each=0)
    with pytest.raises(ValueError):
        layer_factor("vm", "no_such_benchmark")


def test_widget_moves_markers_and_recomputes_on_presets():
    app = contention()
    fig = app.figure
    app.set(instances=7)
    c = contention_curves("laptop-16", "ubuntu-server", "python-app")
    assert trace(fig, VM_NOW).x == (7,)
    assert trace(fig, VM_NOW).y[0] == pytest.approx(c.vm_each[7] * 100)
    assert "VM 하나 12 %" in app.summary_text() and "6대부터" in app.summary_text()
    app.set(host="lab-server")
    assert trace(fig, VM_EACH).y[7] == pytest.approx(layer_factor("vm") * 100)
    assert "메모리 충분" in app.summary_text() and "호스트 코어 16개" in app.summary_text()
    app.set(benchmark="random_read_iops")
    assert "디스크 84,044 IOPS를 나눠 써서 코어 수와 무관" in app.summary_text()
    assert trace(fig, CPU_LEFT).name == "디스크 IOPS 한계 (1개부터 나눠 씀)" and trace(fig, CPU_LEFT).x == (1.0, 1.0)
    app.set(benchmark="linpack_gflops")
    assert np.nanmax(np.array(trace(fig, CT_EACH).y, dtype=float)) <= 100.1
    with pytest.raises(ValueError):
        app.set(instances=0)
    with pytest.raises(ValueError):
        app.set(host="mainframe")
