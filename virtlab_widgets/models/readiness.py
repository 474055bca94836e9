"""Pre-lab readiness check (notebook 7): can this machine run an Ubuntu guest?

Pure: turns a :class:`virtlab_widgets.models.probe.HostReport` into one :class:`Check` per item,
each ``pass``/``warn``/``fail`` with what was found, what to do, and the probe's evidence.
Memory and disk needs come from the model (:func:`model.vm_memory_mib`, the VM profile's
disk image) and ``parameters.json → lab``; unknown answers are warnings with a way to check.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import disk, gib, t
from ..validate import check_choice
from . import model
from . import presets as P
from .probe import HostReport

STATUSES = ("pass", "warn", "fail")
ITEMS = ("location", "hw_virt", "nested", "arch", "cores", "memory", "free_memory", "disk")
GUESTS = ("ubuntu-desktop", "ubuntu-server")
SMALLEST = "ubuntu-server"
X86 = ("x86_64", "amd64", "x64", "i686", "i386")
ARM = ("arm64", "aarch64")


@dataclass(frozen=True)
class Check:
    """One readiness item: its status, what was found, what to do and the evidence."""

    item: str
    status: str
    found: str
    action: str
    evidence: tuple[str, ...] = ()

    def __post_init__(self):
        check_choice(self.status, "status", STATUSES)
        check_choice(self.item, "readiness item", ITEMS)


def _check(item: str, status: str, found_key: str, action_key: str | None = None, evidence=(), **kw) -> Check:
    action = t(f"rd.do.{action_key}", **kw) if action_key else t("rd.do.none")
    return Check(item, status, t(f"rd.found.{found_key}", **kw), action, tuple(evidence))


def guest_need_mib(guest: str) -> float:
    """Host memory one guest takes: its RAM plus the hypervisor's overhead (cited rules)."""
    return float(model.vm_memory_mib(1, check_choice(guest, "guest", GUESTS)))


def guest_disk_need_gib(guest: str) -> float:
    """Free disk one guest needs: its disk image plus the installer ISO kept while installing."""
    return float(model.vm_disk_gib(1, check_choice(guest, "guest", GUESTS))) + P.value("lab", "installer_iso_gib")


def check_location(r: HostReport) -> Check:
    ev = r.in_container.evidence
    if r.container_kind == "wsl":
        return _check("location", "warn", "wsl", "wsl", (*ev, *r.in_vm.evidence))
    if r.in_container.value:
        return _check("location", "warn", "in_container", "in_container", ev, kind=r.container_kind or "?")
    if r.in_container.value is None and r.container_kind != "wsl":
        return _check("location", "warn", "container_unknown", "rerun_on_pc", ev)
    return _check("location", "pass", "on_machine", None, ev, os=r.distro or r.os_name)


def check_hw_virt(r: HostReport) -> Check:
    v, ev = r.hw_virt, r.hw_virt.evidence
    if v.value:
        return _check("hw_virt", "pass", "hw_yes", None, ev)
    if v.value is False:
        return _check("hw_virt", "fail", "hw_no", "hw_in_vm" if r.in_vm.value else "hw_firmware", ev)
    key = {"Windows": "hw_check_windows", "Darwin": "hw_check_mac"}.get(r.os_name, "hw_check_linux")
    return _check("hw_virt", "warn", "hw_unknown", key, ev, reason=v.reason)


def check_nested(r: HostReport) -> Check:
    ev = (*r.in_vm.evidence, *r.nested_virt.evidence)
    if r.in_vm.value is False:
        return _check("nested", "pass", "not_in_vm", None, ev)
    if r.in_vm.value is None:
        return _check("nested", "warn", "vm_unknown", "vm_unknown", ev)
    vendor = r.hypervisor_vendor or t("where.unknown_vendor")
    if r.nested_virt.value:
        return _check("nested", "warn", "nested_yes", "nested_slow", ev, vendor=vendor)
    if r.nested_virt.value is False:
        return _check("nested", "fail", "nested_no", "nested_enable", ev, vendor=vendor)
    return _check("nested", "warn", "nested_unknown", "nested_enable", ev, vendor=vendor)


def check_arch(r: HostReport) -> Check:
    m = (r.machine or "").lower()
    if m in X86:
        return _check("arch", "pass", "x86", None, (), machine=r.machine)
    if m in ARM:
        return _check("arch", "warn", "arm", "arm", (), machine=r.machine)
    return _check("arch", "warn", "arch_other", "arch_other", (), machine=r.machine or "?")


def check_cores(r: HostReport, guest: str) -> Check:
    vcpus = P.vm_profile(guest).vcpus
    cores = r.logical_cores
    if cores is None:
        return _check("cores", "warn", "cores_unknown", "cores_check", ())
    if r.cpu_quota_cores is not None:
        cores = min(cores, max(1, int(r.cpu_quota_cores)))
    reserved = P.value("lab", "host_reserved_cores")
    kw = dict(cores=cores, vcpus=vcpus, need=vcpus + reserved)
    if cores >= vcpus + reserved:
        return _check("cores", "pass", "cores", None, (), **kw)
    return _check("cores", "warn" if cores >= vcpus else "fail", "cores", "cores_fewer", (), **kw)


def check_memory(r: HostReport, guest: str) -> Check:
    total = r.mem_total_mib
    if total is None:
        return _check("memory", "warn", "mem_unknown", "mem_check", ())
    reserve = P.custom_host(total / 1024).os_reserve_mib
    need, small = reserve + guest_need_mib(guest), reserve + guest_need_mib(SMALLEST)
    kw = dict(total=gib(total), need=gib(need), small=gib(small))
    if total >= need:
        return _check("memory", "pass", "mem", None, (), **kw)
    return _check("memory", "warn" if total >= small else "fail", "mem", "mem_smaller" if total >= small
                  else "mem_none", (), **kw)


def check_free_memory(r: HostReport, guest: str) -> Check:
    avail, need = r.mem_available_mib, guest_need_mib(guest)
    if avail is None:
        return _check("free_memory", "warn", "avail_unknown", "avail_check", (), need=gib(need))
    kw = dict(avail=gib(avail), need=gib(need))
    return _check("free_memory", "pass" if avail >= need else "warn", "avail", None if avail >= need
                  else "close_apps", (), **kw)


def check_disk(r: HostReport, guest: str) -> Check:
    free, need, small = r.disk_free_gib, guest_disk_need_gib(guest), guest_disk_need_gib(SMALLEST)
    if free is None:
        return _check("disk", "warn", "disk_unknown", "disk_check", (), need=disk(need))
    kw = dict(free=disk(free), need=disk(need), small=disk(small), path=r.disk_path or "?")
    if free >= need:
        return _check("disk", "pass", "disk", None, (), **kw)
    return _check("disk", "warn" if free >= small else "fail", "disk", "disk_smaller" if free >= small
                  else "disk_free", (), **kw)


def readiness(report: HostReport, guest: str = "ubuntu-desktop") -> list[Check]:
    """Every readiness item for running ``guest`` on the machine described by ``report``."""
    if not isinstance(report, HostReport):
        raise TypeError(f"readiness() needs a probe.HostReport, got {type(report).__name__}")
    check_choice(guest, "guest", GUESTS)
    return [check_location(report), check_hw_virt(report), check_nested(report), check_arch(report),
            check_cores(report, guest), check_memory(report, guest), check_free_memory(report, guest),
            check_disk(report, guest)]


def counts(checks: list[Check]) -> dict[str, int]:
    """How many items are pass / warn / fail."""
    return {s: sum(c.status == s for c in checks) for s in STATUSES}
