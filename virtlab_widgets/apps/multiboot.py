"""App: multi-booting vs a VM over a day of OS switches (notebook 5, section 5-2)."""
from __future__ import annotations

from ..figures.multiboot import multiboot_figure, multiboot_relayout, multiboot_restyle
from ..models import multiboot as mb
from ..models import presets as P
from ..text import gib, label, percent, seconds, t
from .base import ModelApp
from .controls import choice_dropdown, count_slider, preset_dropdown, row

__all__ = ["MultibootVsVm", "multiboot_vs_vm"]


def _minutes(s: float) -> str:
    return t("unit.min", v=f"{s / 60:.1f}")


class MultibootVsVm(ModelApp):
    """A switches-per-day slider, host and guest menus; lost time and RAM update in place."""

    BROWSER_CONTROLS = ("switches",)  # its moves are answered in the browser (base.py)

    def __init__(self, switches: int = 6, host: str = "laptop-8", guest: str = "ubuntu-desktop"):
        self.controls = {
            "switches": count_slider("mb.ctl.switches", 6, mb.MAX_SWITCHES),
            "host": preset_dropdown("hosts", "laptop-8", "ctl.host"),
            "guest": choice_dropdown("mb.ctl.guest", [(label("vm_profiles", g), g) for g in mb.GUESTS],
                                     "ubuntu-desktop"),
        }
        self.set(switches=switches, host=host, guest=guest)
        self.day = self._day()
        c = self.controls
        self._finish(multiboot_figure(self.day), [row(c["switches"]), row(c["host"], c["guest"])])

    def _day(self) -> mb.DayOfWork:
        v = self.values
        return mb.day_of_work(v["switches"], v["host"], v["guest"])

    def _before_refresh(self) -> None:
        self.day = self._day()

    def _restyle(self):
        return multiboot_restyle(self.day)

    def _relayout_update(self) -> dict:
        return multiboot_relayout(self.day)

    def summary_text(self) -> str:
        """One line: time lost each way, the VM's RAM cost, and which choice wins on what."""
        d = self.day
        time = t("mb.sum.time", k=d.switches, multi=_minutes(d.multiboot_lost_s), vm=_minutes(d.vm_lost_s),
                 reboot=seconds(d.reboot_s), hours=f"{d.day_s / 3600:g}",
                 share=f"{d.multiboot_lost_s / d.day_s * 100:.1f} %")
        if d.vm_fits:
            memory = t("mb.sum.mem_ok", vm=gib(d.vm_mib), free=gib(d.free_with_vm_mib),
                       all=gib(d.free_multiboot_mib))
        else:
            memory = t("mb.sum.mem_over", vm=gib(d.vm_mib), short=gib(-d.free_with_vm_mib),
                       perf=percent(d.vm_relative_performance))
        verdict = t(f"mb.sum.win.{d.time_winner}" if d.vm_fits else "mb.sum.win.no_fit")
        return t("sum.sep").join([time, memory, verdict])


def multiboot_vs_vm(switches: int = 6, host: str = "laptop-8", guest: str = "ubuntu-desktop") -> MultibootVsVm:
    """Show the multi-boot vs VM demo (see :class:`MultibootVsVm`)."""
    P.host(host)
    return MultibootVsVm(switches, host, guest)
