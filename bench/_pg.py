"""Shared set-up of the PostgreSQL benchmarks: a throwaway database and Django configured for it.

Imported by the benchmark scripts after they put the project root on the path (bench/calendar.py
would shadow the standard library's calendar, so the scripts drop this folder from the path).
"""

from __future__ import annotations

import os
import subprocess
import tempfile

ADMIN_URL = os.environ.get("DATABASE_URL_BENCH_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")


def psql(sql: str) -> None:
    subprocess.run(["psql", ADMIN_URL, "-q", "-c", sql], check=True, capture_output=True)  # noqa: S603, S607


def setup_django(db_name: str, **env: str) -> None:
    """Point Django at `db_name` (DATABASE_URL_BENCH overrides), queue tasks as in production, keep the
    log quiet, then migrate and load the demo locality."""
    os.environ["DATABASE_URL"] = os.environ.get(
        "DATABASE_URL_BENCH", f"postgres://postgres@127.0.0.1:5432/{db_name}"
    )
    os.environ["MOTCUA_VAR_DIR"] = tempfile.mkdtemp(prefix="motcua-bench-")
    os.environ["MOTCUA_TESTING"] = "1"
    os.environ["Q_SYNC"] = "false"  # tasks go to the queue, as in production
    os.environ["DEMO_MODE"] = "true"
    os.environ["LOG_LEVEL"] = "WARNING"  # one "Enqueued" line per message would drown the figures
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
