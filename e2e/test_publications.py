"""An editor publishes a document with an attachment; a citizen finds it from the home page typing
without accents, opens it and downloads the attachment. Every page visited is checked with axe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import PublicationCategory
from motcua.catalog.tests.publication_factories import PDF_BYTES, make_publication

from .conftest import login

pytestmark = pytest.mark.e2e
TITLE = "Kế hoạch cải cách hành chính năm 2026 của phường Cam Linh"


@pytest.fixture
def newsroom(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The migration's categories do not survive the live server's flush.
    PublicationCategory.objects.get_or_create(code="ke-hoach", defaults={"name": "Kế hoạch, chương trình"})
    PublicationCategory.objects.get_or_create(
        code="tin-cai-cach", defaults={"name": "Tin cải cách hành chính", "is_news": True, "order": 5}
    )
    ward = AgencyFactory(code="000.52.31.H34", name="UBND phường Cam Linh")
    UserFactory(username="bientap.e2e", full_name="Võ Thị Giang", agency=ward, role=Role.EDITOR)


def test_editor_publishes_with_an_attachment_and_a_citizen_finds_and_downloads_it(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any, newsroom: None, tmp_path: Path
) -> None:
    editor = new_context().new_page()
    login(editor, live_server, "bientap.e2e", "mat-khau-thu-nghiem")
    editor.goto("/quan-tri/cong-khai/")
    axe(editor, "danh sách thông tin công khai (biên tập)")
    editor.get_by_role("link", name="Soạn tin, văn bản mới").click()
    editor.get_by_label("Chuyên mục").select_option(label="Kế hoạch, chương trình")
    editor.get_by_label("Cơ quan công bố").select_option(label="UBND phường Cam Linh")
    editor.get_by_label("Tiêu đề").fill(TITLE)
    editor.get_by_label("Tóm tắt").fill("Các nhiệm vụ cải cách hành chính trọng tâm của phường năm 2026.")
    editor.get_by_label("Số hiệu").fill("15/KH-UBND")
    editor.get_by_role("button", name="Xem trước").click()
    expect(editor.locator(".preview")).to_contain_text("15/KH-UBND")
    axe(editor, "soạn tin (xem trước)")
    editor.get_by_role("button", name="Lưu", exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(TITLE)
    document = tmp_path / "ke-hoach-2026.pdf"
    document.write_bytes(PDF_BYTES)
    editor.get_by_label("Tên tệp hiển thị").fill("Toàn văn kế hoạch")
    editor.get_by_label("Tệp (PDF").set_input_files(str(document))
    editor.get_by_role("button", name="Tải tệp lên").click()
    expect(editor.locator("ul.attachments")).to_contain_text("Toàn văn kế hoạch")
    editor.get_by_role("button", name="Đăng", exact=True).click()
    expect(editor.locator("main")).to_contain_text("Đã đăng công khai.")
    axe(editor, "trang sửa tin (đã đăng)")

    citizen = new_context().new_page()
    citizen.goto("/")
    citizen.get_by_label("Tìm chính sách, kế hoạch").fill("ke hoach cai cach cam linh")
    citizen.get_by_role("button", name="Tìm thông tin công khai").click()
    expect(citizen.get_by_role("status")).to_contain_text("Tìm thấy 1 tin, văn bản")
    axe(citizen, "thông tin công khai (tìm kiếm không dấu)")
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.locator("main")).to_contain_text("15/KH-UBND")
    axe(citizen, "trang văn bản công khai")
    with citizen.expect_download() as info:
        citizen.get_by_role("link", name="Toàn văn kế hoạch").click()
    assert Path(info.value.path()).read_bytes() == PDF_BYTES
    assert info.value.suggested_filename.endswith(".pdf")


def test_guides_and_the_notice_board_are_accessible(
    new_context: Callable[..., BrowserContext], live_server: Any, axe: Any, newsroom: None
) -> None:
    make_publication(title="Quyết định công bố dự toán ngân sách năm 2026", document_number="9/QĐ-UBND")
    page = new_context().new_page()
    page.goto("/huong-dan/")
    axe(page, "hướng dẫn")
    page.get_by_role("link", name="Tra cứu hồ sơ qua mạng, mã QR và tin nhắn SMS").click()
    expect(page.locator("main")).to_contain_text("TC <mã hồ sơ>")
    axe(page, "hướng dẫn tra cứu")
    page.goto("/cong-khai/niem-yet/")
    expect(page.locator("table")).to_contain_text("9/QĐ-UBND")
    axe(page, "bảng niêm yết")
