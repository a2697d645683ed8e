"""The online submission pages: step by step with a session draft, one dossier per double submit,
the success page, and the citizen's page behind the token link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import dossier_guide, dossier_public_url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def online_version(agencies: int = 1, level: str = OnlineLevel.PARTIAL) -> ProcedureVersion:
    agency_list = [AgencyFactory(phone="0258 3854 000", email="motcua@example.vn", street="1 Lê Duẩn")
                   for _ in range(agencies)]  # fmt: skip
    return make_version(ProcedureFactory(agencies=agency_list), online_level=level)


def walk_to_review(client: Client, version: ProcedureVersion) -> str:
    url = f"/nop-ho-so/{version.procedure.code}/"
    applicant = {"buoc": "nguoi-nop", "kind": "PERSON", "name": "Phạm Thị Lan", "id_number": "056190000777",
                 "phone": "0905111222", "province": "Khánh Hòa"}  # fmt: skip
    assert client.post(url, applicant).status_code == 302
    document = version.documents.get(mandatory=True)
    upload = SimpleUploadedFile("to-khai.pdf", PDF)
    assert client.post(url, {"buoc": "giay-to", f"document_{document.pk}": upload}).status_code == 302
    assert client.post(url, {"buoc": "cam-doan", "declaration": "on"}).status_code == 302
    assert client.post(url, {"buoc": "nhan-ket-qua", "return_method": "DESK"}).status_code == 302
    review = client.get(url)
    assert "Xem lại và nộp" in review.content.decode()
    return re.search(r'name="idempotency_key" value="([^"]+)"', review.content.decode()).group(1)


def test_the_list_shows_only_procedures_with_online_service() -> None:
    partial = online_version()
    none = online_version(level=OnlineLevel.NONE)
    page = Client().get("/nop-ho-so/").content.decode()
    assert partial.procedure.name in page and none.procedure.name not in page
    assert Client().get(f"/nop-ho-so/{none.procedure.code}/").status_code == 404


def test_the_procedure_page_links_to_the_online_form() -> None:
    version = online_version()
    page = Client().get(f"/thu-tuc/{version.procedure.code}/").content.decode()
    assert f'href="/nop-ho-so/{version.procedure.code}/"' in page


def test_a_citizen_submits_step_by_step_and_a_double_submit_makes_one_dossier() -> None:
    version = online_version()
    client = Client()
    key = walk_to_review(client, version)
    url = f"/nop-ho-so/{version.procedure.code}/"
    first = client.post(url, {"buoc": "xem-lai", "idempotency_key": key})
    second = client.post(url, {"buoc": "xem-lai", "idempotency_key": key})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/nop-ho-so/da-nop/"
    dossier = Dossier.objects.get()
    assert dossier.state == State.SUBMITTED and dossier.documents.get().scan
    done = client.get("/nop-ho-so/da-nop/").content.decode()
    assert dossier.code in done and "0258 3854 000" in done and "motcua@example.vn" in done
    assert dossier_token(dossier.code) in done and "1 Lê Duẩn" in done


def test_a_wrong_file_is_refused_at_the_documents_step() -> None:
    version = online_version()
    client = Client()
    url = f"/nop-ho-so/{version.procedure.code}/"
    client.post(url, {"buoc": "nguoi-nop", "kind": "PERSON", "name": "A B", "id_number": "056190000777",
                      "phone": "0905111222"})  # fmt: skip
    document = version.documents.get(mandatory=True)
    fake = SimpleUploadedFile("to-khai.pdf", b"PK\x03\x04 a zip, not a pdf")
    response = client.post(url, {"buoc": "giay-to", f"document_{document.pk}": fake})
    assert response.status_code == 422
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in response.content.decode()


def test_the_agency_step_appears_when_the_version_lists_several() -> None:
    version = online_version(agencies=2)
    client = Client()
    page = client.get(f"/nop-ho-so/{version.procedure.code}/").content.decode()
    assert "Cơ quan tiếp nhận" in page and 'name="agency"' in page


def test_the_token_link_leads_to_the_citizens_page_and_its_actions() -> None:
    version = online_version()
    client = Client()
    key = walk_to_review(client, version)
    client.post(f"/nop-ho-so/{version.procedure.code}/", {"buoc": "xem-lai", "idempotency_key": key})
    dossier = Dossier.objects.get()
    token = dossier_token(dossier.code)
    citizen = Client()
    # The link sent to the applicant opens their page; the token moves to the session.
    opened = citizen.get(dossier_public_url(dossier).split("8000", 1)[-1], follow=True)
    assert opened.redirect_chain == [(f"/ho-so/{dossier.code}/", 302)]
    assert "Rút hồ sơ" in opened.content.decode()  # the actions' forms post the token, never a URL
    page = citizen.get(f"/ho-so/{dossier.code}/")
    assert page.status_code == 200 and "Rút hồ sơ" in page.content.decode()
    # A look-up link sent before (`/tra-cuu/?code=&t=`) still leads there.
    earlier = Client()
    lookup = earlier.get("/tra-cuu/", {"code": dossier.code, "t": token}, follow=True).content.decode()
    assert f'href="/ho-so/{dossier.code}/"' in lookup and token not in lookup
    assert earlier.get(f"/ho-so/{dossier.code}/").status_code == 200
    assert Client().get(f"/ho-so/{dossier.code}/").status_code == 404  # no token in this session
    desk = UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency)
    document = version.documents.get(mandatory=True)
    dossier_guide(dossier=dossier, officer=desk, documents=[document.pk])
    page = Client().get(f"/ho-so/{dossier.code}/?t={token}", follow=True).content.decode()
    assert "Nộp lại hồ sơ" in page
    response = Client().post(
        f"/ho-so/{dossier.code}/thao-tac/",
        {"t": token, "action": "resubmit", f"document_{document.pk}": SimpleUploadedFile("x.pdf", PDF)},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_a_token_of_another_dossier_opens_nothing() -> None:
    version = online_version()
    client = Client()
    for _ in range(2):
        key = walk_to_review(client, version)
        client.post(f"/nop-ho-so/{version.procedure.code}/", {"buoc": "xem-lai", "idempotency_key": key})
    one, two = Dossier.objects.order_by("pk")
    assert Client().get(f"/ho-so/{one.code}/?t={dossier_token(two.code)}").status_code == 404
    response = Client().post(
        f"/ho-so/{one.code}/thao-tac/", {"t": dossier_token(two.code), "action": "withdraw"}
    )
    assert response.status_code == 404
    assert (
        Client().get(f"/ho-so/{one.code}/ket-qua/?t={dossier_token(one.code)}", follow=True).status_code
        == 404
    )


def test_withdrawal_needs_confirmation_and_a_received_dossier_cannot_be_withdrawn_here() -> None:
    version = online_version()
    client = Client()
    key = walk_to_review(client, version)
    client.post(f"/nop-ho-so/{version.procedure.code}/", {"buoc": "xem-lai", "idempotency_key": key})
    dossier = Dossier.objects.get()
    token = dossier_token(dossier.code)
    url = f"/ho-so/{dossier.code}/thao-tac/"
    assert Client().post(url, {"t": token, "action": "withdraw"}).status_code == 422
    assert Client().post(url, {"t": token, "action": "withdraw", "confirm": "on"}).status_code == 302
    assert Client().post(url, {"t": token, "action": "withdraw", "confirm": "on"}).status_code == 409


def test_a_review_key_sent_from_another_session_is_409_and_shows_nothing_of_the_dossier() -> None:
    version = online_version()
    owner = Client()
    key = walk_to_review(owner, version)
    url = f"/nop-ho-so/{version.procedure.code}/"
    assert owner.post(url, {"buoc": "xem-lai", "idempotency_key": key}).status_code == 302
    dossier = Dossier.objects.get()
    stranger = Client()
    replay = stranger.post(url, {"buoc": "xem-lai", "idempotency_key": key})
    assert replay.status_code == 409
    assert dossier.code not in replay.content.decode()
    done = stranger.get("/nop-ho-so/da-nop/")
    assert done.status_code == 302 and dossier_token(dossier.code) not in done.content.decode()


def test_a_valid_file_chosen_with_a_rejected_one_is_kept_and_the_rejected_one_is_named() -> None:
    version = online_version()
    client = Client()
    url = f"/nop-ho-so/{version.procedure.code}/"
    client.post(url, {"buoc": "nguoi-nop", "kind": "PERSON", "name": "A B", "id_number": "056190000777",
                      "phone": "0905111222"})  # fmt: skip
    mandatory = version.documents.get(mandatory=True)
    optional = version.documents.get(mandatory=False)
    good = SimpleUploadedFile("to-khai.pdf", PDF)
    bad = SimpleUploadedFile("uy-quyen.docx", b"PK\x03\x04 a zip, not a pdf")
    response = client.post(
        url, {"buoc": "giay-to", f"document_{mandatory.pk}": good, f"document_{optional.pk}": bad}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Tệp “uy-quyen.docx” không được nhận" in html and "Chỉ nhận tệp PDF, JPEG hoặc PNG" in html
    assert "Các tệp hợp lệ đã được lưu" in html
    assert "Đã tải lên: to-khai.pdf" in html
    draft = client.session["online_draft"]
    assert set(draft["files"]) == {str(mandatory.pk)}
    # The mandatory document is there: the citizen may go on without choosing it again.
    assert client.post(url, {"buoc": "cam-doan", "declaration": "on"}).status_code == 302
