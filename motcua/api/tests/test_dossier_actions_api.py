"""`POST /api/v1/dossiers/{code}/actions/{action}` (CONTRACTS §4, §7): every action for the right
role, and the refusals in the order of §5 — 401, 404, 403, 409, 422."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import make_version
from motcua.dossiers import actions, processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.records import dossier_record
from motcua.dossiers.tests.processing_factories import (
    Cast,
    _to_last_step,
    first_document,
    make_cast,
    make_dossier_in,
)

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    _, key = api_token_issue(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _post(client: Client, dossier: Dossier, action: str, body: Any, cast: Cast, **headers: str) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    with time_machine.travel(cast.tick(), tick=False):
        return client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/{action}",
            data,
            content_type="application/json",
            **headers,
        )


def _at_step_2(cast: Cast) -> Dossier:
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    return dossier


def _at_last_step(cast: Cast) -> Dossier:
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    _to_last_step(dossier, cast)
    return dossier


# (action, how to reach the dossier, who acts, the body, the state after)
Setup = Callable[[Cast], Dossier]
CASES: list[tuple[str, Setup, str, Callable[[Cast], dict[str, Any]], str]] = [
    ("assign", lambda c: make_dossier_in(State.RECEIVED, c)[0], "leader",
     lambda c: {"assignee": c.specialist.username}, State.IN_PROGRESS),
    ("forward", lambda c: make_dossier_in(State.IN_PROGRESS, c)[0], "specialist",
     lambda c: {"assignee": c.specialist2.username}, State.IN_PROGRESS),
    ("send_back", _at_step_2, "leader2", lambda c: {}, State.IN_PROGRESS),
    ("request_supplement", lambda c: make_dossier_in(State.IN_PROGRESS, c)[0], "specialist",
     lambda c: {"documents": [first_document(c)], "reason": "Tờ khai chưa ký"}, State.AWAITING_SUPPLEMENT),
    ("complete_supplement", lambda c: make_dossier_in(State.AWAITING_SUPPLEMENT, c)[0], "desk",
     lambda c: {"documents": [{"document": first_document(c), "originals": 1, "copies": 0}]}, State.IN_PROGRESS),
    ("pause", lambda c: make_dossier_in(State.IN_PROGRESS, c)[0], "specialist",
     lambda c: {"kind": "VERIFICATION", "reason": "Xác minh nguồn gốc đất"}, State.PAUSED),
    ("resume", lambda c: make_dossier_in(State.PAUSED, c)[0], "specialist", lambda c: {}, State.IN_PROGRESS),
    ("apologise", lambda c: make_dossier_in(State.IN_PROGRESS, c)[0], "leader",
     lambda c: {"rescheduled_due_at": "2026-03-16T16:00", "reason": "Chờ ý kiến cơ quan thuế"}, State.IN_PROGRESS),
    ("mark_ready", _at_last_step, "specialist", lambda c: {}, State.RESULT_READY),
    ("return_result", lambda c: make_dossier_in(State.RESULT_READY, c)[0], "desk",
     lambda c: {"method": "POST", "tracking_number": "EB123456789VN"}, State.RETURNED),
    ("stop", lambda c: make_dossier_in(State.IN_PROGRESS, c)[0], "leader",
     lambda c: {"reason": "Người nộp đề nghị dừng"}, State.STOPPED),
    ("withdraw", lambda c: make_dossier_in(State.RECEIVED, c)[0], "desk",
     lambda c: {"reason": "Đơn đề nghị rút hồ sơ ngày 02/03/2026"}, State.WITHDRAWN),
]  # fmt: skip


def test_the_table_has_every_action_of_contracts_section_4_after_the_desk_check() -> None:
    assert set(actions.ACTIONS) >= {
        "assign", "forward", "send_back", "request_supplement", "complete_supplement", "pause", "resume",
        "apologise", "mark_ready", "return_result", "stop", "withdraw",
    }  # fmt: skip


@pytest.mark.parametrize(("action", "setup", "who", "body", "after"), CASES, ids=[c[0] for c in CASES])
def test_each_action_runs_for_the_right_role_and_answers_the_dossier(
    action: str, setup: Setup, who: str, body: Callable[[Cast], dict[str, Any]], after: str
) -> None:
    cast = make_cast()
    dossier = setup(cast)
    events = dossier.events.count()
    response = _post(_client(getattr(cast, who)), dossier, action, body(cast), cast)
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["code"] == dossier.code and answer["status"] == after
    assert answer["events"][-1]["action"] == action
    dossier.refresh_from_db()
    assert dossier.state == after and dossier.events.count() == events + 1
    assert {"current_step", "steps", "trace", "applicant"} <= set(answer)


def test_the_answer_has_the_current_step_and_the_steps() -> None:
    cast = make_cast()
    dossier, cast = make_dossier_in(State.RECEIVED, cast)
    answer = _post(_client(cast.leader), dossier, "assign", {"assignee": cast.specialist.pk}, cast).json()
    assert answer["current_step"]["order"] == 1
    assert answer["current_step"]["agency"] == cast.agency.code
    assert answer["current_step"]["assignee"] == cast.specialist.username
    assert answer["current_step"]["due_at"].endswith("+07:00")
    answer = _post(_client(cast.specialist), dossier, "forward", {}, cast).json()
    assert [s["order"] for s in answer["steps"]] == [1, 2]
    assert answer["steps"][0]["finished_at"] and answer["steps"][0]["classification"] in {"EARLY", "ON_TIME"}
    assert answer["current_step"] == {
        "order": 2, "name": "Thẩm định", "agency": cast.other.code, "assignee": None,
        "due_at": answer["steps"][1]["due_at"],
    }  # fmt: skip


def test_while_paused_the_record_shows_the_due_time_as_it_stands_now() -> None:
    dossier, cast = make_dossier_in(State.PAUSED)
    stored = dossier.due_at
    client = _client(cast.leader)
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=stored.tzinfo), tick=False):
        answer = client.get(f"/api/v1/dossiers/{dossier.code}").json()
    assert answer["status"] == State.PAUSED
    assert answer["due_at"] > stored.isoformat()  # moved by the office time elapsed since the pause


# --- refusals, in the order of CONTRACTS §5 -------------------------------------------------------------
def test_anonymous_callers_get_401() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    response = _post(Client(), dossier, "assign", {}, cast)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_bad_staff_token_gets_401() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    response = _post(Client(HTTP_AUTHORIZATION="Token sai"), dossier, "assign", {}, cast)
    assert response.status_code == 401


def test_staff_of_another_agency_get_404_whatever_they_send() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    stranger = UserFactory(role=Role.LEADER, agency=AgencyFactory())
    for body in ({}, {"assignee": cast.specialist.username}, "không phải JSON"):
        assert _post(_client(stranger), dossier, "assign", body, cast).status_code == 404


def test_an_unknown_action_is_404() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    response = _post(_client(cast.leader), dossier, "approve", {}, cast)
    assert response.status_code == 404


def test_an_unknown_dossier_is_404() -> None:
    cast = make_cast()
    dossier = Dossier(code="000.00.00.X99-260302-9999")
    assert _post(_client(cast.leader), dossier, "assign", {}, cast).status_code == 404


@pytest.mark.parametrize(
    ("action", "state", "who"),
    [
        ("assign", State.RECEIVED, "specialist"),
        ("assign", State.RECEIVED, "desk"),
        ("return_result", State.RESULT_READY, "leader"),
        ("stop", State.IN_PROGRESS, "desk"),
        ("complete_supplement", State.AWAITING_SUPPLEMENT, "leader"),
        ("withdraw", State.RECEIVED, "leader"),
        ("assign", State.RECEIVED, "supervisor"),
        ("stop", State.IN_PROGRESS, "inspector"),
    ],
)
def test_a_role_that_can_never_do_the_action_gets_403(action: str, state: str, who: str) -> None:
    dossier, cast = make_dossier_in(state)
    events = dossier.events.count()
    response = _post(_client(getattr(cast, who)), dossier, action, {"nonsense": True}, cast)
    assert response.status_code == 403, response.json()
    assert dossier.events.count() == events


@pytest.mark.parametrize(
    ("action", "state", "who", "body"),
    [
        ("assign", State.RETURNED, "leader", {"assignee": "canbo"}),
        ("resume", State.IN_PROGRESS, "specialist", {}),
        ("return_result", State.IN_PROGRESS, "desk", {"method": "DESK", "received_by": "A"}),
        ("mark_ready", State.IN_PROGRESS, "specialist", {}),  # not the last step
        ("send_back", State.IN_PROGRESS, "specialist", {}),  # the first step
        ("forward", State.IN_PROGRESS, "colleague", {}),  # not their step
        ("complete_supplement", State.IN_PROGRESS, "desk", {"documents": []}),
        ("stop", State.STOPPED, "leader", {"reason": "lần nữa"}),
    ],
)
def test_the_wrong_state_or_turn_gets_409(action: str, state: str, who: str, body: dict[str, Any]) -> None:
    dossier, cast = make_dossier_in(state)
    response = _post(_client(getattr(cast, who)), dossier, action, body, cast)
    assert response.status_code == 409, response.json()
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "body", ["{không phải json", [1, 2], {"assignee": ["a", "b"]}, {"assignee": "khong-co"}]
)
def test_the_state_is_checked_before_the_body(body: Any) -> None:
    dossier, cast = make_dossier_in(State.RETURNED)
    response = _post(_client(cast.leader), dossier, "assign", body, cast)
    assert response.status_code == 409


def test_a_second_apology_is_409() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    body = {"rescheduled_due_at": "2026-03-16T16:00", "reason": "Chờ ý kiến cơ quan thuế"}
    assert _post(_client(cast.leader), dossier, "apologise", body, cast).status_code == 200
    assert _post(_client(cast.leader), dossier, "apologise", body, cast).status_code == 409


@pytest.mark.parametrize(
    ("action", "state", "who", "body", "field"),
    [
        ("assign", State.RECEIVED, "leader", {"assignee": "khong-co-ai"}, "assignee"),
        ("assign", State.RECEIVED, "leader", {}, "assignee"),
        ("pause", State.IN_PROGRESS, "specialist", {"kind": "HOLIDAY", "reason": "x"}, "kind"),
        ("pause", State.IN_PROGRESS, "specialist", {"kind": "VERIFICATION", "reason": "  "}, "reason"),
        ("apologise", State.IN_PROGRESS, "leader", {"rescheduled_due_at": "mai", "reason": "x"}, "rescheduled_due_at"),
        ("apologise", State.IN_PROGRESS, "leader", {"rescheduled_due_at": "2026-03-03T08:00", "reason": "x"},
         "rescheduled_due_at"),
        ("request_supplement", State.IN_PROGRESS, "specialist", {"documents": ["một"], "reason": "x"}, "documents"),
        ("request_supplement", State.IN_PROGRESS, "specialist", {"documents": [], "reason": "x"}, "documents"),
        ("return_result", State.RESULT_READY, "desk", {"method": "POST"}, "tracking_number"),
        ("stop", State.IN_PROGRESS, "leader", {"reason": 5}, "reason"),
        ("withdraw", State.RECEIVED, "desk", {}, "reason"),
    ],
)  # fmt: skip
def test_bad_input_gets_422_naming_the_field_in_vietnamese(
    action: str, state: str, who: str, body: dict[str, Any], field: str
) -> None:
    dossier, cast = make_dossier_in(state)
    events = dossier.events.count()
    response = _post(_client(getattr(cast, who)), dossier, action, body, cast)
    assert response.status_code == 422, response.json()
    answer = response.json()
    assert answer["detail"] and field in [e["field"] for e in answer["errors"]]
    assert dossier.events.count() == events


def test_a_body_that_is_not_a_json_object_is_422() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    for body in ("{không phải json", [1, 2], "null"):
        assert _post(_client(cast.specialist), dossier, "forward", body, cast).status_code == 422


def test_a_document_outside_the_official_list_is_refused() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    other = make_version().documents.first()
    body = {"documents": [other.pk], "reason": "Thiếu giấy"}
    response = _post(_client(cast.specialist), dossier, "request_supplement", body, cast)
    assert response.status_code == 422
    assert "danh mục" in response.json()["detail"]
    assert not dossier.supplement_requests.exists()


# --- the citizen's token ----------------------------------------------------------------------------------
@pytest.fixture
def citizen_complete() -> Iterator[None]:
    """The citizen variant of complete_supplement, as the online-submission work registers it."""
    saved = dict(actions.ACTIONS)
    actions.citizen_variant("complete_supplement")
    yield
    actions.ACTIONS.clear()
    actions.ACTIONS.update(saved)


def test_a_token_of_another_dossier_is_404(citizen_complete: None) -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    other, _cast = make_dossier_in(State.RECEIVED)
    token = dossier_token(other.code)
    response = _post(Client(), dossier, "complete_supplement", {}, cast, HTTP_X_DOSSIER_TOKEN=token)
    assert response.status_code == 404


def test_the_citizen_may_not_attempt_a_staff_action_with_the_right_token() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    token = dossier_token(dossier.code)
    response = _post(Client(), dossier, "assign", {}, cast, HTTP_X_DOSSIER_TOKEN=token)
    assert response.status_code == 403


def test_the_citizen_completes_the_supplement_with_the_dossier_token(citizen_complete: None) -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    token = dossier_token(dossier.code)
    body = {"documents": [first_document(cast)]}
    response = _post(Client(), dossier, "complete_supplement", body, cast, HTTP_X_DOSSIER_TOKEN=token.upper())
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["status"] == State.IN_PROGRESS
    assert answer["events"][-1]["actor_kind"] == "CITIZEN"
    assert answer["steps"] and all(step["assignee"] is None for step in answer["steps"])  # no usernames


def test_the_citizen_hears_409_in_the_wrong_state(citizen_complete: None) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    token = dossier_token(dossier.code)
    response = _post(Client(), dossier, "complete_supplement", {}, cast, HTTP_X_DOSSIER_TOKEN=token)
    assert response.status_code == 409


def test_each_action_is_one_operation_of_the_openapi_document_with_its_own_body() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/dossiers/{code}/actions/{action}" not in paths  # the catch-all answers 404 only
    bodies = {}
    for name in actions.ACTIONS:
        operation = paths[f"/api/v1/dossiers/{{code}}/actions/{name}"]["post"]
        assert operation["operationId"] == f"dossier_action_{name}"
        bodies[name] = operation["requestBody"]["content"]["application/json"]["schema"]
    assert bodies["assign"]["properties"].keys() == {"assignee"}
    assert bodies["apologise"]["properties"].keys() == {"reason", "rescheduled_due_at"}
    assert bodies["return_result"]["properties"].keys() == {"method", "tracking_number", "received_by"}
    assert bodies["resume"].get("properties", {}) == {}


def test_an_action_posted_to_a_name_outside_the_table_is_401_then_404() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    assert _post(Client(), dossier, "fly_away", {}, cast).status_code == 401
    assert _post(_client(cast.leader), dossier, "fly_away", {}, cast).status_code == 404


# --- the result file at mark_ready: base64 in the JSON body -----------------------------------------------
RESULT_PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.usefixtures("_media")
def test_mark_ready_takes_the_result_file_as_multipart() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    cast = make_cast()
    dossier = _at_last_step(cast)
    upload = SimpleUploadedFile("ket-qua.pdf", RESULT_PDF, content_type="application/pdf")
    with time_machine.travel(cast.tick(), tick=False):
        response = _client(cast.specialist).post(
            f"/api/v1/dossiers/{dossier.code}/actions/mark_ready", {"result_file": upload}
        )
    assert response.status_code == 200, response.json()
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY and dossier.result_file.read() == RESULT_PDF


@pytest.mark.usefixtures("_media")
def test_mark_ready_takes_the_result_file_in_base64() -> None:
    import base64

    cast = make_cast()
    dossier = _at_last_step(cast)
    body = {"result_file": base64.b64encode(RESULT_PDF).decode()}
    response = _post(_client(cast.specialist), dossier, "mark_ready", body, cast)
    assert response.status_code == 200, response.json()
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY and dossier.result_file.read() == RESULT_PDF
    assert response.json()["events"][-1]["action"] == "mark_ready"


@pytest.mark.usefixtures("_media")
@pytest.mark.parametrize("content", ["pas de base64 !", "Q2hpIGxhIHZhbiBiYW4K"])  # the second: plain text
def test_a_result_file_that_is_not_base64_or_not_pdf_jpeg_png_is_422(content: str) -> None:
    cast = make_cast()
    dossier = _at_last_step(cast)
    response = _post(_client(cast.specialist), dossier, "mark_ready", {"result_file": content}, cast)
    assert response.status_code == 422
    assert "result_file" in json.dumps(response.json())
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS


def test_the_supervisor_designates_the_agency_at_fault_through_the_api() -> None:
    cast = make_cast()
    dossier = _at_step_2(cast)
    body = {"agency": cast.other.code, "reason": "Chi cục Thuế chậm"}
    assert _post(_client(cast.leader), dossier, "designate_fault", body, cast).status_code == 403
    refused = _post(_client(cast.supervisor), dossier, "designate_fault", {"agency": "000.99.99.H99"}, cast)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} >= {"agency"}
    answer = _post(_client(cast.supervisor), dossier, "designate_fault", body, cast)
    assert answer.status_code == 200, answer.content
    assert dossier.fault_designations.get().agency == cast.other


def test_the_record_lists_the_supervisors_fault_designations_with_the_reason_unless_redacted() -> None:
    cast = make_cast()
    dossier = _at_step_2(cast)
    assert _client(cast.leader).get(f"/api/v1/dossiers/{dossier.code}").json()["fault_designations"] == []
    first_at, second_at = cast.tick(), cast.tick()
    processing.dossier_designate_fault(
        dossier=dossier, officer=cast.supervisor, agency=cast.other, reason="Chi cục Thuế chậm", at=first_at
    )
    processing.dossier_designate_fault(
        dossier=dossier,
        officer=cast.supervisor,
        agency=cast.agency,
        reason="Bộ phận một cửa chậm",
        at=second_at,
    )
    record = _client(cast.leader).get(f"/api/v1/dossiers/{dossier.code}").json()
    assert record["fault_designations"] == [
        {"at": first_at.isoformat(), "agency": cast.other.code, "by": cast.supervisor.username,
         "reason": "Chi cục Thuế chậm"},
        {"at": second_at.isoformat(), "agency": cast.agency.code, "by": cast.supervisor.username,
         "reason": "Bộ phận một cửa chậm"},
    ]  # fmt: skip
    note = dossier.fault_designations.order_by("designated_at").first().note
    note.text, note.redacted_at = "", cast.tick()
    note.save()
    record = _client(cast.leader).get(f"/api/v1/dossiers/{dossier.code}").json()
    assert [d["reason"] for d in record["fault_designations"]] == [None, "Bộ phận một cửa chậm"]
    # The citizen's answer (token actions) is not staff's record: no designations there.
    assert "fault_designations" not in dossier_record(dossier, personal=True, for_citizen=True)
