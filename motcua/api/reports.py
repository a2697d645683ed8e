"""Public aggregates (CONTRACTS §7, §8): the report figures and the Decision 766 index for a period
and an agency's subtree. No personal data, no dossier codes: counts only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.api.schemas import Day, ErrorOut
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.periods import Period
from motcua.reports.figures import Scope, figures
from motcua.reports.index766 import index_766
from motcua.reports.selectors import agency_by_code

router = Router(tags=["Báo cáo, chỉ số"], auth=None)

MAX_DAYS = 3 * 366  # a period of at most three years: enough for any report, bounded work


class PeriodIn(Schema):
    start: Day
    end: Day = Field(..., description="Ngày cuối kỳ (bao gồm), không sớm hơn start.")
    agency: str | None = Field(
        None, max_length=40, description="Mã cơ quan tiếp nhận (gồm đơn vị trực thuộc)."
    )


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
    on_time_rate: Decimal | None


class IndicatorOut(Schema):
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    value: Decimal | None
    points: Decimal | None
    max_points: Decimal


class GroupOut(Schema):
    code: str
    name: str
    max_points: Decimal
    points: Decimal | None
    indicators: list[IndicatorOut]


class IndexOut(Schema):
    total_points: Decimal
    applicable_max_points: Decimal
    groups: list[GroupOut]


def _scope(params: PeriodIn) -> tuple[Period, Scope]:
    if params.end < params.start:
        message = _("Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ.")
        raise InvalidInput(message, [FieldError("end", message)])
    if (params.end - params.start).days > MAX_DAYS:
        message = _("Kỳ báo cáo dài tối đa 3 năm.")
        raise InvalidInput(message, [FieldError("end", message)])
    agency = None
    if params.agency:
        agency = agency_by_code(params.agency)
        if agency is None:
            message = _("Không có cơ quan mã “%(code)s”.") % {"code": params.agency}
            raise InvalidInput(message, [FieldError("agency", message)])
    return Period(params.start, params.end), Scope(agency=agency)


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
