"""Lecturer's mode in live JupyterLab: ``present()`` enlarges widgets, figure text and the
figures themselves, and back; every figure fills its output area and follows it when resized."""
from __future__ import annotations

from labdriver import NotebookSession, code_notebook

CELLS = [
    "from virtlab_widgets import present, carve_host\npresent()\ncarve_host()",
    "present(False)\ncarve_host()",
]
# Per output area with a slider and a drawn figure: font sizes of the first slider label and
# x tick label, the figure's size and the output area's width.
JS_SIZES = """() => [...document.querySelectorAll('.jp-Cell-outputArea')].map(area => {
  const label = area.querySelector('.widget-slider .widget-label');
  const gd = area.querySelector('.js-plotly-plot');
  const tick = gd && gd.querySelector('.xtick text');
  if (!label || !tick) return null;
  const box = gd.querySelector('.main-svg').getBoundingClientRect();  // what plotly drew, not its box
  return {label: parseFloat(getComputedStyle(label).fontSize), tick: parseFloat(getComputedStyle(tick).fontSize),
          width: box.width, height: box.height, area: area.querySelector('.jp-OutputArea-output').clientWidth};
})"""


def _sizes(session: NotebookSession, count: int) -> list[dict]:
    session.page.wait_for_function(f"() => ({JS_SIZES})().filter(Boolean).length === {count}",
                                   timeout=60_000, polling=50)
    return [s for s in session.page.evaluate(JS_SIZES) if s]


def test_present_enlarges_widgets_and_figures(browser, lab_server):
    nb = code_notebook(*CELLS)
    session = NotebookSession(browser, lab_server, lab_server.write_notebook("present.ipynb", nb))
    try:
        session.open()
        session.run_all()
        presented, normal = _sizes(session, 2)
        # The page-wide widget CSS follows the last present() call; figures keep the size
        # they were created with. So: both apps' sliders are normal size again, but the first
        # figure was drawn in presenter mode: larger ticks, and taller so the text has room.
        assert presented["tick"] >= 18 and normal["tick"] <= 14, (presented, normal)
        assert presented["height"] > 1.2 * normal["height"], (presented, normal)
        for s in (presented, normal):  # both fill their output area, whatever the font
            assert abs(s["width"] - s["area"]) <= 2 and s["width"] > 760, s
    finally:
        session.close()


def test_widget_css_while_presenting(browser, lab_server):
    session = NotebookSession(browser, lab_server,
                              lab_server.write_notebook("present_on.ipynb", code_notebook(CELLS[0])))
    try:
        session.open()
        session.run_all()
        sizes = _sizes(session, 1)[0]
        assert sizes["label"] >= 20 and sizes["tick"] >= 18
    finally:
        session.close()


def test_figures_follow_the_output_area(browser, lab_server):
    """Not plotly's fixed 700 px: the figure takes the output area's width, and takes the new
    width when the window is resized (both ways), keeping its height."""
    session = NotebookSession(browser, lab_server,
                              lab_server.write_notebook("follow.ipynb", code_notebook(
                                  "from virtlab_widgets import carve_host\ncarve_host()")),
                              viewport=(1366, 900))
    try:
        session.open()
        session.run_all()
        first = _sizes(session, 1)[0]
        assert abs(first["width"] - first["area"]) <= 2 and first["width"] > 850, first
        before = first
        for width in (1000, 1600):
            session.page.set_viewport_size({"width": width, "height": 900})
            # the output area must first take the new window width, then the figure follow it
            # (measured in one go: between two measurements the layout may still be moving)
            now = session.page.wait_for_function(
                f"(prev) => {{ const s = ({JS_SIZES})().filter(Boolean)[0]; "
                "return s && Math.abs(s.area - prev) > 2 && Math.abs(s.width - s.area) <= 2 ? s : null; }",
                arg=before["area"], timeout=15_000, polling=50).json_value()
            assert now["height"] == first["height"], (width, now)
            before = now
        assert now["width"] > first["width"] + 200
    finally:
        session.close()
