"""Start-up race widget: how long until k copies of the same app answer in VMs / microVMs /
containers (``docker run``) / processes; past the host's capacity a kind shows "does not fit"."""
from __future__ import annotations

from ..export import Dim, count_values
from ..figures.startup import startup_capacity, startup_figure, startup_restyle, startup_times
from ..models import presets as P
from ..text import seconds, t
from ..validate import check_one_count
from .base import ModelApp
from .controls import count_slider, preset_dropdown, row
from .static_export import menu_dim

__all__ = ["StartupRace", "startup_race"]

STATIC_COUNTS = (1, 2, 5, 10, 20, 50, 100, 200, 300)
"""The count slider's positions on the kernel-less page (plus the current count)."""


class StartupRace(ModelApp):
    """A count slider and a host menu over a bar chart of start-up times (log scale)."""

    MAX = 300

    def __init__(self, count: int = 1, host: str = "laptop-16"):
        count = check_one_count(count, "count", self.MAX)
        self.controls = {"count": count_slider("ctl.start_count", max(1, count), self.MAX),
                         "host": preset_dropdown("hosts", P.host(host).name, "ctl.host")}
        self.controls["count"].min = 1
        c = self.controls
        self._finish(startup_figure(c["count"].value, c["host"].value), [row(c["count"], c["host"])])

    def times(self) -> dict[str, float]:
        """Seconds until the copies all answer, per kind (NaN: does not fit)."""
        return startup_times(self.values["count"], self.values["host"])

    def _restyle(self):
        return startup_restyle(self.times(), startup_capacity(self.values["host"]))

    def summary_text(self) -> str:
        """E.g. '동시에 10개: Ubuntu 서버 VM 들어가지 않음 (최대 5개) · … · docker run (runc) 657 ms · …'."""
        return startup_summary(self.values["count"], self.times(), startup_capacity(self.values["host"]))

    def _static_dims(self) -> list[Dim]:
        """A readable grid of counts (1, 2, 5, 10 … 300) and every host."""
        count = self.values["count"]
        counts = count_values(count, self.MAX, 1, grid=STATIC_COUNTS)
        return [Dim("count", t("ctl.start_count"), counts, [str(c) for c in counts], counts.index(count)),
                menu_dim("host", self.controls["host"])]


def startup_summary(count: int, times: dict[str, float], capacity: dict[str, int]) -> str:
    """The summary line for ``count`` instances started together ("does not fit" past capacity)."""
    def part(kind: str, value: float) -> str:
        shown = seconds(value) if value == value else t("start.no_fit", cap=f"{capacity[kind]:,}")  # NaN: no fit
        return f"{t(f'start.{kind}')} {shown}"
    return t("start.summary", count=count) + " · ".join(part(k, v) for k, v in times.items())


def startup_race(count: int = 1, host: str = "laptop-16") -> StartupRace:
    """Show the start-up race (notebook 4)."""
    return StartupRace(count, host)
