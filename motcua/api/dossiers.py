"""Dossiers for staff: desk and postal intake, and one dossier's record (CONTRACTS §7).

Refusals follow CONTRACTS §5. `POST /dossiers` has no object, so its order is 401 → 403 → 422:
the body is read and validated inside the view, after the role check, so a caller who may never
take dossiers hears 403 whatever they sent.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.errors import AuthenticationError

from motcua.accounts.access import require_role
from motcua.accounts.models import User
from motcua.accounts.roles import CASE_ROLES, Role
from motcua.api.auth import api_user, staff_token
from motcua.api.dossier_schemas import DossierOut, OnlineOut, intake_answer, online_answer
from motcua.api.intake_schemas import (
    ONLINE_MULTIPART_SCHEMA,
    IntakeIn,
    OnlineIn,
    intake_arguments,
    online_arguments,
    online_body,
    read_intake,
    read_online,
)
from motcua.api.schemas import REFUSALS, ErrorOut, inline_schema
from motcua.core.http import client_address
from motcua.dossiers import online as online_service
from motcua.dossiers.records import dossier_record
from motcua.dossiers.selectors import dossier_get_visible, dossier_personal_data_visible
from motcua.dossiers.services import Outcome, dossier_intake

router = Router(tags=["Hồ sơ"])

INTAKE_ROLES = frozenset({Role.DESK_OFFICER})
READ_ROLES = CASE_ROLES | {Role.LOCALITY_LEADER}  # the locality leader: read only, no personal data


def online_submitter(request: HttpRequest) -> str | None:
    """Authentication for the public online submission: no credentials, only the channel."""
    return "ONLINE" if read_online(request) is not None else None


def _online_create(
    request: HttpRequest, data: dict[str, Any], files: dict[int, Any]
) -> Status[dict[str, Any]]:
    online_service.submit_throttle(client_address(request))
    body = online_body(data, files)
    arguments = online_arguments(body, files, request.headers.get("Idempotency-Key", ""))
    submitted = online_service.dossier_submit_online(**arguments)
    return Status(201 if submitted.created else 200, online_answer(submitted.dossier))


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
    online = read_online(request)
    if online is not None:
        return _online_create(request, *online)
    if not isinstance(request.auth, User):
        raise AuthenticationError()
    officer = api_user(request)
    require_role(officer, INTAKE_ROLES)
    body = read_intake(request)
    result = dossier_intake(officer=officer, **intake_arguments(body))
    return Status(201, intake_answer(result.dossier, received=body.outcome.upper() == Outcome.RECEIVE))


# --- one dossier ----------------------------------------------------------------------------------
def access_reason(request: HttpRequest) -> str:
    """`X-Access-Reason`; HTTP headers arrive as latin-1, so UTF-8 Vietnamese is decoded back."""
    raw = request.headers.get("X-Access-Reason", "")
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


@router.get(
    "/{code}",
    response={200: DossierOut, **REFUSALS},
    auth=staff_token,
    by_alias=True,
    exclude_unset=True,
    summary="Một hồ sơ",
)
def dossier_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """The record of a dossier the caller may see (404 otherwise). The applicant's personal data is
    withheld as `{"masked_name"}` unless the caller may see it; an inspector states a reason in
    `X-Access-Reason`. Every view of personal data is logged."""
    user = api_user(request)
    dossier = dossier_get_visible(user, code)
    if dossier is None:
        raise Http404
    require_role(user, READ_ROLES)
    personal = dossier_personal_data_visible(user, dossier, channel="API", reason=access_reason(request))
    return dossier_record(dossier, personal=personal)


dossier_create.allowed_roles = INTAKE_ROLES  # type: ignore[attr-defined]
dossier_detail.allowed_roles = READ_ROLES  # type: ignore[attr-defined]
