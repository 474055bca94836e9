"""Tests for virtlab_widgets.models.probe: fixture trees of real-world layouts, no network, no root."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# import_module, not "from virtlab_widgets import probe": the package may re-export the function
P = importlib.import_module("virtlab_widgets.models.probe")

FIX = Path(__file__).parent / "fixtures" / "probe"
SECRET = "s3cr3t-hub-token"
ENVS = {
    "kubernetes": {"KUBERNETES_SERVICE_HOST": "10.96.0.1", "HOME": "/home/jovyan"},
    "binder": {"BINDER_LAUNCH_HOST": "https://mybinder.org/", "BINDER_REPO_URL": "https://github.com/x/y",
               "BINDER_REQUEST": "v2/gh/x/y/HEAD", "JUPYTERHUB_API_TOKEN": SECRET,
               "JUPYTERHUB_USER": "x-y-abc123", "REPO_DIR": "/home/jovyan",
               "KUBERNETES_SERVICE_HOST": "10.0.0.1"},
    "wsl2": {"WSL_DISTRO_NAME": "Ubuntu"},
}


def run(name: str, **kw) -> P.HostReport:
    return P.probe(root=FIX / name, env=ENVS.get(name, {}), system="Linux", **kw)


def mentions(verdict: P.Verdict, *needles: str) -> bool:
    """Every needle occurs in some evidence line."""
    return all(any(n in e for e in verdict.evidence) for n in needles)


# --------------------------------------------------------------- fixture layouts
def test_bare_metal():
    r = run("bare_metal")
    assert r.hw_virt.value is True and mentions(r.hw_virt, "/proc/cpuinfo", "vmx")
    assert r.in_vm.value is False and mentions(r.in_vm, "/proc/cpuinfo", "sys_vendor", "Dell Inc.")
    assert r.hypervisor_vendor is None
    assert r.in_container.value is False and mentions(r.in_container, "/proc/1/cgroup", "/proc/self/mountinfo")
    assert r.container_kind is None
    assert r.nested_virt.value is True and mentions(r.nested_virt, "kvm_intel/parameters/nested")
    assert r.cpu_model == "12th Gen Intel(R) Core(TM) i7-12800H"
    assert (r.mem_total_mib, r.mem_available_mib) == (32577660 // 1024, 25123456 // 1024)
    assert r.kernel == "6.5.0-41-generic" and r.distro == "Ubuntu 22.04.4 LTS"
    assert r.unreadable == ()


def test_kvm_guest():
    r = run("kvm_guest")
    assert r.in_vm.value is True and r.hypervisor_vendor == "QEMU"
    assert mentions(r.in_vm, "/proc/cpuinfo: 'hypervisor'", "/sys/class/dmi/id/sys_vendor = 'QEMU'")
    assert r.hw_virt.value is False and mentions(r.hw_virt, "no 'vmx'/'svm'")
    assert r.nested_virt.value is False and "does not expose" in r.nested_virt.reason
    assert r.in_container.value is False and r.container_kind is None
    assert r.cpu_model == "AMD EPYC 7763 64-Core Processor"


def test_vmware_guest_with_nested_vmx():
    r = run("vmware_guest")
    assert r.in_vm.value is True and r.hypervisor_vendor == "VMware"
    assert mentions(r.in_vm, "sys_vendor = 'VMware, Inc.'")
    assert r.hw_virt.value is True
    assert r.nested_virt.value is True and mentions(r.nested_virt, "vmx", "hypervisor")
    assert r.in_container.value is False


def test_docker_cgroup_v1():
    r = run("docker_cgroup_v1")
    assert r.in_container.value is True and r.container_kind == "docker"
    assert mentions(r.in_container, "/.dockerenv", "/proc/1/cgroup", "/proc/self/cgroup",
                    "/proc/self/mountinfo: root filesystem is overlay", "/etc/resolv.conf")
    assert r.in_vm.value is False and r.hw_virt.value is True  # container on a bare-metal laptop
    assert r.cpu_quota_cores is None  # cfs_quota_us = -1


def test_docker_cgroup_v2_without_dockerenv():
    r = run("docker_cgroup_v2")
    assert r.in_container.value is True and r.container_kind == "docker"
    assert mentions(r.in_container, "/proc/self/mountinfo: /etc/hostname from /var/lib/docker/containers/",
                    "'0::/'")
    assert not mentions(r.in_container, "/.dockerenv exists")
    assert r.in_vm.value is True and r.hypervisor_vendor == "Amazon EC2"
    assert r.cpu_quota_cores == 1.5


def test_kubernetes_pod():
    r = run("kubernetes")
    assert r.in_container.value is True and r.container_kind == "kubernetes"
    assert mentions(r.in_container, "KUBERNETES_SERVICE_HOST", "/proc/1/cgroup", "kubepods", "/kubelet/pods/")
    assert r.in_vm.value is True and r.hypervisor_vendor == "Google Compute Engine"
    assert r.cpu_quota_cores == 2.0


def test_binder_and_secrets_not_leaked():
    r = run("binder")
    assert r.in_container.value is True and r.container_kind == "binder"
    assert mentions(r.in_container, "BINDER_LAUNCH_HOST", "KUBERNETES_SERVICE_HOST", "/kubelet/pods/")
    assert r.in_vm.value is True and r.hypervisor_vendor is None  # hypervisor flag, no DMI in pod
    assert SECRET not in json.dumps(r.to_dict())
    assert SECRET not in repr(P.read_sources(FIX / "binder", ENVS["binder"]))


def test_wsl2():
    r = run("wsl2")
    assert r.in_vm.value is True and "Hyper-V" in (r.hypervisor_vendor or "")
    assert mentions(r.in_vm, "/proc/cpuinfo: 'hypervisor'", "/proc/sys/kernel/osrelease", "WSL2")
    assert r.in_container.value is False and r.container_kind == "wsl"
    assert mentions(r.in_container, "WSL is not a container")
    assert r.kernel.endswith("microsoft-standard-WSL2")


def test_podman_rootless():
    r = run("podman")
    assert r.in_container.value is True and r.container_kind == "podman"
    assert mentions(r.in_container, "/run/.containerenv exists (engine=podman-4.9.4)", "overlay-containers")


def test_env_container_variable_alone():
    v, kind = P.decide_container(P.Sources(env={"container": "lxc"}))
    assert v.value is True and kind == "lxc" and mentions(v, "env container=lxc")


@pytest.mark.parametrize("line, kind", [
    ("0::/system.slice/docker-3f4e8b2c1d0a9e8f7a6b5c4d.scope", "docker"),
    ("0::/lxc.payload.lab", "lxc"),
    ("0::/machine.slice/libpod-3f4e8b2c1d0a.scope/container", "podman"),
    ("0::/system.slice/docker.service", None),  # dockerd itself on the host, not a container
    ("0::/user.slice/user-1000.slice/session-2.scope", None),
])
def test_cgroup_lines(line, kind):
    v, got = P.decide_container(P.Sources(files={"proc/1/cgroup": line + "\n"}))
    assert got == kind and v.value is (kind is not None)


def test_docker_host_is_not_a_container():
    """A host running containers sees their overlay mounts, but its own root is not overlay."""
    cid = "3f4e8b2c1d0a9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"
    mountinfo = (
        "25 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n"
        f"480 25 0:52 / /var/lib/docker/overlay2/{cid}/merged rw - overlay overlay "
        f"rw,lowerdir=/var/lib/docker/overlay2/l/ABC,upperdir=/var/lib/docker/overlay2/{cid}/diff\n"
        f"500 25 0:53 / /var/lib/docker/containers/{cid}/mounts/shm rw - tmpfs shm rw,size=65536k\n")
    src = P.Sources(files={"proc/1/cgroup": "0::/init.scope\n", "proc/self/mountinfo": mountinfo,
                           "proc/self/cgroup": "0::/system.slice/docker.service\n",
                           "proc/1/sched": "systemd (1, #threads: 1)\n"})
    v, kind = P.decide_container(src)
    assert v.value is False and kind is None


@pytest.mark.parametrize("dmi, vendor", [
    ({"sys_vendor": "innotek GmbH", "product_name": "VirtualBox"}, "VirtualBox"),
    ({"sys_vendor": "Microsoft Corporation", "product_name": "Virtual Machine"}, "Microsoft Hyper-V"),
    ({"sys_vendor": "Microsoft Corporation", "product_name": "Surface Laptop 5"}, None),
    ({"sys_vendor": "Xen", "product_name": "HVM domU"}, "Xen"),
    ({"sys_vendor": "Amazon EC2", "product_name": "c5.metal"}, None),
    ({"sys_vendor": "Google", "product_name": "Google Compute Engine"}, "Google Compute Engine"),
    ({"sys_vendor": "Dell Inc.", "product_name": "PowerEdge R750"}, None),
])
def test_classify_dmi(dmi, vendor):
    assert P.classify_dmi(dmi)[0] == vendor


def test_ec2_metal_with_vmx_is_not_a_vm(tmp_path):
    (tmp_path / "proc").mkdir()
    (tmp_path / "proc/cpuinfo").write_text("flags\t: fpu vmx sse\n")
    (tmp_path / "sys/class/dmi/id").mkdir(parents=True)
    (tmp_path / "sys/class/dmi/id/sys_vendor").write_text("Amazon EC2\n")
    (tmp_path / "sys/class/dmi/id/product_name").write_text("m5.metal\n")
    v, vendor = P.decide_in_vm(P.read_sources(tmp_path, {}))
    assert v.value is False and vendor is None


# --------------------------------------------------------- robustness / degrade
def test_empty_root_is_unknown_not_crash(tmp_path):
    r = P.probe(root=tmp_path, env={}, system="Linux")
    for v in (r.hw_virt, r.in_vm, r.in_container, r.nested_virt):
        assert v.value is None and v.reason
    assert "missing: /proc/cpuinfo" in r.in_vm.reason


def test_unreadable_files_are_unknown(tmp_path, monkeypatch):
    real_open = open

    def deny(path, *a, **k):
        if "proc" in str(path) or "dmi" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(P, "open", deny, raising=False)  # shadows the builtin inside the module
    r = P.probe(root=FIX / "kvm_guest", env={}, system="Linux")
    assert r.in_vm.value is None and "PermissionError" in r.in_vm.reason
    assert r.in_container.value is None and "unreadable" in r.in_container.reason
    assert "/proc/cpuinfo" in r.unreadable and r.mem_total_mib is not None  # sysconf fallback


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores chmod")
def test_chmod_000_file(tmp_path):
    (tmp_path / "proc").mkdir()
    f = tmp_path / "proc/cpuinfo"
    f.write_text("flags : hypervisor\n")
    f.chmod(0)
    try:
        src = P.read_sources(tmp_path, {})
    finally:
        f.chmod(0o644)
    assert src.unreadable == {"proc/cpuinfo": "PermissionError"}


def test_fifo_and_directory_do_not_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    (tmp_path / "proc/1").mkdir(parents=True)
    os.mkfifo(tmp_path / "proc/1/sched")  # reading a FIFO with no writer would block forever
    (tmp_path / "proc/cpuinfo").mkdir()
    result = []
    worker = threading.Thread(target=lambda: result.append(P.read_sources(tmp_path, {})), daemon=True)
    worker.start()
    worker.join(2)  # a regression must fail the test, not hang the suite
    assert not worker.is_alive(), "read_sources blocked on a FIFO"
    assert set(result[0].unreadable) == {"proc/1/sched", "proc/cpuinfo"}


def test_huge_file_is_capped(tmp_path):
    (tmp_path / "proc").mkdir()
    block = "processor\t: 0\nmodel name\t: Big Iron\nflags\t\t: fpu vmx hypervisor\n\n"
    (tmp_path / "proc/cpuinfo").write_text(block * 200_000)  # ~13 MB
    t0 = time.perf_counter()
    src = P.read_sources(tmp_path, {})
    assert time.perf_counter() - t0 < 0.5
    assert len(src.files["proc/cpuinfo"]) == P.SOURCE_FILES["proc/cpuinfo"]
    assert P.decide_in_vm(src)[0].value is True


def test_darwin_via_sysctl(monkeypatch):
    calls = []

    def fake_run(args, **kw):
        calls.append((args, kw))
        out = ("kern.hv_support: 1\nkern.hv_vmm_present: 0\nmachdep.cpu.brand_string: Apple M2\n"
               "hw.memsize: 17179869184\nhw.model: Mac14,2\n")
        return subprocess.CompletedProcess(args, 1, out, "sysctl: unknown oid 'machdep.cpu.features'\n")

    monkeypatch.setattr(subprocess, "run", fake_run)
    r = P.probe(system="Darwin")
    assert len(calls) == 1 and isinstance(calls[0][0], list) and calls[0][0][0] == P.SYSCTL
    assert calls[0][1]["shell"] is False and calls[0][1]["timeout"] <= 1
    assert r.hw_virt.value is True and mentions(r.hw_virt, "kern.hv_support")
    assert r.in_vm.value is False and r.in_container.value is False
    assert r.nested_virt.value is None and r.nested_virt.reason
    assert (r.cpu_model, r.mem_total_mib) == ("Apple M2", 16384)


def test_darwin_guest():
    hw, vm, vendor = P.decide_darwin({"kern.hv_vmm_present": "1", "hw.model": "VirtualMac2,1"})
    assert vm.value is True and vendor == "Apple Virtualization" and hw.value is None


def test_darwin_sysctl_timeout_is_unknown(monkeypatch):
    def hang(args, **kw):
        raise subprocess.TimeoutExpired(args, kw["timeout"])

    monkeypatch.setattr(subprocess, "run", hang)
    r = P.probe(system="Darwin")
    assert r.hw_virt.value is None and r.in_vm.value is None and "timed out" in r.in_vm.reason
    assert r.elapsed_ms < 1000


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX shell script")
def test_really_hanging_sysctl_is_killed(tmp_path, monkeypatch):
    fake = tmp_path / "sysctl"
    fake.write_text("#!/bin/sh\nexec sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(P, "SYSCTL", str(fake))
    t0 = time.perf_counter()
    r = P.probe(system="Darwin")
    assert time.perf_counter() - t0 < 3
    assert r.hw_virt.value is None and r.in_vm.value is None


def test_windows_facts(monkeypatch):
    monkeypatch.setattr(P, "_windows_facts", lambda: {
        "virt_firmware": True, "sys_vendor": "Microsoft Corporation", "product_name": "Virtual Machine",
        "cpu_model": "Intel(R) Xeon(R) Platinum 8370C", "mem_total_mib": 8192, "mem_available_mib": 4000})
    r = P.probe(system="Windows")
    assert r.in_vm.value is True and r.hypervisor_vendor == "Microsoft Hyper-V"
    assert r.hw_virt.value is True and r.in_container.value is None and r.in_container.reason
    assert (r.mem_total_mib, r.mem_available_mib) == (8192, 4000)


def test_windows_without_facts_is_unknown(monkeypatch):
    monkeypatch.setattr(P, "_windows_facts", lambda: {})
    r = P.probe(system="Windows")
    assert all(v.value is None and v.reason for v in (r.hw_virt, r.in_vm, r.in_container, r.nested_virt))


def test_real_windows_facts_function_is_safe_here():
    assert isinstance(P._windows_facts(), dict)


def test_unknown_os():
    r = P.probe(system="Plan9")
    assert r.in_vm.value is None and "Plan9" in r.in_vm.reason


def test_never_shell(monkeypatch):
    calls = []

    def record(*args, **kw):
        calls.append((args, kw))
        return subprocess.CompletedProcess(args[0], 0, "", "")

    def forbidden(*a, **k):
        raise AssertionError("process spawned outside subprocess.run")

    monkeypatch.setattr(subprocess, "run", record)
    monkeypatch.setattr(subprocess, "Popen", forbidden)  # also catches check_output/call
    monkeypatch.setattr(os, "system", forbidden)
    monkeypatch.setattr(os, "popen", forbidden)
    monkeypatch.setattr(P, "_windows_facts", lambda: {})
    for system in ("Linux", "Darwin", "Windows"):
        P.probe(system=system)
    P.probe()
    for args, kw in calls:
        assert kw.get("shell", False) is False and isinstance(args[0], list) and kw.get("timeout", 99) <= 1
    assert len(calls) == 1 + (sys.platform == "darwin")  # only the Darwin override ran sysctl


# ------------------------------------------------------------------ real machine
def test_real_machine_report_is_complete_fast_and_json():
    t0 = time.perf_counter()
    r = P.probe()
    assert time.perf_counter() - t0 < 1.0 and 0 <= r.elapsed_ms < 1000
    d = json.loads(json.dumps(r.to_dict()))
    assert set(d) == {f.name for f in P.HostReport.__dataclass_fields__.values()}
    for key in ("hw_virt", "in_vm", "in_container", "nested_virt"):
        assert set(d[key]) == {"value", "evidence", "reason"}
        assert d[key]["value"] in (True, False, None) and isinstance(d[key]["evidence"], list)
        assert d[key]["value"] is not None or d[key]["reason"]
    assert d["os_name"] and isinstance(d["kernel"], str)
    assert isinstance(d["logical_cores"], int) and d["logical_cores"] >= 1
    assert d["mem_total_mib"] is None or d["mem_total_mib"] > 0
    assert d["disk_free_gib"] is None or d["disk_free_gib"] >= 0
    assert d["container_kind"] is None or isinstance(d["container_kind"], str)


def test_disk_path_argument(tmp_path):
    r = P.probe(disk_path=tmp_path)
    assert r.disk_path == str(tmp_path) and r.disk_free_gib is not None
    assert P.probe(disk_path=tmp_path / "nope").disk_free_gib is None


def test_deciders_never_raise_on_garbage():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    keys = st.sampled_from(sorted(P.SOURCE_FILES))

    @settings(max_examples=200, deadline=None)
    @given(st.dictionaries(keys, st.text(max_size=300)), st.dictionaries(
        st.sampled_from(["container", "REPO_DIR", "BINDER_X", "KUBERNETES_SERVICE_HOST"]), st.text(max_size=20)))
    def check(files, env):
        src = P.Sources(files=files, env=env, present=frozenset(k for k in P.MARKERS if k in files))
        hw, (vm, _), (ct, _) = P.decide_hw_virt(src), P.decide_in_vm(src), P.decide_container(src)
        P.decide_nested(src, hw, vm)
        P.parse_cpu_quota(files), P.parse_meminfo(files.get("proc/meminfo"))
        assert all(v.value in (True, False, None) for v in (hw, vm, ct))

    check()
