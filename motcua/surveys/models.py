"""Satisfaction surveys (DOMAIN §6): a versioned questionnaire, one response per dossier (web or
paper), quick ratings at the desk's kiosk, and follow-up items for the one-stop supervisor.

Answers keep the version they were given on; criteria and questions keep stable codes across
versions (`C4`, `C4.2`) so the index pools answers of every version by code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier

SATISFIED_SCORES = (4, 5)  # DOMAIN §6: satisfied = 4 or 5
NOT_SATISFIED_MAX = 2  # 1 very dissatisfied, 2 dissatisfied: a follow-up item for the supervisor
ATTITUDE_CRITERION = "C4"  # "service of officials": the officials' attitude (core.facts survey.attitude)


class QuestionnaireVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Bản nháp")
        PUBLISHED = "PUBLISHED", _("Đang dùng")
        RETIRED = "RETIRED", _("Đã thay thế")

    number = models.PositiveSmallIntegerField(_("phiên bản"), unique=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    published_at = models.DateTimeField(_("áp dụng từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bản phiếu khảo sát")
        verbose_name_plural = _("phiên bản phiếu khảo sát")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="PUBLISHED"), name="survey_one_published_version"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.number} ({self.get_status_display()})"


class Criterion(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("mã tiêu chí"), max_length=10)  # C1…C6, stable across versions
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên tiêu chí"), max_length=200)
    name_en = models.CharField(_("tên tiêu chí (tiếng Anh)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="survey_criterion_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Question(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("mã câu hỏi"), max_length=10)  # C4.2, stable across versions
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.CharField(_("câu hỏi"), max_length=300)
    text_en = models.CharField(_("câu hỏi (tiếng Anh)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["criterion__order", "order"]
        constraints = [models.UniqueConstraint(fields=["criterion", "code"], name="survey_question_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class Response(models.Model):
    """One response per dossier (web or paper), with the facts it is reported by, copied from the
    dossier when it is recorded so the index is one query over this table."""

    class Channel(models.TextChoices):
        WEB = "WEB", _("Trực tuyến")
        PAPER = "PAPER", _("Phiếu giấy")

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="survey_response")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("trả lời lúc"), db_index=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ tiếp nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    # Agencies that held a step of the dossier (ids), for the per-agency results of processing.
    processing_agencies = models.JSONField(default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập phiếu giấy"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    comment = models.TextField(_("ý kiến khác"), blank=True)  # personal data: never published

    class Meta:
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        indexes = [models.Index(fields=["agency", "submitted_at"], name="survey_response_agency_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.channel}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("mức đánh giá"))

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="survey_answer_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"


class QuickLevel(models.TextChoices):
    NOT_SATISFIED = "NOT_SATISFIED", _("Không hài lòng")
    SATISFIED = "SATISFIED", _("Hài lòng")
    VERY_SATISFIED = "VERY_SATISFIED", _("Rất hài lòng")


class KioskDuty(models.Model):
    """The officer serving at a kiosk's counter: signed in at the kiosk at the start of duty, until
    another officer signs in or the officer signs out (the oversight roster may fill it later)."""

    kiosk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("vào ca lúc"))
    ended_at = models.DateTimeField(_("hết ca lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ca trực tại quầy")
        verbose_name_plural = _("ca trực tại quầy")
        constraints = [
            models.UniqueConstraint(
                fields=["kiosk"], condition=Q(ended_at=None), name="survey_kiosk_one_duty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kiosk_id} ← {self.officer_id}"


class KioskCounter(models.Model):
    """The counter of its desk a kiosk stands at (set by the administrator): the desk roster's
    officer on duty at that counter is the one its ratings credit (docs/surveys.md, ADR 0027). The
    desk is the kiosk account's agency; a kiosk without a counter credits its signed-in officer."""

    kiosk = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("máy đánh giá"), on_delete=models.CASCADE, related_name="+"
    )
    counter = models.CharField(_("quầy"), max_length=20)

    class Meta:
        verbose_name = _("quầy của máy đánh giá")
        verbose_name_plural = _("quầy của máy đánh giá")

    def __str__(self) -> str:
        return f"{self.kiosk_id} @ {self.counter}"


class QuickRating(models.Model):
    """A three-level rating at the desk (DOMAIN §6), kept apart from the 1–5 survey."""

    level = models.CharField(_("mức"), max_length=15, choices=QuickLevel.choices)
    at = models.DateTimeField(_("lúc"), db_index=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("quầy của cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ được đánh giá"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    kiosk = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="quick_ratings"
    )

    class Meta:
        verbose_name = _("đánh giá nhanh")
        verbose_name_plural = _("đánh giá nhanh")
        constraints = [
            models.UniqueConstraint(fields=["dossier"], condition=~Q(dossier=None), name="survey_quick_once")
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.at:%Y-%m-%d}"


class FollowUp(models.Model):
    """An item for the one-stop supervisor: every "not satisfied" answer or rating and every comment."""

    class Kind(models.TextChoices):
        NOT_SATISFIED = "NOT_SATISFIED", _("Có câu trả lời không hài lòng")
        QUICK_NOT_SATISFIED = "QUICK_NOT_SATISFIED", _("Đánh giá nhanh: không hài lòng")
        COMMENT = "COMMENT", _("Có ý kiến của người dân")

    kind = models.CharField(_("loại"), max_length=25, choices=Kind.choices)
    created_at = models.DateTimeField(_("tạo lúc"), db_index=True)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    quick = models.ForeignKey(
        QuickRating, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    closed_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("ghi chú xử lý"), blank=True)

    class Meta:
        verbose_name = _("việc cần theo dõi")
        verbose_name_plural = _("việc cần theo dõi")
        ordering = ["closed_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d}"
