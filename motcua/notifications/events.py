"""The generic events of DOMAIN §11, registered with their Vietnamese default texts.

E-mail versions are registered by the apps that send them (the dossiers app does for its intake).
Only strings live here: the apps that raise these events (dossiers, surveys, feedback) call
`message_queue(template=<key>, context={...})` with the placeholders listed for each key.
"""

from __future__ import annotations

from motcua.notifications.registry import register

SMS = "SMS"

register(
    "dossier_received",
    SMS,
    "Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}. Tra cứu: soạn {keyword} {code} gửi {short_code}.",
    ["code", "due", "keyword", "short_code"],
    "Tiếp nhận hồ sơ",
)
register(
    "dossier_supplement_requested",
    SMS,
    "Hồ sơ {code} cần bổ sung: {reason}. Thời hạn giải quyết tạm dừng đến khi nhận đủ giấy tờ.",
    ["code", "reason"],
    "Yêu cầu bổ sung hồ sơ",
)
register(
    "dossier_refused",
    SMS,
    "Hồ sơ {code} không được giải quyết. Lý do: {reason}. Chi tiết tại {url}",
    ["code", "reason", "url"],
    "Từ chối giải quyết hồ sơ",
)
register(
    "dossier_apology",
    SMS,
    "Xin lỗi ông/bà: hồ sơ {code} chậm hạn. Hẹn trả kết quả mới: {new_due}. Lý do: {reason}.",
    ["code", "new_due", "reason"],
    "Thư xin lỗi, hẹn lại ngày trả kết quả",
)
register(
    "dossier_result_ready",
    SMS,
    "Hồ sơ {code} đã có kết quả. Mời ông/bà đến nhận tại {agency} hoặc xem {url}",
    ["code", "agency", "url"],
    "Có kết quả giải quyết",
)
register(
    "dossier_returned",
    SMS,
    "Hồ sơ {code} đã trả kết quả ngày {date}. Cảm ơn ông/bà đã sử dụng dịch vụ.",
    ["code", "date"],
    "Đã trả kết quả",
    sample={"date": "16/01/2026"},
)
register(
    "survey_invitation",
    SMS,
    "Mời ông/bà đánh giá việc giải quyết hồ sơ {code}: {url}",
    ["code", "url"],
    "Mời đánh giá mức độ hài lòng",
)
register(
    "petition_answered",
    SMS,
    "Phản ánh, kiến nghị {code} đã được trả lời. Xem tại {url}",
    ["code", "url"],
    "Trả lời phản ánh, kiến nghị",
)
