"""Dossiers for staff: desk and postal intake, and one dossier's record (CONTRACTS §7).

Refusals follow CONTRACTS §5. `POST /dossiers` has no object, so its order is 401 → 403 → 422:
the body is read and validated inside the view, after the role check, so a caller who may never
take dossiers hears 403 whatever they sent.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from motcua.accounts.access import require_role
from motcua.accounts.models import User
from motcua.accounts.roles import CASE_ROLES, Role
from motcua.api.auth import api_user, staff_token
from motcua.api.schemas import NO_NUL, REFUSALS, Count, ErrorOut, Id, Instant, Text, inline_schema
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.http import client_address
from motcua.core.instants import iso, vietnam_time
from motcua.dossiers import online as online_service
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, FaultDesignation
from motcua.dossiers.processing import dossier_due_at_now
from motcua.dossiers.selectors import dossier_get_visible, dossier_personal_data_visible, masked_name
from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake, dossier_public_url

router = Router(tags=["Hồ sơ"])

MAX_DOCUMENTS = 100
REASON_MAX = 2000
IDEMPOTENCY_KEY = r"^([A-Za-z0-9_-]{8,64})?$"

INTAKE_ROLES = frozenset({Role.DESK_OFFICER})
READ_ROLES = CASE_ROLES | {Role.LOCALITY_LEADER}  # the locality leader: read only, no personal data


# --- intake ---------------------------------------------------------------------------------------
def _length(name: str) -> int:
    """The stored length of a `Dossier` field: the API bound and the model's column agree."""
    return int(Dossier._meta.get_field(name).max_length or 0)


class AddressIn(Schema):
    province: Text(_length("applicant_province")) | None = ""
    district: Text(_length("applicant_district")) | None = ""
    commune: Text(_length("applicant_commune")) | None = ""
    street: Text(_length("applicant_street")) | None = ""


class ApplicantIn(Schema):
    kind: Text(20) | None = ""
    name: Text(_length("applicant_name")) | None = ""
    id_number: Text(20) | None = ""
    tax_code: Text(20) | None = ""
    phone: Text(30) | None = ""
    email: Text(_length("applicant_email")) | None = ""
    address: AddressIn = AddressIn()


class DocumentCountIn(Schema):
    document: Id
    originals: Count = 0
    copies: Count = 0


class PostalIn(Schema):
    tracking_number: Text(_length("postal_tracking_number")) | None = ""
    delivered_at: Instant | None = None


class IntakeIn(Schema):
    procedure: Text(30)
    channel: Text(10)
    applicant: ApplicantIn
    documents: list[DocumentCountIn] = Field([], max_length=MAX_DOCUMENTS)
    return_method: Text(10) | None = ""
    postal: PostalIn | None = None
    outcome: Text(10)
    guide_documents: list[Id] = Field([], max_length=MAX_DOCUMENTS)
    reason: Text(REASON_MAX) | None = ""
    sets: int = Field(1, ge=1, le=99)


class IntakeOut(Schema):
    code: str
    status: str
    received_at: str | None
    due_at: str | None
    receipt_url: str | None


def _intake_body(request: HttpRequest) -> IntakeIn:
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(_("Nội dung JSON không hợp lệ.")) from None
    try:
        return IntakeIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None


# --- online submission (public) ------------------------------------------------------------------
class OnlineIn(Schema):
    procedure: Text(30)
    channel: str = Field(..., pattern=r"^\s*[Oo][Nn][Ll][Ii][Nn][Ee]\s*$", description="ONLINE")
    agency: Text(40) | None = ""
    applicant: ApplicantIn
    return_method: Text(10) | None = ""
    declaration: bool = False
    idempotency_key: str | None = Field("", pattern=IDEMPOTENCY_KEY)


class OnlineOut(IntakeOut):
    token: str | None = None
    url: str | None = None


_FORM_TEXT = {"type": "string", "pattern": NO_NUL}
ONLINE_MULTIPART_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Chỉ nộp trực tuyến (channel ONLINE): các trường như OnlineIn, tên lồng bằng dấu chấm "
    "(applicant.name …), và một tệp document_<mã giấy tờ> cho mỗi giấy tờ. Tiếp nhận tại quầy gửi JSON.",
    "required": [
        "channel",
        "procedure",
        "applicant.kind",
        "applicant.name",
        "applicant.phone",
        "declaration",
    ],
    "properties": {
        "channel": {"type": "string", "enum": ["ONLINE"]},
        "procedure": {**_FORM_TEXT, "maxLength": 30},
        "agency": {**_FORM_TEXT, "maxLength": 40},
        **{
            f"applicant.{name}": {**_FORM_TEXT, "maxLength": schema["maxLength"]}
            for name, schema in inline_schema(ApplicantIn)["properties"].items()
            if "maxLength" in schema
        },
        **{
            f"applicant.address.{name}": {**_FORM_TEXT, "maxLength": schema["maxLength"]}
            for name, schema in inline_schema(AddressIn)["properties"].items()
            if "maxLength" in schema
        },
        "return_method": {**_FORM_TEXT, "maxLength": 10},
        "declaration": {"type": "string", "enum": ["true", "on", "1"], "description": "cam đoan (bắt buộc)"},
        "idempotency_key": {"type": "string", "pattern": IDEMPOTENCY_KEY},
    },
    "patternProperties": {"^document_[0-9]+$": {"type": "string", "format": "binary"}},
}


def _nested(fields: dict[str, str]) -> dict[str, Any]:
    """Form fields `applicant.address.street` → {"applicant": {"address": {"street": ...}}}."""
    data: dict[str, Any] = {}
    for name, value in fields.items():
        target = data
        *parents, leaf = name.split(".")
        for parent in parents:
            child = target.setdefault(parent, {})
            if not isinstance(child, dict):
                break
            target = child
        else:
            target[leaf] = value
    return data


def _online_request(request: HttpRequest) -> tuple[dict[str, Any], dict[int, Any]] | None:
    """The body and files of an online submission, or None if this is not one (cached)."""
    if hasattr(request, "_motcua_online"):
        return request._motcua_online  # type: ignore[attr-defined, no-any-return]
    found: tuple[dict[str, Any], dict[int, Any]] | None = None
    data: Any = None
    files: dict[int, Any] = {}
    if request.content_type == "multipart/form-data":
        raw = request.POST.get("payload")
        try:
            data = json.loads(raw) if raw else _nested({k: request.POST.get(k, "") for k in request.POST})
        except ValueError:
            data = None
        for name in request.FILES:
            match = online_service.DOCUMENT_FIELD.fullmatch(name)
            uploads = request.FILES.getlist(name)
            if match is None or len(uploads) != 1:
                files[-1] = None  # reported as invalid input by the view
                continue
            files[int(match.group(1))] = uploads[0]
    elif request.content_type in ("application/json", ""):
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            data = None
    if isinstance(data, dict) and str(data.get("channel", "")).strip().upper() == "ONLINE":
        if "declaration" in data and isinstance(data["declaration"], str):
            data["declaration"] = data["declaration"].strip().lower() in {"1", "true", "on", "yes"}
        found = (data, files)
    request._motcua_online = found  # type: ignore[attr-defined]
    return found


def online_submitter(request: HttpRequest) -> str | None:
    """Authentication for the public online submission: no credentials, only the channel."""
    return "ONLINE" if _online_request(request) is not None else None


def _online_create(
    request: HttpRequest, data: dict[str, Any], files: dict[int, Any]
) -> Status[dict[str, Any]]:
    online_service.submit_throttle(client_address(request))
    if -1 in files:
        message = _("Mỗi giấy tờ gửi đúng một tệp, tên trường document_<mã giấy tờ>.")
        raise InvalidInput(message, [FieldError("documents", message)])
    try:
        body = OnlineIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None
    version, applicant = _version_and_applicant(body)
    method = (body.return_method or "").upper() or online_service.return_methods(version)[0]
    submitted = online_service.dossier_submit_online(
        procedure_version=version, applicant=applicant, files=files, return_method=method,
        declaration=body.declaration, agency_code=body.agency or "",
        idempotency_key=body.idempotency_key or request.headers.get("Idempotency-Key", ""),
    )  # fmt: skip
    dossier = submitted.dossier
    return Status(
        201 if submitted.created else 200,
        {
            "code": dossier.code,
            "status": dossier.state,
            "received_at": iso(dossier.received_at),
            "due_at": iso(dossier.due_at),
            "receipt_url": None,
            "token": dossier_token(dossier.code),
            "url": dossier_public_url(dossier),
        },
    )


def _version_and_applicant(body: Any) -> tuple[ProcedureVersion, Applicant]:
    """The version in force of the body's procedure and its applicant, shared by desk and online intake."""
    try:
        version = procedure_version_in_force(body.procedure.strip())
    except Http404:
        message = _("Không có thủ tục đang có hiệu lực với mã này.")
        raise InvalidInput(message, [FieldError("procedure", message)]) from None
    address = body.applicant.address
    applicant = Applicant(
        kind=body.applicant.kind or "", name=body.applicant.name or "", id_number=body.applicant.id_number or "",
        tax_code=body.applicant.tax_code or "", phone=body.applicant.phone or "", email=body.applicant.email or "",
        province=address.province or "", district=address.district or "", commune=address.commune or "",
        street=address.street or "",
    )  # fmt: skip
    return version, applicant


@router.post(
    "",
    response={200: OnlineOut, 201: OnlineOut, **REFUSALS, 429: ErrorOut},
    auth=[staff_token, online_submitter],
    exclude_unset=True,
    summary="Tiếp nhận hồ sơ tại quầy hoặc qua bưu chính",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"oneOf": [inline_schema(IntakeIn), inline_schema(OnlineIn)]}},
                "multipart/form-data": {"schema": ONLINE_MULTIPART_SCHEMA},
            },
        }
    },
)
def dossier_create(request: HttpRequest) -> Status[dict[str, Any]]:
    """The desk's intake with exactly one outcome: RECEIVE (form 01, the clock starts), GUIDE
    (form 02, documents only from the version's official list) or REFUSE (form 03, reason).

    Or a public online submission (`"channel": "ONLINE"`, no token needed, rate-limited per client):
    multipart with a JSON part `payload` (or the same fields as form fields, `applicant.name` …)
    and one file `document_<id>` per document of the version's list (PDF / JPEG / PNG by content);
    `agency` (the receiving agency's code) when the version lists several; `declaration: true`;
    `idempotency_key` (or the header `Idempotency-Key`) makes a retry answer the same dossier
    (200 instead of 201). The answer adds `"token"` and `"url"`, the citizen's link."""
    online = _online_request(request)
    if online is not None:
        return _online_create(request, *online)
    if not isinstance(request.auth, User):
        raise AuthenticationError()
    officer = api_user(request)
    require_role(officer, INTAKE_ROLES)
    if request.content_type == "multipart/form-data":
        message = _("Tiếp nhận tại quầy gửi nội dung JSON; chỉ nộp trực tuyến mới gửi tệp đính kèm.")
        raise InvalidInput(message, [FieldError("channel", message)])
    body = _intake_body(request)
    version, applicant = _version_and_applicant(body)
    postal = body.postal or PostalIn()
    result = dossier_intake(
        officer=officer, procedure_version=version, applicant=applicant,
        documents=[DocumentIn(d.document, originals=d.originals, copies=d.copies) for d in body.documents],
        channel=body.channel.upper(), return_method=(body.return_method or "").upper(),
        outcome=body.outcome.upper(), guide_documents=body.guide_documents, reason=body.reason or "",
        postal_tracking_number=postal.tracking_number or "", postal_delivered_at=vietnam_time(postal.delivered_at) if postal.delivered_at else None,
        sets=body.sets,
    )  # fmt: skip
    dossier = result.dossier
    received = body.outcome.upper() == Outcome.RECEIVE
    return Status(
        201,
        {
            "code": dossier.code,
            "status": dossier.state,
            "received_at": iso(dossier.received_at),
            "due_at": iso(dossier.due_at),
            "receipt_url": f"/quan-tri/ho-so/{dossier.code}/mau-01.pdf" if received else None,
        },
    )


# --- one dossier ----------------------------------------------------------------------------------
def _reason(request: HttpRequest) -> str:
    """`X-Access-Reason`; HTTP headers arrive as latin-1, so UTF-8 Vietnamese is decoded back."""
    raw = request.headers.get("X-Access-Reason", "")
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def _applicant(dossier: Dossier) -> dict[str, Any]:
    return {
        "kind": dossier.applicant_kind,
        "name": dossier.applicant_name,
        "id_number": dossier.applicant_id_number,
        "tax_code": dossier.applicant_tax_code,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "address": {
            "province": dossier.applicant_province,
            "district": dossier.applicant_district,
            "commune": dossier.applicant_commune,
            "street": dossier.applicant_street,
        },
    }


def _event(event: DossierEvent) -> dict[str, Any]:
    return {
        "at": iso(event.at),
        "action": event.action,
        "from": event.from_state or None,
        "to": event.to_state,
        "agency": event.agency.code if event.agency else None,
        "actor_kind": event.actor_kind,
    }


def _step(step: DossierStep, *, for_citizen: bool) -> dict[str, Any]:
    return {
        "seq": step.seq,
        "order": step.order,
        "name": step.name,
        "agency": step.agency.code,
        "assignee": step.assignee.username if step.assignee and not for_citizen else None,
        "started_at": iso(step.started_at),
        "due_at": iso(step.due_at),
        "finished_at": iso(step.finished_at),
        "classification": step.classification or None,
    }


def _fault_designation(item: FaultDesignation) -> dict[str, Any]:
    note = item.note
    return {
        "at": iso(item.designated_at),
        "agency": item.agency.code,
        "by": item.designated_by.username,
        "reason": note.text if note is not None and note.redacted_at is None else None,
    }


def dossier_record(dossier: Dossier, *, personal: bool, for_citizen: bool = False) -> dict[str, Any]:
    """A dossier as `GET dossiers/<code>` answers it (also the answer of every action).

    `personal`: whether the caller sees the applicant's personal data (else the masked name).
    `for_citizen`: the citizen with the dossier token — officers' usernames are left out, and so
    are the supervisor's fault designations (staff's record, not the citizen's timeline).
    While the clock is paused, `due_at` is the value as it stands now (CONTRACTS §2).
    """
    version = dossier.procedure_version
    documents = dossier.documents.select_related("document").order_by("document__order", "document_id")
    events = DossierEvent.objects.filter(dossier=dossier).select_related("agency").order_by("seq")
    steps = list(dossier.steps.select_related("agency", "assignee").order_by("seq"))
    current = next((s for s in reversed(steps) if s.finished_at is None), None)
    record = {
        "code": dossier.code,
        "status": dossier.state,
        "channel": dossier.channel,
        "procedure": {"code": version.procedure.code, "name": version.procedure.name},
        "version": {"effective_from": version.effective_date.isoformat()},
        "receiving_agency": {"code": dossier.receiving_agency.code, "name": dossier.receiving_agency.name},
        "applicant": _applicant(dossier) if personal else {"masked_name": masked_name(dossier)},
        "documents": [
            {"document": d.document_id, "name": d.document.name, "originals": d.originals, "copies": d.copies}
            for d in documents
        ],
        "return_method": dossier.return_method,
        "received_at": iso(dossier.received_at),
        "clock_start_at": iso(dossier.clock_start_at),
        "due_at": iso(dossier_due_at_now(dossier)),
        "due_estimated": dossier.due_estimated,
        "rescheduled_due_at": iso(dossier.rescheduled_due_at),
        "finished_at": iso(dossier.finished_at),
        "classification": dossier.classification or None,
        "current_step": (
            {
                "order": current.order,
                "name": current.name,
                "agency": current.agency.code,
                "assignee": current.assignee.username if current.assignee and not for_citizen else None,
                "due_at": iso(current.due_at),
            }
            if current is not None
            else None
        ),
        "steps": [_step(s, for_citizen=for_citizen) for s in steps],
        "events": [_event(e) for e in events],
        "trace": dossier.due_trace,
    }
    if not for_citizen:
        # The supervisor's choices of the agency at fault, oldest first (the latest counts); the
        # reason is the designation's note, null once redacted (as on the back-office page).
        designations = dossier.fault_designations.select_related("agency", "designated_by", "note")
        record["fault_designations"] = [
            _fault_designation(f) for f in designations.order_by("designated_at", "pk")
        ]
    return record


def access_reason(request: HttpRequest) -> str:
    return _reason(request)


@router.get("/{code}", response={200: dict[str, Any], **REFUSALS}, auth=staff_token, summary="Một hồ sơ")
def dossier_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """The record of a dossier the caller may see (404 otherwise). The applicant's personal data is
    withheld as `{"masked_name"}` unless the caller may see it; an inspector states a reason in
    `X-Access-Reason`. Every view of personal data is logged."""
    user = api_user(request)
    dossier = dossier_get_visible(user, code)
    if dossier is None:
        raise Http404
    require_role(user, READ_ROLES)
    personal = dossier_personal_data_visible(user, dossier, channel="API", reason=_reason(request))
    return dossier_record(dossier, personal=personal)


dossier_create.allowed_roles = INTAKE_ROLES  # type: ignore[attr-defined]
dossier_detail.allowed_roles = READ_ROLES  # type: ignore[attr-defined]
