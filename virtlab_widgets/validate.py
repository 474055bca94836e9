"""Input checks shared by the model, the widgets and the CLI.

Every check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind,
impossible value) with a message a student can act on.
"""
from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import numpy as np

MAX_COUNT = 10_000
"""Largest instance count the model accepts: far beyond any single host."""

CountLike: TypeAlias = int | np.integer | np.ndarray | Sequence[int]
"""What a count parameter accepts: a whole number, or a list, range or integer array of them."""

Count: TypeAlias = int | np.ndarray
"""A checked count: an int, or an int64 array (what :func:`check_count` returns)."""


def check_count(value: object, name: str, max_count: int = MAX_COUNT) -> Count:
    """Return ``value`` as an int (or int array) after checking 0 <= value <= max_count."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number of instances, got {shown(value)}")
    if isinstance(value, numbers.Integral):
        count = int(value)
        if not 0 <= count <= max_count:
            raise ValueError(_range_message(name, count, max_count))
        return count
    if isinstance(value, (np.ndarray, list, tuple, range)):
        arr = np.asarray(value)
        if arr.dtype.kind not in "iu":
            raise TypeError(f"{name} must contain whole numbers, got dtype {arr.dtype}")
        if arr.size and (arr.min() < 0 or arr.max() > max_count):
            bad = int(arr.min()) if arr.min() < 0 else int(arr.max())
            raise ValueError(_range_message(name, bad, max_count))
        return arr.astype(np.int64)
    raise TypeError(f"{name} must be a whole number of instances, got {type(value).__name__} {shown(value)}")


def check_one_count(value: object, name: str, max_count: int = MAX_COUNT) -> int:
    """Like :func:`check_count`, for a parameter that takes a single count (a list or array raises TypeError)."""
    count = check_count(value, name, max_count)
    if not isinstance(count, int):
        raise TypeError(f"{name} must be one whole number, not a list or array (got {shown(value)})")
    return count


def _range_message(name: str, count: int, max_count: int) -> str:
    if count < 0:
        return f"{name} cannot be negative (got {shown(count)})"
    return f"{name}={shown(count)} is more than this model supports (at most {max_count} instances on one host)"


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for an error message, cut to ``limit`` characters (never echo 100 kB back)."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (over 4,300 digits)
        return f"<{type(value).__name__} too long to show>"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_number(value: object, name: str, low: float, high: float, *, low_inclusive: bool = True) -> float:
    """Return ``value`` as a float after checking it is a real number in range."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {shown(value)}")
    bound = "≥" if low_inclusive else ">"
    try:
        number = float(value)
    except OverflowError:  # an integer with thousands of digits
        raise ValueError(f"{name} must be {bound} {low:g} and ≤ {high:g} (got {shown(value)})") from None
    too_low = number < low if low_inclusive else number <= low
    if not np.isfinite(number) or too_low or number > high:
        raise ValueError(f"{name} must be {bound} {low:g} and ≤ {high:g} (got {shown(value)})")
    return number


def check_choice(value: object, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise list the valid ones."""
    options = list(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a preset name (str), got {type(value).__name__} {shown(value)}")
    if value not in options:
        raise ValueError(f"unknown {name} {shown(value)}; choose one of: {', '.join(options)}")
    return value
