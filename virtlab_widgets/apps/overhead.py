"""Run-time overhead chart (Felter et al.): a figure and its one-line summary."""
from __future__ import annotations

from ..figures.overhead import overhead_figure
from ..models import model
from ..text import t
from .base import ModelApp

__all__ = ["OverheadChart", "overhead_chart"]


class OverheadChart(ModelApp):
    """Container and KVM performance relative to native, per benchmark (hover for raw values)."""

    def __init__(self):
        self.controls = {}
        self._finish(overhead_figure(), [])

    def _restyle(self):
        return {}  # no controls: the figure never changes

    def summary_text(self) -> str:
        table = model.runtime_overhead()
        rr = table["tcp_rr_latency_us"]
        return t("oh.summary", cpu=table["linpack_gflops"]["vm_relative"] * 100,
                 io=table["random_read_iops"]["vm_relative"] * 100, lat=rr["vm"] - rr["native"])


def overhead_chart() -> OverheadChart:
    """Show Felter et al.'s run-time overhead chart (notebook 4)."""
    return OverheadChart()
