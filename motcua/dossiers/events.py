"""The intake's messages to the applicant, declared in the notifications registry.

The SMS of `dossier_received` and `dossier_refused` come with the notifications app's generic
events; the dossier app adds the guide SMS and the e-mail versions, with the look-up link.
"""

from __future__ import annotations

from motcua.notifications.registry import register

register(
    "dossier_guided",
    "SMS",
    "Hồ sơ {code} cần bổ sung, hoàn thiện: {documents}. Xem phiếu hướng dẫn tại {url}",
    ["code", "documents", "url"],
    "Hướng dẫn bổ sung khi tiếp nhận (mẫu 02)",
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
    "EMAIL",
    "Kính gửi ông/bà,\n\nHồ sơ {code} ({procedure}) cần bổ sung, hoàn thiện các giấy tờ sau: {documents}.\n"
    "Phiếu hướng dẫn và tình trạng hồ sơ: {url}\n\nTrân trọng.",
    ["code", "procedure", "documents", "url"],
    "Hướng dẫn bổ sung khi tiếp nhận (thư điện tử)",
    email_subject="Hồ sơ {code} cần bổ sung, hoàn thiện",
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
