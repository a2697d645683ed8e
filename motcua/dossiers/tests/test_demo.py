from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from motcua.dossiers.models import Dossier, State
from motcua.dossiers.replay import dossier_cached, dossier_replay

pytestmark = pytest.mark.django_db


@override_settings(DEMO_MODE=True)
def test_seed_demo_adds_dossiers_in_every_intake_state_through_the_services_once() -> None:
    call_command("seed_demo", verbosity=0)
    states = set(Dossier.objects.values_list("state", flat=True))
    assert {State.RECEIVED, State.GUIDED, State.REFUSED} <= states
    count = Dossier.objects.count()
    assert count >= 30
    call_command("seed_demo", verbosity=0)
    assert Dossier.objects.count() == count
    for dossier in Dossier.objects.all()[:10]:
        assert dossier_replay(dossier) == dossier_cached(dossier)
