"""`staff_evaluations --month YYYY-MM` (CONTRACTS §9): fill a month's figures of every desk officer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.exceptions import InvalidInput
from motcua.core.periods import parse_month
from motcua.oversight.services import staff_evaluations_fill


class Command(BaseCommand):
    help = "Tính số liệu đánh giá cán bộ một cửa của một tháng báo cáo (--month YYYY-MM)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM, ví dụ 2026-03")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = parse_month(options["month"])
        except InvalidInput as exc:
            raise CommandError(exc.message) from exc
        rows = staff_evaluations_fill(period=period)
        self.stdout.write(f"{len(rows)} cán bộ, {period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}")
