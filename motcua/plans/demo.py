"""Demo data of plans: the seed plan (the project's own copy), its indicator links, and some of the
agencies' progress reports for the first two quarters of 2022. Safe to run again."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from motcua.accounts.models import User
from motcua.plans.importer import plan_import_file
from motcua.plans.models import ProgressStatus, TaskReport
from motcua.plans.services import ReportInput, plan_indicators_link, task_report_submit

SEED_FILE = Path(__file__).resolve().parent / "data" / "ke-hoach-cchc-cam-ranh-2022.txt"

# Task → (indicator key, target) (DOMAIN §10). Keys are registered by the apps that own them; a key
# whose owner is not installed is skipped and linked by a later run of the seed.
SEED_LINKS: dict[str, tuple[str, Decimal | None]] = {
    "5.1": ("on_time_rate", Decimal("95")),
    "4.6": ("satisfaction_index", None),  # the plan's own satisfaction target, set in seed()
    "6.3": ("feedback_on_time", Decimal("100")),
    "1.3": ("publications_published", None),
    "1.5": ("publications_published", None),
}

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
S = ProgressStatus
# (user, task, round, status, what was done, submitted on)
REPORTS: list[tuple[str, str, str, str, str, datetime]] = [
    ("giamsat", "2.1", "Quý I/2022", S.DONE,
     "Đã bố trí đủ 12 quầy, ghế chờ, máy lấy số thứ tự, nước uống và máy tra cứu tại Bộ phận tiếp nhận và trả kết quả.",
     datetime(2022, 3, 7, 9, tzinfo=TZ)),
    ("giamsat", "4.5", "Quý I/2022", S.IN_PROGRESS,
     "Họp giao ban Bộ phận một cửa ngày 05/01, 07/02 và 04/3/2022; gửi bản đánh giá tháng 1, 2 cho thủ trưởng các cơ quan.",
     datetime(2022, 3, 9, 15, tzinfo=TZ)),
    ("lanhdao.tnmt", "1.3", "Quý I/2022", S.IN_PROGRESS,
     "Đã công khai quy hoạch sử dụng đất năm 2022 trên Cổng thông tin điện tử và tại trụ sở UBND 15 xã, phường.",
     datetime(2022, 3, 8, 10, tzinfo=TZ)),
    ("lanhdao.vhtt", "1.4", "Quý I/2022", S.DONE,
     "Đăng 18 tin, bài về CCHC; lập chuyên mục \u201cCải cách hành chính\u201d trên Cổng thông tin điện tử thành phố.",
     datetime(2022, 3, 10, 16, tzinfo=TZ)),
    ("thanhtra", "4.4", "Quý I/2022", S.DONE,
     "Kiểm tra công vụ đột xuất 2 lần tại Bộ phận một cửa thành phố và UBND phường Cam Lộc; không phát hiện vi phạm.",
     datetime(2022, 3, 11, 8, tzinfo=TZ)),
    ("lanhdao.tckh", "1.5", "Quý I/2022", S.DONE,
     "Công khai dự toán ngân sách năm 2022 theo Thông tư 343/2016/TT-BTC.",
     datetime(2022, 3, 9, 10, tzinfo=TZ)),
    ("lanhdao.vpdkdd", "5.1", "Quý I/2022", S.BLOCKED,
     "Còn 14 hồ sơ đăng ký biến động trễ hạn do chờ kết quả đo đạc; đề nghị bổ sung 2 viên chức đo đạc.",
     datetime(2022, 3, 10, 14, tzinfo=TZ)),
    ("giamsat", "2.1", "Quý II/2022", S.DONE,
     "Duy trì các điều kiện đón tiếp; thay 2 máy tra cứu hỏng.",
     datetime(2022, 6, 9, 9, tzinfo=TZ)),
]  # fmt: skip


@transaction.atomic
def seed() -> None:
    """Import the seed plan, link the indicators registered now, and add the demo reports."""
    plan = plan_import_file(SEED_FILE).plan
    links = dict(SEED_LINKS)
    links["4.6"] = ("satisfaction_index", plan.satisfaction_target)  # "đạt trên 83%" in the document
    plan_indicators_link(plan, links)
    rounds = {r.label: r for r in plan.rounds.all()}
    tasks = {t.number: t for t in plan.tasks.all()}
    for username, number, label, status, content, when in REPORTS:
        user = User.objects.get(username=username)
        if TaskReport.objects.filter(task=tasks[number], round=rounds[label], agency=user.agency).exists():
            continue
        task_report_submit(
            user=user, task=tasks[number], round=rounds[label], data=ReportInput(status, content), now=when
        )
