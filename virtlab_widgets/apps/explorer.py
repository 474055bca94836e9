"""The VM-vs-container explorer: how many fit on one host, and what happens when they don't.

Count sliders run from 0 to about twice what fits on the chosen host and are answered in the
browser (``ModelApp.BROWSER_CONTROLS``): every state they can reach is precomputed per preset,
so a slider move redraws the figure and the summary without a kernel round trip, while the
slider's value still syncs to Python (``app.vms``, ``summary_text()``). Changing a preset
(host, VM type, container app, runtime, page sharing) re-evaluates the model in the kernel and
gives the count sliders the new host's grid.
"""
from __future__ import annotations

import html
import re

import ipywidgets as W
import plotly.graph_objects as go

from ..export import Dim, State, engine_path
from ..figures.common import by_position
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
from ..style import COLORS
from ..text import disk, gib, percent, seconds, t
from ..validate import MAX_COUNT, check_count
from .base import ModelApp
from .browserfigure import grid_slider, set_grid
from .controls import preset_dropdown, row
from .static_export import menu_dim

__all__ = ["VmVsContainer", "vm_vs_container"]

_TAGS = re.compile(r"<[^>]+>")
PRESETS = ("host", "vm", "container", "runtime", "page_sharing")
"""The controls that change the model's curves (the counts only pick a point on them)."""


class VmVsContainer(ModelApp):
    """Count sliders, preset menus and a figure that answers "how many fit?" (see module doc).

    ``app.vms`` / ``app.containers`` are the counts, ``app.set(...)`` changes any control from
    code, ``app.figure`` is the figure as drawn now (a plotly ``Figure``), ``summary_text()``
    the one-line summary.
    """

    BROWSER_CONTROLS = ("vms", "containers")
    BROWSER_REDRAW = False  # a move only moves traces: the fastest answer
    SUMMARY_ABOVE = True    # controls, summary and the main row of plots on one laptop screen
    STATIC_POSITIONS = 9
    """Positions of each count slider in the kernel-less page (per host: 0 .. about twice what fits)."""

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
        menus = {"host": preset_dropdown("hosts", host, "ctl.host"),
                 "vm": preset_dropdown("vm_profiles", vm, "ctl.vm_profile"),
                 "container": preset_dropdown("container_profiles", container, "ctl.container_profile"),
                 "runtime": preset_dropdown("runtimes", runtime, "ctl.runtime")}
        for menu in menus.values():
            menu.layout.width = "auto"  # as wide as its longest option, at any font size
        sharing = W.Checkbox(value=page_sharing, description=t("ctl.page_sharing"), indent=False,
                             layout=W.Layout(width="auto"))
        self.vms_slider = grid_slider(t("ctl.vms"), [vms], vms)  # its grid follows the presets (_regrid)
        self.containers_slider = grid_slider(t("ctl.containers"), [containers], containers)
        self.controls = {"vms": self.vms_slider, "containers": self.containers_slider, **menus,
                         "page_sharing": sharing}
        self._regrid(vms, containers)
        c = self.controls
        self._finish(explorer_figure(self.curves, vms, containers),
                     [row(c["vms"], c["containers"]), row(c["host"], c["vm"], c["container"]),
                      row(c["runtime"], c["page_sharing"])])

    # --- public API -------------------------------------------------------------
    @property
    def vms(self) -> int:
        return int(self.vms_slider.value)

    @property
    def containers(self) -> int:
        return int(self.containers_slider.value)

    def set(self, *, vms: int | None = None,  # type: ignore[override]  # counts off the grid extend it
            containers: int | None = None, host: str | None = None, vm: str | None = None, container: str | None = None,
            runtime: str | None = None, page_sharing: bool | None = None) -> VmVsContainer:
        """Change any control from code; bad values raise ``ValueError``/``TypeError``."""
        n = self.vms if vms is None else self._count(vms, "vms")
        m = self.containers if containers is None else self._count(containers, "containers")
        presets: dict[str, object] = {key: check(value).name for key, value, check in (
            ("host", host, P.host), ("vm", vm, P.vm_profile), ("container", container, P.container_profile),
            ("runtime", runtime, P.runtime)) if value is not None}
        if page_sharing is not None:
            presets["page_sharing"] = page_sharing
        with self._one_update():  # presets, new grids, counts: one update
            self._set(presets)
            if self._preset_values() != self._curves_for or n not in _values(self.vms_slider) \
                    or m not in _values(self.containers_slider):
                self._regrid(n, m)
            self._set({"vms": n, "containers": m})
        return self

    def scenario(self) -> model.Scenario:
        """The full model result for the current controls."""
        v = self.values
        return model.simulate(self.vms, self.containers, v["host"], v["vm"], v["container"], v["runtime"],
                              page_sharing=self._sharing())

    def summary_text(self) -> str:
        """The one-line Korean summary of the current state."""
        return t("sum.sep").join(summary_parts(self.curves, self.vms, self.containers))

    # --- the contract (apps/base.py) ----------------------------------------------------
    def _before_refresh(self) -> None:
        if self._preset_values() != self._curves_for:  # a preset menu moved
            self._regrid(self.vms, self.containers)

    def _restyle(self):
        return {**preset_traces(self.curves), **explorer_state(self.curves, self.vms, self.containers)}

    def _relayout_update(self) -> dict:
        return preset_layout(self.curves)

    def _state_at(self, values: dict) -> State:
        """One count of each (the presets as they are), read from the curves."""
        return explorer_state_for(self.curves, values["vms"], values["containers"], self._positions)

    def _browser_parts(self) -> list[go.Figure]:
        """The main row first (a slider move redraws it first), the secondary views below."""
        c, n, m = self.curves, self.vms, self.containers
        return [explorer_figure(c, n, m, rows=(1,)), explorer_figure(c, n, m, rows=(2,))]

    def _static_dims(self) -> list[Dim]:
        """Count sliders by position (each host's own 0 .. about twice what fits), preset menus."""
        self._static_cache: dict[tuple, tuple] = {}  # one export: each preset's curves, built once
        k = self._static_positions
        dims = []
        for name, kind, current in (("vms", "vm", self.vms), ("containers", "container", self.containers)):
            counts = static_counts(self.curves.side[kind].capacity, current, k, self.max_count)
            dims.append(Dim(name, t(f"ctl.{name}"), list(range(k)), [f"{v:,}" for v in counts], counts.index(current)))
        return dims + [menu_dim(name, self.controls[name]) for name in ("host", "vm", "runtime")]

    def _static_state(self, values: dict) -> State:
        """The live widget's state for one combination, plus what the presets change."""
        key = (values["host"], values["vm"], values["runtime"])
        if key not in self._static_cache:
            v = self.values
            initial = key == (v["host"], v["vm"], v["runtime"])
            n, m = (self.vms, self.containers) if initial else (None, None)
            host, vm, container, runtime, s = key[0], key[1], v["container"], key[2], self._sharing()
            vm_pos = static_counts(model.vm_capacity(host, vm, page_sharing=s), n, self._static_positions,
                                   self.max_count)
            ct_pos = static_counts(model.container_capacity(host, container, runtime), m, self._static_positions,
                                   self.max_count)
            c = curves_for(host, vm, container, runtime, s, vm_pos[-1], ct_pos[-1], self.max_count)
            steps = {f"sliders.{i}.steps": [dict(label=f"{x:,}", method="skip", args=[None], value=f"{x:,}")
                                            for x in pos] for i, pos in enumerate((vm_pos, ct_pos))}
            self._static_cache[key] = c, vm_pos, ct_pos, steps
        c, vm_pos, ct_pos, steps = self._static_cache[key]
        state = explorer_state_for(c, vm_pos[values["vms"]], ct_pos[values["containers"]], self._positions,
                                   presets=True)
        return State(data=state.data, layout={**state.layout, **steps}, summary=state.summary)

    # --- internals --------------------------------------------------------------
    @property
    def _static_positions(self) -> int:
        return min(self.STATIC_POSITIONS, self.max_count + 1)

    def _count(self, value, name: str) -> int:
        count = check_count(value, name, self.max_count)
        if not isinstance(count, int):
            raise TypeError(f"{name} must be a single whole number, got {value!r}")
        return count

    def _sharing(self) -> float:
        return model.page_sharing_bound() if self.controls["page_sharing"].value else 0.0

    def _preset_values(self) -> tuple:
        return tuple(self.controls[name].value for name in PRESETS)

    def _regrid(self, n: int, m: int) -> None:
        """The model over every count the sliders reach for the current presets, and the sliders'
        grids for it (0 .. about twice what fits), kept at ``n`` VMs and ``m`` containers."""
        v = self.values
        self.curves = curves_for(v["host"], v["vm"], v["container"], v["runtime"], self._sharing(), n, m,
                                 self.max_count)
        self._curves_for = self._preset_values()
        set_grid(self.vms_slider, count_grid(self.curves.side["vm"].capacity, n, self.max_count), n)
        set_grid(self.containers_slider, count_grid(self.curves.side["container"].capacity, m, self.max_count), m)


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


def explorer_state_for(c: ExplorerCurves, n: int, m: int, positions: dict[str, int], presets: bool = False) -> State:
    """One state of the explorer (traces at ``positions``, see ``figures.common.trace_positions``):
    figure values and summary (HTML parts); with ``presets`` also what changes with the presets
    (the kernel-less page's menus)."""
    now = c.now(n, m)
    traces = {**preset_traces(c), **explorer_state(c, n, m, now)} if presets else explorer_state(c, n, m, now)
    layout = {engine_path(k): v for k, v in preset_layout(c).items()} if presets else {}
    return State(data=by_position(positions, traces), layout=layout, summary=summary_html_parts(c, n, m, now))


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
