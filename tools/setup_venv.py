"""Create or refresh ``.venv`` with the locked dependencies and the package (``make setup``).

    python3 tools/setup_venv.py [--venv .venv]

Fast when nothing changed: the venv carries a stamp with the interpreter's version and the
hashes of ``requirements/lock.txt``, ``pyproject.toml`` and the server-extension config. It
rebuilds instead of reusing a broken venv: a venv made by another Python version (e.g. a
failed try with an older ``python3``) is removed and created again, and an install that failed
leaves no stamp, so the next run installs again.

The install is reproducible: every transitive version and its hashes come from the universal
lock (``make lock`` regenerates it with uv), installed by pip with ``--require-hashes``.
Runs on any Python 3 so that an old interpreter gets a clear message, not a syntax error.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time

MIN_PYTHON = (3, 11)  # hypothesis (tests) needs >= 3.11; Python 3.10 reached end of life in Oct 2026
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCK = os.path.join(ROOT, "requirements", "lock.txt")
INSTALLER = os.path.join(ROOT, "requirements", "installer.txt")  # uv, pinned with hashes
SERVER_CONFIG = os.path.join("jupyter-config", "jupyter_server_config.d", "virtlab_widgets.json")
INPUTS = (LOCK, INSTALLER, os.path.join(ROOT, "pyproject.toml"), os.path.join(ROOT, SERVER_CONFIG))
STAMP_NAME = ".virtlab-installed"


def fingerprint():
    digest = hashlib.sha256("python {}.{}".format(*sys.version_info[:2]).encode())
    for path in INPUTS:
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def venv_python(venv):
    return os.path.join(venv, "Scripts" if os.name == "nt" else "bin", "python")


def venv_version(venv):
    """``(major, minor)`` of the venv's interpreter, or None if it is missing or broken."""
    try:
        out = subprocess.run([venv_python(venv), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60, check=True).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def run(cmd):
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Create or refresh the project's virtual environment.")
    ap.add_argument("--venv", default=os.path.join(ROOT, ".venv"))
    args = ap.parse_args(argv)
    if sys.version_info[:2] < MIN_PYTHON:
        sys.exit(f"virtlab needs Python >= {MIN_PYTHON[0]}.{MIN_PYTHON[1]}, found {sys.version.split()[0]} "
                 f"({sys.executable}). Run e.g. `make setup PYTHON=python3.12`.")
    venv, stamp = args.venv, os.path.join(args.venv, STAMP_NAME)
    want = fingerprint()
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == want and venv_version(venv) == sys.version_info[:2]:
                return 0
    start = time.perf_counter()
    have = venv_version(venv)
    if os.path.exists(venv) and have != sys.version_info[:2]:
        print("{}: made by Python {}, not {}.{}: recreating it".format(
            venv, "{}.{}".format(*have) if have else "(broken)", *sys.version_info[:2]), flush=True)
        shutil.rmtree(venv)
    if not os.path.exists(venv):
        run([sys.executable, "-m", "venv", venv])
    if os.path.exists(stamp):
        os.remove(stamp)  # a failed install below must not look finished
    python = venv_python(venv)
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pip.append("--root-user-action=ignore")
    install = pip
    try:  # uv installs the same locked set about 10x faster than pip (README, "Set-up time")
        run(pip + ["--require-hashes", "--no-deps", "-r", INSTALLER])
        install = [python, "-m", "uv", "pip", "install", "--quiet", "--python", python]
    except subprocess.CalledProcessError:
        print("uv is not available here: installing with pip", flush=True)
    run(install + ["--require-hashes", "--no-deps", "-r", LOCK])
    run(install + ["--no-deps", "-e", ROOT])
    # editable installs skip data files: enable the server extension (virtlab_widgets/jupyter/server_ext.py) by hand
    target = os.path.join(venv, "etc", "jupyter", "jupyter_server_config.d")
    os.makedirs(target, exist_ok=True)
    shutil.copy(os.path.join(ROOT, SERVER_CONFIG), target)
    with open(stamp, "w") as f:
        f.write(want + "\n")
    print(f"set up {venv} with Python {sys.version.split()[0]} in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
