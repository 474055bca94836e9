"""The stack diagrams: stable API for notebooks 3 and 5, and the switching app."""
import pytest

from virtlab_widgets import hypervisor_stacks, stack_figure, text
from virtlab_widgets.apps.stack import product_names, products
from virtlab_widgets.figures.common import text_lines, trace
from virtlab_widgets.figures.stack import ARCHS, HERE, LABELS, LAYERS, MAX_BOXES, box_trace, layers, stack_restyle

HERE_TEXT = "◀ 현재 위치 (you are here)"


def test_layers_per_architecture():
    assert layers("type1") == ("hardware", "hypervisor", "guest_os", "app")
    assert layers("type2")[:3] == ("hardware", "host_os", "hypervisor")
    assert "host_os" not in layers("type1")
    assert layers("container") == ("hardware", "host_os", "container_engine", "container", "app")
    assert layers("container_in_vm")[:3] == ("hardware", "hypervisor", "guest_os")
    assert set().union(*map(layers, ARCHS)) == set(LAYERS)


@pytest.mark.parametrize("arch", ARCHS)
def test_every_arch_draws_with_a_fixed_trace_layout(arch):
    fig = stack_figure(arch)
    assert len(fig.data) == MAX_BOXES + 4
    assert trace(fig, HERE).x in (None, ())
    for layer in layers(arch):
        marked = stack_figure(arch, layer)
        assert " ".join(text_lines(trace(marked, HERE).text[0])) == HERE_TEXT
        assert any(trace(marked, box_trace(i)).line.width == 5 for i in range(MAX_BOXES))


def test_bad_arguments_are_clear():
    with pytest.raises(ValueError, match="architecture"):
        stack_figure("type3")
    with pytest.raises(ValueError, match="not part of the 'type1' stack"):
        stack_figure("type1", "host_os")
    with pytest.raises(ValueError, match="layer"):
        stack_figure("type2", "kernel")
    with pytest.raises(TypeError):
        stack_figure("type2", 3)


def test_products_named_and_kvm_debated():
    names = {arch: [p.name for p in products(arch)] for arch in ARCHS}
    assert {"VMware ESXi", "Xen", "Microsoft Hyper-V", "KVM"} <= set(names["type1"])
    assert {"VMware Workstation", "Oracle VirtualBox"} <= set(names["type2"])
    assert "KVM (분류 논쟁)" in product_names("type1")
    assert [p.name for p in products("type1") if p.debated] == ["KVM"]
    with pytest.raises(ValueError, match="architecture"):
        products("type3")


def test_products_in_english():
    korean = {arch: products(arch) for arch in ARCHS}
    try:
        text.set_language("en")
        english = {arch: products(arch) for arch in ARCHS}
        assert "KVM (classification debated)" in product_names("type1")
    finally:
        text.set_language("ko")
    for arch in ARCHS:
        assert [p.debated for p in english[arch]] == [p.debated for p in korean[arch]]
        assert all(e.note != k.note for e, k in zip(english[arch], korean[arch]))
    assert "클라우드 VM 위의 Docker" in [p.name for p in korean["container_in_vm"]]
    assert "Docker on a cloud VM" in [p.name for p in english["container_in_vm"]]
    assert [p.name for p in english["type1"]] == [p.name for p in korean["type1"]]


def test_app_switches_in_place():
    app = hypervisor_stacks()
    fig = app.figure
    assert "하드웨어 → 하이퍼바이저 → 게스트 OS ×3 → 앱 ×3" in app.summary_text()
    app.set(arch="type2", you_are_here="guest_os")
    assert app.figure is fig
    assert list(trace(fig, LABELS).text) == list(stack_restyle("type2", "guest_os")[LABELS]["text"])
    assert fig.layout.title.text.startswith("Type 2")
    assert " ".join(text_lines(trace(fig, HERE).text[0])) == HERE_TEXT
    assert "VirtualBox" in app.products.value and "VirtualBox" in app.summary_text()
    app.set(arch="type1", you_are_here="host_os")
    assert "'호스트 OS' 층이 없습니다" in app.summary_text()
    assert trace(fig, HERE).x in (None, ())
    with pytest.raises(ValueError):
        app.set(arch="type3")
