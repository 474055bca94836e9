"""Run-time overhead chart (Felter et al.): a figure and its one-line summary."""
from __future__ import annotations

import ipywidgets as W

from ..figures.overhead import overhead_figure
from ..models import model
from ..text import t
from .controls import App, figure_widget, summary, summary_html


class OverheadChart(App):
    """Container and KVM performance relative to native, per benchmark (hover for raw values)."""

    def __init__(self):
        self.figure = figure_widget(overhead_figure())
        self.summary = summary()
        self.summary.value = summary_html(self.summary_text())
        self.widget = W.VBox([self.figure, self.summary])

    @staticmethod
    def summary_text() -> str:
        table = model.runtime_overhead()
        rr = table["tcp_rr_latency_us"]
        return t("oh.summary", cpu=table["linpack_gflops"]["vm_relative"] * 100,
                 io=table["random_read_iops"]["vm_relative"] * 100, lat=rr["vm"] - rr["native"])


def overhead_chart() -> OverheadChart:
    """Show Felter et al.'s run-time overhead chart (notebook 4)."""
    return OverheadChart()
