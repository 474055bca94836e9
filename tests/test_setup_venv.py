"""tools/setup_venv.py: fast when nothing changed, rebuilds a venv of another Python or a failed
install, refuses old Pythons in one clear line (the commands are recorded, not run)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import setup_venv  # noqa: E402 - tools/ is on sys.path only after the insert above


def fake_venv(path: Path, version: str) -> Path:
    """A venv whose python reports ``version`` ("3 10")."""
    (path / "bin").mkdir(parents=True)
    python = path / "bin" / "python"
    python.write_text(f"#!/bin/sh\necho {version}\n")
    python.chmod(0o755)
    return path


@pytest.fixture
def recorded(monkeypatch):
    calls: list[list[str]] = []

    def run(cmd):
        calls.append(cmd)
        if cmd[1:3] == ["-m", "venv"]:
            fake_venv(Path(cmd[3]), "{} {}".format(*sys.version_info[:2]))

    monkeypatch.setattr(setup_venv, "run", run)
    return calls


def test_venv_of_another_python_is_rebuilt(tmp_path, recorded):
    venv = fake_venv(tmp_path / "venv", "3 10")
    (venv / "leftover").write_text("from a failed 3.10 set-up")
    assert setup_venv.main(["--venv", str(venv)]) == 0
    assert recorded[0][1:3] == ["-m", "venv"], "the 3.10 venv is recreated, not reused"
    assert not (venv / "leftover").exists()
    assert any("--require-hashes" in c and str(setup_venv.LOCK) in c for c in recorded)
    assert (venv / setup_venv.STAMP_NAME).read_text().strip() == setup_venv.fingerprint()


def test_nothing_changed_means_nothing_runs(tmp_path, recorded):
    venv = fake_venv(tmp_path / "venv", "{} {}".format(*sys.version_info[:2]))
    (venv / setup_venv.STAMP_NAME).write_text(setup_venv.fingerprint() + "\n")
    assert setup_venv.main(["--venv", str(venv)]) == 0
    assert recorded == []


def test_failed_install_leaves_no_stamp(tmp_path, monkeypatch):
    venv = fake_venv(tmp_path / "venv", "{} {}".format(*sys.version_info[:2]))
    (venv / setup_venv.STAMP_NAME).write_text("an older fingerprint\n")

    def fail(cmd):
        raise subprocess.CalledProcessError(1, cmd)

    monkeypatch.setattr(setup_venv, "run", fail)
    with pytest.raises(subprocess.CalledProcessError):
        setup_venv.main(["--venv", str(venv)])
    assert not (venv / setup_venv.STAMP_NAME).exists(), "the next run must install again"


def test_old_python_gets_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(setup_venv, "MIN_PYTHON", (sys.version_info[0], sys.version_info[1] + 1))
    with pytest.raises(SystemExit) as stop:
        setup_venv.main(["--venv", str(tmp_path / "venv")])
    assert "virtlab needs Python >=" in str(stop.value) and "\n" not in str(stop.value)


def test_make_lab_passes_allow_root_to_jupyter_as_root():
    out = subprocess.run(["make", "-n", "lab", "PYTHON=true"], cwd=ROOT, capture_output=True, text=True).stdout
    lab = next(line for line in out.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in lab) == (os.geteuid() == 0)
