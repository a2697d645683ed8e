"""Use cases of the core app."""

from __future__ import annotations

from django.utils import timezone

from motcua.core.models import Heartbeat

WORKER_HEARTBEAT = "worker"


def heartbeat_beat(*, name: str = WORKER_HEARTBEAT) -> Heartbeat:
    """Record that a process is alive; the q2 schedule calls this every minute from the worker."""
    beat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
    return beat
