"""Recovery time → yearly downtime → nines."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from virtlab_widgets import model, recovery
from virtlab_widgets import presets as P
from virtlab_widgets.figures.availability import DOWNTIME, RECOVERY
from virtlab_widgets.figures.common import trace
from virtlab_widgets.models.availability import (
    YEAR_S,
    availability,
    downtime_for_nines,
    nines,
    recovery_parts,
    recovery_s,
    yearly_downtime_s,
)


def test_recovery_uses_the_cited_boot_and_start_times():
    detect = P.value("availability", "detection_s")
    assert recovery_s("vm", 1) == pytest.approx(detect + 11.3)                 # Ubuntu Minimal boot
    assert recovery_s("container", 1) == pytest.approx(detect + 0.607 + 0.05)  # runc + small web server
    assert recovery_parts("vm", 200)["start"] == pytest.approx(float(model.vm_ready_all_s(200, "ubuntu-server",
                                                                                           "lab-server")))
    assert recovery_s("physical") == pytest.approx(detect + 3600 * (24 + 4))


def test_nines():
    assert nines(0.999) == pytest.approx(3)
    assert downtime_for_nines(3) == pytest.approx(YEAR_S / 1000)
    a = availability(yearly_downtime_s(recovery_s("physical"), 1))
    assert a == pytest.approx(1 - 100830 / YEAR_S) and 2.4 < nines(a) < 2.6
    assert np.isinf(nines(1.0))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 500), rate=st.floats(0, 50))
def test_ordering_and_monotonicity(n, rate):
    phys, vm, ct = (recovery_s(s, n) for s in ("physical", "vm", "container"))
    assert phys > vm >= ct
    assert recovery_s("vm", n + 1) >= vm
    assert yearly_downtime_s(vm, rate) <= yearly_downtime_s(vm, rate + 1)


@pytest.mark.parametrize("call", [
    lambda: recovery_s("teleport"), lambda: recovery_s("vm", 0), lambda: recovery_s("vm", detection_s=-1),
    lambda: yearly_downtime_s(10, -1), lambda: availability(-5)])
def test_bad_values(call):
    with pytest.raises(ValueError):
        call()


def test_widget():
    app = recovery()
    fig = app.figure
    assert trace(fig, RECOVERY).x[0] == pytest.approx(recovery_s("physical"))
    assert "2.5 nines" in app.summary_text() and "99.680 %" in app.summary_text()
    app.set(instances=200, vm="ubuntu-desktop")
    r = app.result()
    assert trace(fig, RECOVERY).x[1] == pytest.approx(r["vm"]["recovery"])
    assert trace(fig, DOWNTIME).x[1] == pytest.approx(r["vm"]["downtime"])
    app.set(failures_per_year=2.0)
    assert app.result()["vm"]["downtime"] == pytest.approx(2 * r["vm"]["recovery"])
    with pytest.raises(ValueError):
        app.set(detection_s=10_000)
    with pytest.raises(TypeError):
        app.set(instances="many")
