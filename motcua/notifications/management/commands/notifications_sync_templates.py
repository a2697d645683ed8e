"""Create the message templates that the code registry declares and the database lacks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.notifications.services import templates_sync


class Command(BaseCommand):
    help = "Tạo các mẫu tin nhắn còn thiếu từ danh mục trong mã nguồn (không ghi đè mẫu đã sửa)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = templates_sync()
        self.stdout.write(f"{created} mẫu mới.")
