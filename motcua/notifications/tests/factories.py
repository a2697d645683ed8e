"""Factories of the outbox. `MessageFactory(failed=True)` is a message that gave up after its retries."""

from __future__ import annotations

import factory
from django.utils import timezone

from motcua.notifications.models import Channel, DeliveryAttempt, Message, MessageTemplate


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageTemplate
        django_get_or_create = ("key", "channel")

    key = factory.Sequence(lambda n: f"test_event_{n}")
    channel = Channel.SMS
    text = "Hồ sơ {code} đã được tiếp nhận."
    description = "Sự kiện thử nghiệm"


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    channel = Channel.SMS
    recipient = factory.Sequence(lambda n: f"+849{n % 100000000:08d}")
    body = "Hồ sơ 000.00.01.H23-260109-0001 đã được tiếp nhận."
    template_key = "dossier_received"
    subject_ref = factory.Sequence(lambda n: f"dossier:TEST-{n:04d}")
    status = Message.Status.QUEUED
    next_attempt_at = factory.LazyFunction(timezone.now)

    class Params:
        failed = factory.Trait(
            status=Message.Status.FAILED,
            attempts=6,
            failure_class=Message.FailureClass.TEMPORARY,
            last_error="http: HTTP 500: gateway overloaded",
            failed_at=factory.LazyFunction(timezone.now),
        )
        sent = factory.Trait(
            status=Message.Status.SENT,
            attempts=1,
            transport="http",
            provider_id=factory.Sequence(lambda n: f"gw-{n}"),
            sent_at=factory.LazyFunction(timezone.now),
        )


class DeliveryAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryAttempt

    message = factory.SubFactory(MessageFactory)
    attempted_at = factory.LazyFunction(timezone.now)
    transport = "http"
    outcome = DeliveryAttempt.Outcome.TEMPORARY
    error = "HTTP 500"
    duration_ms = 12
