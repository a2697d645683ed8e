"""Withdraw online dossiers left GUIDED (form 02) for `ONLINE_GUIDED_EXPIRY_DAYS` calendar days.

Also runs daily at 06:30 as the q2 schedule `motcua.expire_guided`. Idempotent: a withdrawn dossier
is never touched again.
"""

from __future__ import annotations

from typing import Any

from motcua.core.management.instant import InstantCommand
from motcua.dossiers.online import guided_expire, guided_expiry_days


class Command(InstantCommand):
    help = "Rút các hồ sơ trực tuyến đã hướng dẫn bổ sung nhưng không được nộp lại trong thời hạn."

    def handle(self, *args: Any, **options: Any) -> None:
        now = self.instant(options)
        count = guided_expire(now=now)
        self.stdout.write(
            f"Đã rút {count} hồ sơ quá {guided_expiry_days()} ngày không nộp lại sau hướng dẫn bổ sung."
        )
