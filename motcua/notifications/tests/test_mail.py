"""E-mail under `./dev serve` and the demo: one .eml file per message in var/outbox/mail/."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from pathlib import Path
from typing import Any as SettingsWrapper

import pytest
from django.conf import settings as django_settings

from motcua.notifications.transports import EmailTransport, Outgoing

BACKEND = "motcua.notifications.mail.OutboxEmailBackend"


def test_an_email_is_written_as_an_eml_file_in_the_outbox(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.EMAIL_BACKEND = BACKEND
    settings.VAR_DIR = tmp_path
    out = Outgoing(
        message_id=1, channel="EMAIL", to="dan@example.vn", subject="Hồ sơ đã tiếp nhận",
        body="Kính gửi ông/bà, hồ sơ đã được tiếp nhận.", idempotency_key="k-1",
    )  # fmt: skip
    EmailTransport().send(out)
    files = list((tmp_path / "outbox" / "mail").glob("*.eml"))
    assert len(files) == 1
    parsed = email.message_from_bytes(files[0].read_bytes())
    assert parsed["To"] == "dan@example.vn"
    assert parsed["X-MotCua-Idempotency-Key"] == "k-1"
    assert "Kính gửi ông/bà" in parsed.get_payload(decode=True).decode()


@pytest.mark.parametrize(("debug", "demo"), [("true", "true"), ("false", "true")])
def test_dev_serve_and_the_demo_write_emails_to_the_outbox_by_default(debug: str, demo: str) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in {"EMAIL_BACKEND", "MOTCUA_TESTING"}}
    environment.update(DEBUG=debug, DEMO_MODE=demo, DJANGO_SETTINGS_MODULE="config.settings")
    environment.setdefault("SECRET_KEY", "x" * 60)
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        cwd=django_settings.BASE_DIR, env=environment, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert printed.strip() == BACKEND
