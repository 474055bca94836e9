"""The command-line simulator: output, JSON, and one-line errors with exit status 2."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from virtlab_widgets import model
from virtlab_widgets.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "virtlab_widgets", *args], capture_output=True, text=True,
                          timeout=60)


def test_simulate_prints_parameters_and_results(capsys):
    assert main(["simulate", "--vms", "4", "--containers", "10", "--host", "laptop-8"]) == 0
    out = capsys.readouterr().out
    assert "parameters" in out and "laptop-8: RAM 8.0 GiB, 4 cores" in out
    assert "results for 4 VMs and 10 containers" in out and "OVERCOMMITTED" in out
    assert "one VM 11.3 s" in out and "capacity" in out
    assert "all 4 VMs does not fit (at most 2)" in out          # no boot time past capacity
    assert "overhead: Red Hat OpenShift Virtualization" in out  # whose KVM rule it is


def test_fits_means_memory_and_disk_and_agrees_with_capacity(capsys):
    # issue 9: 82 desktop VMs with 2,050 GiB of images on the lab server's 2,048 GiB disk
    args = ["simulate", "--vms", "82", "--vm-profile", "ubuntu-desktop", "--host", "lab-server",
            "--page-sharing", "0.3"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "2050.0 GiB" in out and "of 2048 GiB: DOES NOT FIT" in out
    assert "verdict     does not fit" in out and "at most 81 such VMs" in out
    assert "all 82 VMs does not fit (at most 81)" in out
    assert main(args[:2] + ["81"] + args[3:] + ["--json"]) == 0
    res = json.loads(capsys.readouterr().out)["results"]
    assert res["fits"] and res["fits_disk"] and res["vms_fit"] and res["vm_capacity"] == 81


def test_json_matches_the_model(capsys):
    assert main(["simulate", "--vms", "3", "--containers", "50", "--runtime", "kata", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"] == model.simulate(3, 50, runtime="kata").to_dict()
    assert data["parameters"]["runtime"]["overhead_mib"] == 184.3


def test_host_overrides(capsys):
    assert main(["simulate", "--vms", "2", "--host-ram", "64", "--host-cores", "16", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)["results"]
    assert res["host_ram_mib"] == 64 * 1024 and res["host_cores"] == 16


@pytest.mark.parametrize("args,needle", [
    (["simulate", "--vms", "-1"], "cannot be negative"),
    (["simulate", "--vms", "abc"], "invalid int value"),
    (["simulate", "--containers", "1e9"], "invalid int value"),
    (["simulate", "--vms", "100000"], "at most 10000"),
    (["simulate", "--host", "mars"], "unknown host preset 'mars'"),
    (["simulate", "--vm-profile", "windows"], "unknown VM profile"),
    (["simulate", "--host-ram", "0"], "host RAM"),
    (["simulate", "--host-ram", "nan"], "host RAM"),
    (["simulate", "--page-sharing", "0.95"], "page sharing"),
    (["simulate", "--vm-profile", "microvm", "--hypervisor", "esxi"], "runs on firecracker, not on 'esxi'"),
    (["simulate", "--vm-profile", "ubuntu-desktop", "--hypervisor", "firecracker"], "not on 'firecracker'"),
    (["simulate", "--wat"], "unrecognized arguments"),
    ([], "required"),
])
def test_bad_input_exits_2_with_one_line(args, needle):
    proc = run(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in proc.stderr


def test_help_documents_options_and_presets():
    proc = run("simulate", "--help")
    assert proc.returncode == 0
    for word in ("--vms", "--containers", "--host", "--vm-profile", "--container-profile", "--json",
                 "laptop-8", "lab-server", "microvm", "python-app", "gvisor", "kata"):
        assert word in proc.stdout


def test_sources_lists_citations():
    proc = run("sources")
    assert proc.returncode == 0 and "RC25482" in proc.stdout and "informal" in proc.stdout
    assert "SPECIFICATION.md" in proc.stdout and "14,400" in proc.stdout
