"""`manage.py plan_link_indicator PLAN TASK KEY [--target N]`: make a task follow an indicator."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.exceptions import InvalidInput
from motcua.core.indicators import indicator_all
from motcua.plans.models import PlanTask
from motcua.plans.services import task_indicator_link


class Command(BaseCommand):
    help = 'Gắn nhiệm vụ của kế hoạch CCHC với một chỉ số của hệ thống (KEY rỗng "" để bỏ gắn).'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", type=int)
        parser.add_argument("task", help="Số thứ tự nhiệm vụ, ví dụ 5.1")
        parser.add_argument("key", nargs="?", default=None)
        parser.add_argument("--target", help="Chỉ tiêu, ví dụ 95")
        parser.add_argument("--list", action="store_true", help="Liệt kê các chỉ số đã đăng ký.")

    def handle(
        self, *args: Any, plan: int, task: str, key: str | None, target: str | None, **options: Any
    ) -> None:
        if options["list"] or key is None:
            for indicator in indicator_all():
                self.stdout.write(f"{indicator.key}\t{indicator.label}\t({indicator.owner})")
            return
        row = PlanTask.objects.filter(plan_id=plan, number=task).first()
        if row is None:
            raise CommandError(f"Kế hoạch #{plan} không có nhiệm vụ {task}.")
        try:
            value = Decimal(target) if target else None
        except InvalidOperation:
            raise CommandError(f"Chỉ tiêu không hợp lệ: {target}") from None
        try:
            task_indicator_link(task=row, key=key, target=value)
        except InvalidInput as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"Nhiệm vụ {task}: {key or '(bỏ gắn)'} {target or ''}".rstrip()))
