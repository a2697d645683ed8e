"""Dossiers (hồ sơ), the documents received, notes, form-02 requests and the append-only event log.

The dossier's state, times and classification are a cache of its events (CONTRACTS §4):
`motcua.dossiers.replay.dossier_replay` rebuilds them from the events alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import Procedure, ProcedureVersion, RequiredDocument
from motcua.core.text import fold


class State(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Chờ tiếp nhận")
    GUIDED = "GUIDED", _("Đã hướng dẫn bổ sung")
    REFUSED = "REFUSED", _("Từ chối tiếp nhận")
    RECEIVED = "RECEIVED", _("Đã tiếp nhận")
    IN_PROGRESS = "IN_PROGRESS", _("Đang giải quyết")
    AWAITING_SUPPLEMENT = "AWAITING_SUPPLEMENT", _("Chờ bổ sung hồ sơ")
    PAUSED = "PAUSED", _("Tạm dừng tính thời hạn")
    RESULT_READY = "RESULT_READY", _("Đã có kết quả")
    RETURNED = "RETURNED", _("Đã trả kết quả")
    STOPPED = "STOPPED", _("Dừng giải quyết")
    WITHDRAWN = "WITHDRAWN", _("Đã rút hồ sơ")


# The state groups, defined here once (CONTRACTS §2); every check and every filter uses these.
RUNNING = frozenset({State.RECEIVED, State.IN_PROGRESS})  # received, the clock runs
PAUSED = frozenset({State.AWAITING_SUPPLEMENT, State.PAUSED})  # received, the clock stands still
OPEN = RUNNING | PAUSED  # received and not yet finished
WITHDRAWABLE = frozenset({State.SUBMITTED, State.GUIDED}) | OPEN  # the applicant may still withdraw
RESULT_STATES = frozenset({State.RESULT_READY, State.RETURNED})  # a result exists


class Action(models.TextChoices):
    CREATE = "create", _("Tạo hồ sơ")
    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    GUIDE = "guide", _("Hướng dẫn bổ sung, hoàn thiện hồ sơ")
    REFUSE = "refuse", _("Từ chối tiếp nhận hồ sơ")
    RESUBMIT = "resubmit", _("Nộp lại hồ sơ")
    ASSIGN = "assign", _("Phân công xử lý")
    FORWARD = "forward", _("Chuyển bước tiếp theo")
    SEND_BACK = "send_back", _("Chuyển lại bước trước")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung hồ sơ")
    COMPLETE_SUPPLEMENT = "complete_supplement", _("Đã bổ sung hồ sơ")
    PAUSE = "pause", _("Tạm dừng tính thời hạn")
    RESUME = "resume", _("Tiếp tục tính thời hạn")
    APOLOGISE = "apologise", _("Xin lỗi, hẹn lại ngày trả kết quả")
    MARK_READY = "mark_ready", _("Có kết quả giải quyết")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    STOP = "stop", _("Dừng giải quyết")
    WITHDRAW = "withdraw", _("Rút hồ sơ")


class Channel(models.TextChoices):
    DESK = "DESK", _("Trực tiếp")
    ONLINE = "ONLINE", _("Trực tuyến")
    POST = "POST", _("Bưu chính công ích")


class ReturnMethod(models.TextChoices):
    DESK = "DESK", _("Tại Bộ phận tiếp nhận và trả kết quả")
    POST = "POST", _("Qua dịch vụ bưu chính công ích")
    ONLINE = "ONLINE", _("Trực tuyến (kết quả điện tử)")


class ApplicantKind(models.TextChoices):
    PERSON = "PERSON", _("Cá nhân")
    ORGANISATION = "ORGANISATION", _("Tổ chức")


class Classification(models.TextChoices):
    EARLY = "EARLY", _("Trước hạn")
    ON_TIME = "ON_TIME", _("Đúng hạn")
    LATE = "LATE", _("Quá hạn")


class ActorKind(models.TextChoices):
    CITIZEN = "CITIZEN", _("Công dân")
    OFFICER = "OFFICER", _("Cán bộ")
    SYSTEM = "SYSTEM", _("Hệ thống")


class DossierCounter(models.Model):
    """The last sequence number given per receiving agency per local day (CONTRACTS §3).

    Advanced by an upsert in the same transaction as the dossier, so a rollback leaves no gap and
    concurrent intakes queue on the row lock.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class RegisterCounter(models.Model):
    """Register (form 07) entries are numbered per agency per year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="register_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class DossierQuerySet(models.QuerySet["Dossier"]):
    def running(self) -> DossierQuerySet:
        """Dossiers whose clock runs (RUNNING)."""
        return self.filter(state__in=RUNNING)

    def open(self) -> DossierQuerySet:
        """Dossiers received and not yet finished (OPEN)."""
        return self.filter(state__in=OPEN)


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True)
    # The code without separators, upper-case: how every input (web, API, SMS) is matched.
    code_key = models.CharField(max_length=60, unique=True, editable=False)
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("thủ tục (phiên bản)"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    channel = models.CharField(_("kênh nộp"), max_length=10, choices=Channel.choices)
    return_method = models.CharField(_("hình thức nhận kết quả"), max_length=10, choices=ReturnMethod.choices)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)

    applicant_kind = models.CharField(_("người nộp là"), max_length=15, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("tên người nộp / tổ chức"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh / CMND"), max_length=12, blank=True)
    applicant_tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_province = models.CharField(_("tỉnh/thành phố"), max_length=100, blank=True)
    applicant_district = models.CharField(_("quận/huyện (trước 2025)"), max_length=100, blank=True)
    applicant_commune = models.CharField(_("xã/phường"), max_length=100, blank=True)
    applicant_street = models.CharField(_("số nhà, đường"), max_length=200, blank=True)

    postal_tracking_number = models.CharField(_("số hiệu bưu gửi"), max_length=50, blank=True)
    postal_delivered_at = models.DateTimeField(_("bưu điện giao lúc"), null=True, blank=True)

    state = models.CharField(_("trạng thái"), max_length=25, choices=State.choices, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    submitted_at = models.DateTimeField(_("nộp trực tuyến lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True, db_index=True)
    clock_start_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    rescheduled_due_at = models.DateTimeField(_("hẹn lại"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    classification = models.CharField(
        _("kết quả đúng hạn"), max_length=10, choices=Classification.choices, blank=True
    )
    # Decision 766 indicator 2.2 (ADR 0028): the handling time in whole units of the procedure's
    # unit and the limit in those units, measured once when the result is marked ready
    # (`dossiers.handling_time`), from times that are frozen by then; null without a result. Derived
    # from the times the events carry, like `due_trace`, so not part of the replay.
    handling_used = models.PositiveIntegerField(
        _("thời gian giải quyết (theo đơn vị thời hạn)"), null=True, blank=True
    )
    handling_allowed = models.PositiveIntegerField(_("thời hạn (cùng đơn vị)"), null=True, blank=True)
    due_trace = models.JSONField(_("cách tính hạn"), default=list, blank=True)
    due_estimated = models.BooleanField(_("hạn dự kiến"), default=False)
    register_number = models.PositiveIntegerField(_("số vào sổ"), null=True, blank=True)
    received_by = models.ForeignKey(
        User,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Folded code, name and phone for the back-office search (accents ignored).
    search_text = models.TextField(editable=False, default="")
    # The result file attached at `mark_ready` when the dossier has no online record (an online
    # dossier keeps it in `OnlineSubmission.result_file`): its electronic result (Decision 766).
    result_file = models.FileField(
        _("tệp kết quả"), upload_to="dossiers/results/%Y/%m/", blank=True, max_length=255
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["receiving_agency", "created_at"], name="dossier_agency_created"),
            # The history selectors (motcua.dossiers.history): dossiers finished in a period, for
            # an agency's tree and for the whole locality.
            models.Index(fields=["receiving_agency", "finished_at"], name="dossier_agency_finished"),
            models.Index(fields=["finished_at"], name="dossier_finished"),
            # The dossiers still open, by receipt: the reports' "in progress / overdue at the
            # period's end" reads them without visiting the never-received ones (guided, refused).
            models.Index(
                fields=["received_at"],
                condition=models.Q(finished_at__isnull=True),
                name="dossier_open_received",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def search_text_refresh(self) -> None:
        """What the worklist's search matches (code with and without separators, applicant's name
        and phone), folded once on write so the query needs no accent-insensitive operator."""
        self.search_text = fold(f"{self.code} {self.code_key} {self.applicant_name} {self.applicant_phone}")

    @property
    def procedure(self) -> Procedure:
        return self.procedure_version.procedure

    @property
    def subject_ref(self) -> str:
        return f"dossier:{self.code}"

    @property
    def applicant_address(self) -> str:
        parts = (
            self.applicant_street,
            self.applicant_commune,
            self.applicant_district,
            self.applicant_province,
        )
        return ", ".join(p for p in parts if p)


class DossierDocument(models.Model):
    """An official document handed in, with its counts: only documents of the version's list."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(RequiredDocument, verbose_name=_("giấy tờ"), on_delete=models.PROTECT)
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)
    scan = models.FileField(_("bản quét"), upload_to="dossiers/scans/%Y/%m/", blank=True, max_length=255)

    class Meta:
        verbose_name = _("giấy tờ đã nộp")
        verbose_name_plural = _("giấy tờ đã nộp")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "document"], name="dossier_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.originals}/{self.copies})"


class DossierNote(models.Model):
    """Free text about a dossier (reasons, remarks): kept apart from events so it can be redacted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lúc"))
    text = models.TextField(_("nội dung"))
    redacted_at = models.DateTimeField(_("đã xóa nội dung lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ghi chú hồ sơ")
        verbose_name_plural = _("ghi chú hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class SupplementRequest(models.Model):
    """A form 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ): at intake (guide) or during processing."""

    class Stage(models.TextChoices):
        INTAKE = "INTAKE", _("Khi tiếp nhận")
        PROCESSING = "PROCESSING", _("Trong quá trình giải quyết")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplement_requests")
    number = models.CharField(_("số phiếu"), max_length=80, unique=True)
    stage = models.CharField(_("giai đoạn"), max_length=12, choices=Stage.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("lúc"))
    reason = models.ForeignKey(DossierNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(_("đã bổ sung lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiếu yêu cầu bổ sung")
        verbose_name_plural = _("phiếu yêu cầu bổ sung")
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return self.number


class SupplementItem(models.Model):
    request = models.ForeignKey(SupplementRequest, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT)
    originals = models.PositiveSmallIntegerField(default=0)
    copies = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.request_id}: {self.document_id}"


class DossierEvent(models.Model):
    """One row per action (CONTRACTS §4). No personal data, no free text; never updated or deleted
    while its dossier exists (database triggers refuse it)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField(_("lúc"))
    action = models.CharField(_("thao tác"), max_length=25, choices=Action.choices)
    from_state = models.CharField(max_length=25, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=25, choices=State.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Its own index stays although (agency, at) below covers it: altering a column of this table
    # makes SQLite rebuild it, which drops the append-only triggers (migration 0002).
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(DossierNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["dossier_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique")]
        indexes = [
            # The history selectors (motcua.dossiers.history): events of some actions in a period
            # (returns, apologies, stops…), and everything that happened at an agency's tree.
            # With the dossier: the reports count events per receiving agency and field from this
            # index alone (an index-only scan), not from the table's rows.
            models.Index(fields=["action", "at", "dossier"], name="dossier_event_action_at_doss"),
            models.Index(fields=["agency", "at"], name="dossier_event_agency_at"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"


class PauseReason(models.TextChoices):
    """Why the clock stops: a supplement request, or one of the pause kinds a version allows."""

    SUPPLEMENT = "SUPPLEMENT", _("Chờ bổ sung hồ sơ")
    FINANCIAL_OBLIGATION = "FINANCIAL_OBLIGATION", _("Thời gian thực hiện nghĩa vụ tài chính")
    PUBLIC_POSTING = "PUBLIC_POSTING", _("Thời gian niêm yết công khai")
    VERIFICATION = "VERIFICATION", _("Thời gian xác minh")


class DossierStepQuerySet(models.QuerySet["DossierStep"]):
    def open(self) -> DossierStepQuerySet:
        return self.filter(finished_at__isnull=True)


class DossierStep(models.Model):
    """One turn of a dossier at a step of its version's internal process (a row of form 06).

    A row exists once the step has started: the first at receipt (from `clock_start_at`), the next
    when the previous one is forwarded or sent back. A step sent back and taken up again gets a new
    row, so the rows are the hand-over history in `seq` order and agencies of later steps do not
    see the dossier before it reaches them (CONTRACTS §5).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveSmallIntegerField(_("lượt"))
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=500)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan xử lý"),
        on_delete=models.PROTECT,
        related_name="dossier_steps",
        db_index=False,  # covered by the (agency, dossier) index below
    )
    assignee = models.ForeignKey(
        User,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_steps",
    )
    budget_value = models.PositiveIntegerField(_("thời gian"))
    budget_unit = models.CharField(_("đơn vị"), max_length=20)
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    due_at = models.DateTimeField(_("hạn xử lý"))
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    classification = models.CharField(
        _("kết quả đúng hạn"), max_length=10, choices=Classification.choices, blank=True
    )

    objects = DossierStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("các bước xử lý hồ sơ")
        ordering = ["dossier_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_step_seq_unique")]
        indexes = [
            # Visibility's step rule reads the dossiers an agency has had a step of from this index
            # alone (an index-only scan; it replaces the foreign key's own index).
            models.Index(fields=["agency", "dossier"], name="dossier_step_agency_dossier"),
            # The worklists start from the open steps (a few per cent of all rows): an officer's
            # tasks by assignee, an agency's queue by agency (docs/benchmarks.md).
            models.Index(
                fields=["assignee"],
                condition=models.Q(finished_at__isnull=True),
                name="dossier_step_open_assignee",
            ),
            models.Index(
                fields=["agency"],
                condition=models.Q(finished_at__isnull=True),
                name="dossier_step_open_agency",
            ),
            # The history selectors: steps finished in a period, by agency and for the locality.
            models.Index(fields=["agency", "finished_at"], name="dossier_step_agency_finished"),
            models.Index(fields=["finished_at"], name="dossier_step_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.seq} ({self.order}. {self.name})"


class DossierPause(models.Model):
    """An interval during which the dossier's clock stops (CONTRACTS §2): from `request_supplement`
    to `complete_supplement`, or from `pause` to `resume`. Rebuilt from the events by the replay."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("loại"), max_length=25, choices=PauseReason.choices)
    started_at = models.DateTimeField(_("từ lúc"))
    ended_at = models.DateTimeField(_("đến lúc"), null=True, blank=True)
    resume_state = models.CharField(_("trạng thái trước khi tạm dừng"), max_length=25, choices=State.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(DossierNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    supplement_request = models.OneToOneField(
        SupplementRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="pause"
    )

    class Meta:
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = _("thời gian tạm dừng")
        ordering = ["dossier_id", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=models.Q(ended_at__isnull=True), name="dossier_one_open_pause"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.started_at:%Y-%m-%d %H:%M}"


class FaultDesignation(models.Model):
    """The supervisor's choice of the agency at fault for a late dossier (CONTRACTS §4 `apologise`:
    "the one holding the step that overran, or chosen by the supervisor"). The latest row counts;
    rows are never edited, so the choices and their reasons stay on record. Not an event: it
    changes nothing of the dossier's state or times, and the citizen's timeline does not show it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fault_designations")
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan để chậm"), on_delete=models.PROTECT, related_name="+"
    )
    designated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    designated_at = models.DateTimeField(_("lúc"))
    note = models.ForeignKey(DossierNote, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("xác định cơ quan để chậm")
        verbose_name_plural = _("xác định cơ quan để chậm")
        ordering = ["dossier_id", "designated_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.agency_id} @ {self.designated_at:%Y-%m-%d %H:%M}"


class DeadlineReminder(models.Model):
    """A reminder or apology prompt sent to an officer: one per dossier, step, kind, officer and day."""

    class Kind(models.TextChoices):
        STEP_DUE = "STEP_DUE", _("Bước xử lý sắp đến hạn")
        DOSSIER_DUE = "DOSSIER_DUE", _("Hồ sơ sắp đến hạn")
        APOLOGY_PROMPT = "APOLOGY_PROMPT", _("Đề nghị xin lỗi, hẹn lại")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reminders")
    step_seq = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    officer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "step_seq", "kind", "officer", "day"], name="deadline_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.officer_id} {self.day}"


class OnlineSubmission(models.Model):
    """What an online dossier adds to its record (Decree 42/2022): the submission's idempotency key
    (a double submit makes one dossier), whether the result is returned electronically (full online
    service; Decision 766 indicators 3.3 and 4.1) and that electronic result once attached."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="online")
    idempotency_key = models.CharField(_("khóa chống nộp trùng"), max_length=64, unique=True)
    # A key answers its dossier again only for the same submission from the same client (ADR 0014).
    request_hash = models.CharField(_("dấu vân tay nội dung nộp"), max_length=64, blank=True, editable=False)
    client_hash = models.CharField(_("dấu vân tay phiên nộp"), max_length=64, blank=True, editable=False)
    online_level = models.CharField(_("mức độ trực tuyến khi nộp"), max_length=10)
    electronic_result = models.BooleanField(_("trả kết quả điện tử"), default=False)
    result_file = models.FileField(
        _("kết quả điện tử"), upload_to="dossiers/results/%Y/%m/", blank=True, max_length=255
    )
    result_attached_at = models.DateTimeField(_("đính kèm kết quả lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ nộp trực tuyến")
        verbose_name_plural = _("hồ sơ nộp trực tuyến")

    def __str__(self) -> str:
        return f"{self.dossier_id} ({self.online_level})"


class DossierFlags(models.Model):
    """Facts about a dossier that the Decision 766 index needs and no event records (DOMAIN §5):
    fees paid online (indicator 3.6) and digitised documents reused instead of asking for paper
    (4.3). Beside the dossier rather than new dossier columns: they are set later than receipt, by
    the desk or through the API, and carry who set them and when (`dossier_flags_set`)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="flags")
    paid_online = models.BooleanField(_("đã thanh toán trực tuyến"), default=False)
    reused_digitised = models.BooleanField(_("tái sử dụng dữ liệu số hóa"), default=False)
    set_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("thông tin số hóa, thanh toán của hồ sơ")
        verbose_name_plural = _("thông tin số hóa, thanh toán của hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier_id}: paid_online={self.paid_online} reused={self.reused_digitised}"
