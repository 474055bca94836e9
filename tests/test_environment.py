"""environment.yml (conda/Binder), pyproject.toml (pip) and requirements/lock.txt agree."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
ENV = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
# Test-only tools that environment.yml (for students and Binder) does not need.
NOT_IN_CONDA_ENV = {"jupyter-repo2docker": "renders the Binder recipe in tests only",
                    "playwright": "browser tests only; they also need Debian's chromium",
                    "axe-playwright-python": "browser tests only; not on conda-forge",
                    "jupyterlab-rise": "RISE browser test; a conda-forge package was not confirmed",
                    "nbstripout": "strips notebooks before a commit; maintainers only"}


def conda_python() -> str:
    spec = next(d for d in ENV["dependencies"] if isinstance(d, str) and d.startswith("python="))
    return spec.split("=", 1)[1]


def pip_requirements() -> dict[str, Requirement]:
    env = {**default_environment(), "python_version": conda_python(), "extra": "test"}
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]
            + PYPROJECT["project"]["optional-dependencies"]["test"]]
    return {canonicalize_name(r.name): r for r in reqs if r.marker is None or r.marker.evaluate(env)}


def conda_requirements() -> dict[str, SpecifierSet]:
    out = {}
    for dep in ENV["dependencies"]:
        if not isinstance(dep, str) or dep.split("=")[0] in ("python", "pip"):
            continue
        name, _, spec = dep.partition(" ")
        out[canonicalize_name(name)] = SpecifierSet(spec.replace(" ", ""))
    return out


def test_conda_forge_and_pinned_python():
    assert ENV["channels"][0] == "conda-forge"
    assert re.fullmatch(r"3\.1[12]", conda_python())


def test_same_dependencies_with_the_same_bounds():
    pip, conda = pip_requirements(), conda_requirements()
    missing = set(pip) - set(conda) - set(NOT_IN_CONDA_ENV)
    assert not missing, f"in pyproject.toml but not environment.yml: {sorted(missing)}"
    extra = set(conda) - set(pip)
    assert not extra, f"in environment.yml but not pyproject.toml: {sorted(extra)}"
    for name, spec in conda.items():
        assert spec == pip[name].specifier, f"{name}: environment.yml {spec} != pyproject {pip[name].specifier}"


def test_required_packages_are_listed():
    names = set(conda_requirements())
    for needed in ("jupyterlab", "ipywidgets", "plotly", "anywidget", "numpy", "nbval", "pytest"):
        assert needed in names


def test_environment_installs_the_package_itself():
    pip_section = next(d["pip"] for d in ENV["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip_section


def locked() -> dict[str, list[Requirement]]:
    """requirements/lock.txt: name -> its pinned requirement(s) (one per environment marker)."""
    text = (ROOT / "requirements/lock.txt").read_text("utf-8").replace("\\\n", " ")
    out: dict[str, list[Requirement]] = {}
    for line in text.splitlines():
        line = re.sub(r"--hash=\S+", "", line.split("#", 1)[0]).strip()
        if line:
            req = Requirement(line)
            out.setdefault(canonicalize_name(req.name), []).append(req)
    return out


def test_lock_pins_every_dependency_with_hashes_within_the_bounds():
    lock = locked()
    text = (ROOT / "requirements/lock.txt").read_text("utf-8")
    for block in re.split(r"\n(?=\S)", text):
        if "==" in block and not block.startswith("#"):
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"
    project = PYPROJECT["project"]
    reqs = [Requirement(x) for x in project["dependencies"] + project["optional-dependencies"]["test"]]
    for req in reqs:
        name = canonicalize_name(req.name)
        assert name in lock, f"{name} is not in requirements/lock.txt: run `make lock`"
        for pin in lock[name]:
            version = next(iter(pin.specifier)).version
            assert str(next(iter(pin.specifier)).operator) == "==", f"{pin} is not an exact pin"
            assert req.specifier.contains(version, prereleases=True), f"{name}=={version} violates {req.specifier}"


def test_lock_covers_every_supported_python():
    """A universal lock: the interpreter range it was resolved for includes requires-python's floor."""
    floor = re.search(r">=\s*3\.(\d+)", PYPROJECT["project"]["requires-python"]).group(1)
    header = (ROOT / "requirements/lock.txt").read_text("utf-8")
    assert "make lock" in header
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert f"--universal --python-version 3.{floor}" in makefile


def test_installed_environment_is_the_locked_one():
    from importlib.metadata import version
    env = default_environment()
    for name, pins in locked().items():
        for pin in pins:
            if pin.marker is None or pin.marker.evaluate(env):
                assert version(name) == next(iter(pin.specifier)).version, \
                    f"{name}: installed {version(name)}, locked {pin}"


@pytest.mark.parametrize("name", ["plotly", "ipywidgets", "anywidget", "jupyterlab", "numpy", "nbformat"])
def test_installed_versions_satisfy_the_bounds(name):
    from importlib.metadata import version
    assert pip_requirements()[name].specifier.contains(version(name), prereleases=True)
