"""Labels live in one catalog per language (data/i18n/*.json); every language has the same keys,
the same placeholders, and data files carry every text field in every language."""
import json
import re
import string
from pathlib import Path

import pytest

from virtlab_widgets import presets as P
from virtlab_widgets import text
from virtlab_widgets.text import TEXT

DATA = Path(text.__file__).parent / "data"


def test_languages_have_the_same_keys():
    assert set(TEXT) >= {"ko", "en"}
    for lang, table in TEXT.items():
        assert set(table) == set(TEXT[text.DEFAULT]), f"data/i18n/{lang}.json keys differ from Korean"


def test_languages_have_the_same_placeholders():
    fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)  # noqa: E731
    for lang, table in TEXT.items():
        for key, value in table.items():
            assert fields(value) == fields(TEXT[text.DEFAULT][key]), f"{lang}: {key} placeholders differ"


def _text_fields(value, path=""):
    if isinstance(value, dict):
        langs = {m.group(1): m.group(2) for k in value if (m := re.fullmatch(r"(\w+)_(ko|en)", k))}
        for field in set(langs):
            yield path, field, [lang for lang in TEXT if f"{field}_{lang}" in value]
        for k, v in value.items():
            yield from _text_fields(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _text_fields(v, f"{path}[{i}]")


@pytest.mark.parametrize("path", sorted(p.name for p in DATA.glob("*.json")))
def test_data_files_carry_every_text_field_in_every_language(path):
    missing = [(where, field, have) for where, field, have in _text_fields(json.loads((DATA / path).read_text("utf-8")))
               if sorted(have) != sorted(TEXT)]
    assert not missing, f"{path}: fields without every language: {missing[:5]}"


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
KOREAN_IDENTIFIERS = {"lecture.json": {"chapter", "subsections"}}
"""Fields whose Korean text identifies something (the chapter's own headings), not text to translate."""


def _korean_outside_ko_fields(value, path="", key=""):
    """(path, key) of every string with Hangul whose field (a list's items: the list's) is not ``*_ko``."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _korean_outside_ko_fields(v, f"{path}.{k}", k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _korean_outside_ko_fields(v, f"{path}[{i}]", key)
    elif isinstance(value, str) and HANGUL.search(value) and not key.endswith("_ko"):
        yield path, key


@pytest.mark.parametrize("path", sorted(p.name for p in DATA.glob("*.json")))
def test_data_files_keep_korean_text_in_ko_fields(path):
    exempt = KOREAN_IDENTIFIERS.get(path, set())
    hits = [where for where, key in _korean_outside_ko_fields(json.loads((DATA / path).read_text("utf-8")))
            if key not in exempt]
    assert not hits, f"{path}: Korean text outside a *_ko field (translate it as <field>_ko/<field>_en): {hits[:5]}"


def _shown(widget):
    """Every text a widget tree shows: HTML values, descriptions, option labels, figure texts and hovers."""
    out = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    out += [str(getattr(widget, "description", ""))] + [str(o) for o in getattr(widget, "options", ())]
    if hasattr(widget, "data") and hasattr(widget, "layout"):
        out += [str(widget.layout.title.text)]
        out += [str(v) for tr in widget.data for v in (tr.name, tr.text) if v is not None]
    return out + [s for child in getattr(widget, "children", ()) for s in _shown(child)]


def test_kinds_and_stack_apps_in_english_show_no_korean():
    from virtlab_widgets.apps.kinds import sort_kinds
    from virtlab_widgets.apps.stack import hypervisor_stacks
    from virtlab_widgets.figures.stack import ARCHS

    try:
        text.set_language("en")
        kinds = sort_kinds()
        for i, s in enumerate(kinds.items):
            kinds.choose(i, s.answer)
        kinds.check()
        shown = [kinds.summary_text(), *_shown(kinds.widget)]
        stack = hypervisor_stacks()
        for arch in ARCHS:
            stack.set(arch=arch, you_are_here="app")
            shown += [stack.summary_text(), *_shown(stack.widget)]
    finally:
        text.set_language("ko")
    assert any("Docker on a cloud VM" in s for s in shown) and any("scattered data" in s for s in shown)
    korean = [s for s in shown if HANGUL.search(s)]
    assert not korean, f"Korean left in the English apps: {korean[:3]}"


def test_no_language_branches_in_code():
    """A new language is a data change: no code picks a language by name."""
    package = Path(text.__file__).parent
    hits = [f"{p.relative_to(package)}:{i}" for p in package.rglob("*.py") if p.name != "text.py"
            for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
            if re.search(r"""language\(\) *[=!]= *["']|["'](ko|en)["'] if """, line)]
    assert not hits, f"language chosen in code: {hits}"


def test_every_preset_has_a_label_in_every_language():
    for lang in TEXT:
        for kind in P.KINDS:
            for name in P.names(kind):
                assert f"{kind}.{name}" in TEXT[lang], (lang, kind, name)


def test_switching_language():
    try:
        text.set_language("en")
        assert text.t("ctl.vms") == "VMs"
    finally:
        text.set_language("ko")
    assert text.t("ctl.vms") == "VM 수 (대)"
    with pytest.raises(ValueError):
        text.set_language("fr")


def test_units_for_people():
    assert text.gib(850) == "850 MiB" and text.gib(9318) == "9.1 GiB"
    assert text.seconds(0.657) == "657 ms" and text.seconds(31.2) == "31 s" and text.seconds(300) == "5.0 분"


def test_quiz_in_a_language_without_a_translation_falls_back_to_the_default():
    from virtlab_widgets.apps.quiz import questions

    korean = questions("04")
    translated = (DATA / "quizzes" / "en" / "04.json").exists()
    try:
        text.set_language("en")
        english = questions("04")
    finally:
        text.set_language("ko")
    if translated:
        assert english[0].question != korean[0].question and len(english) == len(korean)
    else:
        assert english == korean
