"""Every number in data/parameters.json names its source (or says 'assumed' and why)."""
from __future__ import annotations

import numbers

import pytest

from virtlab_widgets import presets as P

DATA = P.data()
SOURCES = DATA["sources"]


def numbers_with_owner(node, path=(), owner=None):
    """Yield (path, owning dict) for every number, the owner being the nearest dict with a 'source'."""
    if isinstance(node, dict):
        owner = node if "source" in node else owner
        for key, value in node.items():
            yield from numbers_with_owner(value, path + (key,), owner)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from numbers_with_owner(value, path + (str(i),), owner)
    elif isinstance(node, numbers.Number) and not isinstance(node, bool):
        yield path, owner


PARAMS = [(p, o) for p, o in numbers_with_owner({k: v for k, v in DATA.items() if k != "sources"})]


def test_there_are_parameters():
    assert len(PARAMS) > 80


@pytest.mark.parametrize("path,owner", PARAMS, ids=lambda x: "/".join(x) if isinstance(x, tuple) else "")
def test_every_number_is_sourced(path, owner):
    assert owner is not None, f"{'/'.join(path)} has no source"
    if owner["source"] == "assumed":
        assert len(owner.get("why", "")) > 20, f"{'/'.join(path)}: 'assumed' needs a one-line reason"
    else:
        assert owner["source"] in SOURCES, f"{'/'.join(path)}: unknown source {owner['source']!r}"
        assert owner.get("where"), f"{'/'.join(path)}: say where in the source"


def test_informal_sources_say_so():
    for key in ("oci_lightweight_os", "samegens_timing", "quark_perf", "kuasar_bench", "firecracker_spec",
                "firecracker_design", "docker_images"):
        assert "informal" in SOURCES[key]["kind"]


def test_cited_values_match_references():
    """Spot-check the data against the figures in the course's REFERENCES.md."""
    assert P.value("vm_profiles", "microvm", "boot_s") == 0.125
    assert P.value("hypervisors", "firecracker", "fixed_mib") == 5
    assert P.value("hypervisors", "kvm", "fixed_mib") == 218
    assert P.value("hypervisors", "esxi", "overhead_1vcpu_mib") == [20.3, 25.9, 48.6, 139.6]
    assert P.value("runtimes", "kata", "overhead_mib") == 184.3
    assert P.value("runtimes", "runc", "start_s") == 0.607
    assert P.value("process", "start_s") == 0.001
    assert P.value("page_sharing", "measured_fraction") == 0.15
    assert P.value("hosts", "lab-server", "disk_iops") == 84044
    rr = DATA["runtime_overhead"]["tcp_rr_latency_us"]
    assert (rr["native"], rr["vm"]) == (37.6, 67.9)   # microseconds, not milliseconds


def test_cite_names_the_source():
    boot = P.cite("vm_profiles", "microvm", "boot_s")
    assert "SPECIFICATION.md" in boot and "InstanceStart" in boot and "NSDI" not in boot
    assert P.cite("hosts", "laptop-8", "ram_gib").startswith("assumed: ")
    assert "derived: (400 + 450) / 2" in P.cite("vm_profiles", "ubuntu-desktop", "boot_iops")


def test_derived_says_how_a_value_was_computed():
    assert P.derived("runtime_overhead", "tcp_rr_latency_us", "container").startswith("2 x native")
    assert P.derived("runtime_overhead", "tcp_rr_latency_us", "vm") is None      # measured
    assert "1 / 5" in P.derived("vm_profiles", "microvm", "boot_cpu_core_s")
    assert P.derived("vm_profiles", "microvm", "boot_s") is None


def test_vm_profiles_carry_their_hypervisors_and_vmm_start():
    micro = P.vm_profile("microvm")
    assert micro.hypervisors == ("firecracker",) and micro.vmm_start_s == 0.012
    assert P.vm_profile("ubuntu-server").hypervisors == ("kvm", "esxi")
    assert "OpenShift Virtualization" in P.hypervisor("kvm").rule_of


@pytest.mark.parametrize("kind", P.KINDS)
def test_every_preset_loads(kind):
    loader = {"hosts": P.host, "vm_profiles": P.vm_profile, "container_profiles": P.container_profile,
              "runtimes": P.runtime, "hypervisors": P.hypervisor}[kind]
    for name in P.names(kind):
        assert loader(name).name == name


def test_unknown_preset_lists_the_choices():
    with pytest.raises(ValueError, match="choose one of: laptop-8, laptop-16, lab-server"):
        P.host("mars")
    with pytest.raises(TypeError):
        P.vm_profile(3)
    with pytest.raises(ValueError):
        P.names("planets")


@pytest.mark.parametrize("kwargs,error", [
    (dict(ram_gib=0), ValueError), (dict(ram_gib=-8), ValueError), (dict(ram_gib="8"), TypeError),
    (dict(ram_gib=float("nan")), ValueError), (dict(ram_gib=8, cores=0), ValueError),
    (dict(ram_gib=8, cores=2.5), TypeError), (dict(ram_gib=8, disk_gib=0), ValueError),
])
def test_custom_host_rejects_bad_values(kwargs, error):
    with pytest.raises(error):
        P.custom_host(**kwargs)


def test_custom_host():
    h = P.custom_host(32, cores=12)
    assert (h.ram_mib, h.cores, h.name) == (32 * 1024, 12, "custom")
    assert P.custom_host(2).os_reserve_mib == 512    # never more than a quarter of a tiny host
