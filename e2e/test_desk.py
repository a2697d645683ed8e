"""The desk officer's journey: find the procedure without accents, take the dossier, print the slip (form 01),
and follow the slip's QR link to the citizen's page. The intake form and the dossier page are checked with axe."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import login
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import dossier_public_url

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_desk_officer_receives_a_dossier_and_prints_the_slip(page: Page, live_server: Any, axe: Any) -> None:
    agency = AgencyFactory(code="000.21.05.T01", name="UBND phường Cam Phúc Bắc")
    officer = UserFactory(
        username="mc.camphucbac", full_name="Huỳnh Thị Mai", role=Role.DESK_OFFICER, agency=agency
    )
    version = make_version(ProcedureFactory(name="Đăng ký khai sinh", code="1.001193", agencies=[agency]))

    login(page, live_server, officer.username, PASSWORD)
    page.goto("/quan-tri/ho-so/tiep-nhan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiếp nhận hồ sơ")

    # Step 1: the procedure, typed without accents; htmx fills the results as the officer types.
    page.get_by_label("Tên hoặc mã thủ tục").press_sequentially("dang ky khai sinh", delay=20)
    result = page.locator("#procedure-results").get_by_role("link", name="Đăng ký khai sinh")
    expect(result).to_be_visible()
    result.click()
    expect(page.locator(".dossier-chosen")).to_contain_text("Đăng ký khai sinh")
    axe(page, "tiếp nhận hồ sơ: biểu mẫu")

    # Step 2–5: the applicant, the checklist, the outcome.
    page.get_by_role("radio", name="Cá nhân").check()
    page.get_by_label("Họ tên người nộp / tên tổ chức").fill("Nguyễn Văn Phúc")
    page.get_by_label("Số định danh cá nhân (cá nhân)").fill("056200001234")
    page.get_by_label("Điện thoại").fill("0905 246 810")
    page.get_by_label("Thư điện tử").fill("phuc@example.vn")
    page.get_by_label("Tỉnh/thành phố").fill("Khánh Hòa")
    page.get_by_label("Xã/phường").fill("Phường Cam Phúc Bắc")
    page.get_by_label("Số nhà, đường").fill("18 Trần Hưng Đạo")
    for document in version.documents.filter(mandatory=True):
        page.locator("table.checklist").get_by_role("checkbox", name=document.name, exact=True).check()
    page.get_by_label("Tiếp nhận hồ sơ (in giấy tiếp nhận, mẫu 01)").check()
    page.get_by_role("button", name="Lưu hồ sơ").click()

    dossier = Dossier.objects.get()
    assert dossier.state == State.RECEIVED
    expect(page).to_have_url(re.compile(r"/quan-tri/ho-so/" + re.escape(dossier.code) + r"/\?moi=1$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {dossier.code}")
    expect(page.get_by_role("status")).to_contain_text(f"Đã lưu hồ sơ {dossier.code}")
    expect(page.locator("main")).to_contain_text("Nguyễn Văn Phúc")
    expect(page.locator("main")).to_contain_text("Tạo hồ sơ")
    axe(page, "trang hồ sơ")

    # The slip opens as a PDF and downloads as one.
    slip = page.get_by_role("link", name="Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    response = page.request.get(slip.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Tải về mẫu 01").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # The QR code's link opens the citizen's page of this dossier (same path on the test server).
    link = urlsplit(dossier_public_url(dossier))
    page.goto(f"{link.path}?{link.query}")
    expect(page.locator("main")).to_contain_text(dossier.code)
