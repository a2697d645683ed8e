"""Oversight in the browser: the supervisor names the agency at fault of a dossier that finished
late and asks for its explanation, the agency's leader answers, the supervisor completes the desk
officer's monthly evaluation, and the officer's manager — the same leader — reads both. Each page
is checked with axe."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import login
from motcua.core import calendar
from motcua.core.periods import month_containing
from motcua.dossiers.tests.processing_factories import make_cast
from motcua.oversight import services
from motcua.oversight.models import CHECKLIST
from motcua.oversight.tests.factories import grades_ensure, run_through

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password


def _working_day_before(day: Any, days: int) -> Any:
    while calendar.working_days(day, timezone.localdate()) < days:
        day -= timedelta(days=1)
    return day


def test_an_explanation_and_a_monthly_evaluation_reach_the_officers_manager(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any
) -> None:
    grades_ensure()
    cast = make_cast()
    cast.agency.name = "Bộ phận Một cửa thành phố"
    cast.agency.save(update_fields=["name"])
    cast.desk.full_name = "Nguyễn Thị Thu Hà"
    cast.desk.save(update_fields=["full_name"])
    zone = calendar.local_tz()
    today = timezone.localdate()
    # Received nine working days ago, held at the other agency until the last working day: late.
    received = datetime.combine(_working_day_before(today, 9), time(8, 0), tzinfo=zone)
    last = _working_day_before(today - timedelta(days=1), 0)
    while not calendar.is_working_day(last):
        last -= timedelta(days=1)
    back = min(datetime.combine(last, time(9, 0), tzinfo=zone), timezone.now() - timedelta(hours=3))
    dossier = run_through(
        cast,
        received=received,
        back=back,
        ready=back + timedelta(hours=1),
        returned=back + timedelta(hours=2),
    )
    assert dossier.classification == "LATE"
    month = f"{month_containing(timezone.localtime(dossier.finished_at).date()).end:%Y-%m}"

    def as_user(user: Any) -> Page:
        page = new_context().new_page()
        login(page, live_server, user.username, PASSWORD)
        return page

    # The supervisor names the receiving agency at fault (its signing step ran late too), then asks.
    supervisor = as_user(cast.supervisor)
    supervisor.goto(f"/quan-tri/giam-sat/ho-so-tre-han/?month={month}")
    expect(supervisor.get_by_role("heading", name="Hồ sơ trễ hạn và giải trình")).to_be_visible()
    axe(supervisor, "hồ sơ trễ hạn (giám sát)")
    supervisor.get_by_role("link", name="Xác định cơ quan để chậm").click()
    supervisor.get_by_label("Cơ quan để chậm").select_option(label=cast.agency.name)
    supervisor.get_by_label("Căn cứ xác định").fill("Chậm ký kết quả sau khi nhận lại hồ sơ.")
    axe(supervisor, "xác định cơ quan để chậm")
    with supervisor.expect_navigation():
        supervisor.get_by_role("button", name="Lưu").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Đã xác định cơ quan để chậm")
    with supervisor.expect_navigation():
        supervisor.get_by_role("button", name="Đề nghị các cơ quan để chậm giải trình").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Đã đề nghị giải trình 1 hồ sơ")
    expect(supervisor.locator("tbody")).to_contain_text(cast.agency.name)

    # The agency's leader answers from the menu.
    leader = as_user(cast.leader)
    leader.get_by_role("link", name="Giải trình hồ sơ trễ hạn").click()
    leader.get_by_role("link", name=dossier.code).click()
    leader.get_by_label("Nguyên nhân chậm giải quyết").fill("Lãnh đạo đi công tác, chưa ký kết quả đúng hạn.")
    leader.get_by_label("Biện pháp khắc phục").fill("Ủy quyền cấp phó ký khi lãnh đạo vắng.")
    axe(leader, "giải trình (lãnh đạo)")
    with leader.expect_navigation():
        leader.get_by_role("button", name="Gửi giải trình").click()
    expect(leader.get_by_role("status")).to_contain_text("Đã gửi giải trình")

    # The supervisor fills the month's figures and assesses the desk officer.
    supervisor.goto(f"/quan-tri/danh-gia-can-bo/?month={month}")
    with supervisor.expect_navigation():
        supervisor.get_by_role("button", name="Tính lại số liệu của tháng").click()
    axe(supervisor, "đánh giá cán bộ (danh sách)")
    supervisor.get_by_role("link", name="Nguyễn Thị Thu Hà").click()
    supervisor.get_by_label("Nhận xét").fill("Tiếp nhận đúng quy trình; nhắc lịch hẹn trả kịp thời.")
    supervisor.get_by_label("Xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    axe(supervisor, "đánh giá cán bộ (giám sát)")
    with supervisor.expect_navigation():
        supervisor.get_by_role("button", name="Lưu đánh giá và gửi lãnh đạo").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Đã lưu")

    # The officer's manager reads both: the explanation and the evaluation.
    leader.goto("/quan-tri/giai-trinh/")
    expect(leader.locator("main")).to_contain_text("Ủy quyền cấp phó ký khi lãnh đạo vắng.")
    leader.locator("nav summary", has_text="Báo cáo, giám sát").click()  # the menu's group (<details>)
    expect(leader.get_by_role("link", name="Đánh giá cán bộ một cửa")).to_be_visible()
    leader.goto(f"/quan-tri/danh-gia-can-bo/?month={month}")
    leader.get_by_role("link", name="Nguyễn Thị Thu Hà").click()
    expect(leader.locator("main")).to_contain_text("Hoàn thành tốt nhiệm vụ")
    expect(leader.locator("main")).to_contain_text("Tiếp nhận đúng quy trình; nhắc lịch hẹn trả kịp thời.")
    # Among the dossiers the officer received: early / on time / late / unfinished.
    expect(leader.locator("main")).to_contain_text("0 / 0 / 1 / 0")
    axe(leader, "đánh giá cán bộ (lãnh đạo quản lý)")


def test_the_supervisor_reads_the_periodic_report_and_downloads_it(
    new_context: Callable[..., BrowserContext], mobile_page: Page, live_server: Any, axe: Any
) -> None:
    """The periodic report to the People's Committee: from the menu, for the year; the XLSX carries
    the page's numbers; the page fits a 360 px phone and is clean under axe."""
    cast = make_cast()
    cast.agency.name = "Bộ phận Một cửa thành phố"
    cast.agency.save(update_fields=["name"])
    today = timezone.localdate()
    items = {key: {"ok": key != "wifi", "finding": "", "fix": ""} for key in CHECKLIST}
    items["wifi"] = {"ok": False, "finding": "Wi-Fi chập chờn", "fix": "Thay bộ phát"}
    services.desk_review_record(by=cast.supervisor, desk=cast.agency, reviewed_on=today, items=items)
    services.desk_meeting_record(
        by=cast.supervisor, desk=cast.agency, held_on=today, attendees=[cast.desk, cast.leader],
        topics="Rà soát hồ sơ trễ hạn", decisions="Nhắc lịch hẹn trả mỗi sáng",
    )  # fmt: skip
    inspection = services.inspection_record(
        by=cast.inspector, agency=cast.agency, inspected_on=today, findings="Một cán bộ đến muộn 15 phút"
    )
    services.follow_up_add(
        inspection=inspection, by=cast.inspector, action="Chấn chỉnh giờ giấc làm việc", agency=cast.agency,
        deadline=today + timedelta(days=10),
    )  # fmt: skip

    page = new_context().new_page()
    login(page, live_server, cast.supervisor.username, PASSWORD)
    page.locator("nav summary", has_text="Báo cáo, giám sát").click()  # the menu's group (<details>)
    page.get_by_role("link", name="Báo cáo định kỳ một cửa").click()
    expect(page.get_by_role("heading", name="Báo cáo định kỳ về bộ phận một cửa")).to_be_visible()
    page.get_by_label("Kỳ báo cáo").select_option(label="Năm")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    main = page.locator("main")
    expect(main).to_contain_text("Wi-Fi chập chờn")
    expect(main).to_contain_text("Nhắc lịch hẹn trả mỗi sáng")
    expect(main).to_contain_text("Chấn chỉnh giờ giấc làm việc")
    summary = page.locator("table").first.locator("tbody tr", has_text=cast.agency.name)
    cells = [c.strip() for c in summary.locator("td").all_inner_texts()]
    # reviews, met, not met, meetings, inspections, violations, follow-ups, overdue
    assert cells == ["1", str(len(CHECKLIST) - 1), "1", "1", "1", "0", "1", "0"]
    axe(page, "báo cáo định kỳ một cửa")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Tải Excel (XLSX)").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    rows = [r for r in book["Tổng hợp"].iter_rows(values_only=True) if r[0] == cast.agency.name]
    assert [str(v) for v in rows[0][1:]] == cells

    login(mobile_page, live_server, cast.supervisor.username, PASSWORD)
    mobile_page.goto(f"{live_server.url}/quan-tri/giam-sat/bao-cao-dinh-ky/")
    expect(mobile_page.locator("main")).to_contain_text("Wi-Fi chập chờn")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 360
    axe(mobile_page, "báo cáo định kỳ một cửa (360 px)")
