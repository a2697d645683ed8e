"""The phone4 lock holds against simultaneous guesses (issue 13, item 7): each guess is counted
before it is compared, so at most `LOOKUP_PHONE4_FAILURES` wrong guesses per code are evaluated."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import constant_time_compare

from motcua.core.exceptions import RateLimited
from motcua.dossiers import lookup as lookup_module
from motcua.dossiers.tests.factories import make_dossier

VN = ZoneInfo("Asia/Ho_Chi_Minh")


CACHES = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # a default install's cache: increments by reading and writing back
    "file": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"},
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", sorted(CACHES))
def test_twelve_simultaneous_guesses_evaluate_at_most_five_wrong_ones(
    monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Any, backend: str
) -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database shares one cache between threads and answers "table is
        # locked" at once instead of waiting (a deployment's SQLite file waits on its busy timeout, and
        # one statement is one write there): threads racing for one row are a PostgreSQL test.
        pytest.skip("concurrent writers: PostgreSQL only (shared-cache in-memory SQLite locks tables)")
    settings.CACHES = {"default": {**CACHES[backend], "LOCATION": str(tmp_path)}}
    cache.clear()
    dossier = make_dossier(now=datetime(2026, 3, 4, 9, 0, tzinfo=VN))  # phone +84905123456
    guesses = [f"{n:04d}" for n in range(1, 13)]
    guesses[8] = "3456"  # the right one, ninth
    compared: list[str] = []

    def slow_compare(a: Any, b: Any) -> bool:
        compared.append(str(b))
        time.sleep(0.05)  # a comparison that takes a while, as a busy server's would
        return constant_time_compare(a, b)

    monkeypatch.setattr(lookup_module, "constant_time_compare", slow_compare)
    barrier = threading.Barrier(len(guesses))
    answers: list[Any] = [None] * len(guesses)

    def guess(index: int) -> None:
        try:
            barrier.wait()
            try:
                answers[index] = lookup_module.lookup(
                    dossier.code, phone4=guesses[index], client=f"10.0.0.{index}"
                )
            except RateLimited:
                answers[index] = "locked"
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(guesses))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    wrong = [g for g in compared if g != "3456"]
    assert len(wrong) <= 5
    assert answers.count("locked") >= len(guesses) - 5
    if "3456" not in compared:  # the budget was spent before the right guess was looked at
        assert all(a == "locked" or a["verified"] is False for a in answers)
