"""Public working-calendar endpoints (CONTRACTS §7): due times with their trace, working days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pydantic
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as NinjaValidationError

from motcua.api.schemas import NO_NUL, YEAR_PATTERN, Day, ErrorOut, inline_schema
from motcua.core import calendar, instants
from motcua.core.exceptions import FieldError, InvalidInput

router = Router(tags=["Lịch làm việc"], auth=None)

MAX_DAYS = 3650
MAX_HOURS = 27_375


class DeadlineIn(Schema):
    start: str = Field(
        ..., max_length=40, pattern=NO_NUL,
        description="Thời điểm tiếp nhận, ISO 8601; không có múi giờ là giờ Việt Nam.",
    )  # fmt: skip
    days: int | None = Field(None, ge=0, le=MAX_DAYS, description="Số ngày làm việc (0–3650).")
    hours: int | None = Field(None, ge=0, le=MAX_HOURS, description="Số giờ làm việc (0–27375).")


class TraceRowOut(Schema):
    date: date
    kind: str
    name: str
    estimated: bool


class DeadlineOut(Schema):
    start: datetime
    clock_start_at: datetime
    due_at: datetime
    estimated: bool
    trace: list[TraceRowOut]


class WorkingDaysIn(Schema):
    start: Day
    end: Day = Field(..., description="Không sớm hơn start (nếu sớm hơn: 422).")


class WorkingDaysOut(Schema):
    working_days: int


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(_("Dữ liệu gửi lên không hợp lệ."), [FieldError(field, message)])


def parse_instant(value: str, *, field: str = "start") -> datetime:
    """An aware instant from ISO 8601: no offset means Vietnam time, a bare date means 00:00."""
    try:
        return instants.parse_instant(value).astimezone(calendar.local_tz())
    except instants.InstantOutOfRange as error:
        raise calendar.CalendarRangeError(error.instant.date(), field_name=field) from None
    except ValueError:
        raise _invalid(
            field, _("Thời điểm không hợp lệ (định dạng ISO 8601, ví dụ 2026-01-09T10:00).")
        ) from None


def _deadline_parameter() -> dict[str, Any]:
    """`start` with exactly one of `days` and `hours`, stated as one form-exploded object (OpenAPI
    can state "one of two" only inside a schema, not across separate query parameters)."""
    schema = inline_schema(DeadlineIn)
    for name in ("days", "hours"):
        schema["properties"][name] = {
            "type": "integer",
            **{k: v for k, v in schema["properties"][name]["anyOf"][0].items() if k != "type"},
            "description": schema["properties"][name].get("description", ""),
        }
    schema["properties"]["start"] = {
        **schema["properties"]["start"],
        "anyOf": [{"format": "date"}, {"format": "date-time"}],
        "pattern": YEAR_PATTERN,
    }
    schema["oneOf"] = [
        {"required": ["days"], "not": {"required": ["hours"]}},
        {"required": ["hours"], "not": {"required": ["days"]}},
    ]
    return {
        "name": "params",
        "in": "query",
        "required": True,
        "style": "form",
        "explode": True,
        "schema": schema,
    }


@router.get(
    "/deadline",
    response={200: DeadlineOut, 422: ErrorOut},
    summary="Hạn giải quyết và diễn giải",
    openapi_extra={"parameters": [_deadline_parameter()]},
)
def deadline(request: HttpRequest) -> calendar.Deadline:
    """The legal due time of N working days (`days`) or N working hours (`hours`) from `start`:
    exactly one of the two (neither or both → 422)."""
    try:
        params = DeadlineIn.model_validate(request.GET.dict())
    except pydantic.ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None
    if (params.days is None) == (params.hours is None):
        message = _("Cần đúng một trong hai tham số days hoặc hours.")
        raise InvalidInput(message, [FieldError("days", message), FieldError("hours", message)])
    start = parse_instant(params.start)
    if params.days is not None:
        limit = calendar.Limit(params.days, calendar.Unit.WORKING_DAYS)
    else:
        limit = calendar.Limit(params.hours or 0, calendar.Unit.WORKING_HOURS)
    return calendar.due_at(start, limit)


@router.get(
    "/working-days", response={200: WorkingDaysOut, 422: ErrorOut}, summary="Số ngày làm việc trong khoảng"
)
def working_days(request: HttpRequest, params: Query[WorkingDaysIn]) -> dict[str, int]:
    """Working days d with start < d ≤ end."""
    if params.end < params.start:
        raise _invalid("end", _("Ngày kết thúc phải không sớm hơn ngày bắt đầu."))
    for name, day in (("start", params.start), ("end", params.end)):
        if not calendar.FIRST_YEAR <= day.year <= calendar.LAST_YEAR:
            raise calendar.CalendarRangeError(day, field_name=name)
    return {"working_days": calendar.working_days(params.start, params.end)}
