"""How processing ends: the result is ready (the classification is frozen) and handed over, or the
dossier is stopped (form 05) or withdrawn on the applicant's request.

One family because each finishes the dossier (`finished_at`) and closes whatever is still open —
the step, a pause — and because the desk, not the step's handler, does most of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.instants import in_vietnam
from motcua.core.text import nfc
from motcua.dossiers.codes import form_number
from motcua.dossiers.exceptions import NotLastStep, NotYourStep
from motcua.dossiers.files import has_result_file, result_check, result_store
from motcua.dossiers.journal import (
    Actor,
    applicant_tell,
    dossier_record_event,
    dossier_survey_url,
    officer_actor,
)
from motcua.dossiers.models import (
    OPEN,
    WITHDRAWABLE,
    Action,
    ActorKind,
    Channel,
    Dossier,
    ReturnMethod,
    State,
)
from motcua.dossiers.processing.common import (
    action_done,
    current_step_locked,
    lock_for_action,
    note_add,
    open_pause,
    process_plan,
    require_role,
    require_state,
    require_text,
)
from motcua.dossiers.processing.handling import handled_step
from motcua.dossiers.processing.steps import (
    classification_of,
    dossier_handling,
    processing_supplement_count,
    step_finish,
)
from motcua.dossiers.rules import guided_at_desk, is_desk_of, may_stop


@transaction.atomic
def dossier_mark_ready(
    *, dossier: Dossier, officer: User, result_file: Any = None, at: datetime | None = None
) -> Dossier:
    """The last step's assignee or leader records the result: the dossier is finished and its
    classification frozen (CONTRACTS §2), with its handling time in the procedure's unit (2.2). `result_file` (optional; PDF / JPEG / PNG checked by
    content like online uploads) is kept as the electronic result — on the online record, which is
    flagged `electronic_result`, or on the dossier — for the citizen to download with the token."""
    locked, step, index = handled_step(
        dossier, officer, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được ghi nhận kết quả.")
    )
    if index != len(process_plan(locked.procedure_version)) - 1:
        raise NotLastStep()
    extension = result_check(result_file) if result_file is not None else ""
    at = at or timezone.now()
    step_class = step_finish(step, at)
    supplement_requests = processing_supplement_count(locked)  # read once: classification and payload
    if locked.finished_at is None:
        locked.finished_at = at
        locked.classification = classification_of(locked, at, supplement_requests)
        handling = dossier_handling(locked)  # 2.2, frozen with the classification
        locked.handling_used, locked.handling_allowed = handling.used, handling.allowed
    payload: dict[str, Any] = {
        "step": step.order, "step_classification": step_class, "classification": locked.classification,
        "supplement_requests": supplement_requests,
    }  # fmt: skip
    if result_file is not None:
        result_store(locked, result_file, extension, at=at)
        payload["result_file"] = True  # a fact only: never the file's name or content
    dossier_record_event(
        locked, Action.MARK_READY, to_state=State.RESULT_READY, actor=officer_actor(officer, at),
        payload=payload,
    )  # fmt: skip
    applicant_tell(locked, "dossier_result_ready", {})
    return action_done(dossier, locked)


@transaction.atomic
def dossier_return_result(
    *,
    dossier: Dossier,
    officer: User,
    method: str,
    received_by: str = "",
    tracking_number: str = "",
    at: datetime | None = None,
) -> Dossier:
    """The desk hands the result over: at the desk (`received_by`, who took it), by post (with the
    tracking number) or electronically (ONLINE: an online dossier needs its result file, which the
    citizen downloads through the token link). `finished_at` and the classification stay as marked."""
    require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa được trả kết quả."))
    if not is_desk_of(officer, dossier):
        raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận được trả kết quả."))
    locked = lock_for_action(dossier)
    require_state(locked, {State.RESULT_READY})
    errors: list[FieldError] = []
    has_file = has_result_file(locked)
    if method not in ReturnMethod.values:
        errors.append(FieldError("method", _("Chọn hình thức trả kết quả.")))
    if method == ReturnMethod.POST and not tracking_number.strip():
        errors.append(FieldError("tracking_number", _("Nhập số hiệu bưu gửi.")))
    if method == ReturnMethod.DESK and not received_by.strip():
        errors.append(FieldError("received_by", _("Nhập họ tên người nhận kết quả.")))
    if method == ReturnMethod.ONLINE and locked.channel == Channel.ONLINE and not has_file:
        errors.append(
            FieldError("method", _("Chưa có tệp kết quả điện tử: đính kèm tệp khi ghi nhận có kết quả."))
        )
    if errors:
        raise InvalidInput(_("Chưa trả được kết quả: kiểm tra các trường được đánh dấu."), errors)
    at = at or timezone.now()
    note = (
        note_add(locked, officer, at, _("Người nhận kết quả: %(name)s") % {"name": nfc(received_by).strip()})
        if received_by.strip()
        else None
    )
    payload: dict[str, Any] = {"method": method}
    if method == ReturnMethod.POST:
        payload["tracking_number"] = tracking_number.strip()
    if method == ReturnMethod.ONLINE and has_file:
        payload["result_file"] = True
    if locked.finished_at is None:  # defensive: RESULT_READY always has it
        locked.finished_at = at
    dossier_record_event(
        locked, Action.RETURN_RESULT, to_state=State.RETURNED, actor=officer_actor(officer, at), note=note,
        payload=payload,
    )  # fmt: skip
    applicant_tell(
        locked,
        "dossier_returned",
        {"date": in_vietnam(at).strftime("%d/%m/%Y"), "survey_url": dossier_survey_url(locked)},
    )
    return action_done(dossier, locked)


def _terminate(dossier: Dossier, at: datetime) -> None:
    """Close what is open when processing ends without a result: the pause, the step."""
    pause = open_pause(dossier)
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        pause.save(update_fields=["ended_at"])
    step = current_step_locked(dossier)
    if step is not None:
        step_finish(step, at, classified=False)
    if dossier.finished_at is None:
        dossier.finished_at = at


@transaction.atomic
def dossier_stop(*, dossier: Dossier, officer: User, reason: str, at: datetime | None = None) -> Dossier:
    """Form 05: a leader (of the agency holding the current step, or of the receiving agency) stops
    processing, with the reason. Stopped dossiers are counted apart, never early / on time / late."""
    require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được dừng giải quyết hồ sơ."))
    locked = lock_for_action(dossier)
    require_state(locked, OPEN)
    step = current_step_locked(locked)
    if not may_stop(officer, locked, step):
        raise NotYourStep(
            _("Chỉ lãnh đạo cơ quan đang giải quyết hoặc cơ quan tiếp nhận được dừng giải quyết.")
        )
    text = require_text(reason, "reason", _("Nêu rõ lý do dừng giải quyết."))
    at = at or timezone.now()
    note = note_add(locked, officer, at, text)
    _terminate(locked, at)
    dossier_record_event(
        locked, Action.STOP, to_state=State.STOPPED, actor=officer_actor(officer, at), note=note,
        payload={"form": form_number(locked.code, "DGQ"), "step": step.order if step else None},
    )  # fmt: skip
    applicant_tell(locked, "dossier_stopped", {"reason": text})
    return action_done(dossier, locked)


@transaction.atomic
def dossier_withdraw(
    *,
    dossier: Dossier,
    officer: User | None = None,
    actor_kind: str = ActorKind.OFFICER,
    reason: str = "",
    at: datetime | None = None,
) -> Dossier:
    """The dossier is withdrawn: by a desk officer of the receiving agency on the applicant's written
    request (`reason` says which), by the citizen (dossier token) while SUBMITTED or GUIDED, or by
    the system when an online GUIDED dossier expires."""
    if actor_kind == ActorKind.OFFICER:
        require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa nhận đơn rút hồ sơ."))
        assert officer is not None
        if not is_desk_of(officer, dossier):
            raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận nhận đơn rút hồ sơ."))
    elif actor_kind not in (ActorKind.CITIZEN, ActorKind.SYSTEM):
        raise PermissionDenied(_("Không được rút hồ sơ này."))
    locked = lock_for_action(dossier)
    if actor_kind == ActorKind.OFFICER:
        require_state(locked, WITHDRAWABLE)
    elif actor_kind == ActorKind.CITIZEN:
        require_state(locked, {State.SUBMITTED, State.GUIDED})
    else:
        require_state(locked, {State.GUIDED})
    if guided_at_desk(locked):
        raise Conflict(_("Hồ sơ đã hướng dẫn tại quầy đã kết thúc; không có gì để rút."))
    at = at or timezone.now()
    note = None
    if actor_kind == ActorKind.OFFICER:
        text = require_text(reason, "reason", _("Ghi số, ngày của đơn đề nghị rút hồ sơ."))
        note = note_add(locked, officer, at, text)
    _terminate(locked, at)
    actor = officer_actor(officer, at) if officer is not None else Actor(actor_kind, at)
    dossier_record_event(
        locked, Action.WITHDRAW, to_state=State.WITHDRAWN, actor=actor, note=note,
        payload={"by": actor_kind},
    )  # fmt: skip
    return action_done(dossier, locked)
