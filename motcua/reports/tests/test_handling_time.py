"""Decision 766 indicator 2.2 — the handling time in each procedure's own unit, against its limit.

The oracle here never touches the office-time axis: the handling time of a dossier is found by
asking the deadline engine's public façade (`calendar.due_at`, with the dossier's pause rows) for
the due time of 0, 1, 2, … units until one is not before the result — the definition itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from motcua.core import calendar
from motcua.core.calendar import Limit, Pause, Unit, add_months
from motcua.core.periods import Period
from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.processing import procedure_limit
from motcua.reports.figures import Scope
from motcua.reports.handling_time import HandlingRow, handling_in_period, units_used
from motcua.reports.index766 import index_766

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VN)  # type: ignore[misc]


def hours_per_day() -> Decimal:
    return Decimal(sum(end - start for start, end in settings.OFFICE_HOURS)) / 60  # 7.5 by default


def expected_used(
    received: datetime, limit: Limit, pauses: list[Pause], finished: datetime
) -> tuple[Fraction, Fraction]:
    """(units used, units allowed), by searching the smallest limit the dossier would have met."""

    def due(value: int, unit: str) -> datetime:
        return calendar.due_at(received, Limit(value, unit, limit.cutoff), pauses).due_at

    if limit.unit == Unit.SAME_DAY or int(limit.value) == 0:
        own = due(int(limit.value), limit.unit)
        if finished <= own:
            return Fraction(1), Fraction(1)
        k = 1  # k more working days after the due time: k whole days of office time from it
        while calendar.due_at(own, Limit(k * hours_per_day(), Unit.WORKING_HOURS)).due_at < finished:
            k += 1
        return Fraction(1 + k), Fraction(1)
    unit = Unit.CALENDAR_DAYS if limit.unit == Unit.MONTHS else limit.unit
    n = 0
    while due(n, unit) < finished:
        n += 1
    if limit.unit == Unit.MONTHS:
        first = calendar.clock_start_at(received).astimezone(VN).date()
        return Fraction(n), Fraction((add_months(first, int(limit.value)) - first).days)
    return Fraction(n), Fraction(int(limit.value))


def row_for(received: datetime, limit: Limit, pauses: list[Pause], finished: datetime) -> HandlingRow:
    return HandlingRow(
        procedure_id=1,
        received_at=received,
        clock_start_at=calendar.clock_start_at(received),
        due_at=calendar.due_at(received, limit, pauses).due_at,
        finished_at=finished,
        limit=limit,
    )


def used_share(
    received: datetime, limit: Limit, finished: datetime, pauses: list[Pause] | None = None
) -> Decimal:
    used = units_used(calendar.current_calendar(2025, 2028), row_for(received, limit, pauses or [], finished))
    return used.share


# --- the rule on hand-picked cases --------------------------------------------------------------------
@pytest.mark.parametrize("received", [at(2026, 3, 2, 7, 30), at(2026, 3, 2, 10, 0), at(2026, 3, 2, 16, 45)])
def test_a_short_and_a_long_procedure_finished_at_the_same_share_of_their_limits_score_alike(
    received: datetime,
) -> None:
    # Monday 02/03/2026: the 2nd working day after is Wednesday 04/03, the 10th is Monday 16/03.
    short = used_share(received, Limit(3, Unit.WORKING_DAYS), at(2026, 3, 4, 15, 0))
    long = used_share(received, Limit(15, Unit.WORKING_DAYS), at(2026, 3, 16, 9, 0))
    assert short == long == Decimal(2) / 3


def test_a_dossier_finished_at_its_due_time_used_its_whole_limit_and_a_minute_later_more() -> None:
    received = at(2026, 3, 2, 10, 0)
    limit = Limit(5, Unit.WORKING_DAYS)
    due = calendar.due_at(received, limit).due_at
    assert used_share(received, limit, due) == 1
    assert used_share(received, limit, due + timedelta(minutes=1)) == Decimal(6) / 5
    assert used_share(received, limit, at(2026, 3, 2, 16, 0)) == 0  # on the day of receipt
    # After hours and on the weekend the office clock stands still, yet the result is late.
    assert used_share(received, limit, due + timedelta(minutes=30)) == Decimal(6) / 5
    assert (
        used_share(received, Limit(4, Unit.WORKING_DAYS), at(2026, 3, 7, 9, 0)) == Decimal(5) / 4
    )  # Saturday


def test_a_pause_is_left_out_as_the_clock_leaves_it_out() -> None:
    received = at(2026, 3, 2, 8, 0)  # Monday
    limit = Limit(4, Unit.WORKING_DAYS)
    pause = [Pause(at(2026, 3, 3, 8, 0), at(2026, 3, 5, 8, 0))]  # two working days stopped
    # Finished Friday: 4 working days after Monday, 2 of them paused → 2 working days used.
    assert used_share(received, limit, at(2026, 3, 6, 10, 0), pause) == Decimal(2) / 4
    assert used_share(received, limit, at(2026, 3, 6, 10, 0)) == 1


def test_calendar_days_end_on_the_next_working_day_and_months_count_their_days() -> None:
    received = at(2026, 3, 2, 9, 0)  # + 5 days = Saturday 07/03 → due Monday 09/03
    assert used_share(received, Limit(5, Unit.CALENDAR_DAYS), at(2026, 3, 9, 16, 0)) == 1
    assert used_share(received, Limit(5, Unit.CALENDAR_DAYS), at(2026, 3, 4, 16, 0)) == Decimal(2) / 5
    # 1 month from 02/03 is 31 days; finished 10 days after receipt.
    assert used_share(received, Limit(1, Unit.MONTHS), at(2026, 3, 12, 10, 0)) == Decimal(10) / 31


def test_hours_half_days_and_the_same_day() -> None:
    received = at(2026, 3, 2, 8, 0)  # Monday 08:00, 30 minutes after opening
    assert used_share(received, Limit(8, Unit.WORKING_HOURS), at(2026, 3, 2, 10, 30)) == Decimal(3) / 8
    assert used_share(received, Limit(4, Unit.HALF_DAYS), at(2026, 3, 3, 10, 0)) == Decimal(3) / 4
    same_day = Limit(0, Unit.SAME_DAY, 15 * 60)
    assert used_share(received, same_day, at(2026, 3, 2, 16, 0)) == 1
    assert used_share(received, same_day, at(2026, 3, 3, 9, 0)) == 2  # one working day over


# --- the rule on random dossiers ------------------------------------------------------------------------
LIMITS = st.one_of(
    st.builds(Limit, st.integers(0, 20), st.just(Unit.WORKING_DAYS)),
    st.builds(Limit, st.integers(1, 40), st.just(Unit.WORKING_HOURS)),
    st.builds(Limit, st.integers(1, 10), st.just(Unit.HALF_DAYS)),
    st.builds(Limit, st.integers(1, 45), st.just(Unit.CALENDAR_DAYS)),
    st.builds(Limit, st.integers(1, 3), st.just(Unit.MONTHS)),
    st.builds(Limit, st.just(0), st.just(Unit.SAME_DAY), st.sampled_from([None, 11 * 60, 15 * 60])),
)
BASE = at(2026, 1, 5, 0, 0)  # Tết (14–22/02/2026) falls inside the generated spans
MINUTES = st.integers(0, 60 * 24 * 70)


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    received=MINUTES,
    limit=LIMITS,
    pauses=st.lists(st.tuples(st.integers(0, 60 * 24 * 20), st.integers(0, 60 * 24 * 10)), max_size=2),
    after=st.integers(0, 60 * 24 * 80),
)
def test_the_handling_time_is_the_shortest_limit_in_the_unit_that_would_have_been_met(
    received: int, limit: Limit, pauses: list[tuple[int, int]], after: int
) -> None:
    if limit.unit == Unit.SAME_DAY and limit.cutoff is None:
        limit = Limit(0, Unit.SAME_DAY, settings.SAME_DAY_CUTOFF)
    receipt = BASE + timedelta(minutes=received)
    stops, cursor = [], receipt
    for gap, length in pauses:  # ordered, non-overlapping, after the receipt, closed before the result
        begin = cursor + timedelta(minutes=gap)
        cursor = begin + timedelta(minutes=length)
        stops.append(Pause(begin, cursor))
    finished = cursor + timedelta(minutes=after)
    got = units_used(calendar.current_calendar(2025, 2028), row_for(receipt, limit, stops, finished))
    used, allowed = expected_used(receipt, limit, stops, finished)
    assert (Fraction(got.used), Fraction(got.allowed)) == (used, allowed)
    due = calendar.due_at(receipt, limit, stops).due_at
    assert (got.share <= 1) == (finished <= due)  # within its limit exactly when on time


# --- the index on generated histories ------------------------------------------------------------------
END = datetime(2026, 11, 20, 16, 0, tzinfo=VN)
PERIOD = Period(date(2026, 9, 1), date(2026, 11, 30))


def test_indicator_2_2_averages_the_shares_of_the_dossiers_with_a_result() -> None:
    locality_load()
    dossiers_generate(count=80, seed=22, days=90, end=END, histories=80)
    start, end = PERIOD.bounds()
    done = list(
        Dossier.objects.filter(received_at__gte=start, received_at__lt=end, finished_at__lte=END)
        .exclude(classification="")
        .select_related("procedure_version")
    )
    pauses: dict[int, list[Pause]] = {}
    for p in DossierPause.objects.filter(dossier__in=done).order_by("started_at"):
        pauses.setdefault(p.dossier_id, []).append(Pause(p.started_at, p.ended_at))
    shares = []
    used_of: dict[int, Fraction] = {}
    for d in done:
        used, allowed = expected_used(
            d.received_at, procedure_limit(d.procedure_version), pauses.get(d.pk, []), d.finished_at
        )
        shares.append(used / allowed)
        used_of[d.pk] = used
    assert len({d.procedure_version.limit_unit for d in done}) > 1  # more than one unit in the sample
    assert any(pauses.get(d.pk) for d in done)  # and pauses to leave out
    indicator = {i.code: i for g in index_766(PERIOD, Scope(), now=END).groups for i in g.indicators}["2.2"]
    expected = Decimal(100) * Decimal(sum(shares).numerator) / Decimal(sum(shares).denominator) / len(shares)
    assert indicator.denominator == len(done) > 0
    assert indicator.value == expected.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert indicator.points is None and indicator.max_points == 0  # shown, no points (DOMAIN §5)
    # Per procedure (and limit): the same dossiers, grouped, in the staff page's table.
    rows = handling_in_period(PERIOD, Scope(), now=END)
    assert sum(r.dossiers for r in rows) == len(done)
    groups: dict[tuple[int, int, str], list[tuple[Fraction, Fraction]]] = {}
    for d, share in zip(done, shares, strict=True):
        v = d.procedure_version
        groups.setdefault((v.procedure_id, v.limit_value, v.limit_unit), []).append((share, used_of[d.pk]))
    assert {(r.procedure_id, int(r.limit.value), r.limit.unit) for r in rows} == set(groups)
    for r in rows:
        mine = groups[(r.procedure_id, int(r.limit.value), r.limit.unit)]
        total_share = sum(s for s, _u in mine)
        mean = Decimal(100) * Decimal(total_share.numerator) / Decimal(total_share.denominator) / len(mine)
        assert r.dossiers == len(mine)
        assert r.share == mean.quantize(Decimal("0.01"), ROUND_HALF_UP), r.procedure_id
        total_used = sum(u for _s, u in mine)
        average = Decimal(total_used.numerator) / Decimal(total_used.denominator) / len(mine)
        assert r.average_used == average.quantize(Decimal("0.01"), ROUND_HALF_UP), r.procedure_id
