"""Public working-calendar endpoints (CONTRACTS §7): due times with their trace, working days."""

from __future__ import annotations

from datetime import date, datetime, time

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.api.schemas import NO_NUL, Day, ErrorOut
from motcua.core import calendar
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
    text = value.strip()
    try:
        parsed = (
            datetime.combine(date.fromisoformat(text), time(0))
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError:
        raise _invalid(
            field, _("Thời điểm không hợp lệ (định dạng ISO 8601, ví dụ 2026-01-09T10:00).")
        ) from None
    if not calendar.FIRST_YEAR <= parsed.year <= calendar.LAST_YEAR:
        raise calendar.CalendarRangeError(parsed.date(), field_name=field)
    tz = calendar.local_tz()
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)


@router.get("/deadline", response={200: DeadlineOut, 422: ErrorOut}, summary="Hạn giải quyết và diễn giải")
def deadline(request: HttpRequest, params: Query[DeadlineIn]) -> calendar.Deadline:
    """The legal due time of N working days (`days`) or N working hours (`hours`) from `start`."""
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
