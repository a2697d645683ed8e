"""Every answer of the API is typed in `/api/v1/openapi.json` (issue 14, item 3): each operation's
2xx response names a schema with its properties — no free-form object — and the dossier, the look-up
and the submission state the fields of CONTRACTS §6 and §7. The answers the server really gives
carry exactly the fields the document states."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.services import api_token_issue
from motcua.api.tests.test_online_api import files_for, payload, post, version_with
from motcua.dossiers import actions
from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import make_dossier_in

pytestmark = pytest.mark.django_db

DOSSIER_FIELDS = {
    "code", "status", "channel", "procedure", "version", "receiving_agency", "applicant", "documents",
    "received_at", "clock_start_at", "due_at", "rescheduled_due_at", "finished_at", "classification",
    "current_step", "steps", "events", "trace",
}  # fmt: skip
LOOKUP_FIELDS = {
    "code", "status", "status_label", "received_at", "due_at", "rescheduled_due_at", "result_ready",
    "verified", "procedure", "agency", "applicant", "timeline",
}  # fmt: skip
SUBMISSION_FIELDS = {"code", "status", "received_at", "due_at", "receipt_url", "token"}


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = schema
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _answer(schema: dict[str, Any], path: str, method: str, status: str) -> dict[str, Any]:
    response = schema["paths"][path][method]["responses"][status]
    return _resolve(schema, response["content"]["application/json"]["schema"])


def _typed(schema: dict[str, Any], node: dict[str, Any]) -> bool:
    """A schema that states its shape: properties, a typed array or scalar, or a union of those."""
    node = _resolve(schema, node)
    if "anyOf" in node or "oneOf" in node:
        return all(_typed(schema, option) for option in node.get("anyOf", node.get("oneOf")))
    if node.get("type") == "object" or "properties" in node:
        properties = node.get("properties") or {}
        return (
            bool(properties)
            and node.get("additionalProperties") in (None, False)
            and all(_typed(schema, p) for p in properties.values())
        )
    if node.get("type") == "array":
        return _typed(schema, node.get("items", {}))
    return "type" in node or "enum" in node or "const" in node


def test_a_free_form_object_is_not_typed(schema: dict[str, Any]) -> None:
    """The check below can fail: `dict[str, Any]`, as the answers were before, is refused."""
    assert not _typed(schema, {"type": "object", "additionalProperties": True})
    assert not _typed(schema, {"type": "object", "properties": {"result": {"type": "object"}}})
    assert _typed(schema, {"type": "object", "properties": {"code": {"type": "string"}}})


def test_every_operation_has_a_typed_2xx_answer(schema: dict[str, Any]) -> None:
    untyped = []
    operations = 0
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            answers = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
            operations += 1
            if not answers:
                untyped.append(f"{method} {path}: no 2xx answer")
            for code, response in answers.items():
                content = response.get("content", {}).get("application/json")
                if content is None or not _typed(schema, content["schema"]):
                    untyped.append(f"{method} {path} {code}")
    assert operations > 20
    assert not untyped, untyped


def test_the_dossier_and_every_action_answer_the_fields_of_contracts_section_7(
    schema: dict[str, Any],
) -> None:
    dossier = _answer(schema, "/api/v1/dossiers/{code}", "get", "200")
    assert set(dossier["properties"]) >= DOSSIER_FIELDS
    step = _resolve(schema, dossier["properties"]["current_step"]["anyOf"][0])
    assert {"order", "agency", "assignee", "due_at"} <= set(step["properties"])
    event = _resolve(schema, dossier["properties"]["events"]["items"])
    assert set(event["properties"]) == {"at", "action", "from", "to", "agency", "actor_kind"}
    for name in actions.ACTIONS:
        assert _answer(schema, f"/api/v1/dossiers/{{code}}/actions/{name}", "post", "200") == dossier


def test_the_lookup_and_the_submission_state_their_fields(schema: dict[str, Any]) -> None:
    assert set(_answer(schema, "/api/v1/lookup", "get", "200")["properties"]) >= LOOKUP_FIELDS
    for status in ("200", "201"):
        assert set(_answer(schema, "/api/v1/dossiers", "post", status)["properties"]) >= SUBMISSION_FIELDS


def test_the_answers_given_carry_the_fields_the_document_states(schema: dict[str, Any]) -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    _, key = api_token_issue(user=cast.leader, name="t")
    record = Client().get(f"/api/v1/dossiers/{dossier.code}", HTTP_AUTHORIZATION=f"Token {key}").json()
    stated = _answer(schema, "/api/v1/dossiers/{code}", "get", "200")["properties"]
    assert set(record) == set(stated)
    assert set(record["events"][0]) == {"at", "action", "from", "to", "agency", "actor_kind"}
    assert record["events"][0]["from"] is None and record["events"][0]["action"] == "create"

    version = version_with()
    submitted = post(payload(version), files_for(version)).json()
    stated = _answer(schema, "/api/v1/dossiers", "post", "201")["properties"]
    assert set(submitted) == set(stated) == SUBMISSION_FIELDS | {"url"}

    found = Client().get("/api/v1/lookup", {"code": submitted["code"], "t": submitted["token"]}).json()
    assert set(found) <= set(_answer(schema, "/api/v1/lookup", "get", "200")["properties"])
    assert set(found) >= LOOKUP_FIELDS
    assert json.dumps(found)  # plain JSON, nothing left untyped
