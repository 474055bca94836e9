"""virtlab: interactive lecture widgets for Chapter 4, Introduction to Virtual Machines.

Notebooks import the demos from here, e.g. ``from virtlab_widgets import vm_vs_container``.
The demos are loaded on first use (PEP 562), so the CLI, the host probe and the Jupyter
server extension do not pay for plotly's widget machinery.
"""
from importlib import import_module

from .models import model, presets
from .style import present
from .text import set_language

__version__ = "0.1.0"

_LAZY = {
    # notebook 1
    "carve_host": ".apps.carving", "CarveHost": ".apps.carving",
    "sort_kinds": ".apps.kinds", "SortKinds": ".apps.kinds",
    # notebook 2
    "contention": ".apps.contention", "Contention": ".apps.contention",
    "consolidation": ".apps.consolidation", "Consolidation": ".apps.consolidation",
    "scale_up_out": ".apps.scaling", "ScaleUpOut": ".apps.scaling",
    "recovery": ".apps.availability", "Recovery": ".apps.availability",
    # notebook 3
    "hypervisor_stacks": ".apps.stack", "HypervisorStacks": ".apps.stack",
    "stack_figure": ".figures.stack",
    # notebook 4
    "vm_vs_container": ".apps.explorer", "VmVsContainer": ".apps.explorer",
    "startup_race": ".apps.startup", "StartupRace": ".apps.startup",
    "overhead_chart": ".apps.overhead", "OverheadChart": ".apps.overhead",
    "timeline": ".apps.timeline", "Timeline": ".apps.timeline",
    # notebook 5
    "multiboot_vs_vm": ".apps.multiboot", "MultibootVsVm": ".apps.multiboot",
    "where_am_i": ".apps.whereami", "WhereAmI": ".apps.whereami",
    "probe": ".models.probe",
    # notebook 6
    "timeline_sources": ".apps.history",
    "vm_software": ".apps.software", "VmSoftware": ".apps.software",
    # notebook 7
    "readiness_check": ".apps.readiness", "Readiness": ".apps.readiness",
    "vm_planner": ".apps.planner", "VmPlanner": ".apps.planner",
    "lab_checklist": ".apps.checklist", "LabChecklist": ".apps.checklist",
    # every notebook
    "quiz": ".apps.quiz", "Quiz": ".apps.quiz",
}

__all__ = ["model", "presets", "present", "set_language", *_LAZY]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'virtlab_widgets' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
