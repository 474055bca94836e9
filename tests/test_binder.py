"""Binder: render the image recipe offline with `repo2docker --no-build --debug .`."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dockerfile() -> str:
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    if not Path(exe).exists():
        pytest.skip("repo2docker (jupyter-repo2docker) is not installed")
    proc = subprocess.run([exe, "--no-build", "--debug", "."], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout + proc.stderr


def test_conda_build_pack_with_the_pinned_python(dockerfile):
    assert "Building conda environment for python=3.12" in dockerfile


def test_environment_is_built_after_the_repository_is_copied(dockerfile):
    # `-e .` in environment.yml needs the source: repo2docker must copy it before the env update.
    copy = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    update = dockerfile.index('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    assert copy < update


def test_notebooks_use_the_environment_that_has_the_package(dockerfile):
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in dockerfile
    assert "ENV NB_PYTHON_PREFIX=${CONDA_DIR}/envs/notebook" in dockerfile


def test_post_build_enables_the_server_extension(dockerfile):
    # After the environment exists, postBuild copies the server-extension config into it.
    assert dockerfile.index("RUN ./postBuild") > dockerfile.index('--file "environment.yml"')
    script = (ROOT / "postBuild").read_text("utf-8")
    assert "jupyter_server_config.d/virtlab_widgets.json" in script and "${NB_PYTHON_PREFIX}" in script
    assert (ROOT / "jupyter-config/jupyter_server_config.d/virtlab_widgets.json").exists()
