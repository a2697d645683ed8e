from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, State
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


@override_settings(DEMO_MODE=True)
def test_demo_dossiers_never_happen_after_the_moment_the_demo_is_loaded() -> None:
    # Before the opening on a working day: nothing may be "received at 16:46 today".
    now = datetime(2026, 3, 3, 5, 50, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(now, tick=False):
        call_command("seed_demo", verbosity=0)
    assert DossierEvent.objects.exists()
    assert not DossierEvent.objects.filter(at__gt=now).exists()
    assert not Dossier.objects.filter(created_at__gt=now).exists()
    assert not Dossier.objects.filter(received_at__gt=now).exists()
    assert not DossierStep.objects.filter(started_at__gt=now).exists()
    # The desk has handed some received dossiers to the agencies that handle them.
    assert DossierEvent.objects.filter(action="forward", officer__username="tiepnhan").exists()
