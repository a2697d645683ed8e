"""Published information (thông tin công khai): policies, plans, budgets, planning, reform news, and the guides.

A publication is a draft until an editor publishes it, at once or from a future instant
(`publish_at`: until then it is "scheduled" and invisible); a withdrawal keeps the row and its
reason. Public visibility is one rule, `PublicationQuerySet.public(at=...)`, used by every public
page, the search, the feeds and the sitemap. Every change is a `PublicationChange` row (who, when,
what). Which agencies an editor publishes for is data: their home agency's tree plus the agencies
the administrator grants (`PublishingGrant`; the portal's editorial board is granted the locality).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.catalog.fields import FoldedTextField
from motcua.core.models import TimeStampedModel

__all__ = [
    "Guide",
    "GuideChange",
    "Publication",
    "PublicationAttachment",
    "PublicationCategory",
    "PublicationChange",
    "PublishingGrant",
]


class PublicationCategory(models.Model):
    """A kind of published information; categories are data (the five of the seed plan come by migration)."""

    code = models.SlugField(_("mã chuyên mục"), max_length=40, unique=True)
    name = models.CharField(_("tên chuyên mục"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    is_news = models.BooleanField(
        _("tin cải cách hành chính"),
        default=False,
        help_text=_("Tin của chuyên mục này hiện trên trang chủ (ba tin mới nhất)."),
    )

    class Meta:
        verbose_name = _("chuyên mục công khai")
        verbose_name_plural = _("chuyên mục công khai")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class PublicationQuerySet(models.QuerySet["Publication"]):
    def public(self, *, at: datetime | None = None) -> PublicationQuerySet:
        """What the public may see at `at` (now by default): published, its publication instant
        reached, not withdrawn. Drafts, scheduled and withdrawn items never pass."""
        return self.filter(status=Publication.Status.PUBLISHED, publish_at__lte=at or timezone.now())

    def for_agencies(self, agency_ids: set[int] | frozenset[int]) -> PublicationQuerySet:
        return self.filter(agency_id__in=agency_ids)


class Publication(TimeStampedModel):
    """One published document or news item of an agency, with its legal-document details when it is one."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Bản nháp")
        PUBLISHED = "PUBLISHED", _("Đã đăng")  # "scheduled" while publish_at is in the future
        WITHDRAWN = "WITHDRAWN", _("Đã gỡ")

    category = models.ForeignKey(
        PublicationCategory,
        verbose_name=_("chuyên mục"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan công bố"), on_delete=models.PROTECT, related_name="publications"
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    # A legal document's details (văn bản): all optional, for news none applies.
    document_number = models.CharField(_("số hiệu"), max_length=100, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    in_force = models.BooleanField(_("còn hiệu lực"), default=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("lý do gỡ"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = FoldedTextField(_("chuỗi tìm kiếm"), blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông tin công khai")
        verbose_name_plural = _("thông tin công khai")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="publication_public_idx")]

    def __str__(self) -> str:
        return self.title

    def is_public(self, *, at: datetime | None = None) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (at or timezone.now())
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_public()

    @property
    def state_label(self) -> str:
        """Bản nháp / Đã lên lịch / Đã đăng / Đã gỡ, for the editors' list."""
        if self.is_scheduled:
            return str(_("Đã lên lịch"))
        return str(self.get_status_display())

    @property
    def is_legal_document(self) -> bool:
        return bool(self.document_number)


class PublicationAttachment(models.Model):
    """A file of a publication, checked by its content (`core.uploads`), served only through a view."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("tên tệp"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="publications/", max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=120)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        return self.download_name.rsplit(".", 1)[-1].upper()


class PublicationChange(models.Model):
    """Who changed what, and when: one row per change of a publication, never edited."""

    class Action(models.TextChoices):
        CREATE = "CREATE", _("Tạo bản nháp")
        EDIT = "EDIT", _("Sửa nội dung")
        PUBLISH = "PUBLISH", _("Đăng")
        SCHEDULE = "SCHEDULE", _("Lên lịch đăng")
        WITHDRAW = "WITHDRAW", _("Gỡ")
        ATTACH = "ATTACH", _("Thêm tệp")
        DETACH = "DETACH", _("Xóa tệp")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    fields = models.JSONField(_("trường thay đổi"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("lịch sử thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class PublishingGrant(models.Model):
    """An agency (and its tree) an editor publishes for, besides their home agency's tree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("biên tập viên"),
        on_delete=models.CASCADE,
        related_name="publishing_grants",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("được đăng tin cho cơ quan"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("quyền đăng tin cho cơ quan")
        verbose_name_plural = _("quyền đăng tin cho cơ quan")
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="publishing_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.agency}"


class Guide(TimeStampedModel):
    """A citizens' guide (hướng dẫn): the editors' text; its lists and SMS syntax come from live data."""

    class Kind(models.TextChoices):
        ONLINE = "ONLINE", _("Nộp hồ sơ trực tuyến")
        POST = "POST", _("Nộp hồ sơ, nhận kết quả qua bưu chính công ích")
        LOOKUP = "LOOKUP", _("Tra cứu hồ sơ qua mạng, mã QR và tin nhắn SMS")

    kind = models.CharField(_("loại hướng dẫn"), max_length=10, choices=Kind.choices, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True, help_text=_("Mỗi đoạn cách nhau một dòng trống."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa lần cuối"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hướng dẫn")
        verbose_name_plural = _("hướng dẫn")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return GUIDE_SLUGS[self.kind]


class GuideChange(models.Model):
    """Who changed a guide's text, and which parts, when: one row per save that changed something."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fields = models.JSONField(_("trường thay đổi"), default=list, blank=True)

    class Meta:
        verbose_name = _("lịch sử sửa hướng dẫn")
        verbose_name_plural = _("lịch sử sửa hướng dẫn")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.guide} ({self.at:%Y-%m-%d %H:%M})"


# The guides' public addresses: /huong-dan/<slug>/.
GUIDE_SLUGS: dict[str, str] = {
    Guide.Kind.ONLINE: "nop-truc-tuyen",
    Guide.Kind.POST: "buu-chinh",
    Guide.Kind.LOOKUP: "tra-cuu",
}
GUIDE_BY_SLUG: dict[str, str] = {slug: kind for kind, slug in GUIDE_SLUGS.items()}
