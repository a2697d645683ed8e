"""Send today's petition reminders now (the daily q2 schedule does it at 07:05)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.feedback.deadlines import petition_deadlines_check


class Command(BaseCommand):
    help = "Nhắc hạn xử lý phản ánh, kiến nghị (từ chối, giải quyết, công khai)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = petition_deadlines_check()
        self.stdout.write(f"Đã gửi {sent} lời nhắc.")
