"""Every label, title and sentence the widgets and figures show, per language.

Korean is the default. To add a language, add a dict with the same keys to ``TEXT``
(tests/test_text.py checks the keys match) and call ``set_language("xx")``.
"""
from __future__ import annotations

from .validate import check_choice

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        # kinds and presets
        "vm": "가상머신 (VM)",
        "container": "컨테이너 (Container)",
        "process": "프로세스 (Process)",
        "hosts.laptop-8": "학생 노트북 (RAM 8 GB)",
        "hosts.laptop-16": "학생 노트북 (RAM 16 GB)",
        "hosts.lab-server": "실습 서버 (RAM 256 GB, 16코어)",
        "hosts.custom": "사용자 지정 호스트",
        "vm_profiles.ubuntu-desktop": "Ubuntu 데스크톱 VM (4 GB)",
        "vm_profiles.ubuntu-server": "Ubuntu 서버 VM (2 GB)",
        "vm_profiles.microvm": "Firecracker 마이크로VM (128 MB)",
        "container_profiles.web-small": "작은 웹 서버 (nginx 류)",
        "container_profiles.python-app": "Python 앱",
        "runtimes.runc": "runc (기본)",
        "runtimes.gvisor": "gVisor (사용자 공간 커널)",
        "runtimes.kata": "Kata (경량 VM 격리)",
        "hypervisors.kvm": "KVM",
        "hypervisors.esxi": "VMware ESXi",
        "hypervisors.firecracker": "Firecracker",
        # controls
        "ctl.vms": "VM 수 (대)",
        "ctl.containers": "컨테이너 수 (개)",
        "ctl.host": "호스트",
        "ctl.vm_profile": "VM 종류",
        "ctl.container_profile": "컨테이너 앱",
        "ctl.runtime": "런타임",
        "ctl.page_sharing": "페이지 공유 (KSM/TPS, 15 %)",
        # figure text
        "fig.memory": "메모리 사용량",
        "fig.disk": "디스크 사용량",
        "fig.ready": "모두 준비될 때까지 (동시 시작)",
        "fig.performance": "메모리 부족 시 성능",
        "axis.count": "인스턴스 수 (대/개)",
        "axis.memory": "메모리 (GiB, 로그)",
        "axis.disk": "디스크 (GiB, 로그)",
        "axis.time": "시간 (초, 로그)",
        "axis.demand": "메모리 요구량 / 호스트 RAM (%, 로그)",
        "axis.performance": "인스턴스당 상대 성능 (%)",
        "trace.vm_curve": "VM만 n대",
        "trace.container_curve": "컨테이너만 n개",
        "trace.vm_now": "현재 VM 수",
        "trace.container_now": "현재 컨테이너 수",
        "trace.total_now": "현재 합계 (호스트 OS 포함)",
        "trace.capacity": "호스트 RAM",
        "trace.performance": "상대 성능",
        "trace.performance_now": "현재 상태",
        "region.overcommit": "과할당 (overcommit): 스왑 발생",
        # summary
        "sum.vm": "VM {n}대: 메모리 {mem}, 디스크 {disk}, 모두 부팅까지 {ready}",
        "sum.container": "컨테이너 {m}개: 메모리 {mem}, 디스크 {disk}, 모두 시작까지 {ready}",
        "sum.total_ok": "합계 {total} / {ram} ({pct}) — 여유 있음",
        "sum.total_over": "합계 {total} / {ram} ({pct}) ⚠ 과할당: 스왑 발생, 성능 약 {perf}",
        "sum.sep": " · ",
        # units
        "unit.gib": "{v} GiB",
        "unit.mib": "{v} MiB",
        "unit.s": "{v} s",
        "unit.ms": "{v} ms",
        "unit.min": "{v} 분",
        # quiz
        "quiz.check": "정답 확인",
        "quiz.correct": "정답입니다!",
        "quiz.wrong": "다시 생각해 보세요.",
        "quiz.choose": "답을 고른 뒤 '정답 확인'을 누르세요.",
        "quiz.score": "{total}문제 중 {right}문제 정답",
        "quiz.answer_label": "문제 {i}의 보기",
        # timeline
        "tl.title": "가상화와 컨테이너의 역사",
        "tl.filter": "보기",
        "tl.lecture": "강의 사건만",
        "tl.all": "모든 사건",
        "tl.year": "연도",
        "tl.kind.container": "컨테이너",
        "tl.kind.vm": "가상머신·하이퍼바이저",
        "tl.kind.hardware": "하드웨어 지원",
        "tl.kind.theory": "이론",
        "tl.kind.orchestration": "오케스트레이션",
        "tl.kind.mainframe": "메인프레임",
        "tl.source": "출처",
        "tl.none": "표시할 사건이 없습니다. 종류를 하나 이상 고르세요.",
        "tl.summary": "사건 {count}개 ({first}–{last})",
        "tl.summary_lecture": " · 강의 사건: {titles}",
    },
    "en": {
        "vm": "Virtual machine (VM)",
        "container": "Container",
        "process": "Process",
        "hosts.laptop-8": "Student laptop (8 GB RAM)",
        "hosts.laptop-16": "Student laptop (16 GB RAM)",
        "hosts.lab-server": "Lab server (256 GB RAM, 16 cores)",
        "hosts.custom": "Custom host",
        "vm_profiles.ubuntu-desktop": "Ubuntu desktop VM (4 GB)",
        "vm_profiles.ubuntu-server": "Ubuntu server VM (2 GB)",
        "vm_profiles.microvm": "Firecracker microVM (128 MB)",
        "container_profiles.web-small": "Small web server (nginx-like)",
        "container_profiles.python-app": "Python app",
        "runtimes.runc": "runc (default)",
        "runtimes.gvisor": "gVisor (user-space kernel)",
        "runtimes.kata": "Kata (lightweight VM isolation)",
        "hypervisors.kvm": "KVM",
        "hypervisors.esxi": "VMware ESXi",
        "hypervisors.firecracker": "Firecracker",
        "ctl.vms": "VMs",
        "ctl.containers": "Containers",
        "ctl.host": "Host",
        "ctl.vm_profile": "VM type",
        "ctl.container_profile": "Container app",
        "ctl.runtime": "Runtime",
        "ctl.page_sharing": "Page sharing (KSM/TPS, 15 %)",
        "fig.memory": "Memory in use",
        "fig.disk": "Disk in use",
        "fig.ready": "Until all are ready (started together)",
        "fig.performance": "Performance under memory pressure",
        "axis.count": "Number of instances",
        "axis.memory": "Memory (GiB, log)",
        "axis.disk": "Disk (GiB, log)",
        "axis.time": "Time (s, log)",
        "axis.demand": "Memory wanted / host RAM (%, log)",
        "axis.performance": "Relative performance per instance (%)",
        "trace.vm_curve": "n VMs only",
        "trace.container_curve": "n containers only",
        "trace.vm_now": "Current VMs",
        "trace.container_now": "Current containers",
        "trace.total_now": "Current total (incl. host OS)",
        "trace.capacity": "Host RAM",
        "trace.performance": "Relative performance",
        "trace.performance_now": "Now",
        "region.overcommit": "Overcommitted: swapping",
        "sum.vm": "{n} VMs: memory {mem}, disk {disk}, all booted in {ready}",
        "sum.container": "{m} containers: memory {mem}, disk {disk}, all started in {ready}",
        "sum.total_ok": "total {total} / {ram} ({pct}) — fits",
        "sum.total_over": "total {total} / {ram} ({pct}) ⚠ overcommitted: swapping, performance about {perf}",
        "sum.sep": " · ",
        "unit.gib": "{v} GiB",
        "unit.mib": "{v} MiB",
        "unit.s": "{v} s",
        "unit.ms": "{v} ms",
        "unit.min": "{v} min",
        "quiz.check": "Check",
        "quiz.correct": "Correct!",
        "quiz.wrong": "Not quite — think again.",
        "quiz.choose": "Choose an answer, then press 'Check'.",
        "quiz.score": "{right} of {total} correct",
        "quiz.answer_label": "Choices for question {i}",
        "tl.title": "A history of virtualization and containers",
        "tl.filter": "Show",
        "tl.lecture": "Lecture events",
        "tl.all": "All events",
        "tl.year": "Year",
        "tl.kind.container": "Containers",
        "tl.kind.vm": "VMs and hypervisors",
        "tl.kind.hardware": "Hardware support",
        "tl.kind.theory": "Theory",
        "tl.kind.orchestration": "Orchestration",
        "tl.kind.mainframe": "Mainframes",
        "tl.source": "Source",
        "tl.none": "No events to show: tick at least one kind.",
        "tl.summary": "{count} events ({first}–{last})",
        "tl.summary_lecture": " · lecture events: {titles}",
    },
}

_language = "ko"


def set_language(language: str) -> None:
    """Switch the language of widgets and figures created from now on."""
    global _language
    _language = check_choice(language, "language", TEXT)


def language() -> str:
    """The current language code."""
    return _language


def t(key: str, **values) -> str:
    """The text for ``key`` in the current language, formatted with ``values``."""
    text = TEXT[_language][key]
    return text.format(**values) if values else text


def label(kind: str, name: str) -> str:
    """Display name of a preset, e.g. ``label("hosts", "laptop-8")``."""
    return TEXT[_language].get(f"{kind}.{name}", name)


def gib(mib: float) -> str:
    """Memory for people: ``850 MiB`` below 1 GiB, else ``9.1 GiB``."""
    if mib < 1024:
        return t("unit.mib", v=f"{mib:.0f}")
    g = mib / 1024
    return t("unit.gib", v=f"{g:.1f}" if g < 100 else f"{g:,.0f}")


def disk(gib_value: float) -> str:
    """Disk for people: MiB below 1 GiB, else GiB."""
    return gib(gib_value * 1024)


def seconds(s: float) -> str:
    """Time for people: ms, s or minutes."""
    if s < 1:
        return t("unit.ms", v=f"{s * 1000:.0f}")
    if s < 120:
        return t("unit.s", v=f"{s:.1f}" if s < 10 else f"{s:.0f}")
    return t("unit.min", v=f"{s / 60:.1f}")


def percent(x: float) -> str:
    """A ratio as a percentage: ``0.76`` → ``76 %``."""
    return f"{x * 100:.0f} %"
