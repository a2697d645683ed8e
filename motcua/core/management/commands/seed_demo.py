"""Load the demo data of every MotCua app, in dependency order; safe to run again."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (địa phương Cam Ranh năm 2022); chạy lại không tạo trùng."

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("motcua."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.seed()
            self.stdout.write(f"  {config.verbose_name}: ok")
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
