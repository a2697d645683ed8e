"""The history selectors: what each returns on a small history, and what it costs in queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from motcua.accounts.tests.factories import AgencyFactory
from motcua.dossiers import processing
from motcua.dossiers.history import (
    history_events,
    history_late_dossiers,
    history_overdue_dossiers,
    history_returns,
    history_steps_finished,
    period_bounds,
)
from motcua.dossiers.models import Action, Classification, State
from motcua.dossiers.tests.processing_factories import (
    START,
    Cast,
    local,
    make_cast,
    make_dossier_in,
    receive,
)

pytestmark = pytest.mark.django_db

DAY_AFTER = START + timedelta(days=1)


def _returned_late(cast: Cast):
    """A dossier taken through its three steps and returned a week after its due time."""
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    dossier.refresh_from_db()
    cast.at(dossier.due_at + timedelta(days=7))
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_return_result(
        dossier=dossier, officer=cast.desk, method="DESK", received_by="Nguyễn Thị Ánh", at=cast.tick()
    )
    dossier.refresh_from_db()
    return dossier


def test_period_bounds_are_the_local_midnights_around_inclusive_dates():
    low, high = period_bounds(date(2026, 3, 1), date(2026, 3, 31))
    assert (low, high) == (local(2026, 3, 1, 0, 0), local(2026, 4, 1, 0, 0))


def test_events_are_those_in_the_half_open_interval_oldest_first():
    dossier, _cast = make_dossier_in(State.IN_PROGRESS)
    create, receive_, assign = dossier.events.order_by("seq")
    assert [e.pk for e in history_events(create.at, DAY_AFTER)] == [create.pk, receive_.pk, assign.pk]
    # `end` is excluded, `start` included.
    assert [e.pk for e in history_events(create.at, assign.at)] == [create.pk, receive_.pk]
    assert [e.pk for e in history_events(assign.at, DAY_AFTER)] == [assign.pk]


def test_events_filter_by_action_and_by_the_agency_where_they_happened():
    _dossier, cast = make_dossier_in(State.RETURNED)
    other = list(history_events(START, DAY_AFTER, agency=cast.other))
    assert other, "step 2 happens at the other agency"
    assert {e.agency_id for e in other} == {cast.other.pk}
    assert {e.action for e in other} >= {Action.ASSIGN, Action.FORWARD}
    assigns = list(history_events(START, DAY_AFTER, actions=[Action.ASSIGN]))
    assert len(assigns) == 3 and {e.action for e in assigns} == {Action.ASSIGN}


def test_an_agency_includes_its_sub_agencies():
    dossier, cast = make_dossier_in(State.RETURNED)
    province = AgencyFactory()
    cast.agency.parent = province
    cast.agency.save()
    unrelated = AgencyFactory()
    assert history_events(START, DAY_AFTER, receiving_agency=province).count() == dossier.events.count()
    assert history_returns(START, DAY_AFTER, agency=province).get().dossier == dossier
    assert not history_returns(START, DAY_AFTER, agency=unrelated).exists()
    assert not history_events(START, DAY_AFTER, agency=unrelated).exists()


def test_returns_are_the_results_returned_in_the_period_by_receiving_agency():
    returned, cast = make_dossier_in(State.RETURNED)
    make_dossier_in(State.RESULT_READY, cast)  # finished but not returned
    make_dossier_in(State.RETURNED)  # another agency's
    returns = list(history_returns(START, DAY_AFTER, agency=cast.agency))
    assert [(e.dossier, e.action) for e in returns] == [(returned, Action.RETURN_RESULT)]
    returned_at = returns[0].at
    assert not history_returns(returned_at + timedelta(seconds=1), DAY_AFTER, agency=cast.agency).exists()


def test_steps_finished_are_those_closed_in_the_period_at_the_agency():
    _dossier, cast = make_dossier_in(State.RESULT_READY)
    at_home = list(history_steps_finished(START, DAY_AFTER, agency=cast.agency))
    at_other = list(history_steps_finished(START, DAY_AFTER, agency=cast.other))
    assert [s.order for s in at_home] == [1, 3]
    assert [s.order for s in at_other] == [2]
    assert all(s.finished_at is not None and s.classification for s in [*at_home, *at_other])
    assert len(history_steps_finished(START, DAY_AFTER)) == 3
    make_dossier_in(State.IN_PROGRESS, cast)  # its reception step is still open
    assert len(history_steps_finished(START, DAY_AFTER + timedelta(days=1))) == 3


def test_late_dossiers_are_those_finished_late_in_the_period():
    cast = make_cast()
    late = _returned_late(cast)
    assert late.classification == Classification.LATE
    cast.at(START)
    make_dossier_in(State.RESULT_READY, cast)  # on time
    period = (START, cast.now + timedelta(days=30))
    assert list(history_late_dossiers(*period, agency=cast.agency)) == [late]
    assert list(history_late_dossiers(*period)) == [late]
    assert not history_late_dossiers(*period, agency=cast.other).exists()  # counted where received
    assert not history_late_dossiers(START, late.finished_at, agency=cast.agency).exists()


def test_overdue_dossiers_are_unfinished_and_past_due_at_the_instant():
    cast = make_cast()
    dossier = receive(cast)
    assert dossier.due_at is not None
    after = dossier.due_at + timedelta(hours=1)
    assert list(history_overdue_dossiers(after, agency=cast.agency)) == [dossier]
    assert not history_overdue_dossiers(dossier.due_at - timedelta(hours=1)).exists()
    assert not history_overdue_dossiers(after, agency=cast.other).exists()
    # Finished after the instant: still overdue at it; finished before: not.
    late = _returned_late(cast)
    assert late in history_overdue_dossiers(late.finished_at - timedelta(minutes=1))
    assert late not in history_overdue_dossiers(late.finished_at + timedelta(minutes=1))


@pytest.mark.parametrize(
    "select",
    [
        lambda agency: history_events(START, DAY_AFTER, agency=agency),
        lambda agency: history_events(START, DAY_AFTER, actions=[Action.ASSIGN], receiving_agency=agency),
        lambda agency: history_returns(START, DAY_AFTER, agency=agency),
        lambda agency: history_steps_finished(START, DAY_AFTER, agency=agency),
        lambda agency: history_late_dossiers(START, DAY_AFTER, agency=agency),
        lambda agency: history_overdue_dossiers(DAY_AFTER, agency=agency),
    ],
    ids=["events", "events-by-receiving-agency", "returns", "steps", "late", "overdue"],
)
def test_each_selector_reads_the_rows_in_one_query_plus_one_per_level_of_sub_agencies(
    select, django_assert_num_queries
):
    make_dossier_in(State.RETURNED)
    _dossier, cast = make_dossier_in(State.RETURNED)
    with django_assert_num_queries(1):
        list(select(None))
    with django_assert_num_queries(2):  # the agency has no sub-agency: one look for children
        list(select(cast.agency))
    AgencyFactory(parent=cast.agency)
    with django_assert_num_queries(3):  # one level below it
        list(select(cast.agency))
