"""Figures still render where the server does not serve plotly's JS (VS Code, Colab, a Jupyter
server without ``virtlab_widgets.jupyter.server_ext``): the loader then asks the kernel, once per page."""
from __future__ import annotations

import pytest
from labdriver import LabServer, NotebookSession, code_notebook

from virtlab_widgets.jupyter.figurewidget import bundle_source

CELL = """\
import plotly.graph_objects as go
from virtlab_widgets.apps.controls import figure_widget
figs = [figure_widget(go.Figure(go.Scatter(x=[0, 1, 2], y=[k, k + 1, k]))) for k in range(3)]
figs[0].plotly_restyle({"y": [[5, 6, 7]]}, [0])  # an edit made while the browser is still loading plotly
display(*figs)
"""


@pytest.fixture(scope="module")
def lab_server(browser):  # overrides conftest's: this module needs a server without the extension
    with LabServer(server_extension=False) as server:
        yield server


def test_figures_load_plotly_from_the_kernel_without_the_server_extension(browser, lab_server):
    name = lab_server.write_notebook("fallback.ipynb", code_notebook(CELL))
    session = NotebookSession(browser, lab_server, name)
    try:
        session.open()
        session.run_all()
        session.page.wait_for_function("""() => {
          const plots = document.querySelectorAll('.jp-OutputArea .js-plotly-plot');
          return plots.length === 3 && [...plots].every(gd => gd.querySelectorAll('g.trace').length === 1);
        }""", timeout=60_000, polling=50)
        first_y = session.page.evaluate(
            "() => Array.from(document.querySelector('.jp-OutputArea .js-plotly-plot').data[0].y)")
        assert first_y == [5, 6, 7], "an edit made before plotly loaded was lost"
        served = [u for u in session.requests if "/virtlab/plotly/" in u]
        assert len(served) <= 1  # tried once (404), then the kernel sent it
        bundle = len(bundle_source().encode("utf-8"))
        assert session.ws_in < 1.5 * bundle, f"plotly JS sent more than once: {session.ws_in} bytes"
        assert not session.non_local_requests()
    finally:
        session.close()


SILENT_CELL = """\
import plotly.graph_objects as go
from virtlab_widgets.jupyter.figurewidget import FigureWidget

class Silent(FigureWidget):  # a kernel that never answers the loader's request
    def _virtlab_on_msg(self, *args):
        pass

Silent(go.Figure(go.Scatter(x=[0, 1], y=[1, 0])))
"""


def test_a_kernel_that_never_answers_gives_a_message_not_a_blank_figure(browser, lab_server):
    """The kernel fallback times out, retries, then says so in the output (shortened timeouts)."""
    from virtlab_widgets.text import t

    name = lab_server.write_notebook("silent.ipynb", code_notebook(SILENT_CELL))
    session = NotebookSession(browser, lab_server, name)
    session.page.add_init_script("globalThis.__virtlabKernelTimeoutsMs = [500, 500, 500];")
    try:
        session.open()
        session.run_all()
        alert = session.page.locator(".jp-OutputArea [role=alert]")
        alert.wait_for(timeout=60_000)
        assert t("fig.load_failed").split(":")[0] in alert.inner_text()
        assert session.kernel_eval("1 + 1") == "2"  # and the kernel is still alive
    finally:
        session.close()
