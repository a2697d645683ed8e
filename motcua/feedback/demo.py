"""Demo petitions so that every role has its part to play (called by `seed_demo` after the dossiers).

At the Natural Resources and Environment office (`chuyenvien`, `lanhdao`): a new petition to receive and classify, one in
processing with a draft for the leader to approve, one waiting for the petitioner's information, one
about `chuyenvien`'s behaviour (visible to `lanhdao`, never to `chuyenvien`), and an overdue one; for
the supervisor (`giamsat`): an answered one to publish, an anonymous tip; published answers with
likes and dislikes and a repeated petition on `/phan-anh/`; a refused complaint; a petition about a
demo dossier (the panel on its back-office page). Safe to run again: nothing is added when petitions
exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.core import calendar
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Category, Channel, Petition
from motcua.feedback.services import Filing, petition_act, petition_file, petition_vote

OFFICE = "000.04.31.H34"  # Phòng Tài nguyên và Môi trường: the demo specialist and leader

PEOPLE = [
    ("Nguyễn Thị Lan", "15 Lê Duẩn, phường Cam Lộc", "0905111201", "lan.nguyen@example.vn"),
    ("Trần Văn Hải", "22 Hùng Vương, phường Cam Linh", "0905111202", ""),
    ("Lê Thị Thu", "8 Nguyễn Trãi, phường Cam Nghĩa", "0905111203", "thu.le@example.vn"),
    ("Phạm Minh Tuấn", "40 Trần Phú, phường Ba Ngòi", "0905111204", ""),
    ("Võ Thị Hồng", "3 Phan Bội Châu, xã Cam Thành Nam", "0905111205", "hong.vo@example.vn"),
    ("Đặng Văn Phúc", "17 Lý Thường Kiệt, phường Cam Thuận", "0905111206", ""),
]


def _working_days_ago(now: datetime, days: int) -> datetime:
    """09:00 on the working day `days` working days before today."""
    day = timezone.localtime(now).date()
    while days > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return min(
        datetime(day.year, day.month, day.day, 9, 0, tzinfo=calendar.local_tz()), now - timedelta(hours=1)
    )


def _filing(n: int, title: str, content: str, **extra: object) -> Filing:
    name, address, phone, email = PEOPLE[n % len(PEOPLE)]
    values: dict[str, object] = {
        "channel": Channel.PORTAL, "category": Category.REGULATION, "title": title, "content": content,
        "name": name, "address": address, "phone": phone, "email": email, "consent": True,
    }  # fmt: skip
    values.update(extra)
    return Filing(**values)  # type: ignore[arg-type]


@transaction.atomic
def seed() -> None:
    if Petition.objects.exists():
        return
    office = Agency.objects.filter(code=OFFICE).first()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["chuyenvien", "lanhdao", "giamsat", "tiepnhan"])
    }
    if office is None or len(users) < 4:
        return
    cv, ld, gs, tn = users["chuyenvien"], users["lanhdao"], users["giamsat"], users["tiepnhan"]
    now = timezone.now()

    def filed(days: int, n: int, title: str, content: str, **extra: object) -> Petition:
        return petition_file(
            _filing(n, title, content, agency=office, **extra), now=_working_days_ago(now, days)
        )

    def answer(p: Petition, days: int, text: str) -> Petition:
        at = _working_days_ago(now, days)
        p = petition_act(p, "receive", officer=cv, body={"category": p.category_suggested}, now=at)
        p = petition_act(p, "start", officer=cv, now=at + timedelta(hours=1))
        p = petition_act(p, "draft", officer=cv, body={"answer": text}, now=at + timedelta(hours=2))
        return petition_act(p, "approve", officer=ld, now=at + timedelta(hours=3))

    # Published answers (the public list), one disliked, and a repeated petition from the same person.
    published = []
    for n, (title, content, reply) in enumerate(
        [
            ("Chờ nộp hồ sơ đất đai quá lâu", "Tôi phải chờ hơn 2 giờ để nộp hồ sơ đăng ký biến động đất đai.",
             "Phòng đã bố trí thêm một cán bộ tiếp nhận hồ sơ đất đai vào sáng thứ Hai và thứ Sáu."),
            ("Đề nghị niêm yết phí thẩm định hồ sơ đất đai", "Tại quầy không thấy niêm yết phí thẩm định hồ sơ.",
             "Bảng phí theo nghị quyết của HĐND tỉnh đã được niêm yết tại quầy số 2."),
            ("Mẫu đơn đăng ký biến động đất đai không tải được", "Tệp mẫu đơn đăng ký biến động báo lỗi khi tải về.",
             "Tệp mẫu đã được thay bằng bản PDF mới; ông/bà vui lòng tải lại."),
        ]
    ):  # fmt: skip
        p = answer(filed(12 - n, n, title, content), 9 - n, reply)
        published.append(petition_act(p, "publish", officer=gs, now=_working_days_ago(now, 8 - n)))
    for browser in ("demo-1", "demo-2", "demo-3"):
        petition_vote(published[0], browser=browser, like=True)
    for browser in ("demo-4", "demo-5"):
        petition_vote(published[2], browser=browser, like=False)
    filed(
        4,
        2,
        "Mẫu đơn đăng ký biến động đất đai không tải được",
        "Tôi vẫn chưa tải được mẫu đơn đăng ký biến động.",
    )

    # For the supervisor: an answer to publish and an anonymous tip.
    answer(filed(3, 3, "Hướng dẫn thủ tục tách thửa chưa rõ", "Cán bộ hướng dẫn chưa rõ giấy tờ cần mang theo."),
           1, "Đã cập nhật hướng dẫn chi tiết trên cổng và tại quầy.")  # fmt: skip
    petition_file(
        Filing(channel=Channel.HOTLINE, category=Category.BEHAVIOUR, title="Tin báo về việc nhận quà",
               content="Người gọi không xưng tên báo có cán bộ nhận quà khi trả kết quả.", anonymous=True,
               agency=office),
        officer=tn, now=_working_days_ago(now, 2),
    )  # fmt: skip

    # For the specialist: a new one to receive; one waiting for information; an overdue one.
    dossier = Dossier.objects.filter(applicant_phone__gt="").order_by("created_at").first()
    filed(0, 4, "Hồ sơ quá hẹn chưa được thông báo", "Hồ sơ của tôi đã quá ngày hẹn nhưng chưa nhận được thư xin lỗi.",
          dossier=dossier)  # fmt: skip
    p = filed(2, 5, "Đề nghị làm việc thứ Bảy", "Đề nghị Bộ phận một cửa tiếp nhận hồ sơ sáng thứ Bảy.")
    p = petition_act(p, "receive", officer=cv, body={"category": "REGULATION"}, now=_working_days_ago(now, 1))
    petition_act(p, "request_info", officer=cv, body={"question": "Ông/bà cần nộp loại hồ sơ nào vào thứ Bảy?"},
                 now=_working_days_ago(now, 1) + timedelta(hours=1))  # fmt: skip
    filed(20, 1, "Chưa nhận được trả lời về phí đo đạc", "Tôi gửi phản ánh về phí đo đạc nhưng chưa được trả lời.",
          phone="0905111299")  # fmt: skip

    # For the leader: a draft to approve, and a petition about `chuyenvien` (never shown to him).
    p = filed(
        5,
        0,
        "Đề nghị rút ngắn thời gian cung cấp thông tin đất đai",
        "Cung cấp thông tin thửa đất mất 3 ngày, đề nghị trả trong ngày.",
    )
    p = petition_act(p, "receive", officer=cv, body={"category": "REGULATION"}, now=_working_days_ago(now, 4))
    p = petition_act(p, "start", officer=cv, now=_working_days_ago(now, 4))
    petition_act(p, "draft", officer=cv, now=_working_days_ago(now, 1),
                 body={"answer": "Từ tháng sau, thông tin thửa đất được cung cấp trong ngày nếu đề nghị trước 15 giờ."})  # fmt: skip
    filed(1, 3, "Cán bộ địa chính trả lời thiếu lịch sự", "Cán bộ Trần Văn Bình trả lời cộc lốc khi tôi hỏi thủ tục.",
          category=Category.BEHAVIOUR, about_officer=cv, phone="0905111277")  # fmt: skip

    # A complaint is not a petition: refused with a pointer.
    p = filed(6, 4, "Khiếu nại quyết định xử phạt", "Tôi không đồng ý với quyết định xử phạt hành chính số 12/QĐ-XPHC.",
              phone="0905111288")  # fmt: skip
    petition_act(p, "refuse", officer=tn, now=_working_days_ago(now, 5),
                 body={"refusal_kind": "COMPLAINT", "reason": "Đây là khiếu nại quyết định hành chính."})  # fmt: skip
