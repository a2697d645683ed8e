"""Processing an inter-agency (liên thông) dossier in the browser: the desk receives it, the leader
assigns it, the specialist forwards it to the tax branch (the version's external step), the tax
officer asks for a supplement, the desk takes the documents, the result is marked ready and
returned — each through the dossier page's action forms. Then the citizen's page (QR / SMS link)
shows every step in its timeline. The dossier page with its action forms is checked with axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import login
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.factories import intake
from motcua.dossiers.tests.processing_factories import make_cast

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _act(page: Page, dossier: Dossier, action: str, label: str) -> None:
    form = page.locator(f"form#action-{action}")
    with page.expect_navigation():
        form.get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã thực hiện: {label}.")


def test_an_inter_agency_dossier_goes_through_every_hand_over_to_the_citizen(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any
) -> None:
    cast = make_cast()
    cast.other.name = "Chi cục Thuế khu vực Cam Ranh"
    cast.other.save(update_fields=["name"])
    tax_officer = cast.specialist2
    tax_officer.full_name = "Đỗ Thị Thủy"
    tax_officer.save(update_fields=["full_name"])
    document = cast.version.documents.first()
    dossier = intake(officer=cast.desk, version=cast.version).dossier  # the desk receives (e2e/test_desk.py)
    assert dossier.state == State.RECEIVED
    url = f"/quan-tri/ho-so/{dossier.code}/"

    pages: dict[str, Page] = {}

    def as_user(user: Any) -> Page:
        if user.username not in pages:
            page = new_context().new_page()
            login(page, live_server, user.username, PASSWORD)
            pages[user.username] = page
        page = pages[user.username]
        page.goto(url)
        return page

    # The leader assigns the first step to a specialist of the agency.
    page = as_user(cast.leader)
    expect(page.get_by_role("heading", name="Thao tác xử lý")).to_be_visible()
    axe(page, "trang hồ sơ với các thao tác (lãnh đạo)")
    page.locator("form#action-assign").get_by_label("Cán bộ xử lý").select_option(cast.specialist.username)
    _act(page, dossier, "assign", "Phân công xử lý")
    expect(page.locator(".dossier-steps")).to_contain_text(
        cast.specialist.full_name or cast.specialist.username
    )

    # The specialist forwards to the tax branch, naming its officer.
    page = as_user(cast.specialist)
    page.locator("form#action-forward").get_by_label("Cán bộ nhận hồ sơ (không bắt buộc)").select_option(
        tax_officer.username
    )
    _act(page, dossier, "forward", "Chuyển bước tiếp theo")

    # The tax branch's officer asks for a supplement: only the official list is offered.
    page = as_user(tax_officer)
    form = page.locator("form#action-request_supplement")
    expect(form.get_by_role("checkbox")).to_have_count(cast.version.documents.count())
    form.get_by_role("checkbox", name=document.name, exact=True).check()
    form.get_by_label("Lý do yêu cầu bổ sung").fill("Thiếu chữ ký trên tờ khai lệ phí trước bạ")
    axe(page, "trang hồ sơ với các thao tác (cơ quan thuế)")
    _act(page, dossier, "request_supplement", "Yêu cầu bổ sung hồ sơ")
    expect(page.locator(".state")).to_have_text("Chờ bổ sung hồ sơ")

    # The desk prints form 02 for the applicant, takes the documents; the clock restarts.
    page = as_user(cast.desk)
    form02 = page.get_by_role(
        "link", name=f"Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ {dossier.code}/HDHS"
    )
    assert page.request.get(form02.get_attribute("href") or "").body().startswith(b"%PDF")
    _act(page, dossier, "complete_supplement", "Nhận hồ sơ bổ sung")
    expect(page.locator(".state")).to_have_text("Đang giải quyết")

    # The tax officer hands back to the receiving agency's specialist for the last step.
    page = as_user(tax_officer)
    page.locator("form#action-forward").get_by_label("Cán bộ nhận hồ sơ (không bắt buộc)").select_option(
        cast.specialist.username
    )
    _act(page, dossier, "forward", "Chuyển bước tiếp theo")

    # The specialist records the result; the desk returns it.
    page = as_user(cast.specialist)
    _act(page, dossier, "mark_ready", "Ghi nhận có kết quả")
    page = as_user(cast.desk)
    form = page.locator("form#action-return_result")
    form.get_by_label("Hình thức trả kết quả").select_option("DESK")
    form.get_by_label("Người nhận kết quả (khi trả tại quầy)").fill("Nguyễn Thị Ánh")
    axe(page, "trang hồ sơ với các thao tác (một cửa)")
    _act(page, dossier, "return_result", "Trả kết quả")
    expect(page.locator(".state")).to_have_text("Đã trả kết quả")
    steps = page.locator(".dossier-steps tbody tr")
    expect(steps).to_have_count(3)  # step 1, step 2 at the tax branch (the supplement within it), step 3
    expect(page.locator(".dossier-steps")).to_contain_text("Chi cục Thuế khu vực Cam Ranh")
    response = page.request.get(f"{url}mau-06.pdf")
    assert response.status == 200 and response.body().startswith(b"%PDF")

    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED and dossier.classification

    # The citizen's page, from the slip's QR link, shows each step.
    citizen = new_context().new_page()
    citizen.goto(f"/tra-cuu/?code={dossier.code}&t={dossier_token(dossier.code)}")
    timeline = citizen.locator(".lookup-timeline")
    for label in (
        "Tiếp nhận hồ sơ",
        "Bắt đầu giải quyết",
        "Chuyển xử lý",
        "Yêu cầu bổ sung hồ sơ",
        "Đã bổ sung hồ sơ",
        "Đã có kết quả giải quyết",
        "Đã trả kết quả",
    ):
        expect(timeline).to_contain_text(label)
    expect(timeline.locator("li")).to_have_count(8)  # two hand-overs: to the tax branch and back
    assert "Đỗ Thị Thủy" not in citizen.content()  # no officer names for the citizen
