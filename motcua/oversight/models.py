"""Oversight of the one-stop desk (DOMAIN §7, §9; seed 4.2–4.5, 5.3): explanations of late dossiers,
the evaluation of procedure handling, the desk roster, monthly staff evaluations, desk reviews and
meetings, and the Home Affairs inspections."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import Field
from motcua.dossiers.models import Dossier

StrOrPromise = str | Promise

# --- late dossiers: the agency's explanation (seed 5.3) ---------------------------------------


class ExplanationQuerySet(models.QuerySet["Explanation"]):
    def pending(self) -> ExplanationQuerySet:
        return self.filter(answered_at__isnull=True)

    def overdue(self, *, at: object) -> ExplanationQuerySet:
        return self.pending().filter(due_at__lt=at)


class Explanation(models.Model):
    """The supervisor asks the agency at fault why a dossier was late and what it will do about it;
    the agency's leader answers. One per dossier: the agency is the one at fault when asked."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="explanation")
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan để chậm"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("kỳ báo cáo từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("đề nghị lúc"))
    due_at = models.DateTimeField(_("hạn giải trình"))
    reminded_on = models.DateField(_("nhắc gần nhất ngày"), null=True, blank=True)
    reason = models.TextField(_("nguyên nhân chậm"), blank=True)
    remedy = models.TextField(_("biện pháp khắc phục"), blank=True)
    answered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("giải trình lúc"), null=True, blank=True)

    objects = ExplanationQuerySet.as_manager()

    class Meta:
        verbose_name = _("giải trình hồ sơ trễ hạn")
        verbose_name_plural = _("giải trình hồ sơ trễ hạn")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["agency", "answered_at"]), models.Index(fields=["period_start"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.agency_id}"


# --- the evaluation of procedure handling (DOMAIN §7) -------------------------------------------


class HandlingBand(models.Model):
    """A band of the 18-point total (DOMAIN §7: "make bands data"): from `min_points` up."""

    label = models.CharField(_("xếp loại"), max_length=60)
    min_points = models.DecimalField(_("từ điểm"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("mức xếp loại giải quyết TTHC")
        verbose_name_plural = _("mức xếp loại giải quyết TTHC")
        ordering = ["-min_points"]

    def __str__(self) -> str:
        return f"{self.label} (≥ {self.min_points})"


class HandlingCorrection(models.Model):
    """The supervisor's correction of one indicator of one dossier, with the reason. The latest row
    for (dossier, indicator) counts; rows are never edited so the appraisal stays on record."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    indicator = models.PositiveSmallIntegerField(_("tiêu chí"))
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)  # None: N/A
    reason = models.TextField(_("lý do điều chỉnh"))
    corrected_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("điều chỉnh điểm đánh giá")
        verbose_name_plural = _("điều chỉnh điểm đánh giá")
        ordering = ["dossier_id", "indicator", "corrected_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__gte=1, indicator__lte=9), name="handling_indicator_1_9"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=2), name="handling_score_0_2"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.indicator} = {self.score}"


# --- the desk roster (seed 4.2) -----------------------------------------------------------------


class DeskDuty(models.Model):
    """A desk officer on duty at a desk and counter from `starts_at` to `ends_at` (half-open), with
    the fields they may receive for. During the duty they act for that desk (CONTRACTS §5)."""

    officer = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="+")
    desk = models.ForeignKey(
        Agency, verbose_name=_("bộ phận một cửa"), on_delete=models.PROTECT, related_name="+"
    )
    counter = models.CharField(_("quầy"), max_length=20)
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    fields = models.ManyToManyField(Field, verbose_name=_("lĩnh vực tiếp nhận"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("lịch trực một cửa")
        verbose_name_plural = _("lịch trực một cửa")
        ordering = ["starts_at", "desk_id", "counter"]
        indexes = [
            models.Index(fields=["officer", "starts_at"]),
            models.Index(fields=["desk", "counter", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="duty_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} @ {self.desk_id}/{self.counter} {self.starts_at:%Y-%m-%d %H:%M}"


# --- the monthly staff evaluation (seed 4.5) ----------------------------------------------------


class EvaluationGrade(models.Model):
    """A grade the supervisor may give (data: the locality's own scale)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    label = models.CharField(_("mức đánh giá"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mức đánh giá cán bộ")
        verbose_name_plural = _("mức đánh giá cán bộ")
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return self.label


class StaffEvaluation(models.Model):
    """A desk officer's month: figures filled in automatically, the supervisor's assessment and
    grade, the officer's written reply. Personal data (CONTRACTS §5 "Evaluations")."""

    officer = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    figures = models.JSONField(_("số liệu"), default=dict)
    computed_at = models.DateTimeField(_("tính lúc"))
    assessment = models.TextField(_("nhận xét của bộ phận giám sát"), blank=True)
    grade = models.ForeignKey(
        EvaluationGrade, verbose_name=_("xếp loại"), null=True, blank=True, on_delete=models.PROTECT
    )
    assessed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    reply = models.TextField(_("ý kiến của cán bộ"), blank=True)
    replied_at = models.DateTimeField(_("phản hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đánh giá cán bộ một cửa hằng tháng")
        verbose_name_plural = _("đánh giá cán bộ một cửa hằng tháng")
        ordering = ["-period_start", "officer__username"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "period_start"], name="staff_evaluation_once_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.period_start:%Y-%m-%d}"


# --- the desk itself (seed 2.1, 4.5) ------------------------------------------------------------


# The reception conditions the one-stop rules require (seed 2.1): the items of a desk review.
CHECKLIST: dict[str, StrOrPromise] = {
    "seats": _("Ghế ngồi chờ đủ cho người dân"),
    "writing_desk": _("Bàn viết, hồ sơ mẫu"),
    "posted_procedures": _("Niêm yết công khai thủ tục hành chính"),
    "queue": _("Hệ thống xếp hàng tự động"),
    "toilets": _("Nhà vệ sinh"),
    "drinking_water": _("Nước uống"),
    "wifi": _("Wi-Fi miễn phí"),
    "online_computers": _("Máy tính hỗ trợ nộp hồ sơ trực tuyến"),
    "accessibility": _("Lối đi cho người khuyết tật"),
}


class DeskReview(models.Model):
    """A periodic review of a desk's reception conditions against the checklist (`CHECKLIST`)."""

    desk = models.ForeignKey(
        Agency, verbose_name=_("bộ phận một cửa"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("ngày kiểm tra"))
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    items = models.JSONField(
        _("kết quả từng mục"), default=dict
    )  # key → {"ok": bool, "finding": str, "fix": str}

    class Meta:
        verbose_name = _("kiểm tra điều kiện bộ phận một cửa")
        verbose_name_plural = _("kiểm tra điều kiện bộ phận một cửa")
        ordering = ["-reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.reviewed_on}"


class DeskMeeting(models.Model):
    """A periodic meeting of a desk's staff: date, attendees, topics, decisions."""

    desk = models.ForeignKey(
        Agency, verbose_name=_("bộ phận một cửa"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("ngày họp"))
    attendees = models.ManyToManyField(User, verbose_name=_("thành phần dự họp"), related_name="+")
    topics = models.TextField(_("nội dung"))
    decisions = models.TextField(_("kết luận"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("họp bộ phận một cửa")
        verbose_name_plural = _("họp bộ phận một cửa")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.held_on}"


# --- inspections and conduct (seed 4.3–4.4) -----------------------------------------------------


class Inspection(models.Model):
    """An inspection of a unit by the Home Affairs inspectors, with its findings."""

    inspected_on = models.DateField(_("ngày kiểm tra"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    inspectors = models.ManyToManyField(User, verbose_name=_("thành viên đoàn kiểm tra"), related_name="+")
    findings = models.TextField(_("kết quả kiểm tra"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("ghi nhận lúc"))

    class Meta:
        verbose_name = _("kiểm tra công vụ")
        verbose_name_plural = _("kiểm tra công vụ")
        ordering = ["-inspected_on", "pk"]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.inspected_on}"


class Violation(models.Model):
    """A finding against one officer (lateness at the desk, documents demanded outside the official
    list, conduct): it counts in that officer's monthly evaluation."""

    class Kind(models.TextChoices):
        PUNCTUALITY = "PUNCTUALITY", _("Vi phạm giờ giấc làm việc")
        EXTRA_DOCUMENTS = "EXTRA_DOCUMENTS", _("Yêu cầu giấy tờ ngoài quy định")
        CONDUCT = "CONDUCT", _("Thái độ, tác phong")
        OTHER = "OTHER", _("Khác")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    officer = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại vi phạm"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("mô tả"))

    class Meta:
        verbose_name = _("vi phạm")
        verbose_name_plural = _("vi phạm")
        ordering = ["inspection_id", "pk"]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.kind}"


class FollowUp(models.Model):
    """A follow-up action an inspection requires, with its deadline and when it was done."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.TextField(_("việc phải làm"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc khắc phục")
        verbose_name_plural = _("việc khắc phục")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


class Reminder(models.Model):
    """The supervisor's written reminder to a desk officer (nhắc nhở bằng văn bản), recorded and sent."""

    officer = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung nhắc nhở"))
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("nhắc nhở bằng văn bản")
        verbose_name_plural = _("nhắc nhở bằng văn bản")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.issued_at:%Y-%m-%d}"
