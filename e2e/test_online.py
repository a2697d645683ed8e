"""A citizen applies from a phone: finds the procedure, submits with uploads, gets the SMS; the desk
guides; the citizen uploads and resubmits through the token link; the desk receives. axe checks every
submission step, and the submission page stays under 100 KB transferred."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.models import OnlineLevel
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import dossier_guide, dossier_receive
from motcua.dossiers.tests.factories import tiny_image
from motcua.notifications.models import Message

pytestmark = pytest.mark.e2e

# The text of an element's first text node split into the lines the browser laid it out on.
CODE_LINES = """el => {
  const text = el.firstChild, lines = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    const range = document.createRange();
    range.setStart(text, i); range.setEnd(text, i + 1);
    const at = Math.round(range.getBoundingClientRect().top);
    if (at !== top) { lines.push(""); top = at; }
    lines[lines.length - 1] += text.data[i];
  }
  return lines;
}"""

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = tiny_image("PNG")
BUDGET = 100 * 1024


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The SMS goes out through the file transport, as under `./dev serve`: JSON lines under var/.
    settings.VAR_DIR = tmp_path / "var"
    settings.SMS_TRANSPORTS = ["file"]


def _transferred(page: Page, path: str) -> int:
    """Bytes transferred (headers and bodies) to load `path`, from Playwright's per-request sizes."""
    responses: list[Any] = []

    def collect(response: Any) -> None:
        responses.append(response)

    page.on("response", collect)
    page.goto(path)
    page.wait_for_load_state("load")
    page.remove_listener("response", collect)
    total = 0
    for response in responses:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def test_a_citizen_applies_from_a_phone_and_resubmits_after_guidance(
    mobile_page: Page, live_server: Any, axe: Any
) -> None:
    agency = AgencyFactory(
        code="000.21.05.T02", name="UBND phường Cam Lợi", phone="0258 3854 111", email="camloi@example.vn",
        street="02 Lê Duẩn",
    )  # fmt: skip
    version = make_version(
        ProcedureFactory(name="Đăng ký thường trú", code="1.004222", agencies=[agency]),
        online_level=OnlineLevel.FULL,
    )
    desk = UserFactory(role=Role.DESK_OFFICER, agency=agency)
    page = mobile_page

    # Find the procedure among the online services, accents left out.
    page.goto("/nop-ho-so/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky thuong tru")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Đăng ký thường trú").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký thường trú")
    axe(page, "nộp trực tuyến: người nộp")
    assert _transferred(page, f"/nop-ho-so/{version.procedure.code}/") < BUDGET

    page.get_by_label("Họ tên người nộp / tên tổ chức").fill("Võ Thị Thu")
    page.get_by_label("Số định danh cá nhân (cá nhân)").fill("056199001234")
    page.get_by_label("Điện thoại (nhận mã hồ sơ qua SMS)").fill("0905 777 888")
    page.get_by_label("Tỉnh/thành phố").fill("Khánh Hòa")
    page.get_by_role("button", name="Tiếp tục").click()

    axe(page, "nộp trực tuyến: giấy tờ")
    page.get_by_label("Tờ khai theo mẫu").set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Tiếp tục").click()

    axe(page, "nộp trực tuyến: cam đoan")
    page.get_by_label("Tôi cam đoan", exact=False).check()
    page.get_by_role("button", name="Tiếp tục").click()

    axe(page, "nộp trực tuyến: nhận kết quả")
    page.get_by_label("Trực tuyến (kết quả điện tử)").check()
    page.get_by_role("button", name="Tiếp tục").click()

    axe(page, "nộp trực tuyến: xem lại")
    expect(page.locator("main")).to_contain_text("to-khai.pdf")
    page.get_by_role("button", name="Nộp hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ trực tuyến")
    dossier = Dossier.objects.get()
    assert dossier.state == State.SUBMITTED and dossier.code.startswith("000.21.05.T02-")
    expect(page.locator("main")).to_contain_text(dossier.code)
    expect(page.locator("main")).to_contain_text("0258 3854 111")
    axe(page, "nộp trực tuyến: đã nộp")
    # The code may wrap on a phone, but only after a hyphen, never inside a number.
    code = page.locator(".online-code strong")
    assert code.evaluate("el => getComputedStyle(el).wordBreak") != "break-all"
    lines = code.evaluate(CODE_LINES)
    assert "".join(lines) == dossier.code and all(line.endswith("-") for line in lines[:-1]), lines

    # The SMS, delivered by the file transport, carries the code and the token link.
    sms = Message.objects.get(channel="SMS", template_key="dossier_submitted")
    assert sms.status == Message.Status.SENT and sms.transport == "file"
    lines = (settings.VAR_DIR / "outbox" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    sent = [json.loads(line) for line in lines]
    body = next(item["body"] for item in sent if item["to"] == sms.recipient)
    assert dossier.code in body
    link = next(word for word in body.split() if "/ho-so/" in word)
    assert link.startswith(f"{settings.PUBLIC_BASE_URL}/ho-so/{dossier.code}/?t=")

    # The desk guides: the identity card scan is unreadable.
    document = version.documents.get(mandatory=True)
    dossier_guide(dossier=dossier, officer=desk, documents=[document.pk], reason="Bản quét mờ")

    # The citizen follows the SMS link — their dossier's page, the token kept in the session and taken
    # out of the address — uploads the document again and resubmits.
    parts = urlsplit(link)
    page.goto(f"{parts.path}?{parts.query}")
    expect(page).to_have_url(re.compile(rf"/ho-so/{re.escape(dossier.code)}/$"))
    expect(page.locator(".lookup-status")).to_contain_text("Đã hướng dẫn bổ sung")
    axe(page, "trang hồ sơ của công dân")
    page.get_by_label("Tờ khai theo mẫu").set_input_files(
        {"name": "to-khai-ro.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Nộp lại hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nộp lại hồ sơ")
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED

    # The desk receives; the citizen's page shows it.
    dossier_receive(dossier=dossier, officer=desk)
    page.reload()
    expect(page.locator(".lookup-status")).to_contain_text("Đã tiếp nhận")
