"""How many queries each processing action costs, so that a regression fails here and not in a profile.

Each action runs on a dossier freshly received through the intake and brought to the action's
starting state by the real use cases; the dossier is then read again, as a request would read it,
and the action's queries are counted. The bounds are the counts measured when they were set
(before → after the work on the per-action queries, on SQLite and PostgreSQL alike):

    assign 11 → 9, forward 14 → 8, send_back 15 → 9, request_supplement 19 → 15 (16 once it measures the SMS template),
    complete_supplement 18 → 14, pause 14 → 11, resume 18 → 13, apologise 15 → 11 (12 once it reads the steps to find the agency at fault),
    mark_ready 17 → 12, return_result 13 → 11, stop 17 → 13, withdraw 11 → 9.
    "Is this a desk of the receiving agency" (ADR 0010) costs no query for a dossier received at the
    officer's own agency, as here, and one (the agency tree with `receives_for`) for another agency.

They include the SAVEPOINT and RELEASE of the action's transaction (the test runs inside one), the
first read of an officer's roles where the test has not used that officer before, and, with an
applicant who has a phone and an e-mail address, the two messages of the outbox. The message
templates are synchronised first, as they are in production after their first use; the working
calendar's once-a-second check of its database stamp is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from motcua.core import calendar
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier, DossierEvent, State
from motcua.dossiers.services import DocumentIn
from motcua.dossiers.tests.processing_factories import Cast, first_document, local, make_cast, receive
from motcua.notifications.services import templates_sync

pytestmark = pytest.mark.django_db

Step = Callable[[Dossier, Cast], Any]


def _assign(d: Dossier, c: Cast) -> Any:
    return processing.dossier_assign(dossier=d, officer=c.leader, assignee=c.specialist, at=c.tick())


def _forward(d: Dossier, c: Cast) -> Any:
    return processing.dossier_forward(dossier=d, officer=c.specialist, at=c.tick())


def _assign_other(d: Dossier, c: Cast) -> Any:
    return processing.dossier_assign(dossier=d, officer=c.leader2, assignee=c.specialist2, at=c.tick())


def _forward_other(d: Dossier, c: Cast) -> Any:
    return processing.dossier_forward(dossier=d, officer=c.specialist2, at=c.tick())


def _send_back(d: Dossier, c: Cast) -> Any:
    return processing.dossier_send_back(dossier=d, officer=c.specialist2, at=c.tick())


def _request(d: Dossier, c: Cast) -> Any:
    return processing.dossier_request_supplement(
        dossier=d,
        officer=c.specialist,
        documents=[c.extra["document"]],
        reason="Tờ khai chưa ký",
        at=c.tick(),
    )


def _complete(d: Dossier, c: Cast) -> Any:
    return processing.dossier_complete_supplement(
        dossier=d, officer=c.desk, documents=[DocumentIn(c.extra["document"], originals=1)], at=c.tick()
    )


def _pause(d: Dossier, c: Cast) -> Any:
    return processing.dossier_pause(
        dossier=d, officer=c.specialist, kind="VERIFICATION", reason="Xác minh nguồn gốc", at=c.tick()
    )


def _resume(d: Dossier, c: Cast) -> Any:
    return processing.dossier_resume(dossier=d, officer=c.specialist, at=c.tick())


def _apologise(d: Dossier, c: Cast) -> Any:
    return processing.dossier_apologise(
        dossier=d,
        officer=c.leader,
        reason="Cần xác minh thêm",
        rescheduled_due_at=local(2026, 3, 16, 17),
        at=c.tick(),
    )


def _mark_ready(d: Dossier, c: Cast) -> Any:
    return processing.dossier_mark_ready(dossier=d, officer=c.specialist, at=c.tick())


def _return(d: Dossier, c: Cast) -> Any:
    return processing.dossier_return_result(
        dossier=d, officer=c.desk, method="DESK", received_by="Nguyễn Thị Ánh", at=c.tick()
    )


def _stop(d: Dossier, c: Cast) -> Any:
    return processing.dossier_stop(dossier=d, officer=c.leader, reason="Người nộp đề nghị dừng", at=c.tick())


def _withdraw(d: Dossier, c: Cast) -> Any:
    return processing.dossier_withdraw(
        dossier=d, officer=c.desk, reason="Đơn xin rút ngày 02/03/2026", at=c.tick()
    )


TO_LAST_STEP: list[Step] = [_assign, _forward, _assign_other, _forward_other, _assign]
# action: (the actions before it, the action, the state after it, the most queries it may take)
CASES: dict[str, tuple[list[Step], Step, str, int]] = {
    "assign": ([], _assign, State.IN_PROGRESS, 9),
    "forward": ([_assign], _forward, State.IN_PROGRESS, 8),
    "send_back": ([_assign, _forward, _assign_other], _send_back, State.IN_PROGRESS, 9),
    # + the staff's SMS template, measured to fit the documents' names (notifications.sms_room)
    "request_supplement": ([_assign], _request, State.AWAITING_SUPPLEMENT, 16),
    "complete_supplement": ([_assign, _request], _complete, State.IN_PROGRESS, 14),
    "pause": ([_assign], _pause, State.PAUSED, 11),
    "resume": ([_assign, _pause], _resume, State.IN_PROGRESS, 13),
    "apologise": ([], _apologise, State.RECEIVED, 12),  # + the steps, for the agency at fault
    "mark_ready": (TO_LAST_STEP, _mark_ready, State.RESULT_READY, 12),
    "return_result": ([*TO_LAST_STEP, _mark_ready], _return, State.RETURNED, 11),
    "stop": ([], _stop, State.STOPPED, 13),
    "withdraw": ([], _withdraw, State.WITHDRAWN, 9),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_action_stays_within_its_query_budget(
    name: str, django_assert_max_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, action, state, most = CASES[name]
    templates_sync()
    cast = make_cast()
    cast.extra["document"] = first_document(cast)
    dossier = receive(cast)
    for step in before:
        step(dossier, cast)
    dossier = Dossier.objects.get(pk=dossier.pk)
    # The working calendar (loaded by the steps above) checks its database stamp once a second:
    # a query that depends on the clock, not on the action, so it is left out of the count.
    monkeypatch.setattr(calendar, "STAMP_CHECK_INTERVAL_S", float("inf"))
    with django_assert_max_num_queries(most):
        action(dossier, cast)
    assert dossier.state == state
    assert dossier.events.last().action == name


def test_the_plan_of_a_published_version_is_read_once_along_the_returned_dossiers(
    django_assert_num_queries: Any,
) -> None:
    """The generator passes each action the dossier the previous one returned: the version's plan
    goes along with it, so a hand-over reads no catalogue step."""
    cast = make_cast()
    dossier = processing.dossier_assign(
        dossier=receive(cast), officer=cast.leader, assignee=cast.specialist, at=cast.tick()
    )
    processing.process_plan(dossier.procedure_version)
    with django_assert_num_queries(0):
        processing.process_plan(dossier.procedure_version)
    dossier = processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    with django_assert_num_queries(0):
        processing.process_plan(dossier.procedure_version)


def test_the_plan_of_a_draft_is_read_every_time(django_assert_num_queries: Any) -> None:
    version = make_cast().version
    version.status = version.Status.DRAFT
    with django_assert_num_queries(1):
        processing.process_plan(version)
    with django_assert_num_queries(1):
        processing.process_plan(version)


def test_the_callers_instance_is_brought_up_to_date_and_a_stale_one_still_gets_the_next_seq() -> None:
    cast = make_cast()
    received = receive(cast)  # remembers the seq of its last event (2) from the intake
    stale = Dossier.objects.get(pk=received.pk)
    returned = processing.dossier_assign(
        dossier=received, officer=cast.leader, assignee=cast.specialist, at=cast.tick()
    )
    fresh = Dossier.objects.get(pk=received.pk)
    for field in Dossier._meta.concrete_fields:
        for instance in (received, returned):
            value, expected = getattr(instance, field.attname), getattr(fresh, field.attname)
            assert value == expected, field.name
            assert getattr(value, "tzinfo", None) == getattr(expected, "tzinfo", None), field.name
    # Both instances were read before the assignment: each action appends after the last event.
    processing.dossier_pause(
        dossier=received, officer=cast.specialist, kind="VERIFICATION", reason="Xác minh", at=cast.tick()
    )
    processing.dossier_resume(dossier=stale, officer=cast.specialist, at=cast.tick())
    events = list(DossierEvent.objects.filter(dossier=fresh).order_by("seq").values_list("seq", "action"))
    assert events == [(1, "create"), (2, "receive"), (3, "assign"), (4, "pause"), (5, "resume")]
    assert (received.state, stale.state) == (State.PAUSED, State.IN_PROGRESS)
