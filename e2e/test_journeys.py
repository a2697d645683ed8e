"""The first browser journeys: the public home page, staff log-in (with and without TOTP), the language
switch, and the README screenshots. Each page visited is also checked with axe (WCAG 2.0/2.1 A and AA)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation
from playwright.sync_api import Page, expect

from e2e.conftest import login
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "img"


def _desk_officer() -> Any:
    agency = AgencyFactory(code="000.11.99.T01", name="Bộ phận tiếp nhận và trả kết quả thử nghiệm")
    return UserFactory(
        username="tiepnhan.thu", full_name="Nguyễn Thị Thu Hà", role=Role.DESK_OFFICER, agency=agency
    )


def test_portal_home_in_vietnamese_desktop(page: Page, live_server: Any, axe: Any) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Một cửa điện tử")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_contain_text("Trang chủ")
    axe(page, "trang chủ (máy tính)")


def test_portal_home_on_a_cheap_phone(mobile_page: Page, live_server: Any, axe: Any) -> None:
    page = mobile_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Một cửa điện tử")
    # Nothing wider than the phone: no sideways scrolling (WCAG 1.4.10 reflow).
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the home page scrolls sideways by {overflow}px at 360px wide"
    axe(page, "trang chủ (điện thoại)")


def test_desk_officer_logs_in_and_browses_agencies(page: Page, live_server: Any, axe: Any) -> None:
    officer = _desk_officer()

    page.goto("/dang-nhap/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cán bộ đăng nhập")
    axe(page, "trang đăng nhập")

    login(page, live_server, officer.username, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/quan-tri/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Nguyễn Thị Thu Hà")
    userbox = page.locator(".userbox")
    expect(userbox).to_contain_text("Nguyễn Thị Thu Hà")
    expect(userbox).to_contain_text("Bộ phận tiếp nhận và trả kết quả thử nghiệm")
    expect(page.locator(".badge")).to_have_text("Cán bộ một cửa")
    axe(page, "quản trị: tổng quan")

    side_nav = page.get_by_role("navigation", name="Chức năng nghiệp vụ")
    side_nav.locator("summary", has_text="Quản trị").click()  # the menu's groups: <details>
    side_nav.get_by_role("link", name="Cơ quan, đơn vị").click()
    expect(page).to_have_url(f"{live_server.url}/quan-tri/co-quan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cơ quan, đơn vị")
    axe(page, "quản trị: danh sách cơ quan")

    page.get_by_role("link", name="Bộ phận tiếp nhận và trả kết quả thử nghiệm").click()
    expect(page).to_have_url(f"{live_server.url}/quan-tri/co-quan/000.11.99.T01/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bộ phận tiếp nhận và trả kết quả thử nghiệm")
    expect(page.get_by_role("cell", name="tiepnhan.thu")).to_be_visible()
    axe(page, "quản trị: chi tiết cơ quan")


def test_wrong_password_shows_vietnamese_error(page: Page, live_server: Any, axe: Any) -> None:
    officer = _desk_officer()
    login(page, live_server, officer.username, "sai-mat-khau-roi")
    expect(page).to_have_url(re.compile(r"/dang-nhap/$"))
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    axe(page, "trang đăng nhập (sai mật khẩu)")


def test_administrator_sets_up_totp_then_reaches_back_office(page: Page, live_server: Any, axe: Any) -> None:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = UserFactory(username="quantri.thu", full_name="Đặng Quốc Huy", role=Role.ADMIN)

    login(page, live_server, admin.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/tai-khoan/xac-thuc-hai-buoc/\?next=/quan-tri/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác thực hai bước")
    expect(page.locator(".qr svg")).to_be_visible()
    axe(page, "cài đặt xác thực hai bước")

    # An authenticator app would read the secret from the QR code; the test reads it from the database.
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    code = f"{TOTP(bytes.fromhex(device.key)).token():06d}"
    page.locator("main form #id_token").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/quan-tri/")
    expect(page.get_by_role("status")).to_contain_text("Xác thực hai bước đã được kích hoạt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Đặng Quốc Huy")
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).count() == 1


def test_language_selector_switches_to_english(page: Page, live_server: Any) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator("#lang-select").select_option("en")
    with page.expect_navigation():
        page.locator(".lang-form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#lang-select")).to_have_value("en")
    with translation.override("en"):
        home = translation.gettext("Trang chủ")
    assert home == "Home", "compile the catalogue first: manage.py compilemessages (./dev does)"
    nav = page.get_by_role("navigation").first
    expect(nav.get_by_role("link", name=home, exact=True)).to_be_visible()


def test_readme_screenshots(page: Page, live_server: Any) -> None:
    """docs/img/portal-home.png and docs/img/backoffice-home.png, from the demo locality (overwritten each run)."""
    from motcua.accounts import demo

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with override_settings(DEMO_MODE=True):
        demo.seed()

        page.goto("/")
        expect(page.get_by_role("heading", name="Bộ phận tiếp nhận và trả kết quả")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "portal-home.png")

        login(page, live_server, "tiepnhan", demo.DEMO_PASSWORD)
        expect(page).to_have_url(f"{live_server.url}/quan-tri/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Nguyễn Thị Thu Hà")
        page.screenshot(path=SCREENSHOTS / "backoffice-home.png")

    for name in ("portal-home.png", "backoffice-home.png"):
        assert (SCREENSHOTS / name).stat().st_size > 5_000
