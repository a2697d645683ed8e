"""The online submission's step forms and the citizen's page read the request with Django forms
(issue 14, item 3), and the citizen's page refuses in the order of CONTRACTS §5: a withdrawal
without its confirmation on a dossier that can no longer be withdrawn is 409, not 422."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import Dossier, State
from motcua.portal.submit_forms import ApplicantForm, DeclarationForm, ReturnMethodForm
from motcua.portal.tests.test_submit_pages import online_version, walk_to_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_applicant_form_applies_the_domains_rules_and_needs_a_phone_online() -> None:
    form = ApplicantForm({"kind": "PERSON", "name": "Phạm Thị Lan", "id_number": "12"})
    assert not form.is_valid()
    assert "id_number" in form.errors
    no_phone = ApplicantForm({"kind": "PERSON", "name": "Phạm Thị Lan", "id_number": "056190000777"})
    assert not no_phone.is_valid() and list(no_phone.errors) == ["phone"]
    long = ApplicantForm({"kind": "PERSON", "name": "A" * 400, "phone": "0905111222"})
    assert long.values()["name"] == "A" * 255  # the draft keeps what fits, as before


def test_the_declaration_and_the_return_method_are_one_field_each() -> None:
    assert not DeclarationForm({}).is_valid() and DeclarationForm({"declaration": "on"}).is_valid()
    methods = ReturnMethodForm(["DESK", "POST"], {"return_method": "ONLINE"})
    assert not methods.is_valid() and list(methods.errors) == ["return_method"]


def test_a_step_with_errors_answers_422_and_keeps_what_was_typed() -> None:
    version = online_version()
    url = f"/nop-ho-so/{version.procedure.code}/"
    response = Client().post(url, {"buoc": "nguoi-nop", "kind": "PERSON", "name": "Phạm Thị Lan"})
    assert response.status_code == 422
    assert "Phạm Thị Lan" in response.content.decode()


def _submitted_dossier() -> Dossier:
    version = online_version()
    client = Client()
    key = walk_to_review(client, version)
    client.post(f"/nop-ho-so/{version.procedure.code}/", {"buoc": "xem-lai", "idempotency_key": key})
    return Dossier.objects.get()


def test_an_unknown_action_on_the_citizens_page_is_403() -> None:
    dossier = _submitted_dossier()
    url = f"/ho-so/{dossier.code}/thao-tac/"
    assert Client().post(url, {"t": dossier_token(dossier.code), "action": "assign"}).status_code == 403


def test_a_withdrawal_without_confirmation_in_the_wrong_state_is_409_not_422() -> None:
    dossier = _submitted_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(state=State.RECEIVED)
    url = f"/ho-so/{dossier.code}/thao-tac/"
    assert Client().post(url, {"t": dossier_token(dossier.code), "action": "withdraw"}).status_code == 409
