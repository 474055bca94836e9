"""The VM / container resource model: pure, vectorised (numpy), no widgets.

Counts may be ints or integer arrays; results broadcast. Memory is in MiB, disk in GiB,
time in seconds. Every constant comes from :mod:`virtlab_widgets.presets` (and so from the
cited ``data/parameters.json``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, TypeAlias

import numpy as np

from ..validate import Count, CountLike, check_choice, check_count, check_number
from . import presets as P
from .presets import ContainerLike, HostLike, HypervisorLike, RuntimeLike, VMLike

_TOLERANCE = 1e-6
"""Slack (MiB or GiB) when comparing a demand with a host's capacity, against float rounding."""

Values: TypeAlias = float | np.ndarray
"""A result for one count (a float) or for an array of counts (a float array of the same shape)."""

Flags: TypeAlias = bool | np.ndarray
"""A yes/no result for one count, or a boolean array for an array of counts."""


def hypervisor_overhead_mib(guest_mib: Values, vcpus: Values, hypervisor: HypervisorLike = "kvm",
                            graphics: float = 0) -> Values:
    """Memory the hypervisor spends on one VM beyond its guest RAM.

    ``kvm``: Red Hat OpenShift Virtualization's (KubeVirt) sizing rule, 0.002 x guest +
    218 MiB + 8 MiB/vCPU + 16 MiB/graphics device (Red Hat's rule for its platform, used
    here for KVM/QEMU). ``esxi``: vSphere Table 6-1, interpolated. ``firecracker``: <= 5 MiB
    (Firecracker's SPECIFICATION.md, for a 1 vCPU, 128 MiB microVM).
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


def page_sharing_bound() -> float:
    """The optimistic upper bound on page sharing between VMs: 0.15 (Barker et al., ATC 2012).

    Barker et al. found total sharing *generally under* 15 % of memory, most of it within
    one VM; vSphere disables sharing between VMs by default (VMware KB 2080735, see
    :func:`page_sharing_levels`). Use it as a best case, never as a typical saving.
    """
    return float(P.value("page_sharing", "measured_fraction"))


def page_sharing_levels() -> dict[str, float]:
    """The cited page-sharing fractions, smallest first, each the share of a guest's memory.

    ``vsphere_default`` 0 (no inter-VM sharing by default), ``diverse`` 0.05 (VMware:
    diverse workloads < 5 %), ``optimistic_bound`` 0.15 (Barker et al.: generally under 15 %),
    ``identical_floor`` 0.30 (VMware: nearly identical VMs free *more than* 30 %, a floor),
    ``max_reported`` 0.90 (Difference Engine with sub-page sharing and compression).
    """
    keys = {"vsphere_default": "inter_vm_default", "diverse": "diverse_fraction",
            "optimistic_bound": "measured_fraction", "identical_floor": "identical_vms_floor",
            "max_reported": "max_reported_fraction"}
    return {name: float(P.value("page_sharing", key)) for name, key in keys.items()}


def _page_sharing(fraction: float) -> float:
    cap = P.value("page_sharing", "max_reported_fraction")
    return check_number(fraction, "page sharing fraction", 0.0, cap)


def vm_hypervisor(vm: VMLike = "ubuntu-server", hypervisor: HypervisorLike | None = None) -> str:
    """The hypervisor a VM profile runs on: its own default, or ``hypervisor`` if the pairing is valid.

    Raises ValueError for a pairing the cited figures do not cover, e.g. the Firecracker
    ``microvm`` profile on ``esxi`` (Firecracker is a KVM-based VMM with its own figures).
    """
    profile = P.vm_profile(vm)
    if hypervisor is None:
        return profile.hypervisor
    name = P.hypervisor(hypervisor).name
    allowed = profile.hypervisors or (profile.hypervisor,)
    if name not in allowed:
        why = (" (Firecracker is a KVM-based microVM monitor; its boot time and overhead are its own)"
               if allowed == ("firecracker",) else "")
        raise ValueError(f"VM profile {profile.name!r} runs on {' or '.join(allowed)}, "
                         f"not on {name!r}{why}")
    return name


def vm_memory_mib(n: CountLike, vm: VMLike = "ubuntu-server", *, hypervisor: HypervisorLike | None = None,
                  page_sharing: float = 0.0) -> Values:
    """Host memory used by ``n`` identical VMs: guest RAM + hypervisor overhead each.

    With ``page_sharing`` = s, every guest after the first shares a fraction s of its
    memory with the others. Cited levels are in :func:`page_sharing_levels`; 0.15 is an
    optimistic upper bound, and vSphere shares nothing between VMs by default. Fractions
    above the largest reported saving (0.90, Difference Engine) raise ValueError.
    """
    n = check_count(n, "number of VMs")
    profile = P.vm_profile(vm)
    share = _page_sharing(page_sharing)
    overhead = hypervisor_overhead_mib(profile.guest_mib, profile.vcpus,
                                       vm_hypervisor(profile, hypervisor), profile.graphics)
    others = np.maximum(np.asarray(n) - 1, 0)
    return n * (profile.guest_mib + overhead) - share * profile.guest_mib * others


def container_memory_mib(m: CountLike, container: ContainerLike = "web-small",
                         runtime: RuntimeLike = "runc") -> Values:
    """Host memory used by ``m`` containers: the app's memory plus the runtime's overhead each."""
    m = check_count(m, "number of containers")
    app, rt = P.container_profile(container), P.runtime(runtime)
    return m * (app.app_mib + rt.overhead_mib) + 0.0


def memory_demand_mib(n: CountLike, m: CountLike, host: HostLike = "laptop-16", vm: VMLike = "ubuntu-server",
                      container: ContainerLike = "web-small", runtime: RuntimeLike = "runc", *,
                      hypervisor: HypervisorLike | None = None, page_sharing: float = 0.0) -> Values:
    """Total memory wanted on the host: its OS reserve + VMs + containers."""
    return (P.host(host).os_reserve_mib
            + vm_memory_mib(n, vm, hypervisor=hypervisor, page_sharing=page_sharing)
            + container_memory_mib(m, container, runtime))


def swapped_fraction(demand_mib: Values, host: HostLike = "laptop-16") -> np.ndarray:
    """Share of the wanted memory that cannot be resident and is swapped out (0 if it fits)."""
    demand = np.asarray(demand_mib, dtype=float)
    ram = P.host(host).ram_mib
    return np.clip(1.0 - ram / np.maximum(demand, 1e-9), 0.0, 1.0)


def relative_performance(demand_mib: Values, host: HostLike = "laptop-16") -> np.ndarray:
    """Throughput per instance relative to no memory pressure (1.0), collapsing past host RAM.

    ``1 / (1 + K * swapped_fraction)`` with the assumed, documented swap penalty K.
    """
    penalty = P.value("overcommit", "swap_penalty")
    return 1.0 / (1.0 + penalty * swapped_fraction(demand_mib, host))


def vm_disk_gib(n: CountLike, vm: VMLike = "ubuntu-server") -> Values:
    """Disk used by ``n`` VMs: a full disk image each."""
    return check_count(n, "number of VMs") * P.vm_profile(vm).disk_gib + 0.0


def container_disk_gib(m: CountLike, container: ContainerLike = "web-small") -> Values:
    """Disk used by ``m`` containers of one image: the layers once + a thin copy-on-write layer each."""
    m = check_count(m, "number of containers")
    app = P.container_profile(container)
    return (np.where(np.asarray(m) > 0, app.image_mib, 0.0) + m * app.writable_layer_mib) / 1024.0


def _scalar_or_array(values: Flags | Values) -> Any:
    """A 0-d result as a plain Python value (bool, float), arrays unchanged."""
    values = np.asarray(values)
    return values.item() if values.ndim == 0 else values


def fit_parts(n: CountLike, m: CountLike, host: HostLike = "laptop-16", vm: VMLike = "ubuntu-server",
              container: ContainerLike = "web-small", runtime: RuntimeLike = "runc", *,
              hypervisor: HypervisorLike | None = None, page_sharing: float = 0.0) -> tuple[Flags, Flags]:
    """(memory fits, disk fits) for ``n`` VMs and ``m`` containers together on ``host``: the two
    halves of :func:`fits`, for a figure that says which one runs out ("RAM 초과", "디스크 초과")."""
    h = P.host(host)
    demand = memory_demand_mib(n, m, h, vm, container, runtime, hypervisor=hypervisor,
                               page_sharing=page_sharing)
    disk = vm_disk_gib(n, vm) + container_disk_gib(m, container)
    return (_scalar_or_array(demand <= h.ram_mib + _TOLERANCE),
            _scalar_or_array(disk <= h.disk_gib + _TOLERANCE))


def fits(n: CountLike, m: CountLike, host: HostLike = "laptop-16", vm: VMLike = "ubuntu-server",
         container: ContainerLike = "web-small", runtime: RuntimeLike = "runc", *,
         hypervisor: HypervisorLike | None = None, page_sharing: float = 0.0) -> Flags:
    """Whether ``n`` VMs and ``m`` containers fit the host together: its RAM (after the host
    OS's reserve) *and* its disk (every VM's image, the containers' shared layers).

    Counts may be arrays (a boolean array comes back). Past this, a VM or container cannot
    be started without swapping (memory) or at all (disk): figures show "does not fit".
    """
    memory_ok, disk_ok = fit_parts(n, m, host, vm, container, runtime, hypervisor=hypervisor,
                                   page_sharing=page_sharing)
    return _scalar_or_array(np.logical_and(memory_ok, disk_ok))


def vm_fits(n: CountLike, vm: VMLike = "ubuntu-server", host: HostLike = "laptop-16", *,
            hypervisor: HypervisorLike | None = None, page_sharing: float = 0.0) -> Flags:
    """Whether ``n`` VMs alone fit the host's RAM and disk (agrees with :func:`vm_capacity`)."""
    return fits(n, 0, host, vm, hypervisor=hypervisor, page_sharing=page_sharing)


def container_fits(m: CountLike, container: ContainerLike = "web-small", runtime: RuntimeLike = "runc",
                   host: HostLike = "laptop-16") -> Flags:
    """Whether ``m`` containers alone fit the host's RAM and disk (agrees with :func:`container_capacity`)."""
    return fits(0, m, host, container=container, runtime=runtime)


def process_fits(k: CountLike, container: ContainerLike = "web-small", host: HostLike = "laptop-16") -> Flags:
    """Whether ``k`` copies of the app run as plain processes fit the host's RAM (the app's
    own memory each, no runtime overhead; the program's files are on disk once)."""
    k = check_count(k, "number of processes")
    h = P.host(host)
    demand = h.os_reserve_mib + k * P.container_profile(container).app_mib
    return _scalar_or_array(demand <= h.ram_mib + _TOLERANCE)


def _where_fits(times: Values, fit: Flags) -> np.ndarray:
    """``times`` with NaN wherever ``fit`` is False (NaN reads as "does not fit")."""
    return np.where(fit, times, np.nan)


def _ready_all(count: Count, one_s: float, cpu_core_s: float, io_ops: float, host: HostLike) -> np.ndarray:
    """Time until ``count`` instances started together are all ready (a boot storm).

    Each needs ``one_s`` alone; together they are also bounded by the host's cores
    (``count * cpu_core_s / cores``) and disk (``count * io_ops / iops``).
    """
    h = P.host(host)
    counts = np.asarray(count)
    storm = np.maximum(counts * cpu_core_s / h.cores, counts * io_ops / h.disk_iops)
    return np.where(counts > 0, np.maximum(one_s, storm), 0.0)


def vm_boot_one_s(vm: VMLike = "ubuntu-server") -> float:
    """Boot time of one VM alone, as its source measures it (see :func:`vm_app_ready_one_s`)."""
    return float(P.vm_profile(vm).boot_s)


def container_start_one_s(container: ContainerLike = "web-small", runtime: RuntimeLike = "runc") -> float:
    """Start time of one container alone: the whole ``docker run`` path plus the app's own start."""
    return float(P.runtime(runtime).start_s + P.container_profile(container).app_start_s)


def process_start_one_s() -> float:
    """Start time of a plain process (fork/exec)."""
    return float(P.value("process", "start_s"))


def vm_app_ready_one_s(vm: VMLike = "ubuntu-server", container: ContainerLike = "web-small") -> float:
    """One VM alone, from launching it to the app answering: starting the VMM process, the
    guest's boot and the app's own start (the same end point as :func:`container_start_one_s`).

    For the microVM: ~12 ms to start Firecracker + <= 125 ms InstanceStart → ``/sbin/init``
    (SPECIFICATION.md) + the app. For a general-purpose VM the VMM and firmware start is not
    measured by any cited source and is left out, so that time is a lower bound.
    """
    p = P.vm_profile(vm)
    return float(p.vmm_start_s + p.boot_s + P.container_profile(container).app_start_s)


def process_app_ready_one_s(container: ContainerLike = "web-small") -> float:
    """The app started as a plain process: fork/exec plus the app's own start."""
    return float(process_start_one_s() + P.container_profile(container).app_start_s)


def _vm_storm(n: Count, p: P.VMProfile, one_s: float, host: HostLike) -> np.ndarray:
    return _ready_all(n, one_s, p.boot_cpu_core_s, p.boot_iops * p.boot_s, host)


def vm_ready_all_s(n: CountLike, vm: VMLike = "ubuntu-server", host: HostLike = "laptop-16", *,
                   fit_only: bool = False, hypervisor: HypervisorLike | None = None,
                   page_sharing: float = 0.0) -> np.ndarray:
    """Time until all ``n`` VMs booted together are up.

    With ``fit_only=True`` the result is NaN wherever ``n`` VMs do not fit the host's RAM
    and disk (:func:`vm_fits`, with ``hypervisor`` and ``page_sharing``): show "does not fit".
    """
    n = check_count(n, "number of VMs")
    p = P.vm_profile(vm)
    times = _vm_storm(n, p, p.boot_s, host)
    if not fit_only:
        return times
    return _where_fits(times, vm_fits(n, p, host, hypervisor=hypervisor, page_sharing=page_sharing))


def container_ready_all_s(m: CountLike, container: ContainerLike = "web-small", runtime: RuntimeLike = "runc",
                          host: HostLike = "laptop-16", *, fit_only: bool = False) -> np.ndarray:
    """Time until all ``m`` containers started together are up.

    With ``fit_only=True`` the result is NaN wherever ``m`` containers do not fit the host
    (:func:`container_fits`).
    """
    m = check_count(m, "number of containers")
    rt = P.runtime(runtime)
    times = _ready_all(m, container_start_one_s(container, runtime), rt.start_cpu_core_s,
                       rt.start_io_ops, host)
    return _where_fits(times, container_fits(m, container, runtime, host)) if fit_only else times


def process_ready_all_s(k: CountLike, host: HostLike = "laptop-16") -> np.ndarray:
    """Time until ``k`` plain processes started together are running."""
    k = check_count(k, "number of processes")
    one = process_start_one_s()
    return _ready_all(k, one, P.value("process", "start_cpu_core_s"), 0.0, host)


APP_KINDS = ("vm", "container", "process")


def app_ready_all_s(kind: str, count: CountLike, host: HostLike = "laptop-16", *, vm: VMLike = "ubuntu-server",
                    container: ContainerLike = "web-small", runtime: RuntimeLike = "runc") -> np.ndarray:
    """Time until ``count`` copies of the same app, started together, all answer: in VMs of
    profile ``vm`` (launch + boot + app), in containers (``docker run`` + app), or as plain
    processes (fork/exec + app). NaN where they do not fit the host (RAM and disk).

    Every kind ends at the same point, so the times compare like with like (the start-up race).
    """
    check_choice(kind, "kind", APP_KINDS)
    count = check_count(count, "count")
    if kind == "vm":
        p = P.vm_profile(vm)
        return _where_fits(_vm_storm(count, p, vm_app_ready_one_s(p, container), host),
                           vm_fits(count, p, host))
    if kind == "container":
        return container_ready_all_s(count, container, runtime, host, fit_only=True)
    times = _ready_all(count, process_app_ready_one_s(container), P.value("process", "start_cpu_core_s"),
                       0.0, host)
    return _where_fits(times, process_fits(count, container, host))


def vm_capacity(host: HostLike = "laptop-16", vm: VMLike = "ubuntu-server", *,
                hypervisor: HypervisorLike | None = None, page_sharing: float = 0.0) -> int:
    """How many VMs of a profile fit the host's RAM and disk with nothing else running.

    ``n`` VMs fit (:func:`vm_fits`) exactly when ``n <= vm_capacity``.
    """
    h, p = P.host(host), P.vm_profile(vm)
    share = _page_sharing(page_sharing)
    first = float(vm_memory_mib(1, p, hypervisor=hypervisor))
    each = first - share * p.guest_mib
    free = h.ram_mib - h.os_reserve_mib
    by_memory = 0 if free + _TOLERANCE < first else 1 + int(np.floor((free - first + _TOLERANCE) / each))
    by_disk = int(np.floor((h.disk_gib + _TOLERANCE) / p.disk_gib))
    return min(by_memory, by_disk)


def container_capacity(host: HostLike = "laptop-16", container: ContainerLike = "web-small",
                       runtime: RuntimeLike = "runc") -> int:
    """How many containers of a profile fit the host's RAM and disk with nothing else running."""
    h = P.host(host)
    each = float(container_memory_mib(1, container, runtime))
    by_memory = max(0, int(np.floor((h.ram_mib - h.os_reserve_mib + _TOLERANCE) / each)))
    app = P.container_profile(container)
    disk_mib = h.disk_gib * 1024 - app.image_mib
    by_disk = max(0, int(np.floor((disk_mib + _TOLERANCE * 1024) / app.writable_layer_mib)))
    return min(by_memory, by_disk)


def process_capacity(host: HostLike = "laptop-16", container: ContainerLike = "web-small") -> int:
    """How many copies of the app fit the host's RAM as plain processes (agrees with :func:`process_fits`)."""
    h = P.host(host)
    each = float(P.container_profile(container).app_mib)
    return max(0, int(np.floor((h.ram_mib - h.os_reserve_mib + _TOLERANCE) / each)))


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
    fits: bool                # memory AND disk, VMs and containers together
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
    fits_memory: bool = True  # the memory demand is within the host's RAM
    fits_disk: bool = True    # the VMs' images and the containers' layers are within the host's disk
    host_disk_gib: float = 0.0
    vms_fit: bool = True      # the VMs alone fit (vms <= vm_capacity): else no ready time
    containers_fit: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def simulate(vms: int, containers: int, host: HostLike = "laptop-16", vm: VMLike = "ubuntu-server",
             container: ContainerLike = "web-small", runtime: RuntimeLike = "runc", *,
             hypervisor: HypervisorLike | None = None,
             page_sharing: float = 0.0) -> Scenario:
    """Run the whole model for one situation (the CLI and the widgets' summary use this).

    ``fits`` is True only if memory and disk both suffice; ``vms_fit`` agrees with
    ``vm_capacity`` (the VMs alone). ``hypervisor`` must be one the VM profile runs on.
    """
    n, m = check_count(vms, "number of VMs"), check_count(containers, "number of containers")
    if not isinstance(n, int) or not isinstance(m, int):
        raise TypeError("simulate() takes single counts; use the vectorised functions for arrays")
    h, p = P.host(host), P.vm_profile(vm)
    hv = vm_hypervisor(p, hypervisor)
    vm_mem = float(vm_memory_mib(n, p, hypervisor=hv, page_sharing=page_sharing))
    ct_mem = float(container_memory_mib(m, container, runtime))
    total = h.os_reserve_mib + vm_mem + ct_mem
    memory_ok, disk_ok = (bool(x) for x in fit_parts(n, m, h, p, container, runtime, hypervisor=hv,
                                                      page_sharing=page_sharing))
    vm_cap = vm_capacity(h, p, hypervisor=hv, page_sharing=page_sharing)
    ct_cap = container_capacity(h, container, runtime)
    return Scenario(
        vms=n, containers=m, host=h.name, vm_profile=p.name, hypervisor=hv,
        container_profile=P.container_profile(container).name, runtime=P.runtime(runtime).name,
        page_sharing=float(page_sharing), host_ram_mib=h.ram_mib, host_cores=h.cores,
        os_reserve_mib=h.os_reserve_mib, vm_memory_mib=vm_mem, container_memory_mib=ct_mem,
        total_memory_mib=total, memory_ratio=total / h.ram_mib, fits=memory_ok and disk_ok,
        swapped_fraction=float(swapped_fraction(total, h)),
        relative_performance=float(relative_performance(total, h)),
        vm_disk_gib=float(vm_disk_gib(n, p)), container_disk_gib=float(container_disk_gib(m, container)),
        vm_boot_one_s=vm_boot_one_s(p), vm_ready_all_s=float(vm_ready_all_s(n, p, h)),
        container_start_one_s=container_start_one_s(container, runtime),
        container_ready_all_s=float(container_ready_all_s(m, container, runtime, h)),
        vm_capacity=vm_cap, container_capacity=ct_cap,
        fits_memory=memory_ok, fits_disk=disk_ok, host_disk_gib=float(h.disk_gib),
        vms_fit=n <= vm_cap, containers_fit=m <= ct_cap,
    )


def _relative_to_native(value: float, row: dict[str, Any]) -> float:
    """A benchmark result of ``row`` as a share of native performance (1.0 = native, below 1 = slower)."""
    native = row["native"]
    return value / native if row["higher_is_better"] else native / value


def runtime_overhead() -> dict[str, dict[str, Any]]:
    """Felter et al. (IBM Research Report RC25482 and its raw data): each benchmark's container
    and VM result relative to native. A cell the data file derives rather than quotes (the
    Docker-NAT round trip, 2 x native) is listed by :func:`virtlab_widgets.presets.derived`."""
    return {name: {**row, "container_relative": _relative_to_native(row["container"], row),
                   "vm_relative": _relative_to_native(row["vm"], row)}
            for name, row in P.data()["runtime_overhead"].items()}
