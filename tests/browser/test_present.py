"""Lecturer's mode in live JupyterLab: ``present()`` enlarges widgets and figure text, and back."""
from __future__ import annotations

from labdriver import NotebookSession, code_notebook

CELLS = [
    "from virtlab_widgets import present, vm_vs_container\npresent()\nvm_vs_container(vms=4, containers=10)",
    "present(False)\nvm_vs_container(vms=4, containers=10)",
]
# Font size of the first slider label and of the first axis tick label, per output area.
JS_SIZES = """() => [...document.querySelectorAll('.jp-Cell-outputArea')].map(area => {
  const label = area.querySelector('.widget-slider .widget-label');
  const tick = area.querySelector('.js-plotly-plot .xtick text');
  return label && tick ? [parseFloat(getComputedStyle(label).fontSize),
                          parseFloat(getComputedStyle(tick).fontSize)] : null;
})"""


def test_present_enlarges_widgets_and_figures(browser, lab_server):
    nb = code_notebook(*CELLS)
    session = NotebookSession(browser, lab_server, lab_server.write_notebook("present.ipynb", nb))
    try:
        session.open()
        session.run_all()
        session.page.wait_for_function(f"() => {{ const s = ({JS_SIZES})(); "
                                       "return s.filter(Boolean).length === 2; }", timeout=60_000, polling=50)
        presented, normal = [s for s in session.page.evaluate(JS_SIZES) if s]
        # The page-wide widget CSS follows the last present() call; figures keep the size
        # they were created with. So: both explorers' sliders are normal size again, but the
        # first figure was drawn in presenter mode and its ticks are larger than the second's.
        assert presented[1] >= 18 and normal[1] <= 14, (presented, normal)
    finally:
        session.close()


def test_widget_css_while_presenting(browser, lab_server):
    session = NotebookSession(browser, lab_server,
                              lab_server.write_notebook("present_on.ipynb", code_notebook(CELLS[0])))
    try:
        session.open()
        session.run_all()
        session.page.wait_for_function(f"() => ({JS_SIZES})().some(Boolean)", timeout=60_000, polling=50)
        label_px, tick_px = next(s for s in session.page.evaluate(JS_SIZES) if s)
        assert label_px >= 20 and tick_px >= 18
    finally:
        session.close()
