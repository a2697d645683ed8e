"""Remind officers of steps and dossiers due within a working day; prompt leaders to apologise.

Also runs daily at 07:00 as the q2 schedule `motcua.check_deadlines`. Idempotent per day.
"""

from __future__ import annotations

from typing import Any

from motcua.core.management.instant import InstantCommand
from motcua.dossiers.deadlines import deadlines_check


class Command(InstantCommand):
    help = "Nhắc hạn bước xử lý, hạn trả hồ sơ và đề nghị xin lỗi, hẹn lại khi hồ sơ không kịp hạn."

    def handle(self, *args: Any, **options: Any) -> None:
        now = self.instant(options)
        result = deadlines_check(now=now)
        self.stdout.write(
            f"{result.step_reminders} nhắc hạn bước, {result.dossier_reminders} nhắc hạn hồ sơ, "
            f"{result.apology_prompts} đề nghị xin lỗi."
        )
