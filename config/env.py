"""Read settings from the environment and fail loudly on bad values.

One settings module for every environment (STYLE.md): a typo in a deployment's
environment must stop the process at start-up, not surface weeks later.
"""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered not in _TRUE | _FALSE:
        raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}")
    return lowered in _TRUE


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, got {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return value


def env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def parse_office_hours(value: str) -> tuple[tuple[int, int], ...]:
    """Parse "07:30-11:30,13:30-17:00" into minute-of-day sessions, sorted and disjoint."""
    sessions: list[tuple[int, int]] = []
    for part in value.split(","):
        try:
            start_text, end_text = part.strip().split("-")
            start = _minutes(start_text)
            end = _minutes(end_text)
        except ValueError:
            raise ImproperlyConfigured(
                f"OFFICE_HOURS must look like 07:30-11:30,13:30-17:00, got {value!r}"
            ) from None
        if end <= start:
            raise ImproperlyConfigured(f"OFFICE_HOURS session {part.strip()!r} ends before it starts")
        sessions.append((start, end))
    sessions.sort()
    for (_, end), (start, _) in pairwise(sessions):
        if start < end:
            raise ImproperlyConfigured(f"OFFICE_HOURS sessions overlap in {value!r}")
    return tuple(sessions)


def parse_hhmm(name: str, value: str) -> int:
    try:
        return _minutes(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must look like HH:MM, got {value!r}") from None


def _minutes(text: str) -> int:
    hours, minutes = text.strip().split(":")
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(text)
    return h * 60 + m
