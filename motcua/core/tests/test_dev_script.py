"""The `dev` script's checks leave the working tree as they found it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(not shutil.which("msgattrib"), reason="needs gettext")
def test_the_translation_check_does_not_rewrite_the_tracked_catalogue():
    before = CATALOGUE.read_bytes()
    mtime = CATALOGUE.stat().st_mtime_ns
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    run = subprocess.run(  # noqa: S603
        ["bash", str(settings.BASE_DIR / "dev"), "translations"],  # noqa: S607
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert "translations: every message has an English translation" in run.stdout, run.stderr
    # Whether every message is translated or not (a branch may carry pending ones), the tracked
    # catalogue is neither rewritten (creation date, line references) nor touched.
    assert CATALOGUE.read_bytes() == before
    assert CATALOGUE.stat().st_mtime_ns == mtime
    assert run.returncode == 0 or "Chưa dịch" in run.stderr
