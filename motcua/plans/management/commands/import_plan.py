"""`manage.py import_plan FILE [--plan ID] [--issuer CODE] [--follow-up CODE]` (docs/plans.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.exceptions import InvalidInput
from motcua.plans.document import DocumentError
from motcua.plans.importer import plan_import_file


class Command(BaseCommand):
    help = (
        "Nhập kế hoạch CCHC từ văn bản (bảng nhiệm vụ phân cách bằng tab); chạy lại thì cập nhật, "
        "không tạo trùng. Liệt kê các tên cơ quan không khớp với danh mục cơ quan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--plan", type=int, help="Cập nhật kế hoạch có mã số này (thay vì tìm theo tên, năm)."
        )
        parser.add_argument("--issuer", help="Mã định danh cơ quan ban hành, khi văn bản không cho biết.")
        parser.add_argument("--follow-up", dest="follow_up", help="Mã định danh cơ quan theo dõi, đôn đốc.")

    def handle(
        self,
        *args: Any,
        file: Path,
        plan: int | None,
        issuer: str | None,
        follow_up: str | None,
        **options: Any,
    ) -> None:
        if not file.is_file():
            raise CommandError(f"Không có tệp {file}.")
        try:
            report = plan_import_file(file, plan_id=plan, issuer_code=issuer, follow_up_code=follow_up)
        except (InvalidInput, DocumentError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from None
        plan_row = report.plan
        self.stdout.write(
            f"Kế hoạch #{plan_row.pk} ({plan_row.year}): {plan_row.title[:100]}\n"
            f"  {'mới tạo' if report.created else 'đã có'}; nhiệm vụ: {report.tasks_created} mới, "
            f"{report.tasks_updated} cập nhật, {report.tasks_unchanged} không đổi"
            + (
                f", {len(report.tasks_removed)} bỏ ({', '.join(report.tasks_removed)})"
                if report.tasks_removed
                else ""
            )
        )
        if report.unmatched:
            self.stdout.write(self.style.WARNING(f"  {len(report.unmatched)} tên cơ quan không khớp:"))
            for number, kind, text in report.unmatched:
                self.stdout.write(f"    {number} ({kind}): {text}")
        else:
            self.stdout.write(self.style.SUCCESS("  Mọi tên cơ quan đều khớp."))
