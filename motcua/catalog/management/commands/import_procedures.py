"""`manage.py import_procedures FILE [--dry-run]`: load procedures from XLSX or CSV (docs/catalog.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.exchange import ImportFailed, procedures_import
from motcua.core.progress import ProgressLine


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp XLSX hoặc CSV (tất cả hoặc không gì cả)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và báo cáo, không ghi gì.")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        line = ProgressLine(self.stderr, verbosity=options["verbosity"])

        def progress(stage: str, done: int, total: int) -> None:
            line.show(f"… {stage} {done}/{total} dòng")

        try:
            report = procedures_import(file, dry_run=dry_run, progress=progress if line.enabled else None)
        except ImportFailed as failure:
            line.done()
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Tệp {file.name} có {len(failure.errors)} lỗi; không có thay đổi nào được ghi."
            ) from None
        line.done()
        for row in report.lines:
            self.stdout.write(str(row))
        counts = (
            ", ".join(
                f"{text}: {report.count(action)}" for action, text in report.lines[0].ACTION_TEXT.items()
            )
            if report.lines
            else "không có dòng nào"
        )
        if dry_run:
            self.stdout.write(f"Chạy thử: {len(report.lines)} dòng hợp lệ ({counts}); chưa ghi gì.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhập {len(report.lines)} dòng ({counts})."))
