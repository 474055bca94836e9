"""App: Scale Up vs Scale Out as a service grows (notebook 2, flexibility)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..figures.scaling import scaling_figure, scaling_restyle
from ..models.scaling import BASE_CORES, scaling_curves
from ..text import t
from .base import ModelApp
from .controls import choice_dropdown, number_slider, row

__all__ = ["ScaleUpOut", "scale_up_out"]

MAX_DEMAND = 200

_curves = lru_cache(maxsize=16)(scaling_curves)  # the model for one setting of the controls it depends on


class ScaleUpOut(ModelApp):
    """Demand (cores), node size for scaling out, and the hosts' target utilisation."""

    def __init__(self, demand: float = 40, node_cores: str = "16", target_pct: float = 70):
        self.controls = {
            "demand": number_slider("ctl.demand", 40, 1, MAX_DEMAND, 1),
            "node_cores": choice_dropdown("ctl.node_cores", [(t("scale.node", c=c), c) for c in ("8", "16", "32")],
                                          str(BASE_CORES)),
            "target_pct": number_slider("ctl.target", 70, 30, 100, 5),
        }
        self.set(demand=demand, node_cores=node_cores, target_pct=target_pct)
        self._before_refresh()
        c = self.controls
        self._finish(scaling_figure(self.curves, demand), [row(c["demand"], c["target_pct"]), row(c["node_cores"])])

    def _before_refresh(self) -> None:
        v = self.values  # a move of the demand finds its curves in the cache
        self.curves = _curves(float(v["node_cores"]), v["target_pct"] / 100, MAX_DEMAND)

    def _restyle(self):
        return scaling_restyle(self.curves, self.values["demand"])

    def summary_text(self) -> str:
        """Both strategies at the current demand: servers, yearly cost and what one failure loses."""
        c, d = self.curves, self.values["demand"]
        i = c.index(d)
        up = (t("scale.sum_up", cores=f"{c.up_cores[i]:.0f}", cost=f"{c.up_cost[i]:,.0f}")
              if not np.isnan(c.up_cores[i]) else t("scale.sum_up_none"))
        nodes = int(c.out_nodes[i])
        out = t("scale.sum_out", nodes=nodes, node=f"{c.node_cores:.0f}", cost=f"{c.out_cost[i]:,.0f}",
                loss=f"{100 / nodes:.0f}")
        return t("sum.sep").join([t("scale.sum_head", d=f"{d:.0f}"), up, out])


def scale_up_out(demand: float = 40, node_cores: str = "16", target_pct: float = 70) -> ScaleUpOut:
    """Show the Scale Up vs Scale Out demo (see :class:`ScaleUpOut`)."""
    return ScaleUpOut(demand, node_cores, target_pct)
