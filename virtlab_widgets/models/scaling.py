"""Scale Up vs Scale Out: capacity and yearly cost as a service's demand grows.

Pure (numpy, no widgets). Scale up: the smallest single server that carries the demand,
up to the largest size on offer. Scale out: enough identical nodes, each losing a little
capacity to coordination, plus a load balancer. Sizes, the price curve, the coordination
overhead and costs are assumed, illustrative values (``parameters.json → scaling`` and
``consolidation``), costs in 10,000 KRW (만 원) per year.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validate import check_number, shown
from . import presets as P

BASE_CORES = 16
"""The reference server (the ``lab-server`` preset's 16 cores) costs ``server_cost_per_year``."""


def sizes() -> np.ndarray:
    """Server sizes on offer (cores), smallest first."""
    return np.array(P.value("scaling", "sizes_cores"), dtype=float)


def server_cost(cores):
    """Yearly cost of one server of ``cores`` cores: bigger boxes cost more per core."""
    c = np.asarray(cores, dtype=float)
    return (P.value("consolidation", "server_cost_per_year")
            * (c / BASE_CORES) ** P.value("scaling", "price_exponent"))


def _demand(demand_cores):
    d = np.asarray(demand_cores, dtype=float)
    if d.size and (not np.all(np.isfinite(d)) or d.min() < 0):
        raise ValueError(f"demand must be a non-negative number of cores, got {shown(demand_cores)}")
    return d


def _target(target):
    value = P.value("consolidation", "target_utilisation") if target is None else target
    return check_number(value, "target utilisation", 0.05, 1.0)


def scale_up(demand_cores, target: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cores of the one server needed and its yearly cost (NaN beyond the largest size)."""
    d, tgt, s = _demand(demand_cores), _target(target), sizes()
    i = np.searchsorted(s * tgt, d - 1e-9)
    fits = i < s.size
    size = np.where(fits, s[np.minimum(i, s.size - 1)], np.nan)
    return size, np.where(fits, server_cost(np.nan_to_num(size)), np.nan)


def scale_out(demand_cores, node_cores: float = BASE_CORES,
              target: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Number of ``node_cores`` nodes needed and their yearly cost (load balancer from 2 nodes)."""
    d, tgt = _demand(demand_cores), _target(target)
    node = check_number(node_cores, "cores per node", 1, 1024)
    useful = node * tgt * (1 - P.value("scaling", "coordination_overhead"))
    nodes = np.maximum(1.0, np.ceil(d / useful - 1e-9))
    lb = np.where(nodes >= 2, P.value("scaling", "load_balancer_per_year"), 0.0)
    return nodes, nodes * server_cost(node) + lb


@dataclass(frozen=True)
class ScalingCurves:
    """Both strategies evaluated over a demand grid (cores)."""

    demand: np.ndarray
    up_cores: np.ndarray
    up_cost: np.ndarray
    out_nodes: np.ndarray
    out_cost: np.ndarray
    node_cores: float
    target: float

    @property
    def up_capacity(self) -> np.ndarray:
        return self.up_cores * self.target

    @property
    def out_capacity(self) -> np.ndarray:
        return self.out_nodes * self.node_cores * self.target * (1 - P.value("scaling", "coordination_overhead"))

    def index(self, demand: float) -> int:
        return int(np.argmin(np.abs(self.demand - demand)))


def scaling_curves(node_cores: float = BASE_CORES, target: float | None = None,
                   max_demand: float = 200) -> ScalingCurves:
    """Evaluate both strategies for demand 1..max_demand cores."""
    d = np.arange(1, int(check_number(max_demand, "max demand", 1, 1e5)) + 1, dtype=float)
    tgt = _target(target)
    up_cores, up_cost = scale_up(d, tgt)
    nodes, out_cost = scale_out(d, node_cores, tgt)
    return ScalingCurves(d, up_cores, up_cost, nodes, out_cost, float(node_cores), tgt)
