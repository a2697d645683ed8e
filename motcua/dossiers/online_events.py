"""Messages of online submission, declared in the notifications registry (imported by `online`).

The applicant gets the dossier code and the token link (their page: status, documents asked for,
withdrawal, the result) when they submit and when they resubmit; and a notice when a GUIDED dossier
is withdrawn by the system for not being completed in time.
"""

from __future__ import annotations

from motcua.notifications.registry import register

SAMPLE = {"days": "30", "agency": "UBND phường Cam Lộc"}

register(
    "dossier_submitted",
    "SMS",
    "Đã nhận hồ sơ trực tuyến {code}, chờ {agency} kiểm tra. Theo dõi: {url}",
    ["code", "agency", "url"],
    "Nộp hồ sơ trực tuyến",
    sample=SAMPLE,
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
    sample=SAMPLE,
)
register(
    "dossier_resubmitted",
    "SMS",
    "Đã nhận hồ sơ {code} nộp lại sau bổ sung, chờ kiểm tra. Theo dõi: {url}",
    ["code", "url"],
    "Nộp lại hồ sơ trực tuyến sau hướng dẫn bổ sung",
)
register(
    "dossier_guided_expired",
    "SMS",
    "Hồ sơ {code} không được bổ sung trong {days} ngày nên đã tự động rút. Chi tiết: {url}",
    ["code", "days", "url"],
    "Hồ sơ trực tuyến quá hạn bổ sung, hệ thống rút hồ sơ",
    sample=SAMPLE,
)
register(
    "dossier_guided_expired",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) đã được hướng dẫn bổ sung nhưng không được nộp lại "
    "trong {days} ngày nên hệ thống đã rút hồ sơ. Ông/bà có thể nộp hồ sơ mới.\nChi tiết: {url}\n\nTrân trọng.",
    ["code", "procedure", "days", "url"],
    "Hồ sơ trực tuyến quá hạn bổ sung (thư điện tử)",
    email_subject="Hồ sơ {code} đã được rút do quá hạn bổ sung",
    sample=SAMPLE,
)
register(
    "dossier_resubmitted",
    "EMAIL",
    "Kính gửi ông/bà,\n\nHệ thống đã nhận hồ sơ {code} ({procedure}) nộp lại sau hướng dẫn bổ sung. "
    "{agency} sẽ kiểm tra lại hồ sơ.\nTheo dõi hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "agency", "url"],
    "Nộp lại hồ sơ trực tuyến (thư điện tử)",
    email_subject="Đã nhận hồ sơ {code} nộp lại",
    sample=SAMPLE,
)
