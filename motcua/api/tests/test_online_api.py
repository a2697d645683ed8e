"""`POST /api/v1/dossiers` with `"channel": "ONLINE"`: a public, rate-limited online submission."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
URL = "/api/v1/dossiers"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def version_with(agencies: int = 1, level: str = OnlineLevel.FULL) -> ProcedureVersion:
    return make_version(
        ProcedureFactory(agencies=[AgencyFactory() for _ in range(agencies)]), online_level=level
    )


def payload(version: ProcedureVersion, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "procedure": version.procedure.code,
        "channel": "ONLINE",
        "applicant": {"kind": "PERSON", "name": "Trần Văn Bình", "id_number": "056190000999",
                      "phone": "0912345678", "address": {"province": "Khánh Hòa"}},
        "declaration": True,
        "return_method": "ONLINE",
    }  # fmt: skip
    data.update(overrides)
    return data


def files_for(version: ProcedureVersion, content: bytes = PDF) -> dict[str, Any]:
    return {
        f"document_{d.pk}": SimpleUploadedFile("scan.pdf", content)
        for d in version.documents.filter(mandatory=True)
    }


def post(data: dict[str, Any], files: dict[str, Any], **headers: Any) -> Any:
    return Client().post(URL, data={"payload": json.dumps(data), **files}, **headers)


def test_an_anonymous_online_submission_answers_the_code_and_the_token() -> None:
    version = version_with()
    response = post(payload(version), files_for(version))
    assert response.status_code == 201, response.json()
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code and body["status"] == State.SUBMITTED
    assert body["token"] == dossier_token(dossier.code) and body["received_at"] is None
    assert dossier.channel == "ONLINE" and dossier.documents.get().scan
    assert dossier.online.electronic_result


def test_the_same_idempotency_key_answers_the_same_dossier() -> None:
    version = version_with()
    first = post(payload(version, idempotency_key="api-retry-000001"), files_for(version))
    second = post(payload(version), files_for(version), HTTP_IDEMPOTENCY_KEY="api-retry-000001")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["code"] == second.json()["code"] and Dossier.objects.count() == 1


def test_form_fields_work_as_well_as_a_json_part() -> None:
    version = version_with(level=OnlineLevel.PARTIAL)
    fields = {
        "procedure": version.procedure.code, "channel": "ONLINE", "applicant.kind": "PERSON",
        "applicant.name": "Lê Thị Hoa", "applicant.id_number": "056190000888", "applicant.phone": "0987654321",
        "declaration": "true", "return_method": "DESK",
    }  # fmt: skip
    response = Client().post(URL, data={**fields, **files_for(version)})
    assert response.status_code == 201, response.json()
    assert Dossier.objects.get().applicant_name == "Lê Thị Hoa"


def test_a_file_whose_content_is_not_pdf_jpeg_or_png_is_422() -> None:
    version = version_with()
    response = post(payload(version), files_for(version, b"<html>not a pdf</html>"))
    assert response.status_code == 422
    document = version.documents.get(mandatory=True)
    assert f"document_{document.pk}" in {e["field"] for e in response.json()["errors"]}
    assert not Dossier.objects.exists()


def test_the_receiving_agency_is_required_when_the_version_lists_several() -> None:
    version = version_with(agencies=2)
    response = post(payload(version), files_for(version))
    assert response.status_code == 422
    assert "agency" in {e["field"] for e in response.json()["errors"]}
    agency = version.procedure.agencies.first()
    response = post(payload(version, agency=agency.code), files_for(version))
    assert response.status_code == 201 and response.json()["code"].startswith(agency.code)


def test_online_submissions_are_rate_limited_per_client(settings: Any) -> None:
    settings.ONLINE_SUBMIT_RATE_PER_HOUR = 1
    version = version_with()
    assert post(payload(version), files_for(version)).status_code == 201
    response = post(payload(version), files_for(version))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_a_desk_intake_still_needs_a_staff_token_and_has_no_token_in_its_answer() -> None:
    version = version_with()
    desk_body = {**payload(version), "channel": "DESK", "outcome": "RECEIVE", "return_method": "DESK"}
    anonymous = Client().post(URL, data=desk_body, content_type="application/json")
    assert anonymous.status_code == 401
    agency = version.procedure.agencies.get()
    officer = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    _, key = api_token_issue(user=officer, name="test")
    desk_body["documents"] = [{"document": d.pk, "originals": 1} for d in version.documents.all()]
    response = Client().post(
        URL, data=desk_body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code == 201, response.json()
    assert "token" not in response.json()


# --- the actions of an online dossier through the dispatch table ------------------------------------
def _submitted() -> Dossier:
    version = version_with()
    assert post(payload(version), files_for(version)).status_code == 201
    return Dossier.objects.get()


def _act(dossier: Dossier, action: str, body: dict[str, Any] | None = None, **headers: Any) -> Any:
    return Client().post(
        f"{URL}/{dossier.code}/actions/{action}", data=json.dumps(body or {}), content_type="application/json",
        **headers,
    )  # fmt: skip


def _staff(dossier: Dossier, role: Role) -> dict[str, str]:
    _, key = api_token_issue(user=UserFactory(role=role, agency=dossier.receiving_agency), name="t")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _citizen(dossier: Dossier) -> dict[str, str]:
    return {"HTTP_X_DOSSIER_TOKEN": dossier_token(dossier.code)}


def test_the_action_matrix_of_a_submitted_dossier() -> None:
    dossier = _submitted()
    assert _act(dossier, "receive", **_staff(dossier, Role.SPECIALIST)).status_code == 404  # sees no step yet
    assert _act(dossier, "receive", **_staff(dossier, Role.LEADER)).status_code == 403
    assert _act(dossier, "receive", **_citizen(dossier)).status_code == 403
    assert _act(dossier, "resubmit", **_citizen(dossier)).status_code == 409
    assert _act(dossier, "refuse", {"reason": ""}, **_staff(dossier, Role.DESK_OFFICER)).status_code == 422
    response = _act(dossier, "receive", **_staff(dossier, Role.DESK_OFFICER))
    assert response.status_code == 200 and response.json()["status"] == State.RECEIVED
    assert _act(dossier, "guide", {"documents": []}, **_staff(dossier, Role.DESK_OFFICER)).status_code == 409
    assert _act(dossier, "withdraw", **_citizen(dossier)).status_code == 409


def test_the_action_matrix_of_a_guided_dossier_and_the_citizens_resubmit() -> None:
    import base64

    dossier = _submitted()
    document = dossier.procedure_version.documents.first()
    desk = _staff(dossier, Role.DESK_OFFICER)
    assert _act(dossier, "guide", {"documents": [document.pk], "reason": "Ảnh mờ"}, **desk).status_code == 200
    assert _act(dossier, "receive", **desk).status_code == 409
    assert _act(dossier, "resubmit", **desk).status_code == 403
    assert _act(dossier, "resubmit", {"files": {}}, **_citizen(dossier)).status_code == 422
    files = {str(document.pk): base64.b64encode(PDF).decode()}
    response = _act(dossier, "resubmit", {"files": files}, **_citizen(dossier))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == State.SUBMITTED
    assert _act(dossier, "withdraw", **_citizen(dossier)).status_code == 200
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN


def test_a_token_of_another_dossier_is_404() -> None:
    one = _submitted()
    version = version_with()
    post(payload(version), files_for(version))
    two = Dossier.objects.exclude(pk=one.pk).get()
    response = _act(one, "withdraw", HTTP_X_DOSSIER_TOKEN=dossier_token(two.code))
    assert response.status_code == 404


def test_a_key_sent_again_with_another_applicant_is_409_and_never_hands_out_the_first_dossier() -> None:
    version = version_with()
    first = post(payload(version, idempotency_key="idem-test-1"), files_for(version))
    other = payload(version, idempotency_key="idem-test-1")
    other["applicant"] = {**other["applicant"], "name": "Lê Văn Cường", "id_number": "056190000111",
                          "phone": "0987000111"}  # fmt: skip
    second = post(other, files_for(version))
    assert first.status_code == 201
    assert second.status_code == 409, second.json()
    assert set(second.json()) == {"detail", "errors"}
    assert first.json()["code"] not in second.content.decode() and "token" not in second.json()
    assert Dossier.objects.count() == 1


def test_a_key_sent_again_with_other_files_is_409() -> None:
    version = version_with()
    assert post(payload(version, idempotency_key="idem-test-2"), files_for(version)).status_code == 201
    again = post(payload(version, idempotency_key="idem-test-2"), files_for(version, PDF + b"%%EOF\n"))
    assert again.status_code == 409


def test_the_citizens_action_answer_withholds_personal_data_as_their_page_does() -> None:
    version = version_with()
    body = post(payload(version), files_for(version)).json()
    response = Client().post(
        f"{URL}/{body['code']}/actions/withdraw", "{}", content_type="application/json",
        HTTP_X_DOSSIER_TOKEN=body["token"],
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    answer = response.content.decode()
    assert response.json()["applicant"] == {"masked_name": "Trần V. B."}
    assert "056190000999" not in answer and "912345678" not in answer and "Khánh Hòa" not in answer
    assert set(body) == {"code", "status", "received_at", "due_at", "receipt_url", "token", "url"}
