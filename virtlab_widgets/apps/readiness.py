"""App: the pre-lab readiness check as a pass/warn/fail table (notebook 7, section 7-1)."""
from __future__ import annotations

import ipywidgets as W

from ..models.probe import HostReport
from ..models.readiness import GUESTS, Check, counts, readiness
from ..style import COLORS
from ..tables import Raw, bullet_list, html_table
from ..text import label, t
from ..validate import check_choice
from .controls import App, choice_dropdown, html_with_code, keep_words, row, summary, summary_html
from .hostreport import ShowsHost

__all__ = ["Readiness", "readiness_check"]

_MARK = {"pass": ("✔", COLORS["process"]), "warn": ("⚠", COLORS["container"]), "fail": ("✘", COLORS["warn"])}


def status_badge(status: str) -> Raw:
    """A symbol and a word, so the status never depends on colour alone."""
    mark, color = _MARK[status]
    style = f"color:{color};font-weight:bold;white-space:nowrap"
    return Raw(f'<span style="{style}">{mark} {t("rd.status." + status)}</span>')


def readiness_html(checks: list[Check]) -> str:
    """Every item: status, what was found, what to do, and (folded) the probe's evidence."""
    rows = [(t(f"rd.item.{c.item}"), status_badge(c.status), Raw(html_with_code(c.found)),
             Raw(html_with_code(c.action)), bullet_list(c.evidence) if c.evidence else "—") for c in checks]
    headers = [t(f"rd.h.{h}") for h in ("item", "status", "found", "action", "evidence")]
    return html_table(t("rd.caption"), headers, rows)


class Readiness(ShowsHost, App):
    """A guest menu over the readiness table. No plot: ``.table`` holds it."""

    def __init__(self, report: HostReport | None = None, guest: str = "ubuntu-desktop"):
        self.report = self._host(report)
        self.menu = choice_dropdown("rd.ctl.guest", [(label("vm_profiles", g), g) for g in GUESTS], "ubuntu-desktop")
        self.set(guest=guest)
        self.table, self.summary = W.HTML(), summary()
        self.widget = W.VBox([row(self.menu), self.summary, self.table])
        self._refresh()
        self.menu.observe(self._refresh, names="value")

    def set(self, *, guest: str | None = None) -> Readiness:
        """Check for another guest size (``"ubuntu-desktop"`` or ``"ubuntu-server"``)."""
        if guest is not None:
            self.menu.value = check_choice(guest, "guest", GUESTS)
        return self

    @property
    def checks(self) -> list[Check]:
        return readiness(self.report, self.menu.value)

    def summary_text(self) -> str:
        """Counts per status and the first item to fix."""
        checks = self.checks
        n = counts(checks)
        text = t("rd.sum", guest=label("vm_profiles", self.menu.value), ok=n["pass"], warn=n["warn"], fail=n["fail"])
        first = next((c for s in ("fail", "warn") for c in checks if c.status == s), None)
        return text + (t("rd.sum.first", item=t(f"rd.item.{first.item}")) if first else t("rd.sum.ready"))

    def _refresh(self, _change=None) -> None:
        self.table.value = keep_words(readiness_html(self.checks))
        self.summary.value = summary_html(self.summary_text())


def readiness_check(report: HostReport | None = None, guest: str = "ubuntu-desktop") -> Readiness:
    """Show the pre-lab readiness check for this machine (probed unless ``report`` is given)."""
    return Readiness(report, guest)
