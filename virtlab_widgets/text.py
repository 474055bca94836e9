"""Every label, title and sentence the widgets and figures show, per language.

Korean is the default. To add a language, add a dict with the same keys to ``TEXT``
(tests/test_text.py checks the keys match) and call ``set_language("xx")``.
"""
from __future__ import annotations

from .validate import check_choice

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        # notebooks 1-3: carving a host
        "ctl.host_cores": "호스트 CPU (코어)",
        "ctl.host_ram": "호스트 메모리 (GiB)",
        "ctl.host_disk": "호스트 디스크 (GiB)",
        "ctl.vm_count": "VM 수 (대)",
        "ctl.vm_vcpus": "VM당 vCPU (개)",
        "ctl.vm_ram": "VM당 메모리 (GiB)",
        "ctl.vm_disk": "VM당 디스크 (GiB)",
        "carve.title": "물리 호스트 1대를 VM으로 나누기",
        "carve.axis_x": "호스트 용량 대비 (%)",
        "carve.cpu": "CPU ({v})",
        "carve.ram": "메모리 ({v})",
        "carve.disk": "디스크 ({v})",
        "carve.name.cpu": "CPU",
        "carve.name.ram": "메모리",
        "carve.name.disk": "디스크",
        "carve.unit.cpu": "{v} 코어",
        "carve.unit.ram": "{v} GiB",
        "carve.unit.disk": "{v} GiB",
        "carve.hypervisor": "하이퍼바이저·호스트 몫",
        "carve.vm": "VM (한 칸 = VM 1대)",
        "carve.vm_i": "VM {i}",
        "carve.free": "남는 자원",
        "carve.capacity": "호스트 용량 100 %",
        "carve.ok": "{r}× 여유",
        "carve.over.cpu": "{r}× ⚠ 과할당: 시분할로 나눠 씀",
        "carve.over.ram": "{r}× ⚠ 과할당: 스왑 위험",
        "carve.over.disk": "{r}× ⚠ 과할당: 씬 프로비저닝일 때만",
        "carve.sum.head": "VM {n}대 (하이퍼바이저 몫: {cpu} 코어, {ram} GiB, {disk} GiB)",
        "carve.sum.res": "{name} {promised}/{available} {unit} ({flag})",
        # notebooks 1-3: kinds of virtualization
        "kind.vm": "VM 가상화 (서버)",
        "kind.network": "네트워크 가상화 (SDN·NFV)",
        "kind.storage": "스토리지 가상화",
        "kind.desktop": "데스크탑 가상화 (VDI·DaaS)",
        "kind.application": "애플리케이션 가상화",
        "kind.data": "데이터 가상화",
        "kinds.pick": "— 종류 고르기 —",
        "kinds.check": "채점하기",
        "kinds.label": "상황 {i}의 가상화 종류",
        "kinds.right": "✔ 맞습니다.",
        "kinds.wrong": "✘ 정답은 '{kind}'입니다.",
        "kinds.unanswered": "아직 고르지 않았습니다.",
        "kinds.score": "{total}개 중 {right}개 정답 (고른 것 {answered}개)",
        # notebooks 1-3: performance under contention
        "ctl.instances": "인스턴스 수 (VM 대 / 컨테이너 개)",
        "ctl.benchmark": "작업 종류",
        "ctl.cores_each": "인스턴스당 필요한 CPU (코어)",
        "cont.each": "인스턴스 하나의 처리량",
        "cont.total": "전체 처리량 (모두 합친 것)",
        "cont.now": "현재",
        "cont.cpu_full": "CPU 코어를 모두 사용",
        "cont.mem_over": "VM 메모리 과할당 (스왑)",
        "cont.axis_count": "한 호스트 위의 인스턴스 수",
        "cont.axis_each": "네이티브 1개 대비 (%)",
        "cont.axis_total": "네이티브 1개 대비 합계 (%)",
        "cont.sum": "{n}개씩: VM 하나 {vm_each} (합계 {vm_total}) · 컨테이너 하나 {ct_each} (합계 {ct_total}) · {memory} · 호스트 코어 {cores}개",
        "cont.sum_over": "VM은 {vm_over}대부터 메모리 과할당",
        "cont.sum_fits": "VM {max}대까지 메모리 충분",
        # end of notebooks 1-3 (ko)
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
        # start-up race and run-time overhead
        "ctl.start_count": "동시에 시작하는 수 (개)",
        "start.title": "동시에 시작했을 때 모두 준비될 때까지",
        "start.vm": "Ubuntu 서버 VM",
        "start.microvm": "마이크로VM (Firecracker)",
        "start.container": "컨테이너 (runc)",
        "start.process": "프로세스 (fork/exec)",
        "start.summary": "동시에 {count}개: ",
        "oh.title": "실행 중 성능: 네이티브 대비 (Felter et al., 2015)",
        "oh.axis": "네이티브 대비 성능 (%)",
        "oh.native": "네이티브 = 100 %",
        "oh.linpack_gflops": "CPU 연산 (Linpack)",
        "oh.stream_triad_gbs": "메모리 대역폭 (Stream)",
        "oh.random_read_iops": "무작위 읽기 (IOPS)",
        "oh.random_write_iops": "무작위 쓰기 (IOPS)",
        "oh.sequential_read_mbs": "순차 읽기",
        "oh.network_gbits": "네트워크 처리량",
        "oh.tcp_rr_latency_us": "네트워크 왕복 지연 (역수)",
        "oh.summary": "KVM: CPU {cpu:.0f} %, 무작위 읽기 {io:.0f} %, 왕복 지연 +{lat:.0f} µs · 컨테이너: CPU·I/O 네이티브와 거의 같음, NAT 사용 시 지연 약 2배",
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
        # notebooks 1-3: carving a host
        "ctl.host_cores": "Host CPU (cores)",
        "ctl.host_ram": "Host memory (GiB)",
        "ctl.host_disk": "Host disk (GiB)",
        "ctl.vm_count": "VMs",
        "ctl.vm_vcpus": "vCPUs per VM",
        "ctl.vm_ram": "Memory per VM (GiB)",
        "ctl.vm_disk": "Disk per VM (GiB)",
        "carve.title": "Carving one physical host into VMs",
        "carve.axis_x": "Share of host capacity (%)",
        "carve.cpu": "CPU ({v})",
        "carve.ram": "Memory ({v})",
        "carve.disk": "Disk ({v})",
        "carve.name.cpu": "CPU",
        "carve.name.ram": "Memory",
        "carve.name.disk": "Disk",
        "carve.unit.cpu": "{v} cores",
        "carve.unit.ram": "{v} GiB",
        "carve.unit.disk": "{v} GiB",
        "carve.hypervisor": "Hypervisor and host share",
        "carve.vm": "VM (one segment = one VM)",
        "carve.vm_i": "VM {i}",
        "carve.free": "Unallocated",
        "carve.capacity": "Host capacity 100 %",
        "carve.ok": "{r}× fits",
        "carve.over.cpu": "{r}× ⚠ overcommitted: time-shared",
        "carve.over.ram": "{r}× ⚠ overcommitted: swapping risk",
        "carve.over.disk": "{r}× ⚠ overcommitted: thin provisioning only",
        "carve.sum.head": "{n} VMs (hypervisor keeps {cpu} cores, {ram} GiB, {disk} GiB)",
        "carve.sum.res": "{name} {promised}/{available} {unit} ({flag})",
        # notebooks 1-3: kinds of virtualization
        "kind.vm": "VM (server) virtualization",
        "kind.network": "Network virtualization (SDN, NFV)",
        "kind.storage": "Storage virtualization",
        "kind.desktop": "Desktop virtualization (VDI, DaaS)",
        "kind.application": "Application virtualization",
        "kind.data": "Data virtualization",
        "kinds.pick": "— choose a kind —",
        "kinds.check": "Check",
        "kinds.label": "Kind of virtualization for situation {i}",
        "kinds.right": "✔ Right.",
        "kinds.wrong": "✘ The answer is '{kind}'.",
        "kinds.unanswered": "Not answered yet.",
        "kinds.score": "{right} of {total} right ({answered} answered)",
        # notebooks 1-3: performance under contention
        "ctl.instances": "Instances (VMs / containers)",
        "ctl.benchmark": "Workload",
        "ctl.cores_each": "CPU wanted per instance (cores)",
        "cont.each": "Throughput of one instance",
        "cont.total": "Total throughput (all together)",
        "cont.now": "Now",
        "cont.cpu_full": "All CPU cores busy",
        "cont.mem_over": "VM memory overcommitted (swapping)",
        "cont.axis_count": "Instances on one host",
        "cont.axis_each": "Relative to one native instance (%)",
        "cont.axis_total": "Sum relative to one native instance (%)",
        "cont.sum": "{n} each: one VM {vm_each} (total {vm_total}) · one container {ct_each} (total {ct_total}) · {memory} · host has {cores} cores",
        "cont.sum_over": "VMs overcommit memory from {vm_over}",
        "cont.sum_fits": "memory fits up to {max} VMs",
        # end of notebooks 1-3 (en)
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
        "ctl.start_count": "Started together",
        "start.title": "Until all are ready, started together",
        "start.vm": "Ubuntu server VM",
        "start.microvm": "microVM (Firecracker)",
        "start.container": "Container (runc)",
        "start.process": "Process (fork/exec)",
        "start.summary": "{count} at once: ",
        "oh.title": "Run-time performance vs native (Felter et al., 2015)",
        "oh.axis": "Performance vs native (%)",
        "oh.native": "native = 100 %",
        "oh.linpack_gflops": "CPU (Linpack)",
        "oh.stream_triad_gbs": "Memory bandwidth (Stream)",
        "oh.random_read_iops": "Random read (IOPS)",
        "oh.random_write_iops": "Random write (IOPS)",
        "oh.sequential_read_mbs": "Sequential read",
        "oh.network_gbits": "Network throughput",
        "oh.tcp_rr_latency_us": "Network round trip (inverse)",
        "oh.summary": "KVM: CPU {cpu:.0f} %, random read {io:.0f} %, round trip +{lat:.0f} µs · containers: CPU and I/O about native, latency about 2x with NAT",
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
