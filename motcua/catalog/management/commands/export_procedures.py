"""`manage.py export_procedures FILE`: write every published version to XLSX or CSV (docs/catalog.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.exchange import procedures_export


class Command(BaseCommand):
    help = "Xuất danh mục thủ tục hành chính ra tệp XLSX hoặc CSV (cùng định dạng với import_procedures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            written = procedures_export(file)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for path in written:
            self.stdout.write(f"Đã ghi {path}")
