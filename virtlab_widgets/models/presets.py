"""Cited parameters and presets, loaded from ``data/parameters.json``.

Every number carries its source; :func:`cite` turns a parameter path into a citation
that figures and notebooks can show.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any, TypeAlias, TypeVar

from ..validate import check_choice, check_number, shown

KINDS = ("hosts", "vm_profiles", "container_profiles", "runtimes", "hypervisors")


@cache
def data() -> dict[str, Any]:
    """The parsed parameter file (cached; treat as read-only)."""
    text = resources.files("virtlab_widgets").joinpath("data/parameters.json").read_text("utf-8")
    return json.loads(text)


def _node(path: tuple[str, ...]) -> dict[str, Any]:
    node = data()
    for key in path:
        node = node[key]
    return node


def value(*path: str) -> Any:
    """The ``value`` of the parameter at ``path``, e.g. ``value("hosts", "laptop-8", "cores")``."""
    return _node(path)["value"]


def cite(*path: str) -> str:
    """A one-line citation of the parameter at ``path`` ("assumed: why" when unsourced).

    A derived value also says how it was derived from the cited figures.
    """
    node = _node(path)
    if node["source"] == "assumed":
        return f"assumed: {node['why']}"
    text = f"{data()['sources'][node['source']]['citation']} — {node['where']}"
    how = node.get("derived")
    if isinstance(how, str):
        text += f" — derived: {how}"
    return text


def derived(*path: str) -> str | None:
    """How the value at ``path`` was derived from cited figures, or None if it is quoted as is.

    ``path`` may end in a column of a benchmark row, e.g.
    ``derived("runtime_overhead", "tcp_rr_latency_us", "container")``.
    """
    node = _node(path[:-1])
    leaf = node[path[-1]]
    if isinstance(leaf, dict):          # a parameter: {value, unit, source, ..., derived?}
        return leaf.get("derived")
    columns = node.get("derived")       # a column of a benchmark row: the row's {column: how}
    return columns.get(path[-1]) if isinstance(columns, dict) else None


def names(kind: str) -> list[str]:
    """Preset names of one kind (``"hosts"``, ``"vm_profiles"``, …) in file order."""
    check_choice(kind, "preset kind", KINDS)
    return list(data()[kind])


@dataclass(frozen=True)
class Host:
    """A physical machine: RAM, cores, disk and the memory its own OS keeps."""

    name: str
    ram_mib: float
    cores: int
    disk_gib: float
    disk_iops: float
    os_reserve_mib: float


@dataclass(frozen=True)
class Hypervisor:
    """A hypervisor's per-VM memory-overhead rule (see :func:`model.hypervisor_overhead_mib`)."""

    name: str
    rule: str
    params: tuple[tuple[str, Any], ...]
    rule_of: str = ""
    """Whose rule it is, e.g. "Red Hat OpenShift Virtualization (KubeVirt) sizing rule"."""

    def get(self, key: str) -> Any:
        return dict(self.params)[key]


@dataclass(frozen=True)
class VMProfile:
    """A guest: memory, vCPUs, disk image and boot behaviour."""

    name: str
    hypervisor: str
    guest_mib: float
    vcpus: int
    graphics: int
    disk_gib: float
    boot_s: float
    boot_cpu_core_s: float
    boot_iops: float
    vmm_start_s: float = 0.0
    hypervisors: tuple[str, ...] = ()
    """Hypervisors this guest may run on (the first-listed default is ``hypervisor``)."""


@dataclass(frozen=True)
class ContainerProfile:
    """A containerised app: its memory, image size and start-up."""

    name: str
    app_mib: float
    image_mib: float
    writable_layer_mib: float
    app_start_s: float


@dataclass(frozen=True)
class Runtime:
    """A container runtime (runc, gVisor, Kata): its overhead and start-up cost."""

    name: str
    overhead_mib: float
    start_s: float
    start_cpu_core_s: float
    start_io_ops: float


# What the model's preset parameters accept: a preset's name, or the preset itself.
HostLike: TypeAlias = str | Host
VMLike: TypeAlias = str | VMProfile
ContainerLike: TypeAlias = str | ContainerProfile
RuntimeLike: TypeAlias = str | Runtime
HypervisorLike: TypeAlias = str | Hypervisor

_Preset = TypeVar("_Preset", Host, VMProfile, ContainerProfile, Runtime)


def _build(cls: type[_Preset], kind: str, name: str, **extra: Any) -> _Preset:
    entry = data()[kind][name]
    kwargs: dict[str, Any] = {"name": name, **extra}
    for f in fields(cls):
        if f.name in kwargs:
            continue
        raw = entry[f.name]
        raw = raw["value"] if isinstance(raw, dict) else raw
        kwargs[f.name] = tuple(raw) if isinstance(raw, list) else raw
    return cls(**kwargs)


@cache
def _host(name: str) -> Host:
    entry = data()["hosts"][name]
    return _build(Host, "hosts", name, ram_mib=entry["ram_gib"]["value"] * 1024.0)


def host(name: HostLike) -> Host:
    """The host preset ``name`` (a :class:`Host` passes through)."""
    if isinstance(name, Host):
        return name
    return _host(check_choice(name, "host preset", names("hosts")))


# Assumed floors for a host you describe yourself: no general-purpose OS runs its own host in
# less (and smaller values only produce meaningless percentages, e.g. 1e-300 GiB of RAM).
MIN_HOST_RAM_GIB = 0.25
MIN_HOST_DISK_GIB = 1.0


def custom_host(ram_gib: float, cores: int = 4, disk_gib: float = 256.0,
                disk_iops: float | None = None, os_reserve_mib: float | None = None) -> Host:
    """A host with your own numbers; unset ones come from the ``laptop-8`` preset."""
    base = host("laptop-8")
    ram = check_number(ram_gib, "host RAM (GiB)", MIN_HOST_RAM_GIB, 65536)
    n_cores = int(check_number(cores, "host cores", 1, 4096))
    if n_cores != cores:
        raise TypeError(f"host cores must be a whole number, got {shown(cores)}")
    disk = check_number(disk_gib, "host disk (GiB)", MIN_HOST_DISK_GIB, 1e6)
    iops = base.disk_iops if disk_iops is None else check_number(
        disk_iops, "disk IOPS", 1, 1e8)
    reserve = min(base.os_reserve_mib, ram * 1024 / 4) if os_reserve_mib is None else \
        check_number(os_reserve_mib, "host OS reserve (MiB)", 0, ram * 1024)
    return Host("custom", ram * 1024.0, n_cores, disk, iops, reserve)


_BUILT: dict[tuple[str, str], Any] = {}  # (kind, name) -> the preset, built once


def _preset(cls: type[_Preset], kind: str, what: str, name: str | _Preset) -> _Preset:
    """The preset ``name`` of ``data()[kind]`` (checked, in plain words, as ``what``); a ``cls``
    instance passes through."""
    if isinstance(name, cls):
        return name
    key = (kind, check_choice(name, what, names(kind)))
    if key not in _BUILT:
        _BUILT[key] = _build(cls, kind, key[1])
    return _BUILT[key]


def vm_profile(name: VMLike) -> VMProfile:
    """The guest preset ``name`` (a :class:`VMProfile` passes through)."""
    return _preset(VMProfile, "vm_profiles", "VM profile", name)


def container_profile(name: ContainerLike) -> ContainerProfile:
    """The container preset ``name`` (a :class:`ContainerProfile` passes through)."""
    return _preset(ContainerProfile, "container_profiles", "container profile", name)


def runtime(name: RuntimeLike) -> Runtime:
    """The container runtime preset ``name`` (a :class:`Runtime` passes through)."""
    return _preset(Runtime, "runtimes", "container runtime", name)


@cache
def _hypervisor(name: str) -> Hypervisor:
    entry = data()["hypervisors"][name]
    params = tuple((k, tuple(v["value"]) if isinstance(v["value"], list) else v["value"])
                   for k, v in entry.items() if isinstance(v, dict))
    return Hypervisor(name, entry["rule"], params, entry.get("rule_of", ""))


def hypervisor(name: HypervisorLike) -> Hypervisor:
    """The hypervisor preset ``name`` (a :class:`Hypervisor` passes through)."""
    if isinstance(name, Hypervisor):
        return name
    return _hypervisor(check_choice(name, "hypervisor", names("hypervisors")))
