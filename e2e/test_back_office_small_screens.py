"""The back office on a 360 px phone: the worklist, the dossier list, the dossier page with its
action forms, the intake form (through to the saved dossier), the register link and the refusal
page — each no wider than the screen (`scrollWidth <= 360`) and clean under axe; and the menu grouped
by job (`motcua/backoffice/menu.py`), opened and followed without script on a phone and beside the
page at 1280 px."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import MOBILE_USER_AGENT, MOBILE_VIEWPORT, login
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.processing_factories import make_cast, receive

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
WIDTH = MOBILE_VIEWPORT["width"]
# The elements reaching past the screen's right edge (outside a scrolling table), to say what to fix.
WIDER_THAN_SCREEN = """width => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width - 1 && !el.parentElement.closest('.table-scroll'))
  .slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${el.className}#${el.id} → ${el.getBoundingClientRect().right}`)"""


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def on_a_phone(new_context: Callable[..., BrowserContext], live_server: Any, user: Any) -> Page:
    context = new_context(
        viewport=MOBILE_VIEWPORT,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=MOBILE_USER_AGENT,
    )
    page = context.new_page()
    login(page, live_server, user.username, PASSWORD)
    return page


def assert_fits_and_accessible(page: Page, axe: Any, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDER_THAN_SCREEN, WIDTH)
    assert width <= WIDTH, f"{label}: the page is {width} px wide on a {WIDTH} px screen; too wide: {wide}"
    axe(page, f"{label} (360 px)")


def test_the_back_office_fits_a_360_px_phone_and_stays_accessible(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any
) -> None:
    cast = make_cast()
    overdue = receive(cast)  # received on 02/03/2026: long overdue

    # The leader: worklist (tabs as a wrapped row, the red overdue warning), the list, the dossier page.
    page = on_a_phone(new_context, live_server, cast.leader)
    page.goto("/quan-tri/viec-can-lam/?tab=overdue")
    expect(page.locator(".worklist")).to_contain_text(overdue.code)
    expect(page.locator(".urgency-overdue").first).to_contain_text("Quá hạn")
    tabs = page.locator(".worklist-tabs ul")  # a wrapped row of pills, not a bulleted list
    assert tabs.evaluate("ul => [getComputedStyle(ul).display, getComputedStyle(ul).listStyleType]") == [
        "flex",
        "none",
    ]
    assert_fits_and_accessible(page, axe, "việc cần làm")
    page.goto("/quan-tri/ho-so/")
    assert_fits_and_accessible(page, axe, "danh sách hồ sơ")
    page.goto(f"/quan-tri/ho-so/{overdue.code}/")
    forms = page.locator("form.action-form")
    assert forms.first.get_attribute("id") == "action-assign"  # the way forward first
    assert forms.last.get_attribute("id") == "action-stop"  # what ends the dossier last
    assert "action-danger" in (forms.last.get_attribute("class") or "")
    assert_fits_and_accessible(page, axe, "trang hồ sơ (lãnh đạo)")

    # The desk officer: the intake form, the field that fits the applicant, a usable phone input.
    page = on_a_phone(new_context, live_server, cast.desk)
    page.goto(f"/quan-tri/ho-so/tiep-nhan/?thu_tuc={cast.version.procedure.code}")
    expect(page.get_by_label("Số định danh cá nhân (cá nhân)")).to_be_visible()
    expect(page.get_by_label("Mã số thuế (tổ chức)")).to_be_hidden()
    page.get_by_role("radio", name="Tổ chức").check()
    expect(page.get_by_label("Mã số thuế (tổ chức)")).to_be_visible()
    expect(page.get_by_label("Số định danh cá nhân (cá nhân)")).to_be_hidden()
    page.get_by_role("radio", name="Cá nhân").check()
    phone = page.get_by_label("Điện thoại").bounding_box()
    assert phone is not None and phone["height"] >= 36 and phone["width"] >= 250
    assert_fits_and_accessible(page, axe, "tiếp nhận hồ sơ")
    page.get_by_label("Họ tên người nộp / tên tổ chức").fill("Nguyễn Văn Phúc")
    page.get_by_label("Số định danh cá nhân (cá nhân)").fill("056200001234")
    page.get_by_label("Điện thoại").fill("0905 246 810")
    page.get_by_label("Xã/phường").fill("Phường Cam Phúc Bắc")
    for document in cast.version.documents.filter(mandatory=True):
        page.locator("table.checklist").get_by_role("checkbox", name=document.name, exact=True).check()
    page.get_by_label("Tiếp nhận hồ sơ (in giấy tiếp nhận, mẫu 01)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu hồ sơ").click()
    saved = Dossier.objects.exclude(pk=overdue.pk).get()
    expect(page.get_by_role("status")).to_contain_text(f"Đã lưu hồ sơ {saved.code}")
    expect(page.locator("main")).to_contain_text("0905 246 810")
    assert_fits_and_accessible(page, axe, "hồ sơ vừa lưu")
    register = page.get_by_role("link", name="Sổ theo dõi hồ sơ tháng này (PDF)")
    response = page.request.get(register.get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"

    # The specialist is offered no register link; opening it anyway gets the site's refusal page.
    page = on_a_phone(new_context, live_server, cast.specialist)
    page.goto("/quan-tri/ho-so/")
    expect(page.get_by_role("link", name="Sổ theo dõi hồ sơ tháng này (PDF)")).to_have_count(0)
    page.goto("/quan-tri/so-theo-doi.pdf")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Không có quyền truy cập")
    assert_fits_and_accessible(page, axe, "trang từ chối (403)")


MENU = "Chức năng nghiệp vụ"


def test_the_menu_is_grouped_by_job_works_without_script_on_a_phone_and_stands_beside_the_page_on_a_desk(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any
) -> None:
    cast = make_cast()
    page = on_a_phone(new_context, live_server, cast.supervisor)
    nav = page.get_by_role("navigation", name=MENU)
    groups = nav.locator("details.menu-group > summary")
    expect(groups).to_have_text(["Hồ sơ", "Phản ánh, khảo sát", "Báo cáo, giám sát", "Công khai", "Quản trị"])
    # The home page: the first group open, the others closed and their entries out of sight.
    expect(nav.locator("details.menu-group[open]")).to_have_count(1)
    expect(nav.get_by_role("link", name="Danh sách hồ sơ")).to_be_visible()
    plans = nav.get_by_role("link", name="Kế hoạch CCHC")
    expect(plans).to_be_hidden()
    for box in (groups.nth(i).bounding_box() for i in range(groups.count())):
        assert box is not None and box["height"] >= 40  # a finger's target
    assert_fits_and_accessible(page, axe, "menu theo nhóm (tổng quan)")

    # A tap opens a group (no script: <details>), the entry leads to its page, where its group is open.
    nav.locator("summary", has_text="Báo cáo, giám sát").click()
    expect(plans).to_be_visible()
    assert_fits_and_accessible(page, axe, "menu theo nhóm (mở nhóm báo cáo, giám sát)")
    plans.click()
    expect(page).to_have_url(f"{live_server.url}/quan-tri/ke-hoach/")
    nav = page.get_by_role("navigation", name=MENU)
    expect(nav.locator("details.menu-group[open] > summary")).to_have_text(["Báo cáo, giám sát"])
    expect(nav.get_by_role("link", name="Kế hoạch CCHC")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Đánh giá cán bộ một cửa")).to_be_visible()
    expect(nav.get_by_role("link", name="Danh sách hồ sơ")).to_be_hidden()
    assert_fits_and_accessible(page, axe, "kế hoạch CCHC (menu theo nhóm)")

    # Each role its own entries: the desk officer no reminders nor publishing, the editor no dossiers.
    page = on_a_phone(new_context, live_server, cast.desk)
    nav = page.get_by_role("navigation", name=MENU)
    expect(nav.get_by_role("link", name="Tiếp nhận hồ sơ")).to_be_visible()
    expect(nav.get_by_role("link", name="Nhắc nhở cán bộ", include_hidden=True)).to_have_count(0)
    expect(nav.locator("summary", has_text="Công khai")).to_have_count(0)
    page = on_a_phone(new_context, live_server, cast.editor)
    nav = page.get_by_role("navigation", name=MENU)
    expect(nav.locator("summary", has_text="Hồ sơ")).to_have_count(0)
    nav.locator("summary", has_text="Công khai").click()
    expect(nav.get_by_role("link", name="Thông tin công khai")).to_be_visible()
    assert_fits_and_accessible(page, axe, "menu của biên tập viên")

    # At 1280 px the menu is a column beside the page, the group open on the page being shown.
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, live_server, cast.supervisor.username, PASSWORD)
    page.goto("/quan-tri/tin-nhan/")
    nav = page.get_by_role("navigation", name=MENU)
    expect(nav.locator("details.menu-group[open] > summary")).to_have_text(["Quản trị"])
    menu_box, heading_box = nav.bounding_box(), page.get_by_role("heading", level=1).bounding_box()
    assert menu_box is not None and heading_box is not None
    assert menu_box["x"] + menu_box["width"] <= heading_box["x"] and menu_box["y"] < heading_box["y"] + 50
    axe(page, "tin nhắn đi (menu theo nhóm, 1280 px)")
