"""A class on one JupyterHub: three students open notebook 4 through an nbgitpuller link.

A real JupyterHub (dummy authenticator, simple local spawner, configurable-http-proxy) on
127.0.0.1 serves a bare clone of this repository's HEAD. Each student logs in, clicks the class
link, gets their own server and a fresh clone, and runs every cell in Chromium. Asserted for
each: no error, every plot drawn, plotly's widget JavaScript came over HTTP (200, never the
hub's login redirect) and not over the kernel websocket (≤ 1 MB received there), and no request
left the machine. Per-student memory and times are printed (see benchmarks/bench_hub.py).
"""
from __future__ import annotations

import pytest
from conftest import unavailable
from hubdriver import Hub, Student, find_chp, tree_rss_mib

STUDENTS = ["student1", "student2", "student3"]
NOTEBOOK = "04_containers.ipynb"
WS_LIMIT = 1_000_000  # bytes a student may receive over the kernel websocket

# every figure in the notebook drawn with data, and no widget left loading or failed
JS_ALL_DRAWN = """() => {
  const w = window.jupyterapp.shell.currentWidget; if (!w) return false;
  const text = w.content.node.innerText;
  if (/Loading widget|Error displaying widget|Failed to load model/.test(text)) return false;
  const views = w.content.node.querySelectorAll(
    '.jp-OutputArea-output .widget-box, .jp-OutputArea-output .js-plotly-plot');
  const plots = [...w.content.node.querySelectorAll('.js-plotly-plot')];
  return views.length > 0 && plots.length > 0 && plots.every(gd => (gd.data || []).length > 0
         && gd.querySelectorAll('g.trace, .barlayer .trace').length > 0);
}"""


@pytest.fixture(scope="module")
def hub(browser):
    chp = find_chp()
    if chp is None:
        unavailable("configurable-http-proxy not found and npm cannot install it: hub test skipped")
    with Hub(STUDENTS, chp) as running:
        yield running


@pytest.fixture(scope="module")
def class_of_three(browser, hub):
    results = {}
    for name in STUDENTS:
        student = Student(browser, hub, name, NOTEBOOK)
        opened = student.open()
        ran = student.run_all(timeout=180_000)
        student.page.wait_for_function(JS_ALL_DRAWN, timeout=120_000, polling=100)
        results[name] = (student, opened, ran)
    pids = hub.server_pids()
    memory = {name: tree_rss_mib(pid) for name, pid in pids.items()}
    print("\nper student: " + "; ".join(f"{n}: opened in {o:.1f} s, ran in {r:.1f} s, {memory.get(n, 0):.0f} MiB, "
                                        f"websocket in {s.ws_in / 1e6:.2f} MB" for n, (s, o, r) in results.items()))
    yield results, memory
    for student, _, _ in results.values():
        student.close()


@pytest.mark.parametrize("name", STUDENTS)
def test_student_runs_notebook_4_through_the_class_link(class_of_three, name):
    results, memory = class_of_three
    student, _opened, _ran = results[name]
    outputs = student.outputs()
    errors = [o for c in outputs for o in c["outputs"] if o["output_type"] == "error"
              or (o["output_type"] == "stream" and o.get("name") == "stderr")]
    assert not errors, f"{name}: {errors[:2]}"
    assert all(c["count"] for c in outputs if c["source"].strip()), f"{name}: not every cell ran"
    bundle = [(u, s) for u, s in student.responses if "/virtlab/plotly/" in u]
    assert bundle and all(s == 200 for _, s in bundle), f"{name}: plotly widget JS not served over HTTP: {bundle}"
    assert student.ws_in <= WS_LIMIT, f"{name} received {student.ws_in / 1e6:.2f} MB over the kernel websocket"
    assert not student.non_local_requests(), student.non_local_requests()
    assert memory.get(name, 0) > 0, f"{name}: no single-user server found"
