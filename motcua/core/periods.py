"""Reporting periods (CONTRACTS §9, DOMAIN §5 and §9): one rule for every app that counts by period.

A period is a pair of local dates, both inclusive. The reporting regime of Decree 09/2019/NĐ-CP
art. 12 (`REPORT_PERIOD=decree09`, the default) cuts months on the 15th: the month "2026-03" runs
15/02 → 14/03, a quarter from the 15th of the month before it to the 14th of its last month, six
months 15/12 → 14/06, nine months 15/12 → 14/09, a year 15/12 → 14/12. `REPORT_PERIOD=calendar`
uses calendar periods. The Decision 766 index always uses calendar periods (`regime="calendar"`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import local_day_start

DECREE09 = "decree09"
CALENDAR = "calendar"
CUTOFF_DAY = 15  # a decree-09 period starts on the 15th and ends on the 14th

KINDS = ("month", "quarter", "half", "nine_months", "year")
# The longest period a report or a public aggregate computes: enough for any report, bounded work.
MAX_REPORT_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput(_("Ngày cuối kỳ phải sau hoặc bằng ngày đầu kỳ."))

    def bounds(self) -> tuple[datetime, datetime]:
        """The instants [start 00:00, the day after end 00:00) in local time."""
        return local_day_start(self.start), local_day_start(self.end + timedelta(days=1))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def check_length(self) -> Period:
        """This period, when it is at most MAX_REPORT_DAYS days long (both ends counted): the one
        bound on the work a report, an export or a public aggregate may ask for. InvalidInput (on the
        field `end`) otherwise."""
        if self.days > MAX_REPORT_DAYS:
            message = _("Kỳ báo cáo dài tối đa 3 năm.")
            raise InvalidInput(message, [FieldError("end", message)])
        return self


def regime() -> str:
    return getattr(settings, "REPORT_PERIOD", DECREE09)


def _month_start(year: int, month: int, rule: str) -> date:
    """The first day of the period that ends in (year, month)."""
    if rule == CALENDAR:
        return date(year, month, 1)
    previous = date(year, month, 1) - timedelta(days=1)
    return previous.replace(day=CUTOFF_DAY)


def _month_end(year: int, month: int, rule: str) -> date:
    if rule == CALENDAR:
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(year, month, CUTOFF_DAY - 1)


def months_period(year: int, last_month: int, months: int, *, rule: str | None = None) -> Period:
    """The period of `months` reporting months ending with (year, last_month)."""
    rule = rule or regime()
    first_year, first_month = divmod((year * 12 + last_month - 1) - (months - 1), 12)
    return Period(_month_start(first_year, first_month + 1, rule), _month_end(year, last_month, rule))


def month(year: int, number: int, *, rule: str | None = None) -> Period:
    """The reporting month that ends in `number` (CONTRACTS §9: `--month 2026-03`)."""
    return months_period(year, number, 1, rule=rule)


def quarter(year: int, number: int, *, rule: str | None = None) -> Period:
    return months_period(year, number * 3, 3, rule=rule)


def half(year: int, *, rule: str | None = None) -> Period:
    return months_period(year, 6, 6, rule=rule)


def nine_months(year: int, *, rule: str | None = None) -> Period:
    return months_period(year, 9, 9, rule=rule)


def year_period(year: int, *, rule: str | None = None) -> Period:
    return months_period(year, 12, 12, rule=rule)


def parse_month(text: str, *, rule: str | None = None) -> Period:
    """`YYYY-MM` → the reporting month ending in it; a Vietnamese error for anything else."""
    try:
        year_text, month_text = text.strip().split("-")
        year, number = int(year_text), int(month_text)
        if not (1 <= number <= 12 and 2000 <= year <= 2100):
            raise ValueError
    except ValueError:
        raise InvalidInput(_("Tháng phải có dạng YYYY-MM, ví dụ 2026-03.")) from None
    return month(year, number, rule=rule)


def month_containing(day: date, *, rule: str | None = None) -> Period:
    """The reporting month a day belongs to (a decree-09 month "2026-04" holds 15/03 → 14/04)."""
    rule = rule or regime()
    if rule == CALENDAR or day.day < CUTOFF_DAY:
        return month(day.year, day.month, rule=rule)
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return month(following.year, following.month, rule=rule)


def months_back(last: Period, count: int, *, rule: str | None = None) -> list[Period]:
    """`count` reporting months ending with `last` (a month), oldest first: a trend's x-axis."""
    months = [last]
    while len(months) < count:
        months.insert(0, month_containing(months[0].start - timedelta(days=1), rule=rule))
    return months
