"""Presenting with jupyterlab-rise: every demo's slide shows its figure, never a dead widget repr.

jupyterlab-rise 0.43.1 presents in its own page (``/rise/<path>``, what ``RISE:slideshow`` opens
and what ``RISE:preview`` embeds), a separate app built on JupyterLab 4.3 packages. Its page
cannot load ipywidgets 8's manager (``@jupyter-widgets/jupyterlab-manager``: "Shared module
@jupyterlab/console doesn't exist in shared scope default", jupyterlab-contrib/rise#119), so
no widget renders there. Each app therefore also offers ``application/vnd.plotly.v1+json``
(``App._repr_mimebundle_``): RISE shows the figure as it was when the cell ran, while JupyterLab
keeps showing the live widget (widget view rank -10 beats plotly's 2).

jupyterlab-rise is a test dependency (pyproject's `test` extra), so CI runs this; elsewhere
the browser test skips without it (and fails with CI=true, like every browser test).
"""
from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import unavailable
from labdriver import ARTIFACTS, NotebookSession

NOTEBOOK = "04_containers.ipynb"
CALL = "vm_vs_container(vms=4"  # the explorer's code cell
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
SHOTS = ARTIFACTS / "rise"


def test_apps_offer_their_figure_next_to_the_widget():
    from virtlab_widgets import quiz, vm_vs_container

    app = vm_vs_container(vms=4, containers=10, host="laptop-16")
    bundle = app._repr_mimebundle_()
    assert WIDGET in bundle and PLOTLY in bundle
    assert len(bundle[PLOTLY]["data"]) == len(app.figure.data)
    json.dumps(bundle)  # what the kernel sends must be JSON
    assert PLOTLY not in quiz("04")._repr_mimebundle_()  # no figure, nothing to add


@pytest.fixture(scope="module")
def rise_installed():
    if importlib.util.find_spec("jupyterlab_rise") is None:
        unavailable("jupyterlab-rise is not installed (pip install jupyterlab-rise): RISE tests skipped")


# The explorer's slide in the RISE page: the slide RISE is showing, once its output rendered
# either as a live widget (if a future RISE loads the widget manager) or as the plotly figure.
JS_SLIDE = """(call) => {
  const s = [...document.querySelectorAll('.reveal .slides section.present:not(.stack)')].pop();
  if (!s || !s.innerText.includes(call)) return null;
  const cell = [...s.querySelectorAll('.jp-CodeCell')].find(c => c.innerText.includes(call));
  const out = cell && cell.querySelector('.jp-OutputArea-output'); if (!out) return null;
  const gd = out.matches('.js-plotly-plot') ? out : out.querySelector('.js-plotly-plot');
  const traces = gd ? gd.querySelectorAll('g.trace').length : 0;
  if (!traces) return null;
  return {widget: !!out.querySelector('.jupyter-widgets'), plotlyRenderer: out.matches('.jp-RenderedPlotly'),
          traces, dataTraces: gd.data.length,
          text: out.innerText.slice(0, 200)};
}"""


def test_explorer_slide_shows_its_figure_in_rise(browser, lab_server, rise_installed):
    session = NotebookSession(browser, lab_server, NOTEBOOK)
    rise_foreign: list[str] = []
    try:
        session.open()
        session.run_all()
        cell = next(c for c in session.outputs() if CALL in c["source"])
        bundle = next(o["data"] for o in cell["outputs"] if WIDGET in o.get("data", {}))
        assert PLOTLY in bundle, f"the explorer's output has no figure for RISE: {sorted(bundle)}"

        # JupyterLab itself is unchanged: the live widget, not the plotly snapshot.
        lab = session.page.evaluate("""(i) => {
          const area = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.jp-OutputArea');
          return {sliders: area.querySelectorAll('.widget-slider').length,
                  plots: area.querySelectorAll('.jupyter-widgets .js-plotly-plot').length,
                  snapshot: area.querySelectorAll('.jp-RenderedPlotly').length};
        }""", cell["index"])
        assert lab["sliders"] >= 1 and lab["plots"] >= 1 and lab["snapshot"] == 0, lab

        # RISE presents the saved notebook: save, then open it as RISE:slideshow does.
        session.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        session.page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
        page = session.context.new_page()
        page.set_default_timeout(90_000)

        # Recorded, not routed: with page.route() active, RISE 0.43.1's page never built its
        # slides here (Playwright 1.65, Debian Chromium); the lab page above is routed as usual.
        page.on("request", lambda r: None if session._is_local(r.url) else rise_foreign.append(r.url))
        page.goto(f"{lab_server.url}/rise/{NOTEBOOK}?activeCellIndex={cell['index']}")
        slide = page.wait_for_function(JS_SLIDE, arg=CALL, polling=100).json_value()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "04-explorer-slide.png"))

        assert "VBox(" not in slide["text"], f"RISE shows the widget's repr: {slide}"
        if not slide["widget"]:  # a RISE that loads ipywidgets 8 would show the live widget
            assert slide["plotlyRenderer"], slide  # plotly's own renderer (jupyterlab-plotly)
            assert slide["dataTraces"] == len(bundle[PLOTLY]["data"]), slide
        page.close()
    finally:
        session.close()
    # RISE's reveal.js theme asks Google Fonts for its fonts (upstream); nothing else may leave.
    assert all(u.startswith("https://fonts.googleapis.com/") for u in rise_foreign), rise_foreign
