"""The outbox: every SMS and e-mail is a `Message` row written in the caller's transaction.

A worker delivers it through the transports of `transports.py`; each try is a `DeliveryAttempt`.
The app knows nothing of the apps that send: a message names its subject generically (`dossier:<code>`,
`petition:<code>`, `plan:<plan>:<round>`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel


class Channel(models.TextChoices):
    SMS = "SMS", _("Tin nhắn SMS")
    EMAIL = "EMAIL", _("Thư điện tử")


class MessageTemplate(TimeStampedModel):
    """The text staff edit for one event and channel; created from the code registry (`registry.py`).

    Placeholders are written `{name}` (e.g. `{code}`, `{due}`) and replaced by the context values;
    an unknown placeholder stays as written so a typo shows in the preview instead of failing.
    """

    key = models.CharField(_("mã sự kiện"), max_length=80)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    placeholders = models.CharField(
        _("biến dùng được"), max_length=300, blank=True, help_text=_("Ví dụ: code, due, url")
    )
    text = models.TextField(_("nội dung"), help_text=_("Viết {code}, {due}… để chèn giá trị."))
    diacritic_free = models.BooleanField(
        _("gửi không dấu"),
        default=False,
        help_text=_("Bỏ dấu tiếng Việt để tin nhắn dùng bảng mã GSM-7 (160 ký tự/tin thay vì 70)."),
    )
    email_subject = models.CharField(_("tiêu đề thư"), max_length=200, blank=True)
    email_html = models.TextField(_("nội dung thư HTML"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ("key", "channel")
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        constraints = [models.UniqueConstraint(fields=["key", "channel"], name="notif_template_key_channel")]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_channel_display()})"


class MessageQuerySet(models.QuerySet["Message"]):
    def backlog(self) -> MessageQuerySet:
        """Messages not yet handed to a gateway: QUEUED and SENDING."""
        return self.filter(status__in=(Message.Status.QUEUED, Message.Status.SENDING))

    def due(self, *, at: datetime) -> MessageQuerySet:
        """Claimable now: QUEUED and due, or SENDING whose worker's lease has expired."""
        return self.filter(
            Q(status=Message.Status.QUEUED, next_attempt_at__lte=at)
            | Q(status=Message.Status.SENDING, lease_until__lt=at)
        )

    def search(self, text: str) -> MessageQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(recipient__icontains=text) | Q(subject_ref__icontains=text) | Q(provider_id=text)
        )


class Message(TimeStampedModel):
    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Chờ gửi")
        SENDING = "SENDING", _("Đang gửi")
        SENT = "SENT", _("Đã gửi")
        DELIVERED = "DELIVERED", _("Đã đến máy")
        FAILED = "FAILED", _("Thất bại")

    class FailureClass(models.TextChoices):
        TEMPORARY = "TEMPORARY", _("Lỗi tạm thời")
        PERMANENT = "PERMANENT", _("Lỗi vĩnh viễn")

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề thư"), max_length=200, blank=True)
    body = models.TextField(_("nội dung"))
    html_body = models.TextField(_("nội dung HTML"), blank=True)
    template_key = models.CharField(_("mẫu"), max_length=80, blank=True)
    subject_ref = models.CharField(
        _("đối tượng"), max_length=120, blank=True, db_index=True, help_text=_("Ví dụ: dossier:<mã hồ sơ>")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    max_attempts = models.PositiveIntegerField(_("số lần thử tối đa"), default=5)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    lease_until = models.DateTimeField(_("giữ chỗ đến"), null=True, blank=True)
    lease_token = models.UUIDField(_("mã giữ chỗ"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    failure_class = models.CharField(_("loại lỗi"), max_length=10, choices=FailureClass.choices, blank=True)
    provider_id = models.CharField(_("mã của nhà mạng"), max_length=100, blank=True, db_index=True)
    transport = models.CharField(_("kênh truyền"), max_length=20, blank=True)
    segments = models.PositiveSmallIntegerField(_("số tin (phân đoạn)"), default=1)
    idempotency_key = models.UUIDField(
        _("khóa chống gửi trùng"), default=uuid.uuid4, unique=True, editable=False
    )
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("đến máy lúc"), null=True, blank=True)
    failed_at = models.DateTimeField(_("thất bại lúc"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("tin nhắn đi")
        verbose_name_plural = _("hộp thư đi")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notif_msg_status_next")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.SENT, self.Status.DELIVERED, self.Status.FAILED)


class DeliveryAttempt(models.Model):
    """One try of one transport for one message: what the gateway said and how long it took."""

    class Outcome(models.TextChoices):
        SENT = "SENT", _("Thành công")
        TEMPORARY = "TEMPORARY", _("Lỗi tạm thời")
        PERMANENT = "PERMANENT", _("Lỗi vĩnh viễn")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="delivery_attempts")
    attempted_at = models.DateTimeField(_("lúc"))
    transport = models.CharField(_("kênh truyền"), max_length=20)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    error = models.TextField(_("lỗi"), blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)

    class Meta:
        ordering = ("attempted_at", "id")
        verbose_name = _("lần gửi")
        verbose_name_plural = _("các lần gửi")

    def __str__(self) -> str:
        return f"{self.transport} {self.outcome} @ {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class MessageAttachment(models.Model):
    """A file sent with an e-mail (a report's XLSX). Kept in the database beside its message so it
    is written in the same transaction as the outbox row: a rolled-back change leaves no orphan
    file and a queued message never lacks its attachment. Files are small (MAX_ATTACHMENT_BYTES)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    content = models.BinaryField(_("nội dung"))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return f"{self.message_id}: {self.filename}"
