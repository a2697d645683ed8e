"""The dispatch table of dossier actions (CONTRACTS §4): one entry per action name, shared by the API
(`POST /api/v1/dossiers/<code>/actions/<action>`) and the back-office dossier page.

An entry (`ActionSpec`) names the use case, says who may ever attempt it — staff with one of
`roles`, the citizen holding the dossier token (`citizen`), or both — and how a request body (a
loose dict: JSON, or a form's fields) becomes the use case's keyword arguments. `run_action` checks
in the order of CONTRACTS §5 (the caller has already answered 401 and 404):

* a role that can never do the action → `PermissionDenied` (403);
* the body is parsed; when it cannot be, the state and the step are checked first, so a dossier in
  the wrong state answers 409 whatever was sent, and only then the input → `InvalidInput` (422);
* otherwise the use case runs and makes the authoritative checks itself (403 → 409 → 422).

Adding an action is adding an entry with `register(ActionSpec(...))`: the desk's check of an online
dossier (`receive`, `guide`, `refuse`), the citizen's `resubmit`, or a citizen variant of an
existing action (`citizen_variant("withdraw", parse=…, actor_kind=ActorKind.CITIZEN)`), which keeps
the staff side of the entry and adds the citizen's. One entry goes beyond §4's list:
`designate_fault`, the supervisor's choice of the agency at fault that §4's `apologise` row names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core import calendar
from motcua.core.bounds import MAX_ID, has_nul
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import InstantOutOfRange, parse_instant
from motcua.dossiers import intake, online, processing, rules
from motcua.dossiers.exceptions import NotYourStep, WrongState
from motcua.dossiers.files import DocumentIn, upload_stored, uploads_check
from motcua.dossiers.models import (
    OPEN,
    RUNNING,
    WITHDRAWABLE,
    ActorKind,
    Dossier,
    DossierStep,
    PauseReason,
    State,
)
from motcua.dossiers.rules import FORWARD_ROLES, STEP_ROLES

Body = Mapping[str, Any]
Parser = Callable[[Dossier, Body], dict[str, Any]]
Eligible = Callable[[Dossier, User], bool]


def _always(dossier: Dossier, user: User) -> bool:
    return True


@dataclass(frozen=True)
class ActionSpec:
    """One action of CONTRACTS §4 and how to run it.

    `roles`: the staff roles that may ever attempt it (empty: staff never may).
    `citizen`: the citizen holding the dossier token may attempt it; `citizen_parse` (default
    `parse`) reads their body and `citizen_kwargs` are added to the call (e.g. the actor kind).
    `states`: the states it starts from. `eligible(dossier, user)`: whether this officer is the one
    who may act now (the step's assignee, the agency's leader …) — for the page's forms and for the
    409 that precedes a 422.
    """

    name: str
    label: Any
    service: Callable[..., Any]
    parse: Parser
    states: frozenset[str]
    roles: frozenset[Role] = frozenset()
    eligible: Eligible = _always
    citizen: bool = False
    citizen_parse: Parser | None = None
    citizen_kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def accepts_staff(self) -> bool:
        return bool(self.roles)

    @property
    def accepts_citizen(self) -> bool:
        return self.citizen


ACTIONS: dict[str, ActionSpec] = {}


def register(spec: ActionSpec) -> ActionSpec:
    ACTIONS[spec.name] = spec
    return spec


def citizen_variant(name: str, *, parse: Parser | None = None, **kwargs: Any) -> ActionSpec:
    """Let the citizen (dossier token) attempt the existing action `name` too; `kwargs` are passed
    to the use case on their behalf (e.g. `actor_kind=ActorKind.CITIZEN`)."""
    return register(replace(ACTIONS[name], citizen=True, citizen_parse=parse, citizen_kwargs=kwargs))


def staff_roles() -> frozenset[Role]:
    """Every staff role that some action accepts (the pages' and the API route's allowed roles)."""
    roles: frozenset[Role] = frozenset()
    for spec in ACTIONS.values():
        roles |= spec.roles
    return roles


# --- reading a body ----------------------------------------------------------------------------------
class _Errors:
    """Collects field errors while a parser reads the body, so that one 422 names them all."""

    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, name: str, message: str) -> None:
        self.items.append(FieldError(name, message))

    def raise_if_any(self, message: str = "") -> None:
        if self.items:
            raise InvalidInput(message or _("Dữ liệu gửi lên không hợp lệ."), self.items)


def _text(body: Body, name: str, errors: _Errors, *, limit: int = 2000) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        errors.add(name, _("Phải là một chuỗi ký tự."))
        return ""
    if len(value) > limit:
        errors.add(name, _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": limit})
        return ""
    if has_nul(value):
        errors.add(name, _("Không được chứa ký tự NUL."))
        return ""
    return value


def _integer(value: Any) -> int | None:
    """A whole number 0 … 2⁶³ − 1 (a row id or a count; ASCII digits when a string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
        return int(value)
    return None


def _id_list(body: Body, name: str, errors: _Errors) -> list[int]:
    value = body.get(name)
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        value = [value]
    ids = []
    for item in value:
        number = _integer(item)
        if number is None:
            errors.add(name, _("Chọn giấy tờ theo mã số trong danh mục thành phần hồ sơ."))
            return []
        ids.append(number)
    return ids


def _officer(body: Body, name: str, errors: _Errors, *, required: bool) -> User | None:
    """An officer named by username (as `GET dossiers/<code>` shows it) or by numeric id."""
    value = body.get(name)
    if isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    if value in (None, ""):
        if required:
            errors.add(name, _("Chọn cán bộ xử lý."))
        return None
    users = User.objects.select_related("agency")
    number = _integer(value)
    user = None
    if number is not None:
        user = users.filter(pk=number).first()
    if user is None and isinstance(value, str) and not has_nul(value):
        user = users.filter(username=value.strip()[:150]).first()
    if user is None:
        errors.add(name, _("Không có cán bộ này."))
    return user


def _instant(body: Body, name: str, errors: _Errors) -> datetime | None:
    """ISO 8601; without an offset Vietnam time; a date alone means 00:00 that day (CONTRACTS §1)."""
    raw = _text(body, name, errors, limit=40).strip()
    if not raw:
        errors.add(name, _("Nhập ngày giờ."))
        return None
    try:
        return parse_instant(raw)
    except InstantOutOfRange:
        errors.add(
            name,
            _("Năm phải trong khoảng %(first)s–%(last)s.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR},
        )
    except ValueError:
        errors.add(name, _("Thời điểm không hợp lệ (ví dụ 2026-03-20T16:00 hoặc 20/03/2026 16:00)."))
    return None


def _body_fields(body: Body) -> None:
    """Reject a body that is not a dict (the callers pass anything JSON could hold)."""
    if not isinstance(body, Mapping):
        raise InvalidInput(
            _("Nội dung gửi lên phải là một đối tượng JSON."),
            [FieldError("__all__", _("Phải là đối tượng."))],
        )


def parse_nothing(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    return {}


def parse_assign(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    assignee = _officer(body, "assignee", errors, required=True)
    errors.raise_if_any(_("Chọn cán bộ xử lý."))
    return {"assignee": assignee}


def parse_hand_over(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    assignee = _officer(body, "assignee", errors, required=False)
    errors.raise_if_any()
    return {"assignee": assignee}


def parse_request_supplement(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    documents = _id_list(body, "documents", errors)
    reason = _text(body, "reason", errors)
    override = _text(body, "override_reason", errors)
    errors.raise_if_any(_("Chưa gửi được yêu cầu bổ sung: kiểm tra các trường được đánh dấu."))
    return {"documents": documents, "reason": reason, "override_reason": override}


def _asked(dossier: Dossier) -> dict[int, tuple[int, int]]:
    request = (
        dossier.supplement_requests.filter(completed_at__isnull=True).order_by("-requested_at", "-pk").first()
    )
    if request is None:
        return {}
    return {i.document_id: (i.originals, i.copies) for i in request.items.all()}


def parse_complete_supplement(dossier: Dossier, body: Body) -> dict[str, Any]:
    """`documents`: ids (handed in with the counts asked for) or `{"document", "originals", "copies"}`."""
    _body_fields(body)
    errors = _Errors()
    raw = body.get("documents")
    if raw in (None, ""):
        raw = []
    if not isinstance(raw, list | tuple):
        raw = [raw]
    asked = _asked(dossier)
    handed: list[DocumentIn] = []
    for item in raw:
        if isinstance(item, Mapping):
            document = _integer(item.get("document"))
            originals = _integer(item.get("originals", 0))
            copies = _integer(item.get("copies", 0))
            if document is None or originals is None or copies is None or originals > 99 or copies > 99:
                errors.add("documents", _("Mỗi giấy tờ gồm mã giấy tờ và số bản chính, bản sao (0–99)."))
                break
            handed.append(DocumentIn(document, originals=originals, copies=copies))
            continue
        document = _integer(item)
        if document is None:
            errors.add("documents", _("Chọn giấy tờ theo mã số trong danh mục thành phần hồ sơ."))
            break
        originals, copies = asked.get(document, (0, 0))
        handed.append(DocumentIn(document, originals=originals, copies=copies))
    errors.raise_if_any()
    return {"documents": handed}


def parse_pause(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    kind = _text(body, "kind", errors, limit=40).strip().upper()
    reason = _text(body, "reason", errors)
    if not kind:
        errors.add("kind", _("Chọn lý do tạm dừng tính thời hạn."))
    errors.raise_if_any(_("Chưa tạm dừng được: kiểm tra các trường được đánh dấu."))
    return {"kind": kind, "reason": reason}


def parse_apologise(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    reason = _text(body, "reason", errors)
    when = _instant(body, "rescheduled_due_at", errors)
    errors.raise_if_any(_("Chưa lưu được văn bản xin lỗi: kiểm tra các trường được đánh dấu."))
    return {"reason": reason, "rescheduled_due_at": when}


def parse_designate_fault(dossier: Dossier, body: Body) -> dict[str, Any]:
    """`agency`: the agency's identifier code (as `GET dossiers/<code>` shows the steps) or its id."""
    _body_fields(body)
    errors = _Errors()
    raw = _text(body, "agency", errors, limit=60).strip()
    reason = _text(body, "reason", errors)
    agency = None
    if not raw:
        errors.add("agency", _("Chọn cơ quan để chậm."))
    else:
        number = _integer(raw)
        agency = Agency.objects.filter(pk=number).first() if number is not None else None
        agency = agency or Agency.objects.filter(code__iexact=raw).first()
        if agency is None:
            errors.add("agency", _("Không có cơ quan này."))
    errors.raise_if_any(_("Chưa xác định được cơ quan để chậm: kiểm tra các trường được đánh dấu."))
    return {"agency": agency, "reason": reason}


def parse_mark_ready(dossier: Dossier, body: Body) -> dict[str, Any]:
    """`result_file` (optional): an uploaded file (the back-office form, multipart) or its content
    in base64 (a JSON body). Its content (PDF / JPEG / PNG) is checked by the use case."""
    import base64
    import binascii

    from django.core.files.base import ContentFile

    _body_fields(body)
    raw = body.get("result_file")
    if isinstance(raw, list | tuple) and len(raw) == 1:
        raw = raw[0]
    if raw in (None, ""):
        return {}
    if hasattr(raw, "read") and hasattr(raw, "seek"):
        return {"result_file": raw}
    errors = _Errors()
    if not isinstance(raw, str):
        errors.add("result_file", _("Gửi tệp kết quả dạng chuỗi base64."))
    else:
        try:
            return {"result_file": ContentFile(base64.b64decode(raw, validate=True), name="ket-qua")}
        except (binascii.Error, ValueError):
            errors.add("result_file", _("Nội dung tệp không phải base64 hợp lệ."))
    errors.raise_if_any(_("Tệp kết quả chưa hợp lệ."))
    return {}


# "ELECTRONIC" (CONTRACTS §4: desk, post, electronic) is the ONLINE return method.
RETURN_METHOD_ALIASES = {"ELECTRONIC": "ONLINE"}


def parse_return_result(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    method = _text(body, "method", errors, limit=20).strip().upper()
    method = RETURN_METHOD_ALIASES.get(method, method)
    tracking = _text(body, "tracking_number", errors, limit=50)
    received_by = _text(body, "received_by", errors, limit=255)
    errors.raise_if_any()
    return {"method": method, "tracking_number": tracking, "received_by": received_by}


def parse_reason(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    reason = _text(body, "reason", errors)
    errors.raise_if_any()
    return {"reason": reason}


# --- who may act now (mirrors the use cases' 409 checks; they stay authoritative) -------------------
def _step(dossier: Dossier) -> DossierStep | None:
    cached = getattr(dossier, "_actions_step", False)
    if cached is False:
        cached = processing.current_step(dossier)
        dossier._actions_step = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


def _plan_index(dossier: Dossier, step: DossierStep) -> tuple[int, int]:
    plan = processing.process_plan(dossier.procedure_version)
    orders = [p.order for p in plan]
    return (orders.index(step.order) if step.order in orders else -1), len(plan)


def _handles(dossier: Dossier, user: User) -> bool:
    return rules.is_handler_of(user, _step(dossier))


def _may_assign(dossier: Dossier, user: User) -> bool:
    step = _step(dossier)
    return step is not None and rules.is_leader_of(user, step.agency_id)


def _may_forward(dossier: Dossier, user: User) -> bool:
    step = _step(dossier)
    if step is None or not rules.may_forward(user, dossier, step):
        return False
    index, count = _plan_index(dossier, step)
    return 0 <= index < count - 1


def _may_send_back(dossier: Dossier, user: User) -> bool:
    step = _step(dossier)
    return step is not None and _handles(dossier, user) and _plan_index(dossier, step)[0] > 0


def _may_mark_ready(dossier: Dossier, user: User) -> bool:
    step = _step(dossier)
    if step is None or not _handles(dossier, user):
        return False
    index, count = _plan_index(dossier, step)
    return index == count - 1


def needs_override(dossier: Dossier, user: User) -> bool:
    """A leader asking again for their agency: the once-per-agency limit needs a stated reason (as
    `dossier_request_supplement` decides it)."""
    asker = rules.supplement_asker(user, dossier, _step(dossier))
    if asker is None or not rules.supplement_once_per_agency():
        return False
    agency_id, _leader_only = asker
    return rules.is_leader_of(user, agency_id) and rules.asked_before(dossier, agency_id)


def _may_request_supplement(dossier: Dossier, user: User) -> bool:
    asker = rules.supplement_asker(user, dossier, _step(dossier))
    return asker is not None and (not asker[1] or needs_override(dossier, user))


def _pause_kinds(dossier: Dossier) -> list[str]:
    return [k for k in dossier.procedure_version.pause_kinds or [] if k != PauseReason.SUPPLEMENT]


def _may_pause(dossier: Dossier, user: User) -> bool:
    return _handles(dossier, user) and bool(_pause_kinds(dossier))


def _may_apologise(dossier: Dossier, user: User) -> bool:
    if user.agency_id is None or rules.apologised(dossier):
        return False
    return processing.agency_at_fault(dossier, at=timezone.now()) == user.agency_id


def _may_designate_fault(dossier: Dossier, user: User) -> bool:
    return not rules.apologised(dossier)


def _may_stop(dossier: Dossier, user: User) -> bool:
    return rules.may_stop(user, dossier, _step(dossier))


def _may_withdraw(dossier: Dossier, user: User) -> bool:
    return rules.may_withdraw(user, dossier)


def _desk(dossier: Dossier, user: User) -> bool:
    return rules.is_desk_of(user, dossier)


register(ActionSpec(
    "assign", gettext_lazy("Phân công xử lý"), processing.dossier_assign, parse_assign,
    RUNNING, frozenset({Role.LEADER}), _may_assign,
))  # fmt: skip
register(ActionSpec(
    "forward", gettext_lazy("Chuyển bước tiếp theo"), processing.dossier_forward, parse_hand_over,
    RUNNING, FORWARD_ROLES, _may_forward,
))  # fmt: skip
register(ActionSpec(
    "send_back", gettext_lazy("Chuyển lại bước trước"), processing.dossier_send_back, parse_hand_over,
    frozenset({State.IN_PROGRESS}), STEP_ROLES, _may_send_back,
))  # fmt: skip
register(ActionSpec(
    "request_supplement", gettext_lazy("Yêu cầu bổ sung hồ sơ"), processing.dossier_request_supplement,
    parse_request_supplement, RUNNING, frozenset({Role.DESK_OFFICER, *STEP_ROLES}), _may_request_supplement,
))  # fmt: skip
register(ActionSpec(
    "complete_supplement", gettext_lazy("Nhận hồ sơ bổ sung"), processing.dossier_complete_supplement,
    parse_complete_supplement, frozenset({State.AWAITING_SUPPLEMENT}), frozenset({Role.DESK_OFFICER}), _desk,
))  # fmt: skip
register(ActionSpec(
    "pause", gettext_lazy("Tạm dừng tính thời hạn"), processing.dossier_pause, parse_pause,
    RUNNING, STEP_ROLES, _may_pause,
))  # fmt: skip
register(ActionSpec(
    "resume", gettext_lazy("Tiếp tục tính thời hạn"), processing.dossier_resume, parse_nothing,
    frozenset({State.PAUSED}), STEP_ROLES, _handles,
))  # fmt: skip
register(ActionSpec(
    "apologise", gettext_lazy("Xin lỗi, hẹn lại ngày trả kết quả"), processing.dossier_apologise,
    parse_apologise, OPEN, frozenset({Role.LEADER}), _may_apologise,
))  # fmt: skip
register(ActionSpec(
    "designate_fault", gettext_lazy("Xác định cơ quan để chậm (ký văn bản xin lỗi)"),
    processing.dossier_designate_fault, parse_designate_fault, OPEN, frozenset({Role.SUPERVISOR}),
    _may_designate_fault,
))  # fmt: skip
register(ActionSpec(
    "mark_ready", gettext_lazy("Ghi nhận có kết quả"), processing.dossier_mark_ready, parse_mark_ready,
    frozenset({State.IN_PROGRESS}), STEP_ROLES, _may_mark_ready,
))  # fmt: skip
register(ActionSpec(
    "return_result", gettext_lazy("Trả kết quả"), processing.dossier_return_result, parse_return_result,
    frozenset({State.RESULT_READY}), frozenset({Role.DESK_OFFICER}), _desk,
))  # fmt: skip
register(ActionSpec(
    "stop", gettext_lazy("Dừng giải quyết hồ sơ"), processing.dossier_stop, parse_reason,
    OPEN, frozenset({Role.LEADER}), _may_stop,
))  # fmt: skip
register(ActionSpec(
    "withdraw", gettext_lazy("Rút hồ sơ theo đề nghị của người nộp"), processing.dossier_withdraw, parse_reason,
    WITHDRAWABLE, frozenset({Role.DESK_OFFICER}), _may_withdraw,
))  # fmt: skip


# --- running and listing ---------------------------------------------------------------------------
def _precheck(spec: ActionSpec, dossier: Dossier, user: User | None) -> None:
    """The 409s that must precede a 422 of the body: wrong state, not this officer's turn."""
    if dossier.state not in spec.states:
        raise WrongState.of(dossier.state)
    if user is not None and not spec.eligible(dossier, user):
        raise NotYourStep(_("Ông/bà không phải là người thực hiện thao tác này ở bước hiện tại."))


def run_action(spec: ActionSpec, *, dossier: Dossier, officer: User | None, body: Any) -> Dossier:
    """Run `spec` on a dossier the caller may see: `officer` for staff, None for the citizen whose
    dossier token the caller has checked. Returns the dossier as it is after the action."""
    if officer is None:
        if not spec.citizen:
            raise PermissionDenied(_("Công dân không thực hiện được thao tác này."))
        parse = spec.citizen_parse or spec.parse
        extra: dict[str, Any] = dict(spec.citizen_kwargs)
    else:
        if not officer.roles & spec.roles:
            raise PermissionDenied(_("Vai trò của ông/bà không thực hiện được thao tác này."))
        parse = spec.parse
        extra = {"officer": officer}
    try:
        kwargs = parse(dossier, body)
    except InvalidInput:
        dossier.refresh_from_db()
        dossier.__dict__.pop("_actions_step", None)
        _precheck(spec, dossier, officer)
        raise
    spec.service(dossier=dossier, **kwargs, **extra)
    dossier.refresh_from_db()
    dossier.__dict__.pop("_actions_step", None)
    return dossier


def available_actions(dossier: Dossier, user: User) -> list[str]:
    """The actions `user` could attempt on `dossier` now (for the page's forms), in table order."""
    if not user.is_authenticated:
        return []
    return [
        name
        for name, spec in ACTIONS.items()
        if user.roles & spec.roles and dossier.state in spec.states and spec.eligible(dossier, user)
    ]


def pause_kinds(dossier: Dossier) -> list[tuple[str, str]]:
    """The pause kinds the dossier's version allows, with their labels."""
    return [(k, str(PauseReason(k).label)) for k in _pause_kinds(dossier) if k in PauseReason.values]


def step_staff(agency_id: int | None) -> list[User]:
    """Active specialists and leaders of an agency: whom a step there may be given to."""
    if agency_id is None:
        return []
    groups = [g for r, g in GROUP_NAMES.items() if r in STEP_ROLES]
    return list(
        User.objects.filter(agency_id=agency_id, is_active=True, groups__name__in=groups)
        .distinct()
        .order_by("full_name", "username")
    )


def next_step_agency(dossier: Dossier, offset: int) -> int | None:
    """The agency of the step `offset` away from the current one (the receiving agency when the
    version leaves it empty), or None when there is none."""
    step = _step(dossier)
    if step is None:
        return None
    plan = processing.process_plan(dossier.procedure_version)
    index, _count = _plan_index(dossier, step)
    if index < 0 or not 0 <= index + offset < len(plan):
        return None
    return plan[index + offset].agency_id or dossier.receiving_agency_id


__all__ = [
    "ACTIONS",
    "ActionSpec",
    "available_actions",
    "citizen_variant",
    "needs_override",
    "next_step_agency",
    "pause_kinds",
    "register",
    "run_action",
    "staff_roles",
    "step_staff",
]


# --- online submission (motcua.dossiers.online): the desk's check and the citizen's actions ----------
def parse_guide(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    documents = _id_list(body, "documents", errors)
    reason = _text(body, "reason", errors)
    errors.raise_if_any(_("Chưa hướng dẫn bổ sung được: kiểm tra các trường được đánh dấu."))
    return {"documents": documents, "reason": reason}


def _uploads(body: Body, errors: _Errors) -> dict[int, Any]:
    """`files`: {"<document id>": "<base64 content>"} — JSON bodies carry the citizen's uploads."""
    import base64
    import binascii

    from django.core.files.base import ContentFile

    raw = body.get("files")
    if raw in (None, ""):
        return {}
    if not isinstance(raw, Mapping):
        errors.add("files", _('Gửi tệp dạng {"<mã giấy tờ>": "<nội dung base64>"}.'))
        return {}
    files: dict[int, Any] = {}
    for key, value in raw.items():
        number = _integer(key)
        if number is None or not isinstance(value, str):
            errors.add("files", _('Gửi tệp dạng {"<mã giấy tờ>": "<nội dung base64>"}.'))
            return {}
        try:
            files[number] = ContentFile(base64.b64decode(value, validate=True), name=f"document-{number}")
        except (binascii.Error, ValueError):
            errors.add(f"document_{number}", _("Nội dung tệp không phải base64 hợp lệ."))
    return files


def parse_resubmit(dossier: Dossier, body: Body) -> dict[str, Any]:
    _body_fields(body)
    errors = _Errors()
    files = _uploads(body, errors)
    errors.raise_if_any()
    return {"files": files}


def parse_citizen_supplement(dossier: Dossier, body: Body) -> dict[str, Any]:
    """The citizen's uploads, checked by content (PDF / JPEG / PNG) and size like an online submission."""
    _body_fields(body)
    errors = _Errors()
    files = _uploads(body, errors)
    errors.raise_if_any()
    if not files:
        raise InvalidInput(
            _("Tải lên ít nhất một giấy tờ được yêu cầu bổ sung."),
            [FieldError("files", _("Tải lên ít nhất một giấy tờ được yêu cầu bổ sung."))],
        )
    extensions = uploads_check(files)
    return {
        "documents": [
            DocumentIn(i, scan=upload_stored(dossier, i, f, extensions[i], "bs")) for i, f in files.items()
        ]
    }


def _may_guide(dossier: Dossier, user: User) -> bool:
    return rules.may_guide_online(user, dossier)


def _register_online() -> None:
    submitted = frozenset({State.SUBMITTED})
    desk = frozenset({Role.DESK_OFFICER})
    register(ActionSpec(
        "receive", gettext_lazy("Tiếp nhận hồ sơ"), intake.dossier_receive, parse_nothing,
        submitted, desk, _desk,
    ))  # fmt: skip
    register(ActionSpec(
        "guide", gettext_lazy("Hướng dẫn bổ sung, hoàn thiện hồ sơ"), intake.dossier_guide, parse_guide,
        submitted, desk, _may_guide,
    ))  # fmt: skip
    register(ActionSpec(
        "refuse", gettext_lazy("Từ chối tiếp nhận hồ sơ"), intake.dossier_refuse, parse_reason,
        submitted, desk, _desk,
    ))  # fmt: skip
    register(ActionSpec(
        "resubmit", gettext_lazy("Nộp lại hồ sơ"), online.dossier_resubmit, parse_resubmit,
        frozenset({State.GUIDED}), citizen=True,
    ))  # fmt: skip
    citizen_variant("complete_supplement", parse=parse_citizen_supplement)
    citizen_variant("withdraw", parse=parse_nothing, actor_kind=ActorKind.CITIZEN)


_register_online()
