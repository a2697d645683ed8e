"""Forms 01, 02, 03 and 07 read back from the PDF: every field, diacritics, fonts and the QR code."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import Contact, ContactOfficer
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.core import pdf as core_pdf
from motcua.dossiers import documents
from motcua.dossiers.services import Outcome, dossier_public_url
from motcua.dossiers.tests.factories import intake, make_dossier, person

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def tool(name: str, *args: str) -> str:
    """Run a poppler / zbar command on files this test wrote; its standard output."""
    executable = shutil.which(name)
    assert executable, f"{name} is not installed (poppler-utils, zbar-tools)"
    return subprocess.run([executable, *args], check=True, capture_output=True, text=True).stdout  # noqa: S603


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = True) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    options = ["-layout"] if layout else []
    return tool("pdftotext", *options, str(path), "-")


def flat(text: str) -> str:
    """The text with every run of whitespace as one space (layout breaks long lines)."""
    return " ".join(text.split())


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = tool("pdffonts", str(path))
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [encoding…] emb sub uni object ID: emb is the 5th field from the end.
        rows.append((parts[0], parts[-5]))
    return rows


def qr_payload(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    tool("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page"))
    image = next(tmp_path.glob("page*.png"))
    return tool("zbarimg", "-q", "--raw", str(image)).strip()


def assert_only_embedded_liberation_serif(pdf: bytes, tmp_path: Path) -> None:
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts, "the PDF embeds no font at all"
    for name, embedded in fonts:
        # WeasyPrint names the subset after the family: "ABCDEF+Liberation-Serif-Bold".
        assert name.split("+")[-1].replace("-", "").startswith("LiberationSerif"), name
        assert embedded == "yes", name


@pytest.fixture
def received() -> Any:
    agency = AgencyFactory(name="UBND phường Cam Lộc", commune="Phường Cam Lộc", phone="02583854001")
    contact = Contact.objects.create(agency=agency, hotline="0258 3854 999", email="phananh@camranh.gov.vn")
    ContactOfficer.objects.create(
        contact=contact, name="Trần Văn Bình", position="Chánh Văn phòng", phone="0905111222"
    )
    officer = UserFactory(role=Role.DESK_OFFICER, agency=agency, full_name="Lê Thị Hồng Nhung")
    procedure = ProcedureFactory(name="Đăng ký khai sinh cho trẻ em", code="1.001193")
    version = make_version(procedure)
    return make_dossier(
        officer=officer,
        version=version,
        applicant=person(name="Nguyễn Thị Ánh", street="12 Nguyễn Trọng Kỷ"),
        now=datetime(2024, 2, 7, 9, 5, tzinfo=VN),
    )


def test_form_01_prints_every_field_of_the_receipt_slip(received: Any, tmp_path: Path) -> None:
    text = flat(pdf_text(documents.form01_pdf(received), tmp_path))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND PHƯỜNG CAM LỘC",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {received.code}",
        "Nguyễn Thị Ánh",
        "12 Nguyễn Trọng Kỷ, Phường Cam Lộc, Khánh Hòa",
        "Số điện thoại: 0905 123 456",
        "anh@example.vn",
        "Đăng ký khai sinh cho trẻ em",
        "Tờ khai theo mẫu",
        "Số lượng hồ sơ: 1 (bộ)",
        "5 ngày làm việc",
        "Thời gian nhận hồ sơ: 09:05 ngày 07/02/2024",
        "Thời gian trả kết quả giải quyết hồ sơ: 17:00 ngày 21/02/2024",
        "Tại Bộ phận tiếp nhận và trả kết quả",
        "quyển năm 2024, số thứ tự 1",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Hồng Nhung",
    ):
        assert expected in text, expected
    assert "(dự kiến)" not in text


def test_form_01_says_on_its_front_how_many_copies_are_made_and_who_keeps_them(
    received: Any, tmp_path: Path
) -> None:
    front = flat(pdf_text(documents.form01_pdf(received), tmp_path).split("\f")[0])
    assert (
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; một liên giao cho tổ chức, "
        "cá nhân nộp hồ sơ; một liên chuyển kèm theo hồ sơ và lưu tại Bộ phận tiếp nhận và trả kết quả."
    ) in front
    assert front.index("NGƯỜI TIẾP NHẬN HỒ SƠ") < front.index("lập thành 02 liên")


def test_form_01_back_says_how_to_look_up_and_where_to_send_feedback(received: Any, tmp_path: Path) -> None:
    pages = pdf_text(documents.form01_pdf(received), tmp_path).split("\f")
    back = flat(pages[1])
    assert f"{settings.PUBLIC_BASE_URL}/tra-cuu/" in back
    assert f"TC {received.code} gửi {settings.SMS_SHORT_CODE}" in back
    for expected in (
        "0258 3854 999",
        "phananh@camranh.gov.vn",
        "Trần Văn Bình",
        "Chánh Văn phòng",
        "0905 111 222",
    ):
        assert expected in back, expected


def test_form_01_marks_an_estimated_due_time(received: Any, tmp_path: Path) -> None:
    received.due_estimated = True
    text = flat(pdf_text(documents.form01_pdf(received), tmp_path))
    assert "17:00 ngày 21/02/2024 (dự kiến)" in text


def test_form_01_embeds_only_liberation_serif(received: Any, tmp_path: Path) -> None:
    assert_only_embedded_liberation_serif(documents.form01_pdf(received), tmp_path)


def test_form_01_qr_code_opens_the_dossier_page(received: Any, tmp_path: Path) -> None:
    assert qr_payload(documents.form01_pdf(received), tmp_path) == dossier_public_url(received)


def test_form_01_is_rendered_once_and_then_served_from_the_cache(received: Any) -> None:
    with mock.patch.object(core_pdf, "pdf_render", wraps=core_pdf.pdf_render) as render:
        first = documents.form01_pdf(received)
        second = documents.form01_pdf(received)
        assert first == second and render.call_count == 1
        received.due_estimated = True  # a fact the slip prints changed: rendered anew
        documents.form01_pdf(received)
        assert render.call_count == 2
    cached = list((Path(settings.MEDIA_ROOT) / "dossiers" / "forms").glob("*.pdf"))
    assert len(cached) == 1  # the stale render was removed


def test_form_01_does_not_exist_for_a_dossier_not_received() -> None:
    with pytest.raises(documents.FormNotIssued):
        documents.form01_pdf(make_dossier(outcome=Outcome.REFUSE))


def test_form_02_lists_the_documents_to_complete_with_counts_and_the_reason(tmp_path: Path) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER, full_name="Phạm Minh Đức", phone="+84905333444")
    version = make_version(ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ"))
    first = version.documents.first()
    result = intake(
        outcome=Outcome.GUIDE,
        officer=officer,
        version=version,
        guide_documents=[first.pk],
        reason="Tờ khai chưa có chữ ký của chủ hộ",
    )
    pdf = documents.form02_pdf(result.dossier)
    text = flat(pdf_text(pdf, tmp_path))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {result.dossier.code}/HDHS",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Nguyễn Thị Ánh",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "1 Tờ khai theo mẫu 1 0",
        "Lý do: Tờ khai chưa có chữ ký của chủ hộ",
        f"/thu-tuc/{version.procedure.code}/",
        "Phạm Minh Đức, số điện thoại 0905 333 444",
        "NGƯỜI HƯỚNG DẪN",
    ):
        assert expected in text, expected
    assert "Giấy ủy quyền" not in text
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_form_03_gives_the_reason_of_the_refusal(tmp_path: Path) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER, full_name="Võ Thị Lan")
    dossier = make_dossier(
        outcome=Outcome.REFUSE, officer=officer, reason="Thủ tục thuộc thẩm quyền của Sở Tư pháp"
    )
    pdf = documents.form03_pdf(dossier)
    text = flat(pdf_text(pdf, tmp_path))
    for expected in (
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {dossier.code}/TCHS",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Nguyễn Thị Ánh",
        dossier.procedure_version.procedure.name,
        "Thủ tục thuộc thẩm quyền của Sở Tư pháp",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Võ Thị Lan",
    ):
        assert expected in text, expected
    assert_only_embedded_liberation_serif(pdf, tmp_path)


def test_form_03_does_not_exist_for_a_received_dossier(received: Any) -> None:
    with pytest.raises(documents.FormNotIssued):
        documents.form03_pdf(received)


def test_form_07_register_lists_the_period_in_register_order(tmp_path: Path) -> None:
    officer = UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory(name="UBND xã Cam Thành Nam"))
    version = make_version(ProcedureFactory(name="Chứng thực bản sao từ bản chính"))
    first = make_dossier(officer=officer, version=version, now=datetime(2024, 3, 4, 8, 0, tzinfo=VN))
    second = make_dossier(
        officer=officer, version=version, applicant=person(name="Đặng Văn Hùng", phone="0912345678"),
        now=datetime(2024, 3, 5, 14, 30, tzinfo=VN),
    )  # fmt: skip
    make_dossier(
        officer=officer, version=version, now=datetime(2024, 4, 1, 8, 0, tzinfo=VN)
    )  # outside the period
    make_dossier(
        officer=officer, version=version, outcome=Outcome.REFUSE, now=datetime(2024, 3, 5, 9, 0, tzinfo=VN)
    )
    pdf = documents.form07_pdf(officer.agency, date(2024, 3, 1), date(2024, 3, 31))
    # Narrow table cells wrap: read the cells in text order as well as the layout.
    text = flat(pdf_text(pdf, tmp_path)) + " | " + flat(pdf_text(pdf, tmp_path, layout=False))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "UBND XÃ CAM THÀNH NAM",
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2024 đến ngày 31/03/2024",
        "Mã hồ sơ",
        "chủ trì",
        "Trả kết quả",
        "Ghi chú",
        "Chứng thực bản sao từ bản chính",
        "Nguyễn Thị Ánh",
        "Đặng Văn Hùng",
        "0912 345 678",
        "08:00",
        "04/03/2024",
        "14:30",
        "05/03/2024",
        "11/03/2024",
    ):
        # A cell's words, each intact with its diacritics (the cell may wrap across lines).
        assert set(expected.split()) <= set(text.split()), expected
    assert text.index(first.code) < text.index(second.code)
    assert text.count(officer.agency.code + "-") == 4  # two rows, in both readings
    assert_only_embedded_liberation_serif(pdf, tmp_path)
    # Landscape: the page is wider than it is tall.
    path = tmp_path / "register.pdf"
    path.write_bytes(pdf)
    info = tool("pdfinfo", str(path))
    size = next(line for line in info.splitlines() if line.startswith("Page size")).split()
    assert float(size[2]) > float(size[4])
