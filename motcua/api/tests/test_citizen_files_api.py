"""Files a citizen sends through the API (CONTRACTS §7): multipart — one `document_<id>` field per
document — for the online submission and for the answers to the desk (resubmit, supplement); a JSON
body with `files: {"<id>": "<base64>"}` keeps working for existing clients. The refusal order of
§5 holds whatever the body carries."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.roles import Role
from motcua.api.tests.test_online_api import (
    PDF,
    URL,
    _act,
    _citizen,
    _staff,
    _submitted,
    files_for,
    payload,
    post,
    version_with,
)
from motcua.dossiers.models import Dossier, DossierDocument, State

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _multipart(dossier: Dossier, action: str, data: dict[str, Any], **headers: Any) -> Any:
    return Client().post(f"{URL}/{dossier.code}/actions/{action}", data=data, **headers)


def _awaiting_supplement() -> tuple[Dossier, int]:
    dossier = _submitted()
    desk = _staff(dossier, Role.DESK_OFFICER)
    assert _act(dossier, "receive", **desk).status_code == 200
    document = dossier.procedure_version.documents.order_by("order", "pk").first()
    asked = _act(dossier, "request_supplement", {"documents": [document.pk], "reason": "Ảnh mờ"}, **desk)
    assert asked.status_code == 200, asked.json()
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SUPPLEMENT
    return dossier, document.pk


# --- the online submission -------------------------------------------------------------------------------
def test_an_online_submission_in_json_carries_its_files_in_base64() -> None:
    version = version_with()
    files = {str(d.pk): base64.b64encode(PDF).decode() for d in version.documents.filter(mandatory=True)}
    assert files
    response = Client().post(URL, json.dumps(payload(version, files=files)), content_type="application/json")
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    stored = DossierDocument.objects.filter(dossier=dossier).exclude(scan="")
    assert {str(d.document_id) for d in stored} == set(files)
    assert all(d.scan.read() == PDF for d in stored)


def test_an_online_submission_in_json_names_the_file_that_is_not_base64() -> None:
    version = version_with()
    document = version.documents.filter(mandatory=True).first()
    body = payload(version, files={str(document.pk): "không phải base64!"})
    response = Client().post(URL, json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [f"document_{document.pk}"]
    assert "base64" in response.json()["errors"][0]["message"]
    assert not Dossier.objects.exists()


# --- the answers to the desk ---------------------------------------------------------------------------
def test_the_citizen_resubmits_with_multipart_files() -> None:
    dossier = _submitted()
    document = dossier.procedure_version.documents.first()
    desk = _staff(dossier, Role.DESK_OFFICER)
    assert _act(dossier, "guide", {"documents": [document.pk], "reason": "Ảnh mờ"}, **desk).status_code == 200
    upload = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    response = _multipart(dossier, "resubmit", {f"document_{document.pk}": upload}, **_citizen(dossier))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == State.SUBMITTED


@pytest.mark.parametrize("encoding", ["multipart", "json"])
def test_the_citizen_answers_a_supplement_request_with_files(encoding: str) -> None:
    dossier, document = _awaiting_supplement()
    if encoding == "multipart":
        upload = SimpleUploadedFile("bo-sung.pdf", PDF, content_type="application/pdf")
        response = _multipart(
            dossier, "complete_supplement", {f"document_{document}": upload}, **_citizen(dossier)
        )
    else:
        body = {"files": {str(document): base64.b64encode(PDF).decode()}}
        response = _act(dossier, "complete_supplement", body, **_citizen(dossier))
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["status"] == State.RECEIVED and answer["events"][-1]["actor_kind"] == "CITIZEN"
    scan = DossierDocument.objects.get(dossier=dossier, document_id=document).scan
    assert scan and scan.read() == PDF


def test_a_supplement_file_that_is_not_pdf_jpeg_or_png_is_422_naming_it() -> None:
    dossier, document = _awaiting_supplement()
    upload = SimpleUploadedFile("bo-sung.pdf", b"<html>not a pdf</html>")
    response = _multipart(
        dossier, "complete_supplement", {f"document_{document}": upload}, **_citizen(dossier)
    )
    assert response.status_code == 422
    assert f"document_{document}" in [e["field"] for e in response.json()["errors"]]
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SUPPLEMENT


def test_a_multipart_file_under_another_name_is_422() -> None:
    dossier, _document = _awaiting_supplement()
    upload = SimpleUploadedFile("bo-sung.pdf", PDF)
    response = _multipart(dossier, "complete_supplement", {"tep": upload}, **_citizen(dossier))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["files"]


def test_multipart_refusals_keep_the_order_of_contracts_section_5() -> None:
    """A bad file never answers 422 before the 401, 404, 403 or 409 it deserves."""
    dossier, document = _awaiting_supplement()
    bad = {f"document_{document}": SimpleUploadedFile("x.pdf", b"not a pdf"), "files": "x"}
    assert _multipart(dossier, "complete_supplement", bad).status_code == 401
    other = _submitted_elsewhere()
    assert _multipart(other, "complete_supplement", bad, **_citizen(dossier)).status_code == 404
    assert _multipart(dossier, "resubmit", bad, **_staff(dossier, Role.DESK_OFFICER)).status_code == 403
    assert _multipart(dossier, "resubmit", bad, **_citizen(dossier)).status_code == 409
    assert _multipart(dossier, "complete_supplement", bad, **_citizen(dossier)).status_code == 422


def _submitted_elsewhere() -> Dossier:
    version = version_with()
    response = post(payload(version), files_for(version))
    assert response.status_code == 201
    return Dossier.objects.get(code=response.json()["code"])
