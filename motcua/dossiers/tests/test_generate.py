"""generate_dossiers: deterministic by seed, histories made through the services that replay exactly."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction

from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.models import Dossier, DossierEvent, State
from motcua.dossiers.replay import dossier_cached, dossier_replay

pytestmark = pytest.mark.django_db

END = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
COUNT = 60


@pytest.fixture
def locality() -> None:
    locality_load()


def snapshot() -> list[tuple[str, str, int]]:
    return sorted((d.code, d.state, d.events.count()) for d in Dossier.objects.all())


def test_the_same_seed_gives_the_same_codes_states_and_histories(locality: None) -> None:
    runs = []
    for _ in range(2):
        with transaction.atomic():
            result = dossiers_generate(count=COUNT, seed=7, days=60, end=END)
            runs.append((result.codes, snapshot()))
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert len(runs[0][0]) == COUNT
    with transaction.atomic():
        other = dossiers_generate(count=COUNT, seed=8, days=60, end=END)
        assert snapshot() != runs[0][1] or other.codes != runs[0][0]
        transaction.set_rollback(True)


def test_every_generated_dossier_replays_to_its_cached_state(locality: None) -> None:
    result = dossiers_generate(count=COUNT, seed=11, days=60, end=END)
    dossiers = Dossier.objects.filter(code__in=result.codes).select_related("procedure_version")
    assert dossiers.count() == COUNT
    for dossier in dossiers:
        assert dossier_replay(dossier) == dossier_cached(dossier), dossier.code


def test_generated_histories_mix_states_and_actions(locality: None) -> None:
    result = dossiers_generate(count=120, seed=3, days=90, end=END)
    states = Counter(Dossier.objects.filter(code__in=result.codes).values_list("state", flat=True))
    assert states[State.RETURNED] > 0
    assert states[State.GUIDED] + states[State.REFUSED] > 0
    assert len(states) >= 5, states
    actions = set(
        DossierEvent.objects.filter(dossier__code__in=result.codes).values_list("action", flat=True)
    )
    assert {"create", "receive", "assign", "forward", "mark_ready", "return_result"} <= actions
    assert actions & {"request_supplement", "pause", "apologise", "stop", "withdraw"}
    assert all(
        d.due_at is None or d.received_at <= d.due_at for d in Dossier.objects.filter(code__in=result.codes)
    )


def test_one_agency_only_and_the_command_reports_its_rate(locality: None) -> None:
    out, err = StringIO(), StringIO()
    call_command("generate_dossiers", count=12, seed=1, agency="000.52.31.H34", days=20, end=END.isoformat(),
                 stdout=out, stderr=err)  # fmt: skip
    assert "Đã sinh 12 hồ sơ" in out.getvalue()
    assert set(Dossier.objects.values_list("receiving_agency__code", flat=True)) == {"000.52.31.H34"}


def test_the_command_loads_the_demo_locality_when_it_is_missing() -> None:
    err = StringIO()
    call_command(
        "generate_dossiers", count=3, seed=1, days=5, end=END.isoformat(), stdout=StringIO(), stderr=err
    )
    assert "Nạp địa phương" in err.getvalue()
    assert Dossier.objects.count() == 3
