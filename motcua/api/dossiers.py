"""Dossiers for staff: desk and postal intake, and one dossier's record (CONTRACTS §7).

Refusals follow CONTRACTS §5. `POST /dossiers` has no object, so its order is 401 → 403 → 422:
the body is read and validated inside the view, after the role check, so a caller who may never
take dossiers hears 403 whatever they sent.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pydantic
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from motcua.accounts.access import require_role
from motcua.accounts.roles import CASE_ROLES, Role
from motcua.api.auth import api_user, staff_token
from motcua.api.schemas import REFUSALS
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import dossier_get_visible, dossier_personal_data_visible, masked_name
from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake

router = Router(tags=["Hồ sơ"])

INTAKE_ROLES = frozenset({Role.DESK_OFFICER})
READ_ROLES = CASE_ROLES


# --- intake ---------------------------------------------------------------------------------------
class AddressIn(Schema):
    province: str | None = ""
    district: str | None = ""
    commune: str | None = ""
    street: str | None = ""


class ApplicantIn(Schema):
    kind: str | None = ""
    name: str | None = ""
    id_number: str | None = ""
    tax_code: str | None = ""
    phone: str | None = ""
    email: str | None = ""
    address: AddressIn = AddressIn()


class DocumentCountIn(Schema):
    document: int
    originals: int = Field(0, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)


class PostalIn(Schema):
    tracking_number: str | None = ""
    delivered_at: datetime | None = None


class IntakeIn(Schema):
    procedure: str
    channel: str
    applicant: ApplicantIn
    documents: list[DocumentCountIn] = []
    return_method: str | None = ""
    postal: PostalIn | None = None
    outcome: str
    guide_documents: list[int] = []
    reason: str | None = ""
    sets: int = Field(1, ge=1, le=99)


class IntakeOut(Schema):
    code: str
    status: str
    received_at: str | None
    due_at: str | None
    receipt_url: str | None


def _iso(instant: datetime | None) -> str | None:
    return timezone.localtime(instant).isoformat() if instant else None


def _intake_body(request: HttpRequest) -> IntakeIn:
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(_("Nội dung JSON không hợp lệ.")) from None
    if isinstance(data, dict) and str(data.get("channel", "")).upper() == "ONLINE":
        message = _("Nộp hồ sơ trực tuyến qua API sẽ có ở phiên bản sau; tại quầy chỉ nhận DESK hoặc POST.")
        raise InvalidInput(message, [FieldError("channel", message)])
    try:
        return IntakeIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None


def _vietnam_time(instant: datetime | None) -> datetime | None:
    """API input without an offset means Vietnam time (CONTRACTS §1)."""
    if instant is None or timezone.is_aware(instant):
        return instant
    return timezone.make_aware(instant)


@router.post(
    "",
    response={201: IntakeOut, **REFUSALS},
    auth=staff_token,
    summary="Tiếp nhận hồ sơ tại quầy hoặc qua bưu chính",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": IntakeIn.model_json_schema()}},
        }
    },
)
def dossier_create(request: HttpRequest) -> Status[dict[str, Any]]:
    """The desk's intake with exactly one outcome: RECEIVE (form 01, the clock starts), GUIDE
    (form 02, documents only from the version's official list) or REFUSE (form 03, reason)."""
    officer = api_user(request)
    require_role(officer, INTAKE_ROLES)
    body = _intake_body(request)
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
    postal = body.postal or PostalIn()
    result = dossier_intake(
        officer=officer, procedure_version=version, applicant=applicant,
        documents=[DocumentIn(d.document, originals=d.originals, copies=d.copies) for d in body.documents],
        channel=body.channel.upper(), return_method=(body.return_method or "").upper(),
        outcome=body.outcome.upper(), guide_documents=body.guide_documents, reason=body.reason or "",
        postal_tracking_number=postal.tracking_number or "", postal_delivered_at=_vietnam_time(postal.delivered_at),
        sets=body.sets,
    )  # fmt: skip
    dossier = result.dossier
    received = body.outcome.upper() == Outcome.RECEIVE
    return Status(
        201,
        {
            "code": dossier.code,
            "status": dossier.state,
            "received_at": _iso(dossier.received_at),
            "due_at": _iso(dossier.due_at),
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
        "at": _iso(event.at),
        "action": event.action,
        "from": event.from_state or None,
        "to": event.to_state,
        "agency": event.agency.code if event.agency else None,
        "actor_kind": event.actor_kind,
    }


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
    version = dossier.procedure_version
    documents = dossier.documents.select_related("document").order_by("document__order", "document_id")
    events = DossierEvent.objects.filter(dossier=dossier).select_related("agency").order_by("seq")
    return {
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
        "received_at": _iso(dossier.received_at),
        "clock_start_at": _iso(dossier.clock_start_at),
        "due_at": _iso(dossier.due_at),
        "due_estimated": dossier.due_estimated,
        "rescheduled_due_at": _iso(dossier.rescheduled_due_at),
        "finished_at": _iso(dossier.finished_at),
        "classification": dossier.classification or None,
        "current_step": None,
        "steps": [],
        "events": [_event(e) for e in events],
        "trace": dossier.due_trace,
    }


dossier_create.allowed_roles = INTAKE_ROLES  # type: ignore[attr-defined]
dossier_detail.allowed_roles = READ_ROLES  # type: ignore[attr-defined]
