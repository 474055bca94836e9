"""Host probe: what kind of machine is this lecture running on?

Reports OS, CPU, memory and disk, and - each with its evidence - whether the CPU offers
hardware virtualization (VT-x/AMD-V), whether this process runs inside a VM and/or a
container, and whether nested virtualization is available.

I/O lives in :func:`read_sources` (small, size-capped reads below a root directory, so
tests can point it at a fixture tree); the ``decide_*`` functions are pure.  Needs no root
and no network, never runs a shell: the only external command is ``sysctl`` on macOS
(argv list, ``shell=False``, ``timeout=1``).  ``python -m virtlab_widgets probe`` prints JSON.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SYSCTL = "/usr/sbin/sysctl"
SYSCTL_NAMES = ("kern.hv_support", "kern.hv_vmm_present", "machdep.cpu.features",
                "machdep.cpu.brand_string", "hw.memsize", "hw.model")
DMI = "sys/class/dmi/id/"
DMI_KEYS = ("sys_vendor", "product_name", "bios_vendor", "board_vendor")
# Files read (relative to root) -> max bytes read.  Missing files are normal.
SOURCE_FILES: dict[str, int] = {
    "proc/cpuinfo": 64 << 10, "proc/meminfo": 8 << 10, "proc/version": 4096,
    "proc/sys/kernel/osrelease": 1024, "proc/1/cgroup": 16 << 10, "proc/self/cgroup": 16 << 10,
    "proc/self/mountinfo": 256 << 10, "proc/1/sched": 4096, "sys/hypervisor/type": 256,
    **{DMI + key: 256 for key in DMI_KEYS},
    "sys/module/kvm_intel/parameters/nested": 16, "sys/module/kvm_amd/parameters/nested": 16,
    "sys/fs/cgroup/cpu.max": 256, "sys/fs/cgroup/cpu/cpu.cfs_quota_us": 64,
    "sys/fs/cgroup/cpu/cpu.cfs_period_us": 64, "run/.containerenv": 4096, "etc/os-release": 8192,
}
MARKERS = (".dockerenv", "run/.containerenv", ".singularity.d", "dev/kvm",  # existence only
           "sys/module/kvm_pvm")
ENV_KEYS = ("container", "KUBERNETES_SERVICE_HOST", "REPO_DIR", "WSL_DISTRO_NAME")
ENV_PREFIXES = ("BINDER_", "JUPYTERHUB_")  # names kept, values dropped (tokens live here)

_VM_VENDORS = (  # lower-case DMI substring -> hypervisor / cloud name
    ("qemu", "QEMU"), ("kvm", "KVM"), ("vmware", "VMware"), ("innotek", "VirtualBox"),
    ("virtualbox", "VirtualBox"), ("xen", "Xen"), ("amazon ec2", "Amazon EC2"),
    ("google compute engine", "Google Compute Engine"), ("parallels", "Parallels"),
    ("bochs", "Bochs"), ("bhyve", "bhyve"), ("openstack", "OpenStack"),
    ("digitalocean", "DigitalOcean"), ("alibaba cloud", "Alibaba Cloud ECS"),
    ("nutanix", "Nutanix AHV"), ("cloud hypervisor", "Cloud Hypervisor"),
    ("virtualmac", "Apple Virtualization"), ("apple virtualization", "Apple Virtualization"))
_CGROUP_PATTERNS = (
    ("kubernetes", r"kubepods"), ("podman", r"libpod"),
    ("docker", r"/docker/[0-9a-f]{12,}|docker-[0-9a-f]{12,}\.scope"),
    ("lxc", r"/lxc/|lxc\.payload"), ("containerd", r"cri-containerd"), ("ecs", r"/ecs/"))
_MOUNT_ROOTS = (("docker", "/docker/containers/"), ("podman", "/containers/storage/"),
                ("kubernetes", "/kubelet/pods/"), ("containerd", "io.containerd"))
_OVERLAY_LOWER = (("docker", "/var/lib/docker/"), ("podman", "/containers/storage/"),
                  ("containerd", "io.containerd"))
_KIND_ORDER = ("binder", "kubernetes", "podman", "docker", "apptainer", "lxc", "containerd", "ecs")


@dataclass(frozen=True)
class Verdict:
    """A yes/no/unknown (None) answer with the evidence that justified it."""

    value: bool | None
    evidence: Sequence[str] = ()  # stored as a tuple (see __post_init__)
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", tuple(self.evidence))


@dataclass(frozen=True)
class Sources:
    """Raw text read from the host (or a fixture tree) plus selected env vars."""

    files: Mapping[str, str] = field(default_factory=dict)       # rel path -> text
    unreadable: Mapping[str, str] = field(default_factory=dict)  # rel path -> error
    present: frozenset[str] = frozenset()                         # MARKERS that exist
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HostReport:
    """Everything :func:`probe` found out; see :meth:`to_dict` for JSON."""

    os_name: str
    distro: str | None
    kernel: str
    machine: str
    cpu_model: str | None
    logical_cores: int | None
    cpu_quota_cores: float | None  # cgroup CPU limit (containers), None = unlimited
    mem_total_mib: int | None
    mem_available_mib: int | None
    disk_path: str | None
    disk_free_gib: float | None
    hw_virt: Verdict
    in_vm: Verdict
    hypervisor_vendor: str | None
    in_container: Verdict
    container_kind: str | None  # docker/podman/kubernetes/binder/lxc/..., "wsl" (not a container)
    nested_virt: Verdict
    unreadable: tuple[str, ...]
    elapsed_ms: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable dict (verdicts become nested dicts, tuples become lists)."""
        data = asdict(self)
        for value in data.values():
            if isinstance(value, dict):
                value["evidence"] = list(value["evidence"])
        data["unreadable"] = list(data["unreadable"])
        return data


def example_report() -> HostReport:
    """An example student laptop, for pages built without a kernel (the static site and slides).

    A built page must not present the machine that built it as the reader's: it shows this
    example, labelled as one, and says how to run the live check. Every value is an assumed,
    typical 2026 student laptop (16 GiB, 8 threads, 200 GiB free, VT-x on, bare metal), not a
    measurement.
    """
    said = ("example machine: assumed values, not read from any computer",)
    return HostReport(
        os_name="Windows", distro="Windows 11", kernel="10.0.26100", machine="AMD64",
        cpu_model="(example) 8-thread laptop CPU", logical_cores=8, cpu_quota_cores=None,
        mem_total_mib=16384, mem_available_mib=9000, disk_path="C:\\Users\\student", disk_free_gib=200.0,
        hw_virt=Verdict(True, said), in_vm=Verdict(False, said), hypervisor_vendor=None,
        in_container=Verdict(False, said), container_kind=None, nested_virt=Verdict(None, said, "example"),
        unreadable=(), elapsed_ms=0.0)


# ----------------------------------------------------------------------------- I/O
def _read_capped(path: Path, cap: int) -> str | None:
    """At most ``cap`` bytes of a regular file as text; None if it does not exist."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device could block
            raise OSError(f"not a regular file: {path}")
        with open(path, "rb") as fh:
            return fh.read(cap).decode("utf-8", "replace")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError as exc:  # a NUL byte in the path: report it like an unreadable file
        raise OSError(str(exc)) from None


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except ValueError:  # a NUL byte in the path
        return False


def _whole(digits: str) -> int | None:
    """A non-negative decimal number from a host file; None past 18 digits (no host has that
    much memory, and Python refuses to parse over 4,300 digits)."""
    return int(digits) if digits.isdigit() and len(digits) <= 18 else None


def read_sources(root: str | Path = Path("/"), env: Mapping[str, str] | None = None) -> Sources:
    """Read :data:`SOURCE_FILES` and :data:`MARKERS` below ``root``; never raises OSError."""
    root, files, bad = Path(root), {}, {}
    for rel, cap in SOURCE_FILES.items():
        try:
            text = _read_capped(root / rel, cap)
        except OSError as exc:  # PermissionError, EIO, not a regular file ...
            bad[rel] = type(exc).__name__
            continue
        if text is not None:
            files[rel] = text
    present = frozenset(m for m in MARKERS if _exists(root / m))
    env = os.environ if env is None else env
    kept = {k: (v if k in ENV_KEYS else "") for k, v in env.items()
            if k in ENV_KEYS or k.startswith(ENV_PREFIXES)}
    return Sources(files, bad, present, kept)


def _sysctl(names: tuple[str, ...] = SYSCTL_NAMES) -> dict[str, str]:
    """macOS ``sysctl`` values in one call (argv list, 1 s timeout); {} on any failure."""
    try:
        out = subprocess.run([SYSCTL, *names], shell=False, timeout=1, capture_output=True,
                             text=True, errors="replace", check=False).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    facts = {}
    for line in (out or "").splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in names:
            facts[key] = value.strip()
    return facts


def _windows_facts() -> dict[str, Any]:
    """Registry/ctypes facts on Windows (no subprocess); {} elsewhere, partial on errors."""
    if sys.platform != "win32":  # winreg and ctypes.windll exist only there
        return {}
    import ctypes
    import winreg
    facts: dict[str, Any] = {}
    try:  # PF_VIRT_FIRMWARE_ENABLED = 21
        facts["virt_firmware"] = bool(ctypes.windll.kernel32.IsProcessorFeaturePresent(21))
    except Exception:  # noqa: BLE001 - any ctypes failure just means "unknown"
        pass
    keys = ((r"HARDWARE\DESCRIPTION\System\BIOS", {"SystemManufacturer": "sys_vendor",
             "SystemProductName": "product_name", "BIOSVendor": "bios_vendor"}),
            (r"HARDWARE\DESCRIPTION\System\CentralProcessor\0", {"ProcessorNameString": "cpu_model"}))
    for sub, names in keys:
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, sub) as key:
                for reg_name, name in names.items():
                    try:
                        facts[name] = str(winreg.QueryValueEx(key, reg_name)[0]).strip()
                    except OSError:
                        pass
        except OSError:
            pass
    try:
        class _Mem(ctypes.Structure):
            _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong)] + [
                (n, ctypes.c_ulonglong) for n in ("total", "avail", "tpf", "apf", "tv", "av", "aev")]
        mem = _Mem()
        mem.dwLength = ctypes.sizeof(mem)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(mem)):
            facts["mem_total_mib"], facts["mem_available_mib"] = mem.total >> 20, mem.avail >> 20
    except Exception:  # noqa: BLE001
        pass
    return facts


# ------------------------------------------------------------------------- parsing
def cpu_flags(cpuinfo: str | None) -> set[str] | None:
    """x86 feature flags of the first CPU in /proc/cpuinfo; None if absent (e.g. ARM)."""
    for line in (cpuinfo or "").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return set(value.split())
    return None


def cpu_model(cpuinfo: str | None) -> str | None:
    """CPU model name from /proc/cpuinfo (x86 'model name', ARM 'Model'/'Hardware')."""
    for line in (cpuinfo or "").splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "Hardware") and value.strip():
            return value.strip()
    return None


def parse_meminfo(text: str | None) -> tuple[int | None, int | None]:
    """(MemTotal, MemAvailable) in MiB from /proc/meminfo."""
    values = {m[1]: _whole(m[2]) for m in re.finditer(r"^(\w+):\s+(\d+) kB", text or "", re.M)}
    total, available = (None if (kib := values.get(k)) is None else kib >> 10 for k in ("MemTotal", "MemAvailable"))
    return total, available


def parse_cpu_quota(files: Mapping[str, str]) -> float | None:
    """CPU limit in cores from cgroup v2 cpu.max or v1 cfs quota/period; None = unlimited."""
    v2 = files.get("sys/fs/cgroup/cpu.max", "").split()
    quota, period = v2 if len(v2) == 2 else (files.get("sys/fs/cgroup/cpu/cpu.cfs_quota_us", ""),
                                              files.get("sys/fs/cgroup/cpu/cpu.cfs_period_us", ""))
    q, p = _whole(quota.strip()), _whole(period.strip())  # None for "max", missing or absurd
    return round(q / p, 2) if q and p else None


def parse_os_release(text: str | None) -> str | None:
    """PRETTY_NAME from /etc/os-release."""
    m = re.search(r'^PRETTY_NAME="?([^"\n]*)"?', text or "", re.M)
    return m[1] if m else None


def classify_dmi(dmi: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(hypervisor vendor, DMI key that names it) or (None, None) for real hardware."""
    product = dmi.get("product_name", "").lower()
    if ".metal" in product:  # e.g. EC2 "c5.metal": Amazon vendor string, but bare metal
        return None, None
    for key in DMI_KEYS:
        value = dmi.get(key, "").lower()
        if "microsoft corporation" in value and "virtual machine" in product:
            return "Microsoft Hyper-V", key  # plain "Microsoft Corporation" is a Surface
        for needle, vendor in _VM_VENDORS:
            if needle in value:
                return vendor, key
    return None, None


def wsl_version(files: Mapping[str, str]) -> tuple[int | None, str]:
    """(1 or 2, evidence) if the kernel is a WSL kernel, else (None, "")."""
    for rel in ("proc/sys/kernel/osrelease", "proc/version"):
        text = files.get(rel, "").lower()
        if "microsoft" in text:
            wsl2 = "microsoft-standard" in text or "wsl2" in text
            return (2 if wsl2 else 1), f"/{rel} mentions 'microsoft' (WSL{2 if wsl2 else 1})"
    return None, ""


def _why_unknown(src: Sources, *rels: str) -> str:
    bad = [f"/{r} ({src.unreadable[r]})" for r in rels if r in src.unreadable]
    return "unreadable: " + ", ".join(bad) if bad else "missing: " + ", ".join(f"/{r}" for r in rels)


# ------------------------------------------------------------------------ verdicts
def _kvm_evidence(src: Sources) -> list[str]:
    ev = ["/dev/kvm exists"] if "dev/kvm" in src.present else []
    return ev + (["/sys/module/kvm_pvm loaded (KVM without VT-x/AMD-V)"]
                 if "sys/module/kvm_pvm" in src.present else [])


def decide_hw_virt(src: Sources) -> Verdict:
    """Does the CPU offer VT-x/AMD-V to this OS?  (x86 flags decide; /dev/kvm only elsewhere.)"""
    flags = cpu_flags(src.files.get("proc/cpuinfo"))
    ev = [f"/proc/cpuinfo: '{f}' flag ({n})" for f, n in (("vmx", "Intel VT-x"), ("svm", "AMD-V"))
          if flags and f in flags]
    if ev:
        return Verdict(True, ev + _kvm_evidence(src), "CPU virtualization extensions are available")
    if flags is not None:
        return Verdict(False, ["/proc/cpuinfo: no 'vmx'/'svm' flag", *_kvm_evidence(src)],
                       "not offered by the CPU, disabled in firmware, or hidden by a hypervisor")
    if "dev/kvm" in src.present:  # non-x86 (e.g. ARM): KVM needs the hardware extensions
        return Verdict(True, _kvm_evidence(src), "KVM device present (no x86 flags to check)")
    return Verdict(None, [], "no x86 flags line and no /dev/kvm; " + _why_unknown(src, "proc/cpuinfo"))


def decide_in_vm(src: Sources) -> tuple[Verdict, str | None]:
    """Is this kernel a guest of a hypervisor?  Returns (verdict, vendor)."""
    flags = cpu_flags(src.files.get("proc/cpuinfo"))
    dmi = {k: src.files[DMI + k].strip() for k in DMI_KEYS if DMI + k in src.files}
    vendor, key = classify_dmi(dmi)
    ev = ["/proc/cpuinfo: 'hypervisor' CPU flag set"] if flags and "hypervisor" in flags else []
    if vendor and key:  # classify_dmi names the key whenever it names a vendor
        ev.append(f"/{DMI}{key} = {dmi[key]!r}")
    hyp = src.files.get("sys/hypervisor/type", "").strip()
    if hyp:
        ev.append(f"/sys/hypervisor/type = {hyp!r}")
        vendor = vendor or hyp.capitalize()
    wsl, wsl_ev = wsl_version(src.files)
    if wsl == 2:
        ev.append(wsl_ev + ": runs in a Hyper-V utility VM")
        vendor = vendor or "Microsoft Hyper-V (WSL2)"
    if ev:
        return Verdict(True, ev, "hypervisor evidence found"), vendor
    dmi_ev = [f"/{DMI}sys_vendor = {dmi['sys_vendor']!r} (not a hypervisor)"] if "sys_vendor" in dmi else []
    if flags is not None:
        return Verdict(False, ["/proc/cpuinfo: no 'hypervisor' CPU flag", *dmi_ev],
                       "no hypervisor flag and no hypervisor DMI vendor"), None
    if dmi_ev:
        return Verdict(False, dmi_ev, "DMI vendor is not a known hypervisor (no x86 flags to confirm)"), None
    return Verdict(None, [], _why_unknown(src, "proc/cpuinfo", DMI + "sys_vendor")), None


def _container_signals(src: Sources) -> list[tuple[str | None, bool, str]]:
    """(kind, strong?, evidence) for every container hint found."""
    sig: list[tuple[str | None, bool, str]] = []
    for marker, kind in ((".dockerenv", "docker"), ("run/.containerenv", "podman"),
                         (".singularity.d", "apptainer")):
        if marker in src.present:
            engine = re.search(r'engine="([^"]*)"', src.files.get(marker, ""))
            sig.append((kind, True, f"/{marker} exists" + (f" (engine={engine[1]})" if engine else "")))
    env = src.env
    if env.get("container"):
        sig.append((env["container"].lower(), True, f"env container={env['container']}"))
    if "KUBERNETES_SERVICE_HOST" in env:
        sig.append(("kubernetes", True, "env KUBERNETES_SERVICE_HOST set"))
    binder = sorted(k for k in env if k.startswith("BINDER_"))
    hub = "REPO_DIR" in env and any(k.startswith("JUPYTERHUB_") for k in env)
    if binder or hub:
        names = binder[:3] or ["REPO_DIR", "JUPYTERHUB_*"]
        sig.append(("binder", True, "env " + ", ".join(names) + " set (Binder)"))
    elif "REPO_DIR" in env:
        sig.append((None, False, "env REPO_DIR set (repo2docker image)"))
    for rel in ("proc/1/cgroup", "proc/self/cgroup"):
        text = src.files.get(rel, "")
        for kind, pattern in _CGROUP_PATTERNS:
            line = next((ln for ln in text.splitlines() if re.search(pattern, ln)), None)
            if line:
                sig.append((kind, True, f"/{rel}: {line.strip()[:100]!r}"))
    if src.files.get("proc/1/cgroup", "").strip() == "0::/":
        sig.append((None, False, "/proc/1/cgroup: PID 1 at cgroup v2 namespace root '0::/'"))
    root_mount = None
    for line in src.files.get("proc/self/mountinfo", "").splitlines():
        pre, _, post = line.partition(" - ")
        fields = pre.split()
        if len(fields) < 5:
            continue
        if fields[4] == "/":
            root_mount = post
        for kind, needle in _MOUNT_ROOTS:
            if needle in fields[3]:
                sig.append((kind, True, f"/proc/self/mountinfo: {fields[4]} from {fields[3][:80]}"))
    if root_mount and root_mount.startswith("overlay "):
        layers = next((k for k, needle in _OVERLAY_LOWER if needle in root_mount), None)
        sig.append((layers, layers is not None, "/proc/self/mountinfo: root filesystem is overlay"
                    + (f" (layers of {layers})" if layers else "")))
    m = re.match(r"(.+?) \((\d+), #threads", src.files.get("proc/1/sched", ""))
    if m and (m[1] not in ("systemd", "init") or m[2] != "1"):
        sig.append((None, False, f"/proc/1/sched: PID 1 is {m[1]!r} (pid {m[2]}), not systemd/init"))
    return sig


def decide_container(src: Sources) -> tuple[Verdict, str | None]:
    """Does this process run in a container?  Returns (verdict, kind)."""
    sig = _container_signals(src)
    ev = list(dict.fromkeys(e for _, _, e in sig))  # de-duplicated, in order
    kinds = {k for k, strong, _ in sig if strong and k}
    if any(strong for _, strong, _ in sig):
        kind = next((k for k in _KIND_ORDER if k in kinds), min(kinds) if kinds else None)
        return Verdict(True, ev, "container markers found"), kind
    wsl, wsl_ev = wsl_version(src.files)
    kind = "wsl" if wsl else None
    ev += [wsl_ev + " - WSL is not a container"] if wsl else []
    if sig and not wsl:
        return Verdict(None, ev, "only weak hints; inconclusive"), kind
    checked = ("proc/1/cgroup", "proc/self/cgroup", "proc/self/mountinfo")
    if wsl or any(r in src.files for r in checked):
        ev.insert(0, "no markers in /.dockerenv, /run/.containerenv, env, " + ", ".join(f"/{r}" for r in checked))
        return Verdict(False, ev, "no container markers found" + (" (weak hints come from WSL)" if sig else "")), kind
    return Verdict(None, ev, _why_unknown(src, *checked)), kind


def decide_nested(src: Sources, hw_virt: Verdict, in_vm: Verdict) -> Verdict:
    """Inside a VM: can it run KVM guests?  On a host: does KVM allow nested guests?"""
    if in_vm.value and hw_virt.value:
        return Verdict(True, [*hw_virt.evidence, *in_vm.evidence[:1]],
                       "inside a VM whose hypervisor exposes VT-x/AMD-V")
    if in_vm.value and "dev/kvm" in src.present:
        return Verdict(True, [*_kvm_evidence(src), *in_vm.evidence[:1]],
                       "KVM usable inside this VM without VT-x/AMD-V (software-assisted, e.g. PVM)")
    if in_vm.value and hw_virt.value is False:
        return Verdict(False, [*hw_virt.evidence, *in_vm.evidence[:1]],
                       "inside a VM whose hypervisor does not expose VT-x/AMD-V")
    for module in ("kvm_intel", "kvm_amd"):
        rel = f"sys/module/{module}/parameters/nested"
        value = src.files.get(rel, "").strip()
        if value:
            on = value in ("Y", "1")
            return Verdict(on, [f"/{rel} = {value!r}"], f"KVM {'allows' if on else 'forbids'} nested guests")
    return Verdict(None, [], "kvm_intel/kvm_amd not loaded: no nested setting visible")


def decide_darwin(facts: Mapping[str, str]) -> tuple[Verdict, Verdict, str | None]:
    """(hw_virt, in_vm, vendor) from macOS sysctl values."""
    feats = set(facts.get("machdep.cpu.features", "").split())
    support, vmm = facts.get("kern.hv_support"), facts.get("kern.hv_vmm_present")
    ev = [f"sysctl kern.hv_support = {support}"] if support else []
    ev += ["sysctl machdep.cpu.features: VMX"] if "VMX" in feats else []
    on = True if (support == "1" or "VMX" in feats) else (False if support == "0" else None)
    hw = Verdict(on, ev, "Hypervisor.framework support" if ev else "sysctl unavailable or timed out")
    vendor, _ = classify_dmi({"product_name": facts.get("hw.model", "")})
    vm_ev = [f"sysctl kern.hv_vmm_present = {vmm}"] if vmm else []
    vm_ev += ["sysctl machdep.cpu.features: VMM"] if "VMM" in feats else []
    vm_ev += [f"sysctl hw.model = {facts['hw.model']!r}"] if vendor else []
    value = True if (vmm == "1" or "VMM" in feats or vendor) else (False if vmm == "0" else None)
    return hw, Verdict(value, vm_ev, "from sysctl" if vm_ev else "sysctl unavailable or timed out"), vendor


def decide_windows(facts: Mapping[str, Any]) -> tuple[Verdict, Verdict, str | None]:
    """(hw_virt, in_vm, vendor) from :func:`_windows_facts`."""
    if facts.get("virt_firmware") is True:
        hw = Verdict(True, ["IsProcessorFeaturePresent(PF_VIRT_FIRMWARE_ENABLED)"], "enabled in firmware")
    else:
        hw = Verdict(None, [], "Windows does not report it (disabled in firmware, or Hyper-V/VBS owns VT-x)")
    vendor, key = classify_dmi({k: str(facts.get(k, "")) for k in DMI_KEYS})
    if vendor and key:  # classify_dmi names the key whenever it names a vendor
        return hw, Verdict(True, [f"registry BIOS {key} = {facts[key]!r}"], "hypervisor vendor"), vendor
    if facts.get("sys_vendor"):
        return hw, Verdict(False, [f"registry BIOS sys_vendor = {facts['sys_vendor']!r}"],
                           "not a known hypervisor vendor (heuristic)"), None
    return hw, Verdict(None, [], "Windows registry unavailable"), None


# -------------------------------------------------------------------------- public
def _disk_free_gib(path: str | Path | None) -> tuple[str | None, float | None]:
    try:
        target = Path(path) if path else (Path.home() if Path.home().is_dir() else Path.cwd())
        return str(target), round(shutil.disk_usage(target).free / 2**30, 1)
    except (OSError, RuntimeError, KeyError, ValueError):  # ValueError: a NUL byte in the path
        return (str(path) if path else None), None


def _system() -> str:
    """OS name without the ``platform`` module (on Windows it may run ``cmd /c ver``)."""
    return {"linux": "Linux", "darwin": "Darwin", "win32": "Windows"}.get(sys.platform) or os.uname().sysname


def probe(root: str | Path = Path("/"), env: Mapping[str, str] | None = None,
          disk_path: str | Path | None = None, system: str | None = None) -> HostReport:
    """Probe this host.  ``root``/``env``/``system`` are overrides for tests."""
    t0 = time.perf_counter()
    system = system or _system()
    uname = os.uname() if hasattr(os, "uname") else None
    kernel = (uname.release if uname  # os.uname is missing only on Windows, where getwindowsversion exists
              else ".".join(map(str, sys.getwindowsversion()[:3])))  # type: ignore[attr-defined]
    machine = uname.machine if uname else os.environ.get("PROCESSOR_ARCHITECTURE", "")
    src = read_sources(root, env) if system == "Linux" else Sources()
    model = cpu_model(src.files.get("proc/cpuinfo"))
    total, avail = parse_meminfo(src.files.get("proc/meminfo"))
    vendor = kind = None
    nested = Verdict(None, [], f"not detectable on {system}")
    if system == "Linux":
        hw, (in_vm, vendor), (in_ct, kind) = decide_hw_virt(src), decide_in_vm(src), decide_container(src)
        nested = decide_nested(src, hw, in_vm)
        kernel = src.files.get("proc/sys/kernel/osrelease", kernel).strip()
    elif system == "Darwin":
        facts = _sysctl()
        hw, in_vm, vendor = decide_darwin(facts)
        in_ct = Verdict(False, ["OS is Darwin"], "a macOS process cannot run inside a Linux container")
        model = facts.get("machdep.cpu.brand_string")
        memsize = _whole(facts.get("hw.memsize", ""))
        total = None if memsize is None else memsize >> 20
    elif system == "Windows":
        wfacts = _windows_facts()
        hw, in_vm, vendor = decide_windows(wfacts)
        in_ct = Verdict(None, [], "unknown on Windows: no container markers are read there")
        model, total, avail = wfacts.get("cpu_model"), wfacts.get("mem_total_mib"), wfacts.get("mem_available_mib")
    else:
        hw = in_vm = in_ct = Verdict(None, [], f"unsupported OS {system!r}")
    if total is None and hasattr(os, "sysconf"):
        try:
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
        except (ValueError, OSError):
            pass
    disk, free = _disk_free_gib(disk_path)
    return HostReport(
        os_name=system, distro=parse_os_release(src.files.get("etc/os-release")), kernel=kernel,
        machine=machine, cpu_model=model, logical_cores=os.cpu_count(),
        cpu_quota_cores=parse_cpu_quota(src.files), mem_total_mib=total, mem_available_mib=avail,
        disk_path=disk, disk_free_gib=free, hw_virt=hw, in_vm=in_vm, hypervisor_vendor=vendor,
        in_container=in_ct, container_kind=kind, nested_virt=nested,
        unreadable=tuple(f"/{r}" for r in sorted(src.unreadable)),
        elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))


if __name__ == "__main__":
    import json

    print(json.dumps(probe().to_dict(), indent=2))
