"""Notebooks 1-3: their quizzes, the calls they make and the shared app base."""
import ipywidgets as W
import pytest

from virtlab_widgets import quiz, vm_vs_container
from virtlab_widgets.apps.base import check_control
from virtlab_widgets.apps.quiz import questions
from virtlab_widgets.text import TEXT


@pytest.mark.parametrize("key", ["01", "02", "03"])
def test_quiz_files_are_valid_and_answerable(key):
    items = questions(key)
    assert len(items) >= 4
    app = quiz(key)
    for i, q in enumerate(items):
        app.answer(i, q.answer)
        assert app.check(i) is True


def test_text_keys_match_between_languages():
    assert set(TEXT["ko"]) == set(TEXT["en"])


def test_full_os_per_vm_demo_uses_the_explorer():
    app = vm_vs_container(vms=10, containers=10, host="lab-server", vm="ubuntu-desktop")
    s = app.scenario()
    assert s.vm_disk_gib == 250 and s.vm_ready_all_s == 20.0 and s.container_disk_gib < 0.1
    assert s.vm_memory_mib / s.container_memory_mib > 100


def test_check_control():
    assert check_control(W.IntSlider(min=0, max=5), 3, "n") == 3
    assert check_control(W.Checkbox(), True, "flag") is True
    with pytest.raises(TypeError):
        check_control(W.Checkbox(), 1, "flag")
    with pytest.raises(ValueError):
        check_control(W.FloatSlider(min=0, max=1), 2.0, "x")
    with pytest.raises(ValueError):
        check_control(W.Dropdown(options=[("a", None), ("b", "b")]), "c", "menu")
    with pytest.raises(TypeError):
        check_control(W.Text(), "x", "text")
