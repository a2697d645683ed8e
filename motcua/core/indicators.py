"""The registry of indicator keys (ARCHITECTURE §2; the pattern of ADR 0004).

An indicator is a figure some app knows how to compute — the dossier counts of the monthly report
(CONTRACTS §8), a survey index, a Decision 766 score. The app that owns the facts registers its
keys from its `AppConfig.ready()`; an app to its left (`plans`, whose tasks follow an indicator)
validates a key here without importing the app that computes it. The registry holds names only:
values are computed by their owner (through `reports`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.exceptions import InvalidInput

KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


class Unit(models.TextChoices):
    COUNT = "COUNT", _("số lượng")
    PERCENT = "PERCENT", _("tỷ lệ (%)")
    POINTS = "POINTS", _("điểm")


@dataclass(frozen=True)
class Indicator:
    key: str  # the field name where one exists (CONTRACTS §8), e.g. "finished_late"
    label: str | Promise  # Vietnamese, lazily translated
    unit: Unit
    owner: str  # the app label that registers and computes it


class UnknownIndicator(InvalidInput):
    def __init__(self, key: str) -> None:
        super().__init__(gettext("Không có chỉ số “%(key)s”.") % {"key": key})
        self.key = key


_REGISTRY: dict[str, Indicator] = {}


def indicator_register(key: str, *, label: str | Promise, unit: Unit | str, owner: str) -> Indicator:
    """Add an indicator; registering the same definition again is a no-op (ready() may run twice in
    tests), a key taken by another definition is a configuration error."""
    if not KEY.match(key):
        raise ImproperlyConfigured(f"Indicator key {key!r} must be lower-case words joined by _ or .")
    indicator = Indicator(key=key, label=label, unit=Unit(unit), owner=owner)
    existing = _REGISTRY.get(key)
    if existing is not None and existing != indicator:
        raise ImproperlyConfigured(f"Indicator {key!r} is already registered by {existing.owner!r}")
    _REGISTRY[key] = indicator
    return indicator


def indicator_get(key: str) -> Indicator:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise UnknownIndicator(key) from None


def indicator_all(*, owner: str | None = None) -> list[Indicator]:
    """Every registered indicator (of `owner` when given), in registration order."""
    return [i for i in _REGISTRY.values() if owner is None or i.owner == owner]


def validate_indicator_key(key: str) -> None:
    """A model or form field validator: the key must be registered."""
    if key not in _REGISTRY:
        raise ValidationError(UnknownIndicator(key).message, code="unknown_indicator")
