"""Use cases of the outbox: queue, claim, deliver, retry, record receipts, sync templates.

Every state change of a `Message` after it is queued is a conditional UPDATE guarded by its status
and the worker's lease token, so two workers can never both send the same message: the one whose
UPDATE matched holds the message, the other sees 0 rows and moves on.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from motcua.accounts.models import normalise_phone
from motcua.core.text import strip_diacritics
from motcua.notifications import registry
from motcua.notifications.exceptions import (
    MessageNotFound,
    MessageNotRetryable,
    TransportError,
    UnknownTemplate,
)
from motcua.notifications.models import (
    Channel,
    DeliveryAttempt,
    Message,
    MessageAttachment,
    MessageTemplate,
)
from motcua.notifications.segments import sms_segments, ucs2_budget, ucs2_units
from motcua.notifications.transports import Outgoing, Transport, transports_for

logger = logging.getLogger(__name__)

DELIVER_TASK = "motcua.notifications.tasks.deliver_message"


# --- templates -------------------------------------------------------------------------------------
def _template_defaults(spec: registry.TemplateSpec) -> dict[str, Any]:
    return {
        "text": spec.default_text,
        "description": spec.description[:300],
        "placeholders": ", ".join(spec.placeholders)[:300],
        "email_subject": spec.email_subject,
        "email_html": spec.email_html,
    }


def templates_sync() -> int:
    """Create the database templates the registry declares and the database lacks; returns how many.

    Never touches an existing row: its text is the staff's.
    """
    created = 0
    for (key, channel), spec in sorted(registry.REGISTRY.items()):
        _, was_created = MessageTemplate.objects.get_or_create(
            key=key, channel=channel, defaults=_template_defaults(spec)
        )
        created += was_created
    return created


def template_get(*, key: str, channel: str) -> MessageTemplate:
    """The staff's template for `key`, created from the registry on first use."""
    template = MessageTemplate.objects.filter(key=key, channel=channel).first()
    if template is not None:
        return template
    spec = registry.get(key, channel)
    if spec is None:
        raise UnknownTemplate(
            _("Chưa có mẫu tin nhắn “%(key)s” cho kênh %(channel)s.") % {"key": key, "channel": channel}
        )
    template, _created = MessageTemplate.objects.get_or_create(
        key=key, channel=channel, defaults=_template_defaults(spec)
    )
    return template


def templates_get(*, key: str, channels: Iterable[str]) -> dict[str, MessageTemplate]:
    """The staff's templates for `key` on several channels, by channel, read in one query: one event
    often goes out by SMS and e-mail. A template not in the database yet is left out, for
    `template_get` to create from the registry when `message_queue` needs it."""
    wanted = [Channel(channel.upper()) for channel in channels]
    return {t.channel: t for t in MessageTemplate.objects.filter(key=key, channel__in=wanted)}


def template_render(*, template: MessageTemplate, context: Mapping[str, Any]) -> tuple[str, str, str]:
    """(subject, text, html) of a template filled with `context`."""
    values = {name: str(value) for name, value in context.items()}
    text = registry.render(template.text, values)
    if template.channel == Channel.SMS:
        if template.diacritic_free or settings.SMS_DIACRITIC_FREE:
            text = strip_diacritics(text)
        return "", text, ""
    subject = registry.render(template.email_subject, values)
    html = (
        registry.render(template.email_html, {k: escape(v) for k, v in values.items()})
        if template.email_html
        else ""
    )
    return subject, text, html


def template_preview(*, template: MessageTemplate) -> dict[str, Any]:
    """The template filled with sample values and, for SMS, its encoding and segment count."""
    spec = registry.get(template.key, template.channel)
    subject, text, html = template_render(
        template=template, context=registry.sample_context(spec, template.text + template.email_subject)
    )
    count = sms_segments(text)
    return {
        "subject": subject,
        "text": text,
        "html": html,
        "encoding": count.encoding,
        "units": count.units,
        "segments": count.segments,
    }


def sms_room(*, key: str, context: Mapping[str, Any], placeholders: Iterable[str], segments: int) -> int:
    """UTF-16 units left for the values of `placeholders` in the staff's SMS template `key` filled
    with `context`, for the message to stay within `segments` UCS-2 segments (and so within
    two-thirds as many GSM-7 ones once without diacritics). The caller shortens its values to fit."""
    template = template_get(key=key, channel=Channel.SMS)
    _subject, text, _html = template_render(
        template=template, context={**context, **dict.fromkeys(placeholders, "")}
    )
    return ucs2_budget(segments) - ucs2_units(text)


# --- queueing ------------------------------------------------------------------------------------
def _recipient(channel: str, to: str) -> str:
    to = to.strip()
    if channel == Channel.SMS:
        try:
            return normalise_phone(to)
        except ValidationError:
            return to  # kept as given; delivery fails it permanently with the reason
    return to


def _enqueue(message_id: int) -> None:
    from django_q.tasks import async_task  # reads django_q's models: loaded when a message is queued

    try:
        async_task(DELIVER_TASK, message_id, task_name=f"message-{message_id}")
    except Exception:  # the broker is down: the sweeper picks the message up within a minute
        logger.exception("could not enqueue delivery of message %s; the sweeper will", message_id)


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024  # an e-mail server's usual limit is larger; reports are far smaller


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


def message_queue(
    *,
    channel: str,
    to: str,
    template: str,
    context: Mapping[str, Any] | None = None,
    subject_ref: str = "",
    max_attempts: int | None = None,
    loaded: MessageTemplate | None = None,
    attachments: Sequence[Attachment] = (),
) -> Message | None:
    """Write a message to the outbox inside the caller's transaction; deliver it after commit.

    A rolled-back change therefore sends nothing, and a gateway that is down loses nothing: the
    row waits for the worker. Returns None when staff switched the template off. `loaded` is the
    template row of `template` on `channel` when the caller has already read it (`templates_get`).
    `attachments` go with an e-mail (an SMS cannot carry them), stored with the message.
    """
    channel = Channel(channel.upper())
    if loaded is not None:
        assert (loaded.key, loaded.channel) == (template, channel)
        tpl = loaded
    else:
        tpl = template_get(key=template, channel=channel)
    if not tpl.is_active:
        return None
    subject, body, html = template_render(template=tpl, context=context or {})
    message = Message.objects.create(
        channel=channel,
        recipient=_recipient(channel, to),
        subject=subject[:200],
        body=body,
        html_body=html,
        template_key=template,
        subject_ref=subject_ref[:120],
        status=Message.Status.QUEUED,
        max_attempts=max_attempts or settings.SMS_MAX_ATTEMPTS,
        next_attempt_at=timezone.now(),
        segments=sms_segments(body).segments if channel == Channel.SMS else 1,
    )
    if attachments:
        if channel != Channel.EMAIL:
            raise ValueError("Only an e-mail carries attachments")
        if sum(len(a.content) for a in attachments) > MAX_ATTACHMENT_BYTES:
            raise ValueError("Attachments exceed MAX_ATTACHMENT_BYTES")
        MessageAttachment.objects.bulk_create(
            MessageAttachment(
                message=message, filename=a.filename, content_type=a.content_type, content=a.content
            )
            for a in attachments
        )
    transaction.on_commit(partial(_enqueue, message.pk))
    return message


# --- claiming -------------------------------------------------------------------------------------
def _lease() -> timedelta:
    return timedelta(seconds=settings.SMS_LEASE_S)


def message_claim(*, limit: int, now: datetime | None = None) -> tuple[list[int], uuid.UUID]:
    """Claim up to `limit` due messages for this worker: mark them SENDING with a lease.

    PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint batches.
    SQLite: the IMMEDIATE transaction takes the write lock first, so claims are serialised.
    A SENDING message whose lease has expired (its worker died) is claimable again.
    """
    now = now or timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        due = Message.objects.due(at=now).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return [], token
        Message.objects.filter(pk__in=ids).due(at=now).update(
            status=Message.Status.SENDING, lease_until=now + _lease(), lease_token=token, updated_at=now
        )
        claimed = list(
            Message.objects.filter(pk__in=ids, lease_token=token).order_by("pk").values_list("pk", flat=True)
        )
    return claimed, token


def _claim_one(message_id: int) -> uuid.UUID | None:
    now = timezone.now()
    token = uuid.uuid4()
    updated = (
        Message.objects.filter(pk=message_id)
        .due(at=now)
        .update(status=Message.Status.SENDING, lease_until=now + _lease(), lease_token=token, updated_at=now)
    )
    return token if updated else None


def _renew(message_id: int, token: uuid.UUID) -> bool:
    """Confirm that our lease still holds (and extend it) just before talking to a gateway."""
    now = timezone.now()
    return bool(
        Message.objects.filter(
            pk=message_id, status=Message.Status.SENDING, lease_token=token, lease_until__gte=now
        ).update(lease_until=now + _lease(), updated_at=now)
    )


# --- delivering -----------------------------------------------------------------------------------
def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the `attempts`-th failed attempt: base, 2×base, 4×base … capped."""
    seconds = settings.SMS_RETRY_BASE_S * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.SMS_RETRY_MAX_S))


def _guarded(message_id: int, token: uuid.UUID) -> Any:
    return Message.objects.filter(pk=message_id, status=Message.Status.SENDING, lease_token=token)


class _Attempts:
    """The attempt rows of one delivery, written in the same transaction as the message's new state."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.rows: list[DeliveryAttempt] = []

    def add(self, transport: str, outcome: str, error: str, started: float, at: datetime) -> None:
        self.rows.append(
            DeliveryAttempt(
                message=self.message,
                attempted_at=at,
                transport=transport,
                outcome=outcome,
                error=error[:2000],
                duration_ms=int((time.monotonic() - started) * 1000),
            )
        )

    def finish(self, token: uuid.UUID, **fields: Any) -> bool:
        """Apply the new state if we still hold the lease, with the attempt rows; one commit."""
        now = timezone.now()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # The outcome of a send need not wait for the WAL flush: if PostgreSQL itself crashes
                # within the next fraction of a second the message is sent again, exactly as when a
                # worker dies between the gateway call and this commit, and the idempotency key lets
                # the gateway drop the repeat. Other transactions keep full durability.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            updated = _guarded(self.message.pk, token).update(
                attempts=F("attempts") + 1, lease_until=None, updated_at=now, **fields
            )
            DeliveryAttempt.objects.bulk_create(self.rows)
        return bool(updated)


def _outgoing(message: Message) -> Outgoing:
    return Outgoing(
        message_id=message.pk,
        channel=message.channel,
        to=message.recipient,
        body=message.body,
        subject=message.subject,
        html_body=message.html_body,
        idempotency_key=str(message.idempotency_key),
        segments=message.segments,
        attachments=tuple(
            (a.filename, bytes(a.content), a.content_type) for a in message.attachments.order_by("pk")
        ),
    )


def _valid_recipient(message: Message) -> bool:
    if message.channel == Channel.SMS:
        try:
            normalise_phone(message.recipient)
        except ValidationError:
            return False
        return message.recipient.startswith("+")
    return "@" in message.recipient


def _failed(failure_class: str, error: str) -> dict[str, Any]:
    return {
        "status": Message.Status.FAILED,
        "failure_class": failure_class,
        "last_error": error[:2000],
        "failed_at": timezone.now(),
    }


def _attempt(message: Message, token: uuid.UUID, transports: list[Transport]) -> None:
    log = _Attempts(message)
    if not _valid_recipient(message):
        error = _("Người nhận không hợp lệ: %(to)s") % {"to": message.recipient}
        log.add("-", DeliveryAttempt.Outcome.PERMANENT, error, time.monotonic(), timezone.now())
        log.finish(token, **_failed(Message.FailureClass.PERMANENT, error))
        return
    out = _outgoing(message)
    errors: list[str] = []
    for transport in transports:
        started, at = time.monotonic(), timezone.now()
        try:
            provider_id = transport.deliver(out)
        except TransportError as exc:
            outcome = (
                DeliveryAttempt.Outcome.PERMANENT if exc.permanent else DeliveryAttempt.Outcome.TEMPORARY
            )
            log.add(transport.name, outcome, exc.message, started, at)
            errors.append(f"{transport.name}: {exc.message}")
            if exc.permanent:
                log.finish(token, **_failed(Message.FailureClass.PERMANENT, errors[-1]))
                return
            continue  # failover: try the next transport
        except Exception as exc:  # a bug in a transport must not leave the message stuck in SENDING
            logger.exception("transport %s crashed on message %s", transport.name, message.pk)
            log.add(transport.name, DeliveryAttempt.Outcome.TEMPORARY, repr(exc), started, at)
            errors.append(f"{transport.name}: {exc!r}")
            continue
        log.add(transport.name, DeliveryAttempt.Outcome.SENT, "", started, at)
        if not log.finish(
            token,
            status=Message.Status.SENT,
            provider_id=provider_id[:100],
            transport=transport.name,
            sent_at=timezone.now(),
            failure_class="",
            last_error="",
        ):
            logger.warning("message %s was sent after its lease had been taken over", message.pk)
        return
    if not transports:
        errors.append(_("chưa cấu hình kênh truyền nào"))
    error = "; ".join(errors)
    attempts = message.attempts + 1
    if attempts >= message.max_attempts:
        error = _("Đã thử %(n)d lần. %(error)s") % {"n": attempts, "error": error}
        log.finish(token, **_failed(Message.FailureClass.TEMPORARY, error))
        return
    log.finish(
        token,
        status=Message.Status.QUEUED,
        next_attempt_at=timezone.now() + retry_delay(attempts),
        failure_class=Message.FailureClass.TEMPORARY,
        last_error=error[:2000],
    )


def _held(message: Message, token: uuid.UUID) -> bool:
    """Whether our lease on a message of the sweeper's batch still holds. It is a local check while
    more than half the lease is left; past that the lease is extended by a guarded UPDATE."""
    now = timezone.now()
    if message.lease_until is not None and message.lease_until - now >= _lease() / 2:
        return True
    if not _renew(message.pk, token):
        return False
    message.lease_until = now + _lease()
    return True


def message_deliver_batch(ids: list[int], *, lease_token: uuid.UUID) -> int:
    """Deliver the messages this worker claimed with `message_claim`; returns how many it attempted.

    The batch is loaded in one query; each message then costs its gateway call and one commit.
    """
    held = _guarded_batch(ids, lease_token)
    attempted = 0
    for message in held:
        if _held(message, lease_token):
            _attempt(message, lease_token, transports_for(message.channel))
            attempted += 1
    return attempted


def _guarded_batch(ids: list[int], token: uuid.UUID) -> list[Message]:
    now = timezone.now()
    return list(
        Message.objects.filter(
            pk__in=ids, status=Message.Status.SENDING, lease_token=token, lease_until__gte=now
        ).order_by("pk")
    )


def message_deliver(message_id: int, *, lease_token: uuid.UUID | None = None) -> bool:
    """Deliver one message through the channel's transports, in order, failing over on temporary errors.

    Without `lease_token` (the on-commit task) the message is claimed here first; with one (the
    sweeper's batch) the lease is confirmed. Either way, a message someone else holds, or that is
    no longer due, is left alone and False is returned.
    """
    if lease_token is None:
        lease_token = _claim_one(message_id)
        if lease_token is None:
            return False
        message = Message.objects.get(pk=message_id)
        _attempt(message, lease_token, transports_for(message.channel))
        return True
    return message_deliver_batch([message_id], lease_token=lease_token) == 1


def message_sweep(*, batch_size: int | None = None, time_budget_s: float = 50.0) -> int:
    """The minute's sweep: claim due messages in batches and deliver them; returns how many it tried.

    Stops after `time_budget_s` so a sweep never overlaps the next one; whatever is left stays due.
    """
    batch_size = batch_size or settings.SMS_SWEEP_BATCH
    deadline = time.monotonic() + time_budget_s
    handled = 0
    while time.monotonic() < deadline:
        ids, token = message_claim(limit=batch_size)
        if not ids:
            break
        for start in range(0, len(ids), 10):
            if time.monotonic() >= deadline:
                # Give the rest back now rather than when the lease runs out.
                Message.objects.filter(
                    pk__in=ids[start:], status=Message.Status.SENDING, lease_token=token
                ).update(status=Message.Status.QUEUED, lease_until=None, lease_token=None)
                break
            handled += message_deliver_batch(ids[start : start + 10], lease_token=token)
    return handled


# --- staff and gateways -----------------------------------------------------------------------------
def message_retry(*, message: Message) -> Message:
    """Staff's manual retry: reset the attempt count and queue the message again now."""
    now = timezone.now()
    updated = Message.objects.filter(
        pk=message.pk, status__in=(Message.Status.FAILED, Message.Status.QUEUED)
    ).update(
        status=Message.Status.QUEUED,
        attempts=0,
        next_attempt_at=now,
        failure_class="",
        lease_until=None,
        lease_token=None,
        failed_at=None,
        updated_at=now,
    )
    if not updated:
        raise MessageNotRetryable(_("Chỉ gửi lại được tin nhắn đang chờ hoặc đã thất bại."))
    transaction.on_commit(partial(_enqueue, message.pk))
    message.refresh_from_db()
    return message


def message_record_receipt(*, provider_id: str, status: str, error: str = "") -> Message:
    """A gateway's delivery receipt: the message reached the handset (DELIVERED) or not (FAILED)."""
    provider_id = provider_id.strip()
    message = (
        Message.objects.filter(provider_id=provider_id).exclude(provider_id="").order_by("-id").first()
        if provider_id
        else None
    )
    if message is None:
        raise MessageNotFound(_("Không tìm thấy tin nhắn có mã %(id)s.") % {"id": provider_id})
    now = timezone.now()
    final = (Message.Status.SENT, Message.Status.DELIVERED, Message.Status.FAILED)
    if status == Message.Status.DELIVERED:
        Message.objects.filter(pk=message.pk, status__in=final).update(
            status=Message.Status.DELIVERED, delivered_at=now, updated_at=now
        )
    else:
        Message.objects.filter(pk=message.pk, status__in=final).update(
            status=Message.Status.FAILED,
            failure_class=Message.FailureClass.PERMANENT,
            last_error=(error or _("Nhà mạng báo không chuyển được tin."))[:2000],
            failed_at=now,
            updated_at=now,
        )
    message.refresh_from_db()
    return message
