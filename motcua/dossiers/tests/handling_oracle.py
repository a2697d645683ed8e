"""The handling time of a dossier (DOMAIN §5, 2.2; ADR 0028) found by its definition, for the tests.

This oracle never touches the office-time axis: it asks the deadline engine's public façade
(`calendar.due_at`, with the dossier's pause intervals) for the due time of 0, 1, 2, … units until
one is not before the result — the shortest limit in the procedure's unit the dossier would have met."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.core import calendar
from motcua.core.calendar import Limit, Pause, Unit, add_months
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.processing import procedure_limit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def hours_per_day() -> Decimal:
    return Decimal(sum(end - start for start, end in settings.OFFICE_HOURS)) / 60  # 7.5 by default


def expected_used(
    received: datetime, limit: Limit, pauses: list[Pause], finished: datetime
) -> tuple[Fraction, Fraction]:
    """(units used, units allowed), by searching the smallest limit the dossier would have met."""

    def due(value: int, unit: str) -> datetime:
        return calendar.due_at(received, Limit(value, unit, limit.cutoff), pauses).due_at

    if limit.unit == Unit.SAME_DAY or int(limit.value) == 0:
        own = due(int(limit.value), limit.unit)
        if finished <= own:
            return Fraction(1), Fraction(1)
        k = 1  # k more working days after the due time: k whole days of office time from it
        while calendar.due_at(own, Limit(k * hours_per_day(), Unit.WORKING_HOURS)).due_at < finished:
            k += 1
        return Fraction(1 + k), Fraction(1)
    unit = Unit.CALENDAR_DAYS if limit.unit == Unit.MONTHS else limit.unit
    n = 0
    while due(n, unit) < finished:
        n += 1
    if limit.unit == Unit.MONTHS:
        first = calendar.clock_start_at(received).astimezone(VN).date()
        return Fraction(n), Fraction((add_months(first, int(limit.value)) - first).days)
    return Fraction(n), Fraction(int(limit.value))


def expected_of(dossiers: list[Dossier]) -> dict[int, tuple[Fraction, Fraction]]:
    """`expected_used` of each dossier with a result, from its pause rows (not its `due_at`)."""
    pauses: dict[int, list[Pause]] = {}
    for p in DossierPause.objects.filter(dossier__in=dossiers).order_by("started_at", "pk"):
        pauses.setdefault(p.dossier_id, []).append(Pause(p.started_at, p.ended_at))
    out = {}
    for d in dossiers:
        assert d.received_at is not None and d.finished_at is not None
        limit = procedure_limit(d.procedure_version)
        out[d.pk] = expected_used(d.received_at, limit, pauses.get(d.pk, []), d.finished_at)
    return out
