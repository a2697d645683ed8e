"""The petitioner's and officers' messages about petitions, declared in the notifications registry:
the receipt, the request for more information, the refusal and the answer (SMS and e-mail side by
side, DOMAIN §11), and the officers' reminders. Every message of the feedback app is here.
"""

from __future__ import annotations

from motcua.notifications.registry import register

register(
    "petition_submitted",
    "SMS",
    "Đã nhận phản ánh, kiến nghị {code}. Theo dõi tại {url}",
    ["code", "url"],
    "Xác nhận đã nhận phản ánh, kiến nghị",
)
register(
    "petition_info_requested",
    "SMS",
    "Phản ánh {code} cần bổ sung thông tin. Xem và trả lời tại {url}",
    ["code", "url"],
    "Đề nghị bổ sung thông tin phản ánh",
)
register(
    "petition_refused",
    "SMS",
    "Phản ánh {code} không được tiếp nhận: {reason}. Chi tiết tại {url}",
    ["code", "reason", "url"],
    "Từ chối tiếp nhận phản ánh",
)
register(
    "petition_answered",
    "SMS",
    "Phản ánh, kiến nghị {code} đã được trả lời. Xem tại {url}",
    ["code", "url"],
    "Trả lời phản ánh, kiến nghị",
)
register(
    "petition_answered",
    "EMAIL",
    "Kính gửi ông/bà,\n\nPhản ánh, kiến nghị {code} đã được {agency} trả lời.\n\n{answer}\n\n"
    "Xem tại: {url}\n\nTrân trọng.",
    ["code", "agency", "answer", "url"],
    "Trả lời phản ánh, kiến nghị (thư điện tử)",
    email_subject="Trả lời phản ánh, kiến nghị {code}",
)
register(
    "petition_submitted",
    "EMAIL",
    "Kính gửi ông/bà,\n\nChúng tôi đã nhận phản ánh, kiến nghị {code}. Theo dõi tại: {url}\n\nTrân trọng.",
    ["code", "url"],
    "Xác nhận đã nhận phản ánh (thư điện tử)",
    email_subject="Đã nhận phản ánh, kiến nghị {code}",
)
register(
    "petition_reminder",
    "EMAIL",
    "Kính gửi {name},\n\nPhản ánh {code}: {limit} đến hạn lúc {due}. Xử lý tại {url}\n\nTrân trọng.",
    ["name", "code", "limit", "due", "url"],
    "Nhắc hạn xử lý phản ánh (cán bộ)",
    email_subject="Nhắc hạn phản ánh {code}",
)
