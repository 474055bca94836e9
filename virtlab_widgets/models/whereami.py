"""Which layer of the stack is this notebook running in? (notebook 5, section 5-3)

Pure: maps a :class:`virtlab_widgets.models.probe.HostReport` to an architecture and a layer of
:func:`virtlab_widgets.figures.stack.stack_figure`. From inside a guest one cannot always
tell the hypervisor's type, so the vendor decides (desktop products → Type 2, cloud and
server hypervisors → Type 1) and :attr:`Location.arch_guessed` says when it was a guess.
"""
from __future__ import annotations

from dataclasses import dataclass

from .probe import HostReport

TYPE2_VENDORS = ("VirtualBox", "Parallels", "VMware", "Apple Virtualization", "Bochs")
"""Hypervisors a student usually meets as an app on a host OS (VMware: Workstation/Fusion)."""
KINDS = ("host", "guest", "wsl2", "container", "container_in_vm", "unknown")
EXAMPLES = {  # kind of place → (arch, layer): the "what if" views of the demo
    "host": ("type2", "host_os"),
    "guest": ("type2", "guest_os"),
    "container": ("container", "container"),
    "container_in_vm": ("container_in_vm", "container"),
}


@dataclass(frozen=True)
class Location:
    """Where this process runs: ``arch``/``layer`` for the stack diagram, and why."""

    kind: str
    arch: str
    layer: str | None
    hypervisor: str | None
    container: str | None
    certain: bool
    arch_guessed: bool
    evidence: tuple[str, ...]


def _guest_arch(vendor: str | None) -> tuple[str, bool]:
    if vendor is None:
        return "type2", True
    return ("type2" if any(v in vendor for v in TYPE2_VENDORS) else "type1"), False


def locate(report: HostReport) -> Location:
    """The layer this process runs in, judged from the probe's verdicts and their evidence."""
    if not isinstance(report, HostReport):
        raise TypeError(f"locate() needs a probe.HostReport, got {type(report).__name__}")
    in_vm, in_ct = report.in_vm.value, report.in_container.value
    evidence = (*report.in_container.evidence, *report.in_vm.evidence)
    certain = in_vm is not None and in_ct is not None
    vendor, kind_name = report.hypervisor_vendor, report.container_kind
    if in_ct:
        kind = "container_in_vm" if in_vm else "container"
        return Location(kind, kind, "container", vendor, kind_name, certain, False, evidence)
    if in_vm:
        arch, guessed = _guest_arch(vendor)
        kind = "wsl2" if kind_name == "wsl" else "guest"
        return Location(kind, "type1" if kind == "wsl2" else arch, "guest_os", vendor, None, certain,
                        guessed and kind != "wsl2", evidence)
    if in_vm is False:
        return Location("host", "type2", "host_os", None, None, certain, False, evidence)
    return Location("unknown", "type2", None, vendor, kind_name, False, True, evidence)
