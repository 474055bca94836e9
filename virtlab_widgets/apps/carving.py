"""App: carve one physical host into VMs (notebook 1, section 1-1)."""
from __future__ import annotations

from ..figures.carving import MAX_VMS, carving_figure, carving_restyle, ratio_label, x_end
from ..models.carving import RESOURCES, Carving, carve
from ..text import t
from .base import ModelApp
from .controls import count_slider, number_slider, row

__all__ = ["CarveHost", "carve_host"]


class CarveHost(ModelApp):
    """Sliders for the host and for the number and size of VMs; stacked bars per resource."""

    def __init__(self, host_cores: int = 16, host_ram_gib: float = 256, host_disk_gib: float = 2048,
                 vms: int = 6, vcpus: int = 4, vm_ram_gib: float = 32, vm_disk_gib: float = 100):
        carve(host_cores, host_ram_gib, host_disk_gib, vms, vcpus, vm_ram_gib, vm_disk_gib)  # validate
        self.controls = {
            "host_cores": count_slider("ctl.host_cores", 16, 128),
            "host_ram_gib": number_slider("ctl.host_ram", 256, 8, 1024, 8),
            "host_disk_gib": number_slider("ctl.host_disk", 2048, 128, 8192, 128),
            "vms": count_slider("ctl.vm_count", 6, MAX_VMS),
            "vcpus": count_slider("ctl.vm_vcpus", 4, 32),
            "vm_ram_gib": number_slider("ctl.vm_ram", 32, 1, 256, 1),
            "vm_disk_gib": number_slider("ctl.vm_disk", 100, 10, 1000, 10),
        }
        self.controls["host_cores"].min = self.controls["vcpus"].min = 1
        self.set(host_cores=host_cores, host_ram_gib=host_ram_gib, host_disk_gib=host_disk_gib, vms=vms,
                 vcpus=vcpus, vm_ram_gib=vm_ram_gib, vm_disk_gib=vm_disk_gib)
        self.carving = self._carve()
        c = self.controls
        self._finish(carving_figure(self.carving), [
            row(c["host_cores"], c["host_ram_gib"], c["host_disk_gib"]),
            row(c["vms"], c["vcpus"], c["vm_ram_gib"], c["vm_disk_gib"])])

    def _carve(self) -> Carving:
        return carve(**self.values)

    def _before_refresh(self) -> None:
        self.carving = self._carve()

    def _restyle(self):
        return carving_restyle(self.carving)

    def _relayout_update(self) -> dict:
        return {"xaxis.range": [0, x_end(self.carving)]}

    def summary_text(self) -> str:
        """One line: what every resource is promised against what is left, and the flags."""
        c = self.carving
        parts = [t("carve.sum.res", name=t(f"carve.name.{r}"), promised=f"{c.promised[i]:,.0f}",
                   available=f"{c.available[i]:,.0f}", unit=t(f"carve.unit.{r}", v="").strip(),
                   flag=ratio_label(c, i)) for i, r in enumerate(RESOURCES)]
        head = t("carve.sum.head", n=c.vms, cpu=f"{c.reserved[0]:g}", ram=f"{c.reserved[1]:.1f}",
                 disk=f"{c.reserved[2]:.0f}")
        return t("sum.sep").join([head, *parts])


def carve_host(host_cores: int = 16, host_ram_gib: float = 256, host_disk_gib: float = 2048, vms: int = 6,
               vcpus: int = 4, vm_ram_gib: float = 32, vm_disk_gib: float = 100) -> CarveHost:
    """Show the host-carving demo (see :class:`CarveHost`)."""
    return CarveHost(host_cores, host_ram_gib, host_disk_gib, vms, vcpus, vm_ram_gib, vm_disk_gib)
