"""API conventions of CONTRACTS §7: tokens, the error shape, refusal codes, pagination, local docs."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import ApiToken
from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue, api_token_revoke
from motcua.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_a_token_identifies_its_officer() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    _, key = api_token_issue(user=officer, name="kiosk")
    response = Client().get("/api/v1/me", **_auth(key))
    assert response.status_code == 200
    assert response.json() == {
        "username": officer.username,
        "full_name": officer.full_name,
        "agency": officer.agency.code,
        "roles": ["DESK_OFFICER"],
    }


def test_only_the_hash_of_a_token_is_stored() -> None:
    token, key = api_token_issue(user=UserFactory(role=Role.DESK_OFFICER), name="x")
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_hash, stored.prefix) and stored.key_hash == ApiToken.hash_key(key)


@pytest.mark.parametrize("header", [None, "Token ", "Bearer abc", "Token sai-khoa"])
def test_missing_or_wrong_credentials_are_401_in_the_error_shape(header: str | None) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = Client().get("/api/v1/me", **extra)
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["errors"] == []
    assert "Authorization" in body["detail"]


def test_a_revoked_token_is_401() -> None:
    token, key = api_token_issue(user=UserFactory(role=Role.DESK_OFFICER), name="x")
    api_token_revoke(token=token)
    assert Client().get("/api/v1/me", **_auth(key)).status_code == 401


def test_a_deactivated_officers_token_is_401() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    _, key = api_token_issue(user=officer, name="x")
    officer.is_active = False
    officer.save()
    assert Client().get("/api/v1/me", **_auth(key)).status_code == 401


def test_another_agencys_staff_list_is_404_and_a_role_never_allowed_is_403() -> None:
    other = AgencyFactory()
    editor = UserFactory(role=Role.EDITOR)
    _, key = api_token_issue(user=editor, name="x")
    assert Client().get(f"/api/v1/agencies/{other.code}/staff", **_auth(key)).status_code == 404
    response = Client().get(f"/api/v1/agencies/{editor.agency.code}/staff", **_auth(key))
    assert response.status_code == 403
    assert response.json()["detail"] == "Vai trò của bạn không được dùng chức năng này."


def test_a_leader_lists_the_staff_of_their_agency() -> None:
    leader = UserFactory(role=Role.LEADER)
    UserFactory(role=Role.SPECIALIST, agency=leader.agency)
    _, key = api_token_issue(user=leader, name="x")
    body = Client().get(f"/api/v1/agencies/{leader.agency.code}/staff", **_auth(key)).json()
    assert body["count"] == 2
    assert {item["username"] for item in body["items"]} == set(
        leader.agency.staff.values_list("username", flat=True)
    )


def test_lists_page_from_one_and_refuse_more_than_200_per_page() -> None:
    for _ in range(3):
        AgencyFactory()
    client = Client()
    body = client.get("/api/v1/agencies?page=2&page_size=2").json()
    assert body["count"] == 3 and len(body["items"]) == 1
    response = client.get("/api/v1/agencies?page_size=201")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "page_size", "message": "Giá trị quá lớn."}]
    assert client.get("/api/v1/agencies?page=0").status_code == 422
    assert client.get("/api/v1/agencies?page=abc").json()["errors"][0]["message"] == "Phải là một số nguyên."


def test_the_openapi_schema_and_docs_are_served_without_a_cdn() -> None:
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.1")
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/" in docs
    assert "cdn" not in docs.lower()
