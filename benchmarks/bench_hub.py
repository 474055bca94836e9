"""A class on one JupyterHub: per-student memory and time to a running notebook.

    python benchmarks/bench_hub.py [--students 3] [--notebook 04_containers.ipynb]

Starts the same local hub as tests/browser/test_hub_class.py (127.0.0.1 only; dummy login,
local spawner, nbgitpuller link to a bare clone of HEAD), lets the students open the notebook
one after another in headless Chromium, runs all cells, and prints, per student: the time from
clicking the link to a connected kernel (spawn + clone + JupyterLab), the time to run all cells,
the resident memory of their server and kernel, and the bytes received over HTTP and the kernel
websocket. The hub, proxy and servers are stopped at the end.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

# tests/browser/ is on sys.path only after the insert above
from hubdriver import Hub, Student, find_chp, tree_rss_mib  # noqa: E402
from labdriver import find_chromium, launch_browser  # noqa: E402
from test_hub_class import JS_ALL_DRAWN  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, default=3)
    ap.add_argument("--notebook", default="04_containers.ipynb")
    args = ap.parse_args(argv)
    chromium, chp = find_chromium(), find_chp()
    if chromium is None or chp is None:
        sys.exit("bench_hub: needs Debian's chromium and configurable-http-proxy (npm)")
    from playwright.sync_api import sync_playwright

    names = [f"student{i + 1}" for i in range(args.students)]
    rows = []
    with sync_playwright() as p:
        browser = launch_browser(p, chromium)
        with Hub(names, chp) as hub:
            students = []
            for name in names:
                s = Student(browser, hub, name, args.notebook)
                opened = s.open()
                ran = s.run_all(timeout=180_000)
                s.page.wait_for_function(JS_ALL_DRAWN, timeout=120_000, polling=100)
                students.append((s, opened, ran))
            pids = hub.server_pids()
            for s, opened, ran in students:
                rows.append((s.student, opened, ran, tree_rss_mib(pids[s.student]), s.ws_in / 1e6))
                s.close()
        browser.close()
    print(f"{'student':<10} {'link → kernel':>14} {'run all':>8} {'memory':>9} {'websocket in':>13}")
    for name, opened, ran, mib, ws in rows:
        print(f"{name:<10} {opened:>12.1f} s {ran:>6.1f} s {mib:>5.0f} MiB {ws:>10.2f} MB")
    print(f"median: {statistics.median(r[1] for r in rows):.1f} s to a running notebook, "
          f"{statistics.median(r[3] for r in rows):.0f} MiB per student")
    return 0


if __name__ == "__main__":
    sys.exit(main())
