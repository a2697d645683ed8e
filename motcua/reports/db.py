"""A seam for PostgreSQL's planner settings around the report aggregates.

The reports' conditional counts carry correlated EXISTS probes (pauses open at an instant) whose
estimated cost passes PostgreSQL's `jit_above_cost`, so the server compiles the query to machine
code: at 3,000 dossiers that took 200 ms for a 35 ms query (bench/reports.py, docs/benchmarks.md).
These aggregates run once per page, so compilation never pays off: switch JIT off for their
transaction only (`SET LOCAL`). SQLite has no JIT: nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.db import connection, transaction

P = ParamSpec("P")
R = TypeVar("R")


def without_jit(fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if connection.vendor != "postgresql":
            return fn(*args, **kwargs)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
            return fn(*args, **kwargs)

    return wrapped
