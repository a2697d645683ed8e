"""The OpenAPI document says what the server does (issue 13, item 10): every `$ref` resolves, the
responses the server gives are listed, and requests valid by the schema are not refused for a rule
the schema does not state."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _resolve(schema: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = schema
    for part in ref[2:].split("/"):
        assert isinstance(node, dict) and part in node, f"{ref} does not resolve"
        node = node[part]
    return node


def test_every_reference_resolves(schema: dict[str, Any]) -> None:
    refs = set(re.findall(r'"\$ref": "([^"]+)"', json.dumps(schema)))
    assert refs  # the document uses references at all
    for ref in refs:
        _resolve(schema, ref)
    assert "$defs" not in json.dumps(schema["paths"])


def test_the_delivery_receipt_lists_its_refusals(schema: dict[str, Any]) -> None:
    responses = schema["paths"]["/api/v1/sms/status"]["post"]["responses"]
    assert {"200", "401", "404", "422"} <= set(responses)


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [({}, {"provider_id": "x", "status": "DELIVERED"}, 401), ("secret", {"provider_id": "nope", "status": "DELIVERED"}, 404),
     ("secret", {"provider_id": "x", "status": "LOST"}, 422)],
)  # fmt: skip
def test_the_delivery_receipt_gives_the_listed_refusals(
    schema: dict[str, Any], settings: Any, headers: Any, body: dict[str, Any], status: int
) -> None:
    settings.SMS_INBOUND_SECRET = "s3cret"
    extra = {"HTTP_X_MOTCUA_SECRET": "s3cret"} if headers == "secret" else {}
    response = Client().post("/api/v1/sms/status", body, content_type="application/json", **extra)
    assert response.status_code == status
    assert str(status) in schema["paths"]["/api/v1/sms/status"]["post"]["responses"]


def test_the_deadline_states_that_exactly_one_of_days_and_hours_is_required(schema: dict[str, Any]) -> None:
    (parameter,) = schema["paths"]["/api/v1/calendar/deadline"]["get"]["parameters"]
    assert parameter["style"] == "form" and parameter["explode"] is True
    required = [set(option["required"]) for option in parameter["schema"]["oneOf"]]
    assert required == [{"days"}, {"hours"}]


def test_the_inputs_the_server_refuses_as_empty_are_not_empty_by_the_schema(schema: dict[str, Any]) -> None:
    lookup = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/lookup"]["get"]["parameters"]}
    assert not re.search(lookup["code"]["pattern"], "") and not re.search(lookup["code"]["pattern"], " - ")
    inbound = schema["paths"]["/api/v1/sms/inbound"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    sender = inbound["properties"]["from"]
    assert sender["minLength"] == 1 and not re.search(sender["pattern"], "   ")


def test_a_multipart_body_is_only_an_online_submission_by_the_schema(schema: dict[str, Any]) -> None:
    content = schema["paths"]["/api/v1/dossiers"]["post"]["requestBody"]["content"]
    multipart = content["multipart/form-data"]["schema"]
    assert multipart["properties"]["channel"]["enum"] == ["ONLINE"] and "channel" in multipart["required"]
    desk, _online = content["application/json"]["schema"]["oneOf"]
    assert desk["properties"]["applicant"]["properties"]["name"]["anyOf"][0]["maxLength"] == 255


def test_bounds_are_in_the_schema(schema: dict[str, Any]) -> None:
    agencies = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/agencies"]["get"]["parameters"]}
    assert agencies["page"]["maximum"] == 1_000_000
    procedures = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/procedures"]["get"]["parameters"]}
    assert procedures["q"]["maxLength"] == 200 and "pattern" in procedures["q"]
