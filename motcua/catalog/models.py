"""The procedure catalogue: fields, procedures, their dated versions with every published part, and contacts.

A procedure's rules live on `ProcedureVersion`, effective from a date. A published version is
never edited: `services.procedure_version_revise` copies it into a new draft, which
`services.procedure_version_publish` checks and publishes. A dossier keeps the version that was
in force when it was received (`ProcedureVersion.objects.in_force(at=...)`).
"""

from __future__ import annotations

from datetime import date, time
from fractions import Fraction

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.fields import FoldedTextField
from motcua.core.calendar import Unit as TimeUnit
from motcua.core.calendar import amount_text
from motcua.core.models import TimeStampedModel

__all__ = [
    "GUIDE_BY_SLUG",
    "GUIDE_SLUGS",
    "Channel",
    "Contact",
    "ContactOfficer",
    "Fee",
    "Field",
    "FoldedTextField",
    "Guide",
    "GuideChange",
    "LegalBasis",
    "OnlineLevel",
    "PauseKind",
    "Procedure",
    "ProcedureVersion",
    "ProcessStep",
    "Publication",
    "PublicationAttachment",
    "PublicationCategory",
    "PublicationChange",
    "PublishingGrant",
    "RequiredDocument",
    "ResultKind",
    "TimeUnit",
    "hours_per_day",
    "online_level_from_legacy",
]

procedure_code_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,29}$",
    _("Mã thủ tục chỉ gồm chữ số, chữ cái, dấu chấm và gạch ngang (ví dụ 2.000635)."),
)
field_code_validator = RegexValidator(
    r"^[0-9A-Za-z_\-]{1,30}$",
    _("Mã lĩnh vực chỉ gồm chữ số, chữ cái không dấu, gạch dưới và gạch ngang."),
)
phone_text_validator = RegexValidator(
    r"^[0-9+ .()\-]{3,30}$", _("Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang và dấu +.")
)


class OnlineLevel(models.TextChoices):
    NONE = "NONE", _("Không có dịch vụ công trực tuyến")
    PARTIAL = "PARTIAL", _("Dịch vụ công trực tuyến một phần")
    FULL = "FULL", _("Dịch vụ công trực tuyến toàn trình")


def online_level_from_legacy(level: int | str) -> str:
    """Map the legacy levels 1–4 (or an already current value) to NONE / PARTIAL / FULL (Decree 42/2022)."""
    text = str(level).strip().upper()
    if text in OnlineLevel.values:
        return text
    legacy = {"1": OnlineLevel.NONE, "2": OnlineLevel.NONE, "3": OnlineLevel.PARTIAL, "4": OnlineLevel.FULL}
    if text not in legacy:
        raise ValueError(text)
    return str(legacy[text])


class Channel(models.TextChoices):
    DESK = "DESK", _("Trực tiếp")
    ONLINE = "ONLINE", _("Trực tuyến")
    POST = "POST", _("Qua dịch vụ bưu chính công ích")


class PauseKind(models.TextChoices):
    FINANCIAL_OBLIGATION = "FINANCIAL_OBLIGATION", _("Thời gian thực hiện nghĩa vụ tài chính")
    PUBLIC_POSTING = "PUBLIC_POSTING", _("Thời gian niêm yết công khai")
    VERIFICATION = "VERIFICATION", _("Thời gian xác minh")


class ResultKind(models.TextChoices):
    PAPER = "PAPER", _("Bản giấy")
    ELECTRONIC = "ELECTRONIC", _("Bản điện tử")
    BOTH = "BOTH", _("Bản giấy và bản điện tử")


STEP_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.HALF_DAYS, TimeUnit.WORKING_HOURS)
WORKING_UNITS = frozenset(STEP_UNITS)


def limit_is_set(value: int | None, unit: str) -> bool:
    """Whether a version states its time limit (part đ of Decree 63 art. 8): a known unit with an
    amount — "within the day" needs none; 0 working or calendar days is a limit (CONTRACTS §2: the
    closing of that day); hours, half days and months need at least 1. The catalogue's validation
    and 766 indicator 1.3 both ask this."""
    if unit == TimeUnit.SAME_DAY:
        return True
    if unit not in TimeUnit.values or value is None:
        return False
    return value >= 0 if unit in (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS) else value > 0


def hours_per_day() -> Fraction:
    """Working hours in a day from the office-hours setting (7.5 by default)."""
    minutes = sum(end - start for start, end in settings.OFFICE_HOURS)
    return Fraction(minutes, 60)


def in_hours(value: int | Fraction, unit: str) -> Fraction:
    """A working-time amount in hours: 1 day = 2 half days = 7.5 hours by default office hours."""
    if unit == TimeUnit.WORKING_DAYS:
        return Fraction(value) * hours_per_day()
    if unit == TimeUnit.HALF_DAYS:
        return Fraction(value) * hours_per_day() / 2
    if unit == TimeUnit.WORKING_HOURS:
        return Fraction(value)
    raise ValueError(unit)


class Field(TimeStampedModel):
    """A field of procedures (lĩnh vực): civil status, land, construction…"""

    code = models.CharField(_("mã lĩnh vực"), max_length=30, unique=True, validators=[field_code_validator])
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcedureQuerySet(models.QuerySet["Procedure"]):
    def listed(self) -> ProcedureQuerySet:
        """Procedures shown to the public: not abolished."""
        return self.exclude(status=Procedure.Status.ABOLISHED)

    def with_version_in_force(self, at: date) -> ProcedureQuerySet:
        """Annotate `version_id` and `version_online_level` with the version in force at `at`, and keep only those that have one."""
        current = (
            ProcedureVersion.objects.published()
            .filter(procedure=OuterRef("pk"), effective_date__lte=at)
            .order_by("-effective_date", "-pk")
        )
        return self.annotate(
            version_id=Subquery(current.values("pk")[:1]),
            version_online_level=Subquery(current.values("online_level")[:1]),
        ).filter(version_id__isnull=False)


class Procedure(TimeStampedModel):
    """An administrative procedure (thủ tục hành chính) by its national code."""

    class Status(models.TextChoices):
        PUBLIC = "PUBLIC", _("Công khai")
        PUBLIC_AMENDED = "PUBLIC_AMENDED", _("Công khai (sửa đổi, bổ sung)")
        ABOLISHED = "ABOLISHED", _("Bãi bỏ")

    class Level(models.TextChoices):
        PROVINCE = "PROVINCE", _("Cấp tỉnh")
        DISTRICT = "DISTRICT", _("Cấp huyện")
        COMMUNE = "COMMUNE", _("Cấp xã")

    code = models.CharField(
        _("mã thủ tục"), max_length=30, unique=True, validators=[procedure_code_validator]
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=Level.choices, default=Level.DISTRICT)
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan thực hiện"), related_name="procedures", blank=True
    )
    for_person = models.BooleanField(_("cá nhân"), default=True)
    for_organisation = models.BooleanField(_("tổ chức"), default=False)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.PUBLIC)
    is_demo = models.BooleanField(
        _("dữ liệu minh họa"), default=False, help_text=_("Mã và căn cứ pháp lý mang tính minh họa.")
    )
    popularity = models.PositiveIntegerField(
        _("mức độ sử dụng"), default=0, help_text=_("Số hồ sơ hoặc lượt xem; dùng để xếp thủ tục hay dùng.")
    )
    search_text = FoldedTextField(_("chuỗi tìm kiếm"), blank=True, editable=False)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__name", "name"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def applicant_labels(self) -> list[str]:
        labels = []
        if self.for_person:
            labels.append(str(_("Cá nhân")))
        if self.for_organisation:
            labels.append(str(_("Tổ chức")))
        return labels


class ProcedureVersionQuerySet(models.QuerySet["ProcedureVersion"]):
    def published(self) -> ProcedureVersionQuerySet:
        return self.filter(status=ProcedureVersion.Status.PUBLISHED)

    def in_force(self, *, at: date) -> ProcedureVersionQuerySet:
        """For each procedure, the published version with the latest effective date on or before `at`."""
        latest = (
            ProcedureVersion.objects.published()
            .filter(procedure=OuterRef("procedure"), effective_date__lte=at)
            .order_by("-effective_date", "-pk")
            .values("pk")[:1]
        )
        return self.published().filter(effective_date__lte=at, pk=Subquery(latest))


class ProcedureVersion(TimeStampedModel):
    """Every published part of a procedure (Decree 63/2010 art. 8), effective from a date."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Bản nháp")
        PUBLISHED = "PUBLISHED", _("Đã công bố")

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="versions"
    )
    effective_date = models.DateField(_("hiệu lực từ ngày"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    method_text = models.TextField(_("cách thức thực hiện"), blank=True)
    channels = models.JSONField(_("kênh nộp hồ sơ"), default=list, blank=True)
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    limit_value = models.PositiveIntegerField(_("thời hạn giải quyết"), default=0)
    limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    same_day_cutoff = models.TimeField(
        _("giờ chốt trong ngày"),
        null=True,
        blank=True,
        help_text=_("Chỉ cho thời hạn «trong ngày»: hồ sơ nhận từ giờ này trả vào ngày làm việc tiếp theo."),
    )
    pause_kinds = models.JSONField(_("thời gian không tính vào thời hạn"), default=list, blank=True)
    applicant_conditions = models.TextField(_("yêu cầu, điều kiện thực hiện"), blank=True)
    result_kind = models.CharField(
        _("hình thức kết quả"), max_length=12, choices=ResultKind.choices, default=ResultKind.PAPER
    )
    result_name = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    announcement_number = models.CharField(_("số quyết định công bố"), max_length=100, blank=True)
    announcement_date = models.DateField(_("ngày quyết định công bố"), null=True, blank=True)
    public_date = models.DateField(_("ngày công khai"), null=True, blank=True)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure__code", "-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "effective_date"], name="procedure_version_unique_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} — {self.effective_date:%d/%m/%Y}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_online_service(self) -> bool:
        return self.online_level != OnlineLevel.NONE

    @property
    def limit_text(self) -> str:
        """The limit in words: "5 ngày làm việc", "16 giờ làm việc", "Trong ngày (nhận trước 15:00)"."""
        if self.limit_unit == TimeUnit.SAME_DAY:
            if self.same_day_cutoff is not None:
                return str(_("Trong ngày (nhận trước %(time)s)") % {"time": f"{self.same_day_cutoff:%H:%M}"})
            return str(_("Trong ngày"))
        return amount_text(self.limit_value, self.limit_unit)

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in self.channels if c in Channel.values]

    @property
    def pause_kind_labels(self) -> list[str]:
        return [str(PauseKind(k).label) for k in self.pause_kinds if k in PauseKind.values]

    @property
    def cutoff_hhmm(self) -> str | None:
        cutoff: time | None = self.same_day_cutoff
        return f"{cutoff:%H:%M}" if cutoff is not None else None


class Fee(models.Model):
    """A fee or charge (phí, lệ phí) of a version."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên phí, lệ phí"), max_length=500)
    amount_vnd = models.PositiveBigIntegerField(_("mức thu (đồng)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_text}"

    @property
    def amount_text(self) -> str:
        """Vietnamese money: "50.000 đồng"; nothing to pay reads "Không thu"."""
        if not self.amount_vnd:
            return str(_("Không thu"))
        return f"{self.amount_vnd:,}".replace(",", ".") + " " + str(_("đồng"))


class LegalBasis(models.Model):
    """One legal text a version rests on (căn cứ pháp lý)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.CharField(_("văn bản"), max_length=1000)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class RequiredDocument(models.Model):
    """A document on the official list of a version (thành phần hồ sơ), with its blank form and sample."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=1000)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    condition = models.CharField(
        _("điều kiện"),
        max_length=500,
        blank=True,
        help_text=_("Với giấy tờ không bắt buộc: khi nào phải nộp."),
    )
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/mau/", blank=True, max_length=255)
    sample = models.FileField(_("hồ sơ mẫu"), upload_to="catalog/ho-so-mau/", blank=True, max_length=255)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ) with its agency and time budget."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên bước"), max_length=500)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: cơ quan tiếp nhận hồ sơ."),
    )
    budget_value = models.PositiveIntegerField(_("thời gian"), default=1)
    budget_unit = models.CharField(
        _("đơn vị"),
        max_length=20,
        choices=[(u.value, u.label) for u in STEP_UNITS],
        default=TimeUnit.WORKING_DAYS,
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    @property
    def budget_text(self) -> str:
        return amount_text(self.budget_value, self.budget_unit)


class Contact(TimeStampedModel):
    """Where an agency receives feedback: printed on the back of the receipt slip and on /lien-he/."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="contact"
    )
    hotline = models.CharField(
        _("đường dây nóng"), max_length=30, blank=True, validators=[phone_text_validator]
    )
    email = models.EmailField(_("thư điện tử nhận phản ánh"), blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thông tin liên hệ")
        verbose_name_plural = _("thông tin liên hệ")
        ordering = ["agency__code"]

    def __str__(self) -> str:
        return str(self.agency)


class ContactOfficer(models.Model):
    """A named officer who receives feedback."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="officers")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True, validators=[phone_text_validator])

    class Meta:
        verbose_name = _("cán bộ tiếp nhận phản ánh")
        verbose_name_plural = _("cán bộ tiếp nhận phản ánh")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


# Published information and guides live beside the procedures (ARCHITECTURE §2), in their own module.
from motcua.catalog.publication_models import (  # noqa: E402
    GUIDE_BY_SLUG,
    GUIDE_SLUGS,
    Guide,
    GuideChange,
    Publication,
    PublicationAttachment,
    PublicationCategory,
    PublicationChange,
    PublishingGrant,
)
