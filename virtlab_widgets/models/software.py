"""VM software a student may install for the lab (notebook 6): data, host-OS filter, HTML table.

Pure: reads ``data/vm_software.json`` (every row cites its source) and renders it with
:func:`virtlab_widgets.tables.html_table`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from ..tables import Raw, html_table, link
from ..text import localized, t
from ..validate import check_choice
from .probe import HostReport

HOST_FAMILIES = ("windows", "macos", "linux")
_FAMILY_WORDS = {"windows": "windows", "macos": "macos", "linux": "linux"}


@dataclass(frozen=True)
class Product:
    """One row of the comparison."""

    id: str
    name: str
    vendor: str
    hypervisor_type: str
    host_os: tuple[str, ...]
    licence: str
    cost: str
    notes: str
    source: str
    source_url: str | None
    confidence: str

    @property
    def families(self) -> frozenset[str]:
        """Host OS families it installs on (``windows``/``macos``/``linux``)."""
        text = " ".join(self.host_os).lower()
        return frozenset(f for f, word in _FAMILY_WORDS.items() if word in text)


@cache
def _raw() -> dict:
    return json.loads(resources.files("virtlab_widgets").joinpath("data/vm_software.json").read_text("utf-8"))


def products() -> list[Product]:
    """Every product, in file order, with notes in the current language."""
    return [Product(p["id"], p["name"], p["vendor"], p["hypervisor_type"], tuple(p["host_os"]), p["licence"],
                    localized(p, "cost"), localized(p, "notes"), p["source"],
                    p.get("source_url"), p["confidence"]) for p in _raw()["products"]]


def hypervisor_type_label(kind: str) -> str:
    """``Type 1 (베어메탈, …)``, ``Type 2 (호스트형, hosted)`` or the debated label."""
    types = _raw()["hypervisor_types"]
    check_choice(kind, "hypervisor type", [k for k in types if k != "source"])
    return localized(types[kind], "label")


def for_host(host_os: str | None = None) -> list[Product]:
    """Products that install on ``host_os`` (``None`` = all)."""
    if host_os is None:
        return products()
    check_choice(host_os, "host OS", HOST_FAMILIES)
    return [p for p in products() if host_os in p.families]


def host_family(report: HostReport) -> str | None:
    """The learner's host OS family, or ``None`` when this notebook runs in a container or VM
    (then the machine in front of the learner may run another OS)."""
    if not isinstance(report, HostReport):
        raise TypeError(f"host_family() needs a probe.HostReport, got {type(report).__name__}")
    if report.container_kind == "wsl":
        return "windows"  # WSL: Linux userland, but the machine is a Windows PC
    if report.in_container.value or report.in_vm.value:
        return None
    return {"Windows": "windows", "Darwin": "macos", "Linux": "linux"}.get(report.os_name)


def software_table_html(host_os: str | None = None) -> str:
    """The comparison as an accessible HTML table, filtered to ``host_os`` when given."""
    rows = [(Raw(f"<b>{escape(p.name)}</b><br><small>{escape(p.vendor)}</small>"),
             hypervisor_type_label(p.hypervisor_type),
             ", ".join(p.host_os), p.cost, p.notes,
             Raw(link(t("sw.source_link"), p.source_url) + f"<br><small>{escape(p.source)}</small>"
                 + (f"<br><small>({t('sw.secondary')})</small>" if p.confidence != "verified" else "")))
            for p in for_host(host_os)]
    caption = t("sw.caption", host=t(f"sw.host.{host_os}") if host_os else t("sw.host.all"))
    headers = [t(f"sw.h.{h}") for h in ("name", "type", "host", "cost", "notes", "source")]
    return html_table(caption, headers, rows)
