"""ModelApp.BROWSER_CONTROLS: the states sent to the browser are the model's, and Python stays in sync.

The browser side (a key press moves the plot without the kernel) is tested in
tests/browser/test_browser_sliders.py; here, without a browser: for every value of the opted-in
slider, the state engine's input holds what the app itself would draw and say at that value,
a change of another control sends new states, and ``set()`` keeps the widget's position in step.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pytest

from virtlab_widgets import multiboot_vs_vm, recovery
from virtlab_widgets.apps.base import ModelApp
from virtlab_widgets.apps.browserfigure import BrowserFigure
from virtlab_widgets.export import json_ready

# factory, slider, value to look at, another control and its new value
CASES = {
    "multiboot": (multiboot_vs_vm, "switches", 20, "host", "laptop-16"),
    "recovery": (recovery, "instances", 120, "vm", "ubuntu-desktop"),
}


def engine_state(spec: dict, index: int) -> tuple[dict, str]:
    """What the state engine (ENGINE_JS) shows at slider position ``index``: trace values, summary."""
    def value(key: dict):  # one control: a key depends on it (one id per position) or not (one id)
        return spec["pool"][key["ids"][index if key["deps"] else 0]]

    data = {(k["trace"], k["path"]): value(k) for k in spec["data"]}
    text = spec["sep"].join(p for p in map(value, spec["summary"]) if p)
    return data, html.unescape(text)


def check_states(app: ModelApp, factory, name: str, value: int) -> None:
    """The browser's state at ``value`` is what a fresh app at ``value`` draws and says."""
    slider = app.controls[name]
    spec = app.view.spec
    assert spec["dims"] == [{"name": name, "n": slider.max - slider.min + 1, "kind": "slider", "i": 0,
                             "offset": slider.min}]
    data, text = engine_state(spec, value - slider.min)
    assert data, "no trace changes with the slider"
    other = factory(**{**app.values, name: value})
    assert text == other.summary_text()
    for (trace, path), got in data.items():
        assert got == json_ready(list(other.figure.data[trace][path])), (trace, path)


@pytest.mark.parametrize("case", list(CASES))
def test_states_are_the_models_and_python_stays_in_sync(case):
    factory, name, value, other, new = CASES[case]
    app = factory(**{name: 40})
    assert isinstance(app.view, BrowserFigure) and app.view in app.widget.children
    assert not any(isinstance(w, W.Widget) and w is app.summary for w in app.widget.children)  # drawn by the view
    assert getattr(app.view, f"i_{name}") == 40
    check_states(app, factory, name, value)
    before = app.view.spec
    app.set(**{other: new})                      # another control: new states, from the kernel
    assert app.view.spec is not before and app.values[other] == new
    check_states(app, factory, name, value)
    assert getattr(app.view, f"i_{name}") == 40  # the slider kept its place
    after = app.view.spec
    app.set(**{name: value})                     # from code: the widget's position follows
    assert getattr(app.view, f"i_{name}") == value and app.controls[name].value == value
    assert app.view.spec is after                # a move of the slider sends no new states


def test_only_integer_sliders_can_be_answered_in_the_browser():
    class Wrong(type(multiboot_vs_vm())):  # type: ignore[misc]
        BROWSER_CONTROLS = ("host",)

    with pytest.raises(TypeError, match="not an integer slider"):
        Wrong()


def test_kernel_less_export_keeps_the_browser_states():
    app = recovery(instances=50)
    spec = app.view.spec
    app.static_html()
    assert app.view.spec is spec and app.values["instances"] == 50
