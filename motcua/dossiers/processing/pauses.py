"""The clock stopped: a pause of a kind the version allows and its resumption. A pause moves the
due time the applicant was promised by the office time it lasts (the apology, which sets a new
appointment beside it, is in `apology`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import iso, local_text
from motcua.dossiers.exceptions import NotYourStep
from motcua.dossiers.journal import applicant_tell, dossier_record_event, officer_actor
from motcua.dossiers.models import (
    RUNNING,
    Action,
    Dossier,
    DossierPause,
    PauseReason,
    State,
)
from motcua.dossiers.processing.common import (
    action_done,
    current_step_locked,
    lock_for_action,
    note_add,
    open_pause,
    require_role,
    require_state,
    require_text,
)
from motcua.dossiers.processing.steps import pause_close
from motcua.dossiers.rules import STEP_ROLES, is_handler_of


@transaction.atomic
def dossier_pause(
    *, dossier: Dossier, officer: User, kind: str, reason: str, at: datetime | None = None
) -> Dossier:
    """Stop the clock for a pause kind the version allows (financial obligations, public posting,
    verification); the step's assignee or its agency's leader, with a reason."""
    require_role(
        officer, STEP_ROLES, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được tạm dừng tính thời hạn.")
    )
    locked = lock_for_action(dossier)
    require_state(locked, RUNNING)
    step = current_step_locked(locked)
    if not is_handler_of(officer, step):
        raise NotYourStep()
    assert step is not None
    if kind not in locked.procedure_version.pause_kinds or kind == PauseReason.SUPPLEMENT:
        message = _("Thủ tục này không cho phép tạm dừng tính thời hạn vì lý do đã chọn.")
        raise InvalidInput(message, [FieldError("kind", message)])
    text = require_text(reason, "reason", _("Nêu rõ lý do tạm dừng."))
    at = at or timezone.now()
    note = note_add(locked, officer, at, text)
    DossierPause.objects.create(
        dossier=locked,
        kind=kind,
        started_at=at,
        resume_state=locked.state,
        agency_id=step.agency_id,
        note=note,
    )
    dossier_record_event(
        locked, Action.PAUSE, to_state=State.PAUSED, actor=officer_actor(officer, at), note=note,
        payload={"kind": kind, "step": step.order, "paused_at": iso(at)},
    )  # fmt: skip
    applicant_tell(locked, "dossier_paused", {"kind": str(PauseReason(kind).label), "reason": text})
    return action_done(dossier, locked)


@transaction.atomic
def dossier_resume(*, dossier: Dossier, officer: User, at: datetime | None = None) -> Dossier:
    """Restart the clock after a pause: the due times move by the office time it lasted."""
    require_role(
        officer, STEP_ROLES, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được tiếp tục tính thời hạn.")
    )
    locked = lock_for_action(dossier)
    require_state(locked, {State.PAUSED})
    if not is_handler_of(officer, current_step_locked(locked)):
        raise NotYourStep()
    pause = open_pause(locked)
    assert pause is not None
    at = at or timezone.now()
    facts = pause_close(locked, pause, at)
    dossier_record_event(
        locked, Action.RESUME, to_state=pause.resume_state, actor=officer_actor(officer, at),
        payload={"kind": pause.kind, **facts},
    )  # fmt: skip
    assert locked.due_at is not None
    applicant_tell(locked, "dossier_resumed", {"due": local_text(locked.due_at)})
    return action_done(dossier, locked)
