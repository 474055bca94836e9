"""Count sliders of the small demos answered in the browser (``ModelApp.BROWSER_CONTROLS``).

For each demo that opts in (multi-boot vs VM: OS switches; recovery: instances to restart), a
keyboard move of its count slider changes the plot and the summary in the page without waiting
for the kernel, the page shows the model's own numbers for the new count, and the kernel's
``app.values`` and ``summary_text()`` end in sync. As in ``test_explorer_browser.py``, the page
goes through a delaying TCP proxy (half a second each way during the key presses), so anything
that waited for the kernel would take at least a second. Screenshots go to
``test-artifacts/browser/sliders-*.png``.
"""
from __future__ import annotations

import ast
import re

import pytest
from delayproxy import DelayProxy
from labdriver import (
    ARTIFACTS,
    JS_KERNEL_IDLE,
    NotebookSession,
    assert_answered_in_the_browser,
    code_notebook,
    kernel_value,
)

SHOTS = ARTIFACTS / "browser"
ONE_WAY_S = 0.5
VIEW = (1366, 768)

# name: (factory, slider key, control, start value, key presses, the trace to compare (its id),
# notebook variable); recovery starts past the restart parallelism, where each instance adds time
DEMOS = {
    "multiboot": ("multiboot_vs_vm", "mb.ctl.switches", "switches", 6, 2, "multiboot_now", "mb"),
    "recovery": ("recovery", "ctl.restart", "instances", 40, 5, "recovery", "rec"),
}
CELLS = [f"from virtlab_widgets import {factory}\n{var} = {factory}({control}={start})\n{var}"
         for factory, _key, control, start, _presses, _trace, var in DEMOS.values()]

# Time of the key press, then of the first change of the figure's SVG and of its summary.
JS_PROBE = """(k) => {
  const fig = document.querySelectorAll('.virtlab-browserfigure')[k];
  const gd = fig.querySelector('.virtlab-part-0'), status = fig.querySelector('.virtlab-summary');
  const probe = window.__probe = {key: 0, plot: 0, summary: 0, text: status.innerText};
  if (!window.__probeKeys) {
    window.__probeKeys = true;
    document.addEventListener('keydown', () => { if (!window.__probe.key) window.__probe.key = performance.now(); },
                              true);
  }
  new MutationObserver((records) => {
    if (probe.key && !probe.plot && records.some((r) => r.target !== gd)) probe.plot = performance.now();
  }).observe(gd, {subtree: true, childList: true, attributes: true});
  new MutationObserver(() => { if (probe.key && !probe.summary && status.innerText !== probe.text)
    probe.summary = performance.now(); }).observe(status, {subtree: true, childList: true, characterData: true});
  return !!gd.querySelector('.main-svg');
}"""

JS_PAGE = """([k, trace]) => {
  const fig = document.querySelectorAll('.virtlab-browserfigure')[k];
  const gd = fig.querySelector('.virtlab-part-0');
  const arr = (v) => v == null ? null : Array.from(v, (e) => (e === undefined ? null : e));
  const node = gd.calcdata[trace][0].node3.node();
  return {state: gd.getAttribute('data-virtlab-state'), x: arr(gd.data[trace].x), y: arr(gd.data[trace].y),
          drawn: [...node.querySelectorAll('text')].map((e) => e.textContent),
          summary: fig.querySelector('.virtlab-summary').innerText.trim().replace(/\\s+/g, ' ')};
}"""


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def demos(browser, lab_server):
    with DelayProxy(lab_server.port, 0.0) as proxy:
        name = lab_server.write_notebook("browser_sliders.ipynb", code_notebook(*CELLS))
        session = NotebookSession(browser, proxy.server(lab_server), name, viewport=VIEW)
        try:
            session.open()
            session.run_all()
            session.page.wait_for_function(
                f"() => document.querySelectorAll(\".virtlab-figure[data-virtlab-ready='1']\").length === {len(DEMOS)}",
                timeout=60_000)
            yield session, proxy
        finally:
            session.close()


@pytest.mark.parametrize("demo", list(DEMOS))
def test_keyboard_move_is_answered_in_the_browser_and_the_kernel_follows(demos, demo):
    import virtlab_widgets
    from virtlab_widgets.export import json_ready
    from virtlab_widgets.figures.common import trace_positions
    from virtlab_widgets.text import t

    session, proxy = demos
    page = session.page
    factory, key, control, start, presses, trace_id, var = DEMOS[demo]
    k = list(DEMOS).index(demo)
    trace = trace_positions(getattr(virtlab_widgets, factory)().figure)[trace_id]
    page.evaluate("(k) => document.querySelectorAll('.virtlab-browserfigure')[k].scrollIntoView()", k)
    assert page.evaluate(JS_PROBE, k), f"{demo}: figure not drawn"
    before = page.evaluate(JS_PAGE, [k, trace])
    assert before["summary"] == _flat(getattr(virtlab_widgets, factory)(**{control: start}).summary_text())
    handle = page.get_by_role("slider", name=t(key), exact=True)
    assert handle.count() == 1
    handle.focus()
    proxy.delay_s = ONE_WAY_S  # from here on every kernel message takes a second there and back
    try:
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
        assert_answered_in_the_browser(page, ONE_WAY_S, f"{demo}: ")
        want_value = start + presses
        page.wait_for_function(
            f"() => document.querySelectorAll('.virtlab-browserfigure')[{k}].querySelector('.virtlab-part-0')"
            f".getAttribute('data-virtlab-state') === '{want_value - (1 if demo == 'recovery' else 0)}'",
            timeout=5_000)
        shown = page.evaluate(JS_PAGE, [k, trace])
        # the page shows the model's own numbers for the new count
        model_app = getattr(virtlab_widgets, factory)(**{control: want_value})
        assert shown["summary"] == _flat(model_app.summary_text()) != before["summary"]
        want = model_app.figure.data[trace]
        assert shown["x"] == json_ready(list(want.x)) and shown["y"] == json_ready(list(want.y))
        assert shown["x"] != before["x"]
        if want.text is not None:  # labels drawn on the plot are the new state's, not the old ones
            assert sorted(shown["drawn"]) == sorted(want.text) != sorted(before["drawn"]), shown["drawn"]
    finally:
        proxy.delay_s = 0.0
    # the kernel ends in sync (the last move arrives a round trip after the page showed it)
    value, summary = kernel_value(session, f"({var}.values[{control!r}], {var}.summary_text())",
                                  lambda got: got[0] == want_value)
    assert value == want_value and _flat(summary) == shown["summary"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"sliders-{demo}-1366x768.png"))


def test_other_controls_still_go_through_the_kernel(demos):
    """A preset change on the multi-boot demo recomputes the states: the slider keeps answering."""
    from virtlab_widgets import multiboot_vs_vm
    from virtlab_widgets.text import label, t

    session, _proxy = demos
    page = session.page
    fig = page.locator(".virtlab-browserfigure").first
    cell = page.locator(".jp-Cell").filter(has=fig)
    cell.locator(".widget-dropdown select").first.select_option(label=label("hosts", "laptop-16"))
    page.wait_for_function(JS_KERNEL_IDLE)
    start = ast.literal_eval(session.kernel_eval("mb.values['switches']"))
    expected = _flat(multiboot_vs_vm(switches=start, host="laptop-16").summary_text())
    page.wait_for_function(
        "(want) => document.querySelector('.virtlab-browserfigure .virtlab-summary').innerText"
        ".trim().replace(/\\s+/g, ' ') === want", arg=expected, timeout=30_000)
    page.get_by_role("slider", name=t("mb.ctl.switches"), exact=True).focus()
    page.keyboard.press("ArrowLeft")
    expected = _flat(multiboot_vs_vm(switches=start - 1, host="laptop-16").summary_text())
    page.wait_for_function(
        "(want) => document.querySelector('.virtlab-browserfigure .virtlab-summary').innerText"
        ".trim().replace(/\\s+/g, ' ') === want", arg=expected, timeout=10_000)
    values = kernel_value(session, "mb.values", lambda got: got["switches"] == start - 1)
    assert values["host"] == "laptop-16" and values["switches"] == start - 1
