"""A citizen finds a procedure without typing accents, filters the list, opens it and downloads its form.

Every page visited is checked with axe (WCAG 2.0/2.1 A and AA).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from motcua.accounts.tests.factories import AgencyFactory
from motcua.catalog.models import Contact
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory, make_version

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    commune = AgencyFactory(code="000.52.31.H34", name="UBND phường Cam Linh")
    civil = FieldFactory(code="HT", name="Hộ tịch")
    land = FieldFactory(code="DD", name="Đất đai")
    make_version(
        ProcedureFactory(
            code="1.000894", name="Đăng ký kết hôn", field=civil, agencies=[commune], is_demo=True
        )
    )
    make_version(ProcedureFactory(code="1.001193", name="Đăng ký khai sinh", field=civil, agencies=[commune]))
    make_version(
        ProcedureFactory(code="1.002255", name="Hòa giải tranh chấp đất đai", field=land),
        online_level="NONE",
        channels=["DESK"],
    )


def test_citizen_searches_without_accents_filters_opens_and_downloads_a_template(
    page: Page, live_server: Any, axe: Any, catalogue: None
) -> None:
    page.goto("/")
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky ket hon")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page).to_have_url(f"{live_server.url}/thu-tuc/?q=dang+ky+ket+hon")
    results = page.locator(".procedure-list")
    expect(results.get_by_role("link")).to_have_count(1)
    expect(results.get_by_role("link", name="Đăng ký kết hôn")).to_be_visible()
    axe(page, "danh mục thủ tục (tìm kiếm)")

    page.get_by_label("Từ khóa").fill("")
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch")
    page.get_by_label("Mức độ trực tuyến").select_option("PARTIAL")
    page.locator("form.catalogue-filters").get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 2 thủ tục")
    expect(results).not_to_contain_text("Hòa giải")
    axe(page, "danh mục thủ tục (lọc)")

    results.get_by_role("link", name="Đăng ký kết hôn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký kết hôn")
    expect(page.locator("main")).to_contain_text("Dữ liệu minh họa")
    expect(page.locator("main")).to_contain_text("Nộp hồ sơ trực tuyến")
    expect(page.locator("main")).to_contain_text("5 ngày làm việc")
    axe(page, "trang thủ tục")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải mẫu Tờ khai theo mẫu").click()
    download = info.value
    assert download.suggested_filename.startswith("to-khai")
    assert Path(download.path()).read_bytes() == b"mau to khai"


def test_contacts_and_posting_pages_are_accessible(
    page: Page, live_server: Any, axe: Any, catalogue: None
) -> None:
    page.goto("/lien-he/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Liên hệ")
    axe(page, "liên hệ")
    page.goto("/thu-tuc/niem-yet/")
    expect(page.get_by_role("link", name="Bản in Hộ tịch")).to_be_visible()
    axe(page, "niêm yết")


def test_the_contacts_page_fits_a_360_px_phone(mobile_page: Page, live_server: Any, axe: Any) -> None:
    agency = AgencyFactory(name="Bộ phận tiếp nhận và trả kết quả thành phố Cam Ranh")
    Contact.objects.create(
        agency=agency, hotline="02583951999", email="bophantiepnhanvatrakethqua.camranh@khanhhoa.example.vn"
    )
    page = mobile_page
    page.goto(f"{live_server.url}/lien-he/")
    expect(page.locator("main")).to_contain_text("0258 3951 999")  # printed as people write it
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe(page, "liên hệ (điện thoại)")
