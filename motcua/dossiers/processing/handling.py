"""Who holds the dossier: a leader assigns the current step, its handler forwards it to the next step
or sends it back to the previous one.

One family because the three move the same thing (the open step row and its assignee) under the
same rule of CONTRACTS §4: the step's assignee or a leader of the agency holding it — and, from
RECEIVED (the reception step), any desk officer of the receiving desk, who hands the dossier to the
agency that handles it (ADR 0010).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.dossiers.exceptions import NotYourStep
from motcua.dossiers.journal import dossier_record_event, officer_actor
from motcua.dossiers.models import RUNNING, Action, Dossier, DossierStep, State
from motcua.dossiers.processing.common import (
    action_done,
    current_step_locked,
    lock_for_action,
    planned_step,
    process_plan,
    require_role,
    require_state,
)
from motcua.dossiers.processing.steps import step_finish, step_open, step_payload
from motcua.dossiers.rules import (
    FORWARD_ROLES,
    STEP_ROLES,
    is_handler_of,
    is_leader_of,
    may_forward,
)


def _staff_of(agency_id: int, user: User | None, field_name: str) -> User | None:
    if user is None:
        return None
    if not (user.is_active and user.agency_id == agency_id and user.roles & STEP_ROLES):
        message = _("Chỉ phân công cho chuyên viên hoặc lãnh đạo của cơ quan đang giữ bước xử lý.")
        raise InvalidInput(message, [FieldError(field_name, message)])
    return user


@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, officer: User, assignee: User | None, at: datetime | None = None
) -> Dossier:
    """A leader of the agency holding the current step gives it to one of its specialists."""
    require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được phân công xử lý hồ sơ."))
    locked = lock_for_action(dossier)
    require_state(locked, RUNNING)
    step = current_step_locked(locked)
    if step is None or not is_leader_of(officer, step.agency_id):
        raise NotYourStep(_("Chỉ lãnh đạo cơ quan đang giữ bước xử lý được phân công."))
    if assignee is None:
        message = _("Chọn cán bộ xử lý.")
        raise InvalidInput(message, [FieldError("assignee", message)])
    _staff_of(step.agency_id, assignee, "assignee")
    at = at or timezone.now()
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    dossier_record_event(
        locked, Action.ASSIGN, to_state=State.IN_PROGRESS, actor=officer_actor(officer, at),
        payload={**step_payload(step), "assignee": assignee.pk},
    )  # fmt: skip
    return action_done(dossier, locked)


def handled_step(
    dossier: Dossier, officer: User, role_message: str, *, forward: bool = False
) -> tuple[Dossier, DossierStep, int]:
    """The refusals shared by the current step's handler (403 role, 409 state or turn), then the
    locked dossier, its open step and that step's index in the plan. `forward`: the desk's hand-over
    from RECEIVED is allowed too."""
    require_role(officer, FORWARD_ROLES if forward else STEP_ROLES, role_message)
    locked = lock_for_action(dossier)
    require_state(locked, RUNNING if forward else {State.IN_PROGRESS})
    step = current_step_locked(locked)
    allowed = may_forward(officer, locked, step) if forward else is_handler_of(officer, step)
    if step is None or not allowed:
        raise NotYourStep()
    index, _planned_step = planned_step(locked, step.order)
    return locked, step, index


def _hand_over(
    dossier: Dossier, officer: User, *, action: str, offset: int, assignee: User | None, at: datetime | None
) -> Dossier:
    locked, step, index = handled_step(
        dossier, officer, _("Chỉ cán bộ xử lý, lãnh đạo cơ quan hoặc cán bộ một cửa được chuyển hồ sơ.")
        if offset > 0 else _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được chuyển lại hồ sơ."),
        forward=offset > 0,
    )  # fmt: skip
    plan = process_plan(locked.procedure_version)
    if not 0 <= index + offset < len(plan):
        raise Conflict(
            _("Đây là bước cuối cùng: ghi nhận có kết quả thay vì chuyển tiếp.")
            if offset > 0
            else _("Đây là bước đầu tiên: không có bước trước để chuyển lại.")
        )
    target = plan[index + offset]
    target_agency = target.agency_id or locked.receiving_agency_id
    _staff_of(target_agency, assignee, "assignee")
    if assignee is None:
        if offset < 0:  # back to whoever handled that step last time, if still there
            previous = (
                locked.steps.filter(order=target.order).order_by("-seq").select_related("assignee").first()
            )
            if previous is not None and previous.assignee is not None and previous.agency_id == target_agency:
                assignee = previous.assignee
        elif target_agency == step.agency_id:
            assignee = step.assignee
    at = at or timezone.now()
    finished_class = step_finish(step, at)
    # Only pauses that ended after `at` move the new step's due time: none if the latest ended before.
    latest_pause_end: datetime | None = step.latest_pause_end  # type: ignore[attr-defined]
    new_step = step_open(
        locked, target, at=at, assignee=assignee, last_seq=step.latest_step_seq,  # type: ignore[attr-defined]
        closed=[] if latest_pause_end is None or latest_pause_end <= at else None,
    )  # fmt: skip
    dossier_record_event(
        locked, action, to_state=State.IN_PROGRESS, actor=officer_actor(officer, at),
        payload={"from_step": step.order, "from_step_classification": finished_class, **step_payload(new_step),
                 "assignee": new_step.assignee_id},
    )  # fmt: skip
    return action_done(dossier, locked)


@transaction.atomic
def dossier_forward(
    *, dossier: Dossier, officer: User, assignee: User | None = None, at: datetime | None = None
) -> Dossier:
    """The step's assignee or its agency's leader hands the dossier to the next step (possibly at
    another agency); from RECEIVED, a desk officer of the receiving desk may too (the one-stop desk
    hands the dossier to the agency that handles it). Without `assignee`, a next step at the same
    agency stays with the same officer and one at another agency waits for that agency's leader to
    assign it."""
    return _hand_over(dossier, officer, action=Action.FORWARD, offset=1, assignee=assignee, at=at)


@transaction.atomic
def dossier_send_back(
    *, dossier: Dossier, officer: User, assignee: User | None = None, at: datetime | None = None
) -> Dossier:
    """The step's assignee or its agency's leader returns the dossier to the previous step (to the
    officer who handled it, unless another is named)."""
    return _hand_over(dossier, officer, action=Action.SEND_BACK, offset=-1, assignee=assignee, at=at)
