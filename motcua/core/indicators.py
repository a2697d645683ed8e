"""The registry of indicator keys (ARCHITECTURE §2; the pattern of ADR 0004).

An indicator is a figure some app knows how to compute — the dossier counts of the monthly report
(CONTRACTS §8), a survey index, a Decision 766 score. The app that owns the facts registers its
keys from its `AppConfig.ready()`; an app to its left (`plans`, whose tasks follow an indicator)
validates a key here without importing the app that computes it. The registry holds names only:
values are computed by their owner (through `reports`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.exceptions import InvalidInput

if TYPE_CHECKING:
    from motcua.accounts.models import Agency
    from motcua.core.periods import Period

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


# --- values ---------------------------------------------------------------------------------------
# An owner may register how to compute a key for a period and an agency (its subtree), so that
# `reports` and `plans` read the value by key without importing the owner (ADR 0004 pattern).


@dataclass(frozen=True)
class Measure:
    """A figure's value with what it was computed from; `value` None means N/A (zero denominator,
    or no data source yet). A count has no denominator."""

    value: Decimal | int | None
    numerator: int | None = None
    denominator: int | None = None

    @classmethod
    def ratio(cls, numerator: int, denominator: int) -> Measure:
        """A percentage 0–100 with 2 decimals (CONTRACTS §7), None when the denominator is 0."""
        if not denominator:
            return cls(None, numerator, denominator)
        value = (Decimal(100) * numerator / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return cls(value, numerator, denominator)


# compute(period, agency) → Measure; agency None means the whole locality.
Compute = Callable[["Period", "Agency | None"], Measure]
_COMPUTE: dict[str, Compute] = {}


def indicator_compute_register(key: str, compute: Compute) -> None:
    """Say how to compute a registered key (from the owner's ready(), after indicator_register)."""
    indicator_get(key)
    _COMPUTE[key] = compute


def indicator_value(key: str, period: Period, agency: Agency | None = None) -> Measure:
    """The value of `key` for the period and agency; N/A (value None) when no owner computes it."""
    indicator_get(key)
    compute = _COMPUTE.get(key)
    return compute(period, agency) if compute else Measure(None)


def indicator_computable(key: str) -> bool:
    return key in _COMPUTE
