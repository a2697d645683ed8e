"""The event log is append-only in the database and the dossier is a cache of it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.replay import dossier_cached, dossier_replay
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_an_update_on_an_event_fails_in_the_database() -> None:
    dossier = make_dossier()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        DossierEvent.objects.filter(dossier=dossier).update(action="withdraw")
    assert list(dossier.events.values_list("action", flat=True)) == ["create", "receive"]


def test_a_delete_of_an_event_fails_while_its_dossier_exists() -> None:
    dossier = make_dossier()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        DossierEvent.objects.filter(dossier=dossier).delete()
    assert dossier.events.count() == 2


@pytest.mark.parametrize("outcome", [Outcome.RECEIVE, Outcome.GUIDE, Outcome.REFUSE])
def test_a_replay_of_the_events_reproduces_the_dossier(outcome: str) -> None:
    dossier = make_dossier(outcome=outcome)
    dossier.refresh_from_db()
    assert dossier_replay(dossier) == dossier_cached(dossier)
