"""An e-mail backend for development and the demo: each message is written to
`MOTCUA_VAR_DIR/outbox/mail/` as one `.eml` file (open it with any mail reader), beside the SMS of
the `file` transport (`outbox/sms.jsonl`). The default `EMAIL_BACKEND` under `DEBUG` or
`DEMO_MODE` (docs/notifications.md); never a production choice: nothing is delivered."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


def outbox_mail_dir() -> Path:
    return Path(settings.VAR_DIR) / "outbox" / "mail"


class OutboxEmailBackend(BaseEmailBackend):
    """Writes `<UTC time>-<random>.eml` per message; returns how many were written."""

    _lock = threading.Lock()

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        directory = outbox_mail_dir()
        written = 0
        with self._lock:
            directory.mkdir(parents=True, exist_ok=True)
            for message in email_messages:
                if not message.recipients():
                    continue
                name = f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}.eml"
                try:
                    (directory / name).write_bytes(message.message().as_bytes(linesep="\n"))
                except OSError:
                    if not self.fail_silently:
                        raise
                    continue
                written += 1
        return written
