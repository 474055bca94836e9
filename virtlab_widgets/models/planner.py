"""VM sizing planner (notebook 7): how many guests of a size fit the learner's own machine.

Pure. The host is built with :func:`presets.custom_host` from the probe's RAM, cores and
free disk; how many guests fit is :func:`model.vm_capacity`. The result is also expressed
as a :class:`carving.Carving` so notebook 1's carving figure can draw it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..validate import check_choice, check_count, check_number, shown
from . import model
from . import presets as P
from .carving import Carving
from .probe import HostReport

BASES = ("ubuntu-desktop", "ubuntu-server")
MAX_GUESTS = 8


@dataclass(frozen=True)
class MachineSize:
    """The learner's RAM, cores and free disk, and whether each was measured or a default."""

    ram_gib: float
    cores: int
    disk_free_gib: float
    measured: bool


def machine_size(report: HostReport | None) -> MachineSize:
    """From a probe report; missing numbers fall back to the ``laptop-8`` preset."""
    base = P.host("laptop-8")
    if report is None:
        return MachineSize(base.ram_mib / 1024, base.cores, base.disk_gib, False)
    if not isinstance(report, HostReport):
        raise TypeError(f"machine_size() needs a probe.HostReport, got {type(report).__name__}")
    cores = report.logical_cores
    if cores is not None and report.cpu_quota_cores is not None:
        cores = min(cores, max(1, int(report.cpu_quota_cores)))
    measured = None not in (report.mem_total_mib, cores, report.disk_free_gib)
    return MachineSize(report.mem_total_mib / 1024 if report.mem_total_mib else base.ram_mib / 1024,
                       cores or base.cores,
                       report.disk_free_gib if report.disk_free_gib is not None else base.disk_gib, measured)


def planning_host(size: MachineSize) -> P.Host:
    """The host to plan on: free disk minus the installer ISO is what new disk images may use."""
    usable = max(size.disk_free_gib - P.value("lab", "installer_iso_gib"), 0.01)
    return P.custom_host(size.ram_gib, size.cores, usable)


def guest(ram_gib: float, vcpus: int, disk_gib: float, base: str = "ubuntu-desktop") -> P.VMProfile:
    """A guest of your own size; boot behaviour and hypervisor are those of the ``base`` profile."""
    check_choice(base, "base guest profile", BASES)
    ram = check_number(ram_gib, "guest RAM (GiB)", 0.25, 1024)
    n_cpu = check_count(vcpus, "guest vCPUs", 256)
    if not isinstance(n_cpu, int) or n_cpu < 1:
        raise ValueError(f"guest vCPUs must be a whole number ≥ 1, got {shown(vcpus)}")
    size = check_number(disk_gib, "guest disk (GiB)", 1, 1e5)
    return replace(P.vm_profile(base), name="custom", guest_mib=ram * 1024, vcpus=n_cpu, disk_gib=size)


@dataclass(frozen=True)
class Plan:
    """``vms`` guests of ``profile`` on ``host``: capacity, what is used, and a suggested size."""

    size: MachineSize
    host: P.Host
    profile: P.VMProfile
    vms: int
    capacity: int
    per_vm_mib: float
    suggested: P.VMProfile | None

    @property
    def fits(self) -> bool:
        return self.vms <= self.capacity

    @property
    def limit(self) -> str:
        """What caps :attr:`capacity`: ``"disk"`` when the disk images run out first, else ``"memory"``."""
        return "disk" if self.host.disk_gib // self.profile.disk_gib <= self.capacity else "memory"

    @property
    def vcpu_ratio(self) -> float:
        """vCPUs promised / cores left after the host's share (above 1: time-shared)."""
        left = max(self.host.cores - P.value("lab", "host_reserved_cores"), 1)
        return self.vms * self.profile.vcpus / left

    def carving(self) -> Carving:
        """The plan as a :class:`Carving` (cores, GiB, GiB) for notebook 1's carving figure."""
        h, p, n = self.host, self.profile, self.vms
        overhead_gib = (self.per_vm_mib - p.guest_mib) / 1024
        capacity = np.array([h.cores, h.ram_mib / 1024, self.size.disk_free_gib], dtype=float)
        reserved = np.array([min(P.value("lab", "host_reserved_cores"), h.cores),
                             h.os_reserve_mib / 1024 + n * overhead_gib,
                             min(P.value("lab", "installer_iso_gib"), self.size.disk_free_gib)])
        per_vm = np.array([p.vcpus, p.guest_mib / 1024, p.disk_gib], dtype=float)
        available = np.maximum(capacity - reserved, 0.0)
        promised = n * per_vm
        ratio = np.where(promised == 0, 0.0, promised / np.maximum(available, 1e-12))
        return Carving(n, capacity, reserved, per_vm, promised, available, ratio)


def suggest(host: P.Host, vms: int, base: str = "ubuntu-desktop") -> P.VMProfile | None:
    """The largest guest (RAM in whole steps, up to the base profile's) of which ``vms`` fit."""
    n = check_count(vms, "number of guests", MAX_GUESTS)
    if n == 0:
        return None
    profile = P.vm_profile(base)
    step = P.value("lab", "ram_step_mib")
    left = max(host.cores - P.value("lab", "host_reserved_cores"), 1)
    vcpus = int(min(max(left // n, 1), P.value("lab", "max_suggested_vcpus"), max(profile.vcpus, 1) * 2))
    disk = float(min(profile.disk_gib, math.floor(host.disk_gib / n)))
    if disk < 1:
        return None
    for ram_mib in np.arange(profile.guest_mib, step - 1, -step):
        candidate = replace(profile, name="suggested", guest_mib=float(ram_mib), vcpus=vcpus, disk_gib=disk)
        if model.vm_capacity(host, candidate) >= n:
            return candidate
    return None


def plan(size: MachineSize, profile: P.VMProfile, vms: int, base: str = "ubuntu-desktop") -> Plan:
    """Plan ``vms`` guests of ``profile`` on the machine ``size``."""
    n = check_count(vms, "number of guests", MAX_GUESTS)
    if not isinstance(n, int):
        raise TypeError("plan() takes a single number of guests")
    host = planning_host(size)
    per_vm = float(model.vm_memory_mib(1, profile))
    return Plan(size, host, profile, n, model.vm_capacity(host, profile), per_vm, suggest(host, max(n, 1), base))
