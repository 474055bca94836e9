"""Performance under contention: per-instance throughput as instances are added to one host.

Pure (numpy, no widgets). Three factors, each from the cited model:

* the extra layer: the benchmark's result relative to native (Felter et al., IBM Research
  Report RC25482 and its raw data, via :func:`virtlab_widgets.models.model.runtime_overhead`);
* the shared resource that bounds the workload (:data:`BOUND`):

  - CPU-bound (Linpack): ``n`` instances that each want ``cores_each`` cores share the
    host's cores fairly, so throughput per instance falls only once the cores are all busy;
  - disk-bound (fio random read, queue depth 128): one native run already saturates the
    disk (its 84,044 IOPS are the lab server's ``disk_iops``), so ``n`` instances share the
    disk's IOPS from the first one on, whatever the core count: each gets ``layer / n`` of
    one native run (assumed: the layer's loss applies to every I/O, so it lowers the disk's
    total too, as the consolidation demo assumes);
  - network-bound (nuttcp): one native stream fills the link (9.35 Gbit/s), so instances
    share the link the same way;

* memory: once the host's RAM is overcommitted, pages are swapped and throughput collapses
  (:func:`virtlab_widgets.models.model.relative_performance`, assumed swap penalty).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_count, check_number, check_one_count
from . import model
from . import presets as P

KINDS = ("vm", "container")
BENCHMARKS = ("linpack_gflops", "random_read_iops", "network_gbits")
"""Benchmarks offered by the demo (keys of ``runtime_overhead``; all higher-is-better)."""
BOUND = {"linpack_gflops": "cpu", "random_read_iops": "disk", "network_gbits": "network"}
"""The shared resource that bounds each benchmark's total throughput on one host."""


def layer_factor(kind: str, benchmark: str = "linpack_gflops") -> float:
    """Throughput of one VM or container relative to native for a Felter et al. benchmark."""
    check_choice(kind, "kind", KINDS)
    table = model.runtime_overhead()
    check_choice(benchmark, "benchmark", list(table))
    return float(table[benchmark][f"{kind}_relative"])


def memory_demand(n, kind: str, host="laptop-16", vm="ubuntu-server", container="web-small"):
    """Host memory wanted (MiB) with ``n`` VMs or ``n`` containers and nothing else."""
    check_choice(kind, "kind", KINDS)
    if kind == "vm":
        return model.memory_demand_mib(n, 0, host, vm, container)
    return model.memory_demand_mib(0, n, host, vm, container)


def bound(benchmark: str = "linpack_gflops") -> str:
    """``"cpu"``, ``"disk"`` or ``"network"``: what limits the benchmark's total on one host."""
    return BOUND[check_choice(benchmark, "benchmark", BENCHMARKS)]


def device_share(n):
    """Each of ``n`` instances' share of a device that one native instance already fills.

    Disk: one native fio random-read run at queue depth 128 saturates the disk (Felter et
    al.'s 84,044 IOPS are the lab server's ``disk_iops``), so ``n`` instances together get
    at most the disk's IOPS: ``disk_iops / n`` each, ``1 / n`` of one native run. Network:
    one native nuttcp stream fills the link (9.35 Gbit/s), so likewise ``1 / n``.
    """
    k = np.asarray(n, dtype=float)
    return np.minimum(1.0, 1.0 / np.maximum(k, 1e-12))


def per_instance(n, kind: str = "vm", host="laptop-16", vm="ubuntu-server", container="web-small",
                 benchmark: str = "linpack_gflops", cores_each: float = 1.0):
    """Throughput of each of ``n`` instances, relative to one native instance alone on the host.

    CPU-bound: the layer's factor times the instance's share of the cores. Disk- or
    network-bound: the device is shared from the first instance on, so each instance gets
    the layer's factor times ``1/n`` (``cores_each`` plays no part). Both times the memory factor.
    NaN where ``n`` is 0 (there is no instance to measure).
    """
    n = check_count(n, "number of instances")
    want = check_number(cores_each, "cores wanted per instance", 0, 256, low_inclusive=False)
    k = np.asarray(n, dtype=float)
    if bound(benchmark) == "cpu":
        share = np.minimum(1.0, P.host(host).cores / np.maximum(k * want, 1e-12))
    else:  # the disk's IOPS or the link's bandwidth: shared, whatever the core count
        share = device_share(n)
    mem = model.relative_performance(memory_demand(n, kind, host, vm, container), host)
    return np.where(k > 0, layer_factor(kind, benchmark) * share * mem, np.nan)


def first_overcommitted(kind: str, host="laptop-16", vm="ubuntu-server", container="web-small",
                        max_count: int = 10_000) -> int:
    """The smallest count whose memory no longer fits the host's RAM."""
    ram = P.host(host).ram_mib
    k = np.arange(max_count + 1)
    over = np.nonzero(memory_demand(k, kind, host, vm, container) > ram)[0]
    return int(over[0]) if over.size else max_count + 1


@dataclass(frozen=True)
class ContentionCurves:
    """Per-instance and total throughput (relative to one native instance) for 0..max_count."""

    counts: np.ndarray
    vm_each: np.ndarray
    ct_each: np.ndarray
    cpu_full: float           # count where the shared resource is fully used (cores; 1 for disk/network)
    vm_over: int              # first VM count that overcommits memory
    ct_over: int
    bound: str = "cpu"        # what limits the total: "cpu", "disk" or "network"

    @property
    def vm_total(self) -> np.ndarray:
        return np.nan_to_num(self.vm_each) * self.counts

    @property
    def ct_total(self) -> np.ndarray:
        return np.nan_to_num(self.ct_each) * self.counts


def contention_curves(host="laptop-16", vm="ubuntu-server", container="web-small",
                      benchmark: str = "linpack_gflops", cores_each: float = 1.0,
                      max_count: int = 40) -> ContentionCurves:
    """Evaluate :func:`per_instance` for VMs and containers over 0..max_count."""
    k = np.arange(check_one_count(max_count, "max_count") + 1)
    args = dict(host=host, vm=vm, container=container, benchmark=benchmark, cores_each=cores_each)
    limit = bound(benchmark)
    return ContentionCurves(
        counts=k, vm_each=per_instance(k, "vm", **args), ct_each=per_instance(k, "container", **args),
        cpu_full=P.host(host).cores / cores_each if limit == "cpu" else 1.0,
        vm_over=first_overcommitted("vm", host, vm, container, max_count),
        ct_over=first_overcommitted("container", host, vm, container, max_count), bound=limit)
