"""The engine against a deliberately simple reference: day by day, minute by minute.

The reference reads the same calendar rows from the database and walks the clock one minute at
a time; it is slow and obviously right. Hypothesis draws receipts in 2022–2030, limits of every
unit, several office-hour settings and pauses, and the two must agree to the minute.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from motcua.core import calendar
from motcua.core.calendar import Limit, Pause, Unit
from motcua.core.models import Holiday, MakeUpWorkday

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MINUTE = timedelta(minutes=1)
OFFICE_HOURS = [
    ((450, 690), (810, 1020)),  # the default, 07:30–11:30 and 13:30–17:00
    ((480, 720), (780, 1020)),  # 08:00–12:00 and 13:00–17:00
    ((420, 1020),),  # one long session
    ((420, 600), (660, 720), (840, 1080)),  # three sessions
]
LIMITS = {
    Unit.WORKING_DAYS: 60,
    Unit.WORKING_HOURS: 120,
    Unit.HALF_DAYS: 40,
    Unit.CALENDAR_DAYS: 90,
    Unit.MONTHS: 6,
    Unit.SAME_DAY: 0,
}
SETTINGS = hypothesis_settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _fresh_calendar() -> None:
    calendar.invalidate()


class Reference:
    """The rules of CONTRACTS §1–2 written as plainly as possible."""

    def __init__(self, sessions: tuple[tuple[int, int], ...]) -> None:
        self.sessions = sessions
        self.days_off = set(Holiday.objects.values_list("date", flat=True))
        self.makeup = set(MakeUpWorkday.objects.values_list("date", flat=True))

    def is_working(self, day: date) -> bool:
        if day in self.days_off:
            return False
        return day.weekday() < 5 or day in self.makeup

    def in_office(self, instant: datetime) -> bool:
        minute = instant.hour * 60 + instant.minute
        return self.is_working(instant.date()) and any(start <= minute < end for start, end in self.sessions)

    def closing(self, day: date) -> datetime:
        end = self.sessions[-1][1]
        return datetime(day.year, day.month, day.day, end // 60, end % 60, tzinfo=VN)

    def clock_start(self, received: datetime) -> datetime:
        instant = received
        while not self.in_office(instant):
            instant += MINUTE
        return instant

    def after_office_minutes(self, start: datetime, minutes: int) -> datetime:
        """The end of the `minutes`-th office minute from `start`."""
        instant, counted = start, 0
        if minutes == 0:
            return start
        while True:
            if self.in_office(instant):
                counted += 1
                if counted == minutes:
                    return instant + MINUTE
            instant += MINUTE

    def office_minutes(self, start: datetime, end: datetime) -> int:
        instant, counted = start, 0
        while instant < end:
            counted += self.in_office(instant)
            instant += MINUTE
        return counted

    def next_working_on_or_after(self, day: date) -> date:
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def working_days(self, start: date, end: date) -> int:
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working(day)
        return count

    def due(self, received: datetime, unit: str, value: int, cutoff: int, pauses: list[Pause]) -> datetime:
        start = self.clock_start(received)
        day_minutes = sum(end - begin for begin, end in self.sessions)
        if unit == Unit.WORKING_DAYS:
            day, counted = start.date(), 0
            while counted < value:
                day += timedelta(days=1)
                counted += self.is_working(day)
            base = self.closing(day)
        elif unit == Unit.SAME_DAY:
            day = start.date()
            if start.hour * 60 + start.minute >= cutoff:
                day = self.next_working_on_or_after(day + timedelta(days=1))
            base = self.closing(day)
        elif unit == Unit.CALENDAR_DAYS:
            base = self.closing(self.next_working_on_or_after(start.date() + timedelta(days=value)))
        elif unit == Unit.MONTHS:
            year, month = start.year, start.month
            for _ in range(value):
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            day_of_month = start.day
            while True:
                try:
                    last = date(year, month, day_of_month)
                    break
                except ValueError:
                    day_of_month -= 1
            base = self.closing(self.next_working_on_or_after(last))
        else:
            minutes = value * 60 if unit == Unit.WORKING_HOURS else value * day_minutes // 2
            base = self.after_office_minutes(start, minutes)
        paused = sum(self.office_minutes(p.start, p.end) for p in pauses if p.end is not None)
        return self.after_office_minutes(base, paused) if paused else base


def _instant(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN)


days_2022_2030 = st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31))
minutes_of_day = st.integers(min_value=0, max_value=1439)


@st.composite
def limits(draw: st.DrawFn) -> tuple[str, int]:
    unit = draw(st.sampled_from(list(LIMITS)))
    return unit, draw(st.integers(min_value=0, max_value=LIMITS[unit]))


@st.composite
def pauses(draw: st.DrawFn, received: datetime) -> list[Pause]:
    """Up to two disjoint closed pauses after the receipt."""
    result: list[Pause] = []
    cursor = received
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        begin = cursor + timedelta(minutes=draw(st.integers(min_value=0, max_value=8 * 1440)))
        end = begin + timedelta(minutes=draw(st.integers(min_value=0, max_value=6 * 1440)))
        result.append(Pause(begin, end))
        cursor = end + MINUTE
    return result


@SETTINGS
@given(
    day=days_2022_2030,
    minute=minutes_of_day,
    limit=limits(),
    sessions=st.sampled_from(OFFICE_HOURS),
    cutoff=st.sampled_from([600, 900, 1000]),
    data=st.data(),
)
def test_due_times_agree_with_the_minute_by_minute_reference(
    day: date,
    minute: int,
    limit: tuple[str, int],
    sessions: tuple[tuple[int, int], ...],
    cutoff: int,
    data: st.DataObject,
) -> None:
    unit, value = limit
    received = _instant(day, minute)
    drawn_pauses = data.draw(pauses(received))
    with override_settings(OFFICE_HOURS=sessions):
        result = calendar.due_at(received, Limit(value, unit, cutoff=cutoff), drawn_pauses)
        reference = Reference(sessions)  # after the engine, which may have filled estimated years
        assert result.clock_start_at == reference.clock_start(received)
        assert result.due_at == reference.due(received, unit, value, cutoff, drawn_pauses)
        if unit == Unit.WORKING_DAYS and not drawn_pauses:
            assert calendar.working_days(result.clock_start_at.date(), result.due_at.date()) == value


@SETTINGS
@given(
    day=days_2022_2030,
    minute=minutes_of_day,
    length=st.integers(min_value=0, max_value=10 * 1440),
    sessions=st.sampled_from(OFFICE_HOURS),
)
def test_working_time_between_agrees_with_counting_office_minutes(
    day: date, minute: int, length: int, sessions: tuple[tuple[int, int], ...]
) -> None:
    start = _instant(day, minute)
    end = start + timedelta(minutes=length)
    with override_settings(OFFICE_HOURS=sessions):
        elapsed = calendar.working_time_between(start, end)
        assert elapsed == timedelta(minutes=Reference(sessions).office_minutes(start, end))


@SETTINGS
@given(start=days_2022_2030, length=st.integers(min_value=0, max_value=400))
def test_working_days_agrees_with_counting_day_by_day(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    count = calendar.working_days(start, end)
    assert count == Reference(OFFICE_HOURS[0]).working_days(start, end)


@SETTINGS
@given(day=days_2022_2030, minute=minutes_of_day, value=st.integers(min_value=0, max_value=40))
def test_an_open_pause_holds_the_due_time_at_the_pre_pause_value_plus_elapsed_office_time(
    day: date, minute: int, value: int
) -> None:
    received = _instant(day, minute)
    begin = received + timedelta(days=1)
    now = begin + timedelta(hours=30)
    open_result = calendar.due_at(received, Limit(value), [Pause(begin)], now=now)
    closed_result = calendar.due_at(received, Limit(value), [Pause(begin, now)])
    assert open_result.due_at == closed_result.due_at
    unpaused = calendar.due_at(received, Limit(value))
    assert unpaused.due_at <= open_result.due_at
    assert open_result.paused == calendar.working_time_between(begin, now)
