"""Decision 766 indicator 2.2: the handling time against each procedure's own time limit (DOMAIN §5).

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

The value is the average of used ÷ allowed over the dossiers with a result (a percentage with 2
decimals; below 100 % = faster than the limits); the denominator is the number of those dossiers.
The computation reads a few columns per dossier with one query and works on the calendar's office
time axis (`WorkingCalendar.position`): a few bisects and integer comparisons per dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from motcua.catalog.models import Procedure
from motcua.core.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    US_PER_HOUR,
    Limit,
    Unit,
    WorkingCalendar,
    YearsNotLoaded,
    add_months,
    amount_text,
    current_calendar,
)
from motcua.core.indicators import Measure
from motcua.core.periods import Period
from motcua.dossiers.models import Dossier
from motcua.reports.figures import Scope, dossiers_in

TWO = Decimal("0.01")
MAX_MEASURE_ATTEMPTS = 4  # each failed attempt loads the years it reached for


@dataclass(frozen=True, slots=True)
class HandlingRow:
    """What 2.2 reads of one dossier with a result."""

    procedure_id: int
    received_at: datetime
    clock_start_at: datetime
    due_at: datetime
    finished_at: datetime
    limit: Limit


@dataclass(frozen=True, slots=True)
class Used:
    """A dossier's handling time: `used` units of its procedure's unit against `allowed`."""

    used: Decimal
    allowed: Decimal

    @property
    def share(self) -> Decimal:
        return self.used / self.allowed


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
        return Used(Decimal(1 + over), Decimal(1))
    if unit == Unit.WORKING_DAYS:
        index = start // day  # the day of the clock's start; n working days end at its (index + n)th closing
        paused = max(0, due - (index + value + 1) * day)

        def working_days_due(n: int) -> int:
            return (index + n + 1) * day + paused

        estimate = _ceil_div(done - paused, day) - index - 1
        used = _smallest(
            estimate, working_days_due, done, lambda n: finished <= cal.instant_at(working_days_due(n))
        )
        return Used(Decimal(used), Decimal(value))
    if unit in (Unit.WORKING_HOURS, Unit.HALF_DAYS):
        amount = US_PER_HOUR if unit == Unit.WORKING_HOURS else day // 2
        paused = max(0, due - (start + value * amount))

        def office_time_due(n: int) -> int:
            return start + n * amount + paused

        def met_on_tie(n: int) -> bool:
            shift = n * amount + paused  # a due time of 0 hours is the clock's start itself
            return finished <= (cal.instant_at(start + shift) if shift else row.clock_start_at)

        estimate = _ceil_div(done - paused - start, amount)
        return Used(Decimal(_smallest(estimate, office_time_due, done, met_on_tie)), Decimal(value))
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
    return Used(Decimal(days), Decimal(allowed))


def _same_day_base(cal: WorkingCalendar, row: HandlingRow, start: int) -> int:
    """The position of a "within the day" limit's due time without pauses, as the clock counts it:
    the closing of the day of the clock's start when that starts before the cut-off, else of the
    next working day."""
    cutoff = row.limit.cutoff if row.limit.cutoff is not None else settings.SAME_DAY_CUTOFF
    local = timezone.localtime(row.clock_start_at, cal.tz)
    before_cutoff = local.hour * 60 + local.minute < cutoff  # whole minutes decide: the cut-off is one
    index = start // cal.day_us + (0 if before_cutoff else 1)
    return (index + 1) * cal.day_us


def handling_rows(dossiers: QuerySet[Dossier]) -> list[HandlingRow]:
    """The columns 2.2 needs of `dossiers` (already filtered to those with a result), one query."""
    rows = dossiers.filter(
        received_at__isnull=False, clock_start_at__isnull=False, due_at__isnull=False, finished_at__isnull=False
    ).values_list(
        "procedure_version__procedure_id", "received_at", "clock_start_at", "due_at", "finished_at",
        "procedure_version__limit_value", "procedure_version__limit_unit",
        "procedure_version__same_day_cutoff",
    )  # fmt: skip
    out = []
    for procedure, received, started, due, finished, value, unit, cutoff in rows:
        if received is None or started is None or due is None or finished is None:
            continue  # excluded by the filters; the check is for the type
        out.append(
            HandlingRow(procedure, received, started, due, finished, Limit(value, unit, _minutes(cutoff)))
        )
    return out


def _minutes(cutoff: time | None) -> int | None:
    return None if cutoff is None else cutoff.hour * 60 + cutoff.minute


def _years(rows: Iterable[HandlingRow]) -> tuple[int, int]:
    low, high = LAST_YEAR, FIRST_YEAR
    for row in rows:
        low = min(low, row.received_at.year)
        high = max(high, row.finished_at.year, row.due_at.year)
    return max(FIRST_YEAR, low - 1), min(LAST_YEAR, high + 1)


def measured(rows: list[HandlingRow]) -> list[tuple[HandlingRow, Used]]:
    """Each row with its handling time, on one calendar covering every instant involved."""
    if not rows:
        return []
    first, last = _years(rows)
    for _attempt in range(MAX_MEASURE_ATTEMPTS):
        cal = current_calendar(first, last)
        try:
            midnights: dict[date, int] = {}
            return [(row, units_used(cal, row, midnights)) for row in rows]
        except YearsNotLoaded as exc:  # a due time counted past the loaded years
            first = max(FIRST_YEAR, min(first, exc.first_year))
            last = min(LAST_YEAR, max(last, exc.last_year))
    raise YearsNotLoaded(first, last)  # pragma: no cover


def handling_time_measure(dossiers: QuerySet[Dossier]) -> Measure:
    """Indicator 2.2 over `dossiers` (those with a result): average used ÷ allowed, in %."""
    results = measured(handling_rows(dossiers))
    if not results:
        return Measure(None, None, 0)
    total = sum((used.share for _row, used in results), Decimal(0))
    value = (Decimal(100) * total / len(results)).quantize(TWO, ROUND_HALF_UP)
    return Measure(value, None, len(results))


@dataclass(frozen=True, slots=True)
class ProcedureHandling:
    """2.2 for one procedure and time limit (a new version may change the limit): its dossiers with
    a result, their average handling time in `unit` and the average share of the limit (%)."""

    procedure_id: int
    name: str
    limit: Limit
    dossiers: int
    average_used: Decimal
    share: Decimal

    @property
    def limit_text(self) -> str:
        return amount_text(int(self.limit.value), self.limit.unit)

    @property
    def unit(self) -> str:
        """The unit of `average_used`: the limit's, calendar days for months, working days for
        "within the day" (1 = within it, then the working days over)."""
        if self.limit.unit == Unit.SAME_DAY or int(self.limit.value) == 0:
            return str(Unit.WORKING_DAYS.label)
        if self.limit.unit == Unit.MONTHS:
            return str(Unit.CALENDAR_DAYS.label)
        return str(Unit(self.limit.unit).label)


def handling_by_procedure(dossiers: QuerySet[Dossier]) -> list[ProcedureHandling]:
    """The average handling time per procedure (DOMAIN §5, 2.2) over `dossiers` (those with a
    result), most dossiers first."""
    grouped: dict[tuple[int, int, str], list[Used]] = {}
    for row, used in measured(handling_rows(dossiers)):
        key = (row.procedure_id, int(row.limit.value), row.limit.unit)
        grouped.setdefault(key, []).append(used)
    names = dict(Procedure.objects.filter(pk__in={key[0] for key in grouped}).values_list("pk", "name"))
    out = []
    for (procedure_id, value, unit), items in grouped.items():
        n = len(items)
        out.append(
            ProcedureHandling(
                procedure_id=procedure_id,
                name=names.get(procedure_id, ""),
                limit=Limit(value, unit),
                dossiers=n,
                average_used=(sum((u.used for u in items), Decimal(0)) / n).quantize(TWO, ROUND_HALF_UP),
                share=(Decimal(100) * sum((u.share for u in items), Decimal(0)) / n).quantize(
                    TWO, ROUND_HALF_UP
                ),
            )
        )
    return sorted(out, key=lambda p: (-p.dossiers, p.name, p.procedure_id))


def handling_in_period(
    period: Period, scope: Scope, *, now: datetime | None = None
) -> list[ProcedureHandling]:
    """`handling_by_procedure` over the dossiers the index reads for 2.2: received in the period in
    the scope, with a result at `now`."""
    now = now or timezone.now()
    start, end = period.bounds()
    dossiers = Dossier.objects.filter(
        dossiers_in(scope), received_at__gte=start, received_at__lt=end, finished_at__lte=now
    ).exclude(classification="")
    return handling_by_procedure(dossiers)
