"""Messages of processing, declared in the notifications registry (imported by `processing`).

The SMS of `dossier_supplement_requested`, `dossier_apology`, `dossier_result_ready` and
`dossier_returned` are the notifications app's generic events; this module adds their e-mail
versions, the pause, resume and stop messages to the applicant, and the reminders to officers.
Officers' messages name the dossier by its code only: no personal data of the applicant.
"""

from __future__ import annotations

from motcua.notifications.registry import register

SAMPLE = {
    "documents": "Tờ khai theo mẫu; Giấy ủy quyền",
    "how": "nộp tại Bộ phận tiếp nhận và trả kết quả hoặc trực tuyến qua đường dẫn tra cứu",
    "form": "000.00.01.H23-260109-0001/HDHS",
    "kind": "Thời gian xác minh",
    "step": "Thẩm định hồ sơ",
    "date": "16/01/2026",
    "survey_url": "https://motcua.example.vn/danh-gia/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
}

# --- to the applicant -----------------------------------------------------------------------------
register(
    "dossier_supplement_requested",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) cần bổ sung các giấy tờ sau: {documents}.\n"
    "Lý do: {reason}\nCách nộp bổ sung: {how}.\nPhiếu yêu cầu bổ sung số {form}; thời hạn giải quyết "
    "tạm dừng đến khi nhận đủ giấy tờ.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "documents", "reason", "how", "form", "url"],
    "Yêu cầu bổ sung hồ sơ trong quá trình giải quyết (thư điện tử)",
    email_subject="Hồ sơ {code} cần bổ sung giấy tờ",
    sample=SAMPLE,
)
register(
    "dossier_paused",
    "SMS",
    "Hồ sơ {code} tạm dừng tính thời hạn giải quyết ({kind}). Lý do: {reason}. Tra cứu: soạn {keyword} {code} gửi {short_code}.",
    ["code", "kind", "reason", "keyword", "short_code"],
    "Tạm dừng tính thời hạn",
    sample=SAMPLE,
)
register(
    "dossier_paused",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) tạm dừng tính thời hạn giải quyết: {kind}.\n"
    "Lý do: {reason}\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "kind", "reason", "url"],
    "Tạm dừng tính thời hạn (thư điện tử)",
    email_subject="Hồ sơ {code} tạm dừng tính thời hạn",
    sample=SAMPLE,
)
register(
    "dossier_resumed",
    "SMS",
    "Hồ sơ {code} tiếp tục được giải quyết. Hẹn trả kết quả: {due}.",
    ["code", "due"],
    "Tiếp tục tính thời hạn",
)
register(
    "dossier_resumed",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) tiếp tục được giải quyết.\nHẹn trả kết quả: {due}.\n"
    "Theo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "due", "url"],
    "Tiếp tục tính thời hạn (thư điện tử)",
    email_subject="Hồ sơ {code} tiếp tục được giải quyết",
)
register(
    "dossier_apology",
    "EMAIL",
    "Kính gửi ông/bà,\n\n{agency} xin lỗi ông/bà vì hồ sơ {code} ({procedure}) chậm so với hẹn trả {due}.\n"
    "Lý do: {reason}\nHẹn trả kết quả mới: {new_due}.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "due", "new_due", "reason", "url"],
    "Thư xin lỗi, hẹn lại ngày trả kết quả (thư điện tử)",
    email_subject="Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}",
)
register(
    "dossier_result_ready",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) đã có kết quả. Mời ông/bà nhận tại {agency} "
    "hoặc theo hình thức đã đăng ký.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "url"],
    "Có kết quả giải quyết (thư điện tử)",
    email_subject="Hồ sơ {code} đã có kết quả",
)
register(
    "dossier_returned",
    "EMAIL",
    "Kính gửi ông/bà,\n\nKết quả hồ sơ {code} ({procedure}) đã được trả ngày {date}.\n"
    "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng tại:\n{survey_url}\n\nTrân trọng.",
    ["code", "procedure", "date", "survey_url"],
    "Đã trả kết quả (thư điện tử)",
    email_subject="Hồ sơ {code} đã trả kết quả",
    sample=SAMPLE,
)
register(
    "dossier_stopped",
    "SMS",
    "Hồ sơ {code} đã dừng giải quyết. Lý do: {reason}. Chi tiết tại {url}",
    ["code", "reason", "url"],
    "Dừng giải quyết hồ sơ (mẫu 05)",
)
register(
    "dossier_stopped",
    "EMAIL",
    "Kính gửi ông/bà,\n\n{agency} thông báo dừng giải quyết hồ sơ {code} ({procedure}).\nLý do: {reason}\n"
    "Chi tiết: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "reason", "url"],
    "Dừng giải quyết hồ sơ (thư điện tử)",
    email_subject="Thông báo dừng giải quyết hồ sơ {code}",
)

# --- to officers (check_deadlines) ----------------------------------------------------------------
register(
    "dossier_step_due_reminder",
    "SMS",
    "Nhắc hạn: bước {step} của hồ sơ {code} đến hạn lúc {due}.",
    ["code", "step", "due"],
    "Nhắc cán bộ: bước xử lý sắp đến hạn",
    sample=SAMPLE,
)
register(
    "dossier_step_due_reminder",
    "EMAIL",
    "Kính gửi {name},\n\nBước “{step}” của hồ sơ {code} đến hạn lúc {due}.\n\nHệ thống MotCua.",
    ["name", "code", "step", "due"],
    "Nhắc cán bộ: bước xử lý sắp đến hạn (thư điện tử)",
    email_subject="Nhắc hạn: hồ sơ {code}, bước {step}",
    sample=SAMPLE,
)
register(
    "dossier_due_reminder",
    "SMS",
    "Nhắc hạn: hồ sơ {code} hẹn trả kết quả lúc {due}.",
    ["code", "due"],
    "Nhắc cán bộ: hồ sơ sắp đến hạn trả",
)
register(
    "dossier_due_reminder",
    "EMAIL",
    "Kính gửi {name},\n\nHồ sơ {code} hẹn trả kết quả lúc {due}. Đề nghị hoàn thành đúng hạn.\n\nHệ thống MotCua.",
    ["name", "code", "due"],
    "Nhắc cán bộ: hồ sơ sắp đến hạn trả (thư điện tử)",
    email_subject="Nhắc hạn: hồ sơ {code} hẹn trả {due}",
)
register(
    "dossier_apology_prompt",
    "SMS",
    "Hồ sơ {code} (hẹn trả {due}) không kịp hạn theo quy trình. Đề nghị ký văn bản xin lỗi, hẹn lại (mẫu 04) trước hạn một ngày làm việc.",
    ["code", "due"],
    "Đề nghị lãnh đạo xin lỗi, hẹn lại",
)
register(
    "dossier_apology_prompt",
    "EMAIL",
    "Kính gửi {name},\n\nHồ sơ {code} hẹn trả kết quả lúc {due} không kịp hạn theo thời gian còn lại của quy trình.\n"
    "Đề nghị ký văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) chậm nhất một ngày làm việc trước hạn.\n\n"
    "Hệ thống MotCua.",
    ["name", "code", "due"],
    "Đề nghị lãnh đạo xin lỗi, hẹn lại (thư điện tử)",
    email_subject="Hồ sơ {code} có nguy cơ trễ hạn",
)
register(
    "dossier_fault_designated",
    "SMS",
    "Hồ sơ {code} (hẹn trả {due}): Văn phòng UBND xác định {agency} để chậm. Đề nghị lãnh đạo ký văn bản xin lỗi, hẹn lại (mẫu 04).",
    ["code", "due", "agency"],
    "Báo lãnh đạo cơ quan được xác định để chậm",
)
register(
    "dossier_fault_designated",
    "EMAIL",
    "Kính gửi {name},\n\nVăn phòng UBND đã xác định {agency} là cơ quan để chậm giải quyết hồ sơ {code} "
    "(hẹn trả kết quả lúc {due}).\nĐề nghị ký văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04).\n\n"
    "Hệ thống MotCua.",
    ["name", "code", "due", "agency"],
    "Báo lãnh đạo cơ quan được xác định để chậm (thư điện tử)",
    email_subject="Hồ sơ {code}: đề nghị xin lỗi, hẹn lại",
)
