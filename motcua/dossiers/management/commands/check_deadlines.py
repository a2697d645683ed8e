"""Remind officers of steps and dossiers due within a working day; prompt leaders to apologise.

Also runs daily at 07:00 as the q2 schedule `motcua.check_deadlines`. Idempotent per day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core import calendar
from motcua.dossiers.processing import deadlines_check


class Command(BaseCommand):
    help = "Nhắc hạn bước xử lý, hạn trả hồ sơ và đề nghị xin lỗi, hẹn lại khi hồ sơ không kịp hạn."

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
                raise CommandError(f"--at: {exc}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now, calendar.local_tz())
        result = deadlines_check(now=now)
        self.stdout.write(
            f"{result.step_reminders} nhắc hạn bước, {result.dossier_reminders} nhắc hạn hồ sơ, "
            f"{result.apology_prompts} đề nghị xin lỗi."
        )
