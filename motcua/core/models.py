"""Shared base model and the worker heartbeat behind /healthz."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Heartbeat(models.Model):
    """One row per beating process kind; the q2 schedule refreshes the worker's every minute."""

    name = models.CharField(_("tiến trình"), max_length=50, unique=True)
    beat_at = models.DateTimeField(_("lần cuối"))

    class Meta:
        verbose_name = _("nhịp tim tiến trình")
        verbose_name_plural = _("nhịp tim tiến trình")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"

    def age_seconds(self, *, now: timezone.datetime | None = None) -> int:
        return int(((now or timezone.now()) - self.beat_at).total_seconds())
