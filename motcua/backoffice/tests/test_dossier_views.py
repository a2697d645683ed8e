"""The desk's pages: intake (receive, guide, refuse, invalid input), the dossier page, the forms and who may use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import PersonalDataAccess
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.core.text import phone_display
from motcua.dossiers.models import Dossier, State, SupplementRequest
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer() -> Any:
    return UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory(name="UBND phường Cam Nghĩa"))


@pytest.fixture
def version(officer: Any) -> Any:
    procedure = ProcedureFactory(name="Đăng ký kết hôn", code="1.000894", agencies=[officer.agency])
    return make_version(procedure)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def intake_post(version: Any, **overrides: Any) -> dict[str, Any]:
    first, second = list(version.documents.all())
    data = {
        "procedure": version.procedure.code,
        "applicant_kind": "PERSON",
        "applicant_name": "Trần Thị Bích Ngọc",
        "applicant_id_number": "056190000456",
        "applicant_phone": "0905 777 888",
        "applicant_email": "ngoc@example.vn",
        "applicant_province": "Khánh Hòa",
        "applicant_commune": "Phường Cam Nghĩa",
        "applicant_street": "5 Hùng Vương",
        f"doc_{first.pk}_received": "1",
        f"doc_{first.pk}_originals": "1",
        f"doc_{first.pk}_copies": "0",
        f"doc_{second.pk}_originals": "1",
        f"doc_{second.pk}_copies": "0",
        "sets": "1",
        "channel": "DESK",
        "return_method": "DESK",
        "outcome": Outcome.RECEIVE,
        "reason": "",
    }
    data.update(overrides)
    return data


URL = "/quan-tri/ho-so/tiep-nhan/"


def test_the_intake_finds_the_procedure_typed_without_accents(officer: Any, version: Any) -> None:
    response = client_for(officer).get(URL, {"q": "dang ky ket hon"})
    assert response.status_code == 200
    assert "Đăng ký kết hôn" in response.content.decode()
    assert "?thu_tuc=1.000894" in response.content.decode()


def test_the_htmx_search_answers_with_the_results_alone(officer: Any, version: Any) -> None:
    response = client_for(officer).get(URL, {"q": "ket hon"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký kết hôn" in body and "<html" not in body


def test_the_search_lists_only_procedures_of_the_officers_agency(officer: Any, version: Any) -> None:
    make_version(ProcedureFactory(name="Đăng ký kết hôn có yếu tố nước ngoài"))  # another agency's
    response = client_for(officer).get(URL, {"q": "ket hon"})
    body = response.content.decode()
    assert response.status_code == 200 and version.procedure.name in body  # the agency's own is found
    assert "nước ngoài" not in body


def test_the_intake_form_shows_the_official_checklist(officer: Any, version: Any) -> None:
    body = client_for(officer).get(URL, {"thu_tuc": version.procedure.code}).content.decode()
    documents = list(version.documents.all())
    assert documents
    for document in documents:
        assert document.name in body
        assert f'name="guide_documents" value="{document.pk}"' in body


def test_receiving_at_the_desk_saves_the_dossier_and_opens_its_page(officer: Any, version: Any) -> None:
    client = client_for(officer)
    response = client.post(URL, intake_post(version))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quan-tri/ho-so/{dossier.code}/?moi=1"
    assert dossier.state == State.RECEIVED
    assert dossier.applicant_phone == "+84905777888"
    assert list(dossier.documents.values_list("document__name", flat=True)) == ["Tờ khai theo mẫu"]
    page = client.get(response["Location"]).content.decode()
    assert "Trần Thị Bích Ngọc" in page and "0905 777 888" in page and "+84905777888" not in page
    assert f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf" in page


def test_guiding_names_documents_of_the_checklist_and_links_form_02(officer: Any, version: Any) -> None:
    first = version.documents.first()
    data = intake_post(
        version, outcome=Outcome.GUIDE, guide_documents=[str(first.pk)], reason="Tờ khai chưa ký"
    )
    response = client_for(officer).post(URL, data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.state == State.GUIDED
    request = SupplementRequest.objects.get()
    assert list(request.items.values_list("document", flat=True)) == [first.pk]
    page = client_for(officer).get(response["Location"]).content.decode()
    assert f"/quan-tri/ho-so/{dossier.code}/mau-02.pdf" in page


def test_a_guide_naming_a_document_outside_the_checklist_is_refused_with_422(
    officer: Any, version: Any
) -> None:
    outsider = make_version().documents.first()
    data = intake_post(version, outcome=Outcome.GUIDE, guide_documents=[str(outsider.pk)])
    response = client_for(officer).post(URL, data)
    assert response.status_code == 422
    assert "không thuộc danh mục" in response.content.decode()
    assert not Dossier.objects.exists()


def test_refusing_needs_a_reason_and_issues_form_03(officer: Any, version: Any) -> None:
    client = client_for(officer)
    missing = client.post(URL, intake_post(version, outcome=Outcome.REFUSE))
    assert missing.status_code == 422 and "Nêu rõ lý do từ chối" in missing.content.decode()
    response = client.post(URL, intake_post(version, outcome=Outcome.REFUSE, reason="Không thuộc thẩm quyền"))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and dossier.state == State.REFUSED
    pdf = client.get(f"/quan-tri/ho-so/{dossier.code}/mau-03.pdf")
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )


def test_invalid_input_is_shown_field_by_field_with_everything_typed_kept(officer: Any, version: Any) -> None:
    data = intake_post(
        version, applicant_id_number="123", applicant_email="khong-phai-email", applicant_street="Số 7 Lê Duẩn",
        reason="Ghi chú giữ nguyên",
    )  # fmt: skip
    response = client_for(officer).post(URL, data)
    body = response.content.decode()
    assert response.status_code == 422
    assert 'id="err_applicant_id_number"' in body and "12 chữ số" in body
    assert 'id="err_applicant_email"' in body and "thư điện tử không hợp lệ" in body
    for typed in (
        "Trần Thị Bích Ngọc",
        'value="123"',
        "khong-phai-email",
        "Số 7 Lê Duẩn",
        "0905 777 888",
        "Ghi chú giữ nguyên",
    ):
        assert typed in body, typed
    first = version.documents.first()
    assert f'name="doc_{first.pk}_received" value="1" checked' in body
    assert not Dossier.objects.exists()


def test_receiving_without_a_mandatory_document_is_422_with_a_hint_to_guide(
    officer: Any, version: Any
) -> None:
    first = version.documents.first()
    data = intake_post(version)
    del data[f"doc_{first.pk}_received"]
    response = client_for(officer).post(URL, data)
    assert response.status_code == 422
    assert "hướng dẫn bổ sung" in response.content.decode()


def test_a_postal_intake_needs_tracking_number_and_delivery_time(officer: Any) -> None:
    procedure = ProcedureFactory(agencies=[officer.agency])
    version = make_version(procedure, channels=["DESK", "POST", "ONLINE"])
    response = client_for(officer).post(URL, intake_post(version, channel="POST"))
    body = response.content.decode()
    assert response.status_code == 422
    assert 'id="err_postal_tracking_number"' in body and 'id="err_postal_delivered_at"' in body
    ok = client_for(officer).post(
        URL,
        intake_post(
            version,
            channel="POST",
            postal_tracking_number="EV123456789VN",
            postal_delivered_at="2024-05-02T08:00",
        ),
    )
    assert ok.status_code == 302
    assert Dossier.objects.get().postal_tracking_number == "EV123456789VN"


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER, Role.EDITOR])
def test_only_a_desk_officer_opens_the_intake(role: Role) -> None:
    assert client_for(UserFactory(role=role)).get(URL).status_code == 403


def test_form_01_downloads_as_a_pdf_and_the_download_is_logged(officer: Any, version: Any) -> None:
    dossier = make_dossier(officer=officer, version=version)
    response = client_for(officer).get(f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf", {"tai": "1"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert PersonalDataAccess.objects.filter(
        user=officer, subject=dossier.subject_ref, channel="EXPORT"
    ).exists()


def test_a_code_is_matched_whatever_its_case_and_separators(officer: Any, version: Any) -> None:
    dossier = make_dossier(officer=officer, version=version)
    loose = dossier.code.lower().replace("-", "").replace(".", "")
    assert client_for(officer).get(f"/quan-tri/ho-so/{loose}/").status_code == 200


def test_a_form_the_dossier_does_not_have_is_409(officer: Any, version: Any) -> None:
    received = make_dossier(officer=officer, version=version)
    refused = make_dossier(officer=officer, version=version, outcome=Outcome.REFUSE)
    client = client_for(officer)
    assert client.get(f"/quan-tri/ho-so/{received.code}/mau-03.pdf").status_code == 409
    assert client.get(f"/quan-tri/ho-so/{received.code}/mau-02.pdf").status_code == 409
    assert client.get(f"/quan-tri/ho-so/{refused.code}/mau-01.pdf").status_code == 409


def test_a_dossier_of_another_agency_is_404_before_the_role_is_checked(officer: Any, version: Any) -> None:
    dossier = make_dossier(officer=officer, version=version)
    for role in (Role.DESK_OFFICER, Role.EDITOR):
        stranger = client_for(UserFactory(role=role))
        assert stranger.get(f"/quan-tri/ho-so/{dossier.code}/").status_code == 404
        assert stranger.get(f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf").status_code == 404


def test_an_inspector_sees_personal_data_only_after_stating_a_reason(officer: Any, version: Any) -> None:
    dossier = make_dossier(officer=officer, version=version)
    inspector = client_for(UserFactory(role=Role.INSPECTOR))
    url = f"/quan-tri/ho-so/{dossier.code}/"
    hidden = inspector.get(url).content.decode()
    assert dossier.applicant_name in hidden and phone_display(dossier.applicant_phone) not in hidden
    assert 'name="reason"' in hidden
    empty = inspector.post(url, {"reason": "   "})
    assert empty.status_code == 422 and phone_display(dossier.applicant_phone) not in empty.content.decode()
    assert (
        '<p class="errorlist" id="err_reason">Nêu lý do cần xem thông tin cá nhân.</p>'
        in empty.content.decode()
    )
    assert not PersonalDataAccess.objects.filter(subject=dossier.subject_ref).exists()
    shown = inspector.post(url, {"reason": "Kiểm tra theo đơn phản ánh số 12"})
    assert shown.status_code == 200 and phone_display(dossier.applicant_phone) in shown.content.decode()
    logged = PersonalDataAccess.objects.get(subject=dossier.subject_ref, reason__startswith="Kiểm tra")
    assert logged.channel == "PAGE"
    # The stated reason stays with this dossier in this session, for its forms; not in another.
    assert inspector.get(f"{url}mau-01.pdf").status_code == 200
    assert client_for(UserFactory(role=Role.INSPECTOR)).get(f"{url}mau-01.pdf").status_code == 403


def test_the_dossier_page_lists_the_events(officer: Any, version: Any) -> None:
    dossier = make_dossier(officer=officer, version=version)
    body = client_for(officer).get(f"/quan-tri/ho-so/{dossier.code}/").content.decode()
    assert "Tạo hồ sơ" in body and "Tiếp nhận hồ sơ" in body


def test_the_list_searches_by_name_without_accents_by_phone_and_by_code(officer: Any, version: Any) -> None:
    from motcua.dossiers.tests.factories import person

    anh = make_dossier(officer=officer, version=version)
    hung = make_dossier(
        officer=officer, version=version, applicant=person(name="Đặng Văn Hùng", phone="0912345678")
    )
    client = client_for(officer)

    def codes(**params: str) -> str:
        return client.get("/quan-tri/ho-so/", params).content.decode()

    assert hung.code in codes(q="dang van hung") and anh.code not in codes(q="dang van hung")
    assert hung.code in codes(q="0912 345 678") and anh.code not in codes(q="0912 345 678")
    assert anh.code in codes(q=anh.code.lower()) and hung.code not in codes(q=anh.code.lower())
    assert anh.code in codes(state="RECEIVED") and anh.code not in codes(state="REFUSED")


def test_the_list_shows_only_dossiers_of_the_officers_agency(officer: Any, version: Any) -> None:
    ours = make_dossier(officer=officer, version=version)
    theirs = make_dossier()
    body = client_for(officer).get("/quan-tri/ho-so/").content.decode()
    assert ours.code in body and theirs.code not in body


def test_the_register_is_printed_for_the_officers_agency_and_period(officer: Any, version: Any) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    make_dossier(
        officer=officer, version=version, now=datetime(2024, 3, 4, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    )
    client = client_for(officer)
    response = client.get("/quan-tri/so-theo-doi.pdf", {"start": "01/03/2024", "end": "31/03/2024"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        client.get("/quan-tri/so-theo-doi.pdf", {"start": "31/03/2024", "end": "01/03/2024"}).status_code
        == 422
    )
    assert client.get("/quan-tri/so-theo-doi.pdf", {"start": "hôm qua"}).status_code == 422
    other = AgencyFactory()
    assert client.get("/quan-tri/so-theo-doi.pdf", {"agency": other.code}).status_code == 404
    supervisor = client_for(UserFactory(role=Role.SUPERVISOR))
    assert supervisor.get("/quan-tri/so-theo-doi.pdf", {"agency": officer.agency.code}).status_code == 200
    assert client_for(UserFactory(role=Role.SPECIALIST)).get("/quan-tri/so-theo-doi.pdf").status_code == 403


def test_the_city_desk_finds_the_citys_procedures_on_the_intake_page(client: Client) -> None:
    city = AgencyFactory()
    desk = AgencyFactory(parent=AgencyFactory(parent=city))
    make_version(ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ", agencies=[city]))
    client.force_login(UserFactory(role=Role.DESK_OFFICER, agency=desk))
    page = client.get("/quan-tri/ho-so/tiep-nhan/", {"q": "giay phep xay dung"}).content.decode()
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in page


REAL_PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
FAKE_PDF = b"%PDF-1.4\n" + b"\x00garbage\x7fELF" * 200


def test_a_desk_scan_that_is_not_a_real_pdf_is_refused_naming_the_file_and_the_form_keeps_its_values(
    officer: Any, version: Any
) -> None:
    first = version.documents.first()
    data = intake_post(version, **{f"doc_{first.pk}_scan": SimpleUploadedFile("to-khai.pdf", FAKE_PDF)})
    response = client_for(officer).post(URL, data)
    html = response.content.decode()
    assert response.status_code == 422 and not Dossier.objects.exists()
    assert "Tệp “to-khai.pdf” không được nhận: Chỉ nhận tệp PDF, JPEG hoặc PNG" in html
    assert 'value="Trần Thị Bích Ngọc"' in html and 'value="0905 777 888"' in html


def test_a_desk_scan_over_the_size_limit_is_refused(officer: Any, version: Any, settings: Any) -> None:
    settings.ONLINE_MAX_FILE_MB = 1
    first = version.documents.first()
    big = SimpleUploadedFile("to-khai.pdf", REAL_PDF + b"0" * (1024 * 1024) + b"%%EOF\n")
    response = client_for(officer).post(URL, intake_post(version, **{f"doc_{first.pk}_scan": big}))
    assert response.status_code == 422 and "lớn hơn 1 MB" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_real_desk_scan_is_kept_under_a_name_of_our_own(officer: Any, version: Any) -> None:
    first = version.documents.first()
    scan = SimpleUploadedFile("Tờ khai <Ngọc>.exe", REAL_PDF)
    response = client_for(officer).post(URL, intake_post(version, **{f"doc_{first.pk}_scan": scan}))
    assert response.status_code == 302
    stored = Dossier.objects.get().documents.get(document=first).scan.name
    assert stored.endswith(".pdf") and "Ngọc" not in stored and ".exe" not in stored
