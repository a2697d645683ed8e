"""The back office's forms (issue 14, item 3): each field validated once, inside the view after the
role check, so a page refuses in the order of CONTRACTS §5 — a body error never answers 422 before
the 403 or 409 the caller deserves."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.backoffice.dossier_forms import IntakeForm, RegisterPeriodForm
from motcua.backoffice.tests.test_dossier_views import URL, client_for, intake_post
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.tests.processing_factories import make_dossier_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer() -> Any:
    return UserFactory(role=Role.DESK_OFFICER, agency=AgencyFactory(name="UBND phường Cam Nghĩa"))


@pytest.fixture
def version(officer: Any) -> Any:
    return make_version(ProcedureFactory(name="Đăng ký kết hôn", agencies=[officer.agency]))


def test_a_role_that_never_takes_dossiers_hears_403_whatever_it_sends(officer: Any, version: Any) -> None:
    leader = UserFactory(role=Role.LEADER, agency=officer.agency)
    garbage = intake_post(version, sets="nhiều", postal_delivered_at="hôm qua")
    assert client_for(leader).post(URL, garbage).status_code == 403
    assert not Dossier.objects.exists()


def test_every_field_the_form_cannot_read_is_named_at_once(officer: Any, version: Any) -> None:
    first = version.documents.first()
    data = intake_post(
        version, sets="nhiều", postal_delivered_at="hôm qua", **{f"doc_{first.pk}_copies": "-1"}
    )
    response = client_for(officer).post(URL, data)
    assert response.status_code == 422
    body = response.content.decode()
    for name in ("sets", "postal_delivered_at", f"doc_{first.pk}_copies"):
        assert f'href="#id_{name}"' in body, name
    assert not Dossier.objects.exists()


def test_the_intake_form_gives_the_use_case_its_arguments(version: Any) -> None:
    first, second = list(version.documents.all())
    form = IntakeForm(version, intake_post(version, sets="", guide_documents=[str(second.pk)]))
    assert form.is_valid(), form.errors
    arguments = form.intake_arguments()
    assert arguments["sets"] == 1  # empty is the default
    assert [(d.document_id, d.originals, d.copies) for d in arguments["documents"]] == [(first.pk, 1, 0)]
    assert arguments["guide_documents"] == [second.pk]
    assert arguments["applicant"].name == "Trần Thị Bích Ngọc" and arguments["postal_delivered_at"] is None


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("hôm qua", "", "start"), ("01/03/1999", "", "start"), ("31/03/2026", "01/03/2026", "end"),
     ("01/01/2024", "31/03/2026", "end")],
)  # fmt: skip
def test_the_registers_period_is_read_by_one_form(start: str, end: str, field: str) -> None:
    form = RegisterPeriodForm({"start": start, "end": end})
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_an_action_form_in_the_wrong_state_is_409_before_its_fields() -> None:
    dossier, cast = make_dossier_in(State.RETURNED)
    client = Client()
    client.force_login(cast.leader)
    url = f"/quan-tri/ho-so/{dossier.code}/thao-tac/assign/"
    assert client.post(url, {"assignee": "khong-co-ai"}).status_code == 409
    assert client.post(url, {"assignee": ["a", "b"]}).status_code == 409
