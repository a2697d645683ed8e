from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from motcua.core.models import Heartbeat
from motcua.core.services import heartbeat_beat
from motcua.core.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_is_503_until_the_worker_has_beaten(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "worker_heartbeat_age_s": None, "outbox_backlog": 0}


def test_healthz_is_200_with_a_fresh_heartbeat(client: Client) -> None:
    worker_heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert 0 <= body["worker_heartbeat_age_s"] < 5
    assert body["outbox_backlog"] == 0


def test_healthz_is_503_when_the_heartbeat_is_older_than_five_minutes(client: Client) -> None:
    heartbeat_beat()
    Heartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=5, seconds=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker_heartbeat_age_s"] >= 300


def test_the_heartbeat_schedule_runs_every_minute() -> None:
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="motcua.worker_heartbeat")
    assert schedule.func == "motcua.core.tasks.worker_heartbeat"
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)
