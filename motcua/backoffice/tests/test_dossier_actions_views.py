"""The action forms of the dossier page: which forms each officer sees, the POST of each action
through the dispatch table, refusals shown on the page again (403, 409, 422), the step list and
the new forms' links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.dossiers import actions, processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.processing_factories import Cast, first_document, make_cast, make_dossier_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user: Any, dossier: Dossier) -> Any:
    return client_for(user).get(f"/quan-tri/ho-so/{dossier.code}/")


def act(user: Any, dossier: Dossier, action: str, cast: Cast, data: dict[str, Any] | None = None) -> Any:
    with time_machine.travel(cast.tick(), tick=False):
        return client_for(user).post(f"/quan-tri/ho-so/{dossier.code}/thao-tac/{action}/", data or {})


def test_available_actions_follow_the_role_the_state_and_the_step() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    # the reception step: the leader of its agency and the desk may forward it (CONTRACTS §4)
    assert actions.available_actions(dossier, cast.leader) == [
        "assign",
        "forward",
        "pause",
        "apologise",
        "stop",
    ]
    assert actions.available_actions(dossier, cast.desk) == ["forward", "request_supplement", "withdraw"]
    assert actions.available_actions(dossier, cast.specialist) == []
    assert actions.available_actions(dossier, cast.supervisor) == ["designate_fault"]
    processing.dossier_assign(dossier=dossier, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert actions.available_actions(dossier, cast.specialist) == ["forward", "request_supplement", "pause"]
    assert actions.available_actions(dossier, cast.colleague) == []
    assert actions.available_actions(dossier, cast.leader2) == []


def test_the_page_shows_the_forms_the_officer_may_use_with_the_step_agencys_staff() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    html = page(cast.leader, dossier).content.decode()
    assert 'id="action-assign"' in html and 'id="action-stop"' in html and 'id="action-send_back"' not in html
    assign = html.split('id="action-assign"')[1].split("</form>")[0]
    assert cast.specialist.username in assign and cast.colleague.username in assign
    assert cast.specialist2.username not in assign  # another agency's staff are not offered to assign
    forward = html.split('id="action-forward"')[1].split("</form>")[0]
    assert cast.specialist2.username in forward  # … but to forward to: the next step is theirs
    assert 'id="action-assign"' not in page(cast.desk, dossier).content.decode()


def test_the_leader_assigns_from_the_page_and_sees_a_message() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    client = client_for(cast.leader)
    with time_machine.travel(cast.tick(), tick=False):
        response = client.post(
            f"/quan-tri/ho-so/{dossier.code}/thao-tac/assign/", {"assignee": cast.specialist.username}
        )
    assert response.status_code == 302 and response["Location"] == f"/quan-tri/ho-so/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    assert "Đã thực hiện: Phân công xử lý." in client.get(response["Location"]).content.decode()


def test_a_supplement_request_offers_only_the_official_list_and_runs() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    html = page(cast.specialist, dossier).content.decode()
    official = list(cast.version.documents.all())
    for document in official:
        assert f'name="documents" value="{document.pk}"' in html
    assert html.count('name="documents"') == len(official)
    response = act(cast.specialist, dossier, "request_supplement", cast,
                   {"documents": [first_document(cast)], "reason": "Tờ khai chưa ký"})  # fmt: skip
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SUPPLEMENT
    html = page(cast.desk, dossier).content.decode()
    assert 'id="action-complete_supplement"' in html and "mau-02.pdf?so=1" in html
    assert (
        act(
            cast.desk, dossier, "complete_supplement", cast, {"documents": [first_document(cast)]}
        ).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS


def test_a_leader_asking_again_sees_the_override_field() -> None:
    dossier, cast = make_dossier_in(State.AWAITING_SUPPLEMENT)
    processing.dossier_complete_supplement(dossier=dossier, officer=cast.desk, at=cast.tick())
    html = page(cast.leader, Dossier.objects.get(pk=dossier.pk)).content.decode()
    assert 'name="override_reason"' in html
    data = {
        "documents": [first_document(cast)],
        "reason": "Thiếu chữ ký",
        "override_reason": "Bản khai mới sai",
    }
    assert act(cast.leader, dossier, "request_supplement", cast, data).status_code == 302
    assert dossier.supplement_requests.count() == 2


def test_invalid_input_shows_the_page_again_with_422_and_the_message() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    response = act(cast.specialist, dossier, "pause", cast, {"kind": "VERIFICATION", "reason": " "})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "Nêu rõ lý do tạm dừng." in html
    assert 'aria-invalid="true"' in html
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS


def test_the_wrong_state_shows_the_page_again_with_409() -> None:
    dossier, cast = make_dossier_in(State.RESULT_READY)
    response = act(cast.leader, dossier, "stop", cast, {"reason": "x"})
    assert response.status_code == 409
    assert "Không thực hiện được thao tác này" in response.content.decode()


def test_a_role_that_can_never_do_it_shows_the_page_again_with_403() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    response = act(cast.desk, dossier, "assign", cast, {"assignee": cast.specialist.username})
    assert response.status_code == 403
    assert "Vai trò" in response.content.decode()


def test_strangers_get_404_and_anonymous_visitors_the_log_in() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    stranger = UserFactory(role=Role.LEADER, agency=AgencyFactory())
    assert act(stranger, dossier, "assign", cast, {"assignee": cast.specialist.username}).status_code == 404
    assert act(cast.leader, dossier, "approve", cast).status_code == 404
    response = Client().post(f"/quan-tri/ho-so/{dossier.code}/thao-tac/assign/", {})
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    supervisor = act(cast.supervisor, dossier, "assign", cast, {"assignee": cast.specialist.username})
    assert supervisor.status_code == 403  # sees the dossier, never acts on it
    assert client_for(cast.leader).get(f"/quan-tri/ho-so/{dossier.code}/thao-tac/assign/").status_code == 302


def test_the_page_lists_the_steps_and_links_the_forms_04_05_06() -> None:
    cast = make_cast()
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    # The tax office holds the dossier now and no step has overrun: its leader signs the apology.
    processing.dossier_apologise(dossier=dossier, officer=cast.leader2, reason="Chậm", at=cast.tick(),
                                 rescheduled_due_at=dossier.due_at.replace(day=16))  # fmt: skip
    processing.dossier_stop(dossier=dossier, officer=cast.leader, reason="Dừng", at=cast.tick())
    html = page(cast.leader, Dossier.objects.get(pk=dossier.pk)).content.decode()
    assert "Các bước xử lý" in html and "Thẩm định" in html and cast.other.name in html
    for form in ("04", "05", "06"):
        assert f"mau-{form}.pdf" in html


def test_each_remaining_action_runs_from_the_page() -> None:
    cast = make_cast()
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    assert act(cast.specialist, dossier, "forward", cast, {"assignee": ""}).status_code == 302
    assert act(cast.leader2, dossier, "send_back", cast).status_code == 302
    assert (
        act(
            cast.specialist, dossier, "pause", cast, {"kind": "VERIFICATION", "reason": "Xác minh"}
        ).status_code
        == 302
    )
    assert act(cast.specialist, dossier, "resume", cast).status_code == 302
    data = {"reason": "Chậm do cơ quan thuế", "rescheduled_due_at": "2026-03-16T16:00"}
    assert act(cast.leader, dossier, "apologise", cast, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at is not None and dossier.state == State.IN_PROGRESS
    ready, cast2 = make_dossier_in(State.RESULT_READY)
    data = {"method": "DESK", "received_by": "Nguyễn Thị Ánh", "tracking_number": ""}
    assert act(cast2.desk, ready, "return_result", cast2, data).status_code == 302
    ready.refresh_from_db()
    assert ready.state == State.RETURNED
    received, cast3 = make_dossier_in(State.RECEIVED)
    assert act(cast3.desk, received, "withdraw", cast3, {"reason": "Đơn ngày 02/03/2026"}).status_code == 302
    received.refresh_from_db()
    assert received.state == State.WITHDRAWN


def test_the_desk_guides_a_submitted_online_dossier_from_the_page_with_documents_of_the_list_only(
    client: Client,
    settings,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from motcua.dossiers.tests.test_online import desk_of, submit

    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = submit().dossier
    client.force_login(desk_of(dossier))
    page = client.get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert 'id="action-guide"' in page and 'id="action-refuse"' in page
    first = dossier.procedure_version.documents.first()
    assert f'id="id_guide_doc_{first.pk}"' in page
    response = client.post(
        f"/quan-tri/ho-so/{dossier.code}/thao-tac/guide/",
        {"documents": [str(first.pk)], "reason": "Ảnh chụp bị mờ"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "GUIDED"


def test_the_desk_refuses_a_submitted_online_dossier_with_a_reason(
    client: Client, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from motcua.dossiers.tests.test_online import desk_of, submit

    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = submit().dossier
    client.force_login(desk_of(dossier))
    assert client.post(f"/quan-tri/ho-so/{dossier.code}/thao-tac/refuse/", {"reason": ""}).status_code == 422
    assert (
        client.post(
            f"/quan-tri/ho-so/{dossier.code}/thao-tac/refuse/", {"reason": "Sai thẩm quyền"}
        ).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.state == "REFUSED"


# --- the result file at mark_ready (multipart form) ---------------------------------------------------
RESULT_PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _at_last_step() -> tuple[Dossier, Cast]:
    from motcua.dossiers.tests.processing_factories import _to_last_step

    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    _to_last_step(dossier, cast)
    return dossier, cast


def test_the_mark_ready_form_is_multipart_with_a_file_input() -> None:
    dossier, cast = _at_last_step()
    html = page(cast.specialist, dossier).content.decode()
    form = html[html.index('id="action-mark_ready"') - 200 : html.index('id="action-mark_ready"') + 2000]
    assert 'enctype="multipart/form-data"' in form
    assert 'type="file" id="id_mark_ready_result_file" name="result_file"' in form


def test_the_specialist_marks_ready_attaching_the_result_file() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier, cast = _at_last_step()
    upload = SimpleUploadedFile("quyet-dinh.pdf", RESULT_PDF, content_type="application/pdf")
    response = act(cast.specialist, dossier, "mark_ready", cast, {"result_file": upload})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY and dossier.result_file.read() == RESULT_PDF
    assert dossier.events.order_by("-seq").first().payload["result_file"] is True
    html = page(cast.desk, dossier).content.decode()
    assert "Đã có tệp kết quả điện tử" in html


def test_a_renamed_text_file_is_refused_on_the_page_with_422() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier, cast = _at_last_step()
    upload = SimpleUploadedFile("quyet-dinh.pdf", b"chi la van ban\n", content_type="application/pdf")
    response = act(cast.specialist, dossier, "mark_ready", cast, {"result_file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="err_mark_ready_result_file"' in html and "PDF, JPEG hoặc PNG" in html
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS and not dossier.result_file


def test_the_supervisor_chooses_the_agency_at_fault_from_the_page() -> None:
    cast = make_cast()
    dossier, cast = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    with time_machine.travel(cast.now, tick=False):
        html = page(cast.supervisor, dossier).content.decode()
    assert 'id="action-designate_fault"' in html
    assert f'value="{cast.agency.code}"' in html and f'value="{cast.other.code}"' in html
    response = act(
        cast.supervisor, dossier, "designate_fault", cast, {"agency": cast.agency.code, "reason": "Chậm"}
    )
    assert response.status_code == 302
    assert dossier.fault_designations.get().agency == cast.agency
    html = page(cast.leader, dossier).content.decode()
    assert "Cơ quan để chậm do Văn phòng UBND xác định" in html and ": Chậm</li>" in html
    assert (
        'id="action-designate_fault"' in page(cast.supervisor, dossier).content.decode()
    )  # may choose again
