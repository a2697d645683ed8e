"""The outbox's use cases: queueing in the caller's transaction, retries, failover, permanent failures."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any as SettingsWrapper

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from motcua.notifications import registry
from motcua.notifications.exceptions import (
    MessageNotRetryable,
    PermanentFailure,
    TemporaryFailure,
    UnknownTemplate,
)
from motcua.notifications.models import DeliveryAttempt, Message, MessageTemplate
from motcua.notifications.selectors import outbox_backlog_count
from motcua.notifications.services import (
    message_claim,
    message_deliver,
    message_queue,
    message_retry,
    message_sweep,
    retry_delay,
    template_preview,
    templates_sync,
)
from motcua.notifications.tests.factories import MessageFactory, MessageTemplateFactory
from motcua.notifications.transports import MemoryTransport

pytestmark = pytest.mark.django_db

PHONE = "0905123456"


def queue(**overrides: object) -> Message:
    fields: dict = {
        "channel": "SMS",
        "to": PHONE,
        "template": "dossier_received",
        "context": {
            "code": "000.00.01.H23-260109-0001",
            "due": "16/01/2026",
            "due_basis": "5 ngày làm việc từ 09/01/2026, không tính T7, CN, lễ",
            "keyword": "TC",
            "short_code": "8077",
        },
        "subject_ref": "dossier:000.00.01.H23-260109-0001",
    }
    fields.update(overrides)
    message = message_queue(**fields)
    assert message is not None
    return message


def test_a_queued_message_is_rendered_and_delivered_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue()
        assert MemoryTransport.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.recipient == "+84905123456"
    assert message.body.startswith(
        "Hồ sơ 000.00.01.H23-260109-0001 đã tiếp nhận, hẹn trả 16/01/2026 (5 ngày làm việc từ 09/01/2026"
    )
    assert message.segments == 3  # UCS-2, more than 134 characters
    assert message.attempts == 1 and message.transport == "memory"
    assert [m.to for m in MemoryTransport.outbox] == ["+84905123456"]
    assert MemoryTransport.outbox[0].idempotency_key == str(message.idempotency_key)


def test_a_rolled_back_transaction_queues_nothing_and_sends_nothing(
    django_capture_on_commit_callbacks,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the change that caused the SMS failed")
    assert callbacks == []
    assert not Message.objects.exists()
    assert MemoryTransport.outbox == []


def test_a_message_is_never_delivered_twice_by_task_and_sweeper() -> None:
    message = queue()
    message_deliver(message.pk)
    message_deliver(message.pk)  # a duplicate task
    assert message_sweep() == 0
    assert len(MemoryTransport.outbox) == 1
    assert DeliveryAttempt.objects.filter(message=message).count() == 1


def test_a_temporary_failure_is_retried_with_exponential_backoff() -> None:
    MemoryTransport.failures.extend([TemporaryFailure("cổng bận"), TemporaryFailure("cổng bận")])
    message = queue()
    before = timezone.now()
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.attempts == 1
    assert message.failure_class == Message.FailureClass.TEMPORARY
    assert "cổng bận" in message.last_error
    assert before + timedelta(seconds=59) <= message.next_attempt_at <= timezone.now() + timedelta(seconds=61)
    assert message_sweep() == 0  # not due yet
    assert retry_delay(1) == timedelta(seconds=60)
    assert retry_delay(2) == timedelta(seconds=120)
    assert retry_delay(3) == timedelta(seconds=240)
    assert retry_delay(30) == timedelta(seconds=3600)


def test_a_message_that_keeps_failing_ends_failed_with_its_reason(settings: SettingsWrapper) -> None:
    settings.SMS_RETRY_BASE_S = 0
    MemoryTransport.failures.extend([TemporaryFailure("cổng bận")] * 10)
    message = queue()
    message_sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.failure_class == Message.FailureClass.TEMPORARY
    assert message.attempts == 4
    assert "Đã thử 4 lần" in message.last_error and "cổng bận" in message.last_error
    assert message.delivery_attempts.count() == 4
    assert outbox_backlog_count() == 0


def test_a_permanent_failure_is_not_retried(settings: SettingsWrapper) -> None:
    settings.SMS_RETRY_BASE_S = 0
    MemoryTransport.failures.append(PermanentFailure("số thuê bao không tồn tại"))
    message = queue()
    message_sweep()
    message_sweep()
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.failure_class == Message.FailureClass.PERMANENT
    assert message.attempts == 1
    assert MemoryTransport.outbox == []


def test_an_invalid_phone_number_fails_permanently_without_calling_a_gateway() -> None:
    message = queue(to="12345")
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.failure_class == Message.FailureClass.PERMANENT
    assert "12345" in message.last_error
    assert MemoryTransport.outbox == []


def test_failover_tries_the_next_transport_on_a_temporary_failure(
    settings: SettingsWrapper, tmp_path
) -> None:
    settings.SMS_TRANSPORTS = ["memory", "file"]
    settings.VAR_DIR = tmp_path
    MemoryTransport.failures.append(TemporaryFailure("nhà mạng 1 mất kết nối"))
    message = queue()
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.transport == "file"
    outcomes = list(message.delivery_attempts.values_list("transport", "outcome"))
    assert outcomes == [("memory", "TEMPORARY"), ("file", "SENT")]
    line = (tmp_path / "outbox" / "sms.jsonl").read_text(encoding="utf-8")
    assert "+84905123456" in line and "đã tiếp nhận" in line


def test_staff_retry_resets_the_attempt_count_and_requeues(django_capture_on_commit_callbacks) -> None:
    message = MessageFactory(failed=True)
    with django_capture_on_commit_callbacks(execute=True):
        message_retry(message=message)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert len(MemoryTransport.outbox) == 1


def test_a_sent_message_cannot_be_retried() -> None:
    message = MessageFactory(sent=True)
    with pytest.raises(MessageNotRetryable):
        message_retry(message=message)


def test_the_diacritic_free_option_sends_gsm7_text(settings: SettingsWrapper) -> None:
    settings.SMS_DIACRITIC_FREE = True
    message = queue()
    assert message.body.startswith("Ho so 000.00.01.H23-260109-0001 da tiep nhan, hen tra 16/01/2026")
    assert message.segments == 2  # GSM-7: 153 a part


def test_staff_edits_of_a_template_are_used_and_never_overwritten_by_the_sync() -> None:
    assert templates_sync() == len(registry.REGISTRY)
    MessageTemplate.objects.filter(key="dossier_received", channel="SMS").update(
        text="HS {code}: nhan", diacritic_free=True
    )
    assert templates_sync() == 0
    call_command("notifications_sync_templates")
    assert queue().body == "HS 000.00.01.H23-260109-0001: nhan"


def test_an_unknown_template_is_refused() -> None:
    with pytest.raises(UnknownTemplate):
        queue(template="no_such_event")


def test_a_template_switched_off_queues_nothing() -> None:
    MessageTemplateFactory(key="survey_invitation", is_active=False)
    assert message_queue(channel="SMS", to=PHONE, template="survey_invitation", context={}) is None
    assert not Message.objects.exists()


def test_placeholders_cannot_reach_into_objects_and_unknown_ones_stay_visible() -> None:
    MessageTemplateFactory(key="probe", text="{code.__class__} {code} {missing}")
    assert queue(template="probe", context={"code": "X1"}).body == "{code.__class__} X1 {missing}"


def test_the_template_preview_shows_the_segment_count() -> None:
    templates_sync()
    preview = template_preview(template=MessageTemplate.objects.get(key="dossier_received", channel="SMS"))
    assert "000.00.01.H23-260109-0001" in preview["text"]
    assert preview["encoding"] == "UCS-2"
    assert preview["units"] == len(preview["text"]) > 134
    assert preview["segments"] == 3


def test_an_email_goes_through_django_email_backend_with_subject_and_html(
    django_capture_on_commit_callbacks,
) -> None:
    MessageTemplateFactory(
        key="test_received",
        channel="EMAIL",
        text="Hồ sơ {code} đã được tiếp nhận. Hẹn trả: {due}.",
        email_subject="Hồ sơ {code} đã được tiếp nhận",
        email_html='<p>Hồ sơ <strong>{code}</strong></p><a href="{url}">Tra cứu</a>',
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            channel="EMAIL",
            to="dan@example.vn",
            template="test_received",
            context={"code": "A<1>", "due": "16/01/2026", "url": "https://x.vn/tra-cuu/"},
        )
    assert message is not None
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.transport == "email"
    [sent] = mail.outbox
    assert sent.subject == "Hồ sơ A<1> đã được tiếp nhận"
    assert sent.to == ["dan@example.vn"]
    assert "<strong>A&lt;1&gt;</strong>" in sent.alternatives[0][0]
    assert sent.extra_headers["Message-ID"] == message.provider_id


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_each_message_once() -> None:
    messages = [queue(to=f"090512{i:04d}") for i in range(5)]
    ids, abandoned_token = message_claim(limit=10)  # this worker dies right after claiming
    assert sorted(ids) == sorted(m.pk for m in messages)
    assert message_sweep() == 0  # the lease still holds: nobody else touches them
    assert outbox_backlog_count() == 5
    Message.objects.filter(pk__in=ids).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )  # lease expires
    assert message_sweep() == 5
    for pk in ids:  # the dead worker comes back to life and carries on with its stale lease
        assert message_deliver(pk, lease_token=abandoned_token) is False
    assert sorted(m.to for m in MemoryTransport.outbox) == sorted(m.recipient for m in messages)
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}


def test_the_sweeper_schedule_runs_every_minute() -> None:
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="motcua.outbox_sweep")
    assert schedule.func == "motcua.notifications.tasks.sweep_outbox"
    assert schedule.minutes == 1 and schedule.repeats == -1


def test_healthz_shows_the_outbox_backlog(client) -> None:
    queue()
    queue(to="0905000111")
    MessageFactory(sent=True)
    assert client.get("/healthz").json()["outbox_backlog"] == 2
