"""A base for commands that act "as of now" and accept `--at` to run for another instant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.calendar import FIRST_YEAR, LAST_YEAR
from motcua.core.instants import InstantOutOfRange, parse_instant


class InstantCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at", help="Thời điểm chạy, ISO 8601 (mặc định: bây giờ; không có múi giờ là giờ Việt Nam)."
        )

    def instant(self, options: dict[str, Any]) -> datetime | None:
        """The `--at` instant, aware (Vietnam time when no offset is given), or None for now."""
        if not options.get("at"):
            return None
        try:
            return parse_instant(options["at"])
        except InstantOutOfRange:
            raise CommandError(
                f"--at: năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}: {options['at']!r}"
            ) from None
        except ValueError:
            raise CommandError(f"--at: không phải thời điểm ISO 8601: {options['at']!r}") from None
