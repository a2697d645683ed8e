"""Staff API of dossiers (CONTRACTS §7): desk and postal intake, one dossier's record, §5 refusals."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests.factories import make_version
from motcua.dossiers.models import Dossier, SupplementRequest
from motcua.dossiers.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _client(user: User) -> Client:
    _, key = api_token_issue(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


@pytest.fixture
def officer() -> User:
    return UserFactory(role=Role.DESK_OFFICER)


@pytest.fixture
def version(officer: User) -> ProcedureVersion:
    version = make_version(channels=["DESK", "POST", "ONLINE"])
    version.procedure.agencies.add(officer.agency)
    return version


def _body(version: ProcedureVersion, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "procedure": version.procedure.code,
        "channel": "DESK",
        "applicant": {
            "kind": "PERSON",
            "name": "Trần Văn Bình",
            "id_number": "056190000999",
            "phone": "0905 111 222",
            "email": "binh@example.vn",
            "address": {
                "province": "Khánh Hòa",
                "district": "",
                "commune": "Phường Cam Lộc",
                "street": "5 Lê Lợi",
            },
        },
        "documents": [
            {"document": d.pk, "originals": d.originals, "copies": d.copies} for d in version.documents.all()
        ],
        "return_method": "DESK",
        "outcome": "RECEIVE",
    }
    body.update(overrides)
    return body


def _post(client: Client, body: Any) -> Any:
    return client.post("/api/v1/dossiers", body, content_type="application/json")


# --- intake ---------------------------------------------------------------------------------------
def test_a_desk_officer_receives_a_dossier_and_gets_its_code_times_and_receipt(officer, version) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=VN), tick=False):
        response = _post(_client(officer), _body(version))
    assert response.status_code == 201, response.json()
    answer = response.json()
    dossier = Dossier.objects.get()
    assert answer == {
        "code": dossier.code,
        "status": "RECEIVED",
        "received_at": "2026-03-04T09:00:00+07:00",
        "due_at": "2026-03-11T17:00:00+07:00",
        "receipt_url": f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf",
    }
    assert dossier.applicant_phone == "+84905111222"
    assert dossier.procedure_version == version


def test_a_postal_dossier_is_received_when_the_post_delivered_it(officer, version) -> None:  # type: ignore[no-untyped-def]
    body = _body(
        version, channel="POST", return_method="POST",
        postal={"tracking_number": "EV123456789VN", "delivered_at": "2026-03-03T16:00"},
    )  # fmt: skip
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=VN), tick=False):
        response = _post(_client(officer), body)
    assert response.status_code == 201, response.json()
    assert response.json()["received_at"] == "2026-03-03T16:00:00+07:00"  # no offset: Vietnam time
    assert Dossier.objects.get().postal_tracking_number == "EV123456789VN"


def test_guiding_issues_form_02_without_a_due_time(officer, version) -> None:  # type: ignore[no-untyped-def]
    first = version.documents.first()
    body = _body(version, outcome="GUIDE", guide_documents=[first.pk], reason="Tờ khai chưa ký")
    response = _post(_client(officer), body)
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "GUIDED"
    assert response.json()["due_at"] is None and response.json()["receipt_url"] is None
    assert SupplementRequest.objects.get().items.get().document == first


def test_refusing_without_a_reason_is_422_naming_the_field(officer, version) -> None:  # type: ignore[no-untyped-def]
    response = _post(_client(officer), _body(version, outcome="REFUSE"))
    assert response.status_code == 422
    assert "reason" in {e["field"] for e in response.json()["errors"]}
    assert not Dossier.objects.exists()


def test_a_guide_naming_a_document_outside_the_versions_list_is_422(officer, version) -> None:  # type: ignore[no-untyped-def]
    other = make_version().documents.first()
    response = _post(_client(officer), _body(version, outcome="GUIDE", guide_documents=[other.pk]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "guide_documents"
    assert not Dossier.objects.exists()


def test_an_unknown_procedure_code_is_invalid_input_not_a_missing_page(officer, version) -> None:  # type: ignore[no-untyped-def]
    response = _post(_client(officer), _body(version, procedure="9.999999"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "procedure"


def test_bad_applicant_data_is_named_field_by_field(officer, version) -> None:  # type: ignore[no-untyped-def]
    body = _body(version)
    body["applicant"]["id_number"] = "123"
    response = _post(_client(officer), body)
    assert response.status_code == 422
    assert "applicant.id_number" in {e["field"] for e in response.json()["errors"]}


@pytest.mark.parametrize("body", ["{", "[]", '{"procedure": 1}', '{"applicant": "x"}'])
def test_a_malformed_body_is_422_in_the_error_shape(officer, body: str) -> None:  # type: ignore[no-untyped-def]
    response = _client(officer).post("/api/v1/dossiers", body, content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "errors"}


# --- refusal order --------------------------------------------------------------------------------
def test_an_anonymous_caller_is_401_whatever_the_body() -> None:
    assert Client().post("/api/v1/dossiers", "{", content_type="application/json").status_code == 401


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.EDITOR])
def test_staff_who_are_not_desk_officers_get_403_even_with_an_invalid_body(role: Role, version) -> None:  # type: ignore[no-untyped-def]
    client = _client(UserFactory(role=role))
    assert _post(client, {}).status_code == 403
    assert client.post("/api/v1/dossiers", "{", content_type="application/json").status_code == 403
    assert _post(client, _body(version)).status_code == 403
    assert not Dossier.objects.exists()


# --- one dossier ----------------------------------------------------------------------------------
def test_the_record_has_the_contract_fields(officer) -> None:  # type: ignore[no-untyped-def]
    dossier = make_dossier(officer=officer, now=datetime(2026, 3, 4, 9, 0, tzinfo=VN))
    response = _client(officer).get(f"/api/v1/dossiers/{dossier.code}")
    assert response.status_code == 200
    record = response.json()
    assert set(record) >= {
        "code", "status", "channel", "procedure", "version", "receiving_agency", "applicant", "documents",
        "received_at", "clock_start_at", "due_at", "rescheduled_due_at", "finished_at", "classification",
        "current_step", "steps", "events", "trace",
    }  # fmt: skip
    assert record["applicant"]["phone"] == "+84905123456"
    assert record["due_at"] == "2026-03-11T17:00:00+07:00"
    assert record["current_step"]["order"] == 1 and record["current_step"]["agency"] == officer.agency.code
    assert len(record["steps"]) == 1
    assert [e["action"] for e in record["events"]] == ["create", "receive"]
    assert record["events"][1] == {
        "at": "2026-03-04T09:00:00+07:00", "action": "receive", "from": "SUBMITTED", "to": "RECEIVED",
        "agency": officer.agency.code, "actor_kind": "OFFICER",
    }  # fmt: skip
    assert record["trace"] == dossier.due_trace


def test_the_code_is_matched_whatever_its_case_and_separators(officer) -> None:  # type: ignore[no-untyped-def]
    dossier = make_dossier(officer=officer)
    loose = dossier.code.lower().replace("-", "").replace(".", "")
    assert _client(officer).get(f"/api/v1/dossiers/{loose}").json()["code"] == dossier.code


def test_a_desk_officer_of_another_agency_gets_404() -> None:
    dossier = make_dossier()
    stranger = UserFactory(role=Role.DESK_OFFICER)
    assert _client(stranger).get(f"/api/v1/dossiers/{dossier.code}").status_code == 404
    assert _client(stranger).get("/api/v1/dossiers/KHONG-CO").status_code == 404


def test_an_anonymous_caller_gets_401_for_a_record() -> None:
    assert Client().get(f"/api/v1/dossiers/{make_dossier().code}").status_code == 401


def test_an_inspector_without_a_reason_sees_only_the_masked_name_and_nothing_is_logged() -> None:
    dossier = make_dossier()
    response = _client(UserFactory(role=Role.INSPECTOR)).get(f"/api/v1/dossiers/{dossier.code}")
    assert response.status_code == 200
    assert response.json()["applicant"] == {"masked_name": "Nguyễn T. Á."}
    assert "0905123456" not in response.content.decode() and "+84905123456" not in response.content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_an_inspector_stating_a_reason_sees_personal_data_and_the_view_is_logged() -> None:
    dossier = make_dossier()
    inspector = UserFactory(role=Role.INSPECTOR)
    reason = "Thanh tra theo kế hoạch số 12"
    response = _client(inspector).get(
        f"/api/v1/dossiers/{dossier.code}", HTTP_X_ACCESS_REASON=reason.encode().decode("latin-1")
    )
    assert response.json()["applicant"]["id_number"] == "056190000123"
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.subject, log.reason) == (inspector, dossier.subject_ref, reason)


def test_a_desk_officers_view_of_the_record_is_logged(officer) -> None:  # type: ignore[no-untyped-def]
    dossier = make_dossier(officer=officer)
    _client(officer).get(f"/api/v1/dossiers/{dossier.code}")
    assert PersonalDataAccess.objects.filter(user=officer, subject=dossier.subject_ref).count() == 1
