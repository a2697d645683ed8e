"""Use cases of the core app.

The calendar rows' change stamp and the filling of missing years live beside the engine that needs
them (`core.calendar`) and are re-exported here with the other calendar use cases."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from motcua.core import calendar
from motcua.core.calendar import (  # re-exported: the use cases of the calendar rows are named here
    calendar_fill_years,  # noqa: F401
    calendar_record_change,
    estimated_rows_create,
)
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.models import CalendarStatus, Heartbeat, Holiday, MakeUpWorkday

WORKER_HEARTBEAT = "worker"


def heartbeat_beat(*, name: str = WORKER_HEARTBEAT) -> Heartbeat:
    """Record that a process is alive; the q2 schedule calls this every minute from the worker."""
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
    return beat


# --- the working calendar ----------------------------------------------------------------------
def _year_is_confirmed(year: int) -> bool:
    return (
        Holiday.objects.in_year(year).confirmed().exists()
        or MakeUpWorkday.objects.in_year(year).confirmed().exists()
    )


@transaction.atomic
def calendar_seed_year(*, year: int) -> int:
    """Compute `year`'s estimated days off ahead of time (`calendar_seed --year Y`).

    Refuses a year that has confirmed rows: those come from an official notice and only an
    administrator changes them. Estimated rows already there are recomputed.
    """
    if not calendar.FIRST_YEAR <= year <= calendar.LAST_YEAR:
        raise InvalidInput(
            gettext("Năm phải trong khoảng %(first)d–%(last)d.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR}
        )
    if _year_is_confirmed(year):
        raise Conflict(
            gettext("Năm %(year)d đã có lịch nghỉ chính thức; không ghi đè. Hãy sửa trong trang quản trị.")
            % {"year": year}
        )
    Holiday.objects.in_year(year).delete()
    MakeUpWorkday.objects.in_year(year).delete()
    count = estimated_rows_create(year)
    calendar_record_change()
    return count


@transaction.atomic
def calendar_row_save(*, row: Holiday | MakeUpWorkday) -> Holiday | MakeUpWorkday:
    """Save a day off or make-up day entered by an administrator and publish the change."""
    row.full_clean()
    row.save()
    calendar_record_change()
    return row


@transaction.atomic
def calendar_rows_delete(*, rows: Iterable[Holiday | MakeUpWorkday]) -> int:
    """Delete calendar rows (admin) and publish the change."""
    count = 0
    for row in rows:
        row.delete()
        count += 1
    calendar_record_change()
    return count


@transaction.atomic
def calendar_rows_confirm(*, rows: Iterable[Holiday | MakeUpWorkday]) -> int:
    """Mark rows as checked against the official notice: CONFIRMED, no longer needing review."""
    count = 0
    for row in rows:
        row.status = CalendarStatus.CONFIRMED
        if isinstance(row, Holiday):
            row.needs_review = False
        row.save()
        count += 1
    calendar_record_change()
    return count
