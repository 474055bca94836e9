"""App: per-instance throughput as VMs or containers are added to one host (notebook 2, 2-1).

A CPU-bound workload shares the cores; a disk-bound one (random read) shares the disk's IOPS
and a network-bound one the link, so their totals never grow with the core count.
"""
from __future__ import annotations

from functools import lru_cache

from ..figures.contention import contention_figure, contention_restyle
from ..models import presets as P
from ..models.contention import BENCHMARKS, contention_curves
from ..text import percent, t
from .base import ModelApp
from .controls import choice_dropdown, count_slider, number_slider, preset_dropdown, row

__all__ = ["Contention", "contention"]

_curves = lru_cache(maxsize=16)(contention_curves)  # the model for one setting of the controls it depends on


class Contention(ModelApp):
    """A count slider, host / VM / container presets, a workload and CPU demand per instance."""

    def __init__(self, instances: int = 4, host: str = "laptop-16", vm: str = "ubuntu-server",
                 container: str = "python-app", benchmark: str = "linpack_gflops",
                 cores_each: float = 1.0, max_count: int = 40):
        self.max_count = max_count
        self.controls = {
            "instances": count_slider("ctl.instances", 1, max_count),
            "host": preset_dropdown("hosts", "laptop-16", "ctl.host"),
            "vm": preset_dropdown("vm_profiles", "ubuntu-server", "ctl.vm_profile"),
            "container": preset_dropdown("container_profiles", "python-app", "ctl.container_profile"),
            "benchmark": choice_dropdown("ctl.benchmark", [(t(f"oh.{b}"), b) for b in BENCHMARKS],
                                         "linpack_gflops"),
            "cores_each": number_slider("ctl.cores_each", 1.0, 0.25, 4.0, 0.25, ".2f"),
        }
        self.controls["instances"].min = 1
        self.set(instances=instances, host=host, vm=vm, container=container, benchmark=benchmark,
                 cores_each=cores_each)
        self._before_refresh()
        c = self.controls
        self._finish(contention_figure(self.curves, instances),
                     [row(c["instances"], c["cores_each"]), row(c["host"], c["vm"]),
                      row(c["container"], c["benchmark"])])

    def _before_refresh(self) -> None:
        v = self.values  # a count move finds its curves in the cache
        self.curves = _curves(v["host"], v["vm"], v["container"], v["benchmark"], v["cores_each"], self.max_count)

    def _restyle(self):
        return contention_restyle(self.curves, self.values["instances"])

    def summary_text(self) -> str:
        """One line: per-instance and total throughput of VMs and containers at the current count."""
        c, n = self.curves, self.values["instances"]
        memory = (t("cont.sum_over", vm_over=c.vm_over) if c.vm_over <= self.max_count
                  else t("cont.sum_fits", max=self.max_count))
        host = P.host(self.values["host"])
        limit = t(f"cont.bound.{c.bound}", cores=host.cores, iops=f"{host.disk_iops:,.0f}")
        return t("cont.sum", n=n, vm_each=percent(c.vm_each[n]), vm_total=percent(c.vm_total[n]),
                 ct_each=percent(c.ct_each[n]), ct_total=percent(c.ct_total[n]), memory=memory, bound=limit)


def contention(instances: int = 4, host: str = "laptop-16", vm: str = "ubuntu-server",
               container: str = "python-app", benchmark: str = "linpack_gflops",
               cores_each: float = 1.0) -> Contention:
    """Show the performance-under-contention demo (see :class:`Contention`)."""
    return Contention(instances, host, vm, container, benchmark, cores_each)
