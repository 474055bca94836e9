"""Consolidation: hosts needed, the (assumed) bill and where virtualization stops paying."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from virtlab_widgets import consolidation
from virtlab_widgets import presets as P
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.consolidation import COST_VIRT, HOSTS_NOW, LOSS
from virtlab_widgets.models.consolidation import (
    consolidation_curves,
    hosts_needed,
    overhead,
    physical_cost,
    staff_cost,
    virtual_cost,
)


def test_overhead_comes_from_felter():
    assert overhead("cpu") == pytest.approx(1 - 284.2 / 290.8)
    assert overhead("cpu_untuned") == pytest.approx(1 - 130.3 / 290.8)
    assert overhead("io") == pytest.approx(1 - 46173 / 84044)


def test_worked_example():
    # 50 servers at 10 %: CPU needs ceil(50 * 0.1 / 0.977 / 0.7) = 8 hosts, + 1 spare
    assert hosts_needed(50, 0.10) == 9
    assert hosts_needed(50, 0.10, spare=False) == 8
    cost = P.value("consolidation", "server_cost_per_year")
    admin = P.value("consolidation", "admin_per_year")
    # staff on both sides by one rule: ceil(machines / 25) administrators, 1.5x after virtualization
    assert physical_cost(50) == 50 * cost + 2 * admin
    build = P.value("consolidation", "build_cost") / 5
    licence = P.value("consolidation", "licence_per_host_per_year")
    assert virtual_cost(9) == pytest.approx(9 * (cost + licence) + 1 * admin * 1.5 + build)


def test_staff_are_charged_on_both_sides_by_the_same_rule():
    per, admin = P.value("consolidation", "machines_per_admin"), P.value("consolidation", "admin_per_year")
    premium = 1 + P.value("consolidation", "specialist_premium")
    for machines in (1, per, per + 1, 3 * per):
        before, after = float(staff_cost(machines)), float(staff_cost(machines, virtualized=True))
        assert before == np.ceil(machines / per) * admin > 0
        assert after == pytest.approx(before * premium)
        assert float(physical_cost(machines)) - machines * P.value("consolidation", "server_cost_per_year") == before
    assert float(staff_cost(0)) == 0 and float(virtual_cost(0)) == 0
    with pytest.raises(TypeError):
        staff_cost(3, virtualized="yes")
    with pytest.raises(ValueError):
        staff_cost(-1)


def test_memory_can_be_the_limit():
    # idle servers: CPU would need 1 host, but 100 x 16 GiB of VMs do not fit one 256 GiB host
    assert hosts_needed(100, 0.01, spare=False) >= np.ceil(100 * 16 / 252)


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 200), u=st.floats(0.01, 0.99))
def test_more_load_never_needs_fewer_hosts(n, u):
    assert hosts_needed(n, u + 0.01) >= hosts_needed(n, u)
    assert hosts_needed(n + 1, u) >= hosts_needed(n, u)
    assert hosts_needed(n, u, "io") >= hosts_needed(n, u, "cpu")


def test_breakeven():
    big, small = consolidation_curves(50), consolidation_curves(5)
    assert 0.2 < big.breakeven < 0.6
    assert small.breakeven == 0.01                 # fixed costs: never pays for 5 servers
    assert consolidation_curves(50, licence_per_host=0).breakeven >= big.breakeven


@pytest.mark.parametrize("call", [
    lambda: hosts_needed(-1, 0.1), lambda: hosts_needed(10, 1.5), lambda: hosts_needed(10, 0.1, "gpu"),
    lambda: hosts_needed(10, 0.1, target=0), lambda: virtual_cost(3, -1)])
def test_bad_values_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_spare_must_be_bool():
    with pytest.raises(TypeError):
        hosts_needed(10, 0.1, spare="yes")


def test_widget():
    app = consolidation(servers=8, utilisation_pct=50)
    assert "가상화가 손해" in app.summary_text()
    fig = app.figure
    app.set(servers=50, utilisation_pct=10)
    assert trace(fig, HOSTS_NOW).y == (9,)
    assert app.summary_text().startswith("서버 50대 × 이용률 10 % → 호스트 9대 (41대 절감")
    assert "가상화가 이득" in app.summary_text() and "33 % 이상이면 손해" in app.summary_text()
    assert "물리 25,000만 원 vs 가상화 12,150만 원" in app.summary_text()
    assert trace(fig, LOSS).x[0] == pytest.approx(33)
    app.set(licence=0)
    assert trace(fig, COST_VIRT).y[9] == pytest.approx(float(virtual_cost(9, 0)))
    with pytest.raises(ValueError):
        app.set(utilisation_pct=0)
    with pytest.raises(ValueError):
        app.set(workload="gpu")
