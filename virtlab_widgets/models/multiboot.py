"""Multi-booting vs a virtual machine for a day that switches OS ``k`` times (notebook 5, 5-2).

Pure (numpy, no widgets). Multi-booting runs one OS at a time, so every switch is a full
reboot: shut down, firmware start-up, boot menu, OS boot, log in and reopen the work. A VM
boots the second OS once and then switching is a window change, but the guest's memory
(:func:`virtlab_widgets.models.model.vm_memory_mib`, cited hypervisor overheads) is taken from the
host for the whole day. Times come from ``parameters.json → multiboot`` and the guest's
boot time from the VM profile.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_count
from . import model
from . import presets as P

MAX_SWITCHES = 40
"""Largest number of OS switches per day the demo offers."""
GUESTS = ("ubuntu-desktop", "ubuntu-server")
"""Guest OS profiles that make sense as a second, multi-bootable OS."""


def _mb(key: str) -> float:
    return float(P.value("multiboot", key))


def _guest(guest: str) -> str:
    return check_choice(guest, "guest OS profile", GUESTS)


def reboot_s(guest: str = "ubuntu-desktop") -> float:
    """Time one OS switch costs when multi-booting (shutdown → firmware → menu → boot → session)."""
    return (_mb("shutdown_s") + _mb("firmware_s") + _mb("boot_menu_s")
            + model.vm_boot_one_s(_guest(guest)) + _mb("session_restore_s"))


def vm_start_s(guest: str = "ubuntu-desktop") -> float:
    """Time to start the guest once in the morning: its boot plus logging in and opening the work."""
    return model.vm_boot_one_s(_guest(guest)) + _mb("session_restore_s")


def multiboot_lost_s(switches, guest: str = "ubuntu-desktop"):
    """Seconds lost to ``switches`` reboots (vectorised over ``switches``)."""
    k = check_count(switches, "OS switches per day", MAX_SWITCHES * 100)
    return k * reboot_s(guest) + 0.0


def vm_lost_s(switches, guest: str = "ubuntu-desktop"):
    """Seconds lost with a VM: one guest start (if the second OS is needed at all) + window switches."""
    k = check_count(switches, "OS switches per day", MAX_SWITCHES * 100)
    return np.where(np.asarray(k) > 0, vm_start_s(guest), 0.0) + k * _mb("window_switch_s")


def vm_memory_cost_mib(guest: str = "ubuntu-desktop") -> float:
    """Host memory the running guest takes all day: guest RAM + hypervisor overhead."""
    return float(model.vm_memory_mib(1, _guest(guest)))


@dataclass(frozen=True)
class DayOfWork:
    """What one day with ``switches`` OS switches costs each way (times in s, memory in MiB)."""

    switches: int
    guest: str
    host: str
    reboot_s: float
    vm_start_s: float
    multiboot_lost_s: float
    vm_lost_s: float
    day_s: float
    host_ram_mib: float
    host_os_mib: float
    vm_mib: float
    free_multiboot_mib: float
    free_with_vm_mib: float
    vm_fits: bool
    vm_relative_performance: float

    @property
    def time_winner(self) -> str:
        """``"vm"``, ``"multiboot"`` or ``"tie"`` (no switches: nothing lost either way)."""
        if np.isclose(self.multiboot_lost_s, self.vm_lost_s):
            return "tie"
        return "vm" if self.vm_lost_s < self.multiboot_lost_s else "multiboot"

    @property
    def memory_winner(self) -> str:
        """Multi-booting always leaves the running OS the whole RAM; a VM shares it."""
        return "multiboot"


def day_of_work(switches: int, host: str | P.Host = "laptop-16", guest: str = "ubuntu-desktop") -> DayOfWork:
    """The whole comparison for one day (``host`` is a preset name or a :class:`presets.Host`)."""
    k = check_count(switches, "OS switches per day", MAX_SWITCHES * 100)
    if not isinstance(k, int):
        raise TypeError("day_of_work() takes a single number of switches")
    h = P.host(host)
    vm = vm_memory_cost_mib(guest)
    demand = h.os_reserve_mib + vm
    return DayOfWork(
        switches=k, guest=guest, host=h.name, reboot_s=reboot_s(guest), vm_start_s=vm_start_s(guest),
        multiboot_lost_s=float(multiboot_lost_s(k, guest)), vm_lost_s=float(vm_lost_s(k, guest)),
        day_s=_mb("work_day_h") * 3600, host_ram_mib=h.ram_mib, host_os_mib=h.os_reserve_mib, vm_mib=vm,
        free_multiboot_mib=h.ram_mib - h.os_reserve_mib, free_with_vm_mib=h.ram_mib - demand,
        vm_fits=demand <= h.ram_mib, vm_relative_performance=float(model.relative_performance(demand, h)))
