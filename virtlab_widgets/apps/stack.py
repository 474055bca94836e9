"""App: Type 1, Type 2, container host and containers-in-a-VM, switched in place (notebook 3)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import ipywidgets as W

from ..figures.stack import ARCHS, LAYERS, boxes, layers, stack_figure, stack_relayout, stack_restyle
from ..text import localized, t
from ..validate import check_choice
from .base import ModelApp
from .controls import choice_dropdown, row

__all__ = ["HypervisorStacks", "hypervisor_stacks"]


@dataclass(frozen=True)
class Product:
    """A product named for one architecture, in the current language."""

    name: str
    note: str
    debated: bool


@cache
def _entries() -> dict[str, list[dict[str, Any]]]:
    """The records of ``data/hypervisor_stacks.json`` per architecture."""
    raw = resources.files("virtlab_widgets").joinpath("data/hypervisor_stacks.json").read_text("utf-8")
    return {arch: entries for arch, entries in json.loads(raw).items() if arch in ARCHS}


def _text(entry: Mapping[str, Any], field: str) -> str:
    """``entry[field]`` if it reads the same in every language (a product's name), else its localized text."""
    return entry[field] if field in entry else localized(entry, field)


def products(arch: str) -> list[Product]:
    """Products named for ``arch`` (``data/hypervisor_stacks.json``), in the current language."""
    return [Product(_text(p, "name"), localized(p, "note"), bool(p.get("debated")))
            for p in _entries()[check_choice(arch, "architecture", ARCHS)]]


def product_names(arch: str) -> list[str]:
    """Product names of ``arch``, debated classifications marked, e.g. ``KVM (분류 논쟁)``."""
    return [p.name + (f" ({t('stack.debated')})" if p.debated else "") for p in products(arch)]


class HypervisorStacks(ModelApp):
    """Toggle between the four architectures; optionally mark one layer as "you are here"."""

    def __init__(self, arch: str = "type1", you_are_here: str | None = None):
        self.controls = {
            "arch": W.ToggleButtons(options=[(t(f"stack.short.{a}"), a) for a in ARCHS], value="type1",
                                    description=t("stack.ctl.arch"), style={"button_width": "auto"}),
            "you_are_here": choice_dropdown("stack.ctl.here", [(t("stack.none"), None)]
                                            + [(t(f"stack.layer.{k}"), k) for k in LAYERS], None),
        }
        self.set(arch=arch, you_are_here=you_are_here)
        self.products = W.HTML()
        self._finish(stack_figure(arch, self._here()), [row(*self.controls.values())], [self.products])

    def _here(self) -> str | None:
        """The marked layer if this architecture has it (the summary says when it does not)."""
        here = self.values["you_are_here"]
        return here if here in layers(self.values["arch"]) else None

    def _before_refresh(self) -> None:
        items = "".join(f"<li><b>{escape(p.name)}</b>{' ⚖' if p.debated else ''}: {escape(p.note)}</li>"
                        for p in products(self.values["arch"]))
        self.products.value = f"<b>{t('stack.products')}</b><ul>{items}</ul>"

    def _restyle(self):
        return stack_restyle(self.values["arch"], self._here())

    def _relayout_update(self) -> dict:
        return stack_relayout(self.values["arch"])

    def summary_text(self) -> str:
        """Layers bottom to top (with counts) and the products of the current architecture."""
        arch = self.values["arch"]
        items, _ = boxes(arch)
        path = []
        for level in range(1 + max(b.level for b in items)):
            here = [b.layer for b in items if b.level == level]
            names = [t(f"stack.layer.{k}") + (f" ×{here.count(k)}" if here.count(k) > 1 else "")
                     for k in dict.fromkeys(here)]
            path.append(" + ".join(names))
        text = t("stack.sum", arch=t(f"stack.arch.{arch}"), path=" → ".join(path),
                 products=", ".join(product_names(arch)))
        here = self.values["you_are_here"]
        if here is not None and here not in layers(arch):
            text += t("sum.sep") + t("stack.sum_missing", layer=t(f"stack.layer.{here}"))
        return text


def hypervisor_stacks(arch: str = "type1", you_are_here: str | None = None) -> HypervisorStacks:
    """Show the stack diagrams (see :class:`HypervisorStacks`)."""
    return HypervisorStacks(arch, you_are_here)
