"""The VM / container resource model: pure, vectorised (numpy), no widgets.

Counts may be ints or integer arrays; results broadcast. Memory is in MiB, disk in GiB,
time in seconds. Every constant comes from :mod:`virtlab_widgets.presets` (and so from the
cited ``data/parameters.json``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from . import presets as P
from .validate import check_count, check_number


def hypervisor_overhead_mib(guest_mib, vcpus, hypervisor="kvm", graphics=0):
    """Memory the hypervisor spends on one VM beyond its guest RAM.

    KVM: OpenShift Virtualization sizing rule (0.002 x guest + 218 MiB + 8 MiB/vCPU +
    16 MiB/graphics device). ESXi: vSphere Table 6-1, interpolated. Firecracker: < 5 MiB.
    """
    hv = P.hypervisor(hypervisor)
    guest = np.asarray(guest_mib, dtype=float)
    if hv.rule == "linear":
        return (hv.get("guest_fraction") * guest + hv.get("fixed_mib")
                + hv.get("per_vcpu_mib") * vcpus + hv.get("per_graphics_mib") * graphics)
    if hv.rule == "table":
        xs, ys = np.array(hv.get("guest_mib")), np.array(hv.get("overhead_1vcpu_mib"))
        slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
        base = np.where(guest > xs[-1], ys[-1] + slope * (guest - xs[-1]), np.interp(guest, xs, ys))
        return base + hv.get("per_extra_vcpu_mib") * (vcpus - 1)
    return hv.get("fixed_mib") + 0.0 * guest


def _page_sharing(fraction) -> float:
    cap = P.value("page_sharing", "max_fraction")
    return check_number(fraction, "page sharing fraction", 0.0, cap)


def vm_memory_mib(n, vm="ubuntu-server", *, hypervisor: str | None = None, page_sharing: float = 0.0):
    """Host memory used by ``n`` identical VMs: guest RAM + hypervisor overhead each.

    With ``page_sharing`` = s, every guest after the first shares a fraction s of its
    memory with the others (capped at the measured/vendor bound, 30 %).
    """
    n = check_count(n, "number of VMs")
    profile = P.vm_profile(vm)
    share = _page_sharing(page_sharing)
    overhead = hypervisor_overhead_mib(profile.guest_mib, profile.vcpus,
                                       hypervisor or profile.hypervisor, profile.graphics)
    others = np.maximum(np.asarray(n) - 1, 0)
    return n * (profile.guest_mib + overhead) - share * profile.guest_mib * others


def container_memory_mib(m, container="web-small", runtime="runc"):
    """Host memory used by ``m`` containers: the app's memory plus the runtime's overhead each."""
    m = check_count(m, "number of containers")
    app, rt = P.container_profile(container), P.runtime(runtime)
    return m * (app.app_mib + rt.overhead_mib) + 0.0


def memory_demand_mib(n, m, host="laptop-16", vm="ubuntu-server", container="web-small",
                      runtime="runc", *, hypervisor: str | None = None, page_sharing: float = 0.0):
    """Total memory wanted on the host: its OS reserve + VMs + containers."""
    return (P.host(host).os_reserve_mib
            + vm_memory_mib(n, vm, hypervisor=hypervisor, page_sharing=page_sharing)
            + container_memory_mib(m, container, runtime))


def swapped_fraction(demand_mib, host="laptop-16"):
    """Share of the wanted memory that cannot be resident and is swapped out (0 if it fits)."""
    demand = np.asarray(demand_mib, dtype=float)
    ram = P.host(host).ram_mib
    return np.clip(1.0 - ram / np.maximum(demand, 1e-9), 0.0, 1.0)


def relative_performance(demand_mib, host="laptop-16"):
    """Throughput per instance relative to no memory pressure (1.0), collapsing past host RAM.

    ``1 / (1 + K * swapped_fraction)`` with the assumed, documented swap penalty K.
    """
    penalty = P.value("overcommit", "swap_penalty")
    return 1.0 / (1.0 + penalty * swapped_fraction(demand_mib, host))


def vm_disk_gib(n, vm="ubuntu-server"):
    """Disk used by ``n`` VMs: a full disk image each."""
    return check_count(n, "number of VMs") * P.vm_profile(vm).disk_gib + 0.0


def container_disk_gib(m, container="web-small"):
    """Disk used by ``m`` containers of one image: the layers once + a thin copy-on-write layer each."""
    m = check_count(m, "number of containers")
    app = P.container_profile(container)
    return (np.where(np.asarray(m) > 0, app.image_mib, 0.0) + m * app.writable_layer_mib) / 1024.0


def _ready_all(count, one_s, cpu_core_s, io_ops, host):
    """Time until ``count`` instances started together are all ready (a boot storm).

    Each needs ``one_s`` alone; together they are also bounded by the host's cores
    (``count * cpu_core_s / cores``) and disk (``count * io_ops / iops``).
    """
    h = P.host(host)
    count = np.asarray(count)
    storm = np.maximum(count * cpu_core_s / h.cores, count * io_ops / h.disk_iops)
    return np.where(count > 0, np.maximum(one_s, storm), 0.0)


def vm_boot_one_s(vm="ubuntu-server") -> float:
    """Boot time of one VM alone."""
    return float(P.vm_profile(vm).boot_s)


def container_start_one_s(container="web-small", runtime="runc") -> float:
    """Start time of one container alone: the runtime's start plus the app's own."""
    return float(P.runtime(runtime).start_s + P.container_profile(container).app_start_s)


def process_start_one_s() -> float:
    """Start time of a plain process (fork/exec)."""
    return float(P.value("process", "start_s"))


def vm_ready_all_s(n, vm="ubuntu-server", host="laptop-16"):
    """Time until all ``n`` VMs booted together are up."""
    n = check_count(n, "number of VMs")
    p = P.vm_profile(vm)
    return _ready_all(n, p.boot_s, p.boot_cpu_core_s, p.boot_iops * p.boot_s, host)


def container_ready_all_s(m, container="web-small", runtime="runc", host="laptop-16"):
    """Time until all ``m`` containers started together are up."""
    m = check_count(m, "number of containers")
    rt = P.runtime(runtime)
    return _ready_all(m, container_start_one_s(container, runtime), rt.start_cpu_core_s,
                      rt.start_io_ops, host)


def process_ready_all_s(k, host="laptop-16"):
    """Time until ``k`` plain processes started together are running."""
    k = check_count(k, "number of processes")
    one = process_start_one_s()
    return _ready_all(k, one, P.value("process", "start_cpu_core_s"), 0.0, host)


def vm_capacity(host="laptop-16", vm="ubuntu-server", *, hypervisor: str | None = None,
                page_sharing: float = 0.0) -> int:
    """How many VMs of a profile fit the host's RAM (and disk) with nothing else running."""
    h, p = P.host(host), P.vm_profile(vm)
    share = _page_sharing(page_sharing)
    first = float(vm_memory_mib(1, p, hypervisor=hypervisor))
    each = first - share * p.guest_mib
    free = h.ram_mib - h.os_reserve_mib
    by_memory = 0 if free < first else 1 + int(np.floor((free - first) / each + 1e-9))
    return min(by_memory, int(h.disk_gib // p.disk_gib))


def container_capacity(host="laptop-16", container="web-small", runtime="runc") -> int:
    """How many containers of a profile fit the host's RAM (and disk) with nothing else running."""
    h = P.host(host)
    each = float(container_memory_mib(1, container, runtime))
    by_memory = max(0, int(np.floor((h.ram_mib - h.os_reserve_mib) / each + 1e-9)))
    app = P.container_profile(container)
    disk_mib = h.disk_gib * 1024 - app.image_mib
    by_disk = max(0, int(disk_mib // app.writable_layer_mib))
    return min(by_memory, by_disk)


@dataclass(frozen=True)
class Scenario:
    """Everything the model says about ``vms`` VMs and ``containers`` containers on one host."""

    vms: int
    containers: int
    host: str
    vm_profile: str
    hypervisor: str
    container_profile: str
    runtime: str
    page_sharing: float
    host_ram_mib: float
    host_cores: int
    os_reserve_mib: float
    vm_memory_mib: float
    container_memory_mib: float
    total_memory_mib: float
    memory_ratio: float
    fits: bool
    swapped_fraction: float
    relative_performance: float
    vm_disk_gib: float
    container_disk_gib: float
    vm_boot_one_s: float
    vm_ready_all_s: float
    container_start_one_s: float
    container_ready_all_s: float
    vm_capacity: int
    container_capacity: int

    def to_dict(self) -> dict:
        return asdict(self)


def simulate(vms: int, containers: int, host: "str | P.Host" = "laptop-16", vm: str = "ubuntu-server",
             container: str = "web-small", runtime: str = "runc", *, hypervisor: str | None = None,
             page_sharing: float = 0.0) -> Scenario:
    """Run the whole model for one situation (the CLI and the widgets' summary use this)."""
    n, m = check_count(vms, "number of VMs"), check_count(containers, "number of containers")
    if not isinstance(n, int) or not isinstance(m, int):
        raise TypeError("simulate() takes single counts; use the vectorised functions for arrays")
    h, p = P.host(host), P.vm_profile(vm)
    hv = P.hypervisor(hypervisor or p.hypervisor).name
    vm_mem = float(vm_memory_mib(n, p, hypervisor=hv, page_sharing=page_sharing))
    ct_mem = float(container_memory_mib(m, container, runtime))
    total = h.os_reserve_mib + vm_mem + ct_mem
    return Scenario(
        vms=n, containers=m, host=h.name, vm_profile=p.name, hypervisor=hv,
        container_profile=P.container_profile(container).name, runtime=P.runtime(runtime).name,
        page_sharing=float(page_sharing), host_ram_mib=h.ram_mib, host_cores=h.cores,
        os_reserve_mib=h.os_reserve_mib, vm_memory_mib=vm_mem, container_memory_mib=ct_mem,
        total_memory_mib=total, memory_ratio=total / h.ram_mib, fits=total <= h.ram_mib,
        swapped_fraction=float(swapped_fraction(total, h)),
        relative_performance=float(relative_performance(total, h)),
        vm_disk_gib=float(vm_disk_gib(n, p)), container_disk_gib=float(container_disk_gib(m, container)),
        vm_boot_one_s=vm_boot_one_s(p), vm_ready_all_s=float(vm_ready_all_s(n, p, h)),
        container_start_one_s=container_start_one_s(container, runtime),
        container_ready_all_s=float(container_ready_all_s(m, container, runtime, h)),
        vm_capacity=vm_capacity(h, p, hypervisor=hv, page_sharing=page_sharing),
        container_capacity=container_capacity(h, container, runtime),
    )


def runtime_overhead() -> dict[str, dict]:
    """Felter et al. (ISPASS 2015): each benchmark's container and VM result relative to native."""
    table = {}
    for name, row in P.data()["runtime_overhead"].items():
        ratio = (lambda v: v / row["native"]) if row["higher_is_better"] else (lambda v: row["native"] / v)
        table[name] = {**row, "container_relative": ratio(row["container"]), "vm_relative": ratio(row["vm"])}
    return table
