"""Validate the history/timeline and VM-software data files.

The JSON files are loaded by path relative to this test file (not by importing
the package), so these tests run even before the package itself is importable.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parent.parent / "virtlab_widgets" / "data"
TIMELINE_PATH = DATA_DIR / "timeline.json"
VM_SOFTWARE_PATH = DATA_DIR / "vm_software.json"

ALLOWED_KINDS = {"container", "vm", "hardware", "theory", "orchestration", "mainframe"}
ALLOWED_CONFIDENCE = {"verified", "secondary"}
ALLOWED_HYPERVISOR_TYPES = {"type1", "type2", "debated"}

EVENT_KEYS = {
    "id", "year", "date", "kind", "lecture", "lecture_section",
    "title_ko", "title_en", "description_ko", "description_en",
    "source", "source_url", "confidence",
}
PRODUCT_KEYS = {
    "id", "name", "vendor", "hypervisor_type", "host_os", "licence",
    "cost_ko", "notes_ko", "notes_en", "source", "source_url", "confidence",
}

# The lecture's own container history (section 4-2), with the lecture's years.
LECTURE_CONTAINER_EVENTS = {
    "chroot": 1979,
    "freebsd_jail": 2000,
    "google_borg": 2003,
    "lxc": 2008,
    "docker": 2013,
    "kubernetes": 2015,
}

# Events the brief asks the timeline to contain at least.
REQUIRED_EVENT_IDS = {
    "cp40", "cp67", "vm370", "goldberg_thesis", "popek_goldberg",
    "chroot", "chroot_bsd", "vmware_founded", "vmware_workstation",
    "freebsd_jail", "vmware_esx_gsx", "xen", "google_borg", "solaris_zones",
    "intel_vtx", "amd_v", "kvm", "virtualbox", "cgroups", "hyperv", "lxc",
    "docker", "kubernetes_open_source", "kubernetes", "oci",
    "firecracker", "firecracker_nsdi", "vmware_emc", "vsphere4",
    "dell_emc", "broadcom_vmware",
}

REQUIRED_PRODUCT_IDS = {
    "vmware_workstation", "virtualbox", "hyperv", "kvm_qemu", "utm", "parallels",
}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def timeline():
    return _load(TIMELINE_PATH)


@pytest.fixture(scope="module")
def events(timeline):
    return timeline["events"]


@pytest.fixture(scope="module")
def vm_software():
    return _load(VM_SOFTWARE_PATH)


@pytest.fixture(scope="module")
def products(vm_software):
    return vm_software["products"]


def date_key(date_str):
    """Sort key: a bare year sorts before month-dated events of that year, and
    a bare month before day-dated events of that month."""
    m = DATE_RE.match(date_str)
    assert m, f"bad date format: {date_str!r}"
    year, month, day = m.groups()
    return (int(year), int(month or 0), int(day or 0))


# --------------------------------------------------------------------------
# file format
# --------------------------------------------------------------------------

@pytest.mark.parametrize("path", [TIMELINE_PATH, VM_SOFTWARE_PATH], ids=lambda p: p.name)
def test_file_is_utf8_json_with_two_space_indent(path):
    raw = path.read_bytes().decode("utf-8")  # must be valid UTF-8
    data = json.loads(raw)
    # written with ensure_ascii=False and indent=2: Korean stays literal
    assert raw == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert "\\uac" not in raw.lower()


# --------------------------------------------------------------------------
# timeline.json
# --------------------------------------------------------------------------

def test_timeline_top_level(timeline, events):
    assert isinstance(events, list) and len(events) >= len(REQUIRED_EVENT_IDS)


def test_event_required_keys_and_types(events):
    for ev in events:
        missing = EVENT_KEYS - ev.keys()
        assert not missing, f"{ev.get('id')}: missing {missing}"
        assert isinstance(ev["id"], str) and ev["id"]
        assert isinstance(ev["year"], int) and not isinstance(ev["year"], bool)
        assert isinstance(ev["lecture"], bool)
        for key in ("title_ko", "title_en", "description_ko", "description_en", "source"):
            assert isinstance(ev[key], str) and ev[key].strip(), f"{ev['id']}: empty {key}"


def test_event_ids_unique(events):
    ids = [ev["id"] for ev in events]
    assert len(ids) == len(set(ids))


def test_event_kinds_allowed(events):
    for ev in events:
        assert ev["kind"] in ALLOWED_KINDS, f"{ev['id']}: kind {ev['kind']!r}"


def test_event_dates_parse_and_match_year(events):
    for ev in events:
        m = DATE_RE.match(ev["date"])
        assert m, f"{ev['id']}: bad date {ev['date']!r}"
        year, month, day = m.groups()
        assert int(year) == ev["year"], f"{ev['id']}: year {ev['year']} != date {ev['date']}"
        if day:
            dt.date.fromisoformat(ev["date"])  # raises on impossible dates
        elif month:
            assert 1 <= int(month) <= 12, ev["id"]


def test_events_in_chronological_order(events):
    keys = [date_key(ev["date"]) for ev in events]
    assert keys == sorted(keys), "events must be ordered by date"


def test_every_event_has_source(events):
    for ev in events:
        assert ev["source"].strip(), ev["id"]
        url = ev["source_url"]
        assert url is None or (isinstance(url, str) and url.startswith(("http://", "https://"))), ev["id"]


def test_event_confidence(events):
    for ev in events:
        assert ev["confidence"] in ALLOWED_CONFIDENCE, ev["id"]
        if "confidence_note" in ev:
            assert ev["confidence_note"].strip(), ev["id"]


def test_korean_descriptions_are_korean(events):
    for ev in events:
        assert HANGUL_RE.search(ev["description_ko"]), ev["id"]
        assert not HANGUL_RE.search(ev["description_en"]), ev["id"]


def test_lecture_flags_consistent(events):
    for ev in events:
        if ev["lecture"]:
            assert ev["lecture_section"] in (4, 6), ev["id"]
        else:
            assert ev["lecture_section"] is None, ev["id"]


def test_six_lecture_container_events(events):
    by_id = {ev["id"]: ev for ev in events}
    for ev_id, year in LECTURE_CONTAINER_EVENTS.items():
        assert ev_id in by_id, f"missing lecture event {ev_id}"
        ev = by_id[ev_id]
        assert ev["year"] == year, f"{ev_id}: lecture says {year}, data has {ev['year']}"
        assert ev["lecture"] is True
        assert ev["lecture_section"] == 4
    section4 = {ev["id"] for ev in events if ev["lecture_section"] == 4}
    assert section4 == set(LECTURE_CONTAINER_EVENTS), "only the six lecture events are section 4"
    lecture_years = sorted(by_id[i]["year"] for i in LECTURE_CONTAINER_EVENTS)
    assert lecture_years == [1979, 2000, 2003, 2008, 2013, 2015]


def test_kubernetes_nuance(events):
    by_id = {ev["id"]: ev for ev in events}
    assert by_id["kubernetes"]["date"] == "2015-07-21"
    assert by_id["kubernetes_open_source"]["date"] == "2014-06-06"


def test_required_events_present(events):
    ids = {ev["id"] for ev in events}
    missing = REQUIRED_EVENT_IDS - ids
    assert not missing, f"missing events: {sorted(missing)}"


def test_section6_events_are_vm_history(events):
    for ev in events:
        if ev["lecture_section"] == 6:
            assert ev["kind"] in {"vm", "mainframe"}, ev["id"]


# --------------------------------------------------------------------------
# vm_software.json
# --------------------------------------------------------------------------

def test_products_required_keys(products):
    assert isinstance(products, list)
    for p in products:
        missing = PRODUCT_KEYS - p.keys()
        assert not missing, f"{p.get('id')}: missing {missing}"
        for key in ("id", "name", "vendor", "licence", "cost_ko", "notes_ko", "notes_en"):
            assert isinstance(p[key], str) and p[key].strip(), f"{p['id']}: empty {key}"
        assert HANGUL_RE.search(p["notes_ko"]) and HANGUL_RE.search(p["cost_ko"]), p["id"]


def test_product_ids(products):
    ids = [p["id"] for p in products]
    assert len(ids) == len(set(ids))
    assert REQUIRED_PRODUCT_IDS <= set(ids)


def test_product_hypervisor_types(products):
    for p in products:
        assert p["hypervisor_type"] in ALLOWED_HYPERVISOR_TYPES, p["id"]
    by_id = {p["id"]: p for p in products}
    assert by_id["kvm_qemu"]["hypervisor_type"] == "debated"
    assert by_id["hyperv"]["hypervisor_type"] == "type1"
    for pid in ("vmware_workstation", "virtualbox", "parallels"):
        assert by_id[pid]["hypervisor_type"] == "type2", pid


def test_product_host_os(products):
    for p in products:
        assert isinstance(p["host_os"], list) and p["host_os"], p["id"]
        assert all(isinstance(h, str) and h.strip() for h in p["host_os"]), p["id"]


def test_every_product_has_source(products):
    for p in products:
        assert isinstance(p["source"], str) and p["source"].strip(), p["id"]
        url = p["source_url"]
        assert url is None or (isinstance(url, str) and url.startswith(("http://", "https://"))), p["id"]
        assert p["confidence"] in ALLOWED_CONFIDENCE, p["id"]


def test_hypervisor_types_summary(vm_software, products):
    types = vm_software["hypervisor_types"]
    assert {"type1", "type2", "debated"} <= types.keys()
    assert types["source"].strip()
    product_ids = {p["id"] for p in products}
    listed = []
    for key in ("type1", "type2", "debated"):
        entry = types[key]
        for field in ("label_ko", "label_en", "description_ko", "description_en"):
            assert entry[field].strip(), (key, field)
        for pid in entry["products"]:
            assert pid in product_ids, (key, pid)
        listed.extend(entry["products"])
    # every product is summarised exactly once, under its own type
    assert sorted(listed) == sorted(product_ids)
    by_id = {p["id"]: p for p in products}
    for key in ("type1", "type2", "debated"):
        for pid in types[key]["products"]:
            assert by_id[pid]["hypervisor_type"] == key, pid
    assert "kvm_qemu" in types["debated"]["products"]
    assert types["debated"]["sources"], "the KVM debate must cite sources"


# --------------------------------------------------------------------------
# facts re-checked against the sources (issue 9)
# --------------------------------------------------------------------------

def test_lxc_does_not_say_cgroups_and_namespaces_arrived_together(events):
    """cgroups: Linux 2.6.24, January 2008; namespaces came in stages (2002 to 2013)."""
    by_id = {ev["id"]: ev for ev in events}
    lxc, cgroups = by_id["lxc"], by_id["cgroups"]
    assert cgroups["date"].startswith("2008-01") and "2.6.24" in cgroups["title_en"]
    for ev in (lxc, cgroups):
        assert "같은 해 리눅스 커널에 들어간" not in ev["description_ko"]
    for year in ("2002", "2006", "2008", "2013"):
        assert year in lxc["description_ko"] and year in lxc["description_en"], year
    assert "3.8" in lxc["description_en"] and "Namespaces in operation" in lxc["source"]


def test_virtualbox_also_shipped_software_virtualization(events):
    vbox = {ev["id"]: ev for ev in events}["virtualbox"]
    assert "software virtualization" in vbox["description_en"] and "6.1" in vbox["description_en"]
    assert "소프트웨어 가상화" in vbox["description_ko"] and "6.1" in vbox["description_ko"]
    assert "software virtualization" in vbox["source"]
