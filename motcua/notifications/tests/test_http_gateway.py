"""The generic HTTP gateway against a real stub on loopback: 500s, timeouts, slow answers, 4xx."""

from __future__ import annotations

import json
from typing import Any as SettingsWrapper

import pytest

from motcua.notifications.models import Message
from motcua.notifications.services import message_deliver, message_queue, message_sweep
from motcua.notifications.tests.gateway_stub import GatewayStub
from motcua.notifications.transports import MemoryTransport, dotted_get

pytestmark = pytest.mark.django_db


def queue(to: str, text_code: str = "000.00.01.H23-260109-0001") -> Message:
    message = message_queue(
        channel="SMS",
        to=to,
        template="survey_invitation",
        context={"code": text_code, "url": "https://x.vn/d/1"},
    )
    assert message is not None
    return message


def sweep_until_settled(rounds: int = 20) -> None:
    for _ in range(rounds):
        if not Message.objects.backlog().exists():
            return
        message_sweep(time_budget_s=10)
    raise AssertionError("the outbox did not settle")


def test_every_message_ends_sent_or_failed_with_its_reason_and_none_is_sent_twice(
    gateway: GatewayStub, settings: SettingsWrapper
) -> None:
    settings.SMS_RETRY_BASE_S = 0
    plans = {
        "+84905000001": ["500", "500", "ok"],  # recovers on the third attempt
        "+84905000002": ["timeout", "ok"],  # processed late by the gateway: the retry must not send again
        "+84905000003": ["slow"],  # answers within the timeout
        "+84905000004": ["500"] * 10,  # never recovers
        "+84905000005": ["400"],  # refused: permanent
        "+84905000006": ["drop", "ok"],  # hung without processing: the retry sends it
    }
    for to, plan in plans.items():
        gateway.plans[to] = list(plan)
    messages = {to: queue(to) for to in plans}
    others = [queue(f"+8490511{i:04d}") for i in range(14)]

    sweep_until_settled()

    final = {to: Message.objects.get(pk=m.pk) for to, m in messages.items()}
    for message in [*final.values(), *(Message.objects.get(pk=m.pk) for m in others)]:
        assert message.status in (Message.Status.SENT, Message.Status.FAILED), message
        if message.status == Message.Status.SENT:
            assert gateway.sends[str(message.idempotency_key)] == 1
            assert message.provider_id == gateway.ids[str(message.idempotency_key)]
        else:
            assert gateway.sends[str(message.idempotency_key)] == 0
            assert message.last_error and message.failure_class
    assert max(gateway.sends.values()) == 1  # none is sent twice
    assert gateway.total_sends == 18

    assert final["+84905000001"].status == "SENT" and final["+84905000001"].attempts == 3
    assert final["+84905000002"].status == "SENT"
    assert gateway.requests[str(final["+84905000002"].idempotency_key)] == 2
    assert "hết thời gian chờ" in final["+84905000002"].delivery_attempts.first().error
    assert final["+84905000003"].status == "SENT" and final["+84905000003"].attempts == 1
    assert final["+84905000004"].status == "FAILED"
    assert final["+84905000004"].failure_class == "TEMPORARY"
    assert final["+84905000004"].attempts == 4 and "HTTP 500" in final["+84905000004"].last_error
    assert final["+84905000005"].status == "FAILED"
    assert (
        final["+84905000005"].failure_class == "PERMANENT" and "HTTP 400" in final["+84905000005"].last_error
    )
    assert gateway.requests[str(final["+84905000005"].idempotency_key)] == 1  # not retried
    assert final["+84905000006"].status == "SENT" and final["+84905000006"].attempts == 2


def test_the_gateway_receives_the_idempotency_key_auth_header_and_json_body(
    gateway: GatewayStub, settings: SettingsWrapper
) -> None:
    settings.SMS_HTTP_AUTH_HEADER = "Authorization: Bearer khoa-cong-sms"
    message = queue("0905123456")
    message_deliver(message.pk)
    [headers] = gateway.headers
    assert headers["Authorization"] == "Bearer khoa-cong-sms"
    assert headers["Idempotency-Key"] == str(message.idempotency_key)
    assert gateway.bodies == [
        {"to": "+84905123456", "text": message.body, "ref": str(message.idempotency_key)}
    ]


def test_a_form_body_template_with_national_numbers(gateway: GatewayStub, settings: SettingsWrapper) -> None:
    settings.SMS_HTTP_BODY = "form"
    settings.SMS_HTTP_BODY_TEMPLATE = "to={to_national}&msg={text}&ref={idempotency_key}&brand=UBND"
    message = queue("+84905123456")
    message_deliver(message.pk)
    assert gateway.bodies == [
        {"to": "0905123456", "msg": message.body, "ref": str(message.idempotency_key), "brand": "UBND"}
    ]
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_a_json_body_template_escapes_quotes_in_the_text(
    gateway: GatewayStub, settings: SettingsWrapper
) -> None:
    settings.SMS_HTTP_BODY_TEMPLATE = json.dumps({"msisdn": "{to_digits}", "sms": {"content": "{text}"}})
    message = queue("0905123456", text_code='A"B')
    message_deliver(message.pk)
    assert gateway.bodies[0]["msisdn"] == "84905123456"
    assert 'A"B' in gateway.bodies[0]["sms"]["content"]


def test_failover_to_the_second_transport_when_the_gateway_answers_500(
    gateway: GatewayStub, settings: SettingsWrapper
) -> None:
    settings.SMS_TRANSPORTS = ["http", "memory"]
    gateway.plans["+84905123456"] = ["500"]
    message = queue("0905123456")
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.transport == "memory"
    assert [a.transport for a in message.delivery_attempts.all()] == ["http", "memory"]
    assert len(MemoryTransport.outbox) == 1 and gateway.total_sends == 0


def test_no_failover_after_a_permanent_refusal(gateway: GatewayStub, settings: SettingsWrapper) -> None:
    settings.SMS_TRANSPORTS = ["http", "memory"]
    gateway.plans["+84905123456"] = ["400"]
    message = queue("0905123456")
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and message.failure_class == "PERMANENT"
    assert MemoryTransport.outbox == []


def test_an_unreachable_gateway_is_a_temporary_failure(settings: SettingsWrapper) -> None:
    settings.SMS_TRANSPORTS = ["http"]
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/send"  # discard port: nothing listens
    settings.SMS_HTTP_TIMEOUT_S = 0.5
    message = queue("0905123456")
    message_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED and message.failure_class == "TEMPORARY"
    assert "không kết nối được" in message.last_error


def test_the_rate_limit_spaces_out_sends(gateway: GatewayStub, settings: SettingsWrapper) -> None:
    import time

    settings.SMS_RATE_PER_SECOND = 20  # burst of 20, then one every 50 ms
    messages = [queue(f"+8490522{i:04d}") for i in range(30)]
    started = time.monotonic()
    message_sweep(time_budget_s=10)
    elapsed = time.monotonic() - started
    assert gateway.total_sends == len(messages)
    assert elapsed >= 0.4


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        ({"data": {"id": 7}}, "data.id", 7),
        ({"messages": [{"id": "a"}]}, "messages.0.id", "a"),
        ({}, "x.y", None),
    ],
)
def test_the_response_id_is_found_by_a_dotted_path(data: object, path: str, expected: object) -> None:
    assert dotted_get(data, path) == expected
