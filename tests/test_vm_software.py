"""Notebook 6-2: the lab's VM software table, filterable by host OS."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_hosts import YES, fake, fixture_report

from virtlab_widgets import vm_software
from virtlab_widgets.models.software import HOST_FAMILIES, for_host, host_family, products, software_table_html


def test_every_product_has_a_family_a_type_and_a_source():
    items = products()
    assert {p.id for p in items} == {"vmware_workstation", "virtualbox", "hyperv", "kvm_qemu", "utm", "parallels"}
    for p in items:
        assert p.families and p.families <= set(HOST_FAMILIES)
        assert p.source and p.hypervisor_type in ("type1", "type2", "debated")


def test_filter_by_host_os():
    assert {p.id for p in for_host("macos")} == {"virtualbox", "utm", "parallels"}
    assert {p.id for p in for_host("linux")} == {"vmware_workstation", "virtualbox", "kvm_qemu"}
    assert {p.id for p in for_host("windows")} == {"vmware_workstation", "virtualbox", "hyperv"}
    assert len(for_host(None)) == 6
    with pytest.raises(ValueError):
        for_host("beos")
    with pytest.raises(TypeError):
        for_host(3)


def test_table_is_accessible_html():
    html = software_table_html("windows")
    assert html.count('<th scope="col"') == 6 and html.count('<th scope="row"') == 3
    assert "<caption" in html and "Windows" in html and "Type 1" in html
    assert "https://learn.microsoft.com" in html and 'rel="noopener"' in html
    assert "<script" not in software_table_html(None)


def test_host_family_from_the_probe():
    assert host_family(fake()) == "linux"
    assert host_family(fake(os_name="Darwin")) == "macos"
    assert host_family(fake(os_name="Windows")) == "windows"
    assert host_family(fixture_report("wsl2")) == "windows"
    assert host_family(fixture_report("binder")) is None  # a container: the learner's OS is unknown
    assert host_family(fake(in_vm=YES)) is None
    with pytest.raises(TypeError):
        host_family("linux")


def test_widget_filters_in_place():
    app = vm_software(host_os="auto", report=fake(os_name="Darwin"))
    assert app.host_os == "macos" and app.summary_text().startswith("macOS: 3개")
    assert "probe가 감지한 호스트 OS: macOS" in app.summary_text()
    table = app.table
    app.set(host_os="linux")
    assert app.table is table and "KVM" in table.value and "Parallels" not in table.value
    app.set(host_os=None)
    assert app.summary_text().startswith("전체: 6개")
    with pytest.raises(ValueError):
        app.set(host_os="amiga")
    assert vm_software(host_os="auto", report=fixture_report("binder")).host_os is None


def test_virtualbox_notes_software_virtualization_until_6_1():
    """Issue 9: VirtualBox ran without VT-x/AMD-V (software virtualization) up to 6.0."""
    vbox = next(p for p in products() if p.id == "virtualbox")
    raw = next(p for p in _raw_products() if p["id"] == "virtualbox")
    assert "소프트웨어 가상화" in raw["notes_ko"] and "6.1" in raw["notes_ko"]
    assert "software virtualization" in raw["notes_en"] and "software virtualization" in vbox.source


def _raw_products() -> list[dict]:
    path = Path(__file__).resolve().parents[1] / "virtlab_widgets" / "data" / "vm_software.json"
    return json.loads(path.read_text("utf-8"))["products"]
