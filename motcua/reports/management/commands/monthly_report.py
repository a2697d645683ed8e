"""`monthly_report --month YYYY-MM --format xlsx|pdf [--agency CODE] [--output FILE]` (CONTRACTS §9):
the reporting month's report, the same file the back office exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.models import agency_by_code
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import parse_month
from motcua.reports.exports import report_filename, report_pdf, report_xlsx
from motcua.reports.figures import Scope
from motcua.reports.monthly import LATE_ON_SCREEN, monthly_report


class Command(BaseCommand):
    help = "Xuất báo cáo tình hình giải quyết TTHC của một tháng báo cáo ra XLSX hoặc PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM: kỳ báo cáo kết thúc trong tháng này")
        parser.add_argument("--format", required=True, choices=["xlsx", "pdf"])
        parser.add_argument(
            "--agency", default="", help="mã cơ quan (gồm đơn vị trực thuộc); bỏ trống: toàn địa phương"
        )
        parser.add_argument(
            "--output", default="", help="tệp ghi ra (mặc định: bao-cao-<cơ quan>-<kỳ>.<định dạng>)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = parse_month(options["month"])
        except InvalidInput as error:
            raise CommandError(error.message) from None
        agency = None
        if options["agency"]:
            agency = agency_by_code(options["agency"])
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {options['agency']!r}.")
        every = options["format"] == "xlsx"  # the XLSX lists every late dossier, the PDF the first ones
        report = monthly_report(period, Scope(agency=agency), late_limit=None if every else LATE_ON_SCREEN)
        content = report_xlsx(report) if options["format"] == "xlsx" else report_pdf(report)
        path = Path(options["output"] or f"{report_filename(report)}.{options['format']}")
        path.write_bytes(content)
        self.stdout.write(f"{path} ({len(content)} bytes, {period.start:%d/%m/%Y}–{period.end:%d/%m/%Y})")
