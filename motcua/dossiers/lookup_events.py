"""The SMS replies of the look-up by SMS (DOMAIN §11), declared in the notifications registry.

Imported by `motcua.dossiers.lookup` only. Replies carry no personal data: the code, the state,
the due date and whether the result is ready. Kept short: Vietnamese with diacritics is UCS-2,
70 characters for one SMS and 67 per segment.
"""

from __future__ import annotations

from motcua.notifications.registry import register

LOOKUP_STATUS = "lookup_sms_status"
LOOKUP_HELP = "lookup_sms_help"
LOOKUP_LIMITED = "lookup_sms_limited"

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
