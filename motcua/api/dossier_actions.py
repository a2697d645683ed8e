"""`POST /api/v1/dossiers/{code}/actions/{action}` (CONTRACTS §4, §7): one route for every action
of the dispatch table `motcua.dossiers.actions.ACTIONS`, answering the dossier as `GET
dossiers/{code}` does.

Who: staff with `Authorization: Token <key>`, or — for the actions whose entry accepts citizens —
the citizen with `X-Dossier-Token: <token>` of that very dossier. Refusals in the order of
CONTRACTS §5: no credentials → 401; a dossier the caller may not see, a token of another dossier or
an unknown action → 404; a role that can never do the action → 403; the state or history → 409;
the body → 422. The body is read as a loose JSON object inside the view, after the access checks,
so ninja's validation never answers before them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.security import APIKeyHeader

from motcua.accounts.models import User
from motcua.api.auth import staff_token
from motcua.api.dossiers import access_reason, dossier_record
from motcua.api.schemas import REFUSALS
from motcua.dossiers.actions import ACTIONS, run_action, staff_roles
from motcua.dossiers.codes import code_key, dossier_token_matches
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_get_visible, dossier_personal_data_visible

router = Router(tags=["Hồ sơ"])


@dataclass(frozen=True)
class CitizenToken:
    """The `X-Dossier-Token` header as sent; which dossier it opens is checked in the view."""

    token: str


class DossierToken(APIKeyHeader):
    param_name = "X-Dossier-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> CitizenToken | None:
        if not key or not key.strip():
            return None
        return CitizenToken(key.strip())


dossier_token = DossierToken()

_NOT_JSON = object()


def _loose_body(request: HttpRequest) -> Any:
    """The body as JSON, whatever its shape (the action's parser says what is wrong with it)."""
    if not request.body:
        return {}
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON


# The text fields the actions read; a string in them must not hold NUL (422).
_TEXT_FIELDS = ("reason", "override_reason", "kind", "agency", "assignee", "method", "tracking_number",
                "received_by", "rescheduled_due_at")  # fmt: skip
_NO_NUL_IF_TEXT = {"not": {"type": "string", "pattern": "\u0000"}}

# One example body per action, for the OpenAPI document.
_EXAMPLES: dict[str, dict[str, Any]] = {
    "assign": {"assignee": "chuyenvien.a"},
    "forward": {"assignee": "chuyenvien.thue"},
    "send_back": {},
    "request_supplement": {"documents": [12], "reason": "Tờ khai chưa ký", "override_reason": ""},
    "complete_supplement": {"documents": [{"document": 12, "originals": 1, "copies": 0}]},
    "pause": {"kind": "VERIFICATION", "reason": "Xác minh nguồn gốc đất"},
    "resume": {},
    "apologise": {"rescheduled_due_at": "2026-03-20T16:00", "reason": "Chờ ý kiến cơ quan thuế"},
    "designate_fault": {"agency": "000.23.31.H34", "reason": "Chi cục Thuế trả kết quả chậm 3 ngày"},
    "mark_ready": {},
    "return_result": {"method": "DESK", "received_by": "Nguyễn Thị Ánh", "tracking_number": ""},
    "stop": {"reason": "Người nộp đề nghị dừng"},
    "withdraw": {"reason": "Đơn đề nghị rút hồ sơ ngày 02/03/2026"},
}


@router.post(
    "/{code}/actions/{action}",
    response={200: dict[str, Any], **REFUSALS},
    auth=[staff_token, dossier_token],
    summary="Thao tác xử lý hồ sơ",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "description": "Theo từng thao tác (xem ví dụ); chuỗi không chứa ký tự NUL.",
                        "properties": {name: _NO_NUL_IF_TEXT for name in _TEXT_FIELDS},
                        "additionalProperties": True,
                    },
                    "examples": {name: {"value": value} for name, value in _EXAMPLES.items()},
                }
            },
        }
    },
)
def dossier_action(request: HttpRequest, code: str, action: str) -> dict[str, Any]:
    """One action of CONTRACTS §4 (`assign`, `forward`, `send_back`, `request_supplement`,
    `complete_supplement`, `pause`, `resume`, `apologise`, `mark_ready`, `return_result`, `stop`,
    `withdraw`, and the supervisor's `designate_fault`); the body per action as in the examples.
    Answers the dossier after the action."""
    credential = request.auth  # type: ignore[attr-defined]
    spec = ACTIONS.get(action)
    if isinstance(credential, User):
        dossier = dossier_get_visible(credential, code)
        if dossier is None or spec is None:
            raise Http404
        dossier = run_action(spec, dossier=dossier, officer=credential, body=_loose_body(request))
        personal = dossier_personal_data_visible(
            credential, dossier, channel="API", reason=access_reason(request)
        )
        return dossier_record(dossier, personal=personal)
    assert isinstance(credential, CitizenToken)
    dossier = (
        Dossier.objects.select_related("receiving_agency", "procedure_version__procedure")
        .filter(code_key=code_key(code))
        .first()
    )
    if dossier is None or spec is None or not dossier_token_matches(dossier.code, credential.token):
        raise Http404
    dossier = run_action(spec, dossier=dossier, officer=None, body=_loose_body(request))
    # The citizen's page shows no personal data; neither does the answer (a token may be shared).
    return dossier_record(dossier, personal=False, for_citizen=True)


dossier_action.allowed_roles = staff_roles()  # type: ignore[attr-defined]
