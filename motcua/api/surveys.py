"""`GET /api/v1/surveys/index` (CONTRACTS §7): public aggregates of the satisfaction survey."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.accounts.models import Agency
from motcua.api.schemas import NO_NUL, Day, ErrorOut
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.periods import Period
from motcua.surveys.index import Scope, index_answer, survey_figures

router = Router(tags=["Khảo sát sự hài lòng"], auth=None)


class IndexIn(Schema):
    start: Day
    end: Day = Field(..., description="Cả hai ngày đều tính; không sớm hơn start (nếu sớm hơn: 422).")
    agency: str | None = Field(
        None, max_length=40, pattern=NO_NUL, description="Mã cơ quan tiếp nhận, gồm cả các đơn vị trực thuộc."
    )


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
def survey_index(request: HttpRequest, params: Query[IndexIn]) -> dict[str, Any]:
    """The pooled share of satisfied answers with its 95 % Wilson interval (n = responses), withheld
    below `SURVEY_MIN_RESPONSES` responses; quick ratings counted beside it."""
    if params.end < params.start:
        message = _("Ngày kết thúc phải không sớm hơn ngày bắt đầu.")
        raise InvalidInput(message, [FieldError("end", message)])
    agency = None
    if params.agency:
        agency = Agency.objects.filter(code=params.agency.strip().upper()).first()
        if agency is None:
            message = _("Không có cơ quan có mã này.")
            raise InvalidInput(message, [FieldError("agency", message)])
    return index_answer(survey_figures(Period(params.start, params.end), Scope(agency=agency)))
