"""App: the lab's VM software compared, filterable by host OS (notebook 6, section 6-2)."""
from __future__ import annotations

import ipywidgets as W

from ..models.probe import HostReport, probe
from ..models.software import HOST_FAMILIES, for_host, host_family, software_table_html
from ..text import t
from ..validate import check_choice
from .controls import App, choice_dropdown, keep_words, row, summary, summary_html

__all__ = ["VmSoftware", "vm_software"]

ALL = "all"


class VmSoftware(App):
    """A host-OS menu (preset to the learner's OS when the probe can tell) over an HTML table.

    No plot: ``.table`` is the table widget; ``.summary`` and :meth:`summary_text` as in every app.
    """

    def __init__(self, host_os: str | None = "auto", report: HostReport | None = None):
        if host_os == "auto":
            self.detected = host_family(probe() if report is None else report)
            host_os = self.detected
        else:
            self.detected = None
        self.menu = choice_dropdown("sw.ctl.host", [(t("sw.host.all"), ALL)]
                                    + [(t(f"sw.host.{f}"), f) for f in HOST_FAMILIES], ALL)
        self.set(host_os=host_os)
        self.table, self.summary = W.HTML(), summary()
        self.widget = W.VBox([row(self.menu), self.summary, self.table])
        self._refresh()
        self.menu.observe(self._refresh, names="value")

    @property
    def host_os(self) -> str | None:
        return None if self.menu.value == ALL else self.menu.value

    def set(self, *, host_os: str | None = None) -> VmSoftware:
        """Filter to ``"windows"``, ``"macos"``, ``"linux"``; ``None`` shows all."""
        self.menu.value = ALL if host_os is None else check_choice(host_os, "host OS", HOST_FAMILIES)
        return self

    def summary_text(self) -> str:
        """How many products fit this host OS, and their names."""
        shown = for_host(self.host_os)
        host = t(f"sw.host.{self.host_os}") if self.host_os else t("sw.host.all")
        text = t("sw.sum", host=host, n=len(shown), names=", ".join(p.name for p in shown))
        return text + (t("sw.sum.detected", host=t(f"sw.host.{self.detected}")) if self.detected else "")

    def _refresh(self, _change=None) -> None:
        self.table.value = keep_words(software_table_html(self.host_os))
        self.summary.value = summary_html(self.summary_text())


def vm_software(host_os: str | None = "auto", report: HostReport | None = None) -> VmSoftware:
    """Show the VM software comparison; ``"auto"`` filters to the OS the probe detects."""
    return VmSoftware(host_os, report)
