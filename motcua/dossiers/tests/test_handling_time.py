"""A dossier's handling time in its procedure's own unit (DOMAIN §5, 2.2; ADR 0028): the rule, and
that it is measured once, when the result is marked ready, and kept on the dossier.

The oracle (`handling_oracle.expected_used`) never touches the office-time axis: it asks the
deadline engine's public façade for the due time of 0, 1, 2, … units until one is not before the
result — the definition itself."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.apps import apps
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from motcua.core import calendar
from motcua.core.calendar import Limit, Pause, Unit
from motcua.dossiers import processing
from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.handling_time import HandlingRow, handling_measure, units_used
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.replay import dossier_replay
from motcua.dossiers.tests.handling_oracle import VN, expected_of, expected_used
from motcua.dossiers.tests.processing_factories import (
    Cast,
    first_document,
    make_cast,
    make_dossier_in,
    receive,
)

pytestmark = pytest.mark.django_db


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VN)  # type: ignore[misc]


def row_for(received: datetime, limit: Limit, pauses: list[Pause], finished: datetime) -> HandlingRow:
    return HandlingRow(
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


def test_measuring_loads_a_year_the_calendar_has_not_loaded_yet() -> None:
    calendar.invalidate()
    received = at(2027, 12, 20, 9, 0)
    limit = Limit(5, Unit.WORKING_DAYS)
    finished = at(2028, 1, 1, 5, 0).astimezone(UTC)  # as read from the database: still 2027 in UTC
    assert calendar.current_calendar().last_year < 2028
    got = handling_measure([row_for(received, limit, [], finished)])
    assert [(Fraction(u.used), Fraction(u.allowed)) for u in got] == [
        expected_used(received, limit, [], finished)
    ]
    assert calendar.current_calendar().last_year >= 2028


# --- measured at mark_ready, kept on the dossier ---------------------------------------------------------
def stored(dossier: Dossier) -> tuple[Fraction, Fraction]:
    assert dossier.handling_used is not None and dossier.handling_allowed is not None
    return Fraction(dossier.handling_used), Fraction(dossier.handling_allowed)


def _to_last_step(dossier: Dossier, cast: Cast) -> None:
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())


@pytest.mark.parametrize("late_by", [timedelta(days=-3), timedelta(minutes=1), timedelta(days=9)])
def test_marking_the_result_ready_stores_the_handling_time_with_the_classification(
    late_by: timedelta,
) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)  # 5 working days
    processing.dossier_request_supplement(
        dossier=dossier, officer=cast.specialist, documents=[first_document(cast)], reason="Thiếu",
        at=cast.tick(),
    )  # fmt: skip
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick(60 * 24 * 2))
    _to_last_step(dossier, cast)
    assert dossier.handling_used is None and dossier.handling_allowed is None  # no result yet
    processing.dossier_mark_ready(
        dossier=dossier, officer=cast.specialist, at=cast.at(dossier.due_at + late_by)
    )
    dossier.refresh_from_db()
    assert stored(dossier) == expected_of([dossier])[dossier.pk]
    assert dossier.handling_allowed == 5
    assert (dossier.handling_used <= 5) == (late_by < timedelta(0))  # within the limit when on time
    # Handed over later: the handling time stays as marked.
    processing.dossier_return_result(
        dossier=dossier,
        officer=cast.desk,
        method="DESK",
        received_by="Nguyễn Thị Ánh",
        at=cast.tick(60 * 24 * 5),
    )
    dossier.refresh_from_db()
    assert stored(dossier) == expected_of([dossier])[dossier.pk]


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (8, Unit.WORKING_HOURS),
        (3, Unit.HALF_DAYS),
        (10, Unit.CALENDAR_DAYS),
        (1, Unit.MONTHS),
        (0, Unit.SAME_DAY),
    ],
)
def test_every_unit_is_stored_in_its_own_units(value: int, unit: str) -> None:
    cast = make_cast(limit_value=value, limit_unit=unit, steps=[])  # one implicit step
    dossier = receive(cast)
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick(60 * 26))
    dossier.refresh_from_db()
    assert stored(dossier) == expected_of([dossier])[dossier.pk]
    assert dossier.handling_used is not None and dossier.handling_used > 0


@pytest.mark.parametrize("state", [State.STOPPED, State.WITHDRAWN, State.IN_PROGRESS, State.PAUSED])
def test_stopped_withdrawn_and_unfinished_dossiers_have_no_handling_time(state: str) -> None:
    dossier, _cast = make_dossier_in(state)
    assert (dossier.handling_used, dossier.handling_allowed) == (None, None)
    assert (dossier.finished_at is not None) == (state in (State.STOPPED, State.WITHDRAWN))


# --- generated histories, their copies, the replay and the migration that filled older dossiers -----------
END = datetime(2026, 11, 20, 16, 0, tzinfo=VN)


def test_generated_dossiers_and_their_copies_store_the_handling_time_their_events_imply() -> None:
    locality_load()
    result = dossiers_generate(count=120, seed=22, days=90, end=END, histories=60)
    dossiers = list(Dossier.objects.filter(code__in=result.codes).select_related("procedure_version"))
    done = [d for d in dossiers if d.classification]
    assert len({d.procedure_version.limit_unit for d in done}) > 1 and len(done) > 40
    assert any(d.pauses.exists() for d in done)  # with pauses to leave out
    expected = expected_of(done)
    for d in dossiers:
        if not d.classification:  # no result: stopped, withdrawn, refused, guided, unfinished
            assert (d.handling_used, d.handling_allowed) == (None, None), d.code
            continue
        assert stored(d) == expected[d.pk], d.code
        # Derived from what the events carry (the replayed times and the version's limit).
        replayed = dossier_replay(d)
        row = HandlingRow(
            replayed["received_at"], replayed["clock_start_at"], replayed["due_at"], replayed["finished_at"],
            processing.procedure_limit(d.procedure_version),
        )  # fmt: skip
        used = units_used(calendar.current_calendar(2025, 2027), row)
        assert (used.used, used.allowed) == (d.handling_used, d.handling_allowed), d.code
    copies = result.codes[60:]
    assert sum(1 for d in done if d.code in copies) > 20  # copies carry the columns of their template


def test_the_migration_fills_the_dossiers_finished_before_the_columns_existed() -> None:
    locality_load()
    dossiers_generate(count=60, seed=5, days=60, end=END, histories=30)
    before = dict(Dossier.objects.exclude(classification="").values_list("pk", "handling_used"))
    allowed = dict(Dossier.objects.exclude(classification="").values_list("pk", "handling_allowed"))
    assert len(before) > 10 and None not in before.values()
    Dossier.objects.update(handling_used=None, handling_allowed=None)  # as after `0013`
    fill = importlib.import_module("motcua.dossiers.migrations.0014_dossier_handling_fill")
    fill.BATCH = 7  # several batches
    fill.forwards(apps, None)
    assert dict(Dossier.objects.exclude(classification="").values_list("pk", "handling_used")) == before
    assert dict(Dossier.objects.exclude(classification="").values_list("pk", "handling_allowed")) == allowed
    assert not Dossier.objects.filter(classification="", handling_used__isnull=False).exists()
