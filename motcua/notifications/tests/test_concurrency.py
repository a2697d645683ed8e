"""Two workers at once: disjoint claims (SKIP LOCKED on PostgreSQL) and no message sent twice."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from motcua.notifications.models import Message
from motcua.notifications.services import message_claim, message_sweep
from motcua.notifications.tests.factories import MessageFactory
from motcua.notifications.transports import MemoryTransport

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(target: Callable[[], Any], n: int = 2) -> list[Any]:
    barrier = threading.Barrier(n, timeout=10)
    results: list[Any] = []
    errors: list[BaseException] = []

    def body() -> None:
        try:
            barrier.wait()
            results.append(target())
        except BaseException as exc:  # surfaced in the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=body) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_two_workers_claim_disjoint_batches() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite deployments run one worker: IMMEDIATE transactions serialise writers")
    MessageFactory.create_batch(40)
    first, second = run_in_threads(lambda: message_claim(limit=25)[0])
    assert not set(first) & set(second)
    assert len(first) + len(second) == 40
    assert Message.objects.filter(status=Message.Status.SENDING).count() == 40


def test_two_sweepers_deliver_every_message_exactly_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite deployments run one worker: IMMEDIATE transactions serialise writers")
    messages = MessageFactory.create_batch(60)
    run_in_threads(lambda: message_sweep(batch_size=7, time_budget_s=20))
    sent = Counter(out.idempotency_key for out in MemoryTransport.outbox)
    assert sorted(sent) == sorted(str(m.idempotency_key) for m in messages)
    assert set(sent.values()) == {1}
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
