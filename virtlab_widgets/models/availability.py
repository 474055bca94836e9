"""Availability and agility: recovery time after a host failure → yearly downtime → "nines".

Pure (numpy, no widgets). Three ways back: replace the physical server (assumed hardware
lead time and reinstall), restart the VMs on another host (cited VM boot time, as a boot
storm, via :func:`virtlab_widgets.models.model.vm_ready_all_s`), or restart the containers
(cited start time via :func:`virtlab_widgets.models.model.container_ready_all_s`). Detection time
and failure rate are assumed (``parameters.json → availability``).
"""
from __future__ import annotations

import numpy as np

from ..validate import check_choice, check_count, check_number, shown
from . import model
from . import presets as P

STRATEGIES = ("physical", "vm", "container")
YEAR_S = 365.25 * 24 * 3600
HOST = "lab-server"


def _param(key: str, value, low: float, high: float, name: str) -> float:
    return check_number(P.value("availability", key) if value is None else value, name, low, high)


def recovery_parts(strategy: str, instances: int = 10, *, detection_s: float | None = None,
                   lead_time_h: float | None = None, reinstall_h: float | None = None,
                   vm: str = "ubuntu-server", container: str = "web-small", runtime: str = "runc") -> dict:
    """The steps of one recovery and their seconds, e.g. ``{"detect": 30, "start": 11.3}``."""
    check_choice(strategy, "recovery strategy", STRATEGIES)
    n = check_count(instances, "instances to restart")
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"instances to restart must be a whole number ≥ 1, got {shown(instances)}")
    detect = _param("detection_s", detection_s, 0, 86400, "detection time (s)")
    if strategy == "physical":
        return {"detect": detect,
                "hardware": 3600 * _param("hardware_lead_time_h", lead_time_h, 0, 24 * 90, "hardware lead time (h)"),
                "restore": 3600 * _param("reinstall_h", reinstall_h, 0, 24 * 30, "reinstall time (h)")}
    if strategy == "vm":
        return {"detect": detect, "start": float(model.vm_ready_all_s(n, vm, HOST))}
    return {"detect": detect, "start": float(model.container_ready_all_s(n, container, runtime, HOST))}


def recovery_s(strategy: str, instances: int = 10, **kw) -> float:
    """Seconds from the failure until the service is back (sum of :func:`recovery_parts`)."""
    return float(sum(recovery_parts(strategy, instances, **kw).values()))


def yearly_downtime_s(recovery, failures_per_year: float | None = None):
    """Expected downtime per year: failures per year × recovery time."""
    rate = _param("failures_per_year", failures_per_year, 0, 365, "failures per year")
    return rate * np.asarray(recovery, dtype=float)


def availability(downtime_s):
    """Share of the year the service is up."""
    d = np.asarray(downtime_s, dtype=float)
    if d.size and (np.any(d < 0) or np.any(d > YEAR_S)):
        raise ValueError("downtime must be between 0 and one year")
    return 1.0 - d / YEAR_S


def nines(avail):
    """Number of nines: 0.999 → 3.0, 0.9995 → 3.3 (infinite for 100 %)."""
    a = np.asarray(avail, dtype=float)
    with np.errstate(divide="ignore"):
        return -np.log10(np.maximum(1.0 - a, 0.0))


def downtime_for_nines(k):
    """Yearly downtime (s) allowed by ``k`` nines, e.g. 3 → 8.77 h."""
    return YEAR_S * 10.0 ** (-np.asarray(k, dtype=float))
