"""Scale Up vs Scale Out."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from virtlab_widgets import presets as P
from virtlab_widgets import scale_up_out
from virtlab_widgets.figures.common import trace
from virtlab_widgets.figures.scaling import CAP_NOW, UP_CAP
from virtlab_widgets.models.scaling import scale_out, scale_up, scaling_curves, server_cost, sizes


def test_worked_example():
    size, cost = scale_up(40)              # 40 cores at 70 % → 64-core server
    assert size == 64 and cost == pytest.approx(server_cost(64))
    nodes, out = scale_out(40)             # 16 x 0.7 x 0.95 = 10.64 useful cores per node → 4 nodes
    assert nodes == 4 and out == pytest.approx(4 * server_cost(16) + P.value("scaling", "load_balancer_per_year"))
    assert server_cost(16) == P.value("consolidation", "server_cost_per_year")


def test_scale_up_has_a_ceiling():
    limit = sizes()[-1] * P.value("consolidation", "target_utilisation")
    assert np.isnan(scale_up(limit + 1)[0]) and not np.isnan(scale_up(limit)[0])


@settings(max_examples=50, deadline=None)
@given(d=st.floats(0, 300))
def test_capacity_always_covers_demand(d):
    c = scaling_curves(max_demand=300)
    i = c.index(d)
    assert c.out_capacity[i] >= c.demand[i] - 1e-9
    if not np.isnan(c.up_cores[i]):
        assert c.up_capacity[i] >= c.demand[i] - 1e-9
    assert np.all(np.diff(c.out_cost) >= 0)


def test_bad_values():
    with pytest.raises(ValueError):
        scale_up(-1)
    with pytest.raises(ValueError):
        scale_out(10, node_cores=0)
    with pytest.raises(ValueError):
        scale_out(10, target=2)


def test_widget():
    app = scale_up_out()
    assert "64코어 서버 1대" in app.summary_text() and "16코어 서버 4대" in app.summary_text()
    app.set(demand=120)
    assert "이만큼 큰 서버 없음" in app.summary_text()
    assert trace(app.figure, CAP_NOW).y[0] is None
    app.set(node_cores="32")
    assert "32코어 서버" in app.summary_text()
    assert trace(app.figure, UP_CAP).x[0] == 1
    with pytest.raises(ValueError):
        app.set(node_cores="12")
    with pytest.raises(ValueError):
        app.set(demand=0)
