"""Every message the dossiers app sends, declared in the notifications registry: each message's SMS
and e-mail side by side, in this one module (registered from `DossiersConfig.ready()`).

The notifications app only queues and sends; it knows nothing of dossiers (ARCHITECTURE §2), so the
wording of a dossier's message lives here, with the app that sends it. Messages to the applicant
carry the link to the citizen's page (`{url}`, `journal.dossier_public_url`); officers' messages
name the dossier by its code only, with no personal data of the applicant; the replies of the SMS
look-up (DOMAIN §11) carry the code, the state, the due date and whether the result is ready, kept
short (Vietnamese with diacritics is UCS-2: 70 characters for one SMS, 67 a segment).
"""

from __future__ import annotations

from motcua.notifications.registry import register

LOOKUP_STATUS = "lookup_sms_status"
LOOKUP_HELP = "lookup_sms_help"
LOOKUP_LIMITED = "lookup_sms_limited"

ONLINE_SAMPLE = {"days": "30", "agency": "UBND phường Cam Lộc"}
PROCESSING_SAMPLE = {
    "documents": "Tờ khai theo mẫu; Giấy ủy quyền",
    "how": "nộp tại Bộ phận tiếp nhận và trả kết quả hoặc trực tuyến qua đường dẫn tra cứu",
    "form": "000.00.01.H23-260109-0001/HDHS",
    "kind": "Thời gian xác minh",
    "step": "Thẩm định hồ sơ",
    "date": "16/01/2026",
    "survey_url": "https://motcua.example.vn/danh-gia/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
}


# --- intake: received, guided (form 02), refused (form 03) ------------------------------------
# {due_basis}: how the due time was counted, short (`explain.due_basis`); the SMS stays within
# three UCS-2 segments.
register(
    "dossier_received",
    "SMS",
    "Hồ sơ {code} đã tiếp nhận, hẹn trả {due} ({due_basis}). Tra cứu: soạn {keyword} {code} gửi {short_code}.",
    ["code", "due", "due_basis", "keyword", "short_code"],
    "Tiếp nhận hồ sơ",
    sample={"due_basis": "15 ngày làm việc từ 07/12/2026, không tính T7, CN, lễ"},
)
register(
    "dossier_received",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) đã được {agency} tiếp nhận.\n"
    "Hẹn trả kết quả: {due}.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "due", "url"],
    "Tiếp nhận hồ sơ (thư điện tử)",
    email_subject="Hồ sơ {code} đã được tiếp nhận",
)
register(
    "dossier_guided",
    "SMS",
    "Hồ sơ {code} cần bổ sung, hoàn thiện: {documents}. Xem phiếu hướng dẫn tại {url}",
    ["code", "documents", "url"],
    "Hướng dẫn bổ sung khi tiếp nhận (mẫu 02)",
)
register(
    "dossier_guided",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) cần bổ sung, hoàn thiện các giấy tờ sau: {documents}.\n"
    "Phiếu hướng dẫn và tình trạng hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "documents", "url"],
    "Hướng dẫn bổ sung khi tiếp nhận (thư điện tử)",
    email_subject="Hồ sơ {code} cần bổ sung, hoàn thiện",
)
register(
    "dossier_refused",
    "SMS",
    "Hồ sơ {code} không được giải quyết. Lý do: {reason}. Chi tiết tại {url}",
    ["code", "reason", "url"],
    "Từ chối giải quyết hồ sơ",
)
register(
    "dossier_refused",
    "EMAIL",
    "Kính gửi ông/bà,\n\n{agency} từ chối tiếp nhận hồ sơ {code} ({procedure}).\nLý do: {reason}\n"
    "Chi tiết: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "reason", "url"],
    "Từ chối tiếp nhận (thư điện tử)",
    email_subject="Hồ sơ {code} không được tiếp nhận",
)


# --- online submission ------------------------------------------------------------------------
register(
    "dossier_submitted",
    "SMS",
    "Đã nhận hồ sơ trực tuyến {code}, chờ {agency} kiểm tra. Theo dõi: {url}",
    ["code", "agency", "url"],
    "Nộp hồ sơ trực tuyến",
    sample=ONLINE_SAMPLE,
)
register(
    "dossier_submitted",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHệ thống đã nhận hồ sơ trực tuyến {code} ({procedure}). {agency} sẽ kiểm tra và "
    "tiếp nhận, hướng dẫn bổ sung hoặc từ chối tiếp nhận hồ sơ.\nTheo dõi hồ sơ, bổ sung giấy tờ hoặc rút "
    "hồ sơ tại: {url}\nGiữ kín đường dẫn này: ai có đường dẫn đều xem được hồ sơ.\n\nTrân trọng.",
    ["code", "procedure", "agency", "url"],
    "Nộp hồ sơ trực tuyến (thư điện tử)",
    email_subject="Đã nhận hồ sơ trực tuyến {code}",
    sample=ONLINE_SAMPLE,
)
register(
    "dossier_resubmitted",
    "SMS",
    "Đã nhận hồ sơ {code} nộp lại sau bổ sung, chờ kiểm tra. Theo dõi: {url}",
    ["code", "url"],
    "Nộp lại hồ sơ trực tuyến sau hướng dẫn bổ sung",
)
register(
    "dossier_resubmitted",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHệ thống đã nhận hồ sơ {code} ({procedure}) nộp lại sau hướng dẫn bổ sung. "
    "{agency} sẽ kiểm tra lại hồ sơ.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "url"],
    "Nộp lại hồ sơ trực tuyến (thư điện tử)",
    email_subject="Đã nhận hồ sơ {code} nộp lại",
    sample=ONLINE_SAMPLE,
)
register(
    "dossier_guided_expired",
    "SMS",
    "Hồ sơ {code} không được bổ sung trong {days} ngày nên đã tự động rút. Chi tiết: {url}",
    ["code", "days", "url"],
    "Hồ sơ trực tuyến quá hạn bổ sung, hệ thống rút hồ sơ",
    sample=ONLINE_SAMPLE,
)
register(
    "dossier_guided_expired",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) đã được hướng dẫn bổ sung nhưng không được nộp lại "
    "trong {days} ngày nên hệ thống đã rút hồ sơ. Ông/bà có thể nộp hồ sơ mới.\nChi tiết: {url}\n\nTrân trọng.",
    ["code", "procedure", "days", "url"],
    "Hồ sơ trực tuyến quá hạn bổ sung (thư điện tử)",
    email_subject="Hồ sơ {code} đã được rút do quá hạn bổ sung",
    sample=ONLINE_SAMPLE,
)


# --- processing, to the applicant -------------------------------------------------------------
# The documents' short forms are cut by the sender to keep the SMS within three UCS-2 segments
# (`processing/supplements.py`); the link opens the citizen's page, which shows the whole request
# (with the reason) and takes the uploads.
register(
    "dossier_supplement_requested",
    "SMS",
    "Hồ sơ cần bổ sung: {documents_short}. Xem lý do, nộp tại {url}",
    ["documents_short", "url", "code"],
    "Yêu cầu bổ sung hồ sơ",
    sample={
        "documents_short": "Tờ khai đăng ký khai sinh; Giấy chứng sinh",
        "url": "https://motcua.example.vn/ho-so/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
    },
)
register(
    "dossier_supplement_requested",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) cần bổ sung các giấy tờ sau: {documents}.\n"
    "Lý do: {reason}\nCách nộp bổ sung: {how}.\nPhiếu yêu cầu bổ sung số {form}; thời hạn giải quyết "
    "tạm dừng đến khi nhận đủ giấy tờ.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "documents", "reason", "how", "form", "url"],
    "Yêu cầu bổ sung hồ sơ trong quá trình giải quyết (thư điện tử)",
    email_subject="Hồ sơ {code} cần bổ sung giấy tờ",
    sample=PROCESSING_SAMPLE,
)
register(
    "dossier_paused",
    "SMS",
    "Hồ sơ {code} tạm dừng tính thời hạn giải quyết ({kind}). Lý do: {reason}. Tra cứu: soạn {keyword} {code} gửi {short_code}.",
    ["code", "kind", "reason", "keyword", "short_code"],
    "Tạm dừng tính thời hạn",
    sample=PROCESSING_SAMPLE,
)
register(
    "dossier_paused",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) tạm dừng tính thời hạn giải quyết: {kind}.\n"
    "Lý do: {reason}\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "kind", "reason", "url"],
    "Tạm dừng tính thời hạn (thư điện tử)",
    email_subject="Hồ sơ {code} tạm dừng tính thời hạn",
    sample=PROCESSING_SAMPLE,
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
    "SMS",
    "Xin lỗi ông/bà: hồ sơ {code} chậm hạn. Hẹn trả kết quả mới: {new_due}. Lý do: {reason}.",
    ["code", "new_due", "reason"],
    "Thư xin lỗi, hẹn lại ngày trả kết quả",
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
    "SMS",
    "Hồ sơ {code} đã có kết quả. Mời ông/bà đến nhận tại {agency} hoặc xem {url}",
    ["code", "agency", "url"],
    "Có kết quả giải quyết",
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
    "SMS",
    # The survey link is the last line (surveys, CONTRACTS §3): one message of at most three UCS-2
    # segments with a public address of up to about 55 characters (motcua.surveys.tests).
    "Hồ sơ {code} đã trả kết quả {date}. Mời đánh giá:\n{survey_url}",
    ["code", "date", "survey_url"],
    "Đã trả kết quả",
    sample={
        "date": "16/01/2026",
        "survey_url": "https://motcua.example.vn/danh-gia/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
    },
)
register(
    "dossier_returned",
    "EMAIL",
    "Kính gửi ông/bà,\n\nKết quả hồ sơ {code} ({procedure}) đã được trả ngày {date}.\n"
    "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng tại:\n{survey_url}\n\nTrân trọng.",
    ["code", "procedure", "date", "survey_url"],
    "Đã trả kết quả (thư điện tử)",
    email_subject="Hồ sơ {code} đã trả kết quả",
    sample=PROCESSING_SAMPLE,
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


# --- to officers (check_deadlines, the supervisor's designation) ------------------------------
register(
    "dossier_step_due_reminder",
    "SMS",
    "Nhắc hạn: bước {step} của hồ sơ {code} đến hạn lúc {due}.",
    ["code", "step", "due"],
    "Nhắc cán bộ: bước xử lý sắp đến hạn",
    sample=PROCESSING_SAMPLE,
)
register(
    "dossier_step_due_reminder",
    "EMAIL",
    "Kính gửi {name},\n\nBước “{step}” của hồ sơ {code} đến hạn lúc {due}.\n\nHệ thống MotCua.",
    ["name", "code", "step", "due"],
    "Nhắc cán bộ: bước xử lý sắp đến hạn (thư điện tử)",
    email_subject="Nhắc hạn: hồ sơ {code}, bước {step}",
    sample=PROCESSING_SAMPLE,
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


# --- replies of the SMS look-up ---------------------------------------------------------------
register(
    LOOKUP_STATUS,
    "SMS",
    "HS {code}: {status}. Hẹn trả {due}. {result}",
    ["code", "status", "due", "result"],
    "Trả lời tra cứu hồ sơ qua SMS",
    sample={"status": "Đang giải quyết", "result": "Chưa có kết quả."},
)
register(
    LOOKUP_HELP,
    "SMS",
    "Sai cú pháp. Soạn: {keyword} <mã hồ sơ> gửi {short_code}",
    ["keyword", "short_code"],
    "Trả lời tin nhắn tra cứu sai cú pháp hoặc mã hồ sơ không có",
)
register(
    LOOKUP_LIMITED,
    "SMS",
    "Số máy đã tra cứu quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
    ["minutes"],
    "Trả lời (một lần) khi một số máy tra cứu quá số lần cho phép trong một giờ",
    sample={"minutes": "60"},
)
