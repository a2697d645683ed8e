"""The clock stopped and the appointment moved: a pause of a kind the version allows, its resumption,
and the apology that gives the applicant a new date (form 04).

Together because each is about the due time the applicant was promised, not about who holds the
dossier: a pause moves it by the office time it lasts, an apology sets a new appointment beside it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core import calendar
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.dossiers.codes import form_number
from motcua.dossiers.models import (
    Action,
    Dossier,
    DossierEvent,
    DossierPause,
    DossierStep,
    PauseReason,
    State,
)
from motcua.dossiers.processing.common import (
    OPEN_STATES,
    RUNNING,
    STEP_ROLES,
    AlreadyDone,
    NotYourStep,
    _aware,
    _current,
    _done,
    _latest,
    _lock,
    _may_handle,
    _note,
    _officer_actor,
    _open_pause,
    _remember_last_event,
    _require_role,
    _require_state,
    _require_text,
)
from motcua.dossiers.processing.steps import _close_pause, dossier_due_at_now
from motcua.dossiers.services import _iso, _notify, _when, dossier_record_event


@transaction.atomic
def dossier_pause(
    *, dossier: Dossier, officer: User, kind: str, reason: str, at: datetime | None = None
) -> Dossier:
    """Stop the clock for a pause kind the version allows (financial obligations, public posting,
    verification); the step's assignee or its agency's leader, with a reason."""
    _require_role(
        officer, STEP_ROLES, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được tạm dừng tính thời hạn.")
    )
    locked = _lock(dossier)
    _require_state(locked, RUNNING)
    step = _current(locked)
    if not _may_handle(officer, step):
        raise NotYourStep()
    assert step is not None
    if kind not in locked.procedure_version.pause_kinds or kind == PauseReason.SUPPLEMENT:
        message = _("Thủ tục này không cho phép tạm dừng tính thời hạn vì lý do đã chọn.")
        raise InvalidInput(message, [FieldError("kind", message)])
    text = _require_text(reason, "reason", _("Nêu rõ lý do tạm dừng."))
    at = at or timezone.now()
    note = _note(locked, officer, at, text)
    DossierPause.objects.create(
        dossier=locked,
        kind=kind,
        started_at=at,
        resume_state=locked.state,
        agency_id=step.agency_id,
        note=note,
    )
    dossier_record_event(
        locked, Action.PAUSE, to_state=State.PAUSED, actor=_officer_actor(officer, at), note=note,
        payload={"kind": kind, "step": step.order, "paused_at": _iso(at)},
    )  # fmt: skip
    _notify(locked, "dossier_paused", {"kind": str(PauseReason(kind).label), "reason": text})
    return _done(dossier, locked)


@transaction.atomic
def dossier_resume(*, dossier: Dossier, officer: User, at: datetime | None = None) -> Dossier:
    """Restart the clock after a pause: the due times move by the office time it lasted."""
    _require_role(
        officer, STEP_ROLES, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được tiếp tục tính thời hạn.")
    )
    locked = _lock(dossier)
    _require_state(locked, {State.PAUSED})
    if not _may_handle(officer, _current(locked)):
        raise NotYourStep()
    pause = _open_pause(locked)
    assert pause is not None
    at = at or timezone.now()
    facts = _close_pause(locked, pause, at)
    dossier_record_event(
        locked, Action.RESUME, to_state=pause.resume_state, actor=_officer_actor(officer, at),
        payload={"kind": pause.kind, **facts},
    )  # fmt: skip
    assert locked.due_at is not None
    _notify(locked, "dossier_resumed", {"due": _when(locked.due_at)})
    return _done(dossier, locked)


# --- apology --------------------------------------------------------------------------------------
def _one_working_day() -> timedelta:
    return timedelta(minutes=sum(end - start for start, end in settings.OFFICE_HOURS))


def _apology_facts(locked: Dossier, agency_id: int) -> tuple[bool, bool]:
    """Whether `agency_id` holds or held a step of the locked dossier, and whether it was already
    apologised for, in one query that also brings the last event's seq for `dossier_record_event`."""
    events = DossierEvent.objects.filter(dossier=OuterRef("pk"))
    held, apologised, last_seq = (
        Dossier.objects.filter(pk=locked.pk)
        .annotate(
            held=Exists(DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id=agency_id)),
            apologised=Exists(events.filter(action=Action.APOLOGISE)),
            last_event_seq=_latest(DossierEvent, "pk"),
        )
        .values_list("held", "apologised", "last_event_seq")
        .get()
    )
    _remember_last_event(locked, last_seq)
    return bool(held), bool(apologised)


@transaction.atomic
def dossier_apologise(
    *,
    dossier: Dossier,
    officer: User,
    reason: str,
    rescheduled_due_at: datetime | None,
    at: datetime | None = None,
) -> Dossier:
    """Form 04: the leader of the agency at fault (one that holds or held a step) apologises and gives
    a new appointment, once per dossier. Due no later than one working day before `due_at`; later is
    allowed and flagged (`late` in the event). Neither `due_at` nor the classification changes."""
    _require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được ký văn bản xin lỗi, hẹn lại."))
    locked = _lock(dossier)
    _require_state(locked, OPEN_STATES)
    held, apologised = (
        _apology_facts(locked, officer.agency_id) if officer.agency_id is not None else (False, False)
    )
    if not held:
        raise NotYourStep(_("Chỉ lãnh đạo cơ quan để chậm giải quyết hồ sơ được xin lỗi, hẹn lại."))
    if locked.rescheduled_due_at is not None or apologised:
        raise AlreadyDone(_("Hồ sơ đã được xin lỗi và hẹn lại một lần; không hẹn lại lần nữa."))
    text = _require_text(reason, "reason", _("Nêu rõ lý do chậm giải quyết."))
    new_due = _aware(rescheduled_due_at, "rescheduled_due_at")
    at = at or timezone.now()
    current_due = dossier_due_at_now(locked, now=at)
    assert current_due is not None
    if new_due <= max(current_due, at):
        message = _("Ngày hẹn trả mới phải sau thời hạn hiện tại (%(due)s).") % {"due": _when(current_due)}
        raise InvalidInput(message, [FieldError("rescheduled_due_at", message)])
    late = calendar.working_time_between(at, current_due) < _one_working_day()
    note = _note(locked, officer, at, text)
    locked.rescheduled_due_at = new_due
    dossier_record_event(
        locked, Action.APOLOGISE, to_state=locked.state, actor=_officer_actor(officer, at), note=note,
        payload={"rescheduled_due_at": _iso(new_due), "form": form_number(locked.code, "XL"), "late": late,
                 "agency_at_fault": officer.agency_id},
    )  # fmt: skip
    _notify(
        locked, "dossier_apology",
        {"new_due": _when(new_due), "reason": text, "due": _when(current_due), "agency": officer.agency.name if officer.agency else ""},
    )  # fmt: skip
    return _done(dossier, locked)
