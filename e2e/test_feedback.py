"""A citizen files a petition about their dossier from the citizen's page; the specialist receives,
classifies and drafts the answer, the leader approves it, the supervisor publishes it; the answer is
public without the petitioner's name or phone, and the petitioner's SMS is in the outbox. axe checks
the citizen's and the public pages and the officers' petition page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from e2e.conftest import login
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.tests.factories import make_dossier
from motcua.feedback.models import Petition, State
from motcua.notifications.models import Message

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem"
ANSWER = "Phòng đã kiểm tra: hồ sơ được trả đúng hẹn từ ngày mai; cán bộ tiếp nhận đã được nhắc nhở."


def act(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_a_petition_about_a_dossier_from_filing_to_publication(
    page: Page, new_context: Any, live_server: Any, axe: Any
) -> None:
    dossier = make_dossier()
    agency = dossier.receiving_agency
    UserFactory(username="chuyenvien", agency=agency, role=Role.SPECIALIST)
    UserFactory(username="lanhdao", agency=agency, role=Role.LEADER)
    UserFactory(username="giamsat", agency=AgencyFactory(), role=Role.SUPERVISOR)

    # The citizen, from the dossier's page (the SMS / QR link), files a petition about it.
    page.goto(f"{live_server.url}/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị về hồ sơ này").click()
    expect(page.get_by_text(f"Phản ánh về hồ sơ {dossier.code}.")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Thị Ánh")
    axe(page, "the petition form")
    page.get_by_label("Tiêu đề").fill("Hồ sơ quá hạn chưa được báo")
    page.get_by_label("Nội dung", exact=True).fill(
        "Hồ sơ đã quá ngày hẹn nhưng tôi chưa nhận được thông báo nào."
    )
    page.get_by_label("Tôi đồng ý để cơ quan nhà nước xử lý thông tin cá nhân").check()
    act(page, "Gửi phản ánh")
    petition = Petition.objects.get()
    assert petition.dossier_id == dossier.pk and petition.agency_id == agency.pk
    expect(page.get_by_role("heading", name=f"Phản ánh, kiến nghị {petition.code}")).to_be_visible()
    axe(page, "the petitioner's page")

    # The specialist receives, classifies, takes it and drafts the answer.
    officer: BrowserContext = new_context()
    specialist = login(officer.new_page(), live_server, "chuyenvien", PASSWORD)
    specialist.goto(f"{live_server.url}/quan-tri/phan-anh/")
    specialist.get_by_role("link", name=petition.code).click()
    axe(specialist, "the officer's petition page")
    act(specialist, "Tiếp nhận, phân loại")
    act(specialist, "Nhận xử lý")
    specialist.get_by_label("Dự thảo trả lời").fill(ANSWER)
    act(specialist, "Lưu dự thảo trả lời")

    # The leader approves: the answer goes to the petitioner.
    leader = login(new_context().new_page(), live_server, "lanhdao", PASSWORD)
    leader.goto(f"{live_server.url}/quan-tri/phan-anh/{petition.code}/")
    act(leader, "Phê duyệt và gửi trả lời")
    expect(leader.locator("dd", has_text="Đã trả lời, chờ công khai")).to_be_visible()

    # The supervisor publishes it.
    supervisor = login(new_context().new_page(), live_server, "giamsat", PASSWORD)
    supervisor.goto(f"{live_server.url}/quan-tri/phan-anh/?overdue=1")
    axe(supervisor, "the back office's petition list")
    supervisor.goto(f"{live_server.url}/quan-tri/phan-anh/{petition.code}/")
    act(supervisor, "Công khai trả lời")
    petition.refresh_from_db()
    assert petition.state == State.PUBLISHED

    # Anyone reads the answer, without the petitioner's name or phone, and rates it once.
    public = new_context().new_page()
    public.goto(f"{live_server.url}/phan-anh/?q=ho so qua han")
    axe(public, "the public list")
    public.get_by_role("link", name=petition.code).click()
    expect(public.get_by_text(ANSWER)).to_be_visible()
    html = public.content()
    assert "Nguyễn Thị Ánh" not in html and "0905123456" not in html and "905 123 456" not in html
    axe(public, "the published answer")
    act(public, "Hài lòng")
    act(public, "Hài lòng")
    expect(public.get_by_text("1 hài lòng · 0 không hài lòng")).to_be_visible()

    sms = Message.objects.get(template_key="petition_answered", channel="SMS")
    assert sms.recipient == "+84905123456" and petition.code in sms.body
