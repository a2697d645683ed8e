"""The apology for a late dossier (form 04) and who owes it: the agency at fault.

CONTRACTS §4: the apology is signed by the leader of the agency at fault — "the one holding the
step that overran, or chosen by the supervisor". `agency_at_fault` applies that rule; the
supervisor's choice (`dossier_designate_fault`) is kept as a `FaultDesignation` row and tells the
chosen agency's leaders through the outbox. The reminders of `check_deadlines` prompt the same
agency's leaders.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User, agency_leaders
from motcua.accounts.roles import Role
from motcua.core import calendar
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import iso, local_day_start, local_text
from motcua.core.periods import month_containing
from motcua.dossiers.codes import form_number
from motcua.dossiers.exceptions import AlreadyDone, NotYourStep
from motcua.dossiers.journal import applicant_tell, dossier_record_event, officer_actor, officer_tell
from motcua.dossiers.models import (
    OPEN,
    Action,
    Classification,
    Dossier,
    DossierEvent,
    DossierStep,
    FaultDesignation,
)
from motcua.dossiers.processing.common import (
    action_done,
    instant_required,
    latest_seq,
    lock_for_action,
    note_add,
    remember_last_event,
    require_role,
    require_state,
    require_text,
)
from motcua.dossiers.processing.steps import dossier_due_at_now, procedure_limit
from motcua.dossiers.rules import apologised

_UNKNOWN = -1  # "the supervisor's choice has not been read yet"


def _chosen(dossier: Dossier) -> int | None:
    return (
        FaultDesignation.objects.filter(dossier=dossier)
        .order_by("-designated_at", "-pk")
        .values_list("agency_id", flat=True)
        .first()
    )


def agency_at_fault(dossier: Dossier, *, at: datetime, chosen: int | None = _UNKNOWN) -> int | None:
    """The agency whose leader signs the apology: the supervisor's latest choice; otherwise the
    agency holding the latest step that overran its own time (finished after its due time, or still
    open past it at `at`); otherwise the agency holding the current step — the one about to make
    the dossier late, since the apology is due a working day before the dossier's due time. None
    before the first step."""
    if chosen == _UNKNOWN:
        chosen = _chosen(dossier)
    if chosen is not None:
        return chosen
    steps = _latest_first(dossier)
    if (overran := _first_overran(steps, at)) is not None:
        return int(overran.agency_id)
    return int(steps[0].agency_id) if steps else None


def _latest_first(dossier: Dossier) -> list[DossierStep]:
    # Sorted here rather than by the query, so that a caller listing many dossiers can prefetch
    # their steps (`prefetch_related("steps")`) and pay one query for all.
    return sorted(dossier.steps.all(), key=lambda step: step.seq, reverse=True)


def step_overran(dossier: Dossier, *, at: datetime) -> DossierStep | None:
    """The latest step that overran its own time (finished after its due time, or still open past
    it at `at`): the step the late list names beside the agency at fault."""
    return _first_overran(_latest_first(dossier), at)


def _first_overran(latest_first: list[DossierStep], at: datetime) -> DossierStep | None:
    for step in latest_first:
        if (step.finished_at or at) > step.due_at:
            return step
    return None


def fault_choices(dossier_ids: list[int]) -> dict[int, int]:
    """The supervisor's latest choice of the agency at fault per dossier, for many dossiers at once
    (`agency_at_fault(..., chosen=...)` then needs no query of its own)."""
    chosen: dict[int, int] = {}
    rows = FaultDesignation.objects.filter(dossier_id__in=dossier_ids).order_by("designated_at", "pk")
    for dossier_id, agency_id in rows.values_list("dossier_id", "agency_id"):
        chosen[dossier_id] = agency_id  # the latest wins
    return chosen


def designation_closes(finished_at: datetime) -> datetime:
    """The instant after which the supervisor may no longer designate the agency at fault of a
    dossier that finished late at `finished_at`: OVERSIGHT_DESIGNATION_DAYS calendar days after the
    end of the reporting month it finished in (`core.periods.month_containing`)."""
    period = month_containing(timezone.localtime(finished_at).date())
    return local_day_start(period.end + timedelta(days=1 + settings.OVERSIGHT_DESIGNATION_DAYS))


def _one_working_day() -> timedelta:
    return timedelta(minutes=sum(end - start for start, end in settings.OFFICE_HOURS))


def _apology_facts(locked: Dossier) -> tuple[bool, int | None]:
    """Whether the locked dossier has an `apologise` event and the supervisor's latest choice of
    the agency at fault, in one query that also brings the last event's seq for
    `dossier_record_event`."""
    events = DossierEvent.objects.filter(dossier=OuterRef("pk"))
    chosen = FaultDesignation.objects.filter(dossier=OuterRef("pk")).order_by("-designated_at", "-pk")
    apologised, chosen_id, last_seq = (
        Dossier.objects.filter(pk=locked.pk)
        .annotate(
            apologised=Exists(events.filter(action=Action.APOLOGISE)),
            chosen=Subquery(chosen.values("agency_id")[:1]),
            last_event_seq=latest_seq(DossierEvent, "pk"),
        )
        .values_list("apologised", "chosen", "last_event_seq")
        .get()
    )
    remember_last_event(locked, last_seq)
    return bool(apologised), chosen_id


def apology_latest(dossier: Dossier, *, current_due: datetime, at: datetime) -> datetime:
    """The latest new appointment an apology may give: the procedure's limit once more, counted
    from the current due time (from now when the apology comes after it, so that one is possible)."""
    return calendar.due_at(max(current_due, at), procedure_limit(dossier.procedure_version)).due_at


@transaction.atomic
def dossier_apologise(
    *,
    dossier: Dossier,
    officer: User,
    reason: str,
    rescheduled_due_at: datetime | None,
    at: datetime | None = None,
) -> Dossier:
    """Form 04: the leader of the agency at fault (`agency_at_fault`) apologises and gives a new
    appointment, once per dossier. Due no later than one working day before `due_at`; later is
    allowed and flagged (`late` in the event). The new appointment lies after the current due time
    and at most the procedure's limit again after it. Neither `due_at` nor the classification changes."""
    require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được ký văn bản xin lỗi, hẹn lại."))
    locked = lock_for_action(dossier)
    require_state(locked, OPEN)
    at = at or timezone.now()
    apology_event, chosen = _apology_facts(locked)
    at_fault = agency_at_fault(locked, at=at, chosen=chosen)
    if officer.agency_id is None or officer.agency_id != at_fault:
        raise NotYourStep(_("Chỉ lãnh đạo cơ quan để chậm giải quyết hồ sơ được xin lỗi, hẹn lại."))
    if apologised(locked, event=apology_event):
        raise AlreadyDone(_("Hồ sơ đã được xin lỗi và hẹn lại một lần; không hẹn lại lần nữa."))
    text = require_text(reason, "reason", _("Nêu rõ lý do chậm giải quyết."))
    new_due = instant_required(rescheduled_due_at, "rescheduled_due_at")
    current_due = dossier_due_at_now(locked, now=at)
    assert current_due is not None
    if new_due <= max(current_due, at):
        message = _("Ngày hẹn trả mới phải sau thời hạn hiện tại (%(due)s).") % {
            "due": local_text(current_due)
        }
        raise InvalidInput(message, [FieldError("rescheduled_due_at", message)])
    latest = apology_latest(locked, current_due=current_due, at=at)
    if new_due > latest:
        message = _(
            "Ngày hẹn trả mới không được muộn hơn %(latest)s: tối đa thêm một lần thời hạn giải quyết của thủ tục, tính từ thời hạn hiện tại."
        ) % {"latest": local_text(latest)}
        raise InvalidInput(message, [FieldError("rescheduled_due_at", message)])
    late = calendar.working_time_between(at, current_due) < _one_working_day()
    note = note_add(locked, officer, at, text)
    locked.rescheduled_due_at = new_due
    dossier_record_event(
        locked, Action.APOLOGISE, to_state=locked.state, actor=officer_actor(officer, at), note=note,
        payload={"rescheduled_due_at": iso(new_due), "form": form_number(locked.code, "XL"), "late": late,
                 "agency_at_fault": officer.agency_id},
    )  # fmt: skip
    applicant_tell(
        locked, "dossier_apology",
        {"new_due": local_text(new_due), "reason": text, "due": local_text(current_due), "agency": officer.agency.name if officer.agency else ""},
    )  # fmt: skip
    return action_done(dossier, locked)


@transaction.atomic
def dossier_designate_fault(
    *, dossier: Dossier, officer: User, agency: Agency | int, reason: str, at: datetime | None = None
) -> Dossier:
    """The supervisor (the People's Committee office) decides which agency made the dossier late,
    when the step that overran is not the whole story (an inter-agency dossier held up elsewhere).
    Only an agency that holds or held one of its steps, with the reasons, before the apology; the
    chosen agency's leaders are told and only they may then apologise."""
    require_role(
        officer, {Role.SUPERVISOR}, _("Chỉ cán bộ giám sát (Văn phòng UBND) được xác định cơ quan để chậm.")
    )
    locked = lock_for_action(dossier)
    at = at or timezone.now()
    if locked.finished_at is not None and locked.classification == Classification.LATE:
        # A finished late dossier: the choice names who explains it in the monthly report (seed
        # 5.3), until OVERSIGHT_DESIGNATION_DAYS after the end of its reporting month.
        closes = designation_closes(locked.finished_at)
        if at >= closes:
            raise AlreadyDone(
                _("Đã quá hạn xác định cơ quan để chậm cho hồ sơ này (đến %(when)s).")
                % {"when": local_text(closes)}
            )
    else:
        require_state(locked, OPEN)
        apology_event, _chosen_id = _apology_facts(locked)
        if apologised(locked, event=apology_event):
            raise AlreadyDone(_("Hồ sơ đã được xin lỗi, hẹn lại; không xác định lại cơ quan để chậm."))
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    held = set(locked.steps.values_list("agency_id", flat=True))
    text = require_text(reason, "reason", _("Nêu rõ căn cứ xác định cơ quan để chậm."))
    if agency_id not in held:
        message = _("Chọn một cơ quan đã hoặc đang giải quyết một bước của hồ sơ.")
        raise InvalidInput(message, [FieldError("agency", message)])
    note = note_add(locked, officer, at, text)
    FaultDesignation.objects.create(
        dossier=locked, agency_id=agency_id, designated_by=officer, designated_at=at, note=note
    )
    if locked.finished_at is not None:
        return action_done(dossier, locked)  # no apology any more: the explanation request tells them
    due = dossier_due_at_now(locked, now=at)
    chosen_name = Agency.objects.filter(pk=agency_id).values_list("name", flat=True).first() or ""
    context = {"due": local_text(due) if due else "", "agency": chosen_name}
    for leader in agency_leaders(agency_id):
        officer_tell(locked, leader, "dossier_fault_designated", context)
    return action_done(dossier, locked)
