"""Instants at the edge (CONTRACTS §1): shown as ISO 8601 in Vietnam time, read as Vietnam time.

Stored instants are UTC; every answer and event payload shows them with `+07:00` (`iso`), forms and
messages write them `HH:MM dd/mm/yyyy` (`local_text`; `in_vietnam` for the local date or year). Input
without an offset means Vietnam time and a date alone means 00:00 that day (`parse_instant`, used by
the API, the back office and the actions' parsers; `vietnam_time` for values a schema already parsed),
held to the years the working calendar computes (core/bounds.py).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import overload

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from motcua.core.bounds import year_in_range
from motcua.core.calendar import local_tz

# Besides ISO 8601, the two ways people write an instant on a Vietnamese form.
_LOCAL_FORMATS = ("%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y")


class InstantOutOfRange(ValueError):
    """An instant outside the years the working calendar computes (core/bounds.py)."""

    def __init__(self, instant: datetime) -> None:
        super().__init__(f"year {instant.year} out of range")
        self.instant = instant


def iso(instant: datetime | None, *, timespec: str = "auto") -> str | None:
    """`instant` as ISO 8601 in Vietnam time (`+07:00`), None for None."""
    return timezone.localtime(instant, local_tz()).isoformat(timespec=timespec) if instant else None


@overload
def in_vietnam(instant: datetime) -> datetime: ...
@overload
def in_vietnam(instant: None) -> None: ...
@overload
def in_vietnam(instant: datetime | None) -> datetime | None: ...
def in_vietnam(instant: datetime | None) -> datetime | None:
    """`instant` on Vietnam's clock (the local date, hour and year a form or a message writes)."""
    return timezone.localtime(instant, local_tz()) if instant else None


def local_text(instant: datetime) -> str:
    """`instant` as people read it on a form or in a message: `HH:MM dd/mm/yyyy`, Vietnam time."""
    return in_vietnam(instant).strftime("%H:%M %d/%m/%Y")


def vietnam_time(instant: datetime) -> datetime:
    """`instant` made aware: without an offset it means Vietnam time; an aware one is kept as it is."""
    return timezone.make_aware(instant, local_tz()) if timezone.is_naive(instant) else instant


def parse_instant(text: str) -> datetime:
    """An aware instant from ISO 8601, `dd/mm/yyyy hh:mm` or `hh:mm dd/mm/yyyy`.

    Without an offset it is Vietnam time; a date alone means 00:00 that day. Raises ValueError when
    `text` is no instant, and InstantOutOfRange (a ValueError) when its year is outside the calendar's.
    """
    raw = text.strip()
    value: datetime | None = None
    try:
        value = parse_datetime(raw)
        if value is None:
            day: date | None = parse_date(raw)
            if day is not None:
                value = datetime.combine(day, time.min)
    except ValueError:
        value = None
    for fmt in _LOCAL_FORMATS if value is None else ():
        try:
            value = datetime.strptime(raw, fmt)  # noqa: DTZ007 - made aware below
            break
        except ValueError:
            continue
    if value is None:
        raise ValueError(f"not an instant: {raw!r}")
    if not year_in_range(value):
        raise InstantOutOfRange(value)
    return vietnam_time(value)


def local_day_start(day: date) -> datetime:
    """00:00 of `day` in Vietnam time: where a period of local dates begins."""
    return datetime.combine(day, time.min, tzinfo=local_tz())
