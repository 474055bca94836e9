"""App: consolidate N physical servers into VMs; hosts saved and the (illustrative) bill."""
from __future__ import annotations

from functools import lru_cache

import ipywidgets as W

from ..figures.consolidation import consolidation_figure, consolidation_restyle
from ..models.consolidation import WORKLOADS, consolidation_curves, overhead
from ..models.presets import value
from ..text import t
from .base import ModelApp
from .controls import choice_dropdown, count_slider, number_slider, row

__all__ = ["Consolidation", "consolidation"]

_curves = lru_cache(maxsize=16)(consolidation_curves)  # the model for one setting of the controls it depends on


class Consolidation(ModelApp):
    """Servers, their utilisation, workload, host target, licence and an N+1 spare."""

    def __init__(self, servers: int = 50, utilisation_pct: float = 15, workload: str = "cpu",
                 target_pct: float = 70, licence: float | None = None, spare: bool = True):
        lic = value("consolidation", "licence_per_host_per_year") if licence is None else licence
        self.controls = {
            "servers": count_slider("ctl.servers", 50, 200),
            "utilisation_pct": number_slider("ctl.utilisation", 15, 1, 100, 1),
            "workload": choice_dropdown("ctl.workload", [(t(f"cons.w.{w}"), w) for w in WORKLOADS], "cpu"),
            "target_pct": number_slider("ctl.target", 70, 30, 100, 5),
            "licence": number_slider("ctl.licence", 150, 0, 600, 10),
            "spare": W.Checkbox(value=True, description=t("ctl.spare"), indent=False),
        }
        self.controls["servers"].min = 1
        self.set(servers=servers, utilisation_pct=utilisation_pct, workload=workload, target_pct=target_pct,
                 licence=lic, spare=spare)
        self._before_refresh()
        c = self.controls
        self._finish(consolidation_figure(self.curves, utilisation_pct / 100),
                     [row(c["servers"], c["utilisation_pct"]), row(c["workload"], c["target_pct"]),
                      row(c["licence"], c["spare"])])

    def _before_refresh(self) -> None:
        v = self.values  # a move of the utilisation finds its curves in the cache
        self.curves = _curves(v["servers"], v["workload"], v["target_pct"] / 100, v["spare"], v["licence"])

    def _restyle(self):
        return consolidation_restyle(self.curves, self.values["utilisation_pct"] / 100)

    def summary_text(self) -> str:
        """Hosts and servers saved, both yearly costs, and where virtualization stops paying."""
        v, c = self.values, self.curves
        now = c.at(v["utilisation_pct"] / 100)
        verdict = t("cons.pays" if now["virtual"] < now["physical"] else "cons.not_pays")
        limit = (t("cons.breakeven", u=f"{c.breakeven * 100:.0f}") if c.breakeven is not None
                 else t("cons.always"))
        return t("cons.sum", n=c.servers, u=f"{v['utilisation_pct']:.0f}", hosts=f"{now['hosts']:.0f}",
                 saved=t("cons.saved" if now["saved"] >= 0 else "cons.more", k=f"{abs(now['saved']):.0f}"),
                 oh=f"{overhead(v['workload']) * 100:.0f}",
                 phys=f"{now['physical']:,.0f}", virt=f"{now['virtual']:,.0f}", verdict=verdict, limit=limit)


def consolidation(servers: int = 50, utilisation_pct: float = 15, workload: str = "cpu",
                  target_pct: float = 70, licence: float | None = None, spare: bool = True) -> Consolidation:
    """Show the consolidation-and-cost demo (see :class:`Consolidation`)."""
    return Consolidation(servers, utilisation_pct, workload, target_pct, licence, spare)
