"""`calendar_seed --year Y`: compute a year's estimated days off ahead of time (CONTRACTS §9)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from motcua.core.exceptions import DomainError
from motcua.core.models import Holiday, MakeUpWorkday
from motcua.core.services import calendar_seed_year


class Command(BaseCommand):
    help = _(
        "Tính trước lịch nghỉ dự kiến của một năm (ngày lễ, Tết theo Bộ luật Lao động); "
        "không ghi đè năm đã có lịch chính thức."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=_("Năm cần tính, ví dụ 2027."))

    def handle(self, *args: Any, year: int, **options: Any) -> None:
        try:
            count = calendar_seed_year(year=year)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo %(count)d dòng lịch dự kiến cho năm %(year)d.") % {"count": count, "year": year}
            )
        )
        for row in Holiday.objects.in_year(year).order_by("date"):
            self.stdout.write(f"  {row.date:%d/%m/%Y}  {row.get_kind_display()}: {row.name}")
        for makeup in MakeUpWorkday.objects.in_year(year).order_by("date"):
            self.stdout.write(f"  {makeup.date:%d/%m/%Y}  {_('Làm bù')}: {makeup.name}")
        self.stdout.write(
            _(
                "Đây là lịch dự kiến. Khi có thông báo chính thức, hãy cập nhật trong trang quản trị "
                "(Ngày nghỉ lễ, Tết) và xác nhận các ngày."
            )
        )
