"""Petitions (phản ánh, kiến nghị — DOMAIN §8, CONTRACTS §9) and their append-only event log.

A petition's state and times are a cache of its events, as a dossier's are. Events hold no personal
data and no free text: the petitioner's contact, the content, the officer's questions and the answer
live on the petition row and its `PetitionText` rows, which anonymisation may redact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.catalog.fields import FoldedTextField
from motcua.catalog.models import Procedure
from motcua.dossiers.models import ActorKind, Dossier


class State(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Chờ tiếp nhận")
    RECEIVED = "RECEIVED", _("Đã tiếp nhận, phân loại")
    PROCESSING = "PROCESSING", _("Đang xử lý")
    NEEDS_INFO = "NEEDS_INFO", _("Chờ bổ sung thông tin")
    ANSWERED = "ANSWERED", _("Đã trả lời, chờ công khai")
    PUBLISHED = "PUBLISHED", _("Đã công khai")
    CLOSED = "CLOSED", _("Đã trả lời, không công khai")
    TRANSFERRED = "TRANSFERRED", _("Đã chuyển cơ quan khác")
    REFUSED = "REFUSED", _("Từ chối tiếp nhận")


# State groups: each rule once (STYLE). The clock runs while OPEN and not PAUSED.
OPEN = frozenset({State.SUBMITTED, State.RECEIVED, State.PROCESSING, State.NEEDS_INFO, State.TRANSFERRED})
PAUSED = frozenset({State.NEEDS_INFO})
RESOLVED = frozenset({State.ANSWERED, State.PUBLISHED, State.CLOSED})
FINAL = frozenset({State.PUBLISHED, State.CLOSED, State.REFUSED})  # Open311 `closed`


class Category(models.TextChoices):
    """The two classes of Decree 20/2008 art. 3 (Open311 services)."""

    REGULATION = "REGULATION", _("Quy định, chính sách, thủ tục hành chính")
    BEHAVIOUR = "BEHAVIOUR", _("Hành vi, thái độ của cán bộ, công chức")


class Channel(models.TextChoices):
    PORTAL = "PORTAL", _("Cổng dịch vụ công")
    DESK = "DESK", _("Tại Bộ phận một cửa")
    HOTLINE = "HOTLINE", _("Đường dây nóng")
    LETTER = "LETTER", _("Thư, văn bản")
    OPEN311 = "OPEN311", _("Ứng dụng (Open311)")


class Action(models.TextChoices):
    CREATE = "create", _("Gửi phản ánh")
    RECEIVE = "receive", _("Tiếp nhận, phân loại")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    START = "start", _("Bắt đầu xử lý")
    REQUEST_INFO = "request_info", _("Đề nghị bổ sung thông tin")
    PROVIDE_INFO = "provide_info", _("Bổ sung thông tin")
    DRAFT = "draft", _("Dự thảo trả lời")
    APPROVE = "approve", _("Phê duyệt trả lời")
    TRANSFER = "transfer", _("Chuyển cơ quan khác")
    PUBLISH = "publish", _("Công khai")
    CLOSE = "close", _("Đóng, không công khai")


class RefusalKind(models.TextChoices):
    """Why an item is not a petition (Decree 20/2008 art. 3, 7), each with the proper channel."""

    COMPLAINT = "COMPLAINT", _("Khiếu nại (Luật Khiếu nại 2011)")
    DENUNCIATION = "DENUNCIATION", _("Tố cáo (Luật Tố cáo 2018)")
    NO_CONTACT = "NO_CONTACT", _("Thiếu họ tên, địa chỉ, thông tin liên hệ")
    OUT_OF_SCOPE = "OUT_OF_SCOPE", _("Không thuộc phạm vi phản ánh, kiến nghị về quy định hành chính")


class PetitionCounter(models.Model):
    """The last number given per local day for the locality (CONTRACTS §3, `PA-<yymmdd>-<nnnn>`)."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class PetitionQuerySet(models.QuerySet["Petition"]):
    def open(self) -> PetitionQuerySet:
        return self.filter(state__in=OPEN)

    def petitions(self) -> PetitionQuerySet:
        """Everything but anonymous tips, which are counted apart and never answered."""
        return self.filter(is_tip=False)


class Petition(models.Model):
    code = models.CharField(_("mã phản ánh"), max_length=20, unique=True)
    code_key = models.CharField(max_length=20, unique=True, editable=False)
    # sha256 of the token: lets Open311 `tokens/<token>` find the petition; the token itself is never stored.
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices)
    is_tip = models.BooleanField(_("tin báo nặc danh"), default=False)
    category_suggested = models.CharField(
        _("phân loại người gửi chọn"), max_length=12, choices=Category.choices
    )
    category = models.CharField(_("phân loại"), max_length=12, choices=Category.choices, blank=True)
    classified_at = models.DateTimeField(_("phân loại lúc"), null=True, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    search_text = FoldedTextField(editable=False, default="")  # the catalogue's search column (folded_search)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan xử lý"), on_delete=models.PROTECT, related_name="+"
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục liên quan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    about_officer = models.ForeignKey(
        User, verbose_name=_("cán bộ bị phản ánh"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    # The petitioner (personal data; Decree 20/2008 art. 7 as amended by Decree 92/2017).
    petitioner_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    petitioner_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    petitioner_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    petitioner_email = models.EmailField(_("thư điện tử"), blank=True)
    consent = models.BooleanField(_("đồng ý xử lý dữ liệu cá nhân"), default=False)
    # The normalised phone or e-mail: repeated petitions from the same contact are found by it.
    contact_key = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    repeated_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, db_index=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("gửi lúc"), db_index=True)
    clock_start_at = models.DateTimeField(_("bắt đầu tính thời hạn"))
    refuse_due_at = models.DateTimeField(_("hạn từ chối"))
    info_due_at = models.DateTimeField(_("hạn đề nghị bổ sung"))
    due_at = models.DateTimeField(_("hạn giải quyết"), db_index=True)
    pauses = models.JSONField(default=list, blank=True)  # [[start, end|null], ...] ISO; cache of events
    first_info_request_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(_("từ chối lúc"), null=True, blank=True)
    refusal_kind = models.CharField(
        _("lý do từ chối"), max_length=15, choices=RefusalKind.choices, blank=True
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    likes = models.PositiveIntegerField(default=0)
    dislikes = models.PositiveIntegerField(default=0)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def subject_ref(self) -> str:
        return f"petition:{self.code}"

    @property
    def is_paused(self) -> bool:
        return self.state in PAUSED

    @property
    def unsatisfied(self) -> bool:
        """More dislikes than likes = not satisfied (Decision 766, 5.3)."""
        return self.dislikes > self.likes


class PetitionText(models.Model):
    """Free text of an action (the officer's question, the petitioner's reply, a refusal's reason, a
    closing note): kept apart from the events so it can be redacted."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="texts")
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lúc"))
    text = models.TextField(_("nội dung"))

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.created_at:%Y-%m-%d %H:%M}"


class PetitionEvent(models.Model):
    """One row per action; never updated or deleted while its petition exists (triggers)."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField(_("lúc"))
    action = models.CharField(_("thao tác"), max_length=15, choices=Action.choices)
    from_state = models.CharField(max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=State.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.ForeignKey(PetitionText, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["petition_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["petition", "seq"], name="petition_event_seq_unique")]
        indexes = [models.Index(fields=["action", "at"], name="petition_event_action_at")]

    def __str__(self) -> str:
        return f"{self.petition_id}#{self.seq} {self.action}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="feedback/%Y/%m/", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.file.name or ""


class PetitionVote(models.Model):
    """A like (+1) or dislike (−1) of a published answer, once per browser (a random cookie, hashed)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="votes")
    browser = models.CharField(max_length=64)
    value = models.SmallIntegerField()
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "browser"], name="petition_vote_once")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.value:+d}"


class PetitionReminder(models.Model):
    """A reminder sent (idempotent per petition, limit, officer and day)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    officer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "kind", "officer", "day"], name="petition_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.day}"
