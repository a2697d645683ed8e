"""The one rate limiter: fixed-window counters in Django's cache, shared by every process when the
cache is (`CACHE_URL`, ADR 0006). Used by the public look-up, online submission and draft uploads."""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache


def digest(value: str) -> str:
    """A short hash of a client address, phone number or session key: counters never name them."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def count(key: str, window_s: int, amount: int = 1) -> tuple[int, int]:
    """Add `amount` (one hit, or bytes) in the current fixed window of `window_s`;
    (total so far in the window, seconds left in it)."""
    now = time.time()
    bucket = int(now // window_s)
    name = f"{key}:{bucket}"
    cache.add(name, 0, timeout=window_s + 1)
    try:
        total = cache.incr(name, amount)
    except ValueError:  # expired between add and incr
        cache.set(name, amount, timeout=window_s + 1)
        total = amount
    return total, max(1, math.ceil((bucket + 1) * window_s - now))
