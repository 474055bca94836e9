"""The layout gate (tests/browser/layout.js) on the kernel-less lecture: the built static pages
at 1366×768 (a student's laptop) and the reveal.js slides at 1920×1080 and 1280×720 (projectors),
every slide with an output checked as it is shown. Pages are opened offline: every request
outside the build folder is aborted (see ``OfflinePage``).

The build covers ``STATIC_ONLY`` (``VIRTLAB_LAYOUT_STATIC_ONLY=all`` or a list such as
``00,02`` to change it): the explorer (00), the notebook with the most figures (02), the
overhead chart and the timeline (04) and the stack and multiboot figures (05), which between
them use every kind of static figure control. ``VIRTLAB_LAYOUT_ROOT`` points the build at
another checkout, as for tests/browser/test_layout.py; ``VIRTLAB_LAYOUT_SITE=/folder`` checks a
site already built there (``tools/build_site.py --html --slides --out /folder``) instead.
Screenshots and the report go to ``test-artifacts/layout/static-*``.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from site_build import STATIC_SUBSET, built_site
from test_static_site import OfflinePage, _browser_or_skip, browser  # noqa: F401 - `browser` is a fixture

ROOT = Path(__file__).resolve().parents[1]
GATE_ROOT = Path(os.environ.get("VIRTLAB_LAYOUT_ROOT") or ROOT).resolve()
STATIC_ONLY = os.environ.get("VIRTLAB_LAYOUT_STATIC_ONLY", STATIC_SUBSET)
SHOTS = ROOT / "test-artifacts" / "layout"

_spec = importlib.util.spec_from_file_location("virtlab_layout_gate", ROOT / "tests" / "browser" / "layout.py")
layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layout)

# reveal.js is an AMD module on these pages (no global): fetch it once, make transitions
# instant (the gate measures a slide as soon as it is shown), and list the slides with outputs.
JS_REVEAL = """(assets) => new Promise((resolve) => require([assets + '/reveal.js/dist/reveal.js'], (R) => {
  const go = () => { window.__virtlabReveal = R; R.configure({transition: 'none', backgroundTransition: 'none'});
    resolve(R.getSlides().map((s, k) => { s.setAttribute('data-virtlab-slide', String(k));
      const i = R.getIndices(s); return {k, h: i.h, v: i.v || 0,
        outputs: s.querySelectorAll('.jp-OutputArea-output').length}; })
      .filter(s => s.outputs > 0)); };
  R.isReady() ? go() : R.on('ready', go);
}))"""


def _pages(out: Path, suffix: str) -> list[Path]:
    """Every built page (or deck) of every edition: ``04_containers.html``, ``en/04_containers.html``."""
    return sorted(p for pattern in (f"[0-9][0-9]_*{suffix}", f"*/[0-9][0-9]_*{suffix}") for p in out.glob(pattern)
                  if suffix == ".slides.html" or not p.name.endswith(".slides.html"))


@pytest.fixture(scope="module")
def built() -> Path:
    """The site and slides (tests/site_build.py: the same build as tests/test_static_site.py's)."""
    _browser_or_skip()
    if os.environ.get("VIRTLAB_LAYOUT_SITE"):  # a site already built with --html --slides
        return Path(os.environ["VIRTLAB_LAYOUT_SITE"]).resolve()
    return built_site(GATE_ROOT, STATIC_ONLY)


def _report(name: str, lines: list[str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"static-{name}-report.txt").write_text("\n".join(lines) + "\n", "utf-8")


def _fail_if(lines: list[str], what: str, errors: list[str], outside: list[str]) -> None:
    problems = [f"page errors: {errors}"] * bool(errors) + [f"requests left the folder: {outside}"] * bool(outside)
    if lines or problems:
        pytest.fail(f"{len(lines)} layout violation(s) in the {what} "
                    "(screenshots: test-artifacts/layout/static-*.png):\n"
                    + "\n".join(lines + problems), pytrace=False)


def test_static_pages_layout(built, browser):  # noqa: F811 - the imported fixture
    view = OfflinePage(browser, built, viewport=layout.LAPTOP)
    lines: list[str] = []
    try:
        for page_path in _pages(built, ".html"):
            rel = page_path.relative_to(built).as_posix()
            page = view.open(rel)
            page.wait_for_function("() => [...document.querySelectorAll('.virtlab-figure')]"
                                   ".every(f => f.getAttribute('data-virtlab-ready') === '1')", timeout=30_000)
            layout.wait_settled(page)
            found = layout.check(page)
            w, h = layout.LAPTOP
            lines += layout.report_lines(f"{rel} @ {w}×{h}", found["violations"])
            layout.photograph(page, found, SHOTS / f"static-{rel.removesuffix('.html').replace('/', '-')}-{w}x{h}")
    finally:
        view.close()
    _report("pages", lines)
    _fail_if(lines, "static pages", view.errors, view.outside)


@pytest.mark.parametrize("viewport", layout.PROJECTORS, ids=lambda v: f"{v[0]}x{v[1]}")
def test_slides_layout(built, browser, viewport):  # noqa: F811 - the imported fixture
    view = OfflinePage(browser, built, viewport=viewport)
    lines: list[str] = []
    w, h = viewport
    try:
        for deck in _pages(built, ".slides.html"):
            rel = deck.relative_to(built).as_posix()
            page = view.open(rel)
            page.wait_for_selector(".reveal.ready", timeout=30_000)
            stem = rel.removesuffix(".slides.html").replace("/", "-")
            assets = "../" * rel.count("/") + "assets"
            for old in SHOTS.glob(f"static-{stem}-slides-{w}x{h}-*.png"):
                old.unlink()
            for slide in page.evaluate(JS_REVEAL, assets):
                page.evaluate("([h, v]) => window.__virtlabReveal.slide(h, v)", [slide["h"], slide["v"]])
                page.wait_for_function("(k) => { const s = document.querySelector(`[data-virtlab-slide=\"${k}\"]`);"
                                       " return s.classList.contains('present') && [...s.querySelectorAll("
                                       "'.virtlab-figure')].every(f => f.getAttribute('data-virtlab-ready') === '1');"
                                       " }",
                                       arg=slide["k"], timeout=30_000)
                layout.wait_settled(page)
                found = layout.check(page, scope=f'[data-virtlab-slide="{slide["k"]}"]')
                context = f"{rel} slide {slide['h']}.{slide['v']} @ {w}×{h}"
                lines += layout.report_lines(context, found["violations"])
                if found["violations"] or any(u["figures"] or u["widgets"] for u in found["units"]):
                    path = SHOTS / f"static-{stem}-slides-{w}x{h}-slide{slide['h']:02d}.{slide['v']:02d}.png"
                    page.evaluate(layout.JS_OUTLINE, [v for v in found["violations"] if v["check"] != "hscroll"])
                    page.screenshot(path=str(path))
                    page.evaluate(layout.JS_UNOUTLINE)
    finally:
        view.close()
    _report(f"slides-{w}x{h}", lines)
    _fail_if(lines, f"slides at {w}×{h}", view.errors, view.outside)
