"""Labels live in one table per language; every language has the same keys."""
import pytest

from virtlab_widgets import presets as P
from virtlab_widgets import text
from virtlab_widgets.text import TEXT


def test_languages_have_the_same_keys():
    assert set(TEXT["ko"]) == set(TEXT["en"])


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
