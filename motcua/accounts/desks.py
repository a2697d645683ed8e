"""Where a desk officer works now: the one seam between the home agency and the desk roster.

CONTRACTS §5: "a desk officer's desk agency is their home agency unless the one-stop roster puts
them on duty elsewhere". The roster lives in `oversight` (to the right of `accounts`), so it fills
this registry from its `ready()` and `accounts` asks without importing it. With nothing registered
(an install without oversight, or a test of accounts alone) the desk agency is the home agency.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

# (user id, instant) → (the agency of the desk the user is on duty at then, the fields the duty
# allows — empty: every field), or None (no duty).
Duty = tuple[int, frozenset[int]]
DutySource = Callable[[int, datetime], Duty | None]
_SOURCE: dict[str, tuple[str, DutySource]] = {}


def desk_duty_register(source: DutySource, *, owner: str) -> None:
    existing = _SOURCE.get("duty")
    if existing is not None and existing[0] != owner:
        raise ImproperlyConfigured(f"The desk roster is already provided by {existing[0]!r}")
    _SOURCE["duty"] = (owner, source)


def desk_on_duty(user_id: int, at: datetime) -> Duty | None:
    """The desk agency and the fields of the duty the roster puts `user_id` on at `at`; None
    without a duty or a roster."""
    entry = _SOURCE.get("duty")
    return None if entry is None else entry[1](user_id, at)
