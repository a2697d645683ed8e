"""Tokens and phone digits stay out of URLs (and so out of request logs): links already sent keep
working, but the page keeps their secrets in the session and redirects to a clean URL; the look-up
form goes by POST."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from motcua.core.logfilters import RedactSecrets
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import make_dossier
from motcua.notifications.transports import ConsoleTransport, Outgoing
from motcua.portal.tests.test_submit_pages import online_version, walk_to_review

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def dossier() -> Dossier:
    return make_dossier(now=datetime(2026, 3, 4, 9, 0, tzinfo=VN))  # phone +84905123456


def test_the_sms_link_moves_its_token_into_the_session_and_redirects_to_a_clean_url(dossier: Dossier) -> None:
    token = dossier_token(dossier.code)
    client = Client()
    response = client.get("/tra-cuu/", {"code": dossier.code, "t": token})
    assert response.status_code == 302
    assert token not in response["Location"] and "t=" not in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Tờ khai theo mẫu" in page.content.decode()  # the token's level
    assert "Tờ khai theo mẫu" not in Client().get(response["Location"]).content.decode()


def test_the_citizens_page_link_moves_its_token_into_the_session(dossier: Dossier) -> None:
    token = dossier_token(dossier.code)
    client = Client()
    response = client.get(f"/ho-so/{dossier.code}/?t={token}")
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.code}/"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 200
    assert Client().get(f"/ho-so/{dossier.code}/").status_code == 404
    assert Client().get(f"/ho-so/{dossier.code}/?t={'0' * 32}").status_code == 404


def test_an_old_look_up_link_with_phone_digits_redirects_without_them(dossier: Dossier) -> None:
    client = Client()
    response = client.get("/tra-cuu/", {"code": dossier.code, "phone4": "3456"})
    assert response.status_code == 302 and "3456" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Nguyễn T. Á." in html  # verified by the digits kept in the session
    assert "Nguyễn T. Á." not in client.get(response["Location"]).content.decode()  # once


def test_the_look_up_form_posts_with_csrf_and_answers_without_digits_in_the_url(dossier: Dossier) -> None:
    html = Client().get("/tra-cuu/").content.decode()
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post("/tra-cuu/", {"code": dossier.code, "phone4": "3456"}).status_code == 403
    answer = Client().post("/tra-cuu/", {"code": dossier.code, "phone4": "3456"})
    assert answer.status_code == 200 and "Nguyễn T. Á." in answer.content.decode()
    assert answer["Cache-Control"] == "private, no-store"


def test_request_lines_with_a_token_or_phone_digits_are_logged_redacted() -> None:
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        ("GET /tra-cuu/?code=000.00.12.H56-260109-0001&t=3e04857f9b5d6c16&phone4=3456 HTTP/1.1", "302", "0"), None,
    )  # fmt: skip
    RedactSecrets().filter(record)
    line = record.getMessage()
    assert "3e04857f9b5d6c16" not in line and "3456" not in line
    assert "code=000.00.12.H56-260109-0001&t=***&phone4=***" in line
    assert "redact_secrets" in settings.LOGGING["handlers"]["console"]["filters"]
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]


def test_the_console_sms_transport_keeps_numbers_and_bodies_out_of_info_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    out = Outgoing(message_id=7, channel="SMS", to="+84905123456", body="Ho so: https://x.vn/tra-cuu/?t=abc")
    with caplog.at_level(logging.INFO, logger="motcua.notifications.transports"):
        ConsoleTransport().send(out)
    info = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "message 7" in info
    assert "905123456" not in info and "tra-cuu" not in info


def test_the_success_page_opens_the_citizens_page_without_the_token_in_the_url() -> None:
    version = online_version()
    client = Client()
    key = walk_to_review(client, version)
    client.post(f"/nop-ho-so/{version.procedure.code}/", {"buoc": "xem-lai", "idempotency_key": key})
    dossier = Dossier.objects.get()
    done = client.get("/nop-ho-so/da-nop/").content.decode()
    assert f'class="button" href="/ho-so/{dossier.code}/"' in done
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 200
