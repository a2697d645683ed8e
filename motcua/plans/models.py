"""Reform plans (kế hoạch CCHC, DOMAIN §10): groups of tasks, who leads and co-ordinates each task,
the plan's reporting calendar, and the agencies' periodic progress reports with their evidence.

A task may follow an indicator of MotCua by key (`core.indicators`): the key is stored as a string
and validated against the registry, so `plans` never imports the app that computes it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, AgencyGroup
from motcua.accounts.roles import Role
from motcua.core.indicators import validate_indicator_key
from motcua.core.models import TimeStampedModel


class Frequency(models.TextChoices):
    MONTHLY = "MONTHLY", _("Hàng tháng")
    QUARTERLY = "QUARTERLY", _("Hàng quý")
    HALF = "HALF", _("6 tháng")
    YEARLY = "YEARLY", _("Hàng năm")


class ReformPlan(TimeStampedModel):
    """A yearly plan of an issuing authority, followed up by one agency (the Home Affairs office)."""

    issuer = models.ForeignKey(
        Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="issued_plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    title = models.TextField(_("tên kế hoạch"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    follow_up_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan theo dõi, đôn đốc"),
        on_delete=models.PROTECT,
        related_name="followed_plans",
        help_text=_("Cơ quan tổng hợp báo cáo của các cơ quan, đơn vị (thường là Phòng Nội vụ)."),
    )
    report_to = models.CharField(
        _("báo cáo lên"), max_length=255, blank=True, help_text=_("Ví dụ: Sở Nội vụ tỉnh Khánh Hoà.")
    )
    satisfaction_target = models.DecimalField(
        _("mục tiêu mức độ hài lòng (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Trên các trang của kế hoạch, mục tiêu này thay cho mục tiêu chung của hệ thống."),
    )
    # The reporting calendar (data, editable): one round per period, due on `report_due_day` of the
    # period's last month (e.g. quarterly, due on the 10th of March, June, September, December).
    report_frequency = models.CharField(
        _("kỳ báo cáo"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    report_due_day = models.PositiveSmallIntegerField(_("hạn báo cáo (ngày trong tháng cuối kỳ)"), default=10)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kế hoạch CCHC")
        verbose_name_plural = _("kế hoạch CCHC")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "title"], name="plan_issuer_year_title_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number or _('Kế hoạch')} ({self.year}): {self.title[:80]}"

    @property
    def target(self) -> float:
        """The satisfaction target of this plan's pages: its own, else `SATISFACTION_TARGET`."""
        if self.satisfaction_target is not None:
            return float(self.satisfaction_target)
        return float(settings.SATISFACTION_TARGET)


class TaskGroup(models.Model):
    """One of the six criteria of the satisfaction index, under which the plan groups its tasks."""

    plan = models.ForeignKey(ReformPlan, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.TextField(_("tên nhóm"))

    class Meta:
        verbose_name = _("nhóm nhiệm vụ")
        verbose_name_plural = _("nhóm nhiệm vụ")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_group_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Timing(models.TextChoices):
    REGULAR = "REGULAR", _("Thường xuyên")
    MONTHLY = "MONTHLY", _("Hàng tháng")
    QUARTERLY = "QUARTERLY", _("Hàng quý")
    DATE = "DATE", _("Theo thời hạn")


def task_number_key(number: str) -> tuple[int, ...]:
    """ "4.10" sorts after "4.9"."""
    return tuple(int(p) for p in number.split(".") if p.isdigit())


class PlanTask(TimeStampedModel):
    plan = models.ForeignKey(ReformPlan, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=10)  # "4.5"
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    content = models.TextField(_("nội dung công việc"))  # paragraphs separated by a blank line
    lead_text = models.TextField(_("cơ quan chủ trì (nguyên văn)"), blank=True)
    partner_text = models.TextField(_("cơ quan phối hợp (nguyên văn)"), blank=True)
    timing = models.CharField(_("thời gian"), max_length=10, choices=Timing.choices, default=Timing.REGULAR)
    timing_text = models.CharField(_("thời gian hoàn thành (nguyên văn)"), max_length=255, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    expected_result = models.TextField(_("kết quả"), blank=True)
    indicator_key = models.CharField(
        _("chỉ số theo dõi"),
        max_length=80,
        blank=True,
        validators=[validate_indicator_key],
        help_text=_("Khóa chỉ số của hệ thống (ví dụ on_time_rate) đo kết quả của nhiệm vụ."),
    )
    indicator_target = models.DecimalField(
        _("chỉ tiêu"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_task_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:60]}"

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.content.split("\n\n") if p.strip()]


class Responsibility(models.TextChoices):
    LEAD = "LEAD", _("Chủ trì")
    PARTNER = "PARTNER", _("Phối hợp")


class TaskAgency(models.Model):
    """One name from a task's lead or co-ordinating cell, as matched: one agency, or a group of
    agencies; `role` narrows it to people ("Thủ trưởng…" → leaders, "Công chức… tại Bộ phận một
    cửa" → desk officers). `text` keeps the document's words."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="assignments")
    responsibility = models.CharField(_("vai trò"), max_length=10, choices=Responsibility.choices)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("tên trong văn bản"), max_length=500)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency_group = models.ForeignKey(
        AgencyGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("chức danh"), max_length=20, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("cơ quan thực hiện nhiệm vụ")
        verbose_name_plural = _("cơ quan thực hiện nhiệm vụ")
        ordering = ["task", "responsibility", "position"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(agency__isnull=False) & models.Q(agency_group__isnull=False)),
                name="task_agency_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def matched(self) -> bool:
        return self.agency_id is not None or self.agency_group_id is not None


class ReportingRound(models.Model):
    """One period of the plan's reporting calendar and the date its reports are due."""

    plan = models.ForeignKey(ReformPlan, on_delete=models.CASCADE, related_name="rounds")
    label = models.CharField(_("kỳ"), max_length=60)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_on = models.DateField(_("hạn nộp báo cáo"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["plan", "due_on"]
        constraints = [models.UniqueConstraint(fields=["plan", "label"], name="plan_round_label_unique")]

    def __str__(self) -> str:
        return f"{self.label} (hạn {self.due_on:%d/%m/%Y})"

    def is_overdue(self, today: date) -> bool:
        return today > self.due_on


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", _("Chưa triển khai")
    IN_PROGRESS = "IN_PROGRESS", _("Đang thực hiện")
    DONE = "DONE", _("Hoàn thành")
    BLOCKED = "BLOCKED", _("Gặp khó khăn, vướng mắc")


class TaskReport(TimeStampedModel):
    """An agency's report on a task for a round: what it did, with evidence. Sent again, it is
    corrected: `submitted_at` stays the first submission's (so a report sent on time stays on time),
    the text it replaces is kept as a `TaskReportRevision`, and `corrected_at` says when."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plan_reports")
    status = models.CharField(_("tình trạng"), max_length=15, choices=ProgressStatus.choices)
    content = models.TextField(_("kết quả thực hiện"))
    difficulties = models.TextField(_("khó khăn, vướng mắc, đề xuất"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người báo cáo")
    )
    submitted_at = models.DateTimeField(_("nộp lúc"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người sửa"),
    )
    corrected_at = models.DateTimeField(_("sửa lần cuối lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ nhiệm vụ")
        verbose_name_plural = _("báo cáo tiến độ nhiệm vụ")
        ordering = ["task", "round", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["task", "round", "agency"], name="task_report_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.task.number} · {self.round.label} · {self.agency}"

    @property
    def late(self) -> bool:
        """Submitted after the round's due date (local day)."""
        return timezone.localtime(self.submitted_at).date() > self.round.due_on


class TaskReportRevision(models.Model):
    """A version of a report that a correction replaced: its text as it was, who wrote it and when."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="revisions")
    status = models.CharField(_("tình trạng"), max_length=15, choices=ProgressStatus.choices)
    content = models.TextField(_("kết quả thực hiện"))
    difficulties = models.TextField(_("khó khăn, vướng mắc, đề xuất"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người viết")
    )
    written_at = models.DateTimeField(_("viết lúc"))

    class Meta:
        verbose_name = _("bản trước của báo cáo")
        verbose_name_plural = _("bản trước của báo cáo")
        ordering = ["report", "written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} · {self.written_at:%Y-%m-%d %H:%M}"


class TaskReportFile(models.Model):
    """Evidence attached to a report; stored under a name of our own (core.uploads)."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="plans/minh-chung/%Y/", max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(models.Model):
    """One reminder per agency, round and kind, so the daily schedule never sends it twice."""

    class Kind(models.TextChoices):
        BEFORE = "BEFORE", _("Sắp đến hạn")
        OVERDUE = "OVERDUE", _("Quá hạn")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "agency", "kind"], name="plan_reminder_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.agency} · {self.kind}"
