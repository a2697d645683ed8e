"""The Vietnamese working calendar: exact, explainable, fast legal due times (CONTRACTS §1, §2).

Two layers live here:

* `WorkingCalendar`, a pure value built from calendar rows and the office hours. It does the
  arithmetic and never touches the database, so it can be tested and benchmarked on its own.
  Working days are kept as a sorted list of date ordinals; every question ("the Nth working
  day after d", "office time between a and b", "working days in (a, b]") is a `bisect` on that
  list plus constant work, so a call is O(log n) whatever the limit. The trace is the only part
  whose cost grows with the answer: it lists the days it skipped.
* A small façade (`is_working_day`, `clock_start_at`, `due_at`, `working_time_between`,
  `working_days`, …) that keeps one `WorkingCalendar` per process, reloads it when the
  database's `CalendarVersion` stamp changes, and fills a year with estimated rows the first
  time a computation needs a year that has no rows at all.

Office time is measured in integer microseconds on a "position" axis: the k-th working day of
the loaded range occupies [k·D, (k+1)·D) where D is the length of a working day, and an instant
maps to the office time elapsed before it. Office time between two instants is then a
subtraction, and "N hours after" is an addition followed by the inverse map. Integers keep the
result exact (no float drift over 3,650 days).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import re
import secrets
import threading
import time as monotonic_clock
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.models import CalendarStatus, CalendarVersion, Holiday, MakeUpWorkday

# The years the engine accepts. The lunar dates behind Tết and Giỗ Tổ come from the `holidays`
# package, whose tables stop at 2100; a bound also keeps garbage input ("9999-12-31") away from
# date overflow.
FIRST_YEAR = 2000
LAST_YEAR = 2099

US_PER_MINUTE = 60_000_000
US_PER_HOUR = 60 * US_PER_MINUTE

# A year has at least this many working days (≈ 250 in practice); used to guess how many
# years a long limit needs before it is computed, so most calls load what they need at once.
MIN_WORKING_DAYS_PER_YEAR = 200


class Unit(models.TextChoices):
    """Units of a time limit (CONTRACTS §7)."""

    WORKING_DAYS = "WORKING_DAYS", _("ngày làm việc")
    WORKING_HOURS = "WORKING_HOURS", _("giờ làm việc")
    HALF_DAYS = "HALF_DAYS", _("buổi làm việc")
    CALENDAR_DAYS = "CALENDAR_DAYS", _("ngày")
    MONTHS = "MONTHS", _("tháng")
    SAME_DAY = "SAME_DAY", _("trong ngày")


class TraceKind(models.TextChoices):
    """Why a day appears in the trace of a due time."""

    AFTER_HOURS = "AFTER_HOURS", _("Tiếp nhận ngoài giờ làm việc")
    WEEKEND = "WEEKEND", _("Ngày nghỉ cuối tuần")
    HOLIDAY = "HOLIDAY", _("Ngày lễ, Tết")
    COMPENSATORY = "COMPENSATORY", _("Nghỉ bù")
    BRIDGE = "BRIDGE", _("Nghỉ hoán đổi")
    MAKEUP_WORKDAY = "MAKEUP_WORKDAY", _("Ngày làm bù")
    PAUSE = "PAUSE", _("Tạm dừng tính thời hạn")


_CALENDAR_UNITS = frozenset({Unit.CALENDAR_DAYS, Unit.MONTHS})
_WHOLE_UNITS = frozenset({Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.SAME_DAY})
_UNITS = frozenset(Unit.values)
_NO_TIME = timedelta(0)


class CalendarRangeError(InvalidInput):
    """A date outside the years the engine can compute; shown to users as a 422."""

    def __init__(self, day: date | None = None, *, field_name: str = "start") -> None:
        message = gettext("Thời điểm nằm ngoài phạm vi lịch làm việc (năm %(first)d–%(last)d).") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        super().__init__(message, [FieldError(field_name, message)])
        self.day = day


class YearsNotLoaded(Exception):
    """Raised by a `WorkingCalendar` that needs years outside its range; the façade loads them."""

    def __init__(self, first_year: int, last_year: int) -> None:
        super().__init__(f"calendar years {first_year}–{last_year} are not loaded")
        self.first_year = first_year
        self.last_year = last_year


@dataclass(frozen=True, slots=True)
class DayOff:
    kind: str  # a TraceKind among HOLIDAY, COMPENSATORY, BRIDGE
    name: str


class TraceRow(NamedTuple):
    """One line of "why this date?": a day skipped, a Saturday worked, a pause, a late receipt."""

    date: date
    kind: str
    name: str
    estimated: bool


@dataclass(frozen=True, slots=True)
class Pause:
    """A stretch during which the clock stops; `end=None` means it is still open."""

    start: datetime
    end: datetime | None = None
    name: str = ""


def amount_text(value: int, unit: str) -> str:
    """An amount of time in words with the language's plural forms: "5 ngày làm việc", in English
    "1 working hour" / "16 working hours". `trong ngày` (SAME_DAY) has no amount and reads as its label."""
    n = int(value)
    if unit == Unit.WORKING_DAYS:
        text = ngettext("%(n)d ngày làm việc", "%(n)d ngày làm việc", n)
    elif unit == Unit.WORKING_HOURS:
        text = ngettext("%(n)d giờ làm việc", "%(n)d giờ làm việc", n)
    elif unit == Unit.HALF_DAYS:
        text = ngettext("%(n)d buổi làm việc", "%(n)d buổi làm việc", n)
    elif unit == Unit.CALENDAR_DAYS:
        text = ngettext("%(n)d ngày", "%(n)d ngày", n)
    elif unit == Unit.MONTHS:
        text = ngettext("%(n)d tháng", "%(n)d tháng", n)
    else:
        return str(Unit(unit).label)
    return text % {"n": n}


@dataclass(frozen=True, slots=True)
class Limit:
    """A time limit: `value` in `unit`; `cutoff` (minutes after midnight) only for SAME_DAY."""

    value: int | Decimal | float
    unit: str = Unit.WORKING_DAYS
    cutoff: int | None = None


class Deadline:
    """The answer to "when is it due, and why?".

    The trace is built on first access: most callers (lists, reminders, the benchmark) need only
    the due time, and the trace is the one part whose cost grows with the length of the limit.
    """

    __slots__ = ("_explain", "_trace", "clock_start_at", "due_at", "estimated", "paused", "start")

    def __init__(
        self,
        *,
        start: datetime,
        clock_start_at: datetime,
        due_at: datetime,
        estimated: bool,
        paused: timedelta = timedelta(0),
        trace: Sequence[TraceRow] | None = None,
        explain: Callable[[], list[TraceRow]] | None = None,
    ) -> None:
        self.start = start
        self.clock_start_at = clock_start_at
        self.due_at = due_at
        self.estimated = estimated
        self.paused = paused
        self._trace: tuple[TraceRow, ...] | None = tuple(trace) if trace is not None else None
        self._explain = explain

    @property
    def trace(self) -> tuple[TraceRow, ...]:
        if self._trace is None:
            self._trace = tuple(self._explain()) if self._explain else ()
            self._explain = None
        return self._trace

    def __repr__(self) -> str:
        return f"Deadline(clock_start_at={self.clock_start_at.isoformat()}, due_at={self.due_at.isoformat()}, estimated={self.estimated})"


def _as_pause(item: Pause | tuple[datetime, datetime | None]) -> Pause:
    return item if isinstance(item, Pause) else Pause(item[0], item[1])


def add_months(day: date, months: int) -> date:
    """`day` plus calendar months, clamped to the month's end (31/01 + 1 month = 28 or 29/02)."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last = stdlib_calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last))


def local_tz() -> tzinfo:
    return ZoneInfo(settings.TIME_ZONE)


class WorkingCalendar:
    """Pure working-calendar arithmetic over whole years `first_year`..`last_year`.

    Built once per calendar version and office-hours setting; immutable afterwards, so one
    instance is shared by every thread of a process. Methods raise `YearsNotLoaded` rather than
    guessing when they need a day outside the range.
    """

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        days_off: Mapping[date, DayOff],
        makeup_days: Mapping[date, str],
        confirmed_years: Iterable[int],
        sessions: Sequence[tuple[int, int]],
        tz: tzinfo | None = None,
    ) -> None:
        if not sessions:
            raise ValueError("office hours need at least one session")
        self.first_year = first_year
        self.last_year = last_year
        self.tz = tz or local_tz()
        self.days_off = dict(days_off)
        self.makeup_days = dict(makeup_days)
        self.confirmed_years = frozenset(confirmed_years)
        self.days_off_ordinals = frozenset(day.toordinal() for day in self.days_off)
        self.sessions = tuple((int(s), int(e)) for s, e in sessions)
        self._sessions_us = tuple((s * US_PER_MINUTE, e * US_PER_MINUTE) for s, e in self.sessions)
        self.day_us = sum(e - s for s, e in self._sessions_us)
        self._first_ordinal = date(first_year, 1, 1).toordinal()
        self._last_ordinal = date(last_year, 12, 31).toordinal()
        working: list[int] = []
        off: list[int] = []
        makeup: list[int] = []
        for ordinal in range(self._first_ordinal, self._last_ordinal + 1):
            day = date.fromordinal(ordinal)
            if self._is_working(day):
                working.append(ordinal)
                if day.weekday() >= 5:
                    makeup.append(ordinal)
            else:
                off.append(ordinal)
        self._working = working
        self._off = off
        self._makeup = makeup
        self._closings: dict[int, datetime] = {}
        # What the trace says about each day it may list, prepared once: (date, kind, name, estimated);
        # a weekend's name is None and translated when the trace is built.
        self._rows: dict[int, tuple[date, str, str | None, bool]] = {}
        self._rows_by_language: dict[str | None, dict[int, TraceRow]] = {}
        for ordinal in (*off, *makeup):
            day = date.fromordinal(ordinal)
            estimated = day.year not in self.confirmed_years
            if ordinal in self.days_off_ordinals:
                day_off = self.days_off[day]
                self._rows[ordinal] = (day, day_off.kind, day_off.name, estimated)
            elif day.weekday() >= 5 and self._is_working(day):
                self._rows[ordinal] = (day, TraceKind.MAKEUP_WORKDAY, self.makeup_days[day], estimated)
            else:
                self._rows[ordinal] = (day, TraceKind.WEEKEND, None, estimated)

    # --- days ------------------------------------------------------------------------------
    def _is_working(self, day: date) -> bool:
        return (day.weekday() < 5 or day in self.makeup_days) and day not in self.days_off

    def _check(self, ordinal: int) -> None:
        if ordinal < self._first_ordinal:
            raise YearsNotLoaded(date.fromordinal(ordinal).year, self.first_year - 1)
        if ordinal > self._last_ordinal:
            raise YearsNotLoaded(self.last_year + 1, date.fromordinal(ordinal).year)

    def _working_ordinal(self, index: int) -> int:
        """The ordinal of the index-th working day of the range (loading more years if needed)."""
        if index >= len(self._working):
            shortfall = index - len(self._working)
            raise YearsNotLoaded(
                self.last_year + 1, self.last_year + 1 + shortfall // MIN_WORKING_DAYS_PER_YEAR
            )
        return self._working[index]

    def _index_on_or_after(self, ordinal: int) -> int:
        self._check(ordinal)
        index = bisect_left(self._working, ordinal)
        self._working_ordinal(index)  # raises when the next working day is beyond the range
        return index

    def is_working_day(self, day: date) -> bool:
        self._check(day.toordinal())
        return self._is_working(day)

    def is_estimated_year(self, year: int) -> bool:
        return year not in self.confirmed_years

    def openings(self, day: date) -> tuple[datetime, ...]:
        """The instants a working day's sessions open (07:30 and 13:30 by default)."""
        return tuple(self._at(day, start) for start, _end in self._sessions_us)

    def closing(self, day: date) -> datetime:
        """The instant a working day's last session closes (17:00 by default)."""
        return self._at(day, self._sessions_us[-1][1])

    def _closing_of(self, index: int) -> datetime:
        """The closing of the index-th working day, memoised: due times end there most often."""
        closing = self._closings.get(index)
        if closing is None:
            closing = self._closings[index] = self.closing(date.fromordinal(self._working_ordinal(index)))
        return closing

    def _at(self, day: date, time_of_day_us: int) -> datetime:
        # Wall-clock arithmetic on an aware datetime: correct for any zone without DST gaps
        # inside office hours, which holds for Asia/Ho_Chi_Minh (no DST since 1975).
        return datetime.combine(day, time(0), tzinfo=self.tz) + timedelta(microseconds=time_of_day_us)

    def _local(self, instant: datetime) -> datetime:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("the working calendar takes aware datetimes only")
        return instant.astimezone(self.tz)

    @staticmethod
    def _time_of_day_us(local: datetime) -> int:
        return ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond

    # --- office time -------------------------------------------------------------------------
    def position(self, instant: datetime) -> int:
        """Office time (µs) from the start of the range to `instant`."""
        local = self._local(instant)
        ordinal = local.toordinal()
        index = self._index_on_or_after(ordinal)
        if self._working[index] != ordinal:
            return index * self.day_us  # a day off: nothing elapses until the next working day
        tod = self._time_of_day_us(local)
        elapsed = 0
        for start, end in self._sessions_us:
            if tod <= start:
                break
            elapsed += min(tod, end) - start
        return index * self.day_us + elapsed

    def instant_at(self, position: int) -> datetime:
        """The earliest instant at which `position` of office time has elapsed.

        Exactly at a session's end the answer is that end (11:30, 17:00), not the next opening:
        "N hours after" is due the moment the Nth hour is complete.
        """
        index, rest = divmod(position, self.day_us)
        if rest == 0 and index > 0:
            index, rest = index - 1, self.day_us
        ordinal = self._working_ordinal(index)
        done = 0
        for start, end in self._sessions_us:
            if rest <= done + (end - start):
                return self._at(date.fromordinal(ordinal), start + rest - done)
            done += end - start
        raise AssertionError("unreachable: rest is at most a day")  # pragma: no cover

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time elapsed in [start, end); zero when end is not after start."""
        if end <= start:
            return timedelta(0)
        return timedelta(microseconds=self.position(end) - self.position(start))

    def working_days(self, start: date, end: date) -> int:
        """The number of working days d with start < d ≤ end (negative when end < start)."""
        self._check(start.toordinal())
        self._check(end.toordinal())
        return bisect_right(self._working, end.toordinal()) - bisect_right(self._working, start.toordinal())

    def clock_start_at(self, received_at: datetime) -> datetime:
        """The legal start: within a session → itself; before a session of a working day → that
        session's opening (13:30 after the lunch break); otherwise the first opening of the next
        working day. Sessions are half-open, so 17:00:00 is outside."""
        return self._clock_start(self._local(received_at))[0]

    def _clock_start(self, local: datetime) -> tuple[datetime, int, int]:
        """The clock start of a local instant, its working-day index and its time of day (µs)."""
        ordinal = local.toordinal()
        index = self._index_on_or_after(ordinal)
        if self._working[index] == ordinal:
            tod = self._time_of_day_us(local)
            for start, end in self._sessions_us:
                if tod < start:
                    return self._at(local.date(), start), index, start
                if tod < end:
                    return local, index, tod
            index += 1
        opening = self._sessions_us[0][0]
        return self._at(date.fromordinal(self._working_ordinal(index)), opening), index, opening

    # --- due times ------------------------------------------------------------------------------
    def amount_us(self, limit: Limit) -> int:
        """Office time of a WORKING_HOURS or HALF_DAYS limit (a half day is half a working day)."""
        value = Decimal(str(limit.value))
        per_unit = Decimal(self.day_us) / 2 if limit.unit == Unit.HALF_DAYS else Decimal(US_PER_HOUR)
        return int((value * per_unit).to_integral_value())

    def due_at(
        self,
        start: datetime,
        limit: Limit,
        pauses: Iterable[Pause | tuple[datetime, datetime | None]] = (),
        *,
        now: datetime | None = None,
        cutoff: int | None = None,
    ) -> Deadline:
        """The due time of `limit` for a dossier (or step) received at `start`, with its trace.

        `cutoff` (minutes after midnight) applies to SAME_DAY limits without their own; `now`
        closes open pauses (the façade passes the current time).
        """
        unit = limit.unit
        if unit not in _UNITS:
            raise ValueError(f"unknown time unit {unit!r}")
        value = limit.value
        if value < 0:
            raise ValueError("a time limit cannot be negative")
        if unit in _WHOLE_UNITS and int(value) != value:
            raise ValueError(f"{unit} limits are whole numbers")
        received = self._local(start)
        clock_start, start_index, tod = self._clock_start(received)
        nominal_last: date | None = None
        if unit == Unit.WORKING_DAYS:
            base = self._closing_of(start_index + int(value))
        elif unit == Unit.SAME_DAY:
            minutes = limit.cutoff if limit.cutoff is not None else cutoff
            if minutes is None:
                minutes = settings.SAME_DAY_CUTOFF
            index = start_index if tod < minutes * US_PER_MINUTE else start_index + 1
            base = self._closing_of(index)
        elif unit in _CALENDAR_UNITS:
            first = clock_start.date()
            nominal_last = (
                first + timedelta(days=int(value))
                if unit == Unit.CALENDAR_DAYS
                else add_months(first, int(value))
            )
            base = self._closing_of(self._index_on_or_after(nominal_last.toordinal()))
        else:
            amount = self.amount_us(limit)
            base = self.instant_at(self.position(clock_start) + amount) if amount else clock_start

        pause_rows: list[TraceRow] = []
        paused_us = 0
        for pause_start, pause_end, name in self._merged_pauses(pauses, now) if pauses else ():
            elapsed = self.position(pause_end) - self.position(pause_start) if pause_end > pause_start else 0
            paused_us += elapsed
            pause_rows.append(self._pause_row(pause_start, pause_end, name, elapsed))
        due = self.instant_at(self.position(base) + paused_us) if paused_us else base

        estimated = False
        for year in range(clock_start.year, due.year + 1):
            if year not in self.confirmed_years:
                estimated = True
                break

        def explain() -> list[TraceRow]:
            rows = self._trace(received, clock_start, due, nominal_last)
            if pause_rows:
                rows = sorted(
                    [*rows, *pause_rows], key=lambda row: (row.date, row.kind != TraceKind.AFTER_HOURS)
                )
            return rows

        return Deadline(
            start=received,
            clock_start_at=clock_start,
            due_at=due,
            estimated=estimated,
            paused=timedelta(microseconds=paused_us) if paused_us else _NO_TIME,
            explain=explain,
        )

    def _merged_pauses(
        self, pauses: Iterable[Pause | tuple[datetime, datetime | None]], now: datetime | None
    ) -> list[tuple[datetime, datetime, str]]:
        """Pauses as closed local intervals, overlapping ones merged so no minute counts twice."""
        closed: list[tuple[datetime, datetime, str]] = []
        for item in pauses:
            pause = _as_pause(item)
            end = pause.end
            if end is None:
                if now is None:
                    raise ValueError("an open pause needs `now`")
                end = now
            begin, finish = self._local(pause.start), self._local(end)
            closed.append((begin, max(begin, finish), pause.name))
        closed.sort(key=lambda interval: interval[0])
        merged: list[tuple[datetime, datetime, str]] = []
        for begin, finish, name in closed:
            if merged and begin <= merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], finish), last[2] or name)
            else:
                merged.append((begin, finish, name))
        return merged

    def _pause_row(self, begin: datetime, end: datetime, name: str, elapsed_us: int) -> TraceRow:
        hours = Decimal(elapsed_us) / US_PER_HOUR
        text = gettext("Tạm dừng từ %(begin)s đến %(end)s: %(hours)s giờ làm việc") % {
            "begin": f"{begin:%H:%M %d/%m/%Y}",
            "end": f"{end:%H:%M %d/%m/%Y}",
            "hours": f"{hours.normalize():f}".replace(".", ","),
        }
        if name:
            text = f"{name} — {text}"
        return TraceRow(begin.date(), TraceKind.PAUSE, text, self.is_estimated_year(begin.year))

    def _trace(
        self, received: datetime, clock_start: datetime, due: datetime, nominal_last: date | None
    ) -> list[TraceRow]:
        rows: list[TraceRow] = []
        received_day, start_day, due_day = received.date(), clock_start.date(), due.date()
        if start_day > received_day:
            rows.append(
                TraceRow(
                    received_day,
                    TraceKind.AFTER_HOURS,
                    _after_hours_text()
                    % {
                        "time": f"{clock_start.hour:02d}:{clock_start.minute:02d}",
                        "date": f"{start_day.day:02d}/{start_day.month:02d}/{start_day.year}",
                    },
                    self.is_estimated_year(received_day.year),
                )
            )
        # Calendar-day limits count every day; only the days off at the end that pushed the due
        # date to the next working day were "not counted".
        first_skipped = nominal_last.toordinal() if nominal_last else start_day.toordinal() + 1
        low = bisect_left(self._off, first_skipped)
        high = bisect_left(self._off, due_day.toordinal())
        makeup_low = bisect_left(
            self._makeup, nominal_last.toordinal() if nominal_last else start_day.toordinal()
        )
        makeup_high = bisect_right(self._makeup, due_day.toordinal())
        ordinals = self._off[low:high]
        if makeup_high > makeup_low:
            ordinals = sorted([*ordinals, *self._makeup[makeup_low:makeup_high]])
        rows.extend(map(self._prepared_rows().__getitem__, ordinals))
        return rows

    def _prepared_rows(self) -> dict[int, TraceRow]:
        """The trace row of every day a trace may list, built once per language."""
        language = get_language()
        rows = self._rows_by_language.get(language)
        if rows is None:
            saturday, sunday = gettext("Thứ Bảy"), gettext("Chủ nhật")
            rows = self._rows_by_language[language] = {
                ordinal: TraceRow(day, kind, name or (saturday if day.weekday() == 5 else sunday), estimated)
                for ordinal, (day, kind, name, estimated) in self._rows.items()
            }
        return rows


_AFTER_HOURS_TEXT: dict[str | None, str] = {}


def _after_hours_text() -> str:
    """The AFTER_HOURS row's text in the active language, translated once per language."""
    language = get_language()
    text = _AFTER_HOURS_TEXT.get(language)
    if text is None:
        text = _AFTER_HOURS_TEXT[language] = gettext(
            "Tiếp nhận ngoài giờ làm việc, thời hạn tính từ %(time)s ngày %(date)s"
        )
    return text


# --- estimated years from the law -----------------------------------------------------------------
@dataclass(frozen=True)
class EstimatedYear:
    """A year's days off and make-up days computed from the `holidays` package and the law."""

    year: int
    days_off: list[tuple[date, str, str]] = field(default_factory=list)  # (date, kind, name)
    makeup_days: list[tuple[date, str]] = field(default_factory=list)  # (date, name)


_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
# English names used by holidays 0.108 (asked for with language="en_US", so the mapping does not
# depend on the package's default language) → the names used in official notices.
_NAMES = (
    ("Lunar New Year", "Tết Nguyên đán"),
    ("New Year's Day", "Tết Dương lịch"),
    ("Hung Kings", "Giỗ Tổ Hùng Vương"),
    ("Liberation Day", "Ngày Chiến thắng"),
    ("Labor Day", "Ngày Quốc tế Lao động"),
    ("National Day", "Quốc khánh"),
    ("Cultural Day", "Ngày Văn hóa Việt Nam"),
)
_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")
_OBSERVED = " (observed)"


def lunar_year_name(year: int) -> str:
    """The sexagenary name of the lunar year starting in `year` (2026 → "Bính Ngọ")."""
    return f"{_STEMS[(year - 4) % 10]} {_BRANCHES[(year - 4) % 12]}"


def _short_name(english: str) -> str:
    for key, vietnamese in _NAMES:
        if key in english:
            return vietnamese
    return english


def _holiday_name(english: str, day: date) -> str:
    short = _short_name(english)
    if short == "Tết Nguyên đán":
        return f"{short} {lunar_year_name(day.year)}"
    if short == "Quốc khánh" and (day.month, day.day) != (9, 2):
        return "Quốc khánh (ngày liền kề)"
    return short


def estimate_year(year: int) -> EstimatedYear:
    """The days off of `year` as the law would give them, for a year without an official notice.

    The `holidays` package knows the fixed and lunar holidays and already adds some "observed"
    days; Labour Code art. 111(3) is then applied once: each holiday on a Saturday or Sunday for
    which the package added no observed day gives the next working day off.
    """
    import holidays  # a heavy import, only needed when a year is filled

    package = holidays.country_holidays("VN", years=year, language="en_US")
    entries = sorted((day, str(name).split("; ")[0]) for day, name in package.items() if day.year == year)
    result = EstimatedYear(year=year)
    off: dict[date, tuple[str, str]] = {}
    observed: Counter[str] = Counter()
    for day, english in entries:
        if match := _SUBSTITUTED.search(english):
            month, dom, worked_year = (int(part) for part in match.groups())
            worked = date(worked_year, month, dom)
            off[day] = (TraceKind.BRIDGE, f"Nghỉ hoán đổi (làm bù thứ Bảy {worked:%d/%m/%Y})")
            if worked.year == year:
                result.makeup_days.append((worked, f"Làm bù cho ngày {day:%d/%m/%Y}"))
        elif english.endswith(_OBSERVED):
            base = english.removesuffix(_OBSERVED)
            observed[base] += 1
            off[day] = (TraceKind.COMPENSATORY, f"Nghỉ bù {_short_name(base)}")
        else:
            off[day] = (TraceKind.HOLIDAY, _holiday_name(english, day))
    for day, english in entries:
        if day.weekday() < 5 or english.endswith(_OBSERVED) or _SUBSTITUTED.search(english):
            continue
        if observed[english]:
            observed[english] -= 1  # the package already gave this one its day
            continue
        compensatory = day + timedelta(days=1)
        while compensatory.weekday() >= 5 or compensatory in off:
            compensatory += timedelta(days=1)
        if compensatory.year == year:
            off[compensatory] = (TraceKind.COMPENSATORY, f"Nghỉ bù {_short_name(english)}")
    result.days_off.extend((day, kind, name) for day, (kind, name) in sorted(off.items()))
    return result


# --- the per-process calendar ------------------------------------------------------------------------
STAMP_CHECK_INTERVAL_S = 1.0
"""How often a process asks the database whether the calendar changed.

Checking on every call would cost a query per due time (the benchmark runs 100,000 of them);
checking at most once a second costs nothing measurable and bounds how stale another process
can be. Changes made through the services (admin, `calendar_seed`, on-demand fills) also drop
this process's copy at once, so the process that made a change never sees the old calendar.
Due times are frozen once computed (CONTRACTS §2), so a second's delay elsewhere is harmless.
"""


@dataclass
class _Cache:
    calendar: WorkingCalendar | None = None
    stamp: str | None = None
    sessions: tuple[tuple[int, int], ...] = ()
    office_hours: object = None
    checked_at: float = float("-inf")


_cache = _Cache()
T = TypeVar("T")
_lock = threading.RLock()


def invalidate() -> None:
    """Forget this process's calendar; the next computation reloads it from the database."""
    with _lock:
        _cache.calendar = None
        _cache.stamp = None
        _cache.checked_at = float("-inf")


def new_stamp() -> str:
    return secrets.token_hex(16)


def _read_stamp() -> str:
    stamp = (
        CalendarVersion.objects.filter(id=CalendarVersion.SINGLETON_ID)
        .values_list("stamp", flat=True)
        .first()
    )
    return stamp or ""


def _load(
    first_year: int | None, last_year: int | None, sessions: tuple[tuple[int, int], ...]
) -> WorkingCalendar:
    """Build the calendar from the database, covering the loaded years plus [first_year, last_year].

    Years in that span without any row are first filled with estimated rows (a service), so the
    index is always contiguous.
    """
    for _attempt in range(2):
        stamp = _read_stamp()
        holidays = list(Holiday.objects.values_list("date", "kind", "name", "status"))
        makeups = list(MakeUpWorkday.objects.values_list("date", "name", "status"))
        present = {row[0].year for row in holidays} | {row[0].year for row in makeups}
        present = {year for year in present if FIRST_YEAR <= year <= LAST_YEAR}
        wanted = set(present)
        wanted.update(year for year in (first_year, last_year) if year is not None)
        if not wanted:
            wanted = {timezone.localdate().year}
        low, high = min(wanted), max(wanted)
        missing = [year for year in range(low, high + 1) if year not in present]
        if missing:
            calendar_fill_years(years=missing)
            continue
        confirmed = {row[0].year for row in holidays if row[3] == CalendarStatus.CONFIRMED}
        confirmed |= {row[0].year for row in makeups if row[2] == CalendarStatus.CONFIRMED}
        calendar = WorkingCalendar(
            first_year=low,
            last_year=high,
            days_off={row[0]: DayOff(row[1], row[2]) for row in holidays if low <= row[0].year <= high},
            makeup_days={row[0]: row[1] for row in makeups if low <= row[0].year <= high},
            confirmed_years=confirmed,
            sessions=sessions,
        )
        _cache.calendar, _cache.stamp, _cache.sessions = calendar, stamp, sessions
        _cache.checked_at = monotonic_clock.monotonic()
        return calendar
    raise RuntimeError("calendar years could not be filled")  # pragma: no cover


def current_calendar(first_year: int | None = None, last_year: int | None = None) -> WorkingCalendar:
    """This process's calendar, reloaded if the database stamp or the office hours changed,
    and extended to cover [first_year, last_year] when given."""
    office_hours = settings.OFFICE_HOURS
    calendar = _cache.calendar
    if (
        calendar is not None
        and office_hours is _cache.office_hours
        and monotonic_clock.monotonic() - _cache.checked_at < STAMP_CHECK_INTERVAL_S
        and (first_year is None or calendar.first_year <= first_year)
        and (last_year is None or last_year <= calendar.last_year)
    ):
        return calendar  # the common case, without the lock
    for year in (first_year, last_year):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise CalendarRangeError()
    with _lock:
        calendar = _cache.calendar
        now = monotonic_clock.monotonic()
        if calendar is not None and now - _cache.checked_at >= STAMP_CHECK_INTERVAL_S:
            _cache.checked_at = now
            if _read_stamp() != _cache.stamp:
                calendar = None
        sessions = _cache.sessions
        if office_hours is not _cache.office_hours:  # override_settings, or the first call
            sessions = tuple((int(start), int(end)) for start, end in office_hours)
            _cache.office_hours = office_hours
        if calendar is not None and calendar.sessions != sessions:
            calendar = None
        if calendar is not None:
            low = first_year if first_year is not None else calendar.first_year
            high = last_year if last_year is not None else calendar.last_year
            if calendar.first_year <= low and high <= calendar.last_year:
                return calendar
            first_year = min(low, calendar.first_year)
            last_year = max(high, calendar.last_year)
        return _load(first_year, last_year, sessions)


def _run(compute: Callable[[WorkingCalendar], T], *years: int) -> T:
    """Run `compute`, loading (and filling) more years whenever it reaches past the range."""
    first = min(years) if years else None
    last = max(years) if years else None
    for _attempt in range(LAST_YEAR - FIRST_YEAR + 2):
        calendar = current_calendar(first, last)
        try:
            return compute(calendar)
        except YearsNotLoaded as exc:
            first = min(exc.first_year, calendar.first_year)
            last = max(exc.last_year, calendar.last_year)
    raise CalendarRangeError()  # pragma: no cover


def _year(value: date | datetime) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("the working calendar takes aware datetimes only")
        # Checked before converting so that garbage years never overflow astimezone().
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise CalendarRangeError(value.date())
        if (value.month, value.day) in ((1, 1), (12, 31)):  # only there can the local year differ
            return value.astimezone(local_tz()).year
        return value.year
    return value.year


def is_working_day(day: date) -> bool:
    """Monday–Friday, minus days off, plus make-up days (CONTRACTS §1)."""
    return _run(lambda cal: cal.is_working_day(day), day.year)


def openings(day: date) -> tuple[datetime, ...]:
    return current_calendar().openings(day)


def closing(day: date) -> datetime:
    return current_calendar().closing(day)


def clock_start_at(received_at: datetime) -> datetime:
    """The legal start of the clock for a dossier received at `received_at` (CONTRACTS §2)."""
    return _run(lambda cal: cal.clock_start_at(received_at), _year(received_at))


def due_at(
    start: datetime,
    limit: Limit,
    pauses: Iterable[Pause | tuple[datetime, datetime | None]] = (),
    *,
    now: datetime | None = None,
    cutoff: int | None = None,
) -> Deadline:
    """The legal due time of `limit` counted from `start` (the receipt), with the trace.

    Pauses move the due time later by exactly the office time they contain; an open pause counts
    until `now` (default: the current time), so a paused dossier is never overdue.
    """
    pause_list = [_as_pause(item) for item in pauses]
    if now is None and any(pause.end is None for pause in pause_list):
        now = timezone.now()
    years = [_year(start)]
    for pause in pause_list:
        years.append(_year(pause.start))
        if pause.end is not None:
            years.append(_year(pause.end))
    if now is not None and pause_list:
        years.append(_year(now))
    return _run(lambda cal: cal.due_at(start, limit, pause_list, now=now, cutoff=cutoff), *years)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """Office time in [start, end)."""
    return _run(lambda cal: cal.working_time_between(start, end), _year(start), _year(end))


def working_days(start: date, end: date) -> int:
    """Working days d with start < d ≤ end, so that working_days(date(clock_start), date(due)) == N."""
    if not (FIRST_YEAR <= start.year <= LAST_YEAR and FIRST_YEAR <= end.year <= LAST_YEAR):
        raise CalendarRangeError()
    return _run(lambda cal: cal.working_days(start, end), start.year, end.year)


# --- the administrator's notice --------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarNotice:
    missing_year: int | None
    needs_review: list[tuple[date, str]]


def calendar_notice(*, today: date) -> CalendarNotice:
    """What the admin index warns about: from 1 October, next year without confirmed rows; and
    rows an administrator must check against the official notice."""
    missing_year = None
    if today.month >= 10:
        year = today.year + 1
        if not (
            Holiday.objects.in_year(year).confirmed().exists()
            or MakeUpWorkday.objects.in_year(year).confirmed().exists()
        ):
            missing_year = year
    review = list(Holiday.objects.filter(needs_review=True).order_by("date").values_list("date", "name"))
    return CalendarNotice(missing_year=missing_year, needs_review=review)


# --- the stored years: rows the engine reads, filled on demand -----------------------------------
def calendar_record_change() -> CalendarVersion:
    """Give the calendar a new version stamp so every process reloads it (CONTRACTS §1).

    Called by every use case that writes calendar rows, never from signals or save(): this
    process forgets its copy at once (and again on commit), other processes within a second.
    """
    version, _created = CalendarVersion.objects.update_or_create(
        id=CalendarVersion.SINGLETON_ID,
        defaults={"stamp": new_stamp(), "changed_at": timezone.now()},
    )
    invalidate()
    transaction.on_commit(invalidate)
    return version


def year_has_rows(year: int) -> bool:
    return Holiday.objects.in_year(year).exists() or MakeUpWorkday.objects.in_year(year).exists()


def estimated_rows_create(year: int) -> int:
    estimate = estimate_year(year)
    holidays = [
        Holiday(date=day, kind=kind, name=name, status=CalendarStatus.ESTIMATED)
        for day, kind, name in estimate.days_off
    ]
    makeups = [
        MakeUpWorkday(date=day, name=name, status=CalendarStatus.ESTIMATED)
        for day, name in estimate.makeup_days
    ]
    # ignore_conflicts: another process may be filling the same year at the same moment.
    Holiday.objects.bulk_create(holidays, ignore_conflicts=True)
    MakeUpWorkday.objects.bulk_create(makeups, ignore_conflicts=True)
    return len(holidays) + len(makeups)


@transaction.atomic
def calendar_fill_years(*, years: Iterable[int]) -> dict[int, int]:
    """Fill each year that has no calendar rows at all with estimated rows; returns rows per year.

    The engine calls this on demand; years that already have rows (estimated or confirmed) are
    left alone.
    """
    created = {year: estimated_rows_create(year) for year in sorted(set(years)) if not year_has_rows(year)}
    if created:
        calendar_record_change()
    return created
