"""`POST /api/v1/dossiers/{code}/actions/{action}` (CONTRACTS §4, §7): one OpenAPI operation per
action of the dispatch table `motcua.dossiers.actions.ACTIONS`, each with its own body schema, all
answering the dossier as `GET dossiers/{code}` does (`DossierOut`).

Who: staff with `Authorization: Token <key>`, or — for the actions whose entry accepts citizens —
the citizen with `X-Dossier-Token: <token>` of that very dossier. Refusals in the order of
CONTRACTS §5: no credentials → 401; a dossier the caller may not see, a token of another dossier or
an unknown action → 404; a role that can never do the action → 403; the state or history → 409;
the body → 422.

Why the body is not a parameter of the view: ninja validates parameters before the view runs,
which would answer 422 before the 403 and 409 of §5. So each operation states its body in the
OpenAPI document (`openapi_extra`, from the action's typed body in
`motcua.dossiers.action_inputs`), and the view hands the raw body — JSON, or multipart fields and
files — to the dispatch table, which reads it with that same model after the role and state checks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.security import APIKeyHeader

from motcua.accounts.models import User
from motcua.api.auth import staff_token
from motcua.api.dossier_schemas import DossierOut
from motcua.api.dossiers import access_reason
from motcua.api.schemas import REFUSALS
from motcua.dossiers.action_inputs import ActionBody, body_of
from motcua.dossiers.actions import ACTIONS, ActionSpec, run_action, staff_roles
from motcua.dossiers.online import DOCUMENT_FIELD, dossier_for_token
from motcua.dossiers.records import dossier_record
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


def _raw_body(request: HttpRequest) -> Any:
    """The body as sent, for the action's model to read: a JSON value (whatever its shape), or the
    fields of a multipart form with its files — `document_<id>` as `files`, `result_file` as is."""
    if request.content_type == "multipart/form-data":
        body: dict[str, Any] = {
            key: values if len(values) > 1 else values[0] for key, values in request.POST.lists()
        }
        files: dict[Any, Any] = {}
        for name, uploads in request.FILES.lists():
            value = uploads if len(uploads) > 1 else uploads[0]
            match = DOCUMENT_FIELD.fullmatch(name)
            if match is not None:
                files[match.group(1)] = value
            elif name == "result_file":
                body[name] = value
            else:
                files[name] = value  # refused by the model as a file it cannot place
        if files:
            body["files"] = files
        return body
    if not request.body:
        return {}
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON


def _act(request: HttpRequest, code: str, action: str) -> dict[str, Any]:
    """Run `action` on the dossier `code` for the caller; the dossier after it."""
    credential = request.auth  # type: ignore[attr-defined]
    spec = ACTIONS.get(action)
    if isinstance(credential, User):
        dossier = dossier_get_visible(credential, code)
        if dossier is None or spec is None:
            raise Http404
        dossier = run_action(spec, dossier=dossier, officer=credential, body=_raw_body(request))
        personal = dossier_personal_data_visible(
            credential, dossier, channel="API", reason=access_reason(request)
        )
        return dossier_record(dossier, personal=personal)
    assert isinstance(credential, CitizenToken)
    dossier = dossier_for_token(code, credential.token)
    if spec is None:
        raise Http404
    dossier = run_action(spec, dossier=dossier, officer=None, body=_raw_body(request))
    # The citizen's page shows no personal data; neither does the answer (a token may be shared).
    return dossier_record(dossier, personal=False, for_citizen=True)


# --- the OpenAPI document: one operation per action ------------------------------------------------------
def _bodies(spec: ActionSpec) -> list[type[ActionBody]]:
    """The bodies an action reads: the staff's, and the citizen's when it differs."""
    bodies = [body_of(spec.parse)] if spec.accepts_staff else []
    if spec.accepts_citizen:
        bodies.append(body_of(spec.citizen_parse or spec.parse))
    return list(dict.fromkeys(bodies)) or [body_of(spec.parse)]


def _multipart(bodies: list[type[ActionBody]]) -> dict[str, Any]:
    """The multipart form of the bodies that take files: text fields as in JSON, files as binary."""
    properties: dict[str, Any] = {}
    pattern: dict[str, Any] = {}
    for body in bodies:
        for name, schema in body.json_schema().get("properties", {}).items():
            if name == "files":
                pattern["^document_[0-9]+$"] = {"type": "string", "format": "binary"}
            elif name == "result_file":
                properties[name] = {"type": "string", "format": "binary"}
            else:
                properties[name] = schema
    return {
        "type": "object",
        "description": "Tệp gửi dạng multipart: mỗi giấy tờ một trường document_<mã giấy tờ>.",
        "properties": properties,
        "patternProperties": pattern,
    }


def _request_body(spec: ActionSpec) -> dict[str, Any]:
    bodies = _bodies(spec)
    schemas = [body.json_schema() for body in bodies]
    content: dict[str, Any] = {
        "application/json": {"schema": schemas[0] if len(schemas) == 1 else {"oneOf": schemas}}
    }
    if any(body.multipart for body in bodies):
        content["multipart/form-data"] = {"schema": _multipart([b for b in bodies if b.multipart])}
    return {"required": False, "content": content}


def _who(spec: ActionSpec) -> str:
    who = []
    if spec.accepts_staff:
        who.append("cán bộ (" + ", ".join(sorted(role.value for role in spec.roles)) + ")")
    if spec.accepts_citizen:
        who.append("công dân (X-Dossier-Token)")
    return " hoặc ".join(who)


def _operation(name: str) -> Callable[[HttpRequest, str], dict[str, Any]]:
    def view(request: HttpRequest, code: str) -> dict[str, Any]:
        return _act(request, code, name)

    view.__name__ = f"dossier_action_{name}"
    view.__doc__ = (
        f"Thao tác `{name}` (CONTRACTS §4) — {_who(ACTIONS[name])}. Trả về hồ sơ sau thao tác, "
        "như GET dossiers/{code}. Thứ tự từ chối: 401, 404, 403, 409, 422."
    )
    return view


for _name, _spec in ACTIONS.items():
    _view = _operation(_name)
    _view.allowed_roles = _spec.roles  # type: ignore[attr-defined]
    router.post(
        f"/{{code}}/actions/{_name}",
        response={200: DossierOut, **REFUSALS},
        auth=[staff_token, dossier_token],
        by_alias=True,
        exclude_unset=True,
        operation_id=f"dossier_action_{_name}",
        summary=str(_spec.label),
        openapi_extra={"requestBody": _request_body(_spec)},
    )(_view)


@router.post(
    "/{code}/actions/{action}",
    response={200: DossierOut, **REFUSALS},
    auth=[staff_token, dossier_token],
    by_alias=True,
    exclude_unset=True,
    include_in_schema=False,
)
def dossier_action(request: HttpRequest, code: str, action: str) -> dict[str, Any]:
    """Any other action name: 404 after the credentials (an action registered later runs here)."""
    return _act(request, code, action)


dossier_action.allowed_roles = staff_roles()  # type: ignore[attr-defined]
