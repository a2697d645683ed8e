"""Use cases of the oversight app (STYLE.md: `<entity>_<verb>`)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User, agency_leaders
from motcua.accounts.roles import Role
from motcua.catalog.models import Field
from motcua.core import calendar
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import local_text
from motcua.core.periods import Period
from motcua.core.text import nfc
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier
from motcua.notifications.services import message_queue
from motcua.oversight.exceptions import AlreadyAnswered, NotAssessedYet
from motcua.oversight.models import (
    CHECKLIST,
    DeskDuty,
    DeskMeeting,
    DeskReview,
    EvaluationGrade,
    Explanation,
    FollowUp,
    HandlingCorrection,
    Inspection,
    Reminder,
    StaffEvaluation,
    Violation,
)
from motcua.oversight.selectors import desk_officers, late_dossiers, officer_figures


def _text(value: str, field: str, message: str) -> str:
    text = nfc((value or "").strip())
    if not text:
        raise InvalidInput(message, [FieldError(field, message)])
    return text


def _require(user: User, *roles: Role, message: str) -> None:
    if not user.has_role(*roles):
        raise PermissionDenied(message)


def _tell(
    user: User,
    template: str,
    context: dict[str, str],
    subject_ref: str,
    channels: tuple[str, ...] = ("EMAIL",),
) -> None:
    values = {"name": user.full_name or user.username, **context}
    for channel in channels:
        to = user.email if channel == "EMAIL" else user.phone
        if to:
            message_queue(channel=channel, to=to, template=template, context=values, subject_ref=subject_ref)


# --- late dossiers (seed 5.3) --------------------------------------------------------------------


@transaction.atomic
def explanations_request(*, period: Period, officer: User, at: datetime | None = None) -> list[Explanation]:
    """The supervisor asks, in one step, every agency at fault of the period's late dossiers not yet
    asked for its explanation; the deadline is OVERSIGHT_EXPLANATION_DAYS working days from now
    (the working calendar), and the agency's leaders are told by e-mail and SMS."""
    _require(
        officer, Role.SUPERVISOR, message=_("Chỉ bộ phận giám sát (Văn phòng UBND) được đề nghị giải trình.")
    )
    at = at or timezone.now()
    due = calendar.due_at(at, calendar.Limit(settings.OVERSIGHT_EXPLANATION_DAYS)).due_at
    created = []
    agencies: dict[int, Agency] = {}
    for row in late_dossiers(period):
        if row.explanation is not None:
            continue
        agency_id = row.at_fault or row.dossier.receiving_agency_id
        explanation = Explanation.objects.create(
            dossier=row.dossier, agency_id=agency_id, period_start=period.start, period_end=period.end,
            requested_by=officer, requested_at=at, due_at=due,
        )  # fmt: skip
        created.append(explanation)
        agency = agencies.setdefault(agency_id, Agency.objects.get(pk=agency_id))
        context = {"agency": agency.name, "code": row.dossier.code, "due": local_text(due)}
        for leader in agency_leaders(agency_id):
            _tell(
                leader, "oversight_explanation_requested", context, row.dossier.subject_ref, ("EMAIL", "SMS")
            )
    return created


@transaction.atomic
def explanation_submit(
    *, explanation: Explanation, officer: User, reason: str, remedy: str, at: datetime | None = None
) -> Explanation:
    """A leader of the agency asked gives the reason for the delay and the remedy, once."""
    if not officer.has_role(Role.LEADER) or officer.agency_id != explanation.agency_id:
        raise PermissionDenied(_("Chỉ lãnh đạo cơ quan được đề nghị giải trình mới giải trình được."))
    locked = Explanation.objects.select_for_update().get(pk=explanation.pk)
    if locked.answered_at is not None:
        raise AlreadyAnswered(_("Cơ quan đã giải trình hồ sơ này."))
    errors = []
    reason_text, remedy_text = nfc((reason or "").strip()), nfc((remedy or "").strip())
    if not reason_text:
        errors.append(FieldError("reason", _("Nêu nguyên nhân chậm giải quyết.")))
    if not remedy_text:
        errors.append(FieldError("remedy", _("Nêu biện pháp khắc phục.")))
    if errors:
        raise InvalidInput(" ".join(e.message for e in errors), errors)
    locked.reason, locked.remedy = reason_text, remedy_text
    locked.answered_by, locked.answered_at = officer, at or timezone.now()
    locked.save(update_fields=["reason", "remedy", "answered_by", "answered_at"])
    return locked


def explanations_remind(*, at: datetime | None = None) -> int:
    """Daily (q2 schedule), on working days: remind the leaders of each agency whose explanation is
    due by the end of the next working day or overdue, once a day. Returns the number of explanations reminded."""
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    if not calendar.is_working_day(today):
        return 0  # leaders are reminded on working days
    horizon = calendar.due_at(at, calendar.Limit(1)).due_at
    count = 0
    pending = Explanation.objects.pending().filter(due_at__lte=horizon).exclude(reminded_on=today)
    for explanation in pending.select_related("dossier", "agency"):
        with transaction.atomic():
            context = {
                "agency": explanation.agency.name,
                "code": explanation.dossier.code,
                "due": local_text(explanation.due_at),
            }
            for leader in agency_leaders(explanation.agency_id):
                _tell(leader, "oversight_explanation_reminder", context, explanation.dossier.subject_ref)
            Explanation.objects.filter(pk=explanation.pk).update(reminded_on=today)
        count += 1
    return count


def late_dossier_designate_fault(
    *, dossier: Dossier, officer: User, agency: Agency | int, reason: str, at: datetime | None = None
) -> Dossier:
    """The supervisor names the agency at fault of a late dossier — open, or finished late up to
    OVERSIGHT_DESIGNATION_DAYS after its reporting month (the rule lives in `dossier_designate_fault`).
    An explanation not yet answered moves to the agency now at fault."""
    with transaction.atomic():
        done = processing.dossier_designate_fault(
            dossier=dossier, officer=officer, agency=agency, reason=reason, at=at
        )
        agency_id = agency.pk if isinstance(agency, Agency) else agency
        Explanation.objects.filter(dossier=dossier, answered_at__isnull=True).update(agency_id=agency_id)
    return done


# --- the desk roster (seed 4.2) -----------------------------------------------------------------


@transaction.atomic
def duty_create(
    *, officer: User, desk: Agency, counter: str, starts_at: datetime, ends_at: datetime,
    fields: list[Field] | None = None, by: User,
) -> DeskDuty:  # fmt: skip
    """Put a desk officer on duty at a desk's counter; an officer has one duty at a time and a
    counter one officer."""
    _require(by, Role.SUPERVISOR, Role.ADMIN, message=_("Chỉ bộ phận giám sát được xếp lịch trực."))
    counter = _text(counter, "counter", _("Nhập số quầy."))
    if not officer.has_role(Role.DESK_OFFICER):
        raise InvalidInput(
            _("Chỉ xếp lịch trực cho cán bộ một cửa."),
            [FieldError("officer", _("Chỉ xếp lịch trực cho cán bộ một cửa."))],
        )
    if ends_at <= starts_at:
        raise InvalidInput(
            _("Giờ kết thúc phải sau giờ bắt đầu."),
            [FieldError("ends_at", _("Giờ kết thúc phải sau giờ bắt đầu."))],
        )
    overlapping = DeskDuty.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.filter(officer=officer).exists():
        message = _("Cán bộ đã có lịch trực trùng thời gian.")
        raise InvalidInput(message, [FieldError("officer", message)])
    if overlapping.filter(desk=desk, counter=counter).exists():
        message = _("Quầy đã có cán bộ trực trùng thời gian.")
        raise InvalidInput(message, [FieldError("counter", message)])
    duty = DeskDuty.objects.create(
        officer=officer, desk=desk, counter=counter, starts_at=starts_at, ends_at=ends_at
    )
    duty.fields.set(fields or [])
    return duty


# --- the monthly staff evaluation (seed 4.5) ----------------------------------------------------


@transaction.atomic
def staff_evaluations_fill(*, period: Period, at: datetime | None = None) -> list[StaffEvaluation]:
    """Fill (or refresh) the month's figures of every active desk officer; the supervisor's
    assessment and the officer's reply are kept. `staff_evaluations --month` and the monthly
    schedule call it."""
    at = at or timezone.now()
    officers = list(desk_officers())
    figures = officer_figures(period, officers)
    rows = []
    for officer in officers:
        evaluation, _created = StaffEvaluation.objects.update_or_create(
            officer=officer, period_start=period.start,
            defaults={"period_end": period.end, "figures": figures[officer.pk], "computed_at": at, "agency": officer.agency},
        )  # fmt: skip
        rows.append(evaluation)
    return rows


@transaction.atomic
def staff_evaluation_assess(
    *,
    evaluation: StaffEvaluation,
    officer: User,
    assessment: str,
    grade: EvaluationGrade | None,
    at: datetime | None = None,
) -> StaffEvaluation:
    """The supervisor's assessment and grade; sent to the officer's managers (and the officer) by
    e-mail, and shown to them in the back office."""
    _require(
        officer,
        Role.SUPERVISOR,
        message=_("Chỉ bộ phận giám sát (Văn phòng UBND) được đánh giá cán bộ một cửa."),
    )
    text = _text(assessment, "assessment", _("Nhập nhận xét."))
    if grade is None or not grade.is_active:
        raise InvalidInput(_("Chọn mức xếp loại."), [FieldError("grade", _("Chọn mức xếp loại."))])
    evaluation.assessment, evaluation.grade = text, grade
    evaluation.assessed_by, evaluation.assessed_at = officer, at or timezone.now()
    evaluation.save(update_fields=["assessment", "grade", "assessed_by", "assessed_at"])
    person = evaluation.officer
    url = settings.PUBLIC_BASE_URL + f"/quan-tri/danh-gia-can-bo/{evaluation.pk}/"
    context = {
        "officer": person.full_name or person.username, "month": f"{evaluation.period_end:%m/%Y}",
        "grade": grade.label, "assessment": text, "url": url,
    }  # fmt: skip
    for manager in [*person.managers(), person]:
        _tell(manager, "oversight_staff_evaluation", context, f"user:{person.pk}")
    return evaluation


@transaction.atomic
def staff_evaluation_reply(
    *, evaluation: StaffEvaluation, officer: User, reply: str, at: datetime | None = None
) -> StaffEvaluation:
    """The officer's written reply to their own assessment (once it exists); may be revised."""
    if officer.pk != evaluation.officer_id:
        raise PermissionDenied(_("Chỉ cán bộ được đánh giá mới gửi ý kiến."))
    if evaluation.assessed_at is None:
        raise NotAssessedYet(_("Bộ phận giám sát chưa đánh giá tháng này."))
    evaluation.reply = _text(reply, "reply", _("Nhập ý kiến của bạn."))
    evaluation.replied_at = at or timezone.now()
    evaluation.save(update_fields=["reply", "replied_at"])
    return evaluation


# --- procedure handling (DOMAIN §7) ---------------------------------------------------------------


@transaction.atomic
def handling_correct(
    *,
    dossier: Dossier,
    officer: User,
    indicator: int,
    score: int | None,
    reason: str,
    at: datetime | None = None,
) -> HandlingCorrection:
    """The supervisor corrects one indicator of a dossier (0–2, or N/A), with the reason."""
    _require(officer, Role.SUPERVISOR, message=_("Chỉ bộ phận giám sát được điều chỉnh điểm đánh giá."))
    errors = []
    if indicator not in range(1, 10):
        errors.append(FieldError("indicator", _("Tiêu chí từ 1 đến 9.")))
    if score is not None and score not in (0, 1, 2):
        errors.append(FieldError("score", _("Điểm là 0, 1 hoặc 2 (hoặc không đánh giá).")))
    if not (reason or "").strip():
        errors.append(FieldError("reason", _("Nêu lý do điều chỉnh.")))
    if errors:
        raise InvalidInput(" ".join(e.message for e in errors), errors)
    return HandlingCorrection.objects.create(
        dossier=dossier, indicator=indicator, score=score, reason=nfc(reason.strip()), corrected_by=officer,
        corrected_at=at or timezone.now(),
    )  # fmt: skip


# --- conduct (seed 4.3) ---------------------------------------------------------------------------


@transaction.atomic
def reminder_issue(*, officer: User, text: str, by: User, at: datetime | None = None) -> Reminder:
    """The supervisor's written reminder to a desk officer: recorded, and sent to them by e-mail."""
    _require(by, Role.SUPERVISOR, message=_("Chỉ bộ phận giám sát được nhắc nhở bằng văn bản."))
    body = _text(text, "text", _("Nhập nội dung nhắc nhở."))
    reminder = Reminder.objects.create(
        officer=officer, text=body, issued_by=by, issued_at=at or timezone.now()
    )
    _tell(officer, "oversight_reminder", {"text": body}, f"user:{officer.pk}")
    return reminder


# --- inspections (seed 4.3–4.4) and the desk itself (seed 2.1, 4.5) ---------------------------------


@transaction.atomic
def inspection_record(
    *, by: User, agency: Agency, inspected_on: date, findings: str, inspectors: list[User] | None = None
) -> Inspection:
    """A Home Affairs inspector records an inspection of a unit and its findings."""
    _require(by, Role.INSPECTOR, message=_("Chỉ thanh tra Nội vụ được ghi nhận kết quả kiểm tra."))
    text = _text(findings, "findings", _("Nhập kết quả kiểm tra."))
    inspection = Inspection.objects.create(
        inspected_on=inspected_on, agency=agency, findings=text, recorded_by=by, recorded_at=timezone.now()
    )
    inspection.inspectors.set({by, *(inspectors or [])})
    return inspection


@transaction.atomic
def violation_add(
    *, inspection: Inspection, by: User, officer: User, kind: str, description: str
) -> Violation:
    """A violation found by the inspection, linked to the officer (it counts in their month)."""
    _require(by, Role.INSPECTOR, message=_("Chỉ thanh tra Nội vụ được ghi nhận vi phạm."))
    text = _text(description, "description", _("Mô tả vi phạm."))
    return Violation.objects.create(inspection=inspection, officer=officer, kind=kind, description=text)


@transaction.atomic
def follow_up_add(
    *, inspection: Inspection, by: User, action: str, agency: Agency, deadline: date
) -> FollowUp:
    _require(by, Role.INSPECTOR, message=_("Chỉ thanh tra Nội vụ được giao việc khắc phục."))
    text = _text(action, "action", _("Nhập việc phải làm."))
    return FollowUp.objects.create(inspection=inspection, action=text, agency=agency, deadline=deadline)


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, by: User, done_on: date) -> FollowUp:
    """The inspector records that a follow-up action was carried out."""
    _require(by, Role.INSPECTOR, message=_("Chỉ thanh tra Nội vụ được xác nhận việc khắc phục."))
    follow_up.done_on = done_on
    follow_up.save(update_fields=["done_on"])
    return follow_up


@transaction.atomic
def desk_review_record(
    *, by: User, desk: Agency, reviewed_on: date, items: dict[str, dict[str, object]]
) -> DeskReview:
    """The supervisor's periodic review of a desk against the reception checklist (`CHECKLIST`)."""
    _require(by, Role.SUPERVISOR, message=_("Chỉ bộ phận giám sát được kiểm tra điều kiện bộ phận một cửa."))
    unknown = set(items) - set(CHECKLIST)
    if unknown:
        raise InvalidInput(
            _("Mục kiểm tra không có trong danh mục."), [FieldError("items", ", ".join(sorted(unknown)))]
        )
    return DeskReview.objects.create(desk=desk, reviewed_on=reviewed_on, reviewed_by=by, items=items)


@transaction.atomic
def desk_meeting_record(
    *, by: User, desk: Agency, held_on: date, attendees: list[User], topics: str, decisions: str
) -> DeskMeeting:
    _require(
        by, Role.SUPERVISOR, Role.LEADER, message=_("Chỉ bộ phận giám sát hoặc lãnh đạo ghi biên bản họp.")
    )
    text = _text(topics, "topics", _("Nhập nội dung cuộc họp."))
    meeting = DeskMeeting.objects.create(
        desk=desk, held_on=held_on, topics=text, decisions=nfc((decisions or "").strip()), recorded_by=by
    )
    meeting.attendees.set(attendees)
    return meeting
