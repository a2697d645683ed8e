"""The query of the public aggregates (CONTRACTS §7: `reports/summary`, `indices/766`,
`surveys/index`): a period of dates, both inclusive, and an agency code that includes its
sub-agencies. One reading for the three, with the same refusals (422) and the same bound on the
work an anonymous caller may ask for."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Field, Schema

from motcua.accounts.models import Agency, agency_by_code
from motcua.api.schemas import NO_NUL, Day
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.periods import Period


class PeriodIn(Schema):
    start: Day
    end: Day = Field(..., description="Ngày cuối kỳ (bao gồm), không sớm hơn start (nếu sớm hơn: 422).")
    agency: str | None = Field(
        None, max_length=40, pattern=NO_NUL, description="Mã cơ quan tiếp nhận (gồm đơn vị trực thuộc)."
    )


def period_and_agency(params: PeriodIn) -> tuple[Period, Agency | None]:
    if params.end < params.start:
        message = _("Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ.")
        raise InvalidInput(message, [FieldError("end", message)])
    period = Period(params.start, params.end).check_length()
    agency = None
    if params.agency:
        agency = agency_by_code(params.agency)
        if agency is None:
            message = _("Không có cơ quan mã “%(code)s”.") % {"code": params.agency}
            raise InvalidInput(message, [FieldError("agency", message)])
    return period, agency
