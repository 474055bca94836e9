"""Wall time to execute each notebook top to bottom in a fresh kernel (as nbval does).

Usage: ``python benchmarks/bench_notebooks.py [NOTEBOOK ...]`` (default: every notebook).
Target: each notebook in at most 5 s on a 2-core machine, kernel start included.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main(args: list[str]) -> None:
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook':<32} {'seconds':>8}")
    for path in paths:
        print(f"{path.name:<32} {run(path):>8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
