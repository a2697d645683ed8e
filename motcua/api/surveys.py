"""`GET /api/v1/surveys/index` (CONTRACTS §7): public aggregates of the satisfaction survey."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from motcua.api.aggregates import PeriodIn, period_and_agency
from motcua.api.schemas import ErrorOut
from motcua.surveys.index import Scope, index_answer, survey_figures

router = Router(tags=["Khảo sát sự hài lòng"], auth=None)


class CriterionOut(Schema):
    code: str
    name: str
    index: float | None
    responses: int


class QuickOut(Schema):
    not_satisfied: int
    satisfied: int
    very_satisfied: int


class IndexOut(Schema):
    responses: int
    invited: int
    response_rate: float | None
    index: float | None = Field(
        ..., description="Tỷ lệ câu trả lời hài lòng (mức 4, 5), %; null khi chưa đủ số phiếu."
    )
    ci_low: float | None
    ci_high: float | None
    enough: bool
    criteria: list[CriterionOut]
    quick: QuickOut


@router.get("/index", response={200: IndexOut, 422: ErrorOut}, summary="Chỉ số hài lòng")
def survey_index(request: HttpRequest, params: Query[PeriodIn]) -> dict[str, Any]:
    """The pooled share of satisfied answers with its 95 % Wilson interval (n = responses), withheld
    below `SURVEY_MIN_RESPONSES` responses; quick ratings counted beside it."""
    period, agency = period_and_agency(params)
    return index_answer(survey_figures(period, Scope(agency=agency)))
