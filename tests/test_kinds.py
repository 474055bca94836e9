"""The six kinds of virtualization and the sorting exercise."""
import pytest

from virtlab_widgets import sort_kinds, text
from virtlab_widgets.models.kinds import KINDS, examples, grade, scenarios
from virtlab_widgets.text import TEXT


def test_every_kind_of_the_lecture_has_examples_and_scenarios():
    assert KINDS == ("vm", "network", "storage", "desktop", "application", "data")
    for kind in KINDS:
        assert examples(kind)
        assert f"kind.{kind}" in TEXT["ko"] and f"kind.{kind}" in TEXT["en"]
    assert {s.answer for s in scenarios()} == set(KINDS)


def test_examples_and_scenarios_in_every_language():
    korean = {k: examples(k) for k in KINDS}, scenarios()
    for lang in TEXT:
        try:
            text.set_language(lang)
            translated = {k: examples(k) for k in KINDS}, scenarios()
        finally:
            text.set_language("ko")
        assert {k: len(v) for k, v in translated[0].items()} == {k: len(v) for k, v in korean[0].items()}
        assert [s.answer for s in translated[1]] == [s.answer for s in korean[1]]
        if lang != text.DEFAULT:
            assert all(a.text != b.text and a.why != b.why for a, b in zip(translated[1], korean[1]))


def test_grade():
    items = scenarios()
    right = [s.answer for s in items]
    assert grade(right) == [True] * len(items)
    wrong = ["data" if s.answer != "data" else "vm" for s in items]
    assert grade(wrong) == [False] * len(items)
    assert grade([None] * len(items)) == [None] * len(items)


@pytest.mark.parametrize("choices, error", [(["vm"], ValueError), ("vm", ValueError)])
def test_grade_bad_shapes(choices, error):
    with pytest.raises(error):
        grade(choices)


def test_grade_unknown_kind():
    with pytest.raises(ValueError, match="choose one of"):
        grade(["cloud"] + [None] * (len(scenarios()) - 1))


def test_widget_feedback_and_score():
    app = sort_kinds()
    app.choose(0, scenarios()[0].answer).choose(1, "data")
    results = app.check()
    assert results[:3] == [True, False, None]
    assert "✔" in app.feedback[0].value and "✘" in app.feedback[1].value
    assert app.summary_text() == f"{len(scenarios())}개 중 1개 정답 (고른 것 2개)"
    with pytest.raises(ValueError):
        app.choose(99, "vm")
    with pytest.raises(ValueError):
        app.choose(0, "cloud")
