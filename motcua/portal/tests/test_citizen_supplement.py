"""The citizen's page shows a supplement request — reason, documents, the paused clock since when — and,
once completed, the new due date (issue 12); the history names the citizen as actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from motcua.dossiers import documents
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import State
from motcua.dossiers.services import dossier_receive
from motcua.dossiers.tests.processing_factories import first_document, make_dossier_in
from motcua.dossiers.tests.test_online import desk_of, submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def page(dossier: Any) -> str:
    return (
        Client().get(f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}", follow=True).content.decode()
    )


def test_the_citizen_sees_the_reason_the_documents_and_since_when_the_clock_is_paused() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    request = dossier.supplement_requests.get()
    html = page(dossier)
    since = timezone.localtime(request.requested_at).strftime("%H:%M %d/%m/%Y")
    assert "Thời hạn giải quyết đang tạm dừng" in html
    assert f"Tạm dừng tính thời hạn từ {since}" in html
    assert "Tờ khai chưa ký" in html  # the reason
    assert cast.version.documents.get(pk=first_document(cast)).name in html
    assert request.number in html


def test_after_the_citizen_completes_it_the_new_due_date_is_shown_and_the_history_names_the_citizen() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    before = dossier.due_at
    token = dossier_token(dossier.code)
    upload = SimpleUploadedFile("to-khai.pdf", PDF)
    response = Client().post(
        f"/ho-so/{dossier.code}/thao-tac/",
        {"t": token, "action": "complete_supplement", f"document_{first_document(cast)}": upload},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS and dossier.due_at > before
    html = page(dossier)
    assert "Thời hạn giải quyết đang tạm dừng" not in html
    new_due = timezone.localtime(dossier.due_at).strftime("%H:%M %d/%m/%Y")
    assert f"hẹn trả kết quả mới: <strong>{new_due}</strong>" in html
    staff = Client()
    staff.force_login(cast.desk)
    history = staff.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert "Người nộp hồ sơ (trực tuyến)" in history
    assert "Tờ khai chưa ký" in history  # the request's note, for staff


def test_a_desk_dossiers_paper_documents_are_not_called_electronic() -> None:
    dossier, _cast = make_dossier_in(State.RECEIVED)
    html = page(dossier)
    assert "bản điện tử" not in html
    assert "1 bản chính, 0 bản sao" in html


def test_another_pause_is_shown_with_its_kind_and_reason() -> None:
    dossier, _cast = make_dossier_in(State.PAUSED)
    html = page(dossier)
    assert "Thời hạn giải quyết đang tạm dừng" in html and "Thời gian xác minh" in html
    assert "Xác minh nguồn gốc" in html


def test_an_online_dossiers_uploads_show_as_electronic_copies_on_the_look_up_and_form_01() -> None:
    dossier = submit().dossier
    dossier_receive(dossier=dossier, officer=desk_of(dossier))
    dossier.refresh_from_db()
    lookup = (
        Client()
        .get(f"/tra-cuu/?code={dossier.code}&t={dossier_token(dossier.code)}", follow=True)
        .content.decode()
    )
    assert "Bản điện tử" in lookup
    form = documents.form01_html(dossier)
    assert '<td class="num" colspan="2">Bản điện tử</td>' in form
    assert '<td class="num">0</td><td class="num">0</td>' not in form
    citizen = page(dossier)
    assert "bản điện tử (tải về)" in citizen
