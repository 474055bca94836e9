"""The kernel-less lecture: every app renders without widgets; the static site and the slides
work offline in a real browser (headless Chromium, every request outside the folder aborted).

The browser tests build a subset (notebooks 00 and 04: the explorer, the start-up race, the
timeline and a quiz) to stay fast; ``make html`` / ``make slides`` build every notebook.
"""
from __future__ import annotations

import inspect
import json
import os
import re
import sys
from pathlib import Path

import pytest
from site_build import STATIC_SUBSET, built_site

import virtlab_widgets as V
from virtlab_widgets.apps.controls import App
from virtlab_widgets.export import ENV, Dim, State, interactive_html

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("VIRTLAB_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


# --- every app, kernel-less -------------------------------------------------------------
def _app_factories():
    """Every App subclass in virtlab_widgets.apps, with the one-call factory of its module
    (``VmVsContainer`` -> ``vm_vs_container``). New apps are picked up automatically."""
    import importlib
    import pkgutil

    import virtlab_widgets.apps as apps

    for mod in pkgutil.iter_modules(apps.__path__):
        importlib.import_module(f"virtlab_widgets.apps.{mod.name}")
    seen, todo = {}, list(App.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        module = sys.modules[cls.__module__]
        factory = next((f for f in vars(module).values() if inspect.isfunction(f)
                        and f.__annotations__.get("return") in (cls, cls.__name__)), None)
        if factory is not None:
            seen[cls.__name__] = factory
        else:
            assert cls.__name__ == "ModelApp", f"{cls.__name__} has no one-call factory in {cls.__module__}"
    return seen


FACTORIES = _app_factories()


def _make(name):
    factory = FACTORIES[name]
    return factory("04") if name == "Quiz" else factory()


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_every_app_renders_without_widgets(name, monkeypatch):
    monkeypatch.setenv(ENV, "1")
    app = _make(name)
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    html = bundle["text/html"]
    assert html.startswith("<div class") and "virtlab-static" in html
    assert "<input" not in html and "widget-" not in html  # no dead controls
    assert "plotly.min.js" not in html and len(html) < 600_000  # plotly.js comes from the page, once
    assert bundle["text/plain"]


def test_live_mode_still_shows_widgets(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert "application/vnd.jupyter.widget-view+json" in V.vm_vs_container()._repr_mimebundle_()


def _spec(html: str) -> dict:
    return json.loads(re.search(r"spec=(\{.*?\});\nvar gd", html, re.S).group(1).replace("<\\/", "</"))


def _pick(spec, key, ix):
    f = 0
    for d in key["deps"]:
        f = f * spec["dims"][d]["n"] + ix[d]
    return spec["pool"][key["ids"][f]]


def _same(got, want) -> bool:
    if isinstance(want, (list, tuple)):
        return isinstance(got, list) and len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        if want != want:
            return got is None
        return got == pytest.approx(want, rel=1e-5, abs=1e-9)
    return got == want or (got is None and want is None)


def test_explorer_static_states_are_the_widgets_numbers():
    """Every precomputed combination equals what the live widget shows for the same controls:
    the count sliders move by position over each host's own range (0 .. about twice what fits)."""
    from virtlab_widgets.apps.explorer import plain

    app = V.vm_vs_container(vms=4, containers=10)
    dims = app._static_dims()
    spec = _spec(app.static_html())
    names = [d.name for d in dims]
    assert names == ["vms", "containers", "host", "vm", "runtime"]
    steps = {k["path"]: k for k in spec["layout"] if k["path"].startswith("sliders.")}
    assert set(steps) == {"sliders.0.steps", "sliders.1.steps"}  # relabelled per host
    for values in ({"vms": 8, "containers": 8, "host": "laptop-8", "vm": "microvm", "runtime": "kata"},
                   {"vms": 0, "containers": 3, "host": "lab-server", "vm": "ubuntu-desktop", "runtime": "gvisor"}):
        ix = [values[d.name] if d.kind == "slider" else d.values.index(values[d.name]) for d in dims]
        n = int(_pick(spec, steps["sliders.0.steps"], ix)[values["vms"]]["label"].replace(",", ""))
        m = int(_pick(spec, steps["sliders.1.steps"], ix)[values["containers"]]["label"].replace(",", ""))
        live = V.vm_vs_container(vms=n, containers=m, host=values["host"], vm=values["vm"],
                                 runtime=values["runtime"])
        if values["vms"] == 8:  # the last position is the top of that host's slider
            assert n == [v for _, v in live.vms_slider.options][-1]
        parts = [_pick(spec, k, ix) for k in spec["summary"]]
        assert plain(" · ".join(p for p in parts if p)) == live.summary_text()
        figure = live.figure
        for key in spec["data"]:
            got, want = _pick(spec, key, ix), figure.data[key["trace"]][key["path"]]
            assert _same(got, list(want) if isinstance(want, tuple) else want), key


def test_interactive_html_rejects_inconsistent_dims():
    import plotly.graph_objects as go

    with pytest.raises(ValueError):
        Dim("x", "x", [1, 2], ["1"])
    html = interactive_html(go.Figure(go.Scatter(x=[0], y=[0])), [Dim("n", "n", [1, 2], ["1", "2"])],
                            lambda v: State(data={(0, "y"): [v["n"]]}, summary=[f"n={v['n']}"]))
    assert "n=1" in html


# --- the built site and slides in Chromium ------------------------------------------------
def _browser_or_skip():
    reason = None
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}"
    if reason:
        if IN_CI:
            pytest.fail(reason + " (CI: a skipped browser test counts as a failure)")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site() -> Path:
    """The site and slides of notebooks 00, 02, 04 and 05 in every edition (tests/site_build.py)."""
    _browser_or_skip()
    return built_site()


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


class OfflinePage:
    """A page that may load only files inside ``folder``; everything else is aborted and recorded."""

    def __init__(self, browser, folder: Path, viewport=(1280, 900)):
        self.folder = folder.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           offline=True)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.folder + "/") or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, name: str):
        self.page.goto(f"{self.folder}/{name}", wait_until="load")
        return self.page

    def close(self):
        self.context.close()


def _slider_handle_drag(page, figure, slider: int, step: int) -> None:
    """Click the ``step``-th tick of a plotly slider (a real mouse event)."""
    rail = figure.locator(".slider-group").nth(slider).locator(".slider-rail-touch-rect")
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    ticks = figure.locator(".slider-group").nth(slider).locator(".slider-label-group")
    n = ticks.count() or 1
    # plotly spreads the steps evenly over the rail (minus the grip's half width at each end)
    inset = 9
    x = box["x"] + inset + (box["width"] - 2 * inset) * step / max(n - 1, 1)
    page.mouse.click(x, box["y"] + box["height"] / 2)


def test_static_site_works_offline(site, browser):
    out = site
    assert (out / "assets/plotly.min.js").exists()
    pages = sorted(out.glob("[0-9][0-9]_*.html"))
    pages = [p for p in pages if not p.name.endswith(".slides.html")]
    assert [p.name[:2] for p in pages] == STATIC_SUBSET.split(",")
    for p in pages:
        text = p.read_text("utf-8")
        assert text.count("plotly.min.js") == 1, p.name  # once per page, shared file
        assert "widget-view+json" not in text
        assert not re.findall(r'(?:src|href)="https?://[^"]*"', re.sub(r"<a [^>]*>", "", text)), p.name
        assert p.stat().st_size < 2_000_000
    view = OfflinePage(browser, out)
    try:
        page = view.open("04_containers.html")
        page.wait_for_selector(".virtlab-figure[data-virtlab-ready='1']", timeout=30_000)
        figs = page.locator(".virtlab-figure")
        assert figs.count() >= 3
        explorer = figs.first
        summary = page.locator(".virtlab-summary").first
        before_text = summary.inner_text()
        before = page.evaluate("id => JSON.stringify(document.getElementById(id).data.map(t => [t.x, t.y]))",
                               explorer.get_attribute("id"))
        assert "VM 4대" in before_text
        explorer.scroll_into_view_if_needed()
        _slider_handle_drag(page, explorer, 0, 8)  # VMs: grid step 8 (16 VMs)
        page.wait_for_function("id => document.getElementById(id).getAttribute('data-virtlab-state') !== null",
                               arg=explorer.get_attribute("id"), timeout=10_000)
        after = page.evaluate("id => JSON.stringify(document.getElementById(id).data.map(t => [t.x, t.y]))",
                              explorer.get_attribute("id"))
        after_text = summary.inner_text()
        assert after != before, "moving the VM slider did not change the plot"
        assert after_text != before_text and "VM 4대" not in after_text
        # a preset menu: the host (second menu row entry); choose the 8 GB laptop
        ARTIFACTS.mkdir(exist_ok=True)
        explorer.screenshot(path=str(ARTIFACTS / "static-site-explorer-moved.png"))
        # the quiz is readable without a kernel
        assert page.locator("details").count() >= 3
        # the nav links to the other built page
        assert page.locator('nav.virtlab-nav a[href="00_index.html"]').count() == 1
        assert not view.outside, f"requests left the folder: {view.outside}"
        assert not view.errors, view.errors
    finally:
        view.close()


def test_slides_work_offline(site, browser):
    out = site
    deck = out / "04_containers.slides.html"
    assert deck.exists()
    text = deck.read_text("utf-8")
    assert "unpkg.com" not in text and "cdnjs" not in text and "cdn.jsdelivr" not in text
    assert 'class="notes"' in text or "<aside class=\"notes\">" in text  # speaker notes kept as notes
    view = OfflinePage(browser, out, viewport=(1280, 800))
    try:
        page = view.open("04_containers.slides.html")
        page.wait_for_selector(".reveal.ready", timeout=30_000)
        assert page.locator(".reveal .slides section").count() > 10
        for _ in range(80):  # next slide (space walks through vertical slides too) until the explorer
            if page.locator("section.present:not(.stack) .virtlab-figure").count():
                break
            page.keyboard.press("Space")
            page.wait_for_timeout(50)
        page.wait_for_selector("section.present:not(.stack) .virtlab-figure[data-virtlab-ready='1']", timeout=30_000)
        fig = page.locator("section.present:not(.stack) .virtlab-figure").first
        before = page.locator("section.present:not(.stack) .virtlab-summary").first.inner_text()
        _slider_handle_drag(page, fig, 0, 6)
        page.wait_for_function("() => document.querySelector('section.present:not(.stack) .virtlab-figure')"
                               ".getAttribute('data-virtlab-state') !== null", timeout=10_000)
        page.wait_for_timeout(800)  # the slide transition, for the screenshot
        assert page.locator("section.present:not(.stack) .virtlab-summary").first.inner_text() != before
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "slides-explorer.png"))
        assert not view.outside, f"requests left the folder: {view.outside}"
        assert not view.errors, view.errors
    finally:
        view.close()


@pytest.mark.parametrize("factory", ["where_am_i", "readiness_check", "vm_planner"])
def test_static_pages_never_pass_the_builder_off_as_the_reader(factory, monkeypatch):
    """Without a kernel, the apps about "your machine" show a labelled example, not the builder."""
    from virtlab_widgets.models.probe import example_report
    from virtlab_widgets.text import t

    monkeypatch.setenv(ENV, "1")
    app = getattr(V, factory)()
    assert app.example and app.report == example_report()
    html = app._repr_mimebundle_()["text/html"]
    assert t("host.example.title") in html and "python -m virtlab_widgets probe" in html
    monkeypatch.delenv(ENV)
    live = getattr(V, factory)()
    assert not live.example and live.report != example_report()


def test_both_editions_are_built_with_a_language_switch(site, browser):
    """Every page and deck exists in each edition, says its language, and links its twin."""
    out = site
    for name in ("00_index", "04_containers"):
        for suffix in (".html", ".slides.html"):
            ko, en = (out / f"{name}{suffix}").read_text("utf-8"), (out / "en" / f"{name}{suffix}").read_text("utf-8")
            assert f'href="en/{name}{suffix}" hreflang="en"' in ko and f'href="../{name}{suffix}" hreflang="ko"' in en
    index = (out / "en" / "00_index.html").read_text("utf-8")
    assert 'href="../00_index.html"' in index and 'href="04_containers.html"' in index
    view = OfflinePage(browser, out)
    try:
        page = view.open("en/04_containers.html")
        page.wait_for_selector(".virtlab-figure[data-virtlab-ready='1']", timeout=30_000)
        summary = page.locator(".virtlab-summary").first.inner_text()
        assert "4 VMs" in summary and not re.search(r"[\uac00-\ud7a3]", summary), summary
        page.locator(".virtlab-editions a").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/04_containers.html") and "/en/" not in page.url
        assert not view.outside, f"requests left the folder: {view.outside}"
        assert not view.errors, view.errors
    finally:
        view.close()
