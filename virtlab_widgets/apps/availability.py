"""App: recovery after a host failure → yearly downtime → nines (notebook 2, availability / agility)."""
from __future__ import annotations

from ..figures.availability import X_START, availability_figure, availability_restyle, x_end
from ..models import availability as A
from ..models import presets as P
from ..text import seconds_long, t
from .base import ModelApp
from .controls import count_slider, number_slider, preset_dropdown, row

__all__ = ["Recovery", "recovery"]


class Recovery(ModelApp):
    """Failure rate, detection, hardware lead time, reinstall, instances to restart, VM type."""

    BROWSER_CONTROLS = ("instances",)  # its moves are answered in the browser (base.py)

    def __init__(self, failures_per_year: float | None = None, detection_s: float | None = None,
                 lead_time_h: float | None = None, reinstall_h: float | None = None,
                 instances: int = 10, vm: str = "ubuntu-server"):

        def d(key: str, v: float | None) -> float:  # the cited default where no value is given
            return P.value("availability", key) if v is None else v

        self.controls = {
            "failures_per_year": number_slider("ctl.failures", 1, 0.1, 12, 0.1, ".1f"),
            "detection_s": number_slider("ctl.detection", 30, 1, 600, 1),
            "lead_time_h": number_slider("ctl.lead_time", 24, 1, 240, 1),
            "reinstall_h": number_slider("ctl.reinstall", 4, 0.5, 48, 0.5, ".1f"),
            "instances": count_slider("ctl.restart", 10, 200),
            "vm": preset_dropdown("vm_profiles", "ubuntu-server", "ctl.vm_profile"),
        }
        self.controls["instances"].min = 1
        self.set(failures_per_year=d("failures_per_year", failures_per_year),
                 detection_s=d("detection_s", detection_s), lead_time_h=d("hardware_lead_time_h", lead_time_h),
                 reinstall_h=d("reinstall_h", reinstall_h), instances=instances, vm=vm)
        c = self.controls
        self._finish(availability_figure(*self._state()),
                     [row(c["failures_per_year"], c["detection_s"]), row(c["lead_time_h"], c["reinstall_h"]),
                      row(c["instances"], c["vm"])])

    def result(self) -> dict[str, dict[str, float]]:
        """Per strategy: recovery (s), yearly downtime (s), availability and nines."""
        v = self.values
        key = tuple(v.values())
        cached = self.__dict__.get("_result")
        if cached is not None and cached[0] == key:  # asked several times per update
            return cached[1]
        out = {}
        for s in A.STRATEGIES:
            rec = A.recovery_s(s, v["instances"], detection_s=v["detection_s"], lead_time_h=v["lead_time_h"],
                               reinstall_h=v["reinstall_h"], vm=v["vm"])
            down = float(A.yearly_downtime_s(rec, v["failures_per_year"]))
            avail = float(A.availability(min(down, A.YEAR_S)))
            out[s] = dict(recovery=rec, downtime=down, availability=avail, nines=float(A.nines(avail)))
        self._result = key, out
        return out

    def _parts(self) -> dict[str, str]:
        v = self.values
        parts = {}
        for s in A.STRATEGIES:
            p = A.recovery_parts(s, v["instances"], detection_s=v["detection_s"], lead_time_h=v["lead_time_h"],
                                 reinstall_h=v["reinstall_h"], vm=v["vm"])
            parts[s] = " + ".join(f"{t('avail.part.' + k)} {seconds_long(x)}" for k, x in p.items())
        return parts

    def _state(self):
        r = self.result()
        labels = {s: t("avail.label", pct=_pct(x["availability"]), nines=f"{x['nines']:.1f}") for s, x in r.items()}
        return ({s: x["recovery"] for s, x in r.items()}, {s: x["downtime"] for s, x in r.items()},
                labels, self._parts())

    def _restyle(self):
        return availability_restyle(*self._state())

    def _relayout_update(self) -> dict:
        r = self.result()
        end = x_end({s: x["recovery"] for s, x in r.items()}, {s: x["downtime"] for s, x in r.items()})
        return {"xaxis.range": [X_START, end], "xaxis2.range": [X_START, end]}

    def summary_text(self) -> str:
        """Recovery and yearly availability of the three strategies."""
        r = self.result()
        return t("sum.sep").join(t("avail.sum", name=t(f"avail.{s}"), rec=seconds_long(x["recovery"]),
                                   pct=_pct(x["availability"]), nines=f"{x['nines']:.1f}")
                                 for s, x in r.items())


def _pct(a: float) -> str:
    """Availability with enough digits to show its nines: 99.68 %, 99.99987 %."""
    digits = 2 if a >= 1 else max(2, min(6, int(A.nines(a)) + 1))
    return f"{a * 100:.{digits}f} %"


def recovery(failures_per_year: float | None = None, detection_s: float | None = None,
             lead_time_h: float | None = None, reinstall_h: float | None = None, instances: int = 10,
             vm: str = "ubuntu-server") -> Recovery:
    """Show the recovery-time / availability demo (see :class:`Recovery`)."""
    return Recovery(failures_per_year, detection_s, lead_time_h, reinstall_h, instances, vm)
