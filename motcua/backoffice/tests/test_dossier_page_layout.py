"""How the dossier pages present things: the order and look of the action buttons, the identifier
field that fits the applicant, phone numbers as people write them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import Cast, make_cast, make_dossier_in
from motcua.dossiers.tests.test_worklists import submitted_online

pytestmark = pytest.mark.django_db


def page_for(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(url).content.decode()


def action_forms(html: str) -> list[tuple[str, str]]:
    """(action, tone) of each action form, in page order."""
    return re.findall(r'class="stacked action-form action-(\w+)" id="action-(\w+)"', html)


def test_the_way_forward_comes_first_and_withdrawing_last_styled_as_destructive() -> None:
    cast: Cast = make_cast()
    dossier = submitted_online(cast)
    forms = [
        (name, tone) for tone, name in action_forms(page_for(cast.desk, f"/quan-tri/ho-so/{dossier.code}/"))
    ]
    names = [name for name, _ in forms]
    assert names[0] == "receive" and dict(forms)["receive"] == "primary"
    assert (
        set(names[-2:]) == {"refuse", "withdraw"}
        and dict(forms)["withdraw"] == dict(forms)["refuse"] == "danger"
    )
    assert dict(forms)["guide"] == "secondary"


def test_a_leaders_forms_put_assignment_first_and_stopping_last() -> None:
    dossier, cast = make_dossier_in(State.RECEIVED)
    names = [name for _, name in action_forms(page_for(cast.leader, f"/quan-tri/ho-so/{dossier.code}/"))]
    assert names[0] == "assign" and names[-1] == "stop"


def test_the_intake_form_marks_the_identifier_of_each_kind_of_applicant() -> None:
    cast = make_cast()
    html = page_for(cast.desk, f"/quan-tri/ho-so/tiep-nhan/?thu_tuc={cast.version.procedure.code}")
    assert 'class="applicant-fields"' in html
    assert re.search(r'class="field only-person">\s*<label for="id_applicant_id_number"', html)
    assert re.search(r'class="field only-organisation">\s*<label for="id_applicant_tax_code"', html)
