"""The reform plan in the browser: an agency leader reports on a task with evidence; the Home Affairs
office sees who has not reported and opens the compiled report. Every page is checked with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import login
from motcua.accounts import demo as accounts_demo
from motcua.plans import demo as plans_demo
from motcua.plans.models import ReformPlan, TaskReport

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> ReformPlan:
    settings.DEMO_MODE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    accounts_demo.seed()
    plans_demo.seed()
    return ReformPlan.objects.get()


def test_a_leader_reports_and_home_affairs_follows_up(
    page: Page, new_context: Any, live_server: Any, axe: Any, demo: ReformPlan, tmp_path: Path
) -> None:
    login(page, live_server, "lanhdao.tnmt", accounts_demo.DEMO_PASSWORD)
    page.locator("nav summary", has_text="Báo cáo, giám sát").click()  # the menu's group (<details>)
    page.get_by_role("link", name="Kế hoạch CCHC").click()
    page.get_by_role("link", name="Tổ chức thực hiện các biện pháp", exact=False).click()
    expect(page.get_by_role("heading", name="1. Chỉ số tiêu chí tiếp cận dịch vụ")).to_be_visible()
    axe(page, "kế hoạch: nhiệm vụ")
    page.get_by_label("Kỳ báo cáo").select_option(label="Quý III/2022 — hạn 10/09/2022")
    page.get_by_role("button", name="Xem").click()
    page.locator(
        "tr", has_text="Rà soát, công khai thông tin về cơ chế, chính sách, quy hoạch vùng đất"
    ).get_by_role("link", name="Báo cáo của cơ quan tôi").click()
    expect(page.get_by_role("heading", name="Báo cáo nhiệm vụ 1.3 — kỳ Quý III/2022")).to_be_visible()
    axe(page, "báo cáo nhiệm vụ")
    page.get_by_label("Tình trạng").select_option(label="Hoàn thành")
    page.get_by_label("Kết quả thực hiện trong kỳ").fill("Đã công khai quy hoạch vùng đất ven vịnh Cam Ranh.")
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Tài liệu minh chứng", exact=False).set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã ghi báo cáo nhiệm vụ 1.3 kỳ Quý III/2022.")).to_be_visible()
    assert TaskReport.objects.get(round__label="Quý III/2022", task__number="1.3").files.count() == 1
    page.get_by_role("link", name="Tiến độ").click()
    expect(page.get_by_role("heading", name="Theo cơ quan chủ trì")).to_be_visible()
    axe(page, "tiến độ kế hoạch")

    office = new_context().new_page()
    login(office, live_server, "thanhtra", accounts_demo.DEMO_PASSWORD)
    office.goto(f"{live_server.url}/quan-tri/ke-hoach/{demo.pk}/chua-bao-cao/")
    expect(office.get_by_role("row", name="UBND phường Ba Ngòi")).to_contain_text("4.1, 5.2")
    axe(office, "chưa báo cáo")
    office.get_by_role("link", name="Báo cáo tổng hợp").click()
    expect(
        office.get_by_role("heading", name="BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH", exact=False)
    ).to_be_visible()
    axe(office, "báo cáo tổng hợp")
