"""`manage.py plan_reminders`: remind agencies of reform-plan reports due or overdue (also a q2 schedule)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.plans.services import plan_reminders_send


class Command(BaseCommand):
    help = "Nhắc các cơ quan chưa báo cáo kết quả thực hiện kế hoạch CCHC (trước hạn và khi quá hạn)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Đã xếp {plan_reminders_send()} thư nhắc vào hộp thư đi.")
