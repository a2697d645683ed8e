"""The working calendar's due times: the golden table of CONTRACTS §1–2 and its edge cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from motcua.core import calendar
from motcua.core.calendar import Limit, Pause, TraceKind, Unit
from motcua.core.models import CalendarStatus, Holiday
from motcua.core.services import calendar_record_change
from motcua.core.tests.factories import HolidayFactory, MakeUpWorkdayFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    """ "dd/mm/yyyy HH:MM" in Vietnam time."""
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN)


@pytest.fixture(autouse=True)
def _fresh_calendar() -> None:
    # Each test runs in a rolled-back transaction: forget rows cached by the previous one.
    calendar.invalidate()


GOLDEN = [
    # (received, limit, expected clock start, expected due)
    pytest.param(
        "07/02/2024 09:00", Limit(5), "07/02/2024 09:00", "21/02/2024 17:00", id="five-days-over-tet-2024"
    ),
    pytest.param(
        "07/02/2024 09:00", Limit(0), "07/02/2024 09:00", "07/02/2024 17:00", id="zero-days-same-day"
    ),
    pytest.param("09/01/2026 10:00", Limit(1), "09/01/2026 10:00", "10/01/2026 17:00", id="make-up-saturday"),
    pytest.param(
        "26/04/2024 17:30", Limit(1), "02/05/2024 07:30", "03/05/2024 17:00", id="after-hours-before-30-4"
    ),
    pytest.param(
        "27/04/2026 09:00", Limit(5), "28/04/2026 07:30", "07/05/2026 17:00", id="received-on-compensatory"
    ),
    pytest.param("10/03/2026 12:00", Limit(1), "10/03/2026 13:30", "11/03/2026 17:00", id="lunch-break"),
    pytest.param(
        "25/04/2024 10:00",
        Limit(16, Unit.WORKING_HOURS),
        "25/04/2024 10:00",
        "02/05/2024 11:00",
        id="16-hours",
    ),
    pytest.param(
        "09/01/2026 14:59",
        Limit(0, Unit.SAME_DAY, cutoff=15 * 60),
        "09/01/2026 14:59",
        "09/01/2026 17:00",
        id="same-day-before-cutoff",
    ),
    pytest.param(
        "09/01/2026 15:01",
        Limit(0, Unit.SAME_DAY, cutoff=15 * 60),
        "09/01/2026 15:01",
        "10/01/2026 17:00",
        id="same-day-after-cutoff",
    ),
    pytest.param(
        "09/02/2026 08:00", Limit(5), "09/02/2026 08:00", "23/02/2026 17:00", id="five-days-over-tet-2026"
    ),
    pytest.param(
        "10/03/2026 10:00",
        Limit(2, Unit.HALF_DAYS),
        "10/03/2026 10:00",
        "11/03/2026 10:00",
        id="two-half-days",
    ),
    pytest.param(
        "31/01/2024 09:00",
        Limit(1, Unit.MONTHS),
        "31/01/2024 09:00",
        "29/02/2024 17:00",
        id="month-clamped-leap",
    ),
    pytest.param(
        "31/03/2025 09:00",
        Limit(1, Unit.MONTHS),
        "31/03/2025 09:00",
        "05/05/2025 17:00",
        id="month-clamped-then-past-30-4",
    ),
    pytest.param(
        "23/04/2026 09:00",
        Limit(3, Unit.CALENDAR_DAYS),
        "23/04/2026 09:00",
        "28/04/2026 17:00",
        id="calendar-days-ending-on-a-day-off",
    ),
    pytest.param("09/01/2026 17:00", Limit(0), "10/01/2026 07:30", "10/01/2026 17:00", id="17-00-is-outside"),
    pytest.param("09/01/2026 07:00", Limit(0), "09/01/2026 07:30", "09/01/2026 17:00", id="before-opening"),
]


@pytest.mark.parametrize(("received", "limit", "clock_start", "due"), GOLDEN)
def test_golden_due_times_match_the_contract(received: str, limit: Limit, clock_start: str, due: str) -> None:
    result = calendar.due_at(at(received), limit)
    assert result.clock_start_at == at(clock_start)
    assert result.due_at == at(due)
    assert result.estimated is False


def test_the_contract_pause_example_moves_the_due_time_by_18_working_hours() -> None:
    pause = (at("12/02/2026 10:00"), at("23/02/2026 15:00"))
    assert calendar.working_time_between(*pause) == timedelta(hours=18)
    result = calendar.due_at(at("09/02/2026 08:00"), Limit(5), [pause])
    assert result.due_at == at("26/02/2026 10:30")
    assert result.paused == timedelta(hours=18)
    assert next(row for row in result.trace if row.kind == TraceKind.PAUSE).date == date(2026, 2, 12)


def test_an_open_pause_counts_office_time_until_now_so_the_dossier_is_never_overdue() -> None:
    received = at("09/02/2026 08:00")
    pause = Pause(at("12/02/2026 10:00"))
    for now_text, expected in [
        ("12/02/2026 10:00", "23/02/2026 17:00"),
        ("12/02/2026 11:00", "24/02/2026 08:30"),
        ("13/02/2026 17:00", "25/02/2026 14:30"),
        ("18/02/2026 11:00", "25/02/2026 14:30"),  # Tết: no office time elapses
    ]:
        assert calendar.due_at(received, Limit(5), [pause], now=at(now_text)).due_at == at(expected)


def test_the_tet_trace_lists_each_skipped_day_with_its_kind() -> None:
    result = calendar.due_at(at("07/02/2024 09:00"), Limit(5))
    rows = [(row.date, row.kind) for row in result.trace]
    assert rows == [
        (date(2024, 2, 8), TraceKind.HOLIDAY),
        (date(2024, 2, 9), TraceKind.HOLIDAY),
        (date(2024, 2, 10), TraceKind.HOLIDAY),  # a Saturday, but a holiday
        (date(2024, 2, 11), TraceKind.HOLIDAY),
        (date(2024, 2, 12), TraceKind.HOLIDAY),
        (date(2024, 2, 13), TraceKind.COMPENSATORY),
        (date(2024, 2, 14), TraceKind.COMPENSATORY),
        (date(2024, 2, 17), TraceKind.WEEKEND),
        (date(2024, 2, 18), TraceKind.WEEKEND),
    ]
    assert all(not row.estimated for row in result.trace)


def test_a_receipt_after_hours_adds_an_after_hours_row_and_the_bridge_day() -> None:
    result = calendar.due_at(at("26/04/2024 17:30"), Limit(3))
    assert result.trace[0].kind == TraceKind.AFTER_HOURS
    assert result.trace[0].date == date(2024, 4, 26)
    assert "02/05/2024" in result.trace[0].name
    kinds = {row.date: row.kind for row in result.trace[1:]}
    # Counted: Fri 03/05, Sat 04/05 (make-up), Mon 06/05; Sunday 05/05 skipped.
    assert kinds == {date(2024, 5, 4): TraceKind.MAKEUP_WORKDAY, date(2024, 5, 5): TraceKind.WEEKEND}
    assert result.due_at == at("06/05/2024 17:00")


def test_a_counted_make_up_saturday_is_in_the_trace() -> None:
    result = calendar.due_at(at("09/01/2026 10:00"), Limit(1))
    assert [(row.date, row.kind) for row in result.trace] == [(date(2026, 1, 10), TraceKind.MAKEUP_WORKDAY)]


def test_a_year_without_confirmed_rows_gives_an_estimated_due_time() -> None:
    result = calendar.due_at(at("06/03/2028 09:00"), Limit(5))
    assert result.estimated is True
    assert Holiday.objects.filter(date__year=2028, status=CalendarStatus.ESTIMATED).exists()


def test_a_due_time_reaching_into_an_estimated_year_is_estimated() -> None:
    assert calendar.due_at(at("28/12/2026 09:00"), Limit(10)).estimated is True
    assert calendar.due_at(at("01/12/2026 09:00"), Limit(10)).estimated is False


def test_the_reported_culture_day_is_a_day_off_but_not_estimated() -> None:
    assert not calendar.is_working_day(date(2026, 11, 24))
    result = calendar.due_at(at("23/11/2026 09:00"), Limit(1))
    assert result.due_at == at("25/11/2026 17:00")
    assert result.estimated is False


def test_missing_years_are_filled_on_demand_with_the_compensatory_rule() -> None:
    assert not Holiday.objects.filter(date__year=2027).exists()
    assert not calendar.is_working_day(date(2027, 2, 11))  # Tết on Sat 6 and Sun 7 → two days off after
    assert not calendar.is_working_day(date(2027, 2, 12))
    assert calendar.is_working_day(date(2027, 2, 15))
    assert Holiday.objects.get(date=date(2027, 2, 11)).kind == Holiday.Kind.COMPENSATORY


def test_working_days_counts_days_after_start_up_to_and_including_end() -> None:
    assert calendar.working_days(date(2024, 2, 7), date(2024, 2, 21)) == 5
    assert calendar.working_days(date(2026, 1, 9), date(2026, 1, 10)) == 1
    assert calendar.working_days(date(2026, 1, 9), date(2026, 1, 9)) == 0


def test_working_time_between_counts_half_open_office_sessions() -> None:
    assert calendar.working_time_between(at("10/03/2026 11:00"), at("10/03/2026 14:00")) == timedelta(hours=1)
    assert calendar.working_time_between(at("10/03/2026 17:00"), at("11/03/2026 07:30")) == timedelta(0)
    assert calendar.working_time_between(at("11/03/2026 07:30"), at("10/03/2026 07:30")) == timedelta(0)


def test_openings_and_closing_follow_the_office_hours_setting() -> None:
    day = date(2026, 3, 10)
    assert calendar.openings(day) == (at("10/03/2026 07:30"), at("10/03/2026 13:30"))
    assert calendar.closing(day) == at("10/03/2026 17:00")
    with override_settings(OFFICE_HOURS=((480, 720), (780, 1020))):
        assert calendar.openings(day) == (at("10/03/2026 08:00"), at("10/03/2026 13:00"))
        assert calendar.due_at(at("10/03/2026 12:30"), Limit(1)).clock_start_at == at("10/03/2026 13:00")


def test_instants_in_other_zones_are_converted_to_vietnam_time() -> None:
    received = datetime(2024, 2, 7, 2, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in Hà Nội
    result = calendar.due_at(received, Limit(5))
    assert result.due_at == at("21/02/2024 17:00")
    assert result.due_at.utcoffset() == timedelta(hours=7)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        calendar.due_at(datetime(2024, 2, 7, 9, 0), Limit(5))


def test_dates_beyond_the_supported_years_are_invalid_input() -> None:
    with pytest.raises(calendar.CalendarRangeError):
        calendar.due_at(datetime(9999, 12, 31, 9, 0, tzinfo=VN), Limit(5))
    with pytest.raises(calendar.CalendarRangeError):
        calendar.due_at(at("01/12/2099 09:00"), Limit(3650))


def test_a_day_off_entered_by_an_administrator_applies_after_the_version_changes() -> None:
    assert calendar.due_at(at("10/03/2026 09:00"), Limit(1)).due_at == at("11/03/2026 17:00")
    HolidayFactory(date=date(2026, 3, 11), name="Ngày nghỉ đột xuất")
    calendar_record_change()
    result = calendar.due_at(at("10/03/2026 09:00"), Limit(1))
    assert result.due_at == at("12/03/2026 17:00")
    assert [(row.kind, row.name) for row in result.trace] == [(TraceKind.HOLIDAY, "Ngày nghỉ đột xuất")]


def test_another_process_sees_a_change_through_the_database_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    calendar.due_at(at("10/03/2026 09:00"), Limit(1))
    MakeUpWorkdayFactory(date=date(2026, 3, 14))
    calendar_record_change()
    # Simulate a process that did not make the change: restore its old copy, stale stamp included.
    stale = calendar._cache.calendar
    calendar.due_at(at("10/03/2026 09:00"), Limit(1))
    calendar._cache.calendar, calendar._cache.stamp = stale, "stale"
    monkeypatch.setattr(calendar, "STAMP_CHECK_INTERVAL_S", 0.0)
    assert calendar.due_at(at("13/03/2026 09:00"), Limit(1)).due_at == at("14/03/2026 17:00")


def test_an_estimated_row_makes_its_year_estimated_only_without_confirmed_rows() -> None:
    HolidayFactory(date=date(2031, 1, 1), estimated=True, name="Tết Dương lịch")
    calendar_record_change()
    assert calendar.due_at(at("06/01/2031 09:00"), Limit(1)).estimated is True
    MakeUpWorkdayFactory(date=date(2031, 1, 4))
    calendar_record_change()
    assert calendar.due_at(at("06/01/2031 09:00"), Limit(1)).estimated is False


def test_limits_of_whole_units_must_be_whole_numbers() -> None:
    with pytest.raises(ValueError, match="whole"):
        calendar.due_at(at("10/03/2026 09:00"), Limit(1.5))
    assert calendar.due_at(at("10/03/2026 09:00"), Limit(1.5, Unit.WORKING_HOURS)).due_at == at(
        "10/03/2026 10:30"
    )
