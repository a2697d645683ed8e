"""The one rate limiter, shared by every process: counters are rows of `RateCounter`, each changed
by one atomic statement (an upsert, or an update), so simultaneous requests never read the same
count. Used by the public look-up (per client, per SMS sender, the phone4 failures per code),
online submission and draft uploads.

Not Django's cache: its file and database backends increment by reading and writing back (two
requests at once both pass) and reset a key's expiry to the default timeout on increment (an hourly
counter forgets after five idle minutes). The cache stays for what may be lost (ADR 0006).
"""

from __future__ import annotations

import hashlib
import math
import time

from django.db import connection
from django.db.models import F

from motcua.core.models import RateCounter

_TABLE = RateCounter._meta.db_table
# PostgreSQL and SQLite (3.35+) both take ON CONFLICT … DO UPDATE … RETURNING. A row whose window has
# closed starts again from this amount.
_UPSERT = f"""
INSERT INTO {_TABLE} (name, value, expires_at) VALUES (%s, %s, %s)
ON CONFLICT (name) DO UPDATE SET
  value = CASE WHEN {_TABLE}.expires_at <= %s THEN excluded.value ELSE {_TABLE}.value + excluded.value END,
  expires_at = CASE WHEN {_TABLE}.expires_at <= %s THEN excluded.expires_at ELSE {_TABLE}.expires_at END
RETURNING value, expires_at
"""  # noqa: S608 - the table name is the model's own, every value a parameter


def digest(value: str) -> str:
    """A short hash of a client address, phone number or session key: counters never name them."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _add(name: str, amount: int, expires_at: float, now: float) -> tuple[int, float]:
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [name, amount, expires_at, now, now])
        value, closes = cursor.fetchone()
    return int(value), float(closes)


def count(key: str, window_s: int, amount: int = 1) -> tuple[int, int]:
    """Add `amount` (one hit, or bytes) in the current fixed window of `window_s`;
    (total so far in the window, seconds left in it)."""
    now = time.time()
    bucket = int(now // window_s)
    closes = (bucket + 1) * window_s
    total, _closes = _add(f"{key}:{bucket}", amount, closes, now)
    return total, max(1, math.ceil(closes - now))


def count_from_first(key: str, window_s: int, amount: int = 1) -> tuple[int, int]:
    """Add `amount` in a window that opens with the key's first hit and lasts `window_s`;
    (total so far in it, seconds left in it)."""
    now = time.time()
    total, closes = _add(key, amount, now + window_s, now)
    return total, max(1, math.ceil(closes - now))


def give_back(key: str, amount: int = 1) -> None:
    """Take `amount` back from a `count_from_first` counter whose window is still open."""
    RateCounter.objects.filter(name=key, expires_at__gt=time.time()).update(value=F("value") - amount)


def purge_expired() -> int:
    """Delete the counters whose window has closed; how many (an hourly schedule)."""
    deleted, _by_model = RateCounter.objects.filter(expires_at__lte=time.time()).delete()
    return deleted
