"""Where a desk officer works now, and who serves at a desk's counter: the one seam between
`accounts` (and the apps beside it) and the desk roster.

CONTRACTS §5: "a desk officer's desk agency is their home agency unless the one-stop roster puts
them on duty elsewhere". The roster lives in `oversight` (to the right of `accounts`), so it fills
this registry from its `ready()` and `accounts` asks without importing it. With nothing registered
(an install without oversight, or a test of accounts alone) the desk agency is the home agency.

The same roster says who is on duty at a counter of a desk (`counter_officer`): the kiosk at that
counter (`surveys`, which may not import `oversight` either) credits its ratings to that officer.
With nothing registered nobody is named and the kiosk falls back to its own sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

# (user id, instant) → (the agency of the desk the user is on duty at then, the fields the duty
# allows — empty: every field), or None (no duty).
Duty = tuple[int, frozenset[int]]
DutySource = Callable[[int, datetime], Duty | None]
# (desk agency id, counter, instant) → the id of the officer the roster puts at that counter then.
CounterSource = Callable[[int, str, datetime], int | None]
_SOURCE: dict[str, tuple[str, DutySource]] = {}
_COUNTER: dict[str, tuple[str, CounterSource]] = {}


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


def desk_counter_register(source: CounterSource, *, owner: str) -> None:
    existing = _COUNTER.get("counter")
    if existing is not None and existing[0] != owner:
        raise ImproperlyConfigured(f"The desk roster's counters are already provided by {existing[0]!r}")
    _COUNTER["counter"] = (owner, source)


def counter_officer(desk_agency_id: int, counter: str, at: datetime) -> int | None:
    """The id of the officer the roster puts at `counter` of the desk of `desk_agency_id` at `at`;
    None when the roster names nobody there, or there is no roster."""
    entry = _COUNTER.get("counter")
    return None if entry is None or not counter else entry[1](desk_agency_id, counter, at)
