"""What `POST /api/v1/dossiers` reads (CONTRACTS §7): the desk's intake (JSON) and the public online
submission (multipart with `document_<id>` files, or JSON with base64 `files`), each field bounded
as the model's column is, and how a body becomes the use case's arguments.

The body is read inside the view, after the credentials and the role (CONTRACTS §5): ninja would
otherwise answer 422 before the 401 or 403 the caller deserves.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError

from motcua.api.schemas import NO_NUL, Count, Id, Instant, Text, inline_schema
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.instants import vietnam_time
from motcua.dossiers import online as online_service
from motcua.dossiers.action_inputs import Uploads
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Applicant, DocumentIn

MAX_DOCUMENTS = 100
REASON_MAX = 2000
IDEMPOTENCY_KEY = r"^([A-Za-z0-9_-]{8,64})?$"


# --- desk intake ---------------------------------------------------------------------------------------
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


def read_intake(request: HttpRequest) -> IntakeIn:
    """The desk's JSON body, validated (422 naming the fields); files come only with an online submission."""
    if request.content_type == "multipart/form-data":
        message = _("Tiếp nhận tại quầy gửi nội dung JSON; chỉ nộp trực tuyến mới gửi tệp đính kèm.")
        raise InvalidInput(message, [FieldError("channel", message)])
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
    files: Uploads = {}  # JSON clients: {"<document id>": "<base64>"}; multipart sends document_<id>


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


def read_online(request: HttpRequest) -> tuple[dict[str, Any], dict[int, Any]] | None:
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


def online_body(data: dict[str, Any], files: dict[int, Any]) -> OnlineIn:
    """An online submission's fields validated, and its multipart files one per document."""
    if -1 in files:
        message = _("Mỗi giấy tờ gửi đúng một tệp, tên trường document_<mã giấy tờ>.")
        raise InvalidInput(message, [FieldError("documents", message)])
    try:
        return OnlineIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors(include_url=False)]) from None


def online_arguments(body: OnlineIn, files: dict[int, Any], idempotency_header: str) -> dict[str, Any]:
    """The keyword arguments of `dossier_submit_online`."""
    version, applicant = _version_and_applicant(body)
    return {
        "procedure_version": version,
        "applicant": applicant,
        "files": {**body.files, **files},
        "return_method": (body.return_method or "").upper() or online_service.return_methods(version)[0],
        "declaration": body.declaration,
        "agency_code": body.agency or "",
        "idempotency_key": body.idempotency_key or idempotency_header,
    }


def intake_arguments(body: IntakeIn) -> dict[str, Any]:
    """The keyword arguments of `dossier_intake`, but the officer."""
    version, applicant = _version_and_applicant(body)
    postal = body.postal or PostalIn()
    return {
        "procedure_version": version,
        "applicant": applicant,
        "documents": [DocumentIn(d.document, originals=d.originals, copies=d.copies) for d in body.documents],
        "channel": body.channel.upper(),
        "return_method": (body.return_method or "").upper(),
        "outcome": body.outcome.upper(),
        "guide_documents": body.guide_documents,
        "reason": body.reason or "",
        "postal_tracking_number": postal.tracking_number or "",
        "postal_delivered_at": vietnam_time(postal.delivered_at) if postal.delivered_at else None,
        "sets": body.sets,
    }


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
