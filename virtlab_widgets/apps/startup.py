"""Start-up race widget: how long until k copies of the same app answer in VMs / microVMs /
containers (``docker run``) / processes; past the host's capacity a kind shows "does not fit"."""
from __future__ import annotations

import ipywidgets as W

from ..figures.startup import startup_capacity, startup_figure, startup_restyle, startup_times
from ..models import presets as P
from ..static import Dim, State, count_values, menu_dim, restyle_state
from ..text import seconds, t
from ..validate import check_one_count
from .controls import App, count_slider, figure_widget, preset_dropdown, row, summary, summary_html


class StartupRace(App):
    """A count slider and a host menu over a bar chart of start-up times (log scale)."""

    MAX = 300

    def __init__(self, count: int = 1, host: str = "laptop-16"):
        count = check_one_count(count, "count", self.MAX)
        self.count_slider = count_slider("ctl.start_count", max(1, count), self.MAX)
        self.count_slider.min = 1
        self.host_menu = preset_dropdown("hosts", P.host(host).name, "ctl.host")
        self.figure = figure_widget(startup_figure(self.count_slider.value, host))
        self.summary = summary()
        self.widget = W.VBox([row(self.count_slider, self.host_menu), self.figure, self.summary])
        self._refresh()
        self.count_slider.observe(self._refresh, names="value")
        self.host_menu.observe(self._refresh, names="value")

    def set(self, *, count: int | None = None, host: str | None = None) -> StartupRace:
        """Change the controls from code (``count`` 1..300, a host preset)."""
        if count is not None:
            value = check_one_count(count, "count", self.MAX)
            if value < 1:
                raise ValueError("count must be at least 1")
            self.count_slider.value = value
        if host is not None:
            self.host_menu.value = P.host(host).name
        return self

    def times(self) -> dict[str, float]:
        return startup_times(self.count_slider.value, self.host_menu.value)

    def summary_text(self) -> str:
        """E.g. '동시에 10개: Ubuntu 서버 VM 들어가지 않음 (최대 5개) · … · docker run (runc) 657 ms · …'."""
        return startup_summary(self.count_slider.value, self.times(), startup_capacity(self.host_menu.value))

    # --- kernel-less mode (virtlab_widgets/static.py) -----------------------------------
    def _static_dims(self) -> list[Dim]:
        counts = count_values(self.count_slider.value, self.MAX, 1, grid=(1, 2, 5, 10, 20, 50, 100, 200, 300))
        return [Dim("count", t("ctl.start_count"), counts, [str(c) for c in counts],
                    counts.index(self.count_slider.value)), menu_dim("host", self.host_menu)]

    def _static_base_figure(self):
        return self.figure

    def _static_state(self, v: dict) -> State:
        times, capacity = startup_times(v["count"], v["host"]), startup_capacity(v["host"])
        return State(data=restyle_state(startup_restyle(times, capacity)),
                     summary=[startup_summary(v["count"], times, capacity)])

    def _refresh(self, _change=None) -> None:
        times, capacity = self.times(), startup_capacity(self.host_menu.value)
        self.figure.plotly_restyle(*startup_restyle(times, capacity))
        self.summary.value = summary_html(startup_summary(self.count_slider.value, times, capacity))


def startup_summary(count: int, times: dict[str, float], capacity: dict[str, int]) -> str:
    """The summary line for ``count`` instances started together ("does not fit" past capacity)."""
    def part(kind: str, value: float) -> str:
        shown = seconds(value) if value == value else t("start.no_fit", cap=f"{capacity[kind]:,}")  # NaN: no fit
        return f"{t(f'start.{kind}')} {shown}"
    return t("start.summary", count=count) + " · ".join(part(k, v) for k, v in times.items())


def startup_race(count: int = 1, host: str = "laptop-16") -> StartupRace:
    """Show the start-up race (notebook 4)."""
    return StartupRace(count, host)

