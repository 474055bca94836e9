"""Notebook 7-3: the lab steps checklist."""
from __future__ import annotations

import pytest

from virtlab_widgets import lab_checklist
from virtlab_widgets.apps.checklist import steps
from virtlab_widgets.text import set_language


def test_steps_cover_the_issue():
    ids = [s.id for s in steps()]
    assert ids[0] == "install_hypervisor" and "create_vm" in ids and "install_ubuntu" in ids
    assert "snapshot" in ids and ids[-1] == "container" and "second_os" in ids
    assert all(s.do and s.verify for s in steps())
    set_language("en")
    try:
        assert steps()[0].title == "Install a hypervisor"
    finally:
        set_language("ko")


def test_progress():
    app = lab_checklist()
    assert app.summary_text() == "7단계 중 0단계 완료 · 다음: 하이퍼바이저 (Hypervisor) 설치"
    app.set(done=["install_hypervisor", "download_iso"])
    assert app.summary_text().startswith("7단계 중 2단계 완료 · 다음: 가상머신 (VM) 만들기")
    app.boxes["create_vm"].value = True
    assert "3단계 완료" in app.summary.value
    app.set(done=[s.id for s in steps()])
    assert app.summary_text().endswith("모두 완료! 결과를 실습 보고서에 적으세요")
    with pytest.raises(ValueError):
        app.set(done=["fly"])
    with pytest.raises(TypeError):
        app.set(done="snapshot")
