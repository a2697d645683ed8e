"""q2 task functions: thin wrappers that call one service."""

from motcua.core import ratelimit
from motcua.core.services import heartbeat_beat


def worker_heartbeat() -> None:
    heartbeat_beat()


def purge_rate_counters() -> None:
    ratelimit.purge_expired()
