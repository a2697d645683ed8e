"""Processing actions (CONTRACTS §4): who may do what from which state, and what each leaves behind."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.tests.factories import make_version
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.dossiers import exceptions, processing
from motcua.dossiers.exceptions import NotOnOfficialList
from motcua.dossiers.models import (
    ActorKind,
    Classification,
    DossierPause,
    PauseReason,
    State,
    SupplementRequest,
)
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.selectors import dossier_personal_data_visible, dossiers_visible_to
from motcua.dossiers.services import DocumentIn
from motcua.dossiers.tests.processing_factories import (
    STATES,
    Cast,
    first_document,
    local,
    make_cast,
    make_dossier_in,
    receive,
)
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


# --- the refusal matrix ---------------------------------------------------------------------------
# Each action is called with invalid input where it has any, so that an officer who passes every
# other check gets 422: the matrix then shows the order 403 → 409 → 422 of CONTRACTS §5.
def _act(action: str, persona: str, dossier: Any, cast: Cast) -> None:
    officer = getattr(cast, persona, None)
    at = cast.tick(1)
    other_doc = make_version().documents.first().pk if action == "complete_supplement" else None
    calls: dict[str, Callable[[], Any]] = {
        "assign": lambda: processing.dossier_assign(dossier=dossier, officer=officer, assignee=None, at=at),
        "forward": lambda: processing.dossier_forward(
            dossier=dossier, officer=officer, assignee=cast.editor, at=at
        ),
        "send_back": lambda: processing.dossier_send_back(
            dossier=dossier, officer=officer, assignee=cast.editor, at=at
        ),
        "request_supplement": lambda: processing.dossier_request_supplement(
            dossier=dossier, officer=officer, documents=[], reason="x", at=at
        ),
        "complete_supplement": lambda: processing.dossier_complete_supplement(
            dossier=dossier, officer=officer, documents=[DocumentIn(other_doc, 1)], at=at
        ),
        "pause": lambda: processing.dossier_pause(
            dossier=dossier, officer=officer, kind="PUBLIC_POSTING", reason="x", at=at
        ),
        "resume": lambda: processing.dossier_resume(dossier=dossier, officer=officer, at=at),
        "apologise": lambda: processing.dossier_apologise(
            dossier=dossier, officer=officer, reason=" ", rescheduled_due_at=local(2026, 4, 1, 17), at=at
        ),
        "mark_ready": lambda: processing.dossier_mark_ready(dossier=dossier, officer=officer, at=at),
        "return_result": lambda: processing.dossier_return_result(
            dossier=dossier, officer=officer, method="FAX", at=at
        ),
        "stop": lambda: processing.dossier_stop(dossier=dossier, officer=officer, reason="", at=at),
        "withdraw": lambda: processing.dossier_withdraw(
            dossier=dossier,
            officer=officer,
            actor_kind={"citizen": ActorKind.CITIZEN, "system": ActorKind.SYSTEM}.get(
                persona, ActorKind.OFFICER
            ),
            reason="",
            at=at,
        ),
    }
    calls[action]()


def _outcome(action: str, persona: str, dossier: Any, cast: Cast) -> int:
    try:
        with transaction.atomic():
            _act(action, persona, dossier, cast)
            raise _Rollback
    except _Rollback:
        return 200
    except PermissionDenied:
        return 403
    except Conflict:
        return 409
    except InvalidInput:
        return 422


STAFF = ["desk", "leader", "specialist", "colleague", "leader2", "specialist2", "supervisor", "inspector",
         "editor", "admin"]  # fmt: skip
SPECIALISTS = {"specialist", "colleague", "specialist2"}
LEADERS = {"leader", "leader2"}
OPEN = {State.RECEIVED, State.IN_PROGRESS, State.AWAITING_SUPPLEMENT, State.PAUSED}
ACTIONS: dict[str, tuple[set[str], set[str]]] = {  # action: (personas whose role may, states it starts from)
    "assign": (LEADERS, {State.RECEIVED, State.IN_PROGRESS}),
    "forward": ({"desk"} | SPECIALISTS | LEADERS, {State.RECEIVED, State.IN_PROGRESS}),
    "send_back": (SPECIALISTS | LEADERS, {State.IN_PROGRESS}),
    "request_supplement": ({"desk"} | SPECIALISTS | LEADERS, {State.RECEIVED, State.IN_PROGRESS}),
    "complete_supplement": ({"desk", "citizen"}, {State.AWAITING_SUPPLEMENT}),
    "pause": (SPECIALISTS | LEADERS, {State.RECEIVED, State.IN_PROGRESS}),
    "resume": (SPECIALISTS | LEADERS, {State.PAUSED}),
    "apologise": (LEADERS, OPEN),
    "mark_ready": (SPECIALISTS | LEADERS, {State.IN_PROGRESS}),
    "return_result": ({"desk"}, {State.RESULT_READY}),
    "stop": (LEADERS, OPEN),
    "withdraw": ({"desk", "citizen", "system"}, OPEN | {State.SUBMITTED, State.GUIDED}),
}
# Who, in the right state, passes every check but the input (422; 200 for resume, which takes none).
# Step 1 is held by the receiving agency: its leader, and its specialist once assigned.
PASSES: dict[tuple[str, str], set[str]] = {
    ("assign", State.RECEIVED): {"leader"},
    ("assign", State.IN_PROGRESS): {"leader"},
    ("forward", State.RECEIVED): {"desk", "leader"},  # the desk hands over from the reception step
    ("forward", State.IN_PROGRESS): {"specialist", "leader"},
    ("request_supplement", State.RECEIVED): {"desk"},
    ("request_supplement", State.IN_PROGRESS): {"specialist"},
    ("complete_supplement", State.AWAITING_SUPPLEMENT): {"desk", "citizen"},
    ("pause", State.RECEIVED): {"leader"},
    ("pause", State.IN_PROGRESS): {"specialist", "leader"},
    ("resume", State.PAUSED): {"specialist", "leader"},
    ("return_result", State.RESULT_READY): {"desk"},
    **{("apologise", s): {"leader"} for s in OPEN},
    **{("stop", s): {"leader"} for s in OPEN},
    **{("withdraw", s): {"desk"} for s in OPEN},
    # send_back and mark_ready at step 1 of 3 are 409 for everyone (first step, not the last step);
    # withdrawing a desk dossier that was GUIDED is 409 (the desk intake ended there).
}


def expected(action: str, state: str, persona: str) -> int:
    roles, states = ACTIONS[action]
    if persona not in roles:
        return 403
    if state not in states or persona not in PASSES.get((action, state), set()):
        return 409
    return 200 if action == "resume" else 422


@pytest.mark.parametrize("state", STATES)
def test_every_action_from_every_state_by_every_role_is_refused_in_the_contract_order(state: str) -> None:
    dossier, cast = make_dossier_in(state)
    events = dossier.events.count()
    wrong = []
    for action, (_roles, _states) in ACTIONS.items():
        personas = STAFF + (["citizen"] if action in {"complete_supplement", "withdraw"} else [])
        personas += ["system"] if action == "withdraw" else []
        for persona in personas:
            got = _outcome(action, persona, dossier, cast)
            if got != expected(action, state, persona):
                wrong.append((action, persona, got, expected(action, state, persona)))
    assert wrong == []
    dossier.refresh_from_db()
    assert dossier.state == state
    assert dossier.events.count() == events


# --- a whole journey ------------------------------------------------------------------------------
def test_an_inter_agency_dossier_goes_through_every_step_and_each_hand_over_is_recorded() -> None:
    dossier, cast = make_dossier_in(State.RETURNED)
    steps = list(dossier.steps.order_by("seq"))
    assert [(s.order, s.agency_id) for s in steps] == [
        (1, cast.agency.pk),
        (2, cast.other.pk),
        (3, cast.agency.pk),
    ]
    assert [s.assignee for s in steps] == [cast.specialist, cast.specialist2, cast.specialist]
    assert all(s.finished_at and s.classification for s in steps)
    assert steps[0].started_at == dossier.clock_start_at
    assert steps[1].started_at == steps[0].finished_at
    assert dossier.finished_at == steps[2].finished_at
    assert dossier.classification == Classification.EARLY
    assert [e.action for e in dossier.events.all()] == [
        "create", "receive", "assign", "forward", "assign", "forward", "assign", "mark_ready", "return_result",
    ]  # fmt: skip
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_the_first_step_starts_at_the_clock_start_and_is_due_after_its_budget() -> None:
    cast = make_cast()
    cast.at(local(2026, 3, 2, 8, 0))
    dossier = receive(cast)
    step = dossier.steps.get()
    assert (step.order, step.agency, step.assignee) == (1, cast.agency, None)
    assert step.started_at == local(2026, 3, 2, 8, 0)
    assert step.due_at == local(2026, 3, 2, 13, 45)  # half a day = 3.75 office hours
    assert (step.budget_value, step.budget_unit) == (1, "HALF_DAYS")


def test_a_version_without_steps_gets_one_step_with_the_whole_limit_at_the_receiving_agency() -> None:
    cast = make_cast(steps=[])
    dossier = receive(cast)
    step = dossier.steps.get()
    assert (step.agency, step.budget_value, step.budget_unit, step.due_at) == (
        cast.agency, 5, "WORKING_DAYS", dossier.due_at,
    )  # fmt: skip


def test_forwarding_to_another_agency_leaves_the_step_for_its_leader_to_assign() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    step = processing.current_step(dossier)
    assert step is not None and (step.order, step.agency, step.assignee) == (2, cast.other, None)
    with pytest.raises(Conflict):  # the receiving agency's specialist no longer holds it
        processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    with pytest.raises(InvalidInput):  # only staff of the agency holding the step
        processing.dossier_assign(
            dossier=dossier, officer=cast.leader2, assignee=cast.specialist, at=cast.tick()
        )


def test_sending_back_returns_the_dossier_to_whoever_handled_the_previous_step() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_send_back(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    step = processing.current_step(dossier)
    assert step is not None and (step.seq, step.order, step.assignee) == (4 - 1, 1, cast.specialist)
    assert dossier.events.last().payload["from_step"] == 2
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_mark_ready_is_only_for_the_last_step() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    with pytest.raises(exceptions.NotLastStep):
        processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())


# --- supplements ----------------------------------------------------------------------------------
def test_a_supplement_request_for_a_document_outside_the_official_list_is_refused() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    other = make_version().documents.first()
    with pytest.raises(NotOnOfficialList):
        processing.dossier_request_supplement(
            dossier=dossier, officer=cast.specialist, documents=[other.pk], reason="Thiếu", at=cast.tick()
        )
    assert not dossier.supplement_requests.exists()


def test_a_supplement_request_pauses_the_clock_and_tells_the_applicant_which_documents_and_how() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    request = dossier.supplement_requests.get()
    assert request.number == f"{dossier.code}/HDHS" and request.stage == SupplementRequest.Stage.PROCESSING
    assert [i.document_id for i in request.items.all()] == [first_document(cast)]
    pause = DossierPause.objects.get(dossier=dossier)
    assert (pause.kind, pause.ended_at, pause.resume_state) == (
        PauseReason.SUPPLEMENT,
        None,
        State.IN_PROGRESS,
    )
    sms = Message.objects.get(template_key="dossier_supplement_requested", channel="SMS")
    assert dossier.code in sms.body and "Tờ khai theo mẫu" in sms.body  # the reason is on the citizen's page
    email = Message.objects.get(template_key="dossier_supplement_requested", channel="EMAIL")
    assert "Tờ khai theo mẫu" in email.body and "Bộ phận tiếp nhận" in email.body


@pytest.mark.parametrize("before", [State.RECEIVED, State.IN_PROGRESS])
def test_completing_a_supplement_returns_to_the_state_before_the_request(before: str) -> None:
    dossier, cast = make_dossier_in(before)
    officer = cast.desk if before == State.RECEIVED else cast.specialist
    processing.dossier_request_supplement(
        dossier=dossier,
        officer=officer,
        documents=[first_document(cast)],
        reason="Thiếu chữ ký",
        at=cast.tick(),
    )
    processing.dossier_complete_supplement(
        dossier=dossier, documents=[DocumentIn(first_document(cast), 1)], at=cast.tick()
    )  # the citizen, online
    assert dossier.state == before
    event = dossier.events.last()
    assert (event.actor_kind, event.officer) == (ActorKind.CITIZEN, None)
    assert dossier.documents.get(document_id=first_document(cast)).originals == 2
    assert dossier.supplement_requests.get().completed_at == cast.now


def test_a_second_supplement_request_by_the_same_agency_is_refused_unless_its_leader_overrides() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    ask = {"dossier": dossier, "documents": [first_document(cast)], "reason": "Còn thiếu"}
    with pytest.raises(exceptions.AlreadyDone):
        processing.dossier_request_supplement(officer=cast.specialist, at=cast.tick(), **ask)
    with pytest.raises(InvalidInput):
        processing.dossier_request_supplement(officer=cast.leader, at=cast.tick(), **ask)
    request = processing.dossier_request_supplement(
        officer=cast.leader, override_reason="Hồ sơ gốc bị rách", at=cast.tick(), **ask
    )
    assert request.number == f"{dossier.code}/HDHS-2"
    event = dossier.events.last()
    assert event.payload["override"] is True and "Hồ sơ gốc bị rách" in event.note.text


@override_settings(DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY=False)
def test_the_once_per_agency_limit_is_a_setting() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    processing.dossier_request_supplement(
        dossier=dossier,
        officer=cast.specialist,
        documents=[first_document(cast)],
        reason="Lại",
        at=cast.tick(),
    )
    assert dossier.state == State.AWAITING_SUPPLEMENT


# --- pauses ---------------------------------------------------------------------------------------
def test_a_pause_needs_a_kind_the_version_allows_and_a_reason() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    for kind, reason in [("PUBLIC_POSTING", "Niêm yết"), ("SUPPLEMENT", "x"), ("VERIFICATION", "  ")]:
        with pytest.raises(InvalidInput):
            processing.dossier_pause(dossier=dossier, officer=cast.specialist, kind=kind, reason=reason)
    assert dossier.state == State.IN_PROGRESS and not dossier.pauses.exists()


def test_a_pause_and_resume_move_the_due_times_and_tell_the_applicant() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    due, step_due = dossier.due_at, processing.current_step(dossier).due_at
    processing.dossier_pause(
        dossier=dossier,
        officer=cast.specialist,
        kind="VERIFICATION",
        reason="Xác minh",
        at=local(2026, 3, 2, 9, 30),
    )
    processing.dossier_resume(
        dossier=dossier, officer=cast.leader, at=local(2026, 3, 3, 9, 30)
    )  # 7.5 h later
    assert dossier.state == State.IN_PROGRESS
    assert dossier.due_at == local(2026, 3, 10, 17, 0) and due == local(2026, 3, 9, 17, 0)
    assert processing.current_step(dossier).due_at == local(2026, 3, 3, 13, 45) and step_due == local(
        2026, 3, 2, 13, 45
    )
    assert any(row["kind"] == "PAUSE" for row in dossier.due_trace)
    assert set(Message.objects.values_list("template_key", flat=True)) >= {
        "dossier_paused",
        "dossier_resumed",
    }
    assert dossier.events.last().payload["due_at"] == "2026-03-10T17:00:00+07:00"


# --- apology, result, stop, withdraw --------------------------------------------------------------
def test_an_apology_is_given_once_with_a_new_date_and_flagged_when_late() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    with pytest.raises(InvalidInput):  # not after the current due time
        processing.dossier_apologise(
            dossier=dossier, officer=cast.leader, reason="Chậm", rescheduled_due_at=dossier.due_at
        )
    processing.dossier_apologise(
        dossier=dossier, officer=cast.leader, reason="Chờ xác minh liên ngành",
        rescheduled_due_at=local(2026, 3, 16, 17, 0), at=local(2026, 3, 9, 8, 0),
    )  # fmt: skip
    assert dossier.rescheduled_due_at == local(2026, 3, 16, 17, 0) and dossier.due_at == local(
        2026, 3, 9, 17, 0
    )
    event = dossier.events.last()
    assert event.payload["late"] is True and event.payload["form"] == f"{dossier.code}/XL"
    assert "16/03/2026" in Message.objects.get(template_key="dossier_apology", channel="SMS").body
    with pytest.raises(exceptions.AlreadyDone):
        processing.dossier_apologise(
            dossier=dossier,
            officer=cast.leader,
            reason="Lần nữa",
            rescheduled_due_at=local(2026, 3, 20, 17, 0),
        )


def test_an_apology_in_good_time_is_not_flagged() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    processing.dossier_apologise(
        dossier=dossier, officer=cast.leader, reason="Chậm", rescheduled_due_at=local(2026, 3, 16, 17, 0),
        at=local(2026, 3, 5, 8, 0),
    )  # fmt: skip
    assert dossier.events.last().payload["late"] is False


def test_returning_the_result_by_post_needs_the_tracking_number() -> None:
    dossier, cast = make_dossier_in(State.RESULT_READY)
    with pytest.raises(InvalidInput):
        processing.dossier_return_result(dossier=dossier, officer=cast.desk, method="POST")
    finished = dossier.finished_at
    processing.dossier_return_result(
        dossier=dossier, officer=cast.desk, method="POST", tracking_number="EV1VN"
    )
    assert dossier.state == State.RETURNED and dossier.finished_at == finished
    assert dossier.events.last().payload == {"method": "POST", "tracking_number": "EV1VN"}
    assert Message.objects.filter(template_key="dossier_returned").exists()


@pytest.mark.parametrize("state", [State.RECEIVED, State.PAUSED, State.AWAITING_SUPPLEMENT])
def test_stopping_finishes_the_dossier_without_a_classification_and_closes_what_is_open(state: str) -> None:
    dossier, cast = make_dossier_in(state)
    processing.dossier_stop(dossier=dossier, officer=cast.leader, reason="Không đủ điều kiện", at=cast.tick())
    assert (dossier.state, dossier.classification, dossier.finished_at) == (State.STOPPED, "", cast.now)
    assert not dossier.steps.filter(finished_at__isnull=True).exists()
    assert not dossier.pauses.filter(ended_at__isnull=True).exists()
    assert dossier.events.last().payload["form"] == f"{dossier.code}/DGQ"
    assert Message.objects.filter(template_key="dossier_stopped").exists()
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_a_citizen_or_the_system_cannot_withdraw_a_received_dossier_but_the_desk_can() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    for kind in (ActorKind.CITIZEN, ActorKind.SYSTEM):
        with pytest.raises(Conflict):
            processing.dossier_withdraw(dossier=dossier, actor_kind=kind)
    processing.dossier_withdraw(
        dossier=dossier, officer=cast.desk, reason="Đơn rút ngày 03/03", at=cast.tick()
    )
    assert (dossier.state, dossier.finished_at, dossier.classification) == (State.WITHDRAWN, cast.now, "")


# --- events ---------------------------------------------------------------------------------------
def test_events_carry_no_personal_data_or_free_text() -> None:
    dossier, _cast = make_dossier_in(State.RETURNED)
    text = json.dumps([e.payload for e in dossier.events.all()], ensure_ascii=False)
    assert '"due_at"' in text and '"classification"' in text  # the facts are there
    for secret in ("Nguyễn Thị Ánh", "0905123456", "056190000123", "anh@example.vn", "Tờ khai chưa ký"):
        assert secret not in text


# --- visibility (CONTRACTS §5, the step rows) -----------------------------------------------------
def test_staff_of_current_and_past_steps_see_the_dossier_and_of_future_steps_do_not() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    future = [cast.leader2, cast.specialist2]
    assert all(dossier not in dossiers_visible_to(u) for u in future)
    assert all(dossier in dossiers_visible_to(u) for u in (cast.leader, cast.specialist, cast.colleague))
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    processing.dossier_forward(dossier=dossier, officer=cast.specialist2, at=cast.tick())
    for user in (cast.leader, cast.specialist, cast.leader2, cast.specialist2):  # current and past
        assert list(dossiers_visible_to(user)) == [dossier]
    for role in (Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER):  # an uninvolved agency sees nothing
        assert not dossiers_visible_to(UserFactory(role=role)).exists()


def test_specialists_see_personal_data_only_on_dossiers_with_a_step_assigned_to_them() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    assert dossier_personal_data_visible(cast.specialist, dossier, channel="PAGE")
    assert not dossier_personal_data_visible(cast.colleague, dossier, channel="PAGE")
