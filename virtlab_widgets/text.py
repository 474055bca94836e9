"""Every label, title and sentence the widgets and figures show, per language: a lookup over
the catalogs in ``data/i18n/<language>.json`` (one flat ``key -> text`` file per language).

Korean is the default. To add a language, add ``data/i18n/<code>.json`` with the same keys
(tests/test_text.py checks every catalog has exactly the Korean keys) and call
``set_language("<code>")``: no code changes. Data files that carry text of their own use
``<field>_<language>`` fields, read with :func:`localized`.

A notebook edition picks its language without a code cell saying so: JupyterLab, nbval and
the site build start a notebook's kernel in the notebook's folder, and the package starts in
the language named by that folder's ``edition.json`` (``notebooks/en/edition.json`` says
``"language": "en"``). Anywhere else, and if the file is unreadable, it starts in Korean.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .validate import check_choice

DEFAULT = "ko"
_CATALOGS = resources.files("virtlab_widgets").joinpath("data/i18n")


@cache
def catalogs() -> dict[str, dict[str, str]]:
    """Every language's catalog, by language code (the file names)."""
    return {p.name.removesuffix(".json"): json.loads(p.read_text("utf-8"))
            for p in sorted(_CATALOGS.iterdir(), key=lambda p: p.name) if p.name.endswith(".json")}


TEXT: Mapping[str, dict[str, str]] = catalogs()
EDITION_FILE = "edition.json"


def edition_language(folder: Path | None = None) -> str:
    """The language of the notebook edition in ``folder`` (default: the working directory).

    Read from ``folder/edition.json``; the default language where there is none, where it
    cannot be read, or where it names a language without a catalog.
    """
    path = (Path.cwd() if folder is None else folder) / EDITION_FILE
    try:
        code = json.loads(path.read_text("utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        return DEFAULT
    return code if code in TEXT else DEFAULT


_language = edition_language()


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


def localized(entry: Mapping[str, Any], field: str) -> Any:
    """``entry["<field>_<language>"]`` of a data record, or the default language's if missing."""
    return entry.get(f"{field}_{_language}", entry[f"{field}_{DEFAULT}"])


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


def seconds_long(s: float) -> str:
    """Like :func:`seconds`, but also hours and days (for downtime): ``28.0 시간``, ``4.2 일``."""
    if s < 3600:
        return seconds(s)
    if s < 72 * 3600:
        return t("unit.h", v=f"{s / 3600:.1f}")
    return t("unit.d", v=f"{s / 86400:.1f}")


def percent(x: float) -> str:
    """A ratio as a percentage: ``0.76`` → ``76 %``."""
    return f"{x * 100:.0f} %"
