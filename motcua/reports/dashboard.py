"""The leaders' dashboard (DOMAIN §9, ARCHITECTURE §6 "warn before the breach"): today's intake,
open dossiers due soon and overdue by the agency holding their current step, and the on-time and
satisfaction trends of the last reporting months against the target `SATISFACTION_TARGET`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.core import calendar, periods
from motcua.core.indicators import UnknownIndicator, indicator_value
from motcua.core.periods import Period
from motcua.dossiers.models import OPEN, Channel, Dossier, DossierStep
from motcua.dossiers.worklists import due_soon_limit
from motcua.reports.db import without_jit
from motcua.reports.figures import Scope, dossiers_in, figures, paused_at

TREND_MONTHS = 6


@dataclass
class TrendPoint:
    period: Period
    on_time_rate: Decimal | None
    satisfaction: Decimal | None


@dataclass
class Board:
    now: datetime
    intake: dict[str, int]
    by_agency: list[dict[str, Any]]
    trend: list[TrendPoint]
    target: int


def recent_months(now: datetime, count: int = TREND_MONTHS) -> list[Period]:
    """The last `count` reporting months up to the one containing today, oldest first."""
    return periods.months_back(periods.month_containing(timezone.localdate(now)), count)


def _satisfaction(period: Period, agency: Agency | None) -> Decimal | None:
    try:
        value = indicator_value("satisfaction_index", period, agency).value
    except UnknownIndicator:
        return None  # the surveys app has not registered it (yet)
    return None if value is None else Decimal(value)


@without_jit
def dashboard(scope: Scope, *, now: datetime | None = None) -> Board:
    now = now or timezone.now()
    today_start = datetime.combine(timezone.localdate(now), time(0), tzinfo=calendar.local_tz())
    mine = Dossier.objects.filter(dossiers_in(scope))
    intake = mine.filter(received_at__gte=today_start, received_at__lt=now).aggregate(
        total=Count("pk"),
        desk=Count("pk", filter=Q(channel=Channel.DESK)),
        post=Count("pk", filter=Q(channel=Channel.POST)),
        online=Count("pk", filter=Q(channel=Channel.ONLINE)),
    )
    soon = due_soon_limit(now)
    steps = (
        DossierStep.objects.open()
        .filter(dossier__in=mine.filter(state__in=OPEN))
        .annotate(paused_now=paused_at(now, "dossier_id"))
        .values("agency_id", "agency__name")
        .order_by("agency__name")
        .annotate(
            open=Count("pk"),
            due_soon=Count(
                "pk", filter=Q(paused_now=False, dossier__due_at__gte=now, dossier__due_at__lt=soon)
            ),
            overdue=Count("pk", filter=Q(paused_now=False, dossier__due_at__lt=now)),
        )
    )
    by_agency = [
        {"agency": r["agency__name"], "open": r["open"], "due_soon": r["due_soon"], "overdue": r["overdue"]}
        for r in steps
    ]
    trend = [
        TrendPoint(p, figures(p, scope)["on_time_rate"], _satisfaction(p, scope.agency))
        for p in recent_months(now)
    ]
    return Board(now, intake, by_agency, trend, settings.SATISFACTION_TARGET)


def trend_chart(board: Board) -> dict[str, Any]:
    """The trend as the chart script reads it (the table beside it shows the same numbers)."""
    return {
        "type": "line",
        "max": 100,
        "labels": [f"{p.period.end:%m/%Y}" for p in board.trend],
        "series": [
            {"label": "Tỷ lệ đúng hạn (%)", "values": [_number(p.on_time_rate) for p in board.trend]},
            {"label": "Chỉ số hài lòng (%)", "values": [_number(p.satisfaction) for p in board.trend]},
            {"label": "Mục tiêu hài lòng (%)", "values": [board.target] * len(board.trend), "dashed": True},
        ],
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
