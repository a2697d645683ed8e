"""A dossier's handling time in its procedure's own unit (DOMAIN §5, Decision 766 indicator 2.2;
ADR 0028): measured once, when the result is marked ready, and kept on the dossier
(`handling_used`, `handling_allowed`), so the reports only add up two columns.

A dossier's handling time is measured **in its procedure's unit, on the working calendar, with the
pauses left out exactly as the clock leaves them out**: it is the shortest limit in that unit the
dossier would have met — the smallest n such that the due time of "n units" counted from the same
receipt, moved by the same pauses, is not before the result (`finished_at`). So a 3-working-day
procedure finished on the 2nd working day after receipt took 2 units (2/3 of its limit), exactly
as a 15-working-day one finished on the 10th, whatever the hour of receipt; and a dossier is at
most 100 % of its limit exactly when it was finished by its due time (a time, so the rule that
makes a dossier with more than one supplement request late does not enter it).

- working days, working hours, half days: whole units as the clock counts them (working days after
  the day of receipt; hours and half days of office time from the clock's start);
- calendar days: whole days after the day of receipt, a limit ending on a day off running to the
  next working day as the clock lets it; months: those calendar days against the months' length in
  days (1 month from 15/01 = 31 days);
- "within the day" (and a limit of 0): 1 unit when finished by its due time, plus the working days
  it ran over.

Every unit is whole, so both numbers are integers. The computation works on the calendar's office
time axis (`WorkingCalendar.position`): a few bisects and integer comparisons per dossier. The
rule needs only the calendar, so the processing services (`processing.steps.dossier_handling`) and
the migration that filled the dossiers finished before it (`0014_dossier_handling_fill`) call it
alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from motcua.core.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    US_PER_HOUR,
    Limit,
    Unit,
    WorkingCalendar,
    YearsNotLoaded,
    add_months,
    current_calendar,
)

MAX_MEASURE_ATTEMPTS = 4  # each failed attempt loads the years it reached for


@dataclass(frozen=True, slots=True)
class HandlingRow:
    """What the handling time reads of one dossier with a result: its frozen times and its
    procedure version's limit."""

    received_at: datetime
    clock_start_at: datetime
    due_at: datetime
    finished_at: datetime
    limit: Limit


@dataclass(frozen=True, slots=True)
class Used:
    """A dossier's handling time: `used` whole units of its procedure's unit against `allowed`."""

    used: int
    allowed: int

    @property
    def share(self) -> Decimal:
        return Decimal(self.used) / self.allowed


def _smallest(
    estimate: int,
    due_position: Callable[[int], int],
    finished_position: int,
    met_on_tie: Callable[[int], bool],
) -> int:
    """The smallest n ≥ 0 whose due time is not before the result, from an estimate (usually exact; a
    few steps off past days off). Compared on the office-time axis: a due time at a later position is
    after the result, at an earlier one before it; at the same position (a result after hours, on a
    day off) the instants decide (`met_on_tie`), the only case that builds a datetime."""

    def met(n: int) -> bool:
        at = due_position(n)
        return at > finished_position or (at == finished_position and met_on_tie(n))

    n = max(0, estimate)
    while n > 0 and met(n - 1):
        n -= 1
    while not met(n):
        n += 1
    return n


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def units_used(cal: WorkingCalendar, row: HandlingRow, midnights: dict[date, int] | None = None) -> Used:
    """The handling time of one dossier in its procedure's unit (see the module's docstring).

    The pauses' office time is read from the stored due time: the clock put it at the limit's due
    time without pauses plus exactly their office time (`due_at` after every closed pause), so no
    pause row is read. The due time of n units is the clock's own arithmetic on the office-time
    axis (`WorkingCalendar.due_at`): the closing of the nth working day after the clock's start's
    day (position (index + n + 1) × day), the clock's start plus n hours or half days, the closing
    of the first working day on or after the nth calendar day; then moved by the pauses' office
    time. The due instant of a position is `instant_at`, except a due time of 0 hours, which is the
    clock's start itself."""
    limit, finished = row.limit, row.finished_at
    day = cal.day_us
    position = cal.position
    start = position(row.clock_start_at)
    due = position(row.due_at)
    done = position(finished)
    value = int(limit.value)
    unit = limit.unit

    if unit == Unit.SAME_DAY or value == 0:
        if unit == Unit.SAME_DAY:
            base = _same_day_base(cal, row, start)
        else:  # a limit of 0 in another unit (rare): the clock's own answer
            base = position(cal.due_at(row.received_at, limit).due_at)
        paused = max(0, due - base)

        def late_by(k: int) -> int:
            return base + k * day + paused

        over = _smallest(
            _ceil_div(done - paused - base, day),
            late_by,
            done,
            lambda k: finished <= cal.instant_at(late_by(k)),
        )
        return Used(1 + over, 1)
    if unit == Unit.WORKING_DAYS:
        index = start // day  # the day of the clock's start; n working days end at its (index + n)th closing
        paused = max(0, due - (index + value + 1) * day)

        def working_days_due(n: int) -> int:
            return (index + n + 1) * day + paused

        estimate = _ceil_div(done - paused, day) - index - 1
        used = _smallest(
            estimate, working_days_due, done, lambda n: finished <= cal.instant_at(working_days_due(n))
        )
        return Used(used, value)
    if unit in (Unit.WORKING_HOURS, Unit.HALF_DAYS):
        amount = US_PER_HOUR if unit == Unit.WORKING_HOURS else day // 2
        paused = max(0, due - (start + value * amount))

        def office_time_due(n: int) -> int:
            return start + n * amount + paused

        def met_on_tie(n: int) -> bool:
            shift = n * amount + paused  # a due time of 0 hours is the clock's start itself
            return finished <= (cal.instant_at(start + shift) if shift else row.clock_start_at)

        estimate = _ceil_div(done - paused - start, amount)
        return Used(_smallest(estimate, office_time_due, done, met_on_tie), value)
    # Calendar days and months: counted in calendar days after the day of the clock's start.
    first = timezone.localtime(row.clock_start_at, cal.tz).date()
    known = midnights if midnights is not None else {}  # a year of dossiers shares ~400 dates

    def closing_on_or_after(last: date) -> int:
        # A midnight's position is the start of the working day on or after it; + a day: its closing.
        if (at := known.get(last)) is None:
            at = known[last] = position(datetime.combine(last, time(0), tzinfo=cal.tz))
        return at + day

    nominal_last = first + timedelta(days=value) if unit == Unit.CALENDAR_DAYS else add_months(first, value)
    paused = max(0, due - closing_on_or_after(nominal_last))

    def calendar_days_due(n: int) -> int:
        return closing_on_or_after(first + timedelta(days=n)) + paused

    without_pauses = cal.instant_at(done - paused) if paused else finished
    estimate = (timezone.localtime(without_pauses, cal.tz).date() - first).days
    days = _smallest(
        estimate, calendar_days_due, done, lambda n: finished <= cal.instant_at(calendar_days_due(n))
    )
    allowed = value if unit == Unit.CALENDAR_DAYS else (add_months(first, value) - first).days
    return Used(days, allowed)


def _same_day_base(cal: WorkingCalendar, row: HandlingRow, start: int) -> int:
    """The position of a "within the day" limit's due time without pauses, as the clock counts it:
    the closing of the day of the clock's start when that starts before the cut-off, else of the
    next working day."""
    cutoff = row.limit.cutoff if row.limit.cutoff is not None else settings.SAME_DAY_CUTOFF
    local = timezone.localtime(row.clock_start_at, cal.tz)
    before_cutoff = local.hour * 60 + local.minute < cutoff  # whole minutes decide: the cut-off is one
    index = start // cal.day_us + (0 if before_cutoff else 1)
    return (index + 1) * cal.day_us


def _years(rows: Iterable[HandlingRow]) -> tuple[int, int]:
    """The years the rows' instants fall in: those the calendar has already loaded for the due
    times, so that measuring a dossier fills no year; a year more (a result on the 1st of January
    in Vietnam, a search past the last one) is loaded when the calendar asks for it."""
    low, high = LAST_YEAR, FIRST_YEAR
    for row in rows:
        low = min(low, row.received_at.year)
        high = max(high, row.finished_at.year, row.due_at.year)
    return low, high


def handling_measure(rows: Sequence[HandlingRow]) -> list[Used]:
    """The handling time of each row (in order), on one calendar covering every instant involved."""
    if not rows:
        return []
    first, last = _years(rows)
    for _attempt in range(MAX_MEASURE_ATTEMPTS):
        cal = current_calendar(first, last)
        try:
            midnights: dict[date, int] = {}
            return [units_used(cal, row, midnights) for row in rows]
        except YearsNotLoaded as exc:  # a due time counted past the loaded years
            first = max(FIRST_YEAR, min(first, exc.first_year))
            last = min(LAST_YEAR, max(last, exc.last_year))
    raise YearsNotLoaded(first, last)  # pragma: no cover
