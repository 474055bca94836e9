"""App: size the lab's VMs on the learner's own machine (notebook 7, section 7-2)."""
from __future__ import annotations

import math

from ..figures.carving import carving_figure, carving_restyle, x_end
from ..models import planner as pl
from ..models import presets as P
from ..models.probe import HostReport
from ..text import disk, gib, label, t
from .base import ModelApp
from .controls import choice_dropdown, count_slider, number_slider, row
from .hostreport import ShowsHost

__all__ = ["VmPlanner", "vm_planner"]


class VmPlanner(ShowsHost, ModelApp):
    """Guests × size on the probed host: stacked bars (notebook 1's carving figure) + a suggestion."""

    def __init__(self, report: HostReport | None = None, vms: int = 2, base: str = "ubuntu-desktop"):
        self.report = self._host(report)
        self.size = pl.machine_size(self.report)
        ram_max = max(8.0, float(math.ceil(self.size.ram_gib)))
        disk_max = max(100.0, float(math.floor(self.size.disk_free_gib)))
        profile = P.vm_profile("ubuntu-desktop")
        self.controls = {
            "vms": count_slider("plan.ctl.vms", 2, pl.MAX_GUESTS),
            "base": choice_dropdown("plan.ctl.base", [(label("vm_profiles", b), b) for b in pl.BASES],
                                    "ubuntu-desktop"),
            "ram_gib": number_slider("plan.ctl.ram", profile.guest_mib / 1024, 0.5, ram_max, 0.5, ".1f"),
            "vcpus": count_slider("plan.ctl.vcpus", profile.vcpus, 16),
            "disk_gib": number_slider("plan.ctl.disk", profile.disk_gib, 5, disk_max, 5),
        }
        self.controls["vms"].min = self.controls["vcpus"].min = 1
        self.controls["base"].observe(self._on_base, names="value")
        self.set(vms=vms, base=base)
        self.plan = self._plan()
        c = self.controls
        self._finish(carving_figure(self.plan.carving()), [row(c["vms"], c["base"]),
                                                          row(c["ram_gib"], c["vcpus"], c["disk_gib"])])

    def _on_base(self, change) -> None:
        p = P.vm_profile(change["new"])
        self.set(ram_gib=p.guest_mib / 1024, vcpus=p.vcpus, disk_gib=p.disk_gib)

    def _plan(self) -> pl.Plan:
        v = self.values
        return pl.plan(self.size, pl.guest(v["ram_gib"], v["vcpus"], v["disk_gib"], v["base"]), v["vms"], v["base"])

    def _before_refresh(self) -> None:
        self.plan = self._plan()

    def _restyle(self):
        return carving_restyle(self.plan.carving())

    def _relayout_update(self) -> dict:
        return {"xaxis.range": [0, x_end(self.plan.carving())], "title.text": t("plan.title")}

    def summary_text(self) -> str:
        """The machine, how many guests of this size fit, today's plan, and a suggested size."""
        p, s = self.plan, self.size
        head = t("plan.sum.host" if s.measured else "plan.sum.host_default", ram=gib(s.ram_gib * 1024),
                 cores=s.cores, disk=disk(s.disk_free_gib))
        size = t("plan.sum.size", ram=gib(p.profile.guest_mib), vcpus=p.profile.vcpus, disk=disk(p.profile.disk_gib),
                 cap=p.capacity, limit=t(f"plan.limit.{p.limit}"))
        now = t("plan.sum.fits" if p.fits else "plan.sum.no_fit", n=p.vms, ratio=f"{p.vcpu_ratio:.1f}")
        if p.suggested is None:
            tip = t("plan.sum.none", n=p.vms)
        else:
            g = p.suggested
            tip = t("plan.sum.suggest", n=p.vms, ram=gib(g.guest_mib), vcpus=g.vcpus, disk=disk(g.disk_gib))
        return t("sum.sep").join([head, size, now, tip])


def vm_planner(report: HostReport | None = None, vms: int = 2, base: str = "ubuntu-desktop") -> VmPlanner:
    """Show the VM sizing planner for this machine (probed unless ``report`` is given)."""
    return VmPlanner(report, vms, base)
