"""The outbox pages under /quan-tri/tin-nhan/: who sees them, filters, counts, manual retry."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.notifications.models import Message
from motcua.notifications.tests.factories import DeliveryAttemptFactory, MessageFactory
from motcua.notifications.transports import MemoryTransport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_totp_for_administrators(settings) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = False


def logged_in(role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role))
    return client


def test_a_supervisor_sees_the_outbox_with_counts_by_status_and_filters() -> None:
    MessageFactory(recipient="+84905111222", subject_ref="dossier:ABC-1")
    MessageFactory(failed=True, recipient="+84905333444", subject_ref="dossier:XYZ-2")
    MessageFactory(sent=True)
    client = logged_in(Role.SUPERVISOR)
    page = client.get("/quan-tri/tin-nhan/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "+84905111222" in text and "+84905333444" in text
    assert "Thất bại: <strong>1</strong>" in text and "Chờ gửi: <strong>1</strong>" in text
    failed = client.get("/quan-tri/tin-nhan/?status=FAILED").content.decode()
    assert "+84905333444" in failed and "+84905111222" not in failed
    searched = client.get("/quan-tri/tin-nhan/?q=ABC-1").content.decode()
    assert "+84905111222" in searched and "+84905333444" not in searched


@pytest.mark.parametrize(
    "role", [Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.EDITOR, Role.INSPECTOR]
)
def test_other_roles_may_not_open_the_outbox(role: Role) -> None:
    message = MessageFactory()
    client = logged_in(role)
    assert client.get("/quan-tri/tin-nhan/").status_code == 403
    expected = 403 if role == Role.INSPECTOR else 404  # agency-scoped staff do not see it at all
    assert client.get(f"/quan-tri/tin-nhan/{message.pk}/").status_code == expected
    assert client.post(f"/quan-tri/tin-nhan/{message.pk}/").status_code == expected


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    response = Client().get("/quan-tri/tin-nhan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_the_detail_shows_each_attempt_and_its_error() -> None:
    message = MessageFactory(failed=True)
    DeliveryAttemptFactory(message=message, error="HTTP 500: gateway overloaded")
    page = logged_in(Role.ADMIN).get(f"/quan-tri/tin-nhan/{message.pk}/")
    assert page.status_code == 200
    assert "HTTP 500: gateway overloaded" in page.content.decode()


def test_a_manual_retry_resets_the_attempts_and_sends_again(django_capture_on_commit_callbacks) -> None:
    message = MessageFactory(failed=True)
    client = logged_in(Role.SUPERVISOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/quan-tri/tin-nhan/{message.pk}/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.attempts == 1
    assert len(MemoryTransport.outbox) == 1


def test_retrying_a_sent_message_is_a_conflict() -> None:
    message = MessageFactory(sent=True)
    response = logged_in(Role.SUPERVISOR).post(f"/quan-tri/tin-nhan/{message.pk}/")
    assert response.status_code == 409
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_staff_edit_templates_in_the_admin_with_a_preview_and_segment_count(admin_client: Client) -> None:
    listing = admin_client.get("/admin/notifications/messagetemplate/")
    assert listing.status_code == 200
    from motcua.notifications.models import MessageTemplate

    template = MessageTemplate.objects.get(key="dossier_received", channel="SMS")
    page = admin_client.get(f"/admin/notifications/messagetemplate/{template.pk}/change/")
    assert page.status_code == 200
    assert "tin SMS (UCS-2" in page.content.decode()
