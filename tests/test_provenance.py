"""Provenance rules for data/parameters.json: each number says where it comes from, and says it
the way the source does (issue 9, "facts that must be corrected everywhere").

The rules read the JSON file itself. ``VIRTLAB_PARAMETERS_FILE=/path/to/parameters.json``
checks another copy (e.g. ``git show HEAD~1:virtlab_widgets/data/parameters.json``) so a
reviewer can see the rules reject the old, uncorrected data.
"""
from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest

DEFAULT = Path(__file__).resolve().parents[1] / "virtlab_widgets" / "data" / "parameters.json"
DATA = json.loads(Path(os.environ.get("VIRTLAB_PARAMETERS_FILE", DEFAULT)).read_text("utf-8"))
SOURCES = DATA["sources"]


def params(node=None, path=()):
    """Every parameter {value, source, ...} as (path, entry); benchmark rows count as one entry."""
    node = {k: v for k, v in DATA.items() if k != "sources"} if node is None else node
    if isinstance(node, dict):
        if "source" in node:
            yield path, node
            return
        for key, value in node.items():
            yield from params(value, path + (key,))


PARAMS = dict(params())
CITED = {p: e for p, e in PARAMS.items() if e["source"] != "assumed"}


def entry(*path):
    return PARAMS[path]


def cited_text(e: dict) -> str:
    """Everything a parameter says about its origin: its where/why and its source's citation."""
    if e["source"] == "assumed":
        return e.get("why", "")
    return SOURCES[e["source"]]["citation"] + " | " + e.get("where", "")


# --- general rules ------------------------------------------------------------------------
def test_every_parameter_has_a_known_source_and_says_where_or_why():
    assert len(PARAMS) > 80
    for path, e in PARAMS.items():
        if e["source"] == "assumed":
            assert len(e.get("why", "")) > 20, path
        else:
            assert e["source"] in SOURCES and e.get("where"), path


DERIVATION_WORDS = re.compile(r"derived|midpoint|\b\d+(\.\d+)?\s*x\s+native|value\s*=|1/\d", re.I)


def test_a_computed_value_says_how_in_a_derived_field():
    """A 'where' may only quote the source; computing (a midpoint, 2 x native, 1/5) goes in 'derived'."""
    for path, e in CITED.items():
        if DERIVATION_WORDS.search(e["where"]):
            assert "derived" in e, f"{'/'.join(path)}: 'where' describes a computation; add 'derived'"


def _derived(path) -> str:
    *owner, last = path
    e = PARAMS.get(tuple(path)) or PARAMS[tuple(owner)]
    how = e.get("derived")
    return how.get(last, "") if isinstance(how, dict) else (how or "")


# (path, the value it must equal, numbers its 'derived' text must show)
DERIVED = [
    (("runtime_overhead", "tcp_rr_latency_us", "container"),
     lambda: 2 * DATA["runtime_overhead"]["tcp_rr_latency_us"]["native"], ["2", "37.6"]),
    (("hypervisors", "esxi", "per_extra_vcpu_mib"), lambda: (48.2 - 20.3) / 7, ["48.2", "20.3", "7"]),
    (("vm_profiles", "ubuntu-desktop", "boot_iops"), lambda: (400 + 450) / 2, ["400", "450"]),
    (("vm_profiles", "microvm", "boot_cpu_core_s"), lambda: 1 / 5, ["1 / 5"]),
    (("hosts", "lab-server", "disk_iops"), lambda: DATA["runtime_overhead"]["random_read_iops"]["native"],
     ["84,044"]),
    (("process", "start_cpu_core_s"), lambda: DATA["process"]["start_s"]["value"], ["1 ms"]),
]


@pytest.mark.parametrize("path,expected,shown", DERIVED, ids=lambda x: "/".join(x) if isinstance(x, tuple) else "")
def test_derived_values_say_their_formula_and_match_it(path, expected, shown):
    how = _derived(path)
    assert how, f"{'/'.join(path)} is computed from cited values but has no 'derived' field"
    for number in shown:
        assert number in how, f"{'/'.join(path)}: 'derived' should show {number!r}: {how!r}"
    node = DATA
    for key in path:
        node = node[key]
    got = node["value"] if isinstance(node, dict) else node
    assert math.isclose(got, expected(), rel_tol=1e-3), path


INFORMAL_MARKERS = ("README", "SPECIFICATION.md", "docs/", "doc/", "perf_test.md", "Benchmark.md", "REFERENCES.md")


def test_documentation_and_readmes_are_marked_informal():
    for key, src in SOURCES.items():
        if any(marker in src["citation"] for marker in INFORMAL_MARKERS):
            assert "informal" in src["kind"], f"{key} cites project documentation but is {src['kind']!r}"


# --- the facts of issue 9 -------------------------------------------------------------------
def test_firecracker_figures_cite_its_specification_and_say_what_125_ms_measures():
    for path in (("vm_profiles", "microvm", "boot_s"), ("hypervisors", "firecracker", "fixed_mib")):
        e = entry(*path)
        src = SOURCES[e["source"]]
        assert "SPECIFICATION.md" in src["citation"] and "informal" in src["kind"], path
        assert "abstract" not in src["citation"].lower(), path
    boot = cited_text(entry("vm_profiles", "microvm", "boot_s"))
    assert "InstanceStart" in boot and "/sbin/init" in boot
    assert "excludes" in entry("vm_profiles", "microvm", "boot_s")["where"]
    assert "abstract" not in SOURCES["agache2020"]["citation"].lower()


def test_felter_cites_the_research_report_and_its_raw_data():
    src = SOURCES["felter2015"]
    for needle in ("RC25482", "raw data", "kvm-docker-comparison", "2-page"):
        assert needle in src["citation"], needle
    assert "research report" in src["kind"]


def test_the_docker_nat_latency_is_marked_not_measured():
    how = _derived(("runtime_overhead", "tcp_rr_latency_us", "container"))
    assert "not measured" in how
    assert "#DIV/0!" in DATA["runtime_overhead"]["tcp_rr_latency_us"]["where"]


def test_the_kvm_overhead_rule_names_openshift_virtualization():
    kvm = DATA["hypervisors"]["kvm"]
    assert "OpenShift Virtualization" in kvm.get("rule_of", "")
    for key, e in kvm.items():
        if isinstance(e, dict):
            assert "OpenShift Virtualization" in e["where"], key
    assert "not a property of KVM" in SOURCES["openshift_virt"]["citation"]


def test_citrix_figures_are_persistent_and_non_persistent_vdi_desktops():
    citation = SOURCES["citrix_ctx135986"]["citation"]
    assert "non-persistent" in citation and "persistent" in citation.replace("non-persistent", "")
    for path, e in PARAMS.items():
        if e["source"] == "citrix_ctx135986":
            assert "persistent" in e["where"] and "VDI" in e["where"], path
            assert path[1] != "ubuntu-server", "a server guest is not a VDI desktop: mark the transfer assumed"
    server = entry("vm_profiles", "ubuntu-server", "boot_iops")
    assert server["source"] == "assumed" and "non-persistent" in server["why"]


IMAGE_TAG = re.compile(r"\b[a-z0-9._/-]+:[A-Za-z0-9._-]+\b")


@pytest.mark.parametrize("profile", sorted(DATA["container_profiles"]))
def test_image_sizes_come_from_image_metadata_or_say_assumed(profile):
    e = entry("container_profiles", profile, "image_mib")
    if e["source"] == "assumed":
        assert re.search(r"metadata", e["why"]) and "assumption" in e["why"], e["why"]
    else:  # from real metadata: name the image and tag, and the field read
        assert IMAGE_TAG.search(e["where"]) and re.search(r"Size|size field|manifest", e["where"]), e["where"]


def test_nguyen_lebre_count_and_attribution():
    citation = SOURCES["nguyen_lebre2018"]["citation"]
    assert "14,400" in citation and "previous work" in citation


def test_page_sharing_bounds_are_bounds():
    ps = DATA["page_sharing"]
    assert "upper bound" in ps["measured_fraction"]["where"] and "within one VM" in ps["measured_fraction"]["where"]
    assert "max_fraction" not in ps, "VMware's 'more than 30 %' is a floor, not a cap"
    assert "floor" in ps["identical_vms_floor"]["where"] and "not a cap" in ps["identical_vms_floor"]["where"]
    assert ps["max_reported_fraction"]["source"] == "gupta2008" and ps["max_reported_fraction"]["value"] == 0.9
    assert ps["inter_vm_default"]["value"] == 0 and ps["inter_vm_default"]["source"] == "vmware_kb2080735"


def test_kata_costs_are_per_pod():
    for key in ("overhead_mib", "start_s"):
        assert "pod" in cited_text(entry("runtimes", "kata", key))


def test_runc_start_is_the_whole_docker_run_path():
    where = entry("runtimes", "runc", "start_s")["where"]
    for step in ("Docker CLI", "dockerd", "containerd", "runc"):
        assert step in where


def test_vm_profiles_list_the_hypervisors_they_run_on():
    for name, profile in DATA["vm_profiles"].items():
        allowed = profile["hypervisors"]["value"]
        assert profile["hypervisor"] in allowed and set(allowed) <= set(DATA["hypervisors"]), name
    assert DATA["vm_profiles"]["microvm"]["hypervisors"]["value"] == ["firecracker"]


# --- what the figures, hovers and labels claim ---------------------------------------------
def test_start_up_race_bars_say_what_they_include():
    from virtlab_widgets import presets as P
    from virtlab_widgets.figures.common import trace
    from virtlab_widgets.figures.startup import BARS, KINDS, startup_figure
    from virtlab_widgets.text import seconds

    fig = startup_figure(1, "laptop-16")
    bars = trace(fig, BARS)
    labels = dict(zip(KINDS, bars.x))
    hover = dict(zip(KINDS, bars.customdata))
    assert labels["container"].startswith("docker run (runc)<br>")
    assert all("<br>" in label and "앱" in label for label in labels.values())      # a short scope line
    assert all(seconds(P.container_profile("web-small").app_start_s) in h for h in hover.values())  # same end
    assert "InstanceStart" in hover["microvm"] and "/sbin/init" in hover["microvm"] and "빠진 것" in hover["microvm"]
    assert all(step in hover["container"] for step in ("dockerd", "containerd", "runc"))
    assert "빠진 것" in hover["vm"] and "fork/exec" in hover["process"]


def test_overhead_chart_marks_the_derived_latency_and_keeps_labels_apart():
    from virtlab_widgets.figures.overhead import overhead_figure
    from virtlab_widgets.text import t

    fig = overhead_figure()
    by_name = {trace.name: trace for trace in fig.data}
    container, vm = by_name[t("container")], by_name[t("vm")]
    last = len(container.y) - 1                                   # the TCP_RR round trip
    assert container.text[last].startswith("≈") and container.marker.pattern.shape[last] == "/"
    assert "측정값 아님" in container.customdata[last] and "37.6" in container.customdata[last]
    assert not any(container.marker.pattern.shape[:last]) and "측정값 아님" not in vm.customdata[last]
    # "native = 100 %" is a legend entry, never text inside the plot next to the "99 %" labels
    assert not [a for a in fig.layout.annotations if "100" in (a.text or "")]
    assert "네이티브 = 100 %" in by_name
    assert "RC25482" in fig.layout.title.text


def test_labels_name_the_rule_and_the_bound():
    from virtlab_widgets.text import TEXT

    for lang in ("ko", "en"):
        assert "OpenShift Virtualization" in TEXT[lang]["hypervisors.kvm"]
        assert "15 %" in TEXT[lang]["ctl.page_sharing"] and "KSM/TPS, 15 %" not in TEXT[lang]["ctl.page_sharing"]
        assert "docker run" in TEXT[lang]["start.container"]
    assert "낙관적 상한" in TEXT["ko"]["ctl.page_sharing"] and "인력" in TEXT["ko"]["cons.axis_cost"]
