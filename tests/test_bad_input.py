"""A corpus of bad input that cannot break the package (generated with hypothesis).

* the CLI: exit 0 or 2, never a traceback; an error is one short line; ``--json`` is strict JSON
  with no NaN or infinity; "fits" agrees with the capacity it prints; nothing huge echoed back;
  a closed pipe or a full disk ends quietly;
* the Python API: only ``ValueError``/``TypeError`` with a plain message, no hang, no NaN in a
  result;
* hostile host trees for the probe: absurd numbers, binary junk, NUL bytes, markup in every
  string it reads: it never raises and its report is strict JSON.
"""
from __future__ import annotations

import importlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from virtlab_widgets import model
from virtlab_widgets import presets as P
from virtlab_widgets.cli import MAX_MESSAGE, main

probe_module = importlib.import_module("virtlab_widgets.models.probe")
ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- values a careless or hostile caller passes ------------------------------------------------
huge_int = st.integers(min_value=10**18, max_value=10**4000)  # str() refuses over 4,300 digits
weird_floats = st.sampled_from([math.nan, math.inf, -math.inf, 5e-324, 1e-300, 1e300, -0.0, -1.0])
texts = st.one_of(st.text(max_size=40), st.just("x" * 100_000), st.just("<script>alert(1)</script>"),
                  st.just("False"), st.just("\x00"), st.just("１２"))
anything = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), huge_int, weird_floats,
                     st.floats(allow_nan=True), texts, st.lists(st.integers(-5, 5), max_size=3))


def cli(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse's own exit (help or a parse error)
        status = stop.code
    out = capsys.readouterr()
    return status, out.out, out.err


def check_cli_result(status: int, out: str, err: str, argv: list[str]) -> None:
    assert status in (0, 2), f"{argv[:6]}: exit {status}"
    assert "Traceback" not in out + err
    if status == 2:
        assert err.startswith("virtlab: error: ") and err.count("\n") == 1, err[:300]
        assert len(err) <= MAX_MESSAGE + 20, f"error line of {len(err)} characters"
        return
    assert not err
    assert not any(word in out.lower().split() for word in ("nan", "inf", "-inf", "infinity"))
    if "--json" in argv and argv[0] == "simulate":
        data = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))
        r = data["results"]
        assert r["fits"] == (r["fits_memory"] and r["fits_disk"])
        if r["fits"]:
            assert r["vms"] <= r["vm_capacity"] and r["containers"] <= r["container_capacity"]
        if r["vms"] > r["vm_capacity"]:
            assert not r["vms_fit"] and r["vm_ready_all_s"] is None


NUMBER_TOKENS = st.one_of(st.integers(-10, 300).map(str), huge_int.map(str), weird_floats.map(repr),
                          st.sampled_from(["", " ", "1e999", "0x10", "١٢", "3.5", "nan", "-inf"]), texts)


@st.composite
def simulate_argv(draw) -> list[str]:
    argv = ["simulate"]
    for flag in draw(st.lists(st.sampled_from(["--vms", "--containers", "--host", "--vm-profile",
                                                "--container-profile", "--runtime", "--hypervisor",
                                                "--page-sharing", "--host-ram", "--host-cores"]),
                              max_size=5, unique=True)):
        argv += [flag, draw(NUMBER_TOKENS | st.sampled_from(P.names("hosts") + P.names("vm_profiles")
                                                           + P.names("runtimes") + ["kvm", "esxi", "firecracker"]))]
    if draw(st.booleans()):
        argv.append("--json")
    return argv


@SETTINGS
@given(argv=simulate_argv())
def test_cli_never_breaks(argv, capsys):
    check_cli_result(*cli(argv, capsys), argv)


@pytest.mark.parametrize("argv", [
    ["simulate", "--host-ram", "5e-324", "--json"], ["simulate", "--host-ram", "1e-300"],
    ["simulate", "--vms", "9" * 5000], ["simulate", "--host", "x" * 100_000],
    ["simulate", "--vm-profile", "microvm", "--hypervisor", "esxi"],
    ["simulate", "--vms", "82", "--host", "lab-server", "--vm-profile", "ubuntu-desktop", "--json"],
    ["simulate", "--vms", "100", "--host", "laptop-16", "--json"], ["link", "--hub", "<b>x</b>"],
    ["nonsense"], [],
])
def test_cli_known_bad_inputs(argv, capsys):
    check_cli_result(*cli(argv, capsys), argv)


def test_cli_fits_agrees_with_capacity_on_disk(capsys):
    """82 desktop VMs on the lab server: 2,050 GiB of images on a 2,048 GiB disk."""
    status, out, _ = cli(["simulate", "--vms", "82", "--host", "lab-server", "--vm-profile", "ubuntu-desktop",
                          "--json"], capsys)
    r = json.loads(out)["results"]
    assert status == 0 and r["vm_capacity"] < 82 and not r["fits_disk"] and not r["fits"]


def test_cli_override_equal_to_the_preset_changes_nothing(capsys):
    runs = [json.loads(cli(["simulate", "--vms", "3", "--containers", "7", "--host", "laptop-8", *extra, "--json"],
                           capsys)[1])["results"] for extra in ([], ["--host-ram", "8"])]
    for r in runs:
        r.pop("host")  # the preset's name, or "custom" once overridden
    assert runs[0] == runs[1]


@pytest.mark.parametrize("shell", ["simulate --vms 4 | head -1", "simulate --vms 4 > /dev/full"])
def test_closed_pipe_or_full_disk_is_one_line_at_most(shell):
    if "/dev/full" in shell and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    proc = subprocess.run(f"{sys.executable} -m virtlab_widgets {shell}", shell=True, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") <= 1, proc.stderr


# --- the Python API -----------------------------------------------------------------------------
def plain(exc: BaseException) -> bool:
    message = str(exc)
    return isinstance(exc, (ValueError, TypeError)) and 0 < len(message) <= 400 and "Traceback" not in message


@SETTINGS
@given(vms=anything, containers=anything, host=st.one_of(anything, st.sampled_from(P.names("hosts"))),
       sharing=anything)
def test_simulate_raises_plainly_or_gives_finite_numbers(vms, containers, host, sharing):
    try:
        s = model.simulate(vms, containers, host, page_sharing=sharing)
    except Exception as exc:  # noqa: BLE001 - the point: only plain ValueError/TypeError
        assert plain(exc), f"{type(exc).__name__}: {str(exc)[:200]}"
        return
    for key, value in s.to_dict().items():
        if isinstance(value, float) and key not in ("vm_ready_all_s", "container_ready_all_s"):
            assert math.isfinite(value), f"{key} = {value}"


@SETTINGS
@given(ram=anything, cores=anything, disk=anything)
def test_custom_host_raises_plainly(ram, cores, disk):
    try:
        h = P.custom_host(ram, cores, disk)
    except Exception as exc:  # noqa: BLE001
        assert plain(exc), f"{type(exc).__name__}: {str(exc)[:200]}"
        return
    assert h.ram_mib >= P.MIN_HOST_RAM_GIB * 1024 and h.disk_gib >= P.MIN_HOST_DISK_GIB


# --- hostile host trees for the probe --------------------------------------------------------------
junk = st.one_of(st.binary(max_size=300).map(lambda b: b.decode("latin-1")), st.text(max_size=200),
                 st.just("MemTotal:       " + "9" * 5000 + " kB\nMemAvailable: 1 kB\n"),
                 st.just("<img src=x onerror=alert(1)>"), st.just("9" * 5000), st.just("max 100000"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(files=st.dictionaries(st.sampled_from(sorted(probe_module.SOURCE_FILES)), junk, max_size=8),
       markers=st.lists(st.sampled_from(probe_module.MARKERS), max_size=3, unique=True),
       env=st.dictionaries(st.sampled_from(list(probe_module.ENV_KEYS) + ["BINDER_X", "JUPYTERHUB_API_TOKEN"]),
                           junk, max_size=4))
def test_probe_survives_hostile_trees(tmp_path_factory, files, markers, env):
    root = tmp_path_factory.mktemp("host")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8", errors="surrogateescape")
    for rel in markers:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).touch()
    report = probe_module.probe(root=root, env=env, system="Linux", disk_path=str(root) + "\x00/x")
    json.dumps(report.to_dict(), allow_nan=False)
    assert report.mem_total_mib is None or report.mem_total_mib < 2**60


def test_no_module_shadows_a_public_function():
    """``from virtlab_widgets import probe`` is the function notebook 5 invites students to call,
    even after the module of the same name was imported."""
    import virtlab_widgets as V

    importlib.import_module("virtlab_widgets.models.probe")
    for name in V.__all__:
        value = getattr(V, name)
        assert not (isinstance(value, type(os)) and name not in ("model", "presets")), \
            f"virtlab_widgets.{name} is a module, not the public function"
