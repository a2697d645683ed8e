"""The one rate limiter (`motcua.core.ratelimit`): exact counts in the database, whatever cache the
deployment runs — the file cache of a default install neither increments atomically nor keeps a
key's expiry when it increments."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import connection

from motcua.core import ratelimit
from motcua.core.models import RateCounter

START = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)


@pytest.fixture
def file_cache(settings: Any, tmp_path: Path) -> None:
    """The cache of a default install (`CACHE_URL=file://…`)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("file_cache")
def test_an_hourly_count_from_the_first_hit_survives_idle_minutes_and_ends_with_its_hour() -> None:
    with time_machine.travel(START, tick=False) as clock:
        assert ratelimit.count_from_first("k", 3600)[0] == 1
        clock.shift(timedelta(minutes=10))  # past the caches' default 300 s timeout
        total, left = ratelimit.count_from_first("k", 3600)
        assert total == 2 and left == 50 * 60
        clock.shift(timedelta(minutes=51))
        assert ratelimit.count_from_first("k", 3600)[0] == 1  # a new hour starts from this hit


@pytest.mark.django_db
def test_a_fixed_window_count_adds_amounts_and_starts_again_in_the_next_window() -> None:
    with time_machine.travel(START + timedelta(seconds=10), tick=False) as clock:
        assert ratelimit.count("bytes", 60, 500) == (500, 50)
        assert ratelimit.count("bytes", 60, 250) == (750, 50)
        clock.shift(timedelta(seconds=60))
        assert ratelimit.count("bytes", 60, 1)[0] == 1


@pytest.mark.django_db
def test_giving_back_lowers_an_open_count_and_purging_removes_closed_windows_only() -> None:
    with time_machine.travel(START, tick=False) as clock:
        ratelimit.count_from_first("a", 60)
        ratelimit.count_from_first("a", 60)
        ratelimit.give_back("a")
        assert RateCounter.objects.get(name="a").value == 1
        ratelimit.count_from_first("b", 3600)
        clock.shift(timedelta(minutes=2))
        assert ratelimit.purge_expired() == 1
        assert list(RateCounter.objects.values_list("name", flat=True)) == ["b"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("file_cache")
def test_simultaneous_hits_are_each_counted_once() -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database shares one cache between threads and answers "table is
        # locked" at once instead of waiting (a deployment's SQLite file waits on its busy timeout, and
        # one statement is one write there): threads racing for one row are a PostgreSQL test.
        pytest.skip("concurrent writers: PostgreSQL only (shared-cache in-memory SQLite locks tables)")
    hits = 12
    barrier = threading.Barrier(hits)
    seen: list[int] = []

    def hit() -> None:
        try:
            barrier.wait()
            seen.append(ratelimit.count_from_first("race", 3600)[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(hits)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == list(range(1, hits + 1))
