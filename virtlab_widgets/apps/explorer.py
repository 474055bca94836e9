"""The VM-vs-container explorer: the lecture's central comparison in one call."""
from __future__ import annotations

import ipywidgets as W

from .. import model
from .. import presets as P
from ..figures.explorer import curve_restyle, explorer_curves, explorer_figure, marker_restyle
from ..text import disk, gib, percent, seconds, t
from ..static import Dim, State, count_values, restyle_state
from ..static import menu_dim as _menu_dim
from ..validate import check_count
from .controls import App, count_slider, figure_widget, preset_dropdown, row, summary, summary_html


class VmVsContainer(App):
    """Sliders for VMs and containers, presets, a 2x2 plotly figure and a text summary.

    Moving a count slider only moves markers (one restyle message); changing a preset
    re-evaluates the model's curves once.
    """

    def __init__(self, vms: int = 4, containers: int = 10, host: str = "laptop-16",
                 vm: str = "ubuntu-server", container: str = "web-small", runtime: str = "runc",
                 page_sharing: bool = False, max_count: int = 300):
        self.max_count = check_count(max_count, "max_count", 2000)
        if self.max_count < 1:
            raise ValueError("max_count must be at least 1")
        P.host(host), P.vm_profile(vm), P.container_profile(container), P.runtime(runtime)  # validate
        vms, containers = self._count(vms, "vms"), self._count(containers, "containers")
        self.vms_slider = count_slider("ctl.vms", vms, self.max_count)
        self.containers_slider = count_slider("ctl.containers", containers, self.max_count)
        self.host_menu = preset_dropdown("hosts", host, "ctl.host")
        self.vm_menu = preset_dropdown("vm_profiles", vm, "ctl.vm_profile")
        self.container_menu = preset_dropdown("container_profiles", container, "ctl.container_profile")
        self.runtime_menu = preset_dropdown("runtimes", runtime, "ctl.runtime")
        self.sharing_box = W.Checkbox(value=bool(page_sharing), description=t("ctl.page_sharing"),
                                      indent=False)
        self.curves = self._curves()
        self.figure = figure_widget(explorer_figure(self.curves, vms, containers))
        self.summary = summary()
        self._update_summary()
        self.widget = W.VBox([
            row(self.vms_slider, self.containers_slider),
            row(self.host_menu, self.vm_menu),
            row(self.container_menu, self.runtime_menu, self.sharing_box),
            self.figure, self.summary,
        ])
        for s in (self.vms_slider, self.containers_slider):
            s.observe(self._on_count, names="value")
        for c in (self.host_menu, self.vm_menu, self.container_menu, self.runtime_menu, self.sharing_box):
            c.observe(self._on_preset, names="value")

    # --- public API -------------------------------------------------------------
    @property
    def vms(self) -> int:
        return self.vms_slider.value

    @property
    def containers(self) -> int:
        return self.containers_slider.value

    def set(self, *, vms: int | None = None, containers: int | None = None, host: str | None = None,
            vm: str | None = None, container: str | None = None, runtime: str | None = None,
            page_sharing: bool | None = None) -> "VmVsContainer":
        """Change any control from code; bad values raise ``ValueError``/``TypeError``."""
        if vms is not None:
            self.vms_slider.value = self._count(vms, "vms")
        if containers is not None:
            self.containers_slider.value = self._count(containers, "containers")
        for value, menu, check in ((host, self.host_menu, P.host), (vm, self.vm_menu, P.vm_profile),
                                   (container, self.container_menu, P.container_profile),
                                   (runtime, self.runtime_menu, P.runtime)):
            if value is not None:
                menu.value = check(value).name
        if page_sharing is not None:
            if not isinstance(page_sharing, bool):
                raise TypeError(f"page_sharing must be True or False, got {page_sharing!r}")
            self.sharing_box.value = page_sharing
        return self

    def scenario(self) -> model.Scenario:
        """The full model result for the current controls."""
        return model.simulate(self.vms, self.containers, self.host_menu.value, self.vm_menu.value,
                              self.container_menu.value, self.runtime_menu.value,
                              page_sharing=self._sharing())

    # --- internals --------------------------------------------------------------
    def _count(self, value, name: str) -> int:
        count = check_count(value, name, self.max_count)
        if not isinstance(count, int):
            raise TypeError(f"{name} must be a single whole number, got {value!r}")
        return count

    def _sharing(self) -> float:
        return P.value("page_sharing", "measured_fraction") if self.sharing_box.value else 0.0

    def _curves(self):
        return explorer_curves(self.host_menu.value, self.vm_menu.value, self.container_menu.value,
                               self.runtime_menu.value, self._sharing(), self.max_count)

    def _on_count(self, _change=None) -> None:
        # markers move along curves already drawn: no replot needed (figurewidget.py)
        self.figure.move_points(*marker_restyle(self.curves, self.vms, self.containers))
        self._update_summary()

    def _on_preset(self, _change=None) -> None:
        self.curves = self._curves()
        with self.figure.batch_update():
            self.figure.plotly_restyle(*curve_restyle(self.curves))
            self.figure.plotly_restyle(*marker_restyle(self.curves, self.vms, self.containers))
        self._update_summary()

    # --- kernel-less mode (virtlab_widgets/static.py) -----------------------------------
    STATIC_VMS = (0, 1, 2, 3, 4, 6, 8, 12, 16, 32, 64, 128)
    STATIC_CONTAINERS = (0, 1, 5, 10, 20, 50, 100, 200, 300)

    def _static_dims(self) -> list[Dim]:
        """VM and container sliders over a readable grid; host, VM and runtime presets as menus."""
        vms = count_values(self.vms, self.max_count, grid=self.STATIC_VMS)
        cts = count_values(self.containers, self.max_count, grid=self.STATIC_CONTAINERS)
        return [Dim("vms", t("ctl.vms"), vms, [str(v) for v in vms], vms.index(self.vms)),
                Dim("containers", t("ctl.containers"), cts, [str(v) for v in cts], cts.index(self.containers)),
                _menu_dim("host", self.host_menu), _menu_dim("vm", self.vm_menu),
                _menu_dim("runtime", self.runtime_menu)]

    def _static_base_figure(self):
        return self.figure

    def _static_state(self, v: dict) -> State:
        """The same restyles and summary the widget sends, for one combination of controls."""
        key = (v["host"], v["vm"], v["runtime"])
        cache = self.__dict__.setdefault("_static_curves", {})
        if key not in cache:
            c = explorer_curves(*key[:2], self.container_menu.value, key[2], self._sharing(), self.max_count)
            cache[key] = c, restyle_state(curve_restyle(c))
        c, curves = cache[key]
        data = {**curves, **restyle_state(marker_restyle(c, v["vms"], v["containers"]))}
        return State(data=data, summary=summary_parts(c, v["vms"], v["containers"]))

    def summary_text(self) -> str:
        """The one-line Korean summary of the current state."""
        return t("sum.sep").join(summary_parts(self.curves, self.vms, self.containers))

    def _update_summary(self) -> None:
        self.summary.value = summary_html(self.summary_text())


def summary_parts(curves, n: int, m: int) -> list[str]:
    """The summary line's three parts (VMs, containers, total) for ``n`` VMs and ``m`` containers."""
    now = curves.now(n, m)
    vm_part = t("sum.vm", n=n, mem=gib(now["vm_mem_gib"] * 1024), disk=disk(now["vm_disk_gib"]),
                ready=seconds(now["vm_ready_s"]))
    ct_part = t("sum.container", m=m, mem=gib(now["ct_mem_gib"] * 1024), disk=disk(now["ct_disk_gib"]),
                ready=seconds(now["ct_ready_s"]))
    values = dict(total=gib(now["total_gib"] * 1024), ram=gib(curves.ram_gib * 1024),
                  pct=percent(now["ratio"]), perf=percent(now["perf"]))
    total = t("sum.total_ok" if now["ratio"] <= 1 else "sum.total_over", **values)
    return [vm_part, ct_part, total]


def vm_vs_container(vms: int = 4, containers: int = 10, host: str = "laptop-16", vm: str = "ubuntu-server",
                    container: str = "web-small", runtime: str = "runc", page_sharing: bool = False,
                    max_count: int = 300) -> VmVsContainer:
    """Show the VM-vs-container explorer (see :class:`VmVsContainer`)."""
    return VmVsContainer(vms, containers, host, vm, container, runtime, page_sharing, max_count)
