"""The generic events of DOMAIN §11, registered with their Vietnamese default texts.

E-mail versions are registered by the apps that send them (the dossiers app does for its intake).
Only strings live here: the apps that raise these events (dossiers, surveys, feedback) call
`message_queue(template=<key>, context={...})` with the placeholders listed for each key.
"""

from __future__ import annotations

from motcua.notifications.registry import register

SMS = "SMS"

# {due_basis}: how the due time was counted, short (motcua.dossiers.explain.due_basis); the SMS stays
# within three UCS-2 segments.
register(
    "dossier_received",
    SMS,
    "Hồ sơ {code} đã tiếp nhận, hẹn trả {due} ({due_basis}). Tra cứu: soạn {keyword} {code} gửi {short_code}.",
    ["code", "due", "due_basis", "keyword", "short_code"],
    "Tiếp nhận hồ sơ",
    sample={"due_basis": "15 ngày làm việc từ 07/12/2026, không tính T7, CN, lễ"},
)
# The documents' short forms are cut by the sender to keep the SMS within three
# UCS-2 segments (motcua.dossiers.processing.supplements); the link opens the citizen's page, which
# shows the whole request (with the reason) and takes the uploads.
register(
    "dossier_supplement_requested",
    SMS,
    "Hồ sơ cần bổ sung: {documents_short}. Xem lý do, nộp tại {url}",
    ["documents_short", "url", "code"],
    "Yêu cầu bổ sung hồ sơ",
    sample={
        "documents_short": "Tờ khai đăng ký khai sinh; Giấy chứng sinh",
        "url": "https://motcua.example.vn/ho-so/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
    },
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
# The survey link is the last line (surveys, CONTRACTS §3): one message of at most three UCS-2
# segments with a public address of up to about 55 characters (motcua.surveys.tests).
register(
    "dossier_returned",
    SMS,
    "Hồ sơ {code} đã trả kết quả {date}. Mời đánh giá:\n{survey_url}",
    ["code", "date", "survey_url"],
    "Đã trả kết quả",
    sample={
        "date": "16/01/2026",
        "survey_url": "https://motcua.example.vn/danh-gia/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
    },
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
