"""Apps that show the learner's own machine (notebooks 5 and 7) share this.

Live, they probe the machine the kernel runs on. Built into a page without a kernel, that
machine would be the one that built the page, not the reader's: there they show an example
laptop (:func:`virtlab_widgets.models.probe.example_report`) under a notice that says so and how to
check one's own machine.
"""
from __future__ import annotations

from html import escape

from ..export import static_mode
from ..models.probe import HostReport, example_report, probe
from ..text import t


class ShowsHost:
    """Mixin: ``self.report`` is the given report, this machine's, or (kernel-less) the example."""

    report: HostReport
    example: bool = False

    def _host(self, report: HostReport | None) -> HostReport:
        if report is not None:
            if not isinstance(report, HostReport):
                raise TypeError(f"report must be a probe.HostReport, got {type(report).__name__}")
            return report
        self.example = static_mode()
        return example_report() if self.example else probe()

    def static_html(self) -> str:
        html = super().static_html()  # type: ignore[misc]  # a mixin: App.static_html follows in the MRO
        if not self.example:
            return html
        notice = (f"<div class='virtlab-example-host' role='note' style='border-left:4px solid #E69F00;"
                  f"padding:4px 8px;margin:4px 0'><b>{escape(t('host.example.title'))}</b> "
                  f"{escape(t('host.example.body'))}</div>")
        return notice + html
