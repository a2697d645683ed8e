"""Public catalogue pages, the posted list as print view and PDF, and the editors' back office."""

from __future__ import annotations

import shutil
import subprocess
from datetime import time

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog import services
from motcua.catalog.models import Contact, TimeUnit
from motcua.catalog.selectors import contacts_for_receipt
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory, make_version

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFFONTS = shutil.which("pdffonts") or "/usr/bin/pdffonts"


@pytest.fixture
def civil_status():
    field = FieldFactory(code="HT", name="Hộ tịch")
    marriage = make_version(
        ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", field=field, is_demo=True)
    )
    birth = make_version(
        ProcedureFactory(code="1.001193", name="Đăng ký khai sinh", field=field, popularity=99),
        limit_unit=TimeUnit.SAME_DAY,
        limit_value=0,
        same_day_cutoff=time(15, 0),
        online_level="NONE",
        channels=["DESK"],
        steps=[],
    )
    return marriage, birth


def test_the_catalogue_finds_procedures_without_accents_and_filters_them(civil_status) -> None:
    page = Client().get("/thu-tuc/", {"q": "dang ky ket hon"})
    assert page.status_code == 200
    assert "Đăng ký kết hôn" in page.text and "Đăng ký khai sinh" not in page.text
    assert "Dữ liệu minh họa" in page.text
    online = Client().get("/thu-tuc/", {"truc_tuyen": "PARTIAL"}).text
    assert "Đăng ký kết hôn" in online and "Đăng ký khai sinh" not in online
    assert "Đăng ký khai sinh" in Client().get("/thu-tuc/", {"linh_vuc": "HT"}).text


def test_a_procedure_page_shows_every_part_and_offers_its_templates(civil_status) -> None:
    marriage, birth = civil_status
    page = Client().get("/thu-tuc/1.000894/").text
    for part in (
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Tờ khai theo mẫu",
        "5 ngày làm việc",
        "50.000 đồng",
        "Quy trình nội bộ",
        "Căn cứ pháp lý",
        "Luật Thử nghiệm",
        "Nộp hồ sơ trực tuyến",
        "Dữ liệu minh họa",
        "Khi ủy quyền",
        "Giấy chứng nhận",
    ):
        assert part in page, part
    document = marriage.documents.first()
    download = Client().get(f"/thu-tuc/1.000894/giay-to/{document.pk}/mau/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"mau to khai"
    assert "attachment" in download["Content-Disposition"]
    assert Client().get(f"/thu-tuc/1.000894/giay-to/{document.pk}/ho-so-mau/").status_code == 200
    other = birth.documents.last()  # no sample, and belongs to another procedure
    assert Client().get(f"/thu-tuc/1.000894/giay-to/{other.pk}/mau/").status_code == 404
    same_day = Client().get("/thu-tuc/1.001193/").text
    assert "Trong ngày (nhận trước 15:00)" in same_day and "Nộp hồ sơ trực tuyến" not in same_day
    assert Client().get("/thu-tuc/9.999999/").status_code == 404


def test_home_lists_the_most_used_procedures_and_a_search_box(civil_status) -> None:
    page = Client().get("/").text
    assert 'name="q"' in page and "Thủ tục được sử dụng nhiều" in page
    assert page.index("Đăng ký khai sinh") < page.index("Đăng ký kết hôn")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_the_posted_list_pdf_keeps_vietnamese_text_and_embeds_only_liberation_serif(
    civil_status, tmp_path
) -> None:
    response = Client().get("/thu-tuc/niem-yet/HT.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "niem-yet.pdf"
    pdf.write_bytes(response.content)
    raw = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    text = " ".join(raw.split())  # table cells wrap: compare with whitespace collapsed
    for phrase in (
        "DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "Hộ tịch",
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
        "Trong ngày (nhận trước 15:00)",
        "Lệ phí: 50.000",
        "Dữ liệu minh họa",
    ):
        assert phrase in text, phrase
    fonts = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, text=True, check=True)  # noqa: S603
    fonts = fonts.stdout.splitlines()[2:]
    assert fonts
    for line in fonts:  # name type encoding emb sub uni object ID
        columns = line.split()
        assert "LiberationSerif" in columns[0].replace("-", ""), line
        assert columns[-5] == "yes", f"not embedded: {line}"
    print_view = Client().get("/thu-tuc/niem-yet/HT/")
    assert print_view.status_code == 200 and "Đăng ký kết hôn" in print_view.text
    assert Client().get("/thu-tuc/niem-yet/KHONG_CO.pdf").status_code == 404


def test_contacts_page_and_the_receipt_slip_contacts_fall_back_to_the_parent_agency() -> None:
    city = AgencyFactory(name="UBND thành phố", hotline="02583854165", email="ubnd@example.vn")
    desk = AgencyFactory(name="Bộ phận một cửa", parent=city)
    services.contact_update(
        agency=city,
        hotline="0258 3951 999",
        email="phananh@example.vn",
        officers=[{"name": "Lê Minh Châu", "position": "Phó Chủ tịch", "phone": "0905 555 666"}],
    )
    slip = contacts_for_receipt(desk)
    assert (slip.agency_name, slip.hotline, slip.email) == (
        "UBND thành phố",
        "0258 3951 999",
        "phananh@example.vn",
    )
    assert slip.officers[0].position == "Phó Chủ tịch"
    bare = contacts_for_receipt(AgencyFactory(hotline="0258 1", email="x@example.vn"))
    assert bare.hotline == "0258 1" and bare.officers == ()
    page = Client().get("/lien-he/").text
    assert "Lê Minh Châu" in page and "0258 3951 999" in page


def test_an_editor_edits_the_contacts_of_their_agency() -> None:
    editor = UserFactory(role=Role.EDITOR)
    client = Client()
    client.force_login(editor)
    url = f"/quan-tri/lien-he/{editor.agency.code}/"
    assert client.get(url).status_code == 200
    data = {
        "hotline": "0258 3951 999",
        "email": "phananh@example.vn",
        "note": "",
        "officers-TOTAL_FORMS": "2",
        "officers-INITIAL_FORMS": "0",
        "officers-MIN_NUM_FORMS": "0",
        "officers-MAX_NUM_FORMS": "20",
        "officers-0-name": "Võ Thị Giang",
        "officers-0-position": "Biên tập viên",
        "officers-0-phone": "0905 000 111",
        "officers-1-name": "",
        "officers-1-position": "",
        "officers-1-phone": "",
    }
    assert client.post(url, data).status_code == 302
    contact = Contact.objects.get(agency=editor.agency)
    assert contact.hotline == "0258 3951 999" and [o.name for o in contact.officers.all()] == ["Võ Thị Giang"]
    bad = client.post(url, {**data, "hotline": "gọi tôi"})
    assert bad.status_code == 422
    assert client.get("/quan-tri/lien-he/").status_code == 200
    assert client.get(f"/quan-tri/lien-he/{AgencyFactory().code}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.EDITOR, 200),
        (Role.ADMIN, 200),
        (Role.DESK_OFFICER, 403),
        (Role.LEADER, 403),
        (Role.SUPERVISOR, 403),
    ],
)
def test_only_editors_and_administrators_use_the_catalogue_back_office(
    role, expected, civil_status, settings
) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = False
    client = Client()
    client.force_login(UserFactory(role=role))
    response = client.get("/quan-tri/thu-tuc/", {"q": "ket hon"})
    assert response.status_code == expected
    if expected == 200:
        assert "Đăng ký kết hôn" in response.text and "Đăng ký khai sinh" not in response.text
    assert client.get("/quan-tri/lien-he/").status_code == expected


def test_anonymous_visitors_are_sent_to_log_in_from_the_back_office() -> None:
    response = Client().get("/quan-tri/thu-tuc/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
