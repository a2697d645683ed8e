"""Use cases of the core app."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from motcua.core import calendar
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.models import CalendarStatus, CalendarVersion, Heartbeat, Holiday, MakeUpWorkday

WORKER_HEARTBEAT = "worker"


def heartbeat_beat(*, name: str = WORKER_HEARTBEAT) -> Heartbeat:
    """Record that a process is alive; the q2 schedule calls this every minute from the worker."""
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
    return beat


# --- the working calendar ----------------------------------------------------------------------
def calendar_record_change() -> CalendarVersion:
    """Give the calendar a new version stamp so every process reloads it (CONTRACTS §1).

    Called by every use case that writes calendar rows, never from signals or save(): this
    process forgets its copy at once (and again on commit), other processes within a second.
    """
    version, _created = CalendarVersion.objects.update_or_create(
        id=CalendarVersion.SINGLETON_ID,
        defaults={"stamp": calendar.new_stamp(), "changed_at": timezone.now()},
    )
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate)
    return version


def _year_has_rows(year: int) -> bool:
    return Holiday.objects.in_year(year).exists() or MakeUpWorkday.objects.in_year(year).exists()


def _year_is_confirmed(year: int) -> bool:
    return (
        Holiday.objects.in_year(year).confirmed().exists()
        or MakeUpWorkday.objects.in_year(year).confirmed().exists()
    )


def _create_estimated_rows(year: int) -> int:
    estimate = calendar.estimate_year(year)
    holidays = [
        Holiday(date=day, kind=kind, name=name, status=CalendarStatus.ESTIMATED)
        for day, kind, name in estimate.days_off
    ]
    makeups = [
        MakeUpWorkday(date=day, name=name, status=CalendarStatus.ESTIMATED)
        for day, name in estimate.makeup_days
    ]
    # ignore_conflicts: another process may be filling the same year at the same moment.
    Holiday.objects.bulk_create(holidays, ignore_conflicts=True)
    MakeUpWorkday.objects.bulk_create(makeups, ignore_conflicts=True)
    return len(holidays) + len(makeups)


@transaction.atomic
def calendar_fill_years(*, years: Iterable[int]) -> dict[int, int]:
    """Fill each year that has no calendar rows at all with estimated rows; returns rows per year.

    The engine calls this on demand; years that already have rows (estimated or confirmed) are
    left alone.
    """
    created = {year: _create_estimated_rows(year) for year in sorted(set(years)) if not _year_has_rows(year)}
    if created:
        calendar_record_change()
    return created


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
    count = _create_estimated_rows(year)
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
