"""Shared base model and the worker heartbeat behind /healthz."""

from __future__ import annotations

from datetime import datetime

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

    def age_seconds(self, *, now: datetime | None = None) -> int:
        return int(((now or timezone.now()) - self.beat_at).total_seconds())


class RateCounter(models.Model):
    """A rate limiter's counter (`motcua.core.ratelimit`): one row per key, its value and the instant
    (seconds since the epoch) its window closes. In the database rather than the cache because the
    file and database caches neither increment atomically nor keep a key's expiry on increment."""

    name = models.CharField(max_length=200, unique=True)
    value = models.BigIntegerField(default=0)
    expires_at = models.FloatField(db_index=True)

    class Meta:
        verbose_name = _("bộ đếm giới hạn truy cập")
        verbose_name_plural = _("bộ đếm giới hạn truy cập")

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


class CalendarStatus(models.TextChoices):
    """How sure we are of a calendar row: from an official notice, or estimated from the law."""

    CONFIRMED = "CONFIRMED", _("Chính thức")
    ESTIMATED = "ESTIMATED", _("Dự kiến")


class CalendarRowQuerySet(models.QuerySet):
    def in_year(self, year: int) -> CalendarRowQuerySet:
        return self.filter(date__year=year)

    def confirmed(self) -> CalendarRowQuerySet:
        return self.filter(status=CalendarStatus.CONFIRMED)

    def estimated(self) -> CalendarRowQuerySet:
        return self.filter(status=CalendarStatus.ESTIMATED)


class Holiday(TimeStampedModel):
    """A day off on what would otherwise be a working day (or a holiday falling on a weekend).

    Rows are data, never code: the government's notice for each year is entered here (admin or
    `calendar_seed`), and the working calendar (`motcua.core.calendar`) reads nothing else.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "HOLIDAY", _("Ngày lễ, Tết")
        COMPENSATORY = "COMPENSATORY", _("Nghỉ bù")
        BRIDGE = "BRIDGE", _("Nghỉ hoán đổi")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("tên"), max_length=200)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CalendarStatus.choices, default=CalendarStatus.CONFIRMED
    )
    needs_review = models.BooleanField(
        _("cần kiểm tra"),
        default=False,
        help_text=_("Ngày nghỉ theo thông tin báo chí, cần đối chiếu với văn bản chính thức."),
    )

    objects = CalendarRowQuerySet.as_manager()

    class Meta:
        ordering = ("date",)
        verbose_name = _("ngày nghỉ")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class MakeUpWorkday(TimeStampedModel):
    """A Saturday (or Sunday) worked to repay a bridge day off; it keeps normal office hours."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=200)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CalendarStatus.choices, default=CalendarStatus.CONFIRMED
    )

    objects = CalendarRowQuerySet.as_manager()

    class Meta:
        ordering = ("date",)
        verbose_name = _("ngày làm bù")
        verbose_name_plural = _("ngày làm bù")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class CalendarVersion(models.Model):
    """One row whose stamp changes whenever a calendar row changes.

    Every process (web, worker) keeps the working calendar in memory and compares this stamp to
    know when to reload. The stamp is random rather than a counter so that a rolled-back change
    never leaves a process believing it holds the current calendar.
    """

    SINGLETON_ID = 1

    stamp = models.CharField(_("dấu phiên bản"), max_length=32)
    changed_at = models.DateTimeField(_("thay đổi lúc"))

    class Meta:
        verbose_name = _("phiên bản lịch làm việc")
        verbose_name_plural = _("phiên bản lịch làm việc")

    def __str__(self) -> str:
        return f"{self.stamp} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"
