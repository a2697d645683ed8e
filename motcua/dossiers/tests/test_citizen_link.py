"""One link to the citizen's page (CONTRACTS §3, §9): `/ho-so/<code>/?t=<token>` — the same in every
message to the applicant and in the API's answer; the page keeps the token in the session and
redirects to its address without it (`portal/citizen_session.py`)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from motcua.catalog.tests.factories import make_version
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.journal import dossier_public_url
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.factories import make_dossier
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _expected(dossier: Dossier) -> str:
    return f"{settings.PUBLIC_BASE_URL}/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}"


def test_the_builder_gives_the_citizen_page_with_the_token() -> None:
    dossier = make_dossier()
    assert dossier_public_url(dossier) == _expected(dossier)


@pytest.mark.parametrize("outcome", [Outcome.RECEIVE, Outcome.GUIDE, Outcome.REFUSE])
def test_every_link_sent_at_intake_opens_the_citizen_page(outcome: str) -> None:
    version = make_version()
    extra = {
        Outcome.RECEIVE: {},
        Outcome.GUIDE: {"guide_documents": [version.documents.first().pk]},
        Outcome.REFUSE: {"reason": "Không thuộc thẩm quyền"},
    }[outcome]
    dossier = make_dossier(outcome=outcome, version=version, **extra)
    messages = list(Message.objects.filter(subject_ref=f"dossier:{dossier.code}"))
    links = [link for message in messages for link in LINK.findall(message.body)]
    # The receipt SMS names the SMS look-up instead of a link; the e-mail and the other SMS carry it.
    assert links, [m.body for m in messages]
    assert {link.rstrip(".,;)") for link in links} == {_expected(dossier)}
    assert "/tra-cuu/?code=" not in " ".join(m.body for m in messages)


def test_the_link_keeps_the_token_in_the_session_and_lands_on_a_clean_address() -> None:
    dossier = make_dossier()
    client = Client()
    path = dossier_public_url(dossier).removeprefix(settings.PUBLIC_BASE_URL)
    moved = client.get(path)
    assert moved.status_code == 302 and moved["Location"] == f"/ho-so/{dossier.code}/"
    page = client.get(moved["Location"])
    assert page.status_code == 200 and dossier.code in page.content.decode()
    assert Client().get(f"/ho-so/{dossier.code}/").status_code == 404  # no token, no page
