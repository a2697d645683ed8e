"""Use cases of processing (CONTRACTS §4 from `assign` on), the clock's pauses and classification.

Every action locks the dossier row, checks in the order of CONTRACTS §5 — a role that can never do
it → `PermissionDenied` (403); the wrong state, a once-only limit or not the current step's
assignee → `Conflict` (409); bad input → `InvalidInput` (422) — appends exactly one event with
non-personal facts, updates the cached fields and tells the applicant through the outbox. The
404 of an invisible dossier is the caller's job (`selectors.dossiers_visible_to`).

Steps: a `DossierStep` row opens when a step starts (the first at receipt, from `clock_start_at`;
the next when the previous one is forwarded or sent back) and closes when it hands over, so only
agencies the dossier has reached see it. Pauses: a `DossierPause` row per interval; when one
closes, `due_at` (and the current step's) is recomputed from the receipt and every closed pause,
which moves it by exactly the office time they contain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core import calendar
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.text import nfc
from motcua.dossiers import processing_events  # noqa: F401 - registers the message templates
from motcua.dossiers.codes import form_number
from motcua.dossiers.exceptions import NotOnOfficialList, WrongState
from motcua.dossiers.models import (
    Action,
    ActorKind,
    Channel,
    Classification,
    Dossier,
    DossierDocument,
    DossierNote,
    DossierPause,
    DossierStep,
    PauseReason,
    ReturnMethod,
    State,
    SupplementItem,
    SupplementRequest,
)
from motcua.dossiers.services import (
    Actor,
    DocumentIn,
    _check_documents,
    _iso,
    _limit,
    _notify,
    _when,
    dossier_record_event,
    trace_rows,
)

# States in which the clock runs, is paused, or the dossier is still open.
RUNNING = (State.RECEIVED, State.IN_PROGRESS)
PAUSED_STATES = (State.AWAITING_SUPPLEMENT, State.PAUSED)
OPEN_STATES = (*RUNNING, *PAUSED_STATES)
WITHDRAWABLE = (State.SUBMITTED, State.GUIDED, *OPEN_STATES)
STEP_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})


def supplement_once_per_agency() -> bool:
    """Setting DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY (default True): each agency asks at most once."""
    return bool(settings.DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY)


# --- refusals -------------------------------------------------------------------------------------
class NotYourStep(Conflict):
    """The officer's role may do this, but not now: the dossier's current step is not theirs."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Hồ sơ đang ở bước xử lý không thuộc phân công của ông/bà."))


class AlreadyDone(Conflict):
    """A once-only limit: a second supplement request by the same agency, a second apology."""


class NotLastStep(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Chỉ bước cuối cùng của quy trình mới được ghi nhận có kết quả."))


def _require_role(officer: User | None, roles: Iterable[Role], message: str) -> User:
    if officer is None or not (officer.roles & frozenset(roles)):
        raise PermissionDenied(message)
    return officer


def _require_state(dossier: Dossier, states: Iterable[str]) -> None:
    if dossier.state not in tuple(states):
        raise WrongState(str(State(dossier.state).label) if dossier.state in State.values else dossier.state)


def _require_text(value: str, field_name: str, message: str) -> str:
    text = nfc(value or "").strip()
    if not text:
        raise InvalidInput(message, [FieldError(field_name, message)])
    return text


def _aware(value: datetime | None, field_name: str) -> datetime:
    if value is None:
        message = _("Nhập ngày giờ.")
        raise InvalidInput(message, [FieldError(field_name, message)])
    if timezone.is_naive(value):  # CONTRACTS §1: without an offset means Vietnam time
        value = timezone.make_aware(value, calendar.local_tz())
    return value


def _is_desk_of(officer: User, dossier: Dossier) -> bool:
    return Role.DESK_OFFICER in officer.roles and officer.agency_id == dossier.receiving_agency_id


def _is_leader_of(officer: User, agency_id: int | None) -> bool:
    return Role.LEADER in officer.roles and agency_id is not None and officer.agency_id == agency_id


def _may_handle(officer: User, step: DossierStep | None) -> bool:
    """The step's assignee or a leader of the agency holding it."""
    return step is not None and (
        (step.assignee_id is not None and step.assignee_id == officer.pk)
        or _is_leader_of(officer, step.agency_id)
    )


# --- helpers --------------------------------------------------------------------------------------
def _lock(dossier: Dossier) -> Dossier:
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure", "receiving_agency")
        .get(pk=dossier.pk)
    )
    return locked


def _done(original: Dossier, locked: Dossier) -> Dossier:
    locked.save()
    if original is not locked:
        original.refresh_from_db()
    return locked


def _officer_actor(officer: User, at: datetime) -> Actor:
    return Actor(ActorKind.OFFICER, at, officer, officer.agency)


def _note(dossier: Dossier, author: User | None, at: datetime, text: str) -> DossierNote:
    return DossierNote.objects.create(dossier=dossier, author=author, created_at=at, text=text)


def current_step(dossier: Dossier) -> DossierStep | None:
    """The open step of a dossier in processing (None before receipt and after it finishes)."""
    return (
        dossier.steps.filter(finished_at__isnull=True)
        .select_related("agency", "assignee")
        .order_by("-seq")
        .first()
    )


def _open_pause(dossier: Dossier) -> DossierPause | None:
    return dossier.pauses.filter(ended_at__isnull=True).first()


@dataclass(frozen=True)
class PlannedStep:
    """A step of the version's internal process, or the single implicit step of a version without one."""

    order: int
    name: str
    agency_id: int | None
    budget_value: int
    budget_unit: str


def process_plan(version: ProcedureVersion) -> list[PlannedStep]:
    steps = [
        PlannedStep(s.order, s.name, s.agency_id, s.budget_value, s.budget_unit)
        for s in version.steps.order_by("order", "pk")
    ]
    if steps:
        return steps
    return [PlannedStep(1, _("Giải quyết hồ sơ"), None, version.limit_value, version.limit_unit)]


def _planned(dossier: Dossier, order: int) -> tuple[int, PlannedStep]:
    plan = process_plan(dossier.procedure_version)
    for index, step in enumerate(plan):
        if step.order == order:
            return index, step
    raise Conflict(_("Quy trình của thủ tục không còn bước này."))


def _step_limit(dossier: Dossier, step: DossierStep) -> calendar.Limit:
    if step.budget_unit == calendar.Unit.SAME_DAY:
        return _limit(dossier.procedure_version)
    return calendar.Limit(step.budget_value, step.budget_unit)


def _closed_pauses(dossier: Dossier, since: datetime | None = None) -> list[calendar.Pause]:
    pauses = dossier.pauses.filter(ended_at__isnull=False).order_by("started_at", "pk")
    if since is not None:  # the pauses taken while a step was open
        pauses = pauses.filter(ended_at__gt=since)
    return [calendar.Pause(p.started_at, p.ended_at, str(PauseReason(p.kind).label)) for p in pauses]


def _step_due(dossier: Dossier, step: DossierStep) -> datetime:
    """A step's due time: its budget from its start, moved by the pauses taken while it was open."""
    return calendar.due_at(
        step.started_at, _step_limit(dossier, step), _closed_pauses(dossier, step.started_at)
    ).due_at


def _open_step(dossier: Dossier, planned: PlannedStep, *, at: datetime, assignee: User | None) -> DossierStep:
    last = dossier.steps.order_by("-seq").values_list("seq", flat=True).first() or 0
    step = DossierStep(
        dossier=dossier, seq=last + 1, order=planned.order, name=planned.name,
        agency_id=planned.agency_id or dossier.receiving_agency_id, assignee=assignee,
        budget_value=planned.budget_value, budget_unit=planned.budget_unit, started_at=at, due_at=at,
    )  # fmt: skip
    step.due_at = _step_due(dossier, step)
    step.save()
    return step


def classify(finished_at: datetime, due_at: datetime) -> str:
    """CONTRACTS §2: early if the local date of finishing is before the due date's; on time if not
    after the due time; late otherwise."""
    if timezone.localdate(finished_at) < timezone.localdate(due_at):
        return Classification.EARLY
    if finished_at <= due_at:
        return Classification.ON_TIME
    return Classification.LATE


def processing_supplement_count(dossier: Dossier) -> int:
    return dossier.supplement_requests.filter(stage=SupplementRequest.Stage.PROCESSING).count()


def dossier_classify(dossier: Dossier, finished_at: datetime) -> str:
    """The dossier's classification at `finished_at`: more than one supplement request during
    processing (any agencies together; form 02 at intake does not count) makes it late."""
    assert dossier.due_at is not None
    if processing_supplement_count(dossier) > 1:
        return Classification.LATE
    return classify(finished_at, dossier.due_at)


def _finish_step(step: DossierStep, at: datetime, *, classified: bool = True) -> str:
    step.finished_at = at
    step.classification = classify(at, step.due_at) if classified else ""
    step.save(update_fields=["finished_at", "classification"])
    return step.classification


def _recompute_due(dossier: Dossier) -> None:
    """`due_at` from the receipt and every closed pause (each moves it by its office time)."""
    assert dossier.received_at is not None
    deadline = calendar.due_at(
        dossier.received_at, _limit(dossier.procedure_version), _closed_pauses(dossier)
    )
    dossier.due_at = deadline.due_at
    dossier.due_estimated = deadline.estimated
    dossier.due_trace = trace_rows(deadline)


def dossier_due_at_now(dossier: Dossier, *, now: datetime | None = None) -> datetime | None:
    """The due time as it stands at `now`: while a pause is open, the pre-pause value plus the office
    time elapsed so far (so a paused dossier is never overdue); otherwise the stored `due_at`."""
    if dossier.state not in PAUSED_STATES or dossier.received_at is None:
        return dossier.due_at
    pauses = [*_closed_pauses(dossier)]
    pause = _open_pause(dossier)
    if pause is not None:
        pauses.append(calendar.Pause(pause.started_at, None))
    now = now or timezone.now()
    return calendar.due_at(dossier.received_at, _limit(dossier.procedure_version), pauses, now=now).due_at


def _staff_of(agency_id: int, user: User | None, field_name: str) -> User | None:
    if user is None:
        return None
    if not (user.is_active and user.agency_id == agency_id and user.roles & STEP_ROLES):
        message = _("Chỉ phân công cho chuyên viên hoặc lãnh đạo của cơ quan đang giữ bước xử lý.")
        raise InvalidInput(message, [FieldError(field_name, message)])
    return user


def _step_payload(step: DossierStep) -> dict[str, Any]:
    return {
        "step": step.order,
        "step_seq": step.seq,
        "step_agency": step.agency_id,
        "step_due_at": _iso(step.due_at),
    }


# --- start of processing (called by the intake's RECEIVE branch) ---------------------------------
def dossier_processing_start(dossier: Dossier, *, at: datetime) -> DossierStep:
    """Open the first step of the version's process at the dossier's `clock_start_at` (receipt at `at`)."""
    start = dossier.clock_start_at or calendar.clock_start_at(at)
    return _open_step(dossier, process_plan(dossier.procedure_version)[0], at=start, assignee=None)


# --- assign, forward, send back -------------------------------------------------------------------
@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, officer: User, assignee: User | None, at: datetime | None = None
) -> Dossier:
    """A leader of the agency holding the current step gives it to one of its specialists."""
    _require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được phân công xử lý hồ sơ."))
    locked = _lock(dossier)
    _require_state(locked, RUNNING)
    step = current_step(locked)
    if step is None or not _is_leader_of(officer, step.agency_id):
        raise NotYourStep(_("Chỉ lãnh đạo cơ quan đang giữ bước xử lý được phân công."))
    if assignee is None:
        message = _("Chọn cán bộ xử lý.")
        raise InvalidInput(message, [FieldError("assignee", message)])
    _staff_of(step.agency_id, assignee, "assignee")
    at = at or timezone.now()
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    dossier_record_event(
        locked, Action.ASSIGN, to_state=State.IN_PROGRESS, actor=_officer_actor(officer, at),
        payload={**_step_payload(step), "assignee": assignee.pk},
    )  # fmt: skip
    return _done(dossier, locked)


def _handled_step(dossier: Dossier, officer: User, role_message: str) -> tuple[Dossier, DossierStep, int]:
    """The refusals shared by the current step's handler (403 role, 409 state or turn), then the
    locked dossier, its open step and that step's index in the plan."""
    _require_role(officer, STEP_ROLES, role_message)
    locked = _lock(dossier)
    _require_state(locked, {State.IN_PROGRESS})
    step = current_step(locked)
    if step is None or not _may_handle(officer, step):
        raise NotYourStep()
    index, _planned_step = _planned(locked, step.order)
    return locked, step, index


def _hand_over(
    dossier: Dossier, officer: User, *, action: str, offset: int, assignee: User | None, at: datetime | None
) -> Dossier:
    locked, step, index = _handled_step(
        dossier, officer, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được chuyển hồ sơ.")
    )
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
    finished_class = _finish_step(step, at)
    new_step = _open_step(locked, target, at=at, assignee=assignee)
    dossier_record_event(
        locked, action, to_state=State.IN_PROGRESS, actor=_officer_actor(officer, at),
        payload={"from_step": step.order, "from_step_classification": finished_class, **_step_payload(new_step),
                 "assignee": new_step.assignee_id},
    )  # fmt: skip
    return _done(dossier, locked)


@transaction.atomic
def dossier_forward(
    *, dossier: Dossier, officer: User, assignee: User | None = None, at: datetime | None = None
) -> Dossier:
    """The step's assignee or its agency's leader hands the dossier to the next step (possibly at
    another agency). Without `assignee`, a next step at the same agency stays with the same officer
    and one at another agency waits for that agency's leader to assign it."""
    return _hand_over(dossier, officer, action=Action.FORWARD, offset=1, assignee=assignee, at=at)


@transaction.atomic
def dossier_send_back(
    *, dossier: Dossier, officer: User, assignee: User | None = None, at: datetime | None = None
) -> Dossier:
    """The step's assignee or its agency's leader returns the dossier to the previous step (to the
    officer who handled it, unless another is named)."""
    return _hand_over(dossier, officer, action=Action.SEND_BACK, offset=-1, assignee=assignee, at=at)


# --- supplements ----------------------------------------------------------------------------------
def _check_document_ids(
    version: ProcedureVersion, ids: Sequence[int], field_name: str
) -> list[RequiredDocument]:
    try:
        return _check_documents(version, ids, field_name)
    except (TypeError, ValueError) as exc:
        message = _("Giấy tờ không hợp lệ.")
        raise InvalidInput(message, [FieldError(field_name, message)]) from exc


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier: Dossier,
    officer: User,
    documents: Sequence[int],
    reason: str,
    override_reason: str = "",
    at: datetime | None = None,
) -> SupplementRequest:
    """Ask the applicant for documents of the version's official list (form 02); the clock pauses.

    Who: the desk officer while the dossier is RECEIVED, or the current step's assignee. Each agency
    asks once (setting DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY); a leader of that agency may ask again,
    stating `override_reason`, which is recorded.
    """
    _require_role(
        officer, {Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER},
        _("Chỉ cán bộ một cửa hoặc cán bộ xử lý được yêu cầu bổ sung hồ sơ."),
    )  # fmt: skip
    locked = _lock(dossier)
    _require_state(locked, RUNNING)
    step = current_step(locked)
    assert step is not None
    not_yours = NotYourStep(_("Chỉ cán bộ được phân công xử lý bước hiện tại được yêu cầu bổ sung hồ sơ."))
    leader_only = False
    if locked.state == State.RECEIVED and _is_desk_of(officer, locked):
        agency_id = locked.receiving_agency_id
    elif step.assignee_id == officer.pk:
        agency_id = step.agency_id
    elif _is_leader_of(officer, step.agency_id):
        agency_id, leader_only = step.agency_id, True
    else:
        raise not_yours
    asked_before = locked.supplement_requests.filter(
        stage=SupplementRequest.Stage.PROCESSING, agency_id=agency_id
    ).exists()
    limited = asked_before and supplement_once_per_agency()
    if leader_only and not limited:  # a leader asks only to override the once-per-agency limit
        raise not_yours
    override = False
    if limited:
        if not _is_leader_of(officer, agency_id):
            raise AlreadyDone(
                _(
                    "Cơ quan đã yêu cầu bổ sung hồ sơ này một lần; yêu cầu lần nữa cần lãnh đạo cơ quan quyết định."
                )
            )
        override = True
    wanted = _check_document_ids(locked.procedure_version, documents, "documents")
    if not wanted:
        message = _("Chọn ít nhất một giấy tờ trong danh mục của thủ tục.")
        raise InvalidInput(_("Chọn các giấy tờ cần bổ sung."), [FieldError("documents", message)])
    text = _require_text(reason, "reason", _("Nêu rõ lý do yêu cầu bổ sung."))
    if override:
        why = _require_text(override_reason, "override_reason", _("Nêu lý do yêu cầu bổ sung thêm lần nữa."))
        text = f"{text}\n\n{_('Lý do yêu cầu bổ sung thêm lần nữa')}: {why}"
    at = at or timezone.now()
    note = _note(locked, officer, at, text)
    index = locked.supplement_requests.count() + 1
    request = SupplementRequest.objects.create(
        dossier=locked, number=form_number(locked.code, "HDHS", index), stage=SupplementRequest.Stage.PROCESSING,
        agency_id=agency_id, requested_by=officer, requested_at=at, reason=note,
    )  # fmt: skip
    SupplementItem.objects.bulk_create(
        SupplementItem(request=request, document=d, originals=d.originals, copies=d.copies) for d in wanted
    )
    DossierPause.objects.create(
        dossier=locked, kind=PauseReason.SUPPLEMENT, started_at=at, resume_state=locked.state,
        agency_id=agency_id, note=note, supplement_request=request,
    )  # fmt: skip
    dossier_record_event(
        locked, Action.REQUEST_SUPPLEMENT, to_state=State.AWAITING_SUPPLEMENT, actor=_officer_actor(officer, at),
        note=note, payload={"documents": [d.pk for d in wanted], "form": request.number, "step": step.order,
                            "requesting_agency": agency_id, "override": override, "paused_at": _iso(at)},
    )  # fmt: skip
    _notify(
        locked, "dossier_supplement_requested",
        {"reason": nfc(reason).strip(), "documents": "; ".join(d.name for d in wanted),
         "how": _("nộp tại Bộ phận tiếp nhận và trả kết quả của %(agency)s hoặc trực tuyến qua đường dẫn tra cứu")
         % {"agency": locked.receiving_agency.name}, "form": request.number},
    )  # fmt: skip
    _done(dossier, locked)
    return request


def _close_pause(dossier: Dossier, pause: DossierPause, at: datetime) -> dict[str, Any]:
    """End the pause at `at` and move the dossier's and the current step's due times."""
    pause.ended_at = max(at, pause.started_at)
    pause.save(update_fields=["ended_at"])
    _recompute_due(dossier)
    facts: dict[str, Any] = {"due_at": _iso(dossier.due_at)}
    step = current_step(dossier)
    if step is not None:
        step.due_at = _step_due(dossier, step)
        step.save(update_fields=["due_at"])
        facts.update(_step_payload(step))
    return facts


@transaction.atomic
def dossier_complete_supplement(
    *,
    dossier: Dossier,
    officer: User | None = None,
    documents: Sequence[DocumentIn] = (),
    at: datetime | None = None,
) -> Dossier:
    """The documents asked for are handed in: at the desk (`officer`, a desk officer of the receiving
    agency) or by the citizen online (`officer=None`; the caller has checked the dossier token). The
    clock restarts and the dossier goes back to the state it was in before the request."""
    if officer is not None:
        _require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa nhận giấy tờ bổ sung."))
        if not _is_desk_of(officer, dossier):
            raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận nhận giấy tờ bổ sung."))
    locked = _lock(dossier)
    _require_state(locked, {State.AWAITING_SUPPLEMENT})
    pause = _open_pause(locked)
    assert pause is not None and pause.supplement_request is not None
    request = pause.supplement_request
    asked = set(request.items.values_list("document_id", flat=True))
    if outside := [d.document_id for d in documents if d.document_id not in asked]:
        names = list(RequiredDocument.objects.filter(pk__in=outside).values_list("name", flat=True))
        raise NotOnOfficialList("documents", names or [_("giấy tờ không xác định")])
    at = at or timezone.now()
    for item in documents:
        row, _created = DossierDocument.objects.get_or_create(dossier=locked, document_id=item.document_id)
        row.originals += max(item.originals, 0)
        row.copies += max(item.copies, 0)
        if item.scan:
            row.scan = item.scan
        row.save()
    request.completed_at = at
    request.save(update_fields=["completed_at"])
    facts = _close_pause(locked, pause, at)
    actor = _officer_actor(officer, at) if officer is not None else Actor(ActorKind.CITIZEN, at)
    dossier_record_event(
        locked, Action.COMPLETE_SUPPLEMENT, to_state=pause.resume_state, actor=actor,
        payload={"form": request.number, "documents": [d.document_id for d in documents], **facts},
    )  # fmt: skip
    return _done(dossier, locked)


# --- other pauses ---------------------------------------------------------------------------------
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
    step = current_step(locked)
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
    if not _may_handle(officer, current_step(locked)):
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
    if officer.agency_id is None or not locked.steps.filter(agency_id=officer.agency_id).exists():
        raise NotYourStep(_("Chỉ lãnh đạo cơ quan để chậm giải quyết hồ sơ được xin lỗi, hẹn lại."))
    if locked.rescheduled_due_at is not None or locked.events.filter(action=Action.APOLOGISE).exists():
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


# --- result, return, stop, withdraw ---------------------------------------------------------------
@transaction.atomic
def dossier_mark_ready(
    *, dossier: Dossier, officer: User, result_file: Any = None, at: datetime | None = None
) -> Dossier:
    """The last step's assignee or leader records the result: the dossier is finished and its
    classification frozen (CONTRACTS §2). `result_file` (optional; PDF / JPEG / PNG checked by
    content like online uploads) is kept as the electronic result — on the online record, which is
    flagged `electronic_result`, or on the dossier — for the citizen to download with the token."""
    from motcua.dossiers import online  # cyclic import

    locked, step, index = _handled_step(
        dossier, officer, _("Chỉ cán bộ xử lý hoặc lãnh đạo cơ quan được ghi nhận kết quả.")
    )
    if index != len(process_plan(locked.procedure_version)) - 1:
        raise NotLastStep()
    extension = online.result_check(result_file) if result_file is not None else ""
    at = at or timezone.now()
    step_class = _finish_step(step, at)
    if locked.finished_at is None:
        locked.finished_at = at
        locked.classification = dossier_classify(locked, at)
    payload: dict[str, Any] = {
        "step": step.order, "step_classification": step_class, "classification": locked.classification,
        "supplement_requests": processing_supplement_count(locked),
    }  # fmt: skip
    if result_file is not None:
        online.result_store(locked, result_file, extension, at=at)
        payload["result_file"] = True  # a fact only: never the file's name or content
    dossier_record_event(
        locked, Action.MARK_READY, to_state=State.RESULT_READY, actor=_officer_actor(officer, at),
        payload=payload,
    )  # fmt: skip
    _notify(locked, "dossier_result_ready", {})
    return _done(dossier, locked)


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
    from motcua.dossiers import online  # cyclic import

    _require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa được trả kết quả."))
    if not _is_desk_of(officer, dossier):
        raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận được trả kết quả."))
    locked = _lock(dossier)
    _require_state(locked, {State.RESULT_READY})
    errors: list[FieldError] = []
    has_file = online.has_result_file(locked)
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
        _note(locked, officer, at, _("Người nhận kết quả: %(name)s") % {"name": nfc(received_by).strip()})
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
        locked, Action.RETURN_RESULT, to_state=State.RETURNED, actor=_officer_actor(officer, at), note=note,
        payload=payload,
    )  # fmt: skip
    _notify(locked, "dossier_returned", {"date": timezone.localtime(at).strftime("%d/%m/%Y")})
    return _done(dossier, locked)


def _terminate(dossier: Dossier, at: datetime) -> None:
    """Close what is open when processing ends without a result: the pause, the step."""
    pause = _open_pause(dossier)
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        pause.save(update_fields=["ended_at"])
    step = current_step(dossier)
    if step is not None:
        _finish_step(step, at, classified=False)
    if dossier.finished_at is None:
        dossier.finished_at = at


@transaction.atomic
def dossier_stop(*, dossier: Dossier, officer: User, reason: str, at: datetime | None = None) -> Dossier:
    """Form 05: a leader (of the agency holding the current step, or of the receiving agency) stops
    processing, with the reason. Stopped dossiers are counted apart, never early / on time / late."""
    _require_role(officer, {Role.LEADER}, _("Chỉ lãnh đạo cơ quan được dừng giải quyết hồ sơ."))
    locked = _lock(dossier)
    _require_state(locked, OPEN_STATES)
    step = current_step(locked)
    if not (
        _is_leader_of(officer, locked.receiving_agency_id)
        or (step and _is_leader_of(officer, step.agency_id))
    ):
        raise NotYourStep(
            _("Chỉ lãnh đạo cơ quan đang giải quyết hoặc cơ quan tiếp nhận được dừng giải quyết.")
        )
    text = _require_text(reason, "reason", _("Nêu rõ lý do dừng giải quyết."))
    at = at or timezone.now()
    note = _note(locked, officer, at, text)
    _terminate(locked, at)
    dossier_record_event(
        locked, Action.STOP, to_state=State.STOPPED, actor=_officer_actor(officer, at), note=note,
        payload={"form": form_number(locked.code, "DGQ"), "step": step.order if step else None},
    )  # fmt: skip
    _notify(locked, "dossier_stopped", {"reason": text})
    return _done(dossier, locked)


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
        _require_role(officer, {Role.DESK_OFFICER}, _("Chỉ cán bộ một cửa nhận đơn rút hồ sơ."))
        assert officer is not None
        if not _is_desk_of(officer, dossier):
            raise PermissionDenied(_("Chỉ cán bộ một cửa của cơ quan tiếp nhận nhận đơn rút hồ sơ."))
    elif actor_kind not in (ActorKind.CITIZEN, ActorKind.SYSTEM):
        raise PermissionDenied(_("Không được rút hồ sơ này."))
    locked = _lock(dossier)
    if actor_kind == ActorKind.OFFICER:
        _require_state(locked, WITHDRAWABLE)
    elif actor_kind == ActorKind.CITIZEN:
        _require_state(locked, {State.SUBMITTED, State.GUIDED})
    else:
        _require_state(locked, {State.GUIDED})
    if locked.state == State.GUIDED and locked.channel != Channel.ONLINE:
        raise Conflict(_("Hồ sơ đã hướng dẫn tại quầy đã kết thúc; không có gì để rút."))
    at = at or timezone.now()
    note = None
    if actor_kind == ActorKind.OFFICER:
        text = _require_text(reason, "reason", _("Ghi số, ngày của đơn đề nghị rút hồ sơ."))
        note = _note(locked, officer, at, text)
    _terminate(locked, at)
    actor = _officer_actor(officer, at) if officer is not None else Actor(actor_kind, at)
    dossier_record_event(
        locked, Action.WITHDRAW, to_state=State.WITHDRAWN, actor=actor, note=note,
        payload={"by": actor_kind},
    )  # fmt: skip
    return _done(dossier, locked)


__all__ = [
    "AlreadyDone",
    "NotLastStep",
    "NotYourStep",
    "PlannedStep",
    "classify",
    "current_step",
    "dossier_apologise",
    "dossier_assign",
    "dossier_classify",
    "dossier_complete_supplement",
    "dossier_due_at_now",
    "dossier_forward",
    "dossier_mark_ready",
    "dossier_pause",
    "dossier_processing_start",
    "dossier_request_supplement",
    "dossier_resume",
    "dossier_return_result",
    "dossier_send_back",
    "dossier_stop",
    "dossier_withdraw",
    "process_plan",
]
