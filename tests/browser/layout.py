"""The layout gate's Python side: run ``layout.js`` in a page, wait for re-layout, outline and
photograph what it found, and word each violation so that whoever fixes it can act on it.

Shared by the live-JupyterLab gate (``test_layout.py``) and the kernel-less pages and slides
(``tests/test_static_layout.py``). Boxes are CSS pixels, x and y from the top-left corner of the output they are in.
"""
from __future__ import annotations

import json
from pathlib import Path

GATE_JS = (Path(__file__).resolve().parent / "layout.js").read_text("utf-8")

# Viewports of the gate: a student's laptop, and a lecturer's projector (present() on).
LAPTOP = (1366, 768)
PROJECTORS = ((1920, 1080), (1280, 720))

# Layout is settled when nothing moves for `ms` milliseconds (and at least 8 frames): every
# figure, output and widget box keeps its size and place, and inside each plotly figure its
# layout size and where its texts are drawn stay the same. Plotly redraws a figure after its
# container is resized on a debounced timer, without the container itself moving, so the boxes
# alone would let the gate measure a figure halfway through a redraw.
JS_SETTLED = """async (ms) => {
  const snap = () => [...document.querySelectorAll('.js-plotly-plot, .jp-OutputArea-output, .jupyter-widgets, '
                                                   + '.virtlab-figure, .reveal .slides')]
    .map(e => { const r = e.getBoundingClientRect();
      let s = [r.left, r.top, r.width, r.height].map(Math.round).join(',');
      if (e._fullLayout) { let sum = 0, n = 0;
        for (const t of e.querySelectorAll('svg text')) {
          const b = t.getBoundingClientRect(); sum += b.left * 3 + b.top * 7 + b.width; n++; }
        s += `|${e._fullLayout.width}x${e._fullLayout.height}|${n}|${Math.round(sum)}`; }
      return s; })
    .join(';') + '|' + document.fonts.status;
  let last = snap(), since = performance.now(), frames = 0;
  const deadline = since + 20000;
  while (performance.now() < deadline) {
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 16)));
    const now = snap();
    if (now !== last || document.fonts.status !== 'loaded') {
      last = now; since = performance.now(); frames = 0; continue; }
    if (++frames >= 8 && performance.now() - since >= ms) return true;
  }
  return false;
}"""

# Outline each violation in its output (red: first text / option, blue: second text or the
# clipping box) so the screenshots show what the report says. Removed before re-measuring.
JS_OUTLINE = """(violations) => {
  for (const v of violations) {
    const unit = document.querySelector(`[data-virtlab-layout-unit="${v.unit}"]`);
    if (!unit) continue;
    // boxes are viewport px; a scaled slide (reveal.js) draws the unit's own px larger or smaller
    const scale = unit.getBoundingClientRect().width / (unit.offsetWidth || 1) || 1;
    if (getComputedStyle(unit).position === 'static') { unit.style.position = 'relative';
                                                        unit.dataset.virtlabLayoutStatic = '1'; }
    const draw = (box, color) => { if (!box) return; const d = document.createElement('div');
      d.className = 'virtlab-layout-outline';
      d.style.cssText = `position:absolute;pointer-events:none;z-index:10000;border:2px solid ${color};`
        + `left:${box.x / scale + unit.scrollLeft - unit.clientLeft - 2}px;`
        + `top:${box.y / scale + unit.scrollTop - unit.clientTop - 2}px;`
        + `width:${box.w / scale}px;height:${box.h / scale}px`;
      unit.appendChild(d); };
    draw(v.a && v.a.box, 'red');
    draw((v.b && v.b.box) || v.containerBox, 'blue');
  }
}"""
JS_UNOUTLINE = """() => {
  document.querySelectorAll('.virtlab-layout-outline').forEach(e => e.remove());
  document.querySelectorAll('[data-virtlab-layout-static]').forEach(e => { e.style.position = '';
                                                                          delete e.dataset.virtlabLayoutStatic; });
}"""


def wait_settled(page, ms: int = 500) -> None:
    """Wait until the page's figures and outputs stop moving (after a resize or a run)."""
    if not page.evaluate(JS_SETTLED, ms):
        raise AssertionError("the layout never settled (figures kept moving for 20 s)")


def resize(page, viewport: tuple[int, int]) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    wait_settled(page)


def check(page, **options) -> dict:
    """Run the gate in ``page``; ``options`` as in layout.js (units, scope, tol, click)."""
    return page.evaluate(GATE_JS, options)


def _box(b: dict | None) -> str:
    return f"[x={b['x']:.0f} y={b['y']:.0f} {b['w']:.0f}×{b['h']:.0f}]" if b else ""


def _text(item: dict) -> str:
    where = f" in figure {item['figure']}" if item.get("figure") else ""
    wrapped = item.get("line") and item["line"] != item["text"]
    line = f" (line {json.dumps(item['line'], ensure_ascii=False)})" if wrapped else ""
    return f"{item['kind']}{where} {json.dumps(item['text'], ensure_ascii=False)}{line} {_box(item['box'])}"


def describe(v: dict) -> str:
    """One violation in words (without the page context)."""
    if v["check"] == "overlap":
        return f"OVERLAP by {v['by']:.0f} px: {_text(v['a'])}  ×  {_text(v['b'])}"
    if v["check"] == "crowded":
        return (f"TOO CLOSE ({v['gap']:.0f} px apart, read as one): {_text(v['a'])}  +  {_text(v['b'])}")
    if v["check"] == "clipped":
        shown = (f"; reader sees {json.dumps(v['visible'], ensure_ascii=False)}" if v.get("visible")
                 else "; not visible at all")
        cut = f"CLIPPED by {v['by']:.0f} px: {_text(v['a'])} cut by {v['container']} {_box(v.get('containerBox'))}"
        return cut.rstrip() + shown
    if v["check"] == "intrudes":
        return (f"OVER ANOTHER CHART by {v['by']:.0f} px: {_text(v['a'])} is drawn over {v['container']} "
                f"{_box(v.get('containerBox'))}")
    if v["check"] == "unclickable":
        misses = "; ".join(f"{m['at']} at ({m['point']['x']:.0f},{m['point']['y']:.0f}) hits {m['hit']}"
                           for m in v["misses"])
        return f"UNCLICKABLE option {json.dumps(v['a']['text'], ensure_ascii=False)} {_box(v['a']['box'])}: {misses}"
    if v["check"] == "hscroll":
        return (f"SCROLLS SIDEWAYS: {v['element']} is {v['scrollWidth']} px wide inside {v['clientWidth']} px "
                f"{_box(v['box'])}")
    return json.dumps(v, ensure_ascii=False)


def place(v: dict) -> str:
    """Where in the page a violation is: the cell and its first line, or the slide."""
    if v.get("cell") is not None:
        return f"cell {v['cell']} `{v.get('source', '')}`"
    if v.get("slide"):
        return f"slide #{v['slide']}, output {v['unit']}"
    return f"output {v['unit']}"


def report_lines(context: str, violations: list[dict]) -> list[str]:
    """``context`` (notebook or page and viewport) followed by one line per violation."""
    return [f"{context} — {place(v)}: {describe(v)}" for v in violations]


# Where an output can be seen: the visible part of the box it scrolls in (the notebook panel,
# a slide, or the window), in viewport px, and how far that box is scrolled.
JS_VIEWPORT_OF = """(unit) => {
  const el = document.querySelector(`[data-virtlab-layout-unit="${unit}"]`);
  let box = null;
  for (let e = el.parentElement; e && !box; e = e.parentElement) {
    const o = getComputedStyle(e).overflowY;
    if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight + 1) box = e;
  }
  const r = box ? box.getBoundingClientRect() : {left: 0, top: 0, width: innerWidth, height: innerHeight};
  const top = Math.max(0, r.top + (box ? box.clientTop : 0));
  const height = Math.min(innerHeight, r.top + (box ? box.clientTop + box.clientHeight : r.height)) - top;
  return {top, height, scroller: !!box};
}"""
# Scroll so that `offset` px from the output's top are at the top of its scroll box; returns
# the output's box in the viewport afterwards, and the window's scroll offsets.
JS_SCROLL_TO = """([unit, offset, top]) => {
  const el = document.querySelector(`[data-virtlab-layout-unit="${unit}"]`);
  let box = null;
  for (let e = el.parentElement; e && !box; e = e.parentElement) {
    const o = getComputedStyle(e).overflowY;
    if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight + 1) box = e;
  }
  const delta = el.getBoundingClientRect().top + offset - top;
  if (box) box.scrollTop += delta; else window.scrollBy(0, delta);
  const r = el.getBoundingClientRect();
  return {x: r.left, y: r.top, width: r.width, height: r.height, sx: scrollX, sy: scrollY};
}"""


def _shoot(page, unit: int, path: Path) -> list[Path]:
    """The output as it was measured: one PNG if it fits its scroll box, else one PNG per
    screenful (``-part1``, ``-part2`` …), scrolled into place rather than resized (a resize
    could re-lay it out, and then the picture would not be what the report describes)."""
    view = page.evaluate(JS_VIEWPORT_OF, unit)
    box = page.evaluate(JS_SCROLL_TO, [unit, 0, view["top"]])
    if box["height"] <= view["height"] or not view["scroller"]:  # the window scrolls: Playwright stitches
        page.locator(f'[data-virtlab-layout-unit="{unit}"]').screenshot(path=str(path))
        return [path]
    paths, offset, part = [], 0.0, 1
    while offset < box["height"] - 0.5:
        r = page.evaluate(JS_SCROLL_TO, [unit, offset, view["top"]])
        top = max(r["y"] + offset, view["top"])  # where this slice starts (the box may not scroll that far)
        height = min(view["top"] + view["height"], r["y"] + r["height"]) - top
        if height < 1:
            break
        out = path.with_name(f"{path.stem}-part{part}.png")
        page.screenshot(path=str(out), clip={"x": max(r["x"], 0) + r["sx"], "y": top + r["sy"],  # page coordinates
                                             "width": r["width"], "height": height})
        paths.append(out)
        offset += height
        part += 1
    return paths


def photograph(page, result: dict, prefix: Path) -> list[Path]:
    """PNGs of every output that holds a figure or a widget, with the violations outlined;
    returns the files written (old files of the same prefix are removed first)."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    units = [u for u in result["units"] if u["figures"] or u["widgets"]]
    page.evaluate(JS_OUTLINE, [v for v in result["violations"] if v["check"] != "hscroll"])
    paths = []
    try:
        for u in units:
            name = f"cell{u['cell']:02d}" if u.get("cell") is not None else f"output{u['unit']:02d}"
            paths += _shoot(page, u["unit"], prefix.parent / f"{prefix.name}-{name}.png")
    finally:
        page.evaluate(JS_UNOUTLINE)
    return paths
