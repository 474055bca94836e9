"""Machine layouts for the notebook 5-7 tests: the probe's fixture trees and hand-made reports."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from virtlab_widgets.models.probe import HostReport, Verdict, probe

FIX = Path(__file__).parent / "fixtures" / "probe"
ENVS = {
    "kubernetes": {"KUBERNETES_SERVICE_HOST": "10.96.0.1"},
    "binder": {"BINDER_LAUNCH_HOST": "https://mybinder.org/", "REPO_DIR": "/home/jovyan",
               "KUBERNETES_SERVICE_HOST": "10.0.0.1"},
    "wsl2": {"WSL_DISTRO_NAME": "Ubuntu"},
}
LAYOUTS = sorted(p.name for p in FIX.iterdir() if p.is_dir())


def fixture_report(name: str) -> HostReport:
    """The probe run on one fixture tree (a real-world layout), disk measured at /tmp."""
    return probe(root=FIX / name, env=ENVS.get(name, {}), system="Linux", disk_path="/tmp")


YES, NO, UNKNOWN = Verdict(True, ("fake evidence: yes",)), Verdict(False, ("fake evidence: no",)), Verdict(None)

BASE = HostReport(
    os_name="Linux", distro="Ubuntu 24.04 LTS", kernel="6.8.0", machine="x86_64", cpu_model="Fake CPU",
    logical_cores=8, cpu_quota_cores=None, mem_total_mib=16384, mem_available_mib=12000,
    disk_path="/home/student", disk_free_gib=200.0, hw_virt=YES, in_vm=NO, hypervisor_vendor=None,
    in_container=NO, container_kind=None, nested_virt=UNKNOWN, unreadable=(), elapsed_ms=1.0)


def fake(**changes) -> HostReport:
    """A student laptop (16 GiB, 8 cores, 200 GiB free, VT-x on, bare metal) with ``changes``."""
    return replace(BASE, **changes)
