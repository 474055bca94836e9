"""The six kinds of virtualization of lecture section 1-2, and grading of the sorting exercise.

Data: ``data/virtualization_kinds.json`` (text in every language, read with :func:`~virtlab_widgets.text.localized`);
display names: ``data/i18n/<language>.json`` (``kind.<id>``).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..text import localized
from ..validate import check_choice

KINDS = ("vm", "network", "storage", "desktop", "application", "data")
"""The lecture's six kinds, in its order."""


@dataclass(frozen=True)
class Scenario:
    """A real-world situation, the kind it belongs to and why."""

    text: str
    answer: str
    why: str


@cache
def _data() -> dict:
    raw = resources.files("virtlab_widgets").joinpath("data/virtualization_kinds.json").read_text("utf-8")
    return json.loads(raw)


def examples(kind: str) -> list[str]:
    """Concrete examples of one kind, in the current language."""
    return list(localized(_data()["kinds"][check_choice(kind, "kind of virtualization", KINDS)], "examples"))


def scenarios() -> tuple[Scenario, ...]:
    """The scenarios of the sorting exercise, in file order, in the current language."""
    return tuple(Scenario(localized(s, "text"), check_choice(s["answer"], "answer", KINDS), localized(s, "why"))
                 for s in _data()["scenarios"])


def grade(choices: Sequence[str | None]) -> list[bool | None]:
    """Per scenario: right (True), wrong (False) or not answered (None)."""
    items = scenarios()
    if isinstance(choices, str) or len(choices) != len(items):
        raise ValueError(f"give one choice (a kind or None) per scenario: {len(items)} expected")
    return [None if c is None else check_choice(c, "kind of virtualization", KINDS) == s.answer
            for c, s in zip(choices, items)]
