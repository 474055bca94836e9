"""Server consolidation: N physical servers at utilisation u → virtualization hosts, and the bill.

Pure (numpy, no widgets). The old servers and the new hosts are the same class of machine
(the ``lab-server`` preset, Felter et al.'s testbed). The extra layer's overhead comes from
Felter et al. (IBM Research Report RC25482 and its raw data) through
:func:`virtlab_widgets.models.model.runtime_overhead`; per-VM memory from Red Hat OpenShift
Virtualization's sizing rule for KVM. All costs are assumed, illustrative values
(``parameters.json → consolidation``), in 10,000 KRW (만 원) per year.

Staff are charged on both sides by the same rule (:func:`staff_cost`): one administrator
per ``machines_per_admin`` physical machines, at least one; after virtualization each costs
``specialist_premium`` more (hypervisor and HA skills). The OS work per workload is the
same before and after (the N workloads keep their OSes) and is left out of both.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_count, check_number, shown
from . import model
from . import presets as P

WORKLOADS = {"cpu": ("linpack_gflops", "vm"), "cpu_untuned": ("linpack_gflops", "vm_untuned"),
             "io": ("random_read_iops", "vm")}
"""Workload → (Felter et al. benchmark, column) that sets the virtualization overhead."""
HOST = "lab-server"


def overhead(workload: str = "cpu") -> float:
    """Share of a host's capacity lost to the extra layer for this kind of workload."""
    bench, column = WORKLOADS[check_choice(workload, "workload", WORKLOADS)]
    row = P.data()["runtime_overhead"][bench]
    return 1.0 - row[column] / row["native"]


def _cost(key: str) -> float:
    return float(P.value("consolidation", key))


def hosts_needed(servers, utilisation, workload: str = "cpu", target: float | None = None,
                 spare: bool = True):
    """Hosts needed for ``servers`` workloads that kept their own server ``utilisation`` busy.

    CPU: the summed load, inflated by the layer's overhead, must fit ``target`` of each host.
    Memory: every workload becomes a VM of ``workload_ram_gib`` plus the KVM overhead.
    ``spare`` adds one host so a failed host's VMs can restart elsewhere (N+1).
    """
    n = check_count(servers, "number of servers")
    u = np.asarray(utilisation, dtype=float)
    if u.size and (not np.all(np.isfinite(u)) or u.min() < 0 or u.max() > 1):
        raise ValueError(f"utilisation must be a fraction between 0 and 1, got {shown(utilisation)}")
    tgt = check_number(_cost("target_utilisation") if target is None else target,
                       "target utilisation", 0.05, 1.0)
    if not isinstance(spare, bool):
        raise TypeError(f"spare must be True or False, got {shown(spare)}")
    h = P.host(HOST)
    by_cpu = np.ceil(n * u / (1.0 - overhead(workload)) / tgt - 1e-9)
    ram_mib = _cost("workload_ram_gib") * 1024
    vcpus = np.maximum(1.0, np.ceil(u * h.cores))
    per_vm = ram_mib + model.hypervisor_overhead_mib(ram_mib, vcpus, "kvm")
    by_mem = np.ceil(n * per_vm / (h.ram_mib - h.os_reserve_mib) - 1e-9)
    hosts = np.maximum(np.maximum(by_cpu, by_mem), 1.0) + (1.0 if spare else 0.0)
    return np.where(np.asarray(n) > 0, hosts, 0.0)


def staff_cost(machines, virtualized: bool = False):
    """Yearly staff cost for running ``machines`` physical machines (the same rule on both sides).

    ``ceil(machines / machines_per_admin)`` administrators (none for no machines); after
    virtualization each costs ``1 + specialist_premium`` times as much (assumed values).
    """
    if not isinstance(virtualized, bool):
        raise TypeError(f"virtualized must be True or False, got {shown(virtualized)}")
    m = np.asarray(machines, dtype=float)
    if m.size and (not np.all(np.isfinite(m)) or m.min() < 0):
        raise ValueError(f"machines must be a count of 0 or more, got {shown(machines)}")
    admins = np.ceil(m / _cost("machines_per_admin") - 1e-9)
    premium = 1.0 + (_cost("specialist_premium") if virtualized else 0.0)
    return admins * _cost("admin_per_year") * premium


def physical_cost(servers):
    """Yearly cost of keeping ``servers`` physical servers and their administrators (assumed)."""
    n = check_count(servers, "number of servers")
    return n * _cost("server_cost_per_year") + staff_cost(n)


def virtual_cost(hosts, licence_per_host: float | None = None):
    """Yearly cost after virtualization: hosts + licences + their (specialist) administrators
    + the build, written off."""
    lic = _cost("licence_per_host_per_year") if licence_per_host is None else \
        check_number(licence_per_host, "licence per host", 0, 1e5)
    h = np.asarray(hosts, dtype=float)
    build = _cost("build_cost") / _cost("amortisation_years")
    total = h * (_cost("server_cost_per_year") + lic) + staff_cost(h, virtualized=True) + build
    return np.where(h > 0, total, 0.0)


@dataclass(frozen=True)
class ConsolidationCurves:
    """Hosts and yearly costs over utilisation 1 %..100 % for a fixed number of servers."""

    servers: int
    utilisation: np.ndarray
    hosts: np.ndarray
    physical_cost: float
    virtual_cost: np.ndarray

    @property
    def breakeven(self) -> float | None:
        """Lowest utilisation at which virtualization costs at least as much (None: always pays)."""
        loses = np.nonzero(self.virtual_cost >= self.physical_cost)[0]
        return float(self.utilisation[loses[0]]) if loses.size else None

    def at(self, utilisation: float) -> dict[str, float]:
        """Hosts, costs and servers saved at one utilisation (nearest grid point)."""
        i = int(np.clip(round(utilisation * 100) - 1, 0, self.utilisation.size - 1))
        hosts = float(self.hosts[i])
        return dict(hosts=hosts, saved=self.servers - hosts, physical=self.physical_cost,
                    virtual=float(self.virtual_cost[i]))


def consolidation_curves(servers: int, workload: str = "cpu", target: float | None = None,
                         spare: bool = True, licence_per_host: float | None = None) -> ConsolidationCurves:
    """Evaluate hosts and costs for every utilisation from 1 % to 100 %."""
    u = np.arange(1, 101) / 100
    hosts = hosts_needed(servers, u, workload, target, spare)
    return ConsolidationCurves(int(servers), u, hosts, float(physical_cost(servers)),
                               virtual_cost(hosts, licence_per_host))
