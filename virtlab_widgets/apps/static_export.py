"""The apps' side of the kernel-less export (:mod:`virtlab_widgets.export`): ipywidgets controls
as the engine's dimensions (sliders sampled, every option of a menu)."""
from __future__ import annotations

import html

import ipywidgets as W

from ..export import Dim, sampled
from ..text import t


def control_dim(name: str, control: W.Widget) -> Dim | None:
    """A dimension for one control (None: the page keeps its current value)."""
    desc = control.description or name
    if isinstance(control, W.Checkbox):
        return Dim(name, desc, [False, True], ["✗", "✓"], int(bool(control.value)), "menu")
    if isinstance(control, (W.Dropdown, W.ToggleButtons, W.RadioButtons)):
        opts = [(str(label), value) for label, value in control._options_full]
        values = [v for _, v in opts]
        if control.value not in values:
            return None
        return Dim(name, desc, values, [lab for lab, _ in opts], values.index(control.value), "menu")
    if isinstance(control, (W.IntSlider, W.FloatSlider)):
        values = sampled(control.min, control.max, control.value, control.step, 7)
        fmt = (lambda v: f"{v:g}") if isinstance(control, W.FloatSlider) else str
        return Dim(name, desc, values, [fmt(v) for v in values], values.index(control.value), "slider")
    return None


def menu_dim(name: str, control: W.Widget) -> Dim:
    """A menu over every option of a dropdown (or a checkbox), starting at its current value."""
    dim = control_dim(name, control)
    if dim is None:
        raise ValueError(f"control {name!r} has no option equal to its value {control.value!r}")
    dim.kind = "menu"
    return dim


def model_app_dims(controls: dict[str, W.Widget], budget: int = 200) -> list[Dim]:
    """Dims for named ``controls``: menus first, then sliders, while the number of combinations
    stays within ``budget``, in the controls' order; other controls keep their values."""
    dims = [d for d in (control_dim(n, c) for n, c in controls.items()) if d is not None]
    dims.sort(key=lambda d: d.kind != "menu")
    chosen, total = [], 1
    for d in dims:
        if total * len(d.values) <= budget:
            chosen.append(d)
            total *= len(d.values)
    order = list(controls)
    return sorted(chosen, key=lambda d: order.index(d.name))


def fixed_note(controls: list[W.Widget]) -> str:
    """The note under a kernel-less figure naming the ``controls`` its page cannot change ("" if none)."""
    def shown(c: W.Widget) -> str:
        if isinstance(c, W.Checkbox):
            return "✓" if c.value else "✗"
        return str(c.label) if isinstance(c, (W.Dropdown, W.ToggleButtons, W.RadioButtons)) else str(c.value)

    if not controls:
        return ""
    return t("static.fixed") + ", ".join(f"{html.escape(c.description)} = {html.escape(shown(c))}" for c in controls)
