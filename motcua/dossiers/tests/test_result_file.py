"""The result file attached at `mark_ready` (CONTRACTS §4: "result file optional; electronic result
flagged"), returned electronically, and downloaded by the citizen through the token link."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import OnlineLevel, TimeUnit
from motcua.core.exceptions import InvalidInput
from motcua.dossiers import actions, exceptions, online, processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, DossierEvent, State
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.services import dossier_receive
from motcua.dossiers.tests.processing_factories import Cast, _to_last_step, make_dossier_in
from motcua.dossiers.tests.test_online import online_version, submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TEXT = b"Quyet dinh cap giay phep - ban nhap\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name: str = "quyet-dinh-nguyen-van-a.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def at_last_step() -> tuple[Dossier, Cast]:
    """A desk dossier (no online record) at its last step, held by `cast.specialist`."""
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    _to_last_step(dossier, cast)
    dossier.refresh_from_db()
    return dossier, cast


def online_at_last_step() -> tuple[Dossier, Any, Any]:
    """A full online dossier (result asked electronically) at its only step: (dossier, specialist, desk)."""
    version = online_version(
        OnlineLevel.FULL,
        steps=[{"name": "Giải quyết", "budget_value": 5, "budget_unit": TimeUnit.WORKING_DAYS}],
    )
    dossier = submit(version, return_method="ONLINE").dossier
    agency = dossier.receiving_agency
    desk = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    dossier_receive(dossier=dossier, officer=desk)
    leader = UserFactory(role=Role.LEADER, agency=agency)
    specialist = UserFactory(role=Role.SPECIALIST, agency=agency)
    processing.dossier_assign(dossier=dossier, officer=leader, assignee=specialist)
    dossier.refresh_from_db()
    return dossier, specialist, desk


def download(dossier: Dossier, token: str | None = None) -> Any:
    token = dossier_token(dossier.code) if token is None else token
    return Client().get(f"/ho-so/{dossier.code}/ket-qua/?t={token}", follow=True)


def body_of(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def last_event(dossier: Dossier) -> DossierEvent:
    return dossier.events.order_by("-seq").first()


# --- attaching at mark_ready ----------------------------------------------------------------------
def test_mark_ready_keeps_the_result_file_on_a_dossier_without_an_online_record() -> None:
    dossier, cast = at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, result_file=pdf(), at=cast.tick())
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY
    assert dossier.result_file.name.endswith(".pdf") and "nguyen-van-a" not in dossier.result_file.name
    assert dossier.result_file.read() == PDF
    event = last_event(dossier)
    assert event.action == "mark_ready" and event.payload["result_file"] is True
    assert "nguyen" not in str(event.payload) and ".pdf" not in str(event.payload)  # no name, no data
    assert online.has_result_file(dossier)
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_mark_ready_without_a_file_stays_as_before() -> None:
    dossier, cast = at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, at=cast.tick())
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY and not dossier.result_file
    assert "result_file" not in last_event(dossier).payload
    assert download(dossier).status_code == 404  # nothing to download


def test_a_renamed_text_file_is_refused_by_content_and_nothing_changes() -> None:
    dossier, cast = at_last_step()
    events = dossier.events.count()
    with pytest.raises(InvalidInput) as refused:
        processing.dossier_mark_ready(
            dossier=dossier, officer=cast.specialist, result_file=SimpleUploadedFile("ket-qua.pdf", TEXT)
        )
    assert refused.value.status == 422 and [e.field for e in refused.value.errors] == ["result_file"]
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS and not dossier.result_file and dossier.events.count() == events


def test_an_empty_file_is_refused() -> None:
    dossier, cast = at_last_step()
    with pytest.raises(InvalidInput):
        processing.dossier_mark_ready(
            dossier=dossier, officer=cast.specialist, result_file=SimpleUploadedFile("a.pdf", b"")
        )


def test_the_turn_is_checked_before_the_file() -> None:
    dossier, cast = at_last_step()
    with pytest.raises(exceptions.NotYourStep):
        processing.dossier_mark_ready(
            dossier=dossier, officer=cast.colleague, result_file=SimpleUploadedFile("a.pdf", TEXT)
        )


def test_an_online_dossier_keeps_it_on_its_online_record_flagged_electronic() -> None:
    dossier, specialist, _desk = online_at_last_step()
    dossier.online.electronic_result = False  # asked at the desk, say: attaching flags it
    dossier.online.save()
    processing.dossier_mark_ready(dossier=dossier, officer=specialist, result_file=pdf())
    dossier.refresh_from_db()
    record = dossier.online
    assert record.electronic_result and record.result_attached_at is not None
    assert record.result_file.read() == PDF and not dossier.result_file
    assert last_event(dossier).payload["result_file"] is True
    assert dossier_replay(dossier) == dossier_cached(dossier)


# --- returning electronically -----------------------------------------------------------------------
def test_an_online_dossier_is_returned_electronically_once_its_file_is_attached() -> None:
    dossier, specialist, desk = online_at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=specialist, result_file=pdf())
    processing.dossier_return_result(dossier=dossier, officer=desk, method="ONLINE")
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED
    assert last_event(dossier).payload == {"method": "ONLINE", "result_file": True}
    response = download(dossier)
    assert response.status_code == 200 and body_of(response) == PDF
    assert dossier_replay(dossier) == dossier_cached(dossier)


def test_an_online_dossier_without_a_result_file_cannot_be_returned_electronically() -> None:
    dossier, specialist, desk = online_at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=specialist)
    with pytest.raises(InvalidInput) as refused:
        processing.dossier_return_result(dossier=dossier, officer=desk, method="ONLINE")
    assert [e.field for e in refused.value.errors] == ["method"]
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY


def test_electronic_is_another_name_for_the_online_return_method() -> None:
    dossier, _cast = make_dossier_in(State.RESULT_READY)
    assert actions.parse_return_result(dossier, {"method": "electronic"})["method"] == "ONLINE"


# --- the parser: a form's upload or base64 in JSON -----------------------------------------------------
def test_the_parser_takes_an_upload_or_base64_and_refuses_anything_else() -> None:
    dossier, _cast = at_last_step()
    upload = pdf()
    assert actions.parse_mark_ready(dossier, {}) == {}
    assert actions.parse_mark_ready(dossier, {"result_file": ""}) == {}
    assert actions.parse_mark_ready(dossier, {"result_file": upload}) == {"result_file": upload}
    decoded = actions.parse_mark_ready(dossier, {"result_file": base64.b64encode(PDF).decode()})
    assert decoded["result_file"].read() == PDF
    for bad in ("không phải base64!", 12, ["a", "b"]):
        with pytest.raises(InvalidInput) as refused:
            actions.parse_mark_ready(dossier, {"result_file": bad})
        assert refused.value.errors[0].field == "result_file"


# --- the citizen's download ----------------------------------------------------------------------------
def test_the_citizen_downloads_the_result_as_an_attachment_not_cached() -> None:
    dossier, cast = at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, result_file=pdf(), at=cast.tick())
    response = download(dossier)
    assert response.status_code == 200 and body_of(response) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"ket-qua-{dossier.code_key}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    page = Client().get(f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}", follow=True)
    assert page.status_code == 200 and f'href="/ho-so/{dossier.code}/ket-qua/"' in page.content.decode()
    events = dossier.events.count()
    download(dossier)
    assert dossier.events.count() == events  # a download is not an event


def test_another_dossiers_token_or_none_is_a_404() -> None:
    dossier, cast = at_last_step()
    processing.dossier_mark_ready(dossier=dossier, officer=cast.specialist, result_file=pdf(), at=cast.tick())
    other, _ = make_dossier_in(State.RECEIVED)
    assert download(dossier, token=dossier_token(other.code)).status_code == 404
    assert download(dossier, token="").status_code == 404
    assert download(dossier, token="x" * 20).status_code == 404


def test_nothing_to_download_before_the_result_is_ready() -> None:
    dossier, specialist, _desk = online_at_last_step()
    online.dossier_attach_result(dossier=dossier, officer=specialist, file=pdf())  # attached early
    assert download(dossier).status_code == 404
    page = Client().get(f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}", follow=True)
    assert "/ket-qua/" not in page.content.decode()
    processing.dossier_mark_ready(dossier=dossier, officer=specialist)
    assert download(dossier).status_code == 200
