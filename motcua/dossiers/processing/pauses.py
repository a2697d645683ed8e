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
from motcua.core.instants import iso
from motcua.dossiers.models import (
    RUNNING,
    Action,
    Dossier,
    DossierPause,
    PauseReason,
    State,
)
from motcua.dossiers.processing.common import (
    STEP_ROLES,
    NotYourStep,
    _current,
    _done,
    _lock,
    _may_handle,
    _note,
    _officer_actor,
    _open_pause,
    _require_role,
    _require_state,
    _require_text,
)
from motcua.dossiers.processing.steps import _close_pause
from motcua.dossiers.services import _notify, _when, dossier_record_event


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
        payload={"kind": kind, "step": step.order, "paused_at": iso(at)},
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
