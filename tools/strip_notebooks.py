"""Strip outputs, execution counts and widget state from notebooks (run via `make strip`).

Usage: python tools/strip_notebooks.py [PATH ...]   (folders are searched for *.ipynb)
Exits 1 if it changed anything, so it can also serve as a check.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

VOLATILE_CELL_KEYS = ("execution", "collapsed", "scrolled")


def strip(nb: dict) -> dict:
    nb["metadata"].pop("widgets", None)
    for cell in nb["cells"]:
        for key in VOLATILE_CELL_KEYS:
            cell["metadata"].pop(key, None)
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def main(paths: list[str]) -> int:
    files = []
    for p in map(Path, paths or ["notebooks"]):
        files += sorted(p.rglob("*.ipynb")) if p.is_dir() else [p]
    changed = 0
    for path in files:
        if ".ipynb_checkpoints" in path.parts:
            continue
        before = path.read_text("utf-8")
        after = json.dumps(strip(json.loads(before)), ensure_ascii=False, indent=1) + "\n"
        if after != before:
            path.write_text(after, "utf-8")
            changed += 1
            print(f"stripped {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
