"""Project-wide pytest set-up: every test runs with the project's settings and a clean cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _sqlite_flush_despite_append_only_events(request: pytest.FixtureRequest) -> Iterator[None]:
    """Let a transactional test's flush empty the dossier tables on SQLite.

    The append-only trigger refuses deleting an event while its dossier exists, and SQLite's flush
    deletes tables in no set order (PostgreSQL truncates, which fires no trigger). So, just before
    the flush, remove the dossiers themselves; their events may then go. Requesting the database
    fixture from here makes this teardown run before the flush.
    """
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    if connection.vendor == "sqlite" and "dossiers_dossier" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("DELETE FROM dossiers_dossier")
            if "feedback_petition" in connection.introspection.table_names():  # the same for petitions
                cursor.execute("DELETE FROM feedback_petition")
            cursor.execute("PRAGMA foreign_keys = ON")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded scans, results and cached PDFs of a test go to a temporary folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
