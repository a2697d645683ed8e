"""Answers to requests with credentials (staff session, API token, dossier token) are not stored by
any cache: they may carry personal data."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.services import api_token_issue
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_staff_pages_are_private_and_not_stored() -> None:
    dossier = make_dossier()
    client = Client()
    client.force_login(UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency))
    for url in ("/quan-tri/", f"/quan-tri/ho-so/{dossier.code}/", "/quan-tri/ho-so/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_the_api_answer_with_a_dossiers_personal_data_is_not_stored() -> None:
    dossier = make_dossier()
    officer = UserFactory(role=Role.DESK_OFFICER, agency=dossier.receiving_agency)
    _, key = api_token_issue(user=officer, name="kiosk")
    response = Client().get(f"/api/v1/dossiers/{dossier.code}", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and dossier.applicant_phone in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_the_api_look_up_with_a_token_is_not_stored() -> None:
    dossier = make_dossier()
    response = Client().get("/api/v1/lookup", {"code": dossier.code, "t": dossier_token(dossier.code)})
    assert response.status_code == 200 and "documents" in response.json()
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_without_credentials_stay_cacheable() -> None:
    assert not Client().get("/thu-tuc/").has_header("Cache-Control")
