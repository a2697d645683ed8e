"""Full online service to the end, the citizen on a phone: after the desk receives the online
dossier, the specialist asks for a supplement; the citizen uploads it through the token page; the
specialist marks the result ready attaching a PDF (the back-office multipart form), the desk returns
it electronically, and the citizen downloads it from the token page. axe checks the citizen's page.
(The submission itself is walked step by step in e2e/test_online.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import login
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel, TimeUnit
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers import online, processing
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import State
from motcua.dossiers.services import dossier_receive
from motcua.dossiers.tests.factories import person, tiny_image

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = tiny_image("PNG")
RESULT = b"%PDF-1.4\n% Giay phep xay dung\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_full_online_dossier_ends_with_the_citizen_downloading_the_result(
    mobile_page: Page, new_context: Callable[..., BrowserContext], live_server: Any, axe: Any
) -> None:
    agency = AgencyFactory(code="000.21.05.T03", name="UBND phường Cam Phú")
    version = make_version(
        ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ", code="1.009999", agencies=[agency]),
        online_level=OnlineLevel.FULL,
        steps=[{"name": "Thẩm định, cấp phép", "budget_value": 5, "budget_unit": TimeUnit.WORKING_DAYS}],
    )
    desk = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    leader = UserFactory(role=Role.LEADER, agency=agency)
    specialist = UserFactory(role=Role.SPECIALIST, agency=agency)
    document = version.documents.get(mandatory=True)

    # Submitted online (asking for the electronic result), received by the desk, assigned.
    dossier = online.dossier_submit_online(
        procedure_version=version, applicant=person(), files={document.pk: _upload(PDF)},
        return_method="ONLINE", declaration=True,
    ).dossier  # fmt: skip
    dossier_receive(dossier=dossier, officer=desk)
    processing.dossier_assign(dossier=dossier, officer=leader, assignee=specialist)

    # The specialist asks for a supplement from the dossier page.
    officer = new_context().new_page()
    login(officer, live_server, specialist.username, PASSWORD)
    officer.goto(f"/quan-tri/ho-so/{dossier.code}/")
    form = officer.locator("form#action-request_supplement")
    form.get_by_role("checkbox", name=document.name, exact=True).check()
    form.get_by_label("Lý do yêu cầu bổ sung").fill("Bản vẽ thiếu chữ ký của chủ đầu tư")
    _act(officer, "request_supplement", "Yêu cầu bổ sung hồ sơ")
    expect(officer.locator(".state")).to_have_text("Chờ bổ sung hồ sơ")

    # The citizen, on a phone, uploads the document through the token page.
    citizen = mobile_page
    citizen_url = f"/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}"
    citizen.goto(citizen_url)
    expect(citizen.locator(".lookup-status")).to_contain_text("Chờ bổ sung hồ sơ")
    citizen.get_by_label(document.name).set_input_files(
        {"name": "ban-ve-da-ky.png", "mimeType": "image/png", "buffer": PNG}
    )
    citizen.get_by_role("button", name="Gửi giấy tờ bổ sung").click()
    expect(citizen.get_by_role("status")).to_contain_text("Đã bổ sung hồ sơ")
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS

    # The specialist marks the result ready, attaching the signed licence (multipart form).
    officer.goto(f"/quan-tri/ho-so/{dossier.code}/")
    form = officer.locator("form#action-mark_ready")
    form.get_by_label("Tệp kết quả điện tử (không bắt buộc)").set_input_files(
        {"name": "giay-phep.pdf", "mimeType": "application/pdf", "buffer": RESULT}
    )
    _act(officer, "mark_ready", "Ghi nhận có kết quả")
    expect(officer.locator(".state")).to_have_text("Đã có kết quả")
    dossier.refresh_from_db()
    assert dossier.online.electronic_result and dossier.online.result_file

    # The desk returns it electronically.
    desk_page = new_context().new_page()
    login(desk_page, live_server, desk.username, PASSWORD)
    desk_page.goto(f"/quan-tri/ho-so/{dossier.code}/")
    form = desk_page.locator("form#action-return_result")
    expect(form).to_contain_text("Đã có tệp kết quả điện tử")
    form.get_by_label("Hình thức trả kết quả").select_option("ONLINE")
    _act(desk_page, "return_result", "Trả kết quả")
    expect(desk_page.locator(".state")).to_have_text("Đã trả kết quả")

    # The citizen downloads the result from the token page.
    citizen.goto(citizen_url)
    expect(citizen.locator(".lookup-status")).to_contain_text("Đã trả kết quả")
    axe(citizen, "trang hồ sơ của công dân: kết quả điện tử")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Tải kết quả điện tử").click()
    assert download.value.suggested_filename == f"ket-qua-{dossier.code_key}.pdf"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF") and content == RESULT


def _upload(content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("to-khai.pdf", content)


def _act(page: Page, action: str, label: str) -> None:
    with page.expect_navigation():
        page.locator(f"form#action-{action}").get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã thực hiện: {label}.")
