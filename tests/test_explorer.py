"""The VM-vs-container explorer driven like a student would: move sliders, read figure and summary.

The browser answers slider moves from precomputed states (apps/browserfigure.py); these tests
check that those states are the model's numbers, that the sliders fit the chosen host, that
crossing the host's RAM is marked, and that Python's view of the state follows the sliders.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from virtlab_widgets import VmVsContainer, model, vm_vs_container
from virtlab_widgets import presets as P
from virtlab_widgets.apps.browserfigure import BrowserFigure, loader_helpers, widget_esm
from virtlab_widgets.apps.explorer import plain
from virtlab_widgets.export import Dim, State
from virtlab_widgets.figures import explorer as F
from virtlab_widgets.figures.common import trace
from virtlab_widgets.style import COLORS
from virtlab_widgets.text import gib, seconds, t


@pytest.fixture(scope="module")
def app() -> VmVsContainer:
    return vm_vs_container(vms=4, containers=10, host="laptop-16")


@pytest.fixture
def fresh() -> VmVsContainer:
    return vm_vs_container(vms=4, containers=10, host="laptop-16")


def pick(spec: dict, key: dict, ix: list[int]):
    """What the browser's engine (export.ENGINE_JS ``value``) shows for control positions ``ix``."""
    f = 0
    for d in key["deps"]:
        f = f * spec["dims"][d]["n"] + ix[d]
    return spec["pool"][key["ids"][f]]


def browser_view(app: VmVsContainer, vms: int, containers: int) -> tuple[dict, str]:
    """The traces (by id) and summary the page shows after the sliders move to ``vms``/``containers``
    (positions of the slider grids), computed from the spec the widget sent, without Python."""
    spec = app.view.spec
    ix = [[v for _, v in app.vms_slider.options].index(vms),
          [v for _, v in app.containers_slider.options].index(containers)]
    drawn = [dict(tr) for fig in spec["figures"] for tr in fig["data"]]     # the parts, in trace order
    for key in spec["data"]:
        drawn[key["trace"]][key["path"]] = pick(spec, key, ix)
    data = {tr["meta"]: tr for tr in drawn}
    summary = spec["sep"].join(p for p in (pick(spec, k, ix) for k in spec["summary"]) if p)
    return data, plain(summary)


def y_of(fig, trace_id: str) -> list:
    return list(trace(fig, trace_id).y)


# --- the numbers are the model's ---------------------------------------------------------
def test_initial_state_follows_the_model(app):
    s = model.simulate(4, 10, "laptop-16")
    fig = app.figure
    assert trace(fig, F.VM_NOW).x == (4,) and trace(fig, F.CT_NOW).x == (10,)
    assert y_of(fig, F.VM_NOW)[0] == pytest.approx(s.total_memory_mib / 1024)
    assert y_of(fig, F.VM_READY_NOW)[0] == pytest.approx(s.vm_ready_all_s)
    assert trace(fig, F.PERF_NOW).x[0] == pytest.approx(s.relative_performance * 100)
    assert app.summary_text().startswith("VM 4대: 메모리 8.9 GiB")
    assert "여유 있음" in app.summary_text() and f"모두 부팅까지 {seconds(s.vm_ready_all_s)}" in app.summary_text()


@pytest.mark.parametrize("vms, containers", [(0, 0), (5, 10), (6, 10), (10, 3000), (4, 1331), (4, 1332)])
def test_every_precomputed_state_is_the_model(app, vms, containers):
    """What the page shows for a slider position (spec + engine, no kernel) is what the model says."""
    data, summary = browser_view(app, vms, containers)
    s = model.simulate(vms, containers, "laptop-16")
    top = 2 * s.host_ram_mib / 1024
    assert data[F.VM_NOW]["x"] == [vms] and data[F.CT_NOW]["x"] == [containers]
    shown = min(s.total_memory_mib / 1024, top * 0.985)
    assert data[F.VM_NOW]["y"][0] == pytest.approx(shown, rel=1e-5)  # states carry 6 significant digits
    assert data[F.PERF_NOW]["x"][0] == pytest.approx(s.relative_performance * 100, rel=1e-5)
    ready = data[F.VM_READY_NOW]["y"][0]
    if s.fits and vms:
        assert ready == pytest.approx(s.vm_ready_all_s, rel=1e-5)
    else:
        assert ready is None                       # past capacity: no time, "들어가지 않음"
    fresh = vm_vs_container(vms=vms, containers=containers, host="laptop-16")
    assert summary == fresh.summary_text()


def test_curves_are_the_model_at_every_count(app):
    """The drawn polylines pass exactly through the model's value at every whole count."""
    data, _ = browser_view(app, 4, 10)
    n = np.arange(app.curves.side["vm"].top + 1)
    want = (3072 + model.vm_memory_mib(n) + model.container_memory_mib(10)) / 1024
    assert np.allclose(np.interp(n, data[F.VM_MEM]["x"], data[F.VM_MEM]["y"]), want)
    m = np.arange(app.curves.side["container"].top + 1)
    ready = model.container_ready_all_s(m, host="laptop-16")
    fit = model.fits(4, m, "laptop-16")
    x, y = data[F.CT_READY]["x"], [np.nan if v is None else v for v in data[F.CT_READY]["y"]]
    drawn = np.interp(m, x, y)
    ok = fit & (m > 0)
    assert np.allclose(drawn[ok], ready[ok])
    assert len(x) < 12  # a few bends, not 3001 points


# --- sliders scaled to the host ------------------------------------------------------------
def test_sliders_run_to_about_twice_what_fits(fresh):
    vm_cap, ct_cap = model.vm_capacity("laptop-16"), model.container_capacity("laptop-16")
    vms, cts = [v for _, v in fresh.vms_slider.options], [v for _, v in fresh.containers_slider.options]
    assert vms == list(range(11)) and 2 * vm_cap <= vms[-1] <= 2.5 * vm_cap
    assert 2 * ct_cap <= cts[-1] <= 2.5 * ct_cap and {ct_cap, ct_cap + 1} <= set(cts) and len(cts) < 40
    assert fresh.figure.layout.xaxis.range[1] == pytest.approx(vms[-1] * 1.04)

    fresh.set(host="lab-server", vm="ubuntu-desktop")
    cap = model.vm_capacity("lab-server", "ubuntu-desktop")
    vms = [v for _, v in fresh.vms_slider.options]
    assert (fresh.vms, fresh.containers) == (4, 10)         # counts kept
    assert 2 * cap <= vms[-1] <= 2.5 * cap and {cap, cap + 1, 10, 50, 60} <= set(vms)
    assert fresh.view.spec["dims"][0]["n"] == len(vms)      # the browser got the new grid
    fresh.set(host="laptop-8")
    assert [v for _, v in fresh.vms_slider.options][-1] == 4


def test_count_grid():
    assert F.count_grid(5) == list(range(11))
    grid = F.count_grid(1331, current=37)
    assert grid[:11] == list(range(11)) and {1331, 1332, 37, 3000} <= set(grid) and grid == sorted(set(grid))
    assert F.count_grid(25_804, limit=10_000)[-1] == 10_000     # the model's limit caps the slider
    assert F.count_grid(2, current=9)[-1] == 9                  # a count beyond twice the capacity stays
    with pytest.raises(ValueError):
        F.count_grid(5, current=20, limit=10)


def test_a_count_off_the_grid_extends_it(fresh):
    fresh.set(host="lab-server", vm="microvm", vms=1234)
    assert fresh.vms == 1234 and 1234 in [v for _, v in fresh.vms_slider.options]
    assert "VM 1,234대" in fresh.summary_text()


# --- the crossing and "does not fit" -------------------------------------------------------
def test_crossing_host_ram_is_marked(fresh):
    fresh.set(vms=5)
    fig = fresh.figure
    assert trace(fig, F.VM_NOW).marker.color == COLORS["vm"] and trace(fig, F.VM_NOW).text == ("",)
    assert trace(fig, F.VM_CUT).x == (5, 5) and "최대 5대" in trace(fig, F.VM_CUT).text[0]
    fresh.set(vms=6)
    fig = fresh.figure
    for marker in (F.VM_NOW, F.CT_NOW, F.PERF_NOW):
        assert trace(fig, marker).marker.color == COLORS["warn"]
    assert trace(fig, F.VM_NOW).text == ("RAM 초과",) and trace(fig, F.CT_NOW).text == ("RAM 초과",)
    assert "RAM 초과" in fresh.summary_text() and "과할당" in fresh.summary_text()
    shapes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(shapes) == 3 and all(s.y0 == 16 and s.y1 == 32 for s in shapes)  # the red band above RAM


def test_past_capacity_the_ready_time_says_does_not_fit(fresh):
    fresh.set(vms=6)
    s = model.simulate(6, 10, "laptop-16")
    assert not s.fits
    fig = fresh.figure
    assert trace(fig, F.VM_READY_NOW).y == (None,)
    assert "들어가지 않음" in trace(fig, F.VM_NOFIT).text
    assert trace(fig, F.VM_NOFIT).x[0] == pytest.approx(5.5)  # the band starts after the last VM that fits
    parts = fresh.summary_text().split(" · ")
    assert parts[0].endswith("들어가지 않음") and parts[1].endswith("들어가지 않음")
    assert seconds(s.vm_ready_all_s) not in parts[0]
    ready = [v for v in trace(fig, F.VM_READY).y if v is not None]
    assert ready and max(ready) == pytest.approx(model.vm_ready_all_s(5, host="laptop-16"))


def test_a_page_of_only_containers_can_overflow_too(fresh):
    fresh.set(vms=0, containers=1500)
    assert not model.fits(0, 1500, "laptop-16")
    assert trace(fresh.figure, F.CT_NOW).marker.color == COLORS["warn"]
    assert fresh.summary_text().startswith("VM 0대: 메모리 0 MiB, 디스크 0 MiB, 모두 부팅까지")


def test_a_full_disk_is_reported_too():
    app = vm_vs_container(vms=11, containers=0, host="laptop-8", vm="ubuntu-desktop")  # 11 x 25 GiB > 256 GiB
    assert not model.simulate(11, 0, "laptop-8", "ubuntu-desktop").fits_disk
    assert "⚠ 디스크 초과: 275 GiB / 256 GiB" in app.summary_text()
    assert trace(app.figure, F.DISK_VM).line.color == COLORS["warn"]


def test_page_sharing_is_an_optimistic_bound(fresh):
    fresh.set(vms=5)
    before = trace(fresh.figure, F.VM_NOW).y[0]
    fresh.set(page_sharing=True)
    assert trace(fresh.figure, F.VM_NOW).y[0] == pytest.approx(before - 0.15 * 2048 * 4 / 1024)
    assert "낙관적 상한" in fresh.summary_text() and "15 %" in fresh.summary_text()
    assert "낙관적" in fresh.controls["page_sharing"].description


# --- Python's state follows the browser -----------------------------------------------------
def test_a_slider_move_needs_no_message_from_python(fresh):
    """A move in the page (the slider's index changes) updates Python's view of the state, and
    Python sends nothing to the figure: the browser already drew it."""
    sent = []
    fresh.view._send = lambda msg, buffers=None: sent.append(msg)
    grid = [v for _, v in fresh.vms_slider.options]
    fresh.vms_slider.index = grid.index(7)       # what the browser syncs after a key press
    assert fresh.vms == 7 and not sent
    assert fresh.summary_text() == vm_vs_container(vms=7, containers=10).summary_text()
    assert trace(fresh.figure, F.VM_NOW).x == (7,)
    assert fresh.scenario() == model.simulate(7, 10, "laptop-16")


def test_set_from_code_moves_slider_and_figure_together(fresh):
    fresh.set(vms=8, containers=300)
    assert (fresh.vms_slider.value, fresh.containers_slider.value) == (8, 300)
    assert fresh.view.i_vms == fresh.vms_slider.index and fresh.view.i_containers == fresh.containers_slider.index


def test_the_main_row_is_drawn_first_as_a_figure_of_its_own(app):
    spec = app.view.spec
    main = spec["figures"][0]
    assert {k for k in main["layout"] if k.startswith(("xaxis", "yaxis"))} == {
        "xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"}
    assert {tr["meta"] for tr in main["data"]} == {F.VM_MEM, F.VM_CUT, F.VM_NOW, F.CT_MEM, F.CT_CUT, F.CT_NOW,
                                                   F.PERF, F.PERF_NOW}
    whole = app.figure  # the parts are the whole figure's traces, in its order
    assert [tr["meta"] for part in spec["figures"] for tr in part["data"]] == [tr.meta for tr in whole.data]
    assert [p["count"] for p in spec["parts"]] == [len(part["data"]) for part in spec["figures"]]
    for tr in spec["figures"][1]["data"]:
        assert tr["name"] == trace(whole, tr["meta"]).name


def test_figure_and_widget_share_the_loader_and_engine():
    head = loader_helpers()
    assert "function fromServer" in head and "export default" not in head
    esm = widget_esm()
    assert esm.count("export default") == 1 and "virtlabEngine" in esm and "Plotly.animate" in esm
    assert "plotly.min.js" not in esm and len(esm) < 40_000  # plotly.js comes from the page, once
    import plotly.graph_objects as go

    dims = [Dim("k", "k", [1, 2, 3], ["1", "2", "3"], initial=1)]
    fig = BrowserFigure.from_states([go.Figure(go.Scatter(x=[0], y=[0]))], dims,
                                    lambda v: State(data={(0, "y"): [v["k"]]}, summary=[f"k={v['k']}"]), " · ")
    assert fig.i_k == 1 and fig.spec["parts"] == [{"start": 0, "count": 1}] and "figure" not in fig.spec
    assert [fig.spec["pool"][i] for i in fig.spec["data"][0]["ids"]] == [[1], [2], [3]]
    # one part may change its layout (it is then redrawn); several parts change traces only
    fig.show([go.Figure()], dims, lambda v: State(layout={"title.text": str(v["k"])}), " · ")
    with pytest.raises(ValueError, match="traces only"):
        fig.show([go.Figure(), go.Figure()], dims, lambda v: State(layout={"title.text": str(v["k"])}), " · ")


# --- API errors -------------------------------------------------------------------------------
def test_bad_values_raise(fresh):
    for bad, error in ((-1, ValueError), (10_001, ValueError), (2.5, TypeError), ("4", TypeError)):
        with pytest.raises(error):
            fresh.set(vms=bad)
    with pytest.raises(ValueError, match="unknown host preset"):
        fresh.set(host="moon")
    with pytest.raises(TypeError):
        fresh.set(page_sharing="yes")
    with pytest.raises(ValueError):
        vm_vs_container(vms=-5)
    with pytest.raises(ValueError):
        vm_vs_container(vms=50, max_count=20)
    assert (fresh.vms, fresh.containers) == (4, 10)  # nothing changed


def test_summary_lines_are_deterministic():
    a, b = vm_vs_container(vms=7, containers=3), vm_vs_container(vms=7, containers=3)
    assert a.summary_text() == b.summary_text()


# --- the figure reads well --------------------------------------------------------------------
def test_linear_memory_axis_and_a_labelled_log_axis_for_disk(app):
    layout = app.figure.layout
    assert layout.yaxis.type in (None, "linear", "-") and "GiB" in layout.yaxis.title.text
    assert layout.xaxis6.type == "log" and "10배" in layout.xaxis6.title.text
    assert all(math.log10(v).is_integer() for v in layout.xaxis6.tickvals)   # decades only
    assert len(layout.xaxis6.tickvals) == len(layout.xaxis6.ticktext) <= 6
    for axis in ("xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis4"):
        assert layout[axis].type != "log"


def test_colours_follow_the_kind(app):
    fig = app.figure
    assert trace(fig, F.VM_MEM).line.color == trace(fig, F.VM_READY).line.color == COLORS["vm"]
    assert trace(fig, F.CT_MEM).line.color == trace(fig, F.CT_READY).line.color == COLORS["container"]


def test_main_row_fits_a_laptop_screen():
    """Controls (3 rows, ~110 px) + summary (2 lines) + the first row of plots stay within the
    ~560 px a 1366x768 screen shows below JupyterLab's toolbar."""
    g = F.geometry()
    assert 110 + 50 + g.main_height <= 560
    assert g.height <= 600


@pytest.mark.parametrize("presenting", [False, True])
def test_texts_fit_their_panels_at_the_narrowest_width(presenting):
    """Panel titles, the disk axis' title and the widest disk label fit their column, and the
    count ticks are few enough to stay level, on the narrowest output area (laptop or projector)."""
    from virtlab_widgets.figures.common import narrow_width, text_width
    from virtlab_widgets.style import present

    present(presenting)
    try:
        g, cols = F.geometry(), F.columns()
        plot_px = narrow_width() - g.left - g.right
        width = [(d[1] - d[0]) * plot_px for d in cols]
        assert cols[1][0] - cols[0][1] > 0 and (cols[2][0] - cols[1][1]) * plot_px >= text_width("10,000")
        for host, vm in (("laptop-16", "ubuntu-server"), ("lab-server", "microvm")):
            app = vm_vs_container(host=host, vm=vm, vms=4, containers=10)
            fig = app.figure
            for a in [a for a in fig.layout.annotations if a.text.startswith("<b>")]:
                k = next(k for k, d in enumerate(cols) if d[0] <= a.x <= d[1])
                assert text_width(a.text, a.font.size) <= width[k], a.text
            assert text_width(fig.layout.xaxis6.title.text) <= width[2]
            c = app.curves  # the longest disk labels: at the sliders' ends
            for label_ in (t("exp.disk_vm", d=F.disk(c.side["vm"].disk_gib[-1])),
                           t("exp.disk_ct", d=F.disk(c.side["container"].disk_gib[-1]))):
                assert text_width(label_) <= width[2] - 4, label_
            ticks = fig.layout.xaxis2.nticks  # labels spaced wider than the widest of them
            assert ticks >= 3 and (ticks - 1) * (text_width(f"{c.side['container'].top:,}") + 6) <= width[1]
    finally:
        present(False)


def test_ram_and_labels_come_from_the_presets():
    app = vm_vs_container(host="laptop-8", vms=2, containers=20)
    fig = app.figure
    ram = P.host("laptop-8").ram_mib
    assert any(a.text == f"호스트 RAM {gib(ram)}" for a in fig.layout.annotations)
    assert fig.layout.yaxis.range[1] == pytest.approx(2 * ram / 1024)
