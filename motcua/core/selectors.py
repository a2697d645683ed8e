"""Reads for /healthz: database, worker heartbeat and the outbox backlog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from motcua.core.models import Heartbeat
from motcua.core.services import WORKER_HEARTBEAT


@dataclass(frozen=True)
class Health:
    database: str
    worker_heartbeat_age_s: int | None
    outbox_backlog: int

    @property
    def healthy(self) -> bool:
        return (
            self.database == "ok"
            and self.worker_heartbeat_age_s is not None
            and self.worker_heartbeat_age_s <= settings.HEALTH_MAX_HEARTBEAT_AGE_S
        )


def health_check() -> Health:
    """Database reachable, worker alive, outbox backlog (0 until the notifications app plugs in)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beat = Heartbeat.objects.filter(name=WORKER_HEARTBEAT).first()
    except Exception:  # any driver error means the database is not usable
        return Health(database="error", worker_heartbeat_age_s=None, outbox_backlog=0)
    age = beat.age_seconds() if beat else None
    return Health(database="ok", worker_heartbeat_age_s=age, outbox_backlog=_outbox_backlog())


# Apps to the right of core (the notifications outbox) register their backlog counter here from
# their AppConfig.ready(), so core never imports them (ARCHITECTURE §2 dependency rule).
_BACKLOG_COUNTERS: list[Callable[[], int]] = []


def register_backlog_counter(counter: Callable[[], int]) -> None:
    if counter not in _BACKLOG_COUNTERS:
        _BACKLOG_COUNTERS.append(counter)


def _outbox_backlog() -> int:
    return sum(counter() for counter in _BACKLOG_COUNTERS)
