"""Accessibility helpers for the shared controls (see :func:`virtlab_widgets.apps.controls.row`).

ipywidgets draws a slider as a visible ``<label>`` next to a noUiSlider handle
(``role="slider"``) that has no accessible name, so a screen reader announces "slider, 4"
without saying which one (axe-core: *aria-input-field-name*, serious). :class:`SliderLabels`
is an invisible anywidget that names every slider handle on the page after its visible label
(``aria-labelledby``), including handles noUiSlider re-creates when min/max/step change. One
observer per page, installed by the first view; it never overrides an existing ``aria-label``.
"""
from __future__ import annotations

import anywidget
import ipywidgets as W

SLIDER_TYPES = (W.IntSlider, W.FloatSlider, W.FloatLogSlider, W.IntRangeSlider, W.FloatRangeSlider,
                W.SelectionSlider, W.SelectionRangeSlider)

_ESM = r"""
let counter = 0;
function nameHandles(root) {
  for (const slider of root.querySelectorAll('.widget-slider')) {
    const label = slider.querySelector('.widget-label');
    const text = label && label.textContent.trim();
    for (const handle of slider.querySelectorAll('[role="slider"]')) {
      if (handle.hasAttribute('aria-label')) continue;
      if (text) {
        if (!label.id) label.id = 'virtlab-slider-label-' + (++counter) + '-' + Date.now().toString(36);
        if (handle.getAttribute('aria-labelledby') !== label.id) handle.setAttribute('aria-labelledby', label.id);
      } else if (slider.title && slider.title !== 'null') {
        handle.setAttribute('aria-label', slider.title);
      }
    }
  }
}
function install() {
  if (globalThis.__virtlabSliderLabels) return;
  const observer = new MutationObserver(() => nameHandles(document.body));
  observer.observe(document.body, {childList: true, subtree: true});
  globalThis.__virtlabSliderLabels = observer;
  nameHandles(document.body);
}
export default { render() { install(); } };
"""


class SliderLabels(anywidget.AnyWidget):
    """Invisible: gives every slider handle on the page its visible label as accessible name."""

    _esm = _ESM

    def __init__(self, **kwargs):
        kwargs.setdefault("layout", W.Layout(display="none"))
        super().__init__(**kwargs)


def with_slider_labels(children: list[W.Widget]) -> list[W.Widget]:
    """``children`` plus a :class:`SliderLabels` if any of them is a slider."""
    if any(isinstance(c, SLIDER_TYPES) for c in children):
        return [*children, SliderLabels()]
    return list(children)
