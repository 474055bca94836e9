"""The VM-vs-container explorer: how many fit on one host, and what happens when they don't.

Count sliders run from 0 to about twice what fits on the chosen host and are answered in the
browser (``browserfigure.py``): every state they can reach is precomputed per preset, so a
slider move redraws the figure and the summary without a kernel round trip, while the
slider's value still syncs to Python (``app.vms``, ``summary_text()``). Changing a preset
(host, VM type, container app, runtime, page sharing) re-evaluates the model in the kernel.
"""
from __future__ import annotations

import html
import re

import ipywidgets as W
import plotly.graph_objects as go

from ..figures.explorer import (
    ExplorerCurves,
    count_grid,
    explorer_curves,
    explorer_figure,
    explorer_state,
    preset_layout,
    preset_traces,
)
from ..models import model
from ..models import presets as P
from ..static import Dim, State, menu_dim
from ..style import COLORS
from ..text import disk, gib, percent, seconds, t
from ..validate import MAX_COUNT, check_count
from .browserfigure import BrowserFigure, grid_slider, link_slider, set_grid
from .controls import App, preset_dropdown, row

_TAGS = re.compile(r"<[^>]+>")


class VmVsContainer(App):
    """Count sliders, preset menus and a figure that answers "how many fit?" (see module doc).

    ``app.vms`` / ``app.containers`` are the counts, ``app.set(...)`` changes any control from
    code, ``app.figure`` is the figure as drawn now (a plotly ``Figure``), ``summary_text()``
    the one-line summary.
    """

    STATIC_POSITIONS = 9
    """Positions of each count slider in the kernel-less page (per host: 0 .. about twice what fits)."""

    @property
    def _static_positions(self) -> int:
        return min(self.STATIC_POSITIONS, self.max_count + 1)

    def __init__(self, vms: int = 4, containers: int = 10, host: str = "laptop-16",
                 vm: str = "ubuntu-server", container: str = "web-small", runtime: str = "runc",
                 page_sharing: bool = False, max_count: int | None = None):
        limit = MAX_COUNT if max_count is None else check_count(max_count, "max_count")
        if not isinstance(limit, int):
            raise TypeError(f"max_count must be a single whole number, got {max_count!r}")
        if limit < 1:
            raise ValueError("max_count must be at least 1")
        self.max_count: int = limit
        P.host(host), P.vm_profile(vm), P.container_profile(container), P.runtime(runtime)  # validate
        if not isinstance(page_sharing, bool):
            raise TypeError(f"page_sharing must be True or False, got {page_sharing!r}")
        vms, containers = self._count(vms, "vms"), self._count(containers, "containers")
        self._quiet = False
        self.host_menu = preset_dropdown("hosts", host, "ctl.host")
        self.vm_menu = preset_dropdown("vm_profiles", vm, "ctl.vm_profile")
        self.container_menu = preset_dropdown("container_profiles", container, "ctl.container_profile")
        self.runtime_menu = preset_dropdown("runtimes", runtime, "ctl.runtime")
        for menu in (self.host_menu, self.vm_menu, self.container_menu, self.runtime_menu):
            menu.layout.width = "auto"  # as wide as its longest option, at any font size
        self.sharing_box = W.Checkbox(value=page_sharing, description=t("ctl.page_sharing"), indent=False,
                                      layout=W.Layout(width="auto"))
        self.curves = self._curves(vms, containers)
        self.vms_slider = grid_slider(t("ctl.vms"), self._grid("vm", vms), vms)
        self.containers_slider = grid_slider(t("ctl.containers"), self._grid("ct", containers), containers)
        self.view = BrowserFigure(["vms", "containers"])
        self._show()
        link_slider(self.vms_slider, self.view, "vms")
        link_slider(self.containers_slider, self.view, "containers")
        self.widget = W.VBox([
            row(self.vms_slider, self.containers_slider),
            row(self.host_menu, self.vm_menu, self.container_menu),
            row(self.runtime_menu, self.sharing_box),
            self.view,
        ], layout=W.Layout(width="100%"))
        for c in (self.host_menu, self.vm_menu, self.container_menu, self.runtime_menu, self.sharing_box):
            c.observe(self._on_preset, names="value")

    # --- public API -------------------------------------------------------------
    @property
    def vms(self) -> int:
        return int(self.vms_slider.value)

    @property
    def containers(self) -> int:
        return int(self.containers_slider.value)

    @property
    def figure(self) -> go.Figure:
        """The figure as it is drawn for the current controls (built on demand)."""
        return explorer_figure(self.curves, self.vms, self.containers)

    def set(self, *, vms: int | None = None, containers: int | None = None, host: str | None = None,
            vm: str | None = None, container: str | None = None, runtime: str | None = None,
            page_sharing: bool | None = None) -> VmVsContainer:
        """Change any control from code; bad values raise ``ValueError``/``TypeError``."""
        n = self.vms if vms is None else self._count(vms, "vms")
        m = self.containers if containers is None else self._count(containers, "containers")
        menus: dict[W.ValueWidget, object] = {}
        for value, menu, check in ((host, self.host_menu, P.host), (vm, self.vm_menu, P.vm_profile),
                                   (container, self.container_menu, P.container_profile),
                                   (runtime, self.runtime_menu, P.runtime)):
            if value is not None:
                menus[menu] = check(value).name
        if page_sharing is not None:
            if not isinstance(page_sharing, bool):
                raise TypeError(f"page_sharing must be True or False, got {page_sharing!r}")
            menus[self.sharing_box] = page_sharing
        changed = any(control.value != new for control, new in menus.items())
        self._quiet = True  # one rebuild below, not one per control
        try:
            for control, new in menus.items():
                control.value = new
        finally:
            self._quiet = False
        on_grid = n in _values(self.vms_slider) and m in _values(self.containers_slider)
        if changed or not on_grid:
            self._rebuild(n, m)
        elif (n, m) != (self.vms, self.containers):
            self.vms_slider.value, self.containers_slider.value = n, m
            # the browser links slider and figure itself; this keeps the kernel's copy in step
            self.view.i_vms, self.view.i_containers = self.vms_slider.index, self.containers_slider.index
        return self

    def scenario(self) -> model.Scenario:
        """The full model result for the current controls."""
        return model.simulate(self.vms, self.containers, self.host_menu.value, self.vm_menu.value,
                              self.container_menu.value, self.runtime_menu.value, page_sharing=self._sharing())

    def summary_text(self) -> str:
        """The one-line Korean summary of the current state."""
        return t("sum.sep").join(summary_parts(self.curves, self.vms, self.containers))

    # --- internals --------------------------------------------------------------
    def _count(self, value, name: str) -> int:
        count = check_count(value, name, self.max_count)
        if not isinstance(count, int):
            raise TypeError(f"{name} must be a single whole number, got {value!r}")
        return count

    def _sharing(self) -> float:
        return model.page_sharing_bound() if self.sharing_box.value else 0.0

    def _curves(self, n: int, m: int) -> ExplorerCurves:
        """The model over every count the sliders reach for the current presets (with ``n``, ``m``)."""
        return curves_for(self.host_menu.value, self.vm_menu.value, self.container_menu.value,
                          self.runtime_menu.value, self._sharing(), n, m, self.max_count)

    def _grid(self, kind: str, current: int) -> list[int]:
        cap = self.curves.vm_capacity if kind == "vm" else self.curves.ct_capacity
        return count_grid(cap, current, self.max_count)

    def _dims(self) -> list[Dim]:
        dims = []
        for name, slider in (("vms", self.vms_slider), ("containers", self.containers_slider)):
            values = _values(slider)
            dims.append(Dim(name, slider.description, values, [f"{v:,}" for v in values], slider.index))
        return dims

    def _state(self, values: dict) -> State:
        return explorer_state_for(self.curves, values["vms"], values["containers"])

    def _show(self) -> None:
        """Send every state of the current presets to the browser."""
        c, n, m = self.curves, self.vms, self.containers
        self.view.show([explorer_figure(c, n, m, rows=(1,)), explorer_figure(c, n, m, rows=(2,))], self._dims(),
                       self._state, sep=t("sum.sep"))

    def _rebuild(self, n: int, m: int) -> None:
        """New curves and slider grids (presets changed, or a count off the grid), kept at ``n``, ``m``."""
        self.curves = self._curves(n, m)
        set_grid(self.vms_slider, self._grid("vm", n), n)
        set_grid(self.containers_slider, self._grid("ct", m), m)
        self._show()

    def _on_preset(self, _change=None) -> None:
        if not self._quiet:
            self._rebuild(self.vms, self.containers)

    # --- kernel-less mode (virtlab_widgets/static.py) -----------------------------------
    def _static_dims(self) -> list[Dim]:
        """Count sliders by position (each host's own 0 .. about twice what fits), preset menus."""
        k = self._static_positions
        dims = []
        for name, cap, current in (("vms", self.curves.vm_capacity, self.vms),
                                   ("containers", self.curves.ct_capacity, self.containers)):
            counts = static_counts(cap, current, k, self.max_count)
            dims.append(Dim(name, t(f"ctl.{name}"), list(range(k)), [f"{v:,}" for v in counts], counts.index(current)))
        return dims + [menu_dim("host", self.host_menu), menu_dim("vm", self.vm_menu),
                       menu_dim("runtime", self.runtime_menu)]

    def _static_base_figure(self) -> go.Figure:
        return self.figure

    def _static_state(self, v: dict) -> State:
        """The live widget's state for one combination, plus what the presets change."""
        key = (v["host"], v["vm"], v["runtime"])
        cache = self.__dict__.setdefault("_static_cache", {})
        if key not in cache:
            initial = key == (self.host_menu.value, self.vm_menu.value, self.runtime_menu.value)
            n, m = (self.vms, self.containers) if initial else (None, None)
            vm, container, runtime, s = key[1], self.container_menu.value, key[2], self._sharing()
            vm_pos = static_counts(model.vm_capacity(key[0], vm, page_sharing=s), n, self._static_positions,
                                   self.max_count)
            ct_pos = static_counts(model.container_capacity(key[0], container, runtime), m, self._static_positions,
                                   self.max_count)
            c = curves_for(key[0], vm, container, runtime, s, vm_pos[-1], ct_pos[-1], self.max_count)
            steps = {f"sliders.{i}.steps": [dict(label=f"{x:,}", method="skip", args=[None], value=f"{x:,}")
                                            for x in pos] for i, pos in enumerate((vm_pos, ct_pos))}
            cache[key] = c, vm_pos, ct_pos, steps
        c, vm_pos, ct_pos, steps = cache[key]
        state = explorer_state_for(c, vm_pos[v["vms"]], ct_pos[v["containers"]], presets=True)
        return State(data=state.data, layout={**state.layout, **steps}, summary=state.summary)


def curves_for(host: str, vm: str, container: str, runtime: str, sharing: float, n: int, m: int,
               limit: int) -> ExplorerCurves:
    """The model for these presets over every count of their sliders (0 .. about twice what
    fits, and at least ``n`` VMs and ``m`` containers)."""
    vm_cap = model.vm_capacity(host, vm, page_sharing=sharing)
    ct_cap = model.container_capacity(host, container, runtime)
    return explorer_curves(host, vm, container, runtime, sharing, vm_top=count_grid(vm_cap, n, limit)[-1],
                           ct_top=count_grid(ct_cap, m, limit)[-1])


def _values(slider: W.SelectionSlider) -> list[int]:
    """The counts a grid slider can show."""
    return [v for _, v in slider.options]


def static_counts(capacity: int, current: int | None, k: int, limit: int) -> list[int]:
    """``k`` slider positions for the kernel-less page: spread over the live slider's grid (0 ..
    about twice what fits), keeping ``current``; a grid of fewer than ``k`` counts becomes 0..k-1."""
    grid = count_grid(capacity, 0 if current is None else current, limit)
    if len(grid) <= k:
        return list(range(k))  # every whole count (k <= limit + 1, see _static_positions)
    picked = sorted({grid[round(j * (len(grid) - 1) / (k - 1))] for j in range(k)})
    if current is not None and current not in picked:
        nearest = min(range(1, k - 1), key=lambda j: abs(picked[j] - current))
        picked[nearest] = current
        picked.sort()
    return picked


def explorer_state_for(c: ExplorerCurves, n: int, m: int, presets: bool = False) -> State:
    """One state of the explorer: figure values and summary (HTML parts); with ``presets`` also
    what changes with the presets (the kernel-less page's menus)."""
    now = c.now(n, m)
    traces = {**preset_traces(c), **explorer_state(c, n, m, now)} if presets else explorer_state(c, n, m, now)
    data = {(i, path): value for i, props in traces.items() for path, value in props.items()}
    return State(data=data, layout=preset_layout(c) if presets else {}, summary=summary_html_parts(c, n, m, now))


def summary_parts(curves: ExplorerCurves, n: int, m: int, now: dict | None = None) -> list[str]:
    """The summary line's parts (VMs, containers, total; disk and page sharing when they matter)."""
    now = curves.now(n, m) if now is None else now
    fits = now["fits"]
    vm_ready = t("sum.vm_ready", t=seconds(now["vm_ready_s"])) if fits or n == 0 else t("sum.no_fit")
    ct_ready = t("sum.ct_ready", t=seconds(now["ct_ready_s"])) if fits or m == 0 else t("sum.no_fit")
    parts = [t("sum.vm", n=f"{n:,}", mem=gib(now["vm_mem_gib"] * 1024), disk=disk(now["vm_disk_gib"]), ready=vm_ready),
             t("sum.container", m=f"{m:,}", mem=gib(now["ct_mem_gib"] * 1024), disk=disk(now["ct_disk_gib"]),
               ready=ct_ready)]
    values = dict(total=gib(now["total_gib"] * 1024), ram=gib(curves.ram_gib * 1024),
                  pct=percent(now["ratio"]), perf=percent(now["perf"]))
    parts.append(t("sum.total_ok" if now["memory_ok"] else "sum.total_over", **values))
    if not now["disk_ok"]:
        parts.append(t("sum.disk_over", disk=disk(now["vm_disk_gib"] + now["ct_disk_gib"]),
                       host=disk(curves.host_disk_gib)))
    if curves.page_sharing:
        parts.append(t("sum.sharing"))
    return parts


def summary_html_parts(curves: ExplorerCurves, n: int, m: int, now: dict | None = None) -> list[str]:
    """:func:`summary_parts` as HTML: the verdict in colour (red past capacity), bold."""
    now = curves.now(n, m) if now is None else now
    parts = [html.escape(p) for p in summary_parts(curves, n, m, now)]
    color = COLORS["process"] if now["fits"] else COLORS["warn"]
    parts[2] = f'<b class="virtlab-verdict" style="color:{color}">{parts[2]}</b>'
    return parts


def plain(summary_html: str) -> str:
    """Summary HTML as the text a screen reader reads."""
    return html.unescape(_TAGS.sub("", summary_html))


def vm_vs_container(vms: int = 4, containers: int = 10, host: str = "laptop-16", vm: str = "ubuntu-server",
                    container: str = "web-small", runtime: str = "runc", page_sharing: bool = False,
                    max_count: int | None = None) -> VmVsContainer:
    """Show the VM-vs-container explorer (see :class:`VmVsContainer`)."""
    return VmVsContainer(vms, containers, host, vm, container, runtime, page_sharing, max_count)
