"""Print the demo administrator's current TOTP code (demo mode only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from motcua.accounts.demo import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "In mã TOTP hiện tại của tài khoản quản trị minh họa (chỉ trong chế độ trình diễn)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Chỉ dùng được khi DEMO_MODE=true.")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
        self.stdout.write(f"{totp.token():06d}")
