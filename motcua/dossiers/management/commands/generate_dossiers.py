"""`manage.py generate_dossiers --count N --seed S [--agency CODE] [--days D] [--histories K]`:
realistic histories in bulk (K of them through the services, the rest copies of those)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.instants import parse_instant
from motcua.core.progress import ProgressLine
from motcua.dossiers.generate import LocalityMissing, dossiers_generate, locality_load, locality_ready


class Command(BaseCommand):
    help = (
        "Sinh hồ sơ với lịch sử xử lý như thật (qua các nghiệp vụ: tiếp nhận, phân công, chuyển, bổ sung, "
        "tạm dừng, xin lỗi, trả kết quả…); cùng --seed cho cùng kết quả."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="số hồ sơ")
        parser.add_argument("--seed", type=int, required=True, help="hạt giống ngẫu nhiên")
        parser.add_argument("--agency", default=None, help="chỉ tiếp nhận tại cơ quan có mã này")
        parser.add_argument(
            "--days", type=int, default=120, help="hồ sơ tiếp nhận trong chừng ấy ngày trước --end"
        )
        parser.add_argument(
            "--histories",
            type=int,
            default=None,
            help="chỉ chừng ấy hồ sơ đi qua các nghiệp vụ, số còn lại sao chép lịch sử của chúng "
            "(mã, số vào sổ, người nộp mới) — nhanh cho hàng trăm nghìn hồ sơ; mặc định: tất cả",
        )
        parser.add_argument("--end", default=None, help="thời điểm cuối (ISO 8601; mặc định: bây giờ)")
        parser.add_argument(
            "--no-demo", action="store_true", help="không tự nạp địa phương minh họa khi thiếu"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["count"] < 1 or options["days"] < 1 or (options["histories"] or 1) < 1:
            raise CommandError("--count, --days và --histories phải từ 1 trở lên.")
        if not locality_ready():
            if options["no_demo"]:
                raise CommandError(
                    "Chưa có địa phương và danh mục minh họa: chạy `manage.py seed_demo` trước."
                )
            self.stderr.write("Nạp địa phương và danh mục thủ tục minh họa (accounts, catalog)…")
            locality_load()
        end = parse_instant(options["end"]) if options["end"] else None  # no offset: Vietnam time

        count = options["count"]
        line = ProgressLine(self.stderr, verbosity=options["verbosity"])

        def progress(done: int, rate: float) -> None:
            line.show(f"{done:,}/{count:,} hồ sơ ({done * 100 // count}%, {rate:,.0f} hồ sơ/giây)")

        try:
            result = dossiers_generate(
                count=count, seed=options["seed"], agency_code=options["agency"],
                days=options["days"], end=end, histories=options["histories"],
                progress=progress if line.enabled else None, every=max(1, min(1000, count // 100)),
            )  # fmt: skip
        except LocalityMissing as exc:
            raise CommandError(str(exc)) from exc
        finally:
            line.done()
        states = ", ".join(f"{state} {n}" for state, n in sorted(result.states.items()))
        copies = result.created - result.histories
        copied = f", {copies:,} bản sao lịch sử trong {result.copy_seconds:,.1f} giây" if copies else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sinh {result.created:,} hồ sơ ({result.histories:,} lịch sử qua nghiệp vụ, "
                f"{result.actions:,} thao tác{copied}) trong {result.seconds:,.1f} giây "
                f"— {result.rate:,.0f} hồ sơ/giây. {states}"
            )
        )
