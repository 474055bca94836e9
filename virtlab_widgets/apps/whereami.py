"""App: "your host, your guest" — the probe's verdicts drawn as "you are here" on a stack (notebook 5)."""
from __future__ import annotations

from html import escape

import ipywidgets as W

from ..figures.stack import stack_figure, stack_relayout, stack_restyle
from ..models.probe import HostReport, Verdict
from ..models.whereami import EXAMPLES, Location, locate
from ..tables import Raw, bullet_list, html_table
from ..text import gib, t
from .base import ModelApp
from .controls import choice_dropdown, keep_words, row
from .hostreport import ShowsHost

__all__ = ["WhereAmI", "where_am_i"]

VERDICTS = ("in_container", "in_vm", "hw_virt", "nested_virt")


def verdict_word(v: Verdict) -> str:
    """예 / 아니요 / 알 수 없음."""
    return t({True: "where.yes", False: "where.no", None: "where.unknown"}[v.value])


def report_html(report: HostReport) -> str:
    """The probe's machine facts and each verdict with its reason and evidence, as a table."""
    facts = t("where.facts", os=report.distro or report.os_name, kernel=report.kernel, machine=report.machine,
              cpu=report.cpu_model or "?", cores=report.logical_cores or "?",
              ram=gib(report.mem_total_mib) if report.mem_total_mib else "?")
    verdicts = [getattr(report, k) for k in VERDICTS]
    rows = [(t(f"where.q.{k}"), Raw(f"<span style='white-space:nowrap'>{escape(verdict_word(v))}</span>"),
             v.reason, bullet_list(v.evidence) if v.evidence else "—") for k, v in zip(VERDICTS, verdicts)]
    return f"<p>{escape(facts)}</p>" + html_table(t("where.caption"), [t("where.h.question"), t("where.h.answer"),
                                                               t("where.h.reason"), t("where.h.evidence")], rows)


class WhereAmI(ShowsHost, ModelApp):
    """The stack of the learner's own machine with "you are here"; a menu shows other places to compare."""

    def __init__(self, report: HostReport | None = None, view: str = "mine"):
        self.report = self._host(report)
        self.location = locate(self.report)
        options = [(t("where.view.mine"), "mine")] + [(t(f"where.view.{k}"), k) for k in EXAMPLES]
        self.controls = {"view": choice_dropdown("where.ctl.view", options, "mine")}
        self.set(view=view)
        self.details = W.HTML()
        arch, layer = self._arch_layer()
        self._finish(stack_figure(arch, layer), [row(self.controls["view"])], [self.details])

    def set_report(self, report: HostReport) -> WhereAmI:
        """Show another probe report (tests use fake machines)."""
        self.report, self.example = self._host(report), False
        self.location = locate(self.report)
        self._refresh()
        return self

    def _arch_layer(self) -> tuple[str, str | None]:
        view = self.values["view"]
        return (self.location.arch, self.location.layer) if view == "mine" else EXAMPLES[view]

    def _before_refresh(self) -> None:
        self.details.value = keep_words(report_html(self.report)) if self.values["view"] == "mine" else ""

    def _restyle(self):
        return stack_restyle(*self._arch_layer())

    def _relayout_update(self) -> dict:
        return stack_relayout(self._arch_layer()[0])

    def summary_text(self) -> str:
        """Where this notebook runs (or the example shown) and how sure the probe is."""
        view = self.values["view"]
        if view != "mine":
            return t(f"where.example.{view}")
        return location_sentence(self.location)


def location_sentence(loc: Location) -> str:
    """One Korean sentence for a :class:`Location`, with its certainty."""
    text = t(f"where.sum.{loc.kind}", vendor=loc.hypervisor or t("where.unknown_vendor"),
             container=loc.container or t("where.unknown_vendor"))
    if loc.arch_guessed and loc.layer is not None:
        text += t("where.sum.guessed")
    if not loc.certain:
        text += t("where.sum.uncertain")
    return text + t("where.sum.evidence", n=len(loc.evidence))


def where_am_i(report: HostReport | None = None, view: str = "mine") -> WhereAmI:
    """Show "your host, your guest" (see :class:`WhereAmI`); probes this machine unless given a report."""
    return WhereAmI(report, view)
