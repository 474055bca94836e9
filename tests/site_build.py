"""The kernel-less site, built once per test run and shared.

``tests/test_static_site.py`` (the site and slides work offline) and
``tests/test_static_layout.py`` (the layout gate on them) look at the same build,
``tools/build_site.py --html --slides --only <subset>`` of every edition: building it once saves
a minute of executing notebooks. The folder is removed when the test process ends.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_SUBSET = "00,02,04,05"
"""The explorer (00), the notebook with the most figures (02), the overhead chart and the
timeline (04), the stack and multiboot figures (05): between them every kind of static control."""

_BUILT: dict[tuple[Path, str], Path] = {}


def built_site(root: Path = ROOT, only: str = STATIC_SUBSET) -> Path:
    """The folder of ``root``'s site and slides over ``only`` ("all": every notebook), built on first use."""
    key = (root.resolve(), only)
    if key not in _BUILT:
        out = Path(tempfile.mkdtemp(prefix="virtlab-site-"))
        atexit.register(shutil.rmtree, out, True)
        subset = [] if only.strip().lower() == "all" else ["--only", only]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.run([sys.executable, str(root / "tools" / "build_site.py"), "--html", "--slides", *subset,
                               "--out", str(out)], capture_output=True, text=True, timeout=900, env=env, cwd=root)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        _BUILT[key] = out
    return _BUILT[key]
