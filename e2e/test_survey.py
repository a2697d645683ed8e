"""A citizen rates the handling of their dossier from the return SMS, on a cheap phone: the link read
from the file transport opens the one-screen survey (no script, under 50 KB transferred), the answers
are sent, and the public satisfaction page counts them. Every page is checked with axe."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.dossiers.tests.processing_factories import make_cast, make_dossier_in
from motcua.notifications.models import Message
from motcua.surveys.models import Response
from motcua.surveys.services import questionnaire_published

pytestmark = pytest.mark.e2e

BUDGET = 50 * 1024  # bytes transferred: headers and bodies of the page and everything it loads


@pytest.fixture(autouse=True)
def _sms_to_file(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.SMS_TRANSPORTS = ["file"]
    settings.SURVEY_MIN_RESPONSES = 1  # one answer is enough to publish, for this journey


def _transferred(page: Page, path: str) -> int:
    responses: list[Any] = []

    def collect(response: Any) -> None:
        responses.append(response)

    page.on("response", collect)
    page.goto(path)
    page.wait_for_load_state("load")
    page.remove_listener("response", collect)
    return sum(
        r.request.sizes()["responseBodySize"] + r.request.sizes()["responseHeadersSize"] for r in responses
    )


def test_a_citizen_rates_from_the_return_sms_and_the_public_page_changes(
    mobile_page: Page, live_server: Any, axe: Any
) -> None:
    questionnaire_published()  # the live server's flush removed the migration's version 1
    cast = make_cast()
    cast.now = timezone.now() - timedelta(days=2)  # returned yesterday or so: the survey is open
    dossier, _ = make_dossier_in("RETURNED", cast)
    page = mobile_page

    # Before: nothing to publish for this month.
    page.goto("/thong-ke/hai-long/")
    expect(page.locator("#current")).to_contain_text("chưa đủ số phiếu")
    axe(page, "kết quả khảo sát: trước")

    # The return SMS, delivered by the file transport, ends with the survey link.
    sms = Message.objects.get(channel="SMS", template_key="dossier_returned")
    assert sms.status == Message.Status.SENT and sms.transport == "file"
    lines = (settings.VAR_DIR / "outbox" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    sent = [item["body"] for item in map(json.loads, lines) if item["to"] == sms.recipient]
    body = next(text for text in sent if "đã trả kết quả" in text)  # after the receipt's and others
    link = body.splitlines()[-1]
    assert f"/danh-gia/{dossier.code}/?t=" in link
    parts = urlsplit(link)

    # The link opens the survey on the phone: one screen, no script, within the budget.
    assert _transferred(page, f"{parts.path}?{parts.query}") < BUDGET
    expect(page.get_by_role("heading", level=1)).to_have_text("Đánh giá mức độ hài lòng")
    assert "?t=" not in page.url  # the token moved to the session
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    axe(page, "phiếu đánh giá")

    version = questionnaire_published()
    questions = [q for c in version.criteria.prefetch_related("questions") for q in c.questions.all()]
    for number, question in enumerate(questions):
        group = page.get_by_role("group", name=question.text)
        group.locator("label").nth(4 if number % 5 else 3).click()  # "5", every fifth "4"
    page.get_by_label("Ý kiến khác", exact=False).fill("Cán bộ hướng dẫn rất rõ ràng.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cảm ơn ông/bà đã đánh giá")
    axe(page, "đã gửi đánh giá")
    response = Response.objects.get(dossier=dossier)
    assert response.answers.count() == len(questions) and response.comment == "Cán bộ hướng dẫn rất rõ ràng."

    # The same link again: answered already (409), said plainly.
    page.goto(f"{parts.path}?{parts.query}")
    page.context.clear_cookies()
    page.goto(f"{parts.path}?{parts.query}")
    expect(page.locator("main")).to_contain_text("mỗi hồ sơ chỉ đánh giá một lần")

    # After: the public page publishes the month's index (all answers 4 or 5: 100 %).
    page.goto("/thong-ke/hai-long/")
    expect(page.locator("#current")).to_contain_text("100,00 %")
    expect(page.locator("main")).not_to_contain_text("Cán bộ hướng dẫn rất rõ ràng")
    assert page.locator("canvas.survey-chart").count() >= 7
    axe(page, "kết quả khảo sát: sau")
