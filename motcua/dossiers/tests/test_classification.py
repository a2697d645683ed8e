"""Times after pauses, classification at finish (CONTRACTS §2), and the replay after every action."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core import calendar
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.dossiers import processing
from motcua.dossiers.handling_time import HandlingRow, handling_measure
from motcua.dossiers.models import Classification, Dossier, State
from motcua.dossiers.processing import procedure_limit
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.tests.processing_factories import (
    Cast,
    first_document,
    local,
    make_cast,
    make_dossier_in,
    receive,
)

pytestmark = pytest.mark.django_db


# --- the rule itself ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("finished", "due", "expected"),
    [
        (local(2026, 3, 6, 16, 0), local(2026, 3, 9, 17, 0), Classification.EARLY),
        (
            local(2026, 3, 8, 23, 59),
            local(2026, 3, 9, 7, 30),
            Classification.EARLY,
        ),  # the day before, locally
        (local(2026, 3, 9, 8, 0), local(2026, 3, 9, 17, 0), Classification.ON_TIME),  # same day, before
        (
            local(2026, 3, 9, 17, 0),
            local(2026, 3, 9, 17, 0),
            Classification.ON_TIME,
        ),  # exactly at the due time
        (local(2026, 3, 9, 17, 0, 1), local(2026, 3, 9, 17, 0), Classification.LATE),
        (local(2026, 3, 10, 8, 0), local(2026, 3, 9, 17, 0), Classification.LATE),
    ],
)
def test_classification_compares_local_dates_for_early_and_instants_for_late(
    finished: datetime, due: datetime, expected: str
) -> None:
    assert processing.classify(finished, due) == expected


# --- the pause example of CONTRACTS §2 ------------------------------------------------------------
def test_the_contract_pause_example_moves_the_due_time_by_the_office_time_of_the_pause() -> None:
    cast = make_cast(steps=[])
    cast.at(local(2026, 2, 9, 8, 0))  # Monday; Tết 14–22/02/2026
    dossier = receive(cast)
    assert dossier.due_at == local(2026, 2, 23, 17, 0)
    processing.dossier_request_supplement(
        dossier=dossier, officer=cast.desk, documents=[first_document(cast)], reason="Thiếu",
        at=local(2026, 2, 12, 10, 0),
    )  # fmt: skip
    # While the pause is open the due time is the pre-pause value plus the office time so far: never overdue.
    assert dossier.due_at == local(2026, 2, 23, 17, 0)
    assert processing.dossier_due_at_now(dossier, now=local(2026, 2, 20, 9, 0)) == local(2026, 2, 25, 14, 30)
    assert processing.dossier_due_at_now(dossier, now=local(2026, 3, 30, 9, 0)) > local(2026, 3, 30, 9, 0)
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=local(2026, 2, 23, 15, 0))
    assert dossier.due_at == local(2026, 2, 26, 10, 30)  # 18 working hours later
    assert dossier.state == State.RECEIVED
    pause_rows = [row for row in dossier.due_trace if row["kind"] == "PAUSE"]
    assert len(pause_rows) == 1 and "18" in pause_rows[0]["name"]
    assert dossier.events.last().payload["due_at"] == "2026-02-26T10:30:00+07:00"
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_a_step_due_time_moves_with_the_pauses_taken_while_it_was_open() -> None:
    cast = make_cast()
    cast.at(local(2026, 3, 2, 8, 0))
    dossier = receive(cast)
    processing.dossier_request_supplement(
        dossier=dossier,
        officer=cast.desk,
        documents=[first_document(cast)],
        reason="x",
        at=local(2026, 3, 2, 9, 0),
    )
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=local(2026, 3, 2, 10, 0))
    assert processing.current_step(dossier).due_at == local(2026, 3, 2, 14, 45)
    assert dossier.due_at == local(2026, 3, 10, 8, 30)  # 17:00 on 09/03 plus the hour of the pause


# --- classification at finish ---------------------------------------------------------------------
def _finish(dossier: Dossier, cast: Cast, at: datetime) -> None:
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.at(at))


def test_a_dossier_finished_on_its_due_day_is_on_time_and_after_it_late() -> None:
    on_time, cast = make_dossier_in(State.IN_PROGRESS)
    _finish(on_time, cast, on_time.due_at - timedelta(hours=1))
    assert on_time.classification == Classification.ON_TIME
    late, cast = make_dossier_in(State.IN_PROGRESS)
    _finish(late, cast, late.due_at + timedelta(minutes=1))
    assert late.classification == Classification.LATE
    assert late.steps.get(order=3).classification == Classification.LATE


def test_a_second_supplement_request_by_a_second_agency_is_allowed_but_the_dossier_is_late() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)  # asked by the receiving agency's specialist
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_request_supplement(
        dossier=dossier, officer=cast.specialist2, documents=[first_document(cast)], reason="Thiếu bản sao",
        at=cast.tick(),
    )  # fmt: skip
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())
    assert cast.now < dossier.due_at - timedelta(days=3)  # finished days early, yet
    assert dossier.classification == Classification.LATE
    assert dossier.events.last().payload["supplement_requests"] == 2
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_the_intake_guide_does_not_count_as_a_supplement_request() -> None:
    dossier, _cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    assert processing.processing_supplement_count(dossier) == 1


@pytest.mark.parametrize("late", [False, True])
def test_an_apology_keeps_the_classification_against_the_original_due_time(late: bool) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    due = dossier.due_at
    processing.dossier_apologise(
        dossier=dossier, officer=cast.leader, reason="Chờ xác minh", rescheduled_due_at=due + timedelta(days=7),
        at=cast.tick(),
    )  # fmt: skip
    _finish(dossier, cast, due + timedelta(days=2) if late else due - timedelta(days=2))
    assert dossier.due_at == due
    assert dossier.classification == (Classification.LATE if late else Classification.EARLY)
    assert dossier.rescheduled_due_at == due + timedelta(days=7)
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_stopped_and_withdrawn_dossiers_are_never_classified() -> None:
    for state in (State.STOPPED, State.WITHDRAWN):
        dossier, _cast = make_dossier_in(state)
        assert dossier.finished_at is not None and dossier.classification == ""


# --- the replay after every action ----------------------------------------------------------------
def _assert_replays(dossier: Dossier) -> None:
    dossier.refresh_from_db()
    replayed = dossier_replay(dossier)
    assert replayed == dossier_cached(dossier)
    if dossier.received_at is not None:  # the due time is the limit moved by the replayed pauses
        pauses = [calendar.Pause(start, end) for _kind, start, end in replayed["pauses"] if end is not None]
        finished = dossier.state in (State.STOPPED, State.WITHDRAWN)
        if not finished:
            recomputed = calendar.due_at(
                dossier.received_at, procedure_limit(dossier.procedure_version), pauses
            )
            assert recomputed.due_at == replayed["due_at"]
    # The handling time (2.2) is not replayed but derived: from the replayed times, once there is a result.
    if replayed["classification"]:
        row = HandlingRow(
            replayed["received_at"], replayed["clock_start_at"], replayed["due_at"], replayed["finished_at"],
            procedure_limit(dossier.procedure_version),
        )  # fmt: skip
        used = handling_measure([row])[0]
        assert (dossier.handling_used, dossier.handling_allowed) == (used.used, used.allowed)
    else:
        assert (dossier.handling_used, dossier.handling_allowed) == (None, None)


def _random_action(dossier: Dossier, cast: Cast, choice: int) -> None:
    step = processing.current_step(dossier)
    holder = (
        step.assignee
        if step and step.assignee
        else cast.leader
        if step and step.agency_id == cast.agency.pk
        else cast.leader2
    )
    leader = cast.leader if step is None or step.agency_id == cast.agency.pk else cast.leader2
    staff = cast.specialist if leader == cast.leader else cast.specialist2
    at = cast.tick(choice % 5 * 97 + 13)
    actions = [
        lambda: processing.dossier_assign(dossier=dossier, officer=leader, assignee=staff, at=at),
        lambda: processing.dossier_forward(dossier=dossier, officer=holder, at=at),
        lambda: processing.dossier_send_back(dossier=dossier, officer=holder, at=at),
        lambda: processing.dossier_request_supplement(
            dossier=dossier,
            officer=holder if dossier.state != State.RECEIVED else cast.desk,
            documents=[first_document(cast)],
            reason="Thiếu",
            at=at,
        ),
        lambda: processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=at),
        lambda: processing.dossier_pause(
            dossier=dossier, officer=holder, kind="VERIFICATION", reason="x", at=at
        ),
        lambda: processing.dossier_resume(dossier=dossier, officer=holder, at=at),
        lambda: processing.dossier_apologise(
            dossier=dossier, officer=leader, reason="Chậm", rescheduled_due_at=at + timedelta(days=30), at=at
        ),
        lambda: processing.dossier_mark_ready(dossier=dossier, officer=holder, at=at),
        lambda: processing.dossier_return_result(dossier=dossier, officer=cast.desk, method="ONLINE", at=at),
        lambda: processing.dossier_stop(dossier=dossier, officer=cast.leader, reason="Dừng", at=at),
        lambda: processing.dossier_withdraw(dossier=dossier, officer=cast.desk, reason="Đơn rút", at=at),
    ]
    with contextlib.suppress(PermissionDenied, Conflict, InvalidInput):  # refused: nothing changed
        actions[choice % len(actions)]()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=14))
def test_a_replay_reproduces_the_dossier_after_every_action_of_any_sequence(choices: list[int]) -> None:
    cast = make_cast()
    dossier = receive(cast)
    _assert_replays(dossier)
    for choice in choices:
        _random_action(dossier, cast, choice)
        _assert_replays(dossier)
