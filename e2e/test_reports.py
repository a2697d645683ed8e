"""Reports in the browser: an agency leader opens the dashboard and the monthly report, follows a
figure to the dossiers behind it (the count matches), downloads the XLSX and finds the same
number in it; the locality leader sees every agency; a citizen on a small phone reads the public
statistics and the 766 index — aggregates only. Each page is checked with axe."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import login
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import person
from motcua.dossiers.tests.processing_factories import Cast, make_cast, receive
from motcua.oversight.tests.factories import run_through
from motcua.reports.exports import COLUMNS
from motcua.reports.models import IndexWeight
from motcua.reports.weights import weights_load

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password


def _weights_ensure() -> None:
    """The 766 weights come from a data migration, which the live server's per-test flush wipes out."""
    weights_load(IndexWeight)


def _named(cast: Cast, receiving: str, other: str) -> Cast:
    cast.agency.name = receiving
    cast.agency.save(update_fields=["name"])
    cast.other.name = other
    cast.other.save(update_fields=["name"])
    return cast


def _intake(cast: Cast, names: list[str], *, hours_ago: int) -> list[Dossier]:
    """Dossiers received from `hours_ago` hours ago, one every half hour, left at their first step."""
    cast.at(timezone.now() - timedelta(hours=hours_ago))
    made = []
    for name in names:
        cast.tick()
        made.append(receive(cast, applicant=person(name=name)))
    return made


def _cell_number(text: str) -> int:
    return int(text.strip().replace(".", "").replace(",", ""))


def test_leaders_read_the_reports_and_a_citizen_reads_only_aggregates(
    new_context: Callable[..., BrowserContext], mobile_page: Page, live_server: Any, axe: Any
) -> None:
    _weights_ensure()
    ward = _named(make_cast(), "UBND phường Hải Châu", "Phòng Tài nguyên và Môi trường")
    district = _named(make_cast(), "UBND xã Hòa Vang", "Phòng Kinh tế")
    names = ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Minh Đức"]
    received = _intake(ward, names, hours_ago=8)
    now = timezone.now()
    finished = run_through(  # received, handled at both agencies and returned within six hours
        ward, received=now - timedelta(hours=6), back=now - timedelta(hours=4),
        ready=now - timedelta(hours=3), returned=now - timedelta(hours=2),
    )  # fmt: skip
    others = _intake(district, ["Võ Thị Em"], hours_ago=5)
    label = str(dict(COLUMNS)["received"])
    ward_count = len(received) + 1
    secrets = [d.code for d in (*received, finished, *others)] + [*names, "Võ Thị Em"]
    locality_leader = UserFactory(role=Role.LOCALITY_LEADER, agency=None)
    today = timezone.localdate()
    first_day = timezone.localdate(received[0].received_at)
    period = f"kind=custom&start={first_day:%Y-%m-%d}&end={today:%Y-%m-%d}"

    def as_user(user: Any) -> Page:
        page = new_context().new_page()
        login(page, live_server, user.username, PASSWORD)
        return page

    # The ward's leader: dashboard, then the monthly report from the menu.
    leader = as_user(ward.leader)
    leader.locator("summary", has_text="Báo cáo, giám sát").click()
    leader.get_by_role("link", name="Bảng điều khiển").click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Bảng điều khiển")
    expect(leader.locator("main")).to_contain_text("Tiếp nhận hôm nay")
    holding = leader.get_by_role("region", name="Hồ sơ đang xử lý theo cơ quan")
    open_here = holding.get_by_role("row").filter(has_text="UBND phường Hải Châu")
    expect(open_here.locator("td").first).to_have_text(str(len(received)))  # at their first step
    expect(holding).not_to_contain_text("UBND xã Hòa Vang")
    axe(leader, "bảng điều khiển (lãnh đạo)")
    leader.get_by_role("link", name="Báo cáo", exact=True).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Báo cáo tình hình giải quyết")
    # The days the dossiers were received in, whatever the hour the journey runs at.
    filters = leader.get_by_role("form", name="Bộ lọc báo cáo")
    filters.get_by_label("Kỳ báo cáo").select_option("custom")
    filters.get_by_label("Từ ngày", exact=True).fill(f"{first_day:%Y-%m-%d}")
    filters.get_by_label("Đến ngày", exact=True).fill(f"{today:%Y-%m-%d}")
    with leader.expect_navigation():
        filters.get_by_role("button", name="Xem").click()
    axe(leader, "báo cáo tháng (lãnh đạo)")
    by_agency = leader.get_by_role("table", name="2. Theo cơ quan tiếp nhận")
    expect(by_agency).to_contain_text("UBND phường Hải Châu")
    expect(by_agency).not_to_contain_text("UBND xã Hòa Vang")  # another agency's dossiers: not theirs
    total = leader.get_by_role("table", name="Tổng hợp").locator("a[href$='chi_so=received']")
    assert _cell_number(total.inner_text()) == ward_count

    # The figure's drill-down: its formula and exactly those dossiers.
    total.click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text(f": {ward_count}")
    expect(leader.locator("main")).to_contain_text("Cách tính")
    rows = leader.locator("main table tbody tr")
    expect(rows).to_have_count(ward_count)
    for dossier in (*received, finished):
        expect(leader.locator("main table")).to_contain_text(dossier.code)
    axe(leader, "chi tiết số liệu (lãnh đạo)")

    # The report's XLSX carries the same number.
    leader.get_by_role("link", name="← Quay lại báo cáo").click()
    with leader.expect_download() as download:
        leader.get_by_role("link", name="Tải Excel (XLSX)").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    sheet = list(book.worksheets[0].iter_rows(values_only=True))
    header = next(r for r in sheet if r and r[0] == "Lĩnh vực")
    total_row = next(r for r in sheet if r and r[0] == "Tổng cộng")
    column = header.index(label)
    assert total_row[column] == ward_count

    # The locality leader sees every agency.
    chief = as_user(locality_leader)
    chief.goto(f"/quan-tri/bao-cao/?{period}")
    by_agency = chief.get_by_role("table", name="2. Theo cơ quan tiếp nhận")
    expect(by_agency).to_contain_text("UBND phường Hải Châu")
    expect(by_agency).to_contain_text("UBND xã Hòa Vang")
    locality_total = chief.get_by_role("table", name="Tổng hợp").locator("a[href$='chi_so=received']")
    assert _cell_number(locality_total.inner_text()) == ward_count + len(others)
    axe(chief, "báo cáo tháng (lãnh đạo UBND)")
    locality_total.click()  # every agency's dossiers, read without personal data (names masked)
    expect(chief.locator("main table tbody tr")).to_have_count(ward_count + len(others))
    expect(chief.locator("main table")).to_contain_text(others[0].code)
    expect(chief.locator("main table")).not_to_contain_text("Võ Thị Em")
    axe(chief, "chi tiết số liệu (lãnh đạo UBND)")
    chief.goto("/quan-tri/bang-dieu-khien/")
    expect(chief.locator("main")).to_contain_text("Phòng Kinh tế")
    axe(chief, "bảng điều khiển (lãnh đạo UBND)")
    chief.goto(f"/quan-tri/bao-cao/766/?{period}")
    expect(chief.locator("main")).to_contain_text("2.2")
    per_procedure = chief.get_by_role("region", name="Thời gian giải quyết trung bình theo thủ tục")
    expect(per_procedure.get_by_role("row").filter(has_text=ward.version.procedure.name)).to_have_count(1)
    axe(chief, "chỉ số 766 (lãnh đạo UBND)")

    # A citizen on a 360 px phone: the public statistics and the index, counts and formulas only.
    citizen = mobile_page
    for path, heading in (("/thong-ke/", "Thống kê"), ("/thong-ke/766/", "766")):
        citizen.goto(f"{path}?{period}")
        expect(citizen.get_by_role("heading", level=1)).to_contain_text(heading)
        body = citizen.locator("body").inner_text()
        for secret in secrets:
            assert secret not in body, (path, secret)
        assert citizen.locator("a[href*='/quan-tri/']").count() == 0, path  # no way into the back office
        axe(citizen, f"{path} (điện thoại)")
        width = citizen.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)  # the tables scroll inside their regions, not the page
        if path == "/thong-ke/":  # the same count as the locality leader's report
            row = citizen.get_by_role("row").filter(
                has=citizen.get_by_role("rowheader", name=label, exact=True)
            )
            assert _cell_number(row.locator("td").first.inner_text()) == ward_count + len(others)
