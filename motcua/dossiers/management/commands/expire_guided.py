"""Withdraw online dossiers left GUIDED (form 02) for `ONLINE_GUIDED_EXPIRY_DAYS` calendar days.

Also runs daily at 06:30 as the q2 schedule `motcua.expire_guided`. Idempotent: a withdrawn dossier
is never touched again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core import calendar
from motcua.dossiers.online import guided_expire, guided_expiry_days


class Command(BaseCommand):
    help = "Rút các hồ sơ trực tuyến đã hướng dẫn bổ sung nhưng không được nộp lại trong thời hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at", help="Thời điểm kiểm tra, ISO 8601 (mặc định: bây giờ; không có múi giờ là giờ Việt Nam)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options.get("at"):
            try:
                now = datetime.fromisoformat(options["at"])
            except ValueError as exc:
                raise CommandError(f"--at: {exc}") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now, calendar.local_tz())
        count = guided_expire(now=now)
        self.stdout.write(
            f"Đã rút {count} hồ sơ quá {guided_expiry_days()} ngày không nộp lại sau hướng dẫn bổ sung."
        )
