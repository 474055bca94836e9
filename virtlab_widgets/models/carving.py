"""Carving one physical host into VMs: who gets which share of CPU, memory and disk.

Pure (numpy, no widgets). The hypervisor keeps some cores and disk (assumed values in
``parameters.json → carving``) and memory: the host's own reserve plus the per-VM overhead
of :func:`virtlab_widgets.models.model.hypervisor_overhead_mib` (cited KVM/ESXi rules). What the
VMs are promised, divided by what is left, is the overcommit ratio of each resource.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_count, check_number
from . import model
from . import presets as P

RESOURCES = ("cpu", "ram", "disk")
"""Resource ids, in the order every array of :class:`Carving` uses."""


@dataclass(frozen=True)
class Carving:
    """One host carved into ``vms`` identical VMs. Arrays are ordered as :data:`RESOURCES`.

    Units: cores, GiB, GiB. ``ratio`` = promised / available; above 1 the resource is
    overcommitted (promised more than the host has left after the hypervisor's share).
    """

    vms: int
    capacity: np.ndarray
    reserved: np.ndarray
    per_vm: np.ndarray
    promised: np.ndarray
    available: np.ndarray
    ratio: np.ndarray

    @property
    def overcommitted(self) -> dict[str, bool]:
        """Per resource: are the VMs promised more than the host has left?"""
        return {r: bool(x > 1 + 1e-12) for r, x in zip(RESOURCES, self.ratio)}

    @property
    def free(self) -> np.ndarray:
        """What is still unpromised (0 when overcommitted)."""
        return np.maximum(self.available - self.promised, 0.0)


def carve(host_cores: int, host_ram_gib: float, host_disk_gib: float, vms: int, vcpus: int,
          vm_ram_gib: float, vm_disk_gib: float, hypervisor: str = "kvm") -> Carving:
    """Divide a host into ``vms`` VMs of ``vcpus`` vCPUs, ``vm_ram_gib`` RAM and ``vm_disk_gib`` disk."""
    cores = check_number(host_cores, "host cores", 1, 4096)
    ram = check_number(host_ram_gib, "host RAM (GiB)", 0, 65536, low_inclusive=False)
    disk = check_number(host_disk_gib, "host disk (GiB)", 0, 1e6, low_inclusive=False)
    n = check_count(vms, "number of VMs")
    if not isinstance(n, int):
        raise TypeError("carve() takes a single number of VMs")
    cpu_each = check_number(vcpus, "vCPUs per VM", 1, 256)
    ram_each = check_number(vm_ram_gib, "RAM per VM (GiB)", 0, 65536, low_inclusive=False)
    disk_each = check_number(vm_disk_gib, "disk per VM (GiB)", 0, 1e6, low_inclusive=False)
    check_choice(hypervisor, "hypervisor", P.names("hypervisors"))

    overhead_gib = float(model.hypervisor_overhead_mib(ram_each * 1024, cpu_each, hypervisor)) / 1024
    reserve_gib = min(P.value("hosts", "lab-server", "os_reserve_mib") / 1024, ram / 4)
    reserved = np.array([min(P.value("carving", "hypervisor_cores"), cores / 4),
                         reserve_gib + n * overhead_gib,
                         min(P.value("carving", "hypervisor_disk_gib"), disk / 4)])
    capacity = np.array([cores, ram, disk], dtype=float)
    per_vm = np.array([cpu_each, ram_each, disk_each])
    available = np.maximum(capacity - reserved, 0.0)
    promised = n * per_vm
    ratio = np.where(available > 0, promised / np.maximum(available, 1e-12), np.inf)
    ratio = np.where(promised == 0, 0.0, ratio)
    return Carving(n, capacity, reserved, per_vm, promised, available, ratio)
