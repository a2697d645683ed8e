"""Public aggregates (CONTRACTS §7, §8): the report figures and the Decision 766 index for a period
and an agency's subtree. No personal data, no dossier codes: counts only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from motcua.api.aggregates import PeriodIn, period_and_agency
from motcua.api.schemas import ErrorOut
from motcua.core.periods import Period
from motcua.reports.figures import Scope, figures
from motcua.reports.index766 import index_766

router = Router(tags=["Báo cáo, chỉ số"], auth=None)


class SummaryOut(Schema):
    start: date
    end: date
    agency: str | None
    carried_over: int
    received: int
    received_desk: int
    received_post: int
    received_online: int
    finished_early: int
    finished_on_time: int
    finished_late: int
    in_progress: int
    overdue: int
    stopped: int
    withdrawn: int
    refused: int
    guided: int
    apologies: int
    returned: int
    on_time_rate: float | None


class IndicatorOut(Schema):
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    value: float | None
    points: float | None
    max_points: float


class GroupOut(Schema):
    code: str
    name: str
    max_points: float
    points: float | None
    indicators: list[IndicatorOut]


class IndexOut(Schema):
    total_points: float
    applicable_max_points: float
    groups: list[GroupOut]


def _scope(params: PeriodIn) -> tuple[Period, Scope]:
    period, agency = period_and_agency(params)
    return period, Scope(agency=agency)


@router.get("/reports/summary", response={200: SummaryOut, 422: ErrorOut}, summary="Số liệu báo cáo trong kỳ")
def summary(request: HttpRequest, params: Query[PeriodIn]) -> dict[str, Any]:
    """The monthly report's figures (CONTRACTS §8) for the period and agency (by receiving agency)."""
    period, scope = _scope(params)
    return {"start": period.start, "end": period.end, "agency": params.agency, **figures(period, scope)}


@router.get(
    "/indices/766", response={200: IndexOut, 422: ErrorOut}, summary="Chỉ số phục vụ (Quyết định 766)"
)
def index(request: HttpRequest, params: Query[PeriodIn]) -> dict[str, Any]:
    """The Decision 766 index: dossiers selected by receipt date in [start, end]."""
    period, scope = _scope(params)
    return index_766(period, scope).as_dict()
